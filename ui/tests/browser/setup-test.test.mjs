// @ts-check
// "Test my set-up" in a real browser: ui/dist-e2e (the app with the fake Voice SDK) under the
// production CSP, with Tauri's IPC mocked, and Chromium's own fake media devices behind
// getUserMedia, MediaRecorder and the playback: a microphone that beeps, one that plays a silent
// file, and one the user refused. Run `npm run build:e2e` first.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, assertClean, openApp, screenshot, servedBuild } from './harness.mjs';
import { loudest, otherMicrophones, watchLevel } from './microphones.mjs';

const DIST = join(UI_DIR, 'dist-e2e');
const build = servedBuild(DIST);

/** @param {import('playwright-core').Page} page */
async function openTest(page) {
  await page.locator('#status-pill').getByText('Ready').waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('#setup-test').waitFor();
}

const micResult = (/** @type {import('playwright-core').Page} */ page) => page.locator('#setup-test-mic');
const netResult = (/** @type {import('playwright-core').Page} */ page) => page.locator('#setup-test-net');

/** The echo call the test placed on its own Device (the phone's Device is the first one). */
async function answerEchoCall(/** @type {import('playwright-core').Page} */ page) {
  await page.waitForFunction(() => /** @type {any} */ (globalThis.__fakeTwilio).devices.length === 2 && /** @type {any} */ (globalThis.__fakeTwilio).devices[1].calls.length === 1);
  return page.evaluate(() => {
    const f = /** @type {any} */ (globalThis.__fakeTwilio);
    const call = f.devices[1].calls[0];
    call.remoteAnswer();
    return { params: f.devices[1].connectParams[0], registered: f.devices[1].registerCount };
  });
}

describe('Test my set-up', () => {
  test('the microphone is recorded with its level and played back, then a test call to the echo gets a verdict', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await openTest(page);
    // Watch the recording's level meter move while recording.
    await watchLevel(page, 'setup-test-level', 400);
    await page.getByRole('button', { name: 'Test my set-up' }).click();
    await page.locator('#setup-test-progress').getByText('Say something: recording for three seconds…').waitFor();
    await page.locator('#setup-test-progress').getByText('Playing back your recording').waitFor({ timeout: 10_000 });
    await micResult(page).getByText('your microphone works and your recording was played back.').waitFor({ timeout: 15_000 });
    const peak = await loudest(page);
    assert.ok(peak > 0.2, `the meter showed Chromium's fake beep (${peak})`);

    // The network part: a call to the reserved destination on a Device that never registers.
    const placed = await answerEchoCall(page);
    assert.deepEqual(placed, { params: { params: { To: 'dialtone:echo-test' } }, registered: 0 });
    await page.evaluate(async () => {
      const call = /** @type {any} */ (globalThis.__fakeTwilio).devices[1].calls[0];
      for (let i = 0; i < 12; i++) {
        call.volume(0.4, 0.3);
        call.sample({ mos: i === 0 ? null : 4.4, rtt: 38, jitter: 3, packetsLostFraction: 0 });
        await new Promise((r) => setTimeout(r, 1000));
      }
    }).catch(() => undefined);
    await page.locator('#setup-test-progress').getByText('Test finished.').waitFor({ timeout: 20_000 });
    await netResult(page).getByText('good. Calls should sound clear.').waitFor();
    assert.match(await netResult(page).innerText(), /MOS 4\.4, round trip 38 ms, jitter 3 ms, loss 0\.0 %, codec opus/);
    assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[1].state), 'destroyed', 'the test Device is gone after');
    assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[0].state), 'registered', 'the phone stayed registered');
    await screenshot(page, 'setup-test-done');
    await assertClean(app);
    await app.context.close();
  });

  test('an incoming call during the test ends it and rings as ever; during a call the button is off', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await openTest(page);
    await page.getByRole('button', { name: 'Test my set-up' }).click();
    await answerEchoCall(page);
    await page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[0].incoming('+15550000001'));
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[1].calls[0].status()), 'closed', 'the test call hung up');
    assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[1].state), 'destroyed');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label').getByText('Connected').waitFor();
    // Settings during the call: the test is there but cannot start.
    assert.equal(await page.locator('#setup-test-start').isDisabled(), true);
    assert.equal(await page.locator('#setup-test-during-call').evaluate((el) => /** @type {HTMLElement} */ (el).hidden), false, 'says why');
    assert.match(await page.locator('#setup-test-progress').innerText(), /Test stopped: a call started\./);
    await assertClean(app);
    await app.context.close();
  });

  test('before the phone is connected, the microphone is still checked and the network says what to do', async () => {
    const app = await openApp(build.browser, build.server.url, { fake: { registerOutcome: 'hang' } });
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.locator('#setup-test').waitFor();
    await page.getByRole('button', { name: 'Test my set-up' }).click();
    await micResult(page).getByText('your microphone works').waitFor({ timeout: 15_000 });
    await netResult(page).getByText('not tested: the phone is not connected to Twilio.').waitFor();
    await netResult(page).getByText('Set up your Twilio account above').waitFor();
    assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices.length), 1, 'no test call was placed');
    await assertClean(app);
    await app.context.close();
  });
});

describe('Test my set-up with other microphones', () => {
  const mics = otherMicrophones(DIST);

  test('a microphone that sends only silence says so and what to check', async () => {
    // Three seconds of digital silence: a muted headset.
    const app = await mics.openSilent(3);
    const { page } = app;
    await openTest(page);
    await page.getByRole('button', { name: 'Test my set-up' }).click();
    await micResult(page).getByText('the microphone sends only silence.').waitFor({ timeout: 15_000 });
    await micResult(page).getByText('Check that it is not muted').waitFor();
    assert.equal(await page.locator('#setup-test-progress').getByText('Playing back').count(), 0, 'silence is not played back');
    await screenshot(page, 'setup-test-silent');
    await app.page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[1]?.calls[0]?.remoteHangup());
    await assertClean(app);
    await app.context.close();
  });

  test('a refused microphone permission says so and how to allow it', async () => {
    const app = await mics.openRefused();
    const { page } = app;
    await openTest(page);
    await page.getByRole('button', { name: 'Test my set-up' }).click();
    await micResult(page).getByText('permission to use the microphone was refused.').waitFor({ timeout: 15_000 });
    await micResult(page).getByText('Allow the microphone for this window').waitFor();
    await app.page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[1]?.calls[0]?.remoteHangup());
    await assertClean(app);
    await app.context.close();
  });
});
