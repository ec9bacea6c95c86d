// @ts-check
// Answer from the notification, end to end: a call to the number rings the phone (the real
// Voice SDK in Chromium, against the Twilio simulator) and a real notification server, dunst
// on the test session's bus, shows "Incoming call" with Answer and Decline. The test presses
// Answer through dunst's own context menu (`dunstctl context`, with a scripted `dmenu` picking
// the action, as a user picks it), dunst sends `ActionInvoked` to Dialtone, and the simulator
// sees the call answered by the calling window page, with audio both ways.
// Needs the test session's bus: `scripts/test-session.sh tests/e2e/run.sh notification-answer`.
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { APP_TONE_HZ, SIM_TONE_HZ, pageHears, sleep, startStack } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;
/** @type {import('node:child_process').ChildProcess} */
let dunst;
let printed = '';
let dir = '';

/** Polls `check` every 100 ms until it returns something truthy; fails after `ms`. */
async function until(what, check, ms = 30_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** @param {string[]} args @returns {Promise<string | null>} */
const dunstctl = (args) => new Promise((done) => execFile('dunstctl', args, { timeout: 10_000 }, (error, stdout) => done(error ? null : stdout)));

before(async () => {
  assert.ok(
    process.env.DIALTONE_TEST_SESSION && process.env.DBUS_SESSION_BUS_ADDRESS,
    'this test starts dunst on the private test bus: run it as `scripts/test-session.sh tests/e2e/run.sh notification-answer` (scripts/test.sh does)',
  );
  dir = mkdtempSync(join(tmpdir(), 'dialtone-e2e-dunst-'));
  const pick = join(dir, 'pick');
  const menu = join(dir, 'pick.sh');
  // dunst pipes one line per action, e.g. '#Answer (Incoming call) [2,answer]'; the menu
  // answers with the line of the action the test asked for.
  writeFileSync(menu, `#!/bin/sh\ngrep -m1 ",$(cat '${pick}')]"\n`);
  chmodSync(menu, 0o755);
  writeFileSync(join(dir, 'dunstrc'), `[global]\n    dmenu = ${menu}\n`);
  // dunst draws on a display: an Xvfb of its own (the e2e tests need none otherwise).
  dunst = spawn('xvfb-run', ['--auto-servernum', 'dunst', '-config', join(dir, 'dunstrc'), '-print'], { stdio: ['ignore', 'pipe', 'ignore'] });
  dunst.stdout?.on('data', (chunk) => (printed += chunk));
  await until('dunst to own org.freedesktop.Notifications', () => dunstctl(['count', 'displayed']));
  // The app on the session's bus: notifications on, credentials still from the environment.
  s = await startStack({ appEnv: { DBUS_SESSION_BUS_ADDRESS: /** @type {string} */ (process.env.DBUS_SESSION_BUS_ADDRESS) } });
  await s.page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 20_000 });
});

after(async () => {
  await s?.stop();
  if (dunst && dunst.exitCode === null) {
    const exited = new Promise((done) => dunst.once('exit', done));
    // xvfb-run passes the signal on to dunst and ends its Xvfb.
    dunst.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The records `dunst -print` wrote, one string each. */
const records = () => printed.split('\n}\n').filter((r) => r.includes('summary:'));

test('Answer in the incoming-call notification answers the call in the calling window, with audio both ways', async () => {
  const mark = await s.sim.mark();
  const { call_sid: parent } = await s.sim.post('/inbound', { from: '+15559876543' });
  const ring = await s.sim.waitEvent((e) => e.kind === 'ring-client' && e.parent === parent, { since: mark, what: 'ring-client' });
  await s.page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();

  const record = await until('dunst to show the incoming call', () => records().find((r) => r.includes("summary: 'Incoming call'")));
  assert.match(record, /\+1 555 987 6543|\+15559876543/, record);
  assert.match(record, /"answer": "Answer"/, record);
  assert.match(record, /"decline": "Decline"/, record);
  assert.match(record, /urgency: CRITICAL/i, record);
  // The call is still ringing: nobody has answered it yet.
  assert.equal((await s.sim.events(mark)).some((e) => e.kind === 'answered' && e.call_sid === ring.call_sid), false);

  writeFileSync(join(dir, 'pick'), 'answer');
  assert.notEqual(await dunstctl(['context']), null, 'dunstctl context');

  await s.sim.waitEvent((e) => e.kind === 'answered' && e.call_sid === ring.call_sid && e.by === 'app', { since: mark, what: 'the call answered by the app' });
  await s.page.locator('#call-label', { hasText: 'Connected' }).waitFor({ timeout: 10_000 });
  await s.sim.waitHearing(ring.call_sid, (w) => w.freq === APP_TONE_HZ && w.level_db > -45, { what: `the app's ${APP_TONE_HZ} Hz on the answered call` });
  let heard;
  for (let i = 0; i < 10; i++) {
    heard = await pageHears(s.page);
    if (heard.freq && Math.abs(heard.freq - SIM_TONE_HZ) < 15 && heard.db > -70) break;
    await sleep(300);
  }
  assert.ok(heard?.freq && Math.abs(heard.freq - SIM_TONE_HZ) < 15, `the page hears the simulator's ${SIM_TONE_HZ} Hz: ${JSON.stringify(heard)}`);
  // Answered: Dialtone closes its notification.
  await until('the notification to close', async () => (await dunstctl(['count', 'displayed']))?.trim() === '0');

  await s.page.getByRole('button', { name: 'Hang up' }).click();
  await s.sim.waitEvent((e) => e.kind === 'hangup' && e.by === 'app' && e.call_sid === ring.call_sid, { since: mark });
});
