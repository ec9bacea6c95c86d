// @ts-check
// "Test my set-up" end to end: the real phone UI and Voice SDK in headless Chromium (its fake
// microphone plays 440 Hz), `dialtone phone` with the real webhook, and the Twilio simulator,
// which runs the `<Echo/>` our webhook answers for the reserved destination on an Opus call.
// The page must hear its own 440 Hz come back, the verdict must come from the SDK's samples,
// the test must stay out of the call history, and a call coming in must end the test.
// `SIM_FAULT=no-echo` (the simulator answers but sends its own tone) turns this red.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APP_TONE_HZ, pageHears, sleep, startStack } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;
const progress = () => s.page.locator('#setup-test-progress');
const net = () => s.page.locator('#setup-test-net');

before(async () => {
  s = await startStack();
  await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 20000 });
  await s.page.getByRole('button', { name: 'Settings' }).click();
  await s.page.locator('#setup-test').waitFor();
});
after(async () => {
  await s?.stop();
});

/** The page's own tone, heard on the newest remote stream (the echo), within a few tries. */
async function pageHearsItself() {
  let heard;
  for (let i = 0; i < 15; i++) {
    heard = await pageHears(s.page);
    if (heard.freq && Math.abs(heard.freq - APP_TONE_HZ) < 15 && heard.db > -70) return heard;
    await sleep(300);
  }
  assert.fail(`the page should hear its own ${APP_TONE_HZ} Hz come back from the echo, got ${JSON.stringify(heard)}`);
}

describe('Test my set-up against the simulator', () => {
  test('the microphone plays back, the echo call runs on Opus, hears itself, and gets a verdict', async () => {
    const mark = await s.sim.mark();
    await s.page.getByRole('button', { name: 'Test my set-up' }).click();
    await s.page.locator('#setup-test-mic').getByText('your microphone works and your recording was played back.').waitFor({ timeout: 20000 });

    const invite = await s.sim.waitEvent((e) => e.kind === 'invite' && e.to === 'dialtone:echo-test', { since: mark, what: 'the test call' });
    const webhook = await s.sim.waitEvent((e) => e.kind === 'webhook' && e.call_sid === invite.call_sid, { since: mark, what: 'its webhook' });
    assert.equal(webhook.status, 200);
    assert.equal(webhook.body, '<?xml version="1.0" encoding="UTF-8"?><Response><Echo /></Response>');
    await s.sim.waitEvent((e) => e.kind === 'echo' && e.call_sid === invite.call_sid, { since: mark, what: 'the echo' });
    await progress().getByText('Test call to Twilio').waitFor({ timeout: 15000 });
    const heard = await pageHearsItself();
    const media = (await s.sim.call(invite.call_sid)).media;
    assert.equal(media?.codec, 'audio/opus', `the test call runs on the codec real calls use: ${JSON.stringify(media)}`);

    await progress().getByText('Test finished.').waitFor({ timeout: 30000 });
    const hangup = await s.sim.waitEvent((e) => e.kind === 'hangup' && e.by === 'app', { since: mark, what: 'the app hanging up' });
    const answered = await s.sim.waitEvent((e) => e.kind === 'answer-sent' && e.call_sid === invite.call_sid, { since: mark });
    const lasted = hangup.t_ms - answered.t_ms;
    assert.ok(lasted >= 9500 && lasted < 20000, `it hangs up by itself after about ten seconds (${lasted} ms)`);

    const verdict = await net().innerText();
    assert.match(verdict, /Network to Twilio: (good|fair|poor)\./, verdict);
    const figures = /MOS ([\d.]+), round trip (\d+) ms, jitter (\d+) ms, loss ([\d.]+) %, codec (\w+)/.exec(verdict);
    assert.ok(figures, `the SDK's figures are shown: ${verdict}`);
    assert.equal(figures[5], 'opus');
    console.log(`# set-up test on loopback: ${verdict.split('\n')[0]} | ${figures[0]} | echo heard at ${Math.round(heard.freq)} Hz, ${heard.db.toFixed(1)} dB | call ${lasted} ms`);

    // A set-up test is no call: Recents and `dialtone history` stay empty.
    const history = JSON.parse(await s.cli(['history', '--json']));
    assert.deepEqual(history, [], 'the test call is not journaled');
  });

  test('a call coming in during the test ends the test and rings', async () => {
    const mark = await s.sim.mark();
    await s.page.getByRole('button', { name: 'Test my set-up' }).click();
    await s.sim.waitEvent((e) => e.kind === 'echo', { since: mark, what: 'the echo', timeout: 30000 });
    await progress().getByText('Test call to Twilio').waitFor({ timeout: 15000 });
    const ringing = await s.sim.mark();
    const { call_sid: parent } = await s.sim.post('/inbound', { from: '+15559876543' });
    await s.page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor({ timeout: 15000 });
    await s.sim.waitEvent((e) => e.kind === 'hangup' && e.by === 'app', { since: ringing, what: 'the test call hung up' });
    assert.match(await progress().textContent() ?? '', /Test stopped: a call started\./);
    await s.page.getByRole('button', { name: 'Decline' }).click();
    await s.sim.waitEvent((e) => e.kind === 'reject' || (e.kind === 'callback' && e.call_sid === parent), { since: ringing, what: 'the decline' });
  });
});
