// @ts-check
// Sound and call quality in a real browser: ui/dist-e2e (the app with the fake Voice SDK, whose
// `device.audio` lists devices like Chromium's fake media devices) under the production CSP,
// with Tauri's IPC mocked. Run `npm run build:e2e` first.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, openApp, screenshot, servedBuild } from './harness.mjs';

const DIST = join(UI_DIR, 'dist-e2e');
const build = servedBuild(DIST);

/** @param {import('playwright-core').Page} page */
async function ready(page) {
  await page.locator('#status-pill').getByText('Ready').waitFor();
}

/** Settings › Sound (the call screen has its own copy of the pickers). @param {import('playwright-core').Page} page */
const sound = (page) => page.locator('#audio-settings');

/** @param {import('playwright-core').Page} page */
async function openSettings(page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('#audio-settings').waitFor();
}

/** Places a call and lets the other side answer. @param {import('playwright-core').Page} page */
async function connectedCall(page) {
  await page.locator('#number').fill('+15557654321');
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  await page.waitForFunction(() => globalThis.__fakeTwilio.lastCall !== null);
  await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteAnswer());
  await page.locator('#call-label').getByText('Connected').waitFor();
}

/** @param {{ pageErrors: string[], page: import('playwright-core').Page }} app */
async function assertClean(app) {
  const violations = await app.page.evaluate(() => /** @type {any} */ (window).__cspViolations);
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.deepEqual(app.pageErrors, [], 'no page errors');
}

describe('Settings › Sound', () => {
  test('pickers list the devices; a choice is applied, remembered, and survives a reload', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await openSettings(page);
    const speaker = sound(page).getByLabel('Speaker', { exact: true });
    assert.deepEqual(await speaker.locator('option').allInnerTexts(), ['System default', 'USB Headset Earphones', 'HDMI Monitor Speakers']);
    assert.deepEqual(await sound(page).getByLabel('Microphone', { exact: true }).locator('option').allInnerTexts(), ['System default', 'USB Headset Microphone']);
    await speaker.selectOption({ label: 'HDMI Monitor Speakers' });
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.audio.speakerDevices.current[0] === 'out-hdmi');
    await sound(page).getByRole('button', { name: 'Play a test sound on this device' }).first().click();
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.audio.speakerDevices.tests.length === 1);
    const played = await page.evaluate(() => globalThis.__fakeTwilio.device?.audio.speakerDevices.tests[0]);
    assert.match(String(played), /\/sounds\/outgoing\.wav$/, 'a bundled file, not the CDN');
    await screenshot(page, 'sound-settings');

    await page.reload();
    await ready(page);
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.audio.speakerDevices.current[0] === 'out-hdmi');
    await assertClean(app);
    await app.context.close();
  });

  test('the microphone meter moves while Settings is open, and the microphone closes after', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await openSettings(page);
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.audio.inputDevice === 'default');
    await page.evaluate(() => globalThis.__fakeTwilio.device?.audio.inputVolume(0.6));
    assert.equal(await page.locator('#audio-mic-level').evaluate((m) => /** @type {HTMLMeterElement} */ (m).value), 0.6);
    await page.getByRole('button', { name: 'Back to the phone' }).click();
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.audio.inputDevice === null);
    await assertClean(app);
    await app.context.close();
  });

  test('a chosen device that disappears falls back to the default and says so', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await openSettings(page);
    await sound(page).getByLabel('Microphone', { exact: true }).selectOption({ label: 'USB Headset Microphone' });
    await page.evaluate(() => {
      const f = globalThis.__fakeTwilio;
      f.mediaDevices = f.mediaDevices.filter((d) => d.deviceId !== 'mic-usb');
      f.device?.audio.devicesChanged();
    });
    await sound(page).getByText('The microphone you chose is not connected, so the system default is used.').waitFor();
    assert.equal(await sound(page).getByLabel('Microphone', { exact: true }).inputValue(), 'default');
    // Plugged back in (a new id, as some docks do): found again by its name.
    await page.evaluate(() => {
      const f = globalThis.__fakeTwilio;
      f.mediaDevices.push({ deviceId: 'mic-usb-2', label: 'USB Headset Microphone', kind: 'audioinput' });
      f.device?.audio.devicesChanged();
    });
    await page.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.getElementById('audio-input')).value === 'mic-usb-2');
    assert.equal(await page.locator('#audio-settings .audio-missing:visible').count(), 0);
    await assertClean(app);
    await app.context.close();
  });

  test('without setSinkId there is no output picker that does nothing, and it says why', async () => {
    const app = await openApp(build.browser, build.server.url, { fake: { outputSelection: false } });
    const { page } = app;
    await ready(page);
    await openSettings(page);
    await sound(page).getByText('This window cannot choose where sound plays').waitFor();
    assert.equal(await sound(page).getByLabel('Speaker', { exact: true }).isVisible(), false);
    assert.equal(await sound(page).getByLabel('Ringtone plays on', { exact: true }).isVisible(), false);
    assert.equal(await sound(page).getByLabel('Microphone', { exact: true }).isVisible(), true);
    await screenshot(page, 'sound-settings-no-output-selection');
    await assertClean(app);
    await app.context.close();
  });
});

describe('during a call', () => {
  test('level meters follow the volume events; talking while muted shows the hint', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await connectedCall(page);
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.volume(0.4, 0.7));
    assert.equal(await page.locator('#level-input').evaluate((m) => /** @type {HTMLMeterElement} */ (m).value), 0.4);
    assert.equal(await page.locator('#level-output').evaluate((m) => /** @type {HTMLMeterElement} */ (m).value), 0.7);

    await page.getByRole('button', { name: 'Mute' }).click();
    const hint = page.getByText('You are talking while muted.');
    assert.equal(await hint.isVisible(), false);
    // Speech for a bit over a second, at the SDK's 50 ms pace (the page's clock decides).
    await page.evaluate(async () => {
      for (let i = 0; i < 26; i++) {
        globalThis.__fakeTwilio.lastCall?.volume(0.35, 0);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await hint.waitFor();
    await screenshot(page, 'sound-call-muted-talking');
    await page.getByRole('button', { name: 'Muted' }).click();
    await hint.waitFor({ state: 'hidden' });
    await assertClean(app);
    await app.context.close();
  });

  test('quality from samples; a warning says what to try, and goes on warning-cleared', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await connectedCall(page);
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.sample({ mos: 4.4 }));
    await page.getByText('Good line').waitFor();
    await page.evaluate(() => {
      const call = globalThis.__fakeTwilio.lastCall;
      call?.sample({ mos: 2.4, rtt: 650, jitter: 45, packetsLostFraction: 3 });
      call?.warning('high-packet-loss', 1);
    });
    await page.getByText('Poor line').waitFor();
    await page.getByText('Parts of the audio are lost on the way').waitFor();
    await page.getByText('Use a wired connection, close uploads and backups').waitFor();
    assert.match(String(await page.locator('.quality').getAttribute('title')), /MOS 2\.4 · round trip 650 ms · jitter 45 ms · loss 3\.0 %/);
    await screenshot(page, 'sound-call-warning');
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.warningCleared('high-packet-loss'));
    await page.getByText('Parts of the audio are lost on the way').waitFor({ state: 'hidden' });
    await assertClean(app);
    await app.context.close();
  });

  test('a headset plugged in mid-call can be chosen without dropping the call', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await connectedCall(page);
    await page.evaluate(() => {
      const f = globalThis.__fakeTwilio;
      f.mediaDevices.push({ deviceId: 'mic-bt', label: 'Bluetooth Headset', kind: 'audioinput' });
      f.device?.audio.devicesChanged();
    });
    await page.getByRole('button', { name: 'Sound' }).click();
    await page.locator('#call-audio-input').selectOption({ label: 'Bluetooth Headset' });
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.audio.inputSets.at(-1) === 'mic-bt');
    assert.equal(await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.status()), 'open');
    await page.locator('#call-label').getByText('Connected').waitFor();
    await assertClean(app);
    await app.context.close();
  });
});

describe('in Japanese', () => {
  test('the Sound card and a warning during a call', async () => {
    const app = await openApp(build.browser, build.server.url, { locale: 'ja-JP' });
    const { page } = app;
    await page.locator('#status-pill').getByText('待受中').waitFor();
    await page.locator('button.icon-button[aria-expanded]').click();
    await sound(page).getByText('マイク', { exact: true }).waitFor();
    assert.equal(await sound(page).locator('select#audio-speaker option').first().innerText(), 'システムの既定');
    await sound(page).locator('legend').scrollIntoViewIfNeeded();
    await screenshot(page, 'sound-settings-ja');
    await page.locator('.panel-head .back').click();

    await page.locator('#number').fill('+15557654321');
    await page.locator('.call-button').click();
    await page.waitForFunction(() => globalThis.__fakeTwilio.lastCall !== null);
    await page.evaluate(() => {
      const call = globalThis.__fakeTwilio.lastCall;
      call?.remoteAnswer();
      call?.volume(0.3, 0.6);
      call?.sample({ mos: 2.6, rtt: 480 });
      call?.warning('high-rtt', 400);
    });
    await page.getByText('通話品質：不良').waitFor();
    await page.getByText('声が届くまでに時間がかかっています').waitFor();
    await screenshot(page, 'sound-call-warning-ja');
    await assertClean(app);
    await app.context.close();
  });
});
