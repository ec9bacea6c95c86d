// @ts-check
// Voicemail end to end: the real phone UI (real Voice SDK) rings in headless Chromium and nobody
// answers; the Twilio simulator runs the <Dial action>, the voicemail TwiML and <Record> the way
// Twilio does, the simulated caller speaks a 523 Hz tone, and Dialtone journals the message. Rust
// fetches the audio from the simulator's Recordings API (through the calling window's guarded
// route), the bytes are the caller's tone, and the delete reaches the simulator. Then a call
// while Dialtone is not running is caught up from the Calls API at the next start.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CREDS, sleep, startStack } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;
const CALLER = '+15557654321';
const MESSAGE_HZ = 523;
const RING_SECS = 5;

/** The parameter `name` of a logged simulator request. */
const param = (event, name) => event.params?.find(([k]) => k === name)?.[1];

/** Strongest frequency of a 16-bit mono PCM WAV, 10 Hz steps from 100 to 3500 Hz (Goertzel). */
function dominantHz(wav) {
  assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF', 'a WAV file');
  const rate = wav.readUInt32LE(24);
  const n = Math.min(rate, (wav.length - 44) >> 1);
  const x = Array.from({ length: n }, (_, i) => wav.readInt16LE(44 + 2 * i));
  let best = 0;
  let bestPower = -1;
  for (let hz = 100; hz <= 3500; hz += 10) {
    const w = (2 * Math.PI * hz) / rate;
    let s1 = 0;
    let s2 = 0;
    for (const v of x) {
      const s0 = v + 2 * Math.cos(w) * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - 2 * Math.cos(w) * s1 * s2;
    if (power > bestPower) [best, bestPower] = [hz, power];
  }
  return best;
}

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
  test('nobody answers, the caller leaves a message, it is journaled, played by Rust and deleted', async () => {
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
    const inbox = JSON.parse(await s.cli(['voicemail', 'list', '--json']));
    assert.ok(inbox.some((v) => v.recording_sid === re), JSON.stringify(inbox));

    // Rust fetches the audio (the API key stays in Rust); the page gets only the bytes.
    const audio = await s.page.evaluate(async (sid) => {
      const r = await fetch(`/api/voicemail/${sid}/audio`);
      return { status: r.status, type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
    }, re);
    assert.equal(audio.status, 200);
    assert.match(String(audio.type), /wav/);
    const hz = dominantHz(Buffer.from(audio.bytes));
    assert.ok(Math.abs(hz - MESSAGE_HZ) <= 10, `the message is ${hz} Hz; the caller said ${MESSAGE_HZ} Hz`);
    const media = (await s.sim.events(mark)).filter((e) => e.kind === 'rest' && e.path.endsWith(`/Recordings/${re}.wav`));
    assert.deepEqual(media.map((e) => [e.method, e.status, e.auth]), [['GET', 200, `key ${CREDS.TWILIO_API_KEY_SID}`]]);

    // Deleted: in Twilio (the simulator's log shows the DELETE), then in the inbox.
    const deleted = await s.page.evaluate(async (sid) => (await fetch(`/api/voicemail/${sid}`, { method: 'DELETE' })).status, re);
    assert.ok(deleted >= 200 && deleted < 300, `DELETE answered ${deleted}`);
    const del = (await s.sim.events(mark)).filter((e) => e.kind === 'rest' && e.method === 'DELETE');
    assert.deepEqual(del.map((e) => [e.path, e.status]), [[`/2010-04-01/Accounts/${CREDS.TWILIO_ACCOUNT_SID}/Recordings/${re}.json`, 204]]);
    assert.ok(!(await s.sim.get('/rest/state')).recordings.some((r) => r.sid === re));
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
