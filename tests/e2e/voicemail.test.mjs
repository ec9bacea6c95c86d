// @ts-check
// Voicemail end to end: the real phone UI (real Voice SDK) rings in headless Chromium and nobody
// answers; the Twilio simulator runs the <Dial action>, the voicemail TwiML and <Record> the way
// Twilio does, the simulated caller speaks a 523 Hz tone, and Dialtone journals the message. Then
// the user's path: the Voicemail tab's badge counts it without a click (the page follows the
// journal live), the tab lists it as new, its Play button plays it in the page (Rust
// fetched it from the simulator's Recordings API with the API key; what the page's player sends
// to the speakers is tapped with Web Audio and is the caller's tone), it is marked heard, and
// Delete (confirmed) reaches the simulator's DELETE. Then a call while Dialtone is not running is
// caught up from the Calls API at the next start.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CREDS, sleep, startStack } from './harness.mjs';
import { tapMediaElement, tappedPlayback } from './media-tap.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;
const CALLER = '+15557654321';
const MESSAGE_HZ = 523;
const RING_SECS = 5;

/** The parameter `name` of a logged simulator request. */
const param = (event, name) => event.params?.find(([k]) => k === name)?.[1];

/** `dialtone history --json`, polled until `pred` holds for an entry (at most 15 s). */
async function historyEntry(pred, what) {
  const end = Date.now() + 15_000;
  for (;;) {
    const entries = JSON.parse(await s.cli(['history', '--json']));
    const entry = entries.find(pred);
    if (entry) return entry;
    if (Date.now() > end) assert.fail(`no ${what} in dialtone history: ${JSON.stringify(entries)}`);
    await sleep(250);
  }
}

before(async () => {
  s = await startStack({ appEnv: { DIALTONE_RING_SECS: String(RING_SECS) } });
  await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 20000 });
});

after(async () => {
  await s?.stop();
});

describe('voicemail end to end against the Twilio simulator', () => {
  test('nobody answers, the caller leaves a message; the inbox lists it, plays it in the page, marks it heard, deletes it', async (t) => {
    const mark = await s.sim.mark();
    const { call_sid: parent } = await s.sim.post('/inbound', { from: CALLER, message_secs: 2, message_hz: MESSAGE_HZ });
    await s.sim.waitEvent((e) => e.kind === 'ring-client' && e.parent === parent, { since: mark, what: 'ring-client' });
    const incoming = s.page.getByRole('alertdialog', { name: 'Incoming call' });
    await incoming.waitFor();
    // Nobody answers: the ring time runs out and the phone stops ringing.
    await s.sim.waitEvent((e) => e.kind === 'no-answer', { since: mark, timeout: (RING_SECS + 10) * 1000, what: 'the ring timeout' });
    await incoming.waitFor({ state: 'hidden' });

    const dial = await s.sim.waitEvent((e) => e.kind === 'callback' && e.callback === 'dial-action', { since: mark, what: 'the <Dial action>' });
    assert.equal(dial.status, 200, JSON.stringify(dial));
    assert.equal(dial.url, new URL('dial_status', CREDS.DIALTONE_PUBLIC_URL).href);
    assert.equal(param(dial, 'DialCallStatus'), 'no-answer');
    assert.match(dial.body, /<Record action="voicemail\/recorded" maxLength="\d+" recordingStatusCallback="voicemail\/status" \/>/);
    const status = await s.sim.waitEvent((e) => e.kind === 'callback' && e.callback === 'recording-status', { since: mark, timeout: 20000, what: 'the recording status callback' });
    assert.ok(status.status >= 200 && status.status < 300, JSON.stringify(status));
    const recorded = (await s.sim.events(mark)).find((e) => e.kind === 'recorded');
    const re = recorded.recording_sid;
    const action = (await s.sim.events(mark)).find((e) => e.kind === 'callback' && e.callback === 'record-action');
    assert.equal(action.status, 200);
    assert.equal(param(action, 'RecordingSid'), re);

    // The journal, as the command line prints it (the app is still running: the file is shared).
    const entry = await historyEntry((e) => e.call_sid === parent && e.voicemail, 'the missed call with its voicemail');
    assert.deepEqual(
      { direction: entry.direction, number: entry.number, status: entry.status, voicemail: entry.voicemail },
      { direction: 'inbound', number: CALLER, status: 'missed', voicemail: { recording_sid: re, duration_secs: 2, heard: false } },
    );
    const missed = JSON.parse(await s.cli(['history', '--json', '--missed']));
    assert.ok(missed.some((e) => e.call_sid === parent), JSON.stringify(missed));
    const listed = JSON.parse(await s.cli(['voicemail', 'list', '--json']));
    assert.ok(listed.some((v) => v.recording_sid === re && !v.heard), JSON.stringify(listed));

    // The page follows the journal live: the message was journaled after the phone stopped
    // ringing (the last time the page read it), and with nothing clicked, no focus change, the
    // Voicemail tab counts it while the page stays on the tab it was on (Rust noticed the
    // commit and said so on the page's event stream).
    const voicemailTab = s.page.getByRole('tab', { name: /^Voicemail/ });
    const selectedTab = () => s.page.getByRole('tab', { selected: true }).getAttribute('id');
    const shownTab = await selectedTab();
    assert.notEqual(shownTab, 'tab-voicemail', 'the page is on another tab');
    await s.page.getByRole('tab', { name: /^Voicemail.*1 new message$/ }).waitFor({ timeout: 15000 });
    assert.equal(await voicemailTab.getAttribute('aria-selected'), 'false', 'nothing opened the Voicemail tab');
    assert.equal(await selectedTab(), shownTab, 'the page is still where it was');

    // The inbox, as the user sees it: the tab's row names the caller's number, the message's
    // length and "New".
    await voicemailTab.click();
    const inbox = s.page.getByRole('list', { name: 'Voicemail' });
    // The row is the journal's recording (its id is on the row), the only one in the list.
    const row = inbox.locator(`li[data-recording-sid="${re}"]`);
    await row.waitFor({ timeout: 10000 });
    assert.equal(await inbox.getByRole('listitem').count(), 1, 'one message in the inbox');
    const party = await row.locator('.journal-party').innerText();
    assert.equal(party.replace(/\D/g, '').replace(/^1/, ''), CALLER.replace(/\D/g, '').replace(/^1/, ''), `the row names ${CALLER}: ${party}`);
    assert.match(party, /New$/);
    assert.match(await row.innerText(), /· 0:02\b/, 'a two-second message is 0:02 long');

    // Play, from the row's button: what the page's player sends to the speakers is tapped with
    // Web Audio (tests/e2e/media-tap.mjs), and its frequency is the caller's tone.
    await tapMediaElement(s.page.getByLabel('Voicemail message'));
    await row.getByRole('button', { name: 'Play', exact: true }).click();
    const heard = await tappedPlayback(s.page);
    assert.equal(heard.played, 1, 'the message played once');
    assert.match(heard.src, /^blob:/, 'the page plays bytes Rust handed over, never a Twilio URL');
    // 2 s of tone, sampled every 50 ms (about 40 samples): at least a quarter second of sound,
    // not a click, with room for a busy machine that samples late.
    assert.ok(heard.loudFrames >= 5, `the page played sound: ${JSON.stringify(heard.frames)}`);
    assert.ok(Math.abs(/** @type {number} */ (heard.medianHz) - MESSAGE_HZ) <= 10, `the page played ${heard.medianHz} Hz; the caller said ${MESSAGE_HZ} Hz`);
    t.diagnostic(`the page played ${heard.medianHz?.toFixed(1)} Hz (median of ${heard.loudFrames} loud 50 ms samples)`);
    const media = (await s.sim.events(mark)).filter((e) => e.kind === 'rest' && e.path.endsWith(`/Recordings/${re}.wav`));
    assert.deepEqual(media.map((e) => [e.method, e.status, e.auth]), [['GET', 200, `key ${CREDS.TWILIO_API_KEY_SID}`]]);

    // Played is heard: the tag and the badge go, and the journal says so.
    await row.getByRole('button', { name: 'Playing', exact: true }).waitFor({ timeout: 10000 });
    assert.doesNotMatch(await row.locator('.journal-party').innerText(), /New/);
    assert.equal(await voicemailTab.getAttribute('aria-selected'), 'true');
    await s.page.getByRole('tab', { name: 'Voicemail', exact: true }).waitFor({ timeout: 10000 });
    const heardEntry = await historyEntry((e) => e.call_sid === parent && e.voicemail?.heard, 'the voicemail marked heard');
    assert.deepEqual(heardEntry.voicemail, { recording_sid: re, duration_secs: 2, heard: true });

    // Delete, confirmed: Twilio's copy goes (the simulator's log shows the DELETE), then the row.
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.getByRole('button', { name: 'Delete for good' }).click();
    await s.page.getByRole('status').filter({ hasText: 'Message deleted.' }).waitFor({ timeout: 10000 });
    const del = (await s.sim.events(mark)).filter((e) => e.kind === 'rest' && e.method === 'DELETE');
    assert.deepEqual(del.map((e) => [e.path, e.status]), [[`/2010-04-01/Accounts/${CREDS.TWILIO_ACCOUNT_SID}/Recordings/${re}.json`, 204]]);
    assert.ok(!(await s.sim.get('/rest/state')).recordings.some((r) => r.sid === re));
    await inbox.getByRole('listitem').filter({ hasText: 'No messages.' }).waitFor({ timeout: 10000 });
    const after = JSON.parse(await s.cli(['voicemail', 'list', '--json']));
    assert.ok(!after.some((v) => v.recording_sid === re), JSON.stringify(after));
  });

  test('a call while Dialtone is not running is caught up at the next start', async () => {
    await s.quitApp();
    const mark = await s.sim.mark();
    const away = '+15557654329';
    const { call_sid } = await s.sim.post('/inbound', { from: away });
    // Twilio cannot reach the webhook: nothing rings, but Twilio keeps the call in its list.
    await s.sim.waitEvent((e) => e.kind === 'call-failed' && e.call_sid === call_sid, { since: mark, what: 'the failed webhook' });
    assert.ok(!(await s.sim.events(mark)).some((e) => e.kind === 'ring-client'));
    await s.restartApp();
    const entry = await historyEntry((e) => e.call_sid === call_sid, 'the call missed while away');
    assert.deepEqual(
      { direction: entry.direction, number: entry.number, status: entry.status, voicemail: entry.voicemail },
      { direction: 'inbound', number: away, status: 'missed', voicemail: null },
    );
    const lists = (await s.sim.events(mark)).filter((e) => e.kind === 'rest' && e.path.endsWith('/Calls.json'));
    assert.ok(lists.some((e) => new URLSearchParams(e.query).get('To') === CREDS.TWILIO_NUMBER), JSON.stringify(lists));
    assert.ok(lists.every((e) => new URLSearchParams(e.query).has('StartTime>')), JSON.stringify(lists));
  });
});
