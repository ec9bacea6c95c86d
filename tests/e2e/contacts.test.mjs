// @ts-check
// Caller names end to end: a vCard file written here, as Google Contacts and a vCard 4.0 export
// write them, is imported while `dialtone phone` runs, with `dialtone contacts import` (the
// database is shared with the running app) and with the Contacts tab's file picker. Then the
// Twilio simulator calls from the contact's number (E.164, where the card wrote it in national
// or punctuated form): the incoming view and the call screen name the caller, and afterwards
// `dialtone history --json` and Recents carry the name. A call from the same number before the
// import shows the number alone, so the name can only have come from the import.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { sleep, startStack } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;

/** Google Contacts' "Export › vCard (for iOS Contacts)": vCard 3.0, LF line ends, a national number. */
const GOOGLE_CARD = {
  name: 'Ada Lovelace',
  e164: '+15557654322',
  vcf: ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ada Lovelace', 'N:Lovelace;Ada;;;', 'EMAIL;TYPE=INTERNET;TYPE=HOME:ada@example.org',
    'TEL;TYPE=CELL:(555) 765-4322', 'CATEGORIES:myContacts', 'END:VCARD', ''].join('\n'),
};
/** A vCard 4.0 as RFC 6350 writes it (Nextcloud, Fastmail, Thunderbird): CRLF, a `tel:` URI with dashes. */
const VCARD4_CARD = {
  name: 'Grace Hopper',
  e164: '+15557654323',
  vcf: ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Grace Hopper', 'N:Hopper;Grace;;;', 'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+1-555-765-4323',
    'END:VCARD', ''].join('\r\n'),
};

const digits = (text) => text.replace(/\D/g, '');
const incomingView = () => s.page.getByRole('alertdialog', { name: 'Incoming call' });

/** The simulated caller dials our number from `from`; resolves once the incoming view shows. */
async function ring(from) {
  const mark = await s.sim.mark();
  const { call_sid: parent } = await s.sim.post('/inbound', { from });
  const ringing = await s.sim.waitEvent((e) => e.kind === 'ring-client' && e.parent === parent, { since: mark, what: 'ring-client' });
  await incomingView().waitFor({ timeout: 10000 });
  return { parent, child: ringing.call_sid, mark };
}

/** The caller hangs up before anyone answers; the phone is idle again. */
async function callerGivesUp(parent) {
  assert.equal((await s.sim.post(`/calls/${parent}/hangup`)).sent, 'cancel');
  await incomingView().waitFor({ state: 'hidden', timeout: 10000 });
}

/** `dialtone history --json`'s entry for a call, polled until its outcome is journaled (at most 15 s). */
async function historyEntry(callSid, status) {
  const end = Date.now() + 15_000;
  for (;;) {
    const entries = JSON.parse(await s.cli(['history', '--json']));
    const entry = entries.find((e) => e.call_sid === callSid && e.status === status);
    if (entry) return entry;
    if (Date.now() > end) assert.fail(`no ${status} call ${callSid} in dialtone history: ${JSON.stringify(entries)}`);
    await sleep(250);
  }
}

/** Opens a tab of the phone screen by its name (the name carries its badge after the word). */
async function openTab(name) {
  await s.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** Recents' rows for calls with `name`, once the list shows them. */
async function recentsRowsNamed(name, count) {
  await openTab('Recents');
  const rows = s.page.getByRole('list', { name: 'Recents' }).getByRole('listitem').filter({ hasText: name });
  await rows.nth(count - 1).waitFor({ timeout: 10000 });
  assert.equal(await rows.count(), count, `${count} call(s) with ${name} in Recents`);
  return rows;
}

before(async () => {
  s = await startStack();
  await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 20000 });
});

// Leave the phone idle for the next test even when one fails half-way.
afterEach(async () => {
  for (const name of ['Hang up', 'Decline']) {
    const button = s.page.getByRole('button', { name });
    if (await button.isVisible()) await button.click().catch(() => {});
  }
  await incomingView().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
});

after(async () => {
  await s?.stop();
});

describe('contacts from a vCard name the caller', () => {
  test('imported with `dialtone contacts import` while the app runs: incoming view, call screen, history, Recents', async () => {
    const card = GOOGLE_CARD;
    // Before the import: the same number is only a number.
    const before = await ring(card.e164);
    const shown = await s.page.locator('#incoming-caller').innerText();
    assert.equal(digits(shown).slice(-10), digits(card.e164).slice(-10), `the incoming view shows the number: ${shown}`);
    assert.ok(await s.page.locator('#incoming-number').isHidden(), 'no name, so no number line under it');
    await callerGivesUp(before.parent);
    assert.equal((await historyEntry(before.parent, 'missed')).name, null, 'no contact yet');

    const file = join(s.work, 'google-contacts.vcf');
    writeFileSync(file, card.vcf);
    assert.match(await s.cli(['contacts', 'import', file]), /^imported 1 contact\(s\) from /);
    const contacts = JSON.parse(await s.cli(['contacts', 'list', '--json']));
    assert.deepEqual(
      contacts.map((c) => ({ name: c.name, numbers: c.numbers.map((n) => n.number) })),
      [{ name: card.name, numbers: [card.e164] }],
      'the national number is stored in E.164',
    );

    // The same number calls again: the incoming view names the caller, the number under the name.
    const named = await ring(card.e164);
    await incomingView().getByRole('heading', { name: card.name }).waitFor({ timeout: 10000 });
    assert.equal(digits(await s.page.locator('#incoming-number').innerText()).slice(-10), digits(card.e164).slice(-10));
    await s.page.getByRole('button', { name: 'Accept' }).click();
    await s.page.locator('#call-label', { hasText: 'Connected' }).waitFor({ timeout: 10000 });
    await s.sim.waitEvent((e) => e.kind === 'answered' && e.call_sid === named.child, { since: named.mark, what: 'the answer' });
    assert.equal(await s.page.locator('#call-number').innerText(), card.name, 'the call screen names the caller');
    assert.equal((await s.sim.post(`/calls/${named.parent}/hangup`)).sent, 'hangup');
    await s.page.locator('#number').waitFor({ timeout: 10000 });

    // After the call: the journal names both calls from that number (names are the contacts' now).
    const entry = await historyEntry(named.parent, 'answered');
    assert.deepEqual({ direction: entry.direction, number: entry.number, name: entry.name }, { direction: 'inbound', number: card.e164, name: card.name });
    assert.equal((await historyEntry(before.parent, 'missed')).name, card.name);
    const rows = await recentsRowsNamed(card.name, 2);
    // A named call offers to call back by name, and no longer to add the number to contacts.
    await rows.first().getByRole('button', { name: `Call ${card.name}` }).waitFor();
    assert.equal(await rows.getByRole('button', { name: /^Add .* to contacts$/ }).count(), 0);
  });

  test("imported from the Contacts tab's file picker: the next caller is named", async () => {
    const card = VCARD4_CARD;
    await openTab('Contacts');
    await s.page.getByText('Import a vCard file', { exact: true }).click();
    await s.page.getByLabel('Choose a .vcf file').setInputFiles({ name: 'contacts.vcf', mimeType: 'text/vcard', buffer: Buffer.from(card.vcf) });
    await s.page.getByRole('status').filter({ hasText: '1 contact imported.' }).waitFor({ timeout: 10000 });
    await s.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: card.name }).waitFor({ timeout: 10000 });

    const call = await ring(card.e164);
    await incomingView().getByRole('heading', { name: card.name }).waitFor({ timeout: 10000 });
    await callerGivesUp(call.parent);
    const entry = await historyEntry(call.parent, 'missed');
    assert.deepEqual({ number: entry.number, name: entry.name }, { number: card.e164, name: card.name });
    await recentsRowsNamed(card.name, 1);
  });

  test('the page threw no uncaught errors', () => {
    assert.deepEqual(s.pageErrors, []);
  });
});
