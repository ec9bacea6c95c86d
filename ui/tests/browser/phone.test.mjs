// @ts-check
// The phone in a real browser: ui/dist-e2e (the app with the fake Voice SDK) under the
// production CSP, with Tauri's IPC mocked. Run `npm run build:e2e` first.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, completeSettings, ipcCalls, openApp, pauseClock, screenshot, servedBuild } from './harness.mjs';

const DIST = join(UI_DIR, 'dist-e2e');

const build = servedBuild(DIST);

/** @param {import('playwright-core').Page} page */
const statusPill = (page) => page.locator('#status-pill');
/** @param {import('playwright-core').Page} page */
const logText = (page) => page.locator('.log-list').innerText();
/** @param {import('playwright-core').Page} page */
const fake = (page) => page.evaluate(() => {
  const f = globalThis.__fakeTwilio;
  const call = f.lastCall;
  return {
    devices: f.devices.length,
    tokens: f.device?.tokens ?? [],
    registerCount: f.device?.registerCount ?? 0,
    state: f.device?.state,
    connectParams: f.device?.connectParams ?? [],
    call: call && {
      status: call.status(),
      digits: call.digits,
      muted: call.isMuted(),
      acceptCount: call.acceptCount,
      rejectCount: call.rejectCount,
      disconnectCount: call.disconnectCount,
      listeners: call.listenerCount(),
    },
  };
});

/** @param {import('playwright-core').Page} page */
async function ready(page) {
  await statusPill(page).getByText('Ready').waitFor();
}

/** @param {{ pageErrors: string[], page: import('playwright-core').Page }} app */
async function assertClean(app) {
  const violations = await app.page.evaluate(() => /** @type {any} */ (window).__cspViolations);
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.deepEqual(app.pageErrors, [], 'no page errors');
}

describe('registration', () => {
  test('registers on start with our options and shows Ready', async () => {
    const app = await openApp(build.browser, build.server.url, { timers: true });
    const { page } = app;
    await ready(page);
    await page.getByText('Calls to +1 555 123 4567 ring here.').waitFor();
    assert.match(await logText(page), /Requesting an access token…[\s\S]*Got a token[\s\S]*Ready: registered with Twilio\./);

    const options = await page.evaluate(() => {
      const o = /** @type {any} */ (globalThis.__fakeTwilio.device?.options);
      return { ...o, sounds: o.sounds };
    });
    assert.deepEqual(options.codecPreferences, ['opus', 'pcmu']);
    assert.equal(options.allowIncomingWhileBusy, false);
    // A signaling drop mid-call is survivable only when the gateway keeps the call (listen.reconnectTimeout).
    assert.equal(options.maxCallSignalingTimeoutMs, 30000);
    assert.ok(options.closeProtection, 'close protection on');
    const names = Object.keys(options.sounds).sort();
    assert.deepEqual(names, ['disconnect', 'dtmf0', 'dtmf1', 'dtmf2', 'dtmf3', 'dtmf4', 'dtmf5', 'dtmf6', 'dtmf7', 'dtmf8', 'dtmf9', 'dtmfh', 'dtmfs', 'incoming', 'outgoing']);
    for (const url of Object.values(options.sounds)) {
      assert.ok(String(url).startsWith(build.server.url), `${url} is same-origin`);
      const res = await page.evaluate(async (u) => {
        const r = await fetch(u);
        return { ok: r.ok, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
      }, String(url));
      assert.ok(res.ok && res.type === 'audio/wav' && res.size > 1000, `${url} serves a WAV`);
    }

    // Footprint: an idle phone runs no timers at all.
    const timers = await page.evaluate(() => {
      const t = /** @type {any} */ (window).__timers;
      return { pending: t.pending.size, intervals: t.intervals.size };
    });
    assert.deepEqual(timers, { pending: 0, intervals: 0 });

    await screenshot(page, 'idle');
    await assertClean(app);
    await app.context.close();
  });

  test('a failing token fetch says why and offers settings', async () => {
    const app = await openApp(build.browser, build.server.url, {
      tokenError: { kind: 'missing_settings', message: 'missing settings: Account SID (account_sid), API Key Secret (api_key_secret)' },
    });
    const { page } = app;
    await statusPill(page).getByText('Setup needed').waitFor();
    await page.locator('.status-detail').getByText('Could not get an access token: missing settings: Account SID').waitFor();
    assert.match(await logText(page), /Could not get an access token: missing settings[\s\S]*What to do: Open Settings/);
    // The Call button looks unavailable, and pressing it says why right there.
    const call = page.getByRole('button', { name: 'Call', exact: true });
    assert.equal(await call.getAttribute('aria-disabled'), 'true');
    await page.locator('#number').fill('+15557654321');
    // aria-disabled, not disabled: it still takes a click (Playwright alone would wait for it).
    await call.click({ force: true });
    await page.locator('#number-message').getByText('Can’t call yet: Could not get an access token: missing settings').waitFor();
    const after = await fake(page);
    assert.deepEqual([after.devices, after.call], [0, null], 'nothing dialed');
    await screenshot(page, 'setup-needed');
    await page.getByRole('button', { name: 'Open settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await assertClean(app);
    await app.context.close();
  });

  test('a locked keychain says so with its fix, not "setup needed"', async () => {
    const message = 'the Secret Service keychain is locked: unlock the "login" keyring (e.g. log out and in again), then retry';
    const app = await openApp(build.browser, build.server.url, { tokenError: { kind: 'keychain', message } });
    const { page } = app;
    await statusPill(page).getByText('Keychain locked').waitFor();
    assert.equal(await statusPill(page).getByText('Setup needed').count(), 0);
    await page.locator('.status-detail').getByText('unlock the "login" keyring').waitFor();
    // Settings are offered; closing them tries again, e.g. after unlocking.
    await page.getByRole('button', { name: 'Open settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.evaluate(() => {
      /** @type {any} */ (window).__ipc.tokenError = null;
    });
    await page.getByRole('button', { name: 'Back to the phone' }).click();
    await ready(page);
    await assertClean(app);
    await app.context.close();
  });

  test('an unreadable settings file is named', async () => {
    const message = 'cannot read /home/ada/.config/dialtone/settings.toml: expected `=` at line 3';
    const app = await openApp(build.browser, build.server.url, { tokenError: { kind: 'settings', message } });
    const { page } = app;
    await statusPill(page).getByText('Settings unreadable').waitFor();
    await page.locator('.status-detail').getByText('/home/ada/.config/dialtone/settings.toml').waitFor();
    await assertClean(app);
    await app.context.close();
  });

  test('recovers after a network drop: offline, backoff retry, ready again', async () => {
    const app = await openApp(build.browser, build.server.url, { clock: true });
    const { page } = app;
    await ready(page);
    await page.evaluate(() => globalThis.__fakeTwilio.device?.dropConnection());
    await statusPill(page).getByText('Offline').waitFor();
    assert.match(await logText(page), /Offline \(31009\)\. The link to Twilio is down[\s\S]*What to do: Check your internet connection/);
    const before = (await fake(page)).registerCount;
    await page.clock.runFor(2_100);
    await ready(page);
    assert.equal((await fake(page)).registerCount, before + 1, 'registered again after the first backoff step');
    await app.context.close();
  });

  test('re-registers at once when the network comes back and after sleep', async () => {
    const app = await openApp(build.browser, build.server.url, { fake: { registerOutcome: 'ok' } });
    const { page } = app;
    await ready(page);
    // Registration fails while the network is down...
    await page.evaluate(() => {
      globalThis.__fakeTwilio.registerOutcome = 31009;
      globalThis.__fakeTwilio.device?.dropConnection();
    });
    await statusPill(page).getByText('Offline').waitFor();
    // ...and the `online` event retries right away, without waiting for the backoff.
    await page.evaluate(() => {
      globalThis.__fakeTwilio.registerOutcome = 'ok';
      window.dispatchEvent(new Event('online'));
    });
    await ready(page);
    assert.match(await logText(page), /The network is back\./);

    // Waking from sleep: the page becomes visible with the registration gone.
    await page.evaluate(() => {
      const d = globalThis.__fakeTwilio.device;
      if (d) {
        // Dropped silently, as a suspended laptop's socket is.
        /** @type {any} */ (d)._state = 'unregistered';
      }
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await ready(page);
    assert.ok((await fake(page)).registerCount >= 3);
    await app.context.close();
  });

  test('refreshes the token on tokenWillExpire, deferred while a call is up', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await page.evaluate(() => globalThis.__fakeTwilio.device?.tokenWillExpire());
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.tokens.length === 2);
    assert.deepEqual((await fake(page)).tokens, ['fake-token-1', 'fake-token-2']);
    assert.match(await logText(page), /Access token renewed\./);

    // During a call: wait for the end of the call.
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    await page.evaluate(() => globalThis.__fakeTwilio.device?.tokenWillExpire());
    await page.getByText('it will be renewed when this call ends').waitFor();
    assert.equal((await fake(page)).tokens.length, 2, 'not refreshed during the call');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.tokens.length === 3);
    await assertClean(app);
    await app.context.close();
  });
});

describe('outgoing calls', () => {
  test('dial, ringing, connected, timer, mute, DTMF, hang up', async () => {
    const app = await openApp(build.browser, build.server.url, { clock: true });
    const { page } = app;
    await ready(page);
    await pauseClock(page);

    // Typing with the keyboard and the keypad; the number is normalised to E.164.
    await page.locator('#number').pressSequentially('(555) 123-45');
    await page.getByRole('button', { name: '6', exact: true }).click();
    await page.getByRole('button', { name: '7', exact: true }).click();
    await page.getByText('Calls +1 555 123 4567').waitFor();
    await screenshot(page, 'dialpad');

    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.locator('#call-label', { hasText: 'Calling…' }).waitFor();
    assert.deepEqual((await fake(page)).connectParams, [{ params: { To: '+15551234567' } }]);
    assert.equal(await page.locator('#call-number').innerText(), '+1 555 123 4567');

    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteRinging());
    await page.locator('#call-label', { hasText: 'Ringing…' }).waitFor();
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteAnswer());
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    const timer = page.getByRole('timer');
    assert.equal(await timer.innerText(), '00:00');
    await page.clock.runFor(1_000);
    assert.equal(await timer.innerText(), '00:01');
    await page.clock.runFor(64_000);
    assert.equal(await timer.innerText(), '01:05');

    // Mute: the button says so, and a badge shows it.
    const mute = page.getByRole('button', { name: 'Mute' });
    await mute.click();
    assert.equal(await mute.getAttribute('aria-pressed'), 'true');
    await page.getByText('Your microphone is muted').waitFor();
    assert.equal((await fake(page)).call?.muted, true);
    await screenshot(page, 'in-call');
    await mute.click();
    assert.equal((await fake(page)).call?.muted, false);
    assert.ok(await page.getByText('Your microphone is muted').isHidden());

    // DTMF from the keypad buttons and from the keyboard.
    await page.getByRole('button', { name: 'Keypad' }).click();
    const tones = page.getByRole('group', { name: 'Keypad tones' });
    await tones.getByRole('button', { name: '1', exact: true }).click();
    await tones.getByRole('button', { name: 'Pound' }).click();
    await page.locator('body').press('5');
    await page.locator('body').press('*');
    // Each key goes out at once: the browser's DTMF sender queues it behind the tones still
    // playing (dtmf.ts makes insertDTMF append), so nothing waits on a timer here.
    assert.deepEqual((await fake(page)).call?.digits, ['1', '#', '5', '*']);
    assert.equal(await page.locator('.dtmf-sent').innerText(), '1#5*');
    await page.waitForTimeout(400); // let the key flashes fade
    await screenshot(page, 'in-call-keypad');

    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.locator('#number').waitFor();
    const state = await fake(page);
    assert.equal(state.call?.disconnectCount, 1);
    assert.equal(state.call?.listeners, 0, 'the ended call has no listeners left');
    assert.match(await logText(page), /Calling \+1 555 123 4567…[\s\S]*Ringing…[\s\S]*Call connected\.[\s\S]*Call ended\./);
    assert.equal(await page.locator('#number').inputValue(), '', 'the dial pad is cleared after the call');
    await assertClean(app);
    await app.context.close();
  });

  test('an Italian home number: the trunk 0 stays, numbers show as Italians write them', async () => {
    const settings = completeSettings();
    for (const f of settings.fields) {
      if (f.name === 'twilio_number') f.value = '+390612345678';
      if (f.name === 'identity') f.value = 'dialtone_390612345678';
    }
    const app = await openApp(build.browser, build.server.url, { settings });
    const { page } = app;
    await ready(page);
    await page.locator('.status-detail').getByText('Calls to 06 1234 5678 ring here.').waitFor();
    const input = page.locator('#number');
    await input.pressSequentially('0612345679');
    assert.equal(await input.inputValue(), '06 1234 5679', 'formatted as typed, the Italian way');
    await page.getByText('Calls +39 06 1234 5679').waitFor();
    await input.press('Enter');
    await page.locator('#call-label', { hasText: 'Calling…' }).waitFor();
    assert.deepEqual((await fake(page)).connectParams, [{ params: { To: '+390612345679' } }]);
    assert.equal(await page.locator('#call-number').innerText(), '06 1234 5679');
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteHangup());
    await page.locator('#number').waitFor();
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+442079460958'));
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    assert.equal(await page.locator('#incoming-caller').innerText(), '+44 20 7946 0958', 'abroad: international');
    await app.context.close();
  });

  test('pasting normalises to the international number, or explains what is wrong', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    const input = page.locator('#number');
    /** @param {string} text */
    const paste = (text) =>
      input.evaluate((el, t) => {
        const data = new DataTransfer();
        data.setData('text/plain', t);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, text);
    await paste('0044 20 7946 0958');
    assert.equal(await input.inputValue(), '+44 20 7946 0958');
    await paste('1-800-FLOWERS');
    await page.getByText('A phone number can’t contain letters').waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await paste('555 12');
    await page.getByText('Too short for a +1 (your Twilio number’s country) number. For other countries start with +.').waitFor();
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    assert.equal((await fake(page)).connectParams.length, 0, 'an invalid number is not dialled');
    await input.fill('');
    await page.getByRole('button', { name: 'Plus (country code)' }).click();
    // Focus stays on the + key: typing still reaches the number.
    await page.keyboard.type('447700900123');
    assert.equal(await input.inputValue(), '+44 7700 900123', 'formatted as typed');
    await page.getByRole('button', { name: 'Delete last digit' }).click();
    assert.equal(await input.inputValue(), '+44 7700 90012');
    await input.press('Enter');
    await page.locator('#call-label', { hasText: 'Calling…' }).waitFor();
    assert.deepEqual((await fake(page)).connectParams, [{ params: { To: '+44770090012' } }]);
    await app.context.close();
  });

  test('a blocked microphone is explained with the fix', async () => {
    const app = await openApp(build.browser, build.server.url, { fake: { micError: 31401 } });
    const { page } = app;
    await ready(page);
    await page.locator('#number').fill('+15557654321');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.getByText(/Microphone blocked \(31401\)/).waitFor();
    assert.match(await logText(page), /What to do: Allow microphone access for Dialtone/);
    await page.locator('#number').waitFor();
    await app.context.close();
  });
});

describe('numbers from other programs (dialtone call, tel: links)', () => {
  /** @param {import('playwright-core').Page} page @param {string} number @param {boolean} now */
  const handDial = (page, number, now) =>
    page.evaluate(([n, w]) => /** @type {any} */ (window).__ipc.handDial(n, w), /** @type {const} */ ([number, now]));

  test('a number lands in the dial pad and waits for one press of Call', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await handDial(page, '+1 (555) 765-4321', false);
    await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.querySelector('#number')).value === '+15557654321');
    await page.locator('#number-message').getByText('+1 555 765 4321').waitFor();
    assert.match(await logText(page), /Another program handed over \+1 \(555\) 765-4321: press Call to dial it\./);
    assert.deepEqual((await fake(page)).connectParams, [], 'nothing is dialled before Call');
    // Taken once: the same event again finds nothing waiting.
    await page.evaluate(() => /** @type {any} */ (window).__ipc.emit('phone-command', { action: 'dial', number: '+15550000000', now: false }));
    const takes = (await ipcCalls(page)).filter((/** @type {string} */ c) => c === 'take_waiting_dial').length;
    assert.ok(takes >= 2, 'every dial event asks for the waiting number');
    assert.equal(await page.locator('#number').inputValue(), '+15557654321', 'an event alone carries no number');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.locator('#call-label', { hasText: /Calling|Ringing|Connected/ }).waitFor();
    assert.deepEqual((await fake(page)).connectParams, [{ params: { To: '+15557654321' } }]);
    await assertClean(app);
    await app.context.close();
  });

  test('a number handed in before the window listened is filled in when it starts', async () => {
    const app = await openApp(build.browser, build.server.url, { waitingDial: { action: 'dial', number: '+15557654321', now: false } });
    const { page } = app;
    await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.querySelector('#number')).value === '+15557654321');
    await ready(page);
    assert.deepEqual((await fake(page)).connectParams, []);
    await app.context.close();
  });

  test('"call at once" places the call as soon as the phone is ready', async () => {
    // Handed in at start, while the phone is still registering: it waits, then calls.
    const app = await openApp(build.browser, build.server.url, { waitingDial: { action: 'dial', number: '+1 555 765 4321', now: true } });
    const { page } = app;
    await page.locator('#call-label', { hasText: /Calling|Ringing|Connected/ }).waitFor();
    assert.deepEqual((await fake(page)).connectParams, [{ params: { To: '+15557654321' } }]);
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.locator('#number').waitFor();
    // And while idle and ready, at once.
    await handDial(page, '+447700900123', true);
    await page.locator('#call-label', { hasText: /Calling|Ringing|Connected/ }).waitFor();
    assert.deepEqual((await fake(page)).connectParams.at(-1), { params: { To: '+447700900123' } });
    await assertClean(app);
    await app.context.close();
  });

  test('a number handed in during a call does not interrupt it', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await page.locator('#number').fill('+15551112222');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.locator('#call-label', { hasText: /Calling|Ringing|Connected/ }).waitFor();
    await handDial(page, '+15557654321', true);
    await page.locator('.log-list').getByText('Another program asked to call +15557654321; finish this call first').waitFor();
    assert.equal((await fake(page)).connectParams.length, 1, 'no second call');
    await app.context.close();
  });

  test('a malformed number is shown with what is wrong, not dialled', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await handDial(page, '555', true);
    await page.locator('#number-message.error').waitFor();
    assert.equal(await page.locator('#number').getAttribute('aria-invalid'), 'true');
    assert.deepEqual((await fake(page)).connectParams, []);
    await app.context.close();
  });
});

describe('incoming calls', () => {
  test('accept, talk, the caller hangs up', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+447700900123'));
    const dialog = page.getByRole('alertdialog', { name: 'Incoming call' });
    await dialog.waitFor();
    assert.equal(await page.locator('#incoming-caller').innerText(), '+44 7700 900123');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, 'Accept', 'Accept has the focus');
    assert.match(await logText(page), /Incoming call from \+44 7700 900123\./);
    await screenshot(page, 'incoming');

    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    assert.equal((await fake(page)).call?.acceptCount, 1);
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteHangup());
    await page.locator('#number').waitFor();
    assert.match(await logText(page), /The other side hung up\. Call ended\./);
    assert.equal((await fake(page)).call?.listeners, 0);
    await assertClean(app);
    await app.context.close();
  });

  test('reject', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.locator('#number').waitFor();
    const state = await fake(page);
    assert.equal(state.call?.rejectCount, 1);
    assert.equal(state.call?.acceptCount, 0);
    assert.match(await logText(page), /Declined the call from \+1 555 765 4321\./);
    await app.context.close();
  });

  test('answered and hung up by commands from the app (a notification, `dialtone answer`)', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    const command = (/** @type {object} */ c) => page.evaluate((c) => /** @type {any} */ (window).__ipc.emit('phone-command', c), c);
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await command({ action: 'answer' });
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    assert.equal((await fake(page)).call?.acceptCount, 1);
    await command({ action: 'toggleMute' });
    await page.locator('button.mute[aria-pressed="true"]').waitFor();
    await command({ action: 'hangUp' });
    await page.locator('#number').waitFor();
    assert.equal((await fake(page)).call?.disconnectCount, 1);
    await assertClean(app);
    await app.context.close();
  });

  test('the caller hangs up first: the view closes and the log says so', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await page.getByRole('alertdialog').waitFor();
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.callerCancel());
    await page.getByRole('alertdialog').waitFor({ state: 'hidden' });
    await page.locator('#number').waitFor();
    assert.match(await logText(page), /Missed call from \+1 555 765 4321: the caller hung up before you answered\./);
    await app.context.close();
  });

  test('handlers never pile up across calls', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
      await page.getByRole('alertdialog').waitFor();
      await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.callerCancel());
      await page.locator('#number').waitFor();
    }
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15550001111'));
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    const counts = await page.evaluate(() => {
      const d = globalThis.__fakeTwilio.device;
      return {
        perCall: d?.calls.map((c) => ({ accept: c.acceptCount, reject: c.rejectCount, listeners: c.listenerCount() })),
        incomingListeners: d?.listenerCount('incoming'),
      };
    });
    assert.deepEqual(counts.perCall?.slice(0, 3), Array(3).fill({ accept: 0, reject: 0, listeners: 0 }));
    assert.equal(counts.perCall?.[3]?.accept, 1, 'one click, one accept');
    assert.equal(counts.incomingListeners, 1);
    await app.context.close();
  });

  test('a second call while busy is rejected and the first goes on', async () => {
    const app = await openApp(build.browser, build.server.url, { clock: true });
    const { page } = app;
    await ready(page);
    await pauseClock(page);
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    await page.clock.runFor(3_000);

    // The SDK drops an invite during an active call (allowIncomingWhileBusy: false)...
    const dropped = await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15550009999') ?? null);
    assert.equal(dropped, null);
    // ...and if one still arrives, Dialtone rejects it and leaves the first call alone.
    const second = await page.evaluate(() => {
      const c = globalThis.__fakeTwilio.device?.incomingAnyway('+15550009999');
      return { rejects: c?.rejectCount, accepts: c?.acceptCount };
    });
    assert.deepEqual(second, { rejects: 1, accepts: 0 });
    assert.match(await logText(page), /Rejected a second incoming call from \+1 555 000 9999: already on a call\./);
    const first = await page.evaluate(() => globalThis.__fakeTwilio.device?.calls[0]?.status());
    assert.equal(first, 'open');
    await page.clock.runFor(1_000);
    assert.equal(await page.getByRole('timer').innerText(), '00:04');
    assert.equal(await page.locator('#call-number').innerText(), '+1 555 765 4321');

    // The same while the first call is still ringing.
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15551110000'));
    await page.getByRole('alertdialog').waitFor();
    const third = await page.evaluate(() => globalThis.__fakeTwilio.device?.incomingAnyway('+15552220000')?.rejectCount);
    assert.equal(third, 1);
    assert.equal(await page.locator('#incoming-caller').innerText(), '+1 555 111 0000');
    await app.context.close();
  });
});

describe('errors', () => {
  const CASES = [
    [20101, 'Access token rejected', 'check the Account SID, API Key SID and API Key Secret'],
    [20104, 'Access token expired', 'clock'],
    [31005, 'Connection to Twilio failed', 'Voice Request URL'],
    [31009, 'Offline', 'internet connection'],
    [31401, 'Microphone blocked', 'Privacy'],
    [31402, 'Microphone unavailable', 'Plug in a microphone'],
    [53000, 'Can’t reach Twilio', 'firewall'],
    [53405, 'Audio connection failed', 'UDP'],
    [31486, 'Busy', 'Try again'],
  ];

  test('each error code is shown in plain words with what to do', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    for (const [code, title, fix] of CASES) {
      await page.evaluate((c) => globalThis.__fakeTwilio.device?.emitError(Number(c), `sdk message ${c}`), code);
      const entry = page.locator('.log-entry.error').filter({ hasText: `(${code})` }).last();
      await entry.waitFor();
      const text = await entry.innerText();
      assert.ok(text.includes(String(title)), `${code}: ${text}`);
      assert.ok(text.includes(String(fix)), `${code} says what to do: ${text}`);
      assert.match(text, /What to do:/);
      // Connection errors take the phone offline; coming back starts a fresh episode.
      await page.evaluate(() => globalThis.__fakeTwilio.device?.completeRegistration());
    }
    // Unknown codes keep the SDK's own message.
    await page.evaluate(() => globalThis.__fakeTwilio.device?.emitError(31999, 'Something odd happened'));
    await page.locator('.log-entry.error').filter({ hasText: 'Twilio error 31999' }).getByText('Something odd happened').waitFor();
    await app.context.close();
  });

  test('an expired token is replaced and the phone registers again', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await page.evaluate(() => {
      const d = /** @type {any} */ (globalThis.__fakeTwilio.device);
      d._state = 'unregistered';
      d.emitError(20104, 'AccessTokenExpired');
    });
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.tokens.length === 2);
    await ready(page);
    await app.context.close();
  });

  test('a network blip mid-call: "Reconnecting…", then the timer again; one that never recovers ends with why', async () => {
    const app = await openApp(build.browser, build.server.url, { clock: true });
    const { page } = app;
    await ready(page);
    await pauseClock(page);
    await page.locator('#number').fill('+15557654321');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.waitForFunction(() => globalThis.__fakeTwilio.lastCall !== null);
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteAnswer());
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    const timer = page.getByRole('timer');
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.reconnecting());
    await page.locator('#call-label', { hasText: 'Reconnecting…' }).waitFor();
    assert.equal(await timer.isVisible(), false, 'no timer while reconnecting');
    await screenshot(page, 'call-reconnecting');
    await page.clock.runFor(5_000);
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.reconnected());
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    assert.equal(await timer.innerText(), '00:05', 'the timer kept counting');
    assert.match(await logText(page), /audio dropped \(network trouble\); reconnecting…[\s\S]*Reconnected: the call goes on\./);

    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.reconnecting());
    await page.locator('#call-label', { hasText: 'Reconnecting…' }).waitFor();
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.reconnectFailed());
    await page.locator('#number').waitFor();
    // The log line waits a turn for the SDK's error that says why (callControl.ts).
    await page.clock.runFor(1);
    await page.getByText('Call ended: the connection to Twilio could not be restored.').waitFor();
    const log = await logText(page);
    assert.match(log, /Call ended: the connection to Twilio could not be restored\./);
    assert.match(log, /Audio connection failed \(53405\)/);
    assert.doesNotMatch(log, /other side hung up/);
    await assertClean(app);
    await app.context.close();
  });

  test('a call error during the call ends it and is explained', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await page.locator('#number').fill('+15557654321');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.locator('#call-label', { hasText: 'Calling…' }).waitFor();
    await page.waitForFunction(() => globalThis.__fakeTwilio.lastCall !== null);
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.fail(31005, 'Error sent from gateway in HANGUP'));
    await page.locator('#number').waitFor();
    assert.match(await logText(page), /Connection to Twilio failed \(31005\)[\s\S]*Call ended after an error\./);
    await app.context.close();
  });
});

describe('dark mode', () => {
  test('idle and in-call in dark mode', async () => {
    const app = await openApp(build.browser, build.server.url, { colorScheme: 'dark', clock: true });
    const { page } = app;
    await ready(page);
    await screenshot(page, 'idle-dark');
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    await page.clock.runFor(83_000);
    await screenshot(page, 'in-call-dark');
    assert.ok(await ipcCalls(page));
    await assertClean(app);
    await app.context.close();
  });
});
