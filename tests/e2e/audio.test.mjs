// @ts-check
// The codec real calls use, and the audio figures. The page's microphone is a tone the test
// switches on and off (harness `pageMic`), so an onset has a known time on both sides:
// - the codec: Opus (the SDK's first preference) by default, PCMU when the simulator is told so
//   per call (`POST /phone {codec}`); checked in the SDP both sides hold and in the page's
//   getStats(), and by the simulator's decoder hearing the tone;
// - one-way latency each way: tone onset sent to tone onset detected (ITU G.114's comfort bound
//   is 150 ms); the page's CPU idle and during a call. These are reported, never asserted
//   against a bound: a slow machine must not turn them red.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APP_TONE_HZ, SIM_TONE_HZ, chromiumCpu, cpuPercent, pageCodecs, pageToneChange, sleep, startStack, watchPageTone } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;
const figures = { latency: {}, cpu: {} };
const label = (text) => s.page.locator('#call-label', { hasText: text });
const near = (f, hz) => f !== null && Math.abs(f - hz) <= 30;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The first codec of the m=audio line of an SDP. */
function firstCodec(sdp) {
  const m = /^m=audio \d+ [^ ]+ (\d+)/m.exec(sdp);
  return m ? new RegExp(`^a=rtpmap:${m[1]} ([^/\\s]+)`, 'm').exec(sdp)?.[1] ?? null : null;
}

async function dial(number) {
  const mark = await s.sim.mark();
  await s.page.locator('#number').fill(number);
  await s.page.getByRole('button', { name: 'Call', exact: true }).click();
  const invite = await s.sim.waitEvent((e) => e.kind === 'invite', { since: mark, what: 'invite' });
  await label('Connected').waitFor({ timeout: 15000 });
  return { sid: invite.call_sid, mark };
}

async function hangUp(sid, mark) {
  await s.page.getByRole('button', { name: 'Hang up' }).click();
  await s.sim.waitEvent((e) => e.kind === 'hangup' && e.by === 'app' && e.call_sid === sid, { since: mark, what: 'hang-up' });
  await s.page.locator('#number').waitFor();
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

/** The simulator's first heard change matching `pred` at or after `since` (wall clock, ms). */
async function simChange(sid, pred, since, what) {
  const end = Date.now() + 15000;
  for (;;) {
    const changes = (await s.sim.call(sid, 1)).media?.heard_changes ?? [];
    const hit = changes.find((c) => c.t_ms >= since && pred(c));
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`timed out waiting for the simulator to hear ${what}: ${JSON.stringify(changes.slice(-5))}`);
    await sleep(50);
  }
}

/** `n` onsets each way on call `sid`; returns the latencies in ms. */
async function measureLatency(sid, n) {
  const toPage = [];
  const toSim = [];
  await watchPageTone(s.page, SIM_TONE_HZ);
  for (let i = 0; i < n; i++) {
    // The simulator's tone: off, then on; from the frame it sent to the page detecting it.
    const off = Date.now();
    await s.sim.post(`/calls/${sid}/tone`, { hz: 0 });
    await pageToneChange(s.page, false, off, { what: 'the simulator tone stopping' });
    await sleep(300);
    const mark = await s.sim.mark();
    await s.sim.post(`/calls/${sid}/tone`, { hz: SIM_TONE_HZ });
    const sent = await s.sim.waitEvent((e) => e.kind === 'tone-sent' && e.call_sid === sid && e.hz === SIM_TONE_HZ, { since: mark });
    const heard = await pageToneChange(s.page, true, sent.t_ms, { what: `the page hearing ${SIM_TONE_HZ} Hz` });
    toPage.push(Math.round(heard.t - sent.t_ms));

    // The page's tone: off, then on; from the gain flip to the simulator's first packet with it.
    const quiet = await s.page.evaluate(() => /** @type {any} */ (window).__mic.set(false));
    await simChange(sid, (c) => c.freq === null, quiet, 'the app going quiet');
    await sleep(300);
    const on = await s.page.evaluate(() => /** @type {any} */ (window).__mic.set(true));
    const got = await simChange(sid, (c) => near(c.freq, APP_TONE_HZ), on, `the app's ${APP_TONE_HZ} Hz`);
    toSim.push(Math.round(got.t_ms - on));
  }
  await s.page.evaluate(() => /** @type {any} */ (window).__toneWatch?.stop());
  return { toPage, toSim };
}

before(async () => {
  s = await startStack({ pageMic: true });
  await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 20000 });
});

after(async () => {
  console.log(`AUDIO FIGURES ${JSON.stringify(figures)}`);
  await s?.stop();
});

describe('the codec, latency and CPU against the Twilio simulator', () => {
  test('CPU of the page while idle and registered (measured)', async (t) => {
    await sleep(2000); // let start-up settle
    const before = await chromiumCpu(s.browser);
    const t0 = Date.now();
    await sleep(10_000);
    figures.cpu.idle = cpuPercent(before, await chromiumCpu(s.browser), Date.now() - t0);
    t.diagnostic(`idle, % of one core per Chromium process type over 10 s: ${JSON.stringify(figures.cpu.idle)}`);
    assert.ok(Number.isFinite(figures.cpu.idle.total), 'measured');
  });

  for (const codec of ['opus', 'pcmu']) {
    test(`${codec}: negotiated as asked (SDP and getStats), two-way audio, latency each way (measured)`, async (t) => {
      await s.sim.post('/phone', { mode: 'answer', answer_delay_ms: 300, codec });
      const { sid, mark } = await dial('+12125550123');
      const want = codec === 'opus' ? 'opus' : 'PCMU';
      // The simulator's answer SDP and what it decodes.
      const answer = await s.sim.waitEvent((e) => e.kind === 'answer-sent' && e.call_sid === sid, { since: mark });
      assert.equal(firstCodec(answer.sdp), want, 'the simulator answered with the codec asked for');
      await s.sim.waitHearing(sid, (w) => near(w.freq, APP_TONE_HZ) && w.level_db > -45, { what: `the app's ${APP_TONE_HZ} Hz on ${codec}` });
      assert.equal((await s.sim.call(sid)).media.codec.toLowerCase(), `audio/${codec}`, 'the packets the simulator decodes');
      // The page: the SDP it applied and what its RTP streams use.
      const page = await pageCodecs(s.page);
      assert.deepEqual(page, { local: 'opus', remote: want, sending: `audio/${want}`, receiving: `audio/${want}` },
        'the page offers Opus first and sends and receives the negotiated codec');
      await watchPageTone(s.page, SIM_TONE_HZ);
      await pageToneChange(s.page, true, 0, { what: `the page hearing ${SIM_TONE_HZ} Hz` });

      if (codec === 'opus') {
        // The page's CPU with a call up and audio both ways.
        const before = await chromiumCpu(s.browser);
        const t0 = Date.now();
        await sleep(10_000);
        figures.cpu.call = cpuPercent(before, await chromiumCpu(s.browser), Date.now() - t0);
        t.diagnostic(`in a call (Opus), % of one core per process type over 10 s: ${JSON.stringify(figures.cpu.call)}`);
      }

      const lat = await measureLatency(sid, 5);
      figures.latency[codec] = lat;
      t.diagnostic(`${codec} one-way latency (ms): simulator -> page ${lat.toPage.join(', ')} (median ${median(lat.toPage)}); page -> simulator ${lat.toSim.join(', ')} (median ${median(lat.toSim)})`);
      assert.ok([...lat.toPage, ...lat.toSim].every((ms) => Number.isFinite(ms) && ms >= 0), 'real durations');
      await hangUp(sid, mark);
      // The journal keeps how the call sounded: the codec the real SDK's samples named reaches
      // `dialtone history --json` through the page's report at call end.
      const entry = await historyEntry((e) => e.call_sid === sid && e.quality, `the ${codec} call with its quality`);
      assert.equal(entry.quality.codec, codec, JSON.stringify(entry));
      assert.ok(entry.quality.average_mos === null || (entry.quality.average_mos >= 1 && entry.quality.average_mos <= 5), JSON.stringify(entry));
    });
  }

  test('the page threw no uncaught errors', () => {
    assert.deepEqual(s.pageErrors, []);
  });
});
