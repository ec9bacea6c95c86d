// @ts-check
// The phone's tabs in a real browser (ui/dist-e2e, fake Voice SDK, Tauri's IPC mocked with a
// journal that answers like Rust's): Keypad, Recents, Voicemail, Contacts, the badges, call
// back, add to contacts, vCard import, playing a message through a Blob URL, delete; the
// caller's name on the incoming screen; screenshots of each tab in both languages.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, ipcCalls, openApp, screenshot, servedBuild } from './harness.mjs';

const build = servedBuild(join(UI_DIR, 'dist-e2e'));

/**
 * A journal with calls ten minutes ago and earlier, two messages, one contact.
 * @returns {any}
 */
function journal() {
  const at = (/** @type {number} */ minutesAgo) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    status: { available: true, path: '/data/calls.sqlite3', problem: null, recordedGreeting: false },
    history: [
      { call_sid: 'CA0000000000000000000000000000000a', direction: 'inbound', number: '+12129761234', name: null, started_at: at(10), status: 'missed', duration_secs: 0, voicemail: { recording_sid: 'RE0000000000000000000000000000000a', duration_secs: 12, heard: false } },
      { call_sid: 'CA0000000000000000000000000000000b', direction: 'outbound', number: '+442079460958', name: 'Ada Lovelace', started_at: at(90), status: 'answered', duration_secs: 125, voicemail: null, quality: { codec: 'opus', average_mos: 3.4, worst_warning: 'high-jitter' } },
      { call_sid: 'CA0000000000000000000000000000000c', direction: 'inbound', number: 'anonymous', name: null, started_at: at(60 * 30), status: 'declined', duration_secs: 0, voicemail: null },
      { call_sid: 'CA0000000000000000000000000000000d', direction: 'inbound', number: '+13125550123', name: null, started_at: at(60 * 50), status: 'missed', duration_secs: 0, voicemail: null },
    ],
    voicemails: [
      { recording_sid: 'RE0000000000000000000000000000000a', call_sid: 'CA0000000000000000000000000000000a', number: '+12129761234', name: null, received_at: at(10), duration_secs: 12, heard: false },
      { recording_sid: 'RE0000000000000000000000000000000e', call_sid: 'CA0000000000000000000000000000000e', number: '+442079460958', name: 'Ada Lovelace', received_at: at(60 * 26), duration_secs: 47, heard: true },
    ],
    contacts: [{ id: 1, name: 'Ada Lovelace', numbers: [{ number: '+442079460958', label: 'work' }] }],
  };
}

/** @param {import('playwright-core').Page} page @param {string} name */
const tab = (page, name) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

/** @param {{ pageErrors: string[], page: import('playwright-core').Page }} app */
async function assertClean(app) {
  assert.deepEqual(await app.page.evaluate(() => /** @type {any} */ (window).__cspViolations), [], 'no CSP violations');
  assert.deepEqual(app.pageErrors, [], 'no page errors');
}

/** @param {import('playwright-core').Page} page */
const ready = (page) => page.locator('#status-pill').getByText('Ready').waitFor();

describe('the phone’s tabs', () => {
  test('tabs by keyboard: roles, aria-selected, arrows; digits still dial on the keypad; the tab is kept on reload', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal(), diagnostics: false });
    const { page } = app;
    await ready(page);
    assert.equal(await page.getByRole('tablist').count(), 1);
    assert.equal(await page.getByRole('tab').count(), 4);
    assert.equal(await tab(page, 'Keypad').getAttribute('aria-selected'), 'true');
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('5');
    assert.equal(await page.locator('#number').inputValue(), '5', 'digits typed anywhere reach the keypad');
    await tab(page, 'Keypad').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-recents');
    assert.equal(await tab(page, 'Recents').getAttribute('aria-selected'), 'true');
    await page.getByRole('tabpanel').getByRole('heading', { name: 'Recents' }).waitFor();
    assert.equal(await page.locator('#number').isVisible(), false, 'the keypad is hidden');
    await page.keyboard.press('7');
    assert.equal(await page.locator('#number').inputValue(), '5', 'but not from another tab');
    await page.keyboard.press('End');
    assert.equal(await tab(page, 'Contacts').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowRight');
    assert.equal(await tab(page, 'Keypad').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await tab(page, 'Contacts').getAttribute('aria-selected'), 'true');
    // The current tab lasts the session.
    await page.reload();
    await ready(page);
    assert.equal(await tab(page, 'Contacts').getAttribute('aria-selected'), 'true');
    // The device log lives in Diagnostics now, folded away.
    assert.equal(await page.locator('.log-list').isVisible(), false);
    await page.getByText('Diagnostics').click();
    await page.locator('.log-list').getByText('Ready: registered with Twilio.').waitFor();
    await assertClean(app);
    await app.context.close();
  });

  test('badges: missed calls since Recents was last looked at, new voicemail; looking clears the first', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal() });
    const { page } = app;
    await ready(page);
    await tab(page, 'Recents').locator('.tab-badge').getByText('2', { exact: true }).waitFor();
    assert.equal(await tab(page, 'Recents').getAttribute('aria-selected'), 'false');
    assert.match((await tab(page, 'Recents').textContent()) ?? '', /2 missed calls/, 'screen readers hear what the number means');
    assert.match((await tab(page, 'Voicemail').textContent()) ?? '', /1 new message/);
    await tab(page, 'Recents').click();
    await page.locator('.recents-list .journal-entry').first().waitFor();
    await page.waitForFunction(() => document.querySelector('#tab-recents .tab-badge')?.hasAttribute('hidden'));
    // A new missed call arrives while the window is elsewhere: the badge comes back with one.
    await tab(page, 'Keypad').click();
    await page.evaluate(() => {
      const j = /** @type {any} */ (window).__ipc.journal;
      j.history.unshift({ ...j.history[0], call_sid: 'CA0000000000000000000000000000000f', started_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), voicemail: null });
      window.dispatchEvent(new Event('focus'));
    });
    await tab(page, 'Recents').locator('.tab-badge').getByText('1', { exact: true }).waitFor();
    await assertClean(app);
    await app.context.close();
  });

  test('the journal changing under the page (`journal-changed`): the badges and the list follow, focus and place stay', async () => {
    const data = journal();
    // Older calls, enough that Recents scrolls in the window.
    for (let i = 0; i < 30; i++) {
      data.history.push({ call_sid: `CA${(0x100 + i).toString(16).padStart(32, '0')}`, direction: 'outbound', number: `+1312555${String(1000 + i)}`, name: null, started_at: new Date(Date.now() - (3 + i) * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'), status: 'answered', duration_secs: 60, voicemail: null });
    }
    const app = await openApp(build.browser, build.server.url, { journal: data });
    const { page } = app;
    await ready(page);
    await tab(page, 'Recents').click();
    const rows = page.locator('.recents-list .journal-entry');
    await page.waitForFunction(() => document.querySelectorAll('.recents-list .journal-entry').length === 34);
    await page.getByRole('tab', { name: /^Voicemail.*1 new message$/ }).waitFor();
    const changed = () => page.evaluate(() => /** @type {any} */ (window).__ipc.emit('journal-changed', null));
    /** The journal's reads the page has made so far. */
    const reads = async () => (await ipcCalls(page)).filter((/** @type {string} */ c) => c === 'call_history' || c === 'voicemails').length;

    // The user is halfway down Recents, on a row's Call button.
    const far = `CA${(0x100 + 15).toString(16).padStart(32, '0')}`;
    const farButton = page.locator(`li[data-call-sid="${far}"] .call-back`);
    await farButton.evaluate((b) => b.scrollIntoView({ block: 'center' }));
    await farButton.focus();
    const before = await farButton.evaluate((b) => {
      /** @type {any} */ (b).kept = true;
      return { top: b.getBoundingClientRect().top, scroll: /** @type {HTMLElement} */ (document.querySelector('#panel-recents')).scrollTop };
    });
    assert.ok(before.scroll > 0, 'the list is scrolled');

    // A caller leaves a message meanwhile (a webhook, in Rust): a missed call and a new voicemail.
    await page.evaluate(() => {
      const j = /** @type {any} */ (window).__ipc.journal;
      const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const recording = { recording_sid: 'RE0000000000000000000000000000000f', duration_secs: 8, heard: false };
      j.history.unshift({ call_sid: 'CA0000000000000000000000000000000f', direction: 'inbound', number: '+13125550199', name: null, started_at: at, status: 'missed', duration_secs: 0, voicemail: recording });
      j.voicemails.unshift({ ...recording, call_sid: 'CA0000000000000000000000000000000f', number: '+13125550199', name: null, received_at: at });
    });
    await changed();
    await page.getByRole('tab', { name: /^Voicemail.*2 new messages$/ }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.recents-list .journal-entry').length === 35);
    assert.equal(await rows.first().getAttribute('data-call-sid'), 'CA0000000000000000000000000000000f', 'the new call is on top');
    const after = await page.evaluate(() => {
      const active = /** @type {any} */ (document.activeElement);
      return { kept: active?.kept === true, row: active?.closest('li')?.dataset.callSid, top: active?.getBoundingClientRect().top, scroll: /** @type {HTMLElement} */ (document.querySelector('#panel-recents')).scrollTop };
    });
    assert.deepEqual({ kept: after.kept, row: after.row }, { kept: true, row: far }, 'focus stays on the very same button');
    assert.ok(Math.abs(after.top - before.top) <= 1, `the row stays where the user sees it: ${before.top} → ${after.top}`);
    assert.ok(after.scroll > before.scroll, 'the list scrolled by the new row');
    assert.equal(await tab(page, 'Recents').locator('.tab-badge').isHidden(), true, 'a missed call that shows up in an open Recents is seen');

    // A row that changed is drawn again, and focus goes to the same button of its new row.
    const first = 'CA0000000000000000000000000000000a';
    await page.locator(`li[data-call-sid="${first}"] .call-back`).focus();
    await page.evaluate((sid) => {
      /** @type {any} */ (document.querySelector(`li[data-call-sid="${sid}"]`)).old = true;
      const j = /** @type {any} */ (window).__ipc.journal;
      j.history.find((/** @type {any} */ e) => e.call_sid === sid).voicemail.heard = true;
    }, first);
    await changed();
    await page.waitForFunction((sid) => /** @type {any} */ (document.querySelector(`li[data-call-sid="${sid}"]`))?.old !== true, first);
    assert.deepEqual(
      await page.evaluate(() => [document.activeElement?.closest('li')?.dataset.callSid, document.activeElement?.classList.contains('call-back')]),
      [first, true],
    );

    // Nothing new: nothing is drawn again.
    await page.evaluate(() => {
      for (const li of document.querySelectorAll('.recents-list li, .voicemail-list li')) /** @type {any} */ (li).same = true;
    });
    const readsBefore = await reads();
    await changed();
    await page.waitForFunction((n) => /** @type {any} */ (window).__ipc.calls.filter((/** @type {any} */ c) => c.cmd === 'call_history' || c.cmd === 'voicemails').length >= n + 2, readsBefore);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
    assert.equal(await page.evaluate(() => Array.from(document.querySelectorAll('.recents-list li, .voicemail-list li')).every((li) => /** @type {any} */ (li).same === true)), true, 'the same rows');
    await assertClean(app);
    await app.context.close();
  });

  test('Recents: names or numbers, status, time and length; the missed filter; call back in one click; add to contacts', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal() });
    const { page } = app;
    await ready(page);
    await tab(page, 'Recents').click();
    const rows = page.locator('.recents-list .journal-entry');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 4);
    const first = await rows.nth(0).innerText();
    assert.match(first, /\(212\) 976-1234/, 'a home number in national form');
    assert.match(first, /Missed · 10 minutes ago/);
    assert.match(first, /Voicemail/);
    const second = await rows.nth(1).innerText();
    assert.match(second, /Ada Lovelace[\s\S]*\+44 20 7946 0958[\s\S]*Outgoing · .* · 2:05/);
    // How it sounded, as the journal kept it: the grade and codec, the details in the tooltip.
    const quality = rows.nth(1).locator('.journal-quality');
    assert.equal((await quality.innerText()).trim(), '· Fair line · Opus');
    assert.match((await quality.getAttribute('title')) ?? '', /Average call quality score \u2068?3\.4\u2069? out of 5\. Worst moment: \u2068?The audio arrives unevenly/);
    assert.equal(await rows.nth(0).locator('.journal-quality').count(), 0, 'a call the phone did not measure says nothing');
    assert.match(await rows.nth(2).innerText(), /Withheld number[\s\S]*Declined/);
    assert.equal(await rows.nth(2).locator('.call-back').count(), 0, 'a withheld number cannot be called back');

    await page.getByRole('button', { name: 'Missed', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('.recents-list .journal-entry').length === 2);
    assert.ok((await page.evaluate(() => /** @type {any} */ (window).__ipc.calls)).some((/** @type {any} */ c) => c.cmd === 'call_history' && c.args.filter?.missedOnly === true));
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('.recents-list .journal-entry').length === 4);

    // Call back: the keypad's own dial path, to the entry's E.164 number.
    await page.getByRole('button', { name: 'Call (212) 976-1234' }).click();
    await page.locator('.call-label').getByText('Calling…').waitFor();
    const params = await page.evaluate(() => /** @type {any} */ (globalThis).__fakeTwilio.device.connectParams);
    assert.deepEqual(params.at(-1)?.params, { To: '+12129761234' });
    await page.evaluate(() => /** @type {any} */ (globalThis).__fakeTwilio.lastCall.remoteHangup());
    await page.getByRole('tab', { name: /^Recents/ }).waitFor();
    assert.equal(await tab(page, 'Recents').getAttribute('aria-selected'), 'true', 'back where the call was placed from');

    // Add to contacts: the form opens on Contacts with the number filled in.
    await page.getByRole('button', { name: 'Add (212) 976-1234 to contacts' }).click();
    assert.equal(await tab(page, 'Contacts').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#contact-numbers').inputValue(), '+12129761234');
    await page.locator('#contact-name').fill('Grace Hopper');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Grace Hopper added.').waitFor();
    const add = (await page.evaluate(() => /** @type {any} */ (window).__ipc.calls)).find((/** @type {any} */ c) => c.cmd === 'add_contact');
    assert.deepEqual(add.args, { draft: { name: 'Grace Hopper', numbers: [{ number: '+12129761234', label: null }] } });
    await page.locator('.contacts-list').getByText('Grace Hopper').waitFor();
    await assertClean(app);
    await app.context.close();
  });

  test('Recents "Clear": by keyboard, asked first (Escape keeps them), voicemail kept; a failure says why', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal() });
    const { page } = app;
    await ready(page);
    await tab(page, 'Recents').click();
    await page.locator('.recents-list .journal-entry').first().waitFor();
    const clear = page.getByRole('button', { name: 'Clear', exact: true });
    await clear.focus();
    await page.keyboard.press('Enter');
    const question = page.getByRole('group', { name: 'Clear all recents? Voicemail and contacts are kept.' });
    await question.waitFor();
    assert.equal(await clear.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Clear recents', 'focus moves to the question');
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('clear-recents')), true, 'Escape goes back to Clear');
    assert.equal(await page.locator('.recents-list .journal-entry').count(), 4, 'nothing cleared yet');
    assert.ok(!(await ipcCalls(page)).includes('clear_call_history'));

    // Asked to fail first: the reason shows and the calls stay.
    await page.evaluate(() => {
      /** @type {any} */ (window).__ipc.journal.clearError = { kind: 'history', message: 'the call history could not be written: disk full' };
    });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Recents were not cleared: the call history could not be written: disk full').waitFor();
    assert.equal(await page.locator('.recents-list .journal-entry').count(), 4);

    await page.evaluate(() => {
      delete (/** @type {any} */ (window).__ipc.journal.clearError);
    });
    await clear.click();
    await page.getByRole('button', { name: 'Clear recents' }).click();
    await page.getByRole('status').getByText('Recents cleared.').waitFor();
    await page.locator('.recents-list').getByText('No calls yet.').waitFor();
    assert.equal(await clear.isDisabled(), true, 'nothing left to clear');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'recents-title', 'focus stays in the tab');
    assert.equal((await ipcCalls(page)).filter((/** @type {string} */ c) => c === 'clear_call_history').length, 2, 'the failed try and this one');
    await tab(page, 'Voicemail').click();
    assert.equal(await page.locator('.voicemail-entry').count(), 2, 'voicemail is kept');
    await assertClean(app);
    await app.context.close();
  });

  test('History unavailable: the reason from history_status, and the keypad still works', async () => {
    const j = journal();
    j.status = { available: false, path: '/data/calls.sqlite3', problem: 'the journal file is damaged; it was moved aside to calls.sqlite3.damaged-1', recordedGreeting: false };
    const app = await openApp(build.browser, build.server.url, { journal: j });
    const { page } = app;
    await ready(page);
    await tab(page, 'Recents').click();
    await page.locator('#panel-recents').getByText('History is unavailable: the journal file is damaged; it was moved aside to calls.sqlite3.damaged-1').waitFor();
    assert.ok(!(await ipcCalls(page)).includes('call_history'), 'no history asked of a journal that is down');
    await tab(page, 'Keypad').click();
    assert.equal(await page.locator('#number').isVisible(), true);
    await assertClean(app);
    await app.context.close();
  });

  test('Voicemail: play through a Blob URL in an <audio> element, marked heard; save; delete after confirming', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal() });
    const { page } = app;
    await ready(page);
    await tab(page, 'Voicemail').click();
    const rows = page.locator('.voicemail-list .journal-entry');
    await rows.first().waitFor();
    assert.match(await rows.nth(0).innerText(), /\(212\) 976-1234[\s\S]*New[\s\S]*10 minutes ago · 0:12/);
    assert.match(await rows.nth(1).innerText(), /Ada Lovelace[\s\S]*0:47/);
    // Each row's buttons say whose message they act on (their description is the row).
    const described = await rows.nth(1).getByRole('button', { name: 'Play' }).evaluate((button) => {
      const ids = (button.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
    assert.match(described, /Ada Lovelace.*0:47/);

    await rows.nth(0).getByRole('button', { name: 'Play' }).click();
    const player = page.locator('audio.voicemail-player');
    await page.waitForFunction(() => {
      const audio = /** @type {HTMLAudioElement | null} */ (document.querySelector('audio.voicemail-player'));
      return audio !== null && !audio.paused && audio.currentTime > 0;
    });
    assert.match((await player.getAttribute('src')) ?? '', /^blob:http:\/\/127\.0\.0\.1:\d+\//);
    const calls = await page.evaluate(() => /** @type {any} */ (window).__ipc.calls);
    assert.ok(calls.some((/** @type {any} */ c) => c.cmd === 'voicemail_audio' && c.args.recordingSid === 'RE0000000000000000000000000000000a'));
    assert.ok(calls.some((/** @type {any} */ c) => c.cmd === 'mark_voicemail_heard' && c.args.heard === true));
    await page.waitForFunction(() => document.querySelector('#tab-voicemail .tab-badge')?.hasAttribute('hidden'));

    await rows.nth(1).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved to /home/user/Downloads/voicemail-RE0000000000000000000000000000000e.wav').waitFor();

    await rows.nth(1).getByRole('button', { name: 'Delete' }).click();
    assert.ok(!(await ipcCalls(page)).includes('delete_voicemail'), 'one click only asks');
    await rows.nth(1).getByRole('button', { name: 'Keep' }).click();
    await rows.nth(1).getByRole('button', { name: 'Delete' }).click();
    await rows.nth(1).getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText('Message deleted.').waitFor();
    assert.equal(await rows.count(), 1);
    assert.deepEqual((await page.evaluate(() => /** @type {any} */ (window).__ipc.calls)).filter((/** @type {any} */ c) => c.cmd === 'delete_voicemail').map((/** @type {any} */ c) => c.args), [{ recordingSid: 'RE0000000000000000000000000000000e' }]);

    // The greeting: a recorded one uploaded as bytes, then back to the spoken one.
    await page.locator('#greeting-file').setInputFiles({ name: 'greeting.wav', mimeType: 'audio/wav', buffer: Buffer.from('RIFF0000WAVEfmt ') });
    await page.getByText('Callers hear your recorded greeting.').waitFor();
    await page.getByRole('button', { name: 'Use the spoken greeting' }).click();
    await page.getByText('Back to the spoken greeting.').waitFor();
    await assertClean(app);
    await app.context.close();
  });

  test('Contacts: search, edit, delete, and a vCard import with its report', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal() });
    const { page } = app;
    await ready(page);
    await tab(page, 'Contacts').click();
    const rows = page.locator('.contacts-list .journal-entry');
    await rows.first().waitFor();

    const vcard = [
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Grace Hopper', 'TEL;TYPE=CELL:+12129761234', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Alan Turing', 'TEL:+13125550123', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:No Number', 'END:VCARD',
    ].join('\r\n');
    await page.getByText('Import a vCard file').click();
    await page.locator('#vcard-file').setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcard) });
    await page.getByText('2 contacts imported.').waitFor();
    await page.getByText('1 had no phone number and was skipped.').waitFor();
    assert.equal(await rows.count(), 3);

    await page.locator('#contact-search').fill('turing');
    await page.waitForFunction(() => document.querySelectorAll('.contacts-list .journal-entry').length === 1);
    assert.match(await rows.first().innerText(), /Alan Turing[\s\S]*\+1 312-555-0123|Alan Turing[\s\S]*312/);
    await page.locator('#contact-search').fill('7946');
    await page.waitForFunction(() => document.querySelector('.contacts-list')?.textContent?.includes('Ada Lovelace') && document.querySelectorAll('.contacts-list .journal-entry').length === 1);
    await page.locator('#contact-search').fill('');
    await page.waitForFunction(() => document.querySelectorAll('.contacts-list .journal-entry').length === 3);

    await rows.filter({ hasText: 'Ada Lovelace' }).getByRole('button', { name: 'Edit' }).click();
    assert.equal(await page.locator('#contact-name').inputValue(), 'Ada Lovelace');
    await page.locator('#contact-name').fill('Ada King');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Ada King saved.').waitFor();
    const edit = (await page.evaluate(() => /** @type {any} */ (window).__ipc.calls)).find((/** @type {any} */ c) => c.cmd === 'edit_contact');
    assert.deepEqual(edit.args, { id: 1, draft: { name: 'Ada King', numbers: [{ number: '+442079460958', label: 'work' }] } }, 'the label survives an edit');

    await rows.filter({ hasText: 'Alan Turing' }).getByRole('button', { name: 'Delete' }).click();
    await rows.filter({ hasText: 'Alan Turing' }).getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText('Alan Turing deleted.').waitFor();
    assert.equal(await rows.count(), 2);
    await assertClean(app);
    await app.context.close();
  });

  test('a clicked notification (`open-at`) opens the tab at that call or message, over Settings too', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal() });
    const { page } = app;
    await ready(page);
    const openAt = (/** @type {any} */ at) => page.evaluate((a) => /** @type {any} */ (window).__ipc.emit('open-at', a), at);
    const opened = page.locator('.journal-entry.is-opened');

    // A missed call, while Settings is open: Settings gives way to Recents at that call.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await openAt({ view: 'call', callSid: 'CA0000000000000000000000000000000d' });
    await opened.waitFor();
    assert.equal(await tab(page, 'Recents').getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByRole('heading', { name: 'Settings' }).isHidden(), true);
    assert.equal(await opened.getAttribute('data-call-sid'), 'CA0000000000000000000000000000000d');
    assert.equal(await opened.getAttribute('aria-current'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-call-sid')), 'CA0000000000000000000000000000000d', 'focus is on it');
    await screenshot(page, 'open-at-missed-call');

    // With the missed filter on, an answered call is still found: the filter goes back to all.
    await page.getByRole('button', { name: 'Missed', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('.recents-list .journal-entry').length === 2);
    await openAt({ view: 'call', callSid: 'CA0000000000000000000000000000000b' });
    await page.locator('.journal-entry.is-opened[data-call-sid="CA0000000000000000000000000000000b"]').waitFor();
    assert.equal(await opened.count(), 1, 'one entry is marked');

    // A new voicemail: the Voicemail tab at that message.
    await openAt({ view: 'voicemail', recordingSid: 'RE0000000000000000000000000000000e' });
    await page.locator('.voicemail-list .journal-entry.is-opened[data-recording-sid="RE0000000000000000000000000000000e"]').waitFor();
    assert.equal(await tab(page, 'Voicemail').getAttribute('aria-selected'), 'true');

    // The phone itself (a call rings) and anything malformed change no tab.
    await openAt({ view: 'phone' });
    await openAt({ view: 'call' });
    await openAt({ view: 'elsewhere', callSid: 'CA0000000000000000000000000000000a' });
    await page.waitForTimeout(200);
    assert.equal(await tab(page, 'Voicemail').getAttribute('aria-selected'), 'true');
    await assertClean(app);
    await app.context.close();
  });

  test('the incoming screen names a caller who is a contact, with the number under the name', async () => {
    const app = await openApp(build.browser, build.server.url, { journal: journal() });
    const { page } = app;
    await ready(page);
    await page.evaluate(() => /** @type {any} */ (globalThis).__fakeTwilio.device.incoming('+442079460958'));
    await page.locator('#incoming-caller').getByText('Ada Lovelace').waitFor();
    assert.equal(await page.locator('#incoming-number').innerText(), '+44 20 7946 0958');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-number').getByText('Ada Lovelace').waitFor();
    await assertClean(app);
    await app.context.close();
  });
});

describe('screenshots of each tab in both languages', () => {
  for (const [language, locale] of /** @type {const} */ ([['en', 'en-US'], ['ja', 'ja-JP']])) {
    test(language, async () => {
      const app = await openApp(build.browser, build.server.url, { journal: journal(), locale, diagnostics: false });
      const { page } = app;
      await page.locator('#status-pill[data-status="ready"], #status-pill').first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[role="tab"]').length === 4);
      for (const name of ['keypad', 'recents', 'voicemail', 'contacts']) {
        await page.locator(`#tab-${name}`).click();
        await page.locator(`#panel-${name}`).waitFor();
        if (name !== 'keypad') await page.locator(`#panel-${name} .journal-entry`).first().waitFor();
        // Nothing wider than the window: long words wrap.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0, `${name} (${language}) fits 400 px`);
        await screenshot(page, `tab-${name}-${language}`);
      }
      await assertClean(app);
      await app.context.close();
    });
  }
});
