// @ts-check
// The ringtone in a real browser: ui/dist-e2e (the app with the fake Voice SDK) under the
// production CSP, with Tauri's IPC mocked. The ring plays in Chromium's own <audio> element
// (#ringtone-player), so what it plays, how loud, where and whether it is paused are the
// browser's answers, not ours. Run `npm run build:e2e` first.

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

/** @param {import('playwright-core').Page} page */
async function openSettings(page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('#audio-settings').waitFor();
}

/** What Chromium's player holds. @param {import('playwright-core').Page} page */
function player(page) {
  return page.locator('#ringtone-player').evaluate((node) => {
    const a = /** @type {HTMLAudioElement} */ (node);
    return { src: a.getAttribute('src') ?? '', loop: a.loop, volume: a.volume, paused: a.paused, state: a.dataset.state, sink: a.dataset.sink };
  });
}

/** Waits until the Ringer has put the player in `state` (ringing, preview, stopped). @param {import('playwright-core').Page} page @param {string} state */
async function playerIs(page, state) {
  await page.waitForFunction((s) => document.getElementById('ringtone-player')?.dataset.state === s, state);
}

/** @param {{ pageErrors: string[], page: import('playwright-core').Page }} app */
async function assertClean(app) {
  const violations = await app.page.evaluate(() => /** @type {any} */ (window).__cspViolations);
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.deepEqual(app.pageErrors, [], 'no page errors');
}

describe('the ringtone', () => {
  test('the picker and the volume decide the next incoming ring; answering stops it; the choice survives a reload', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    // The SDK's own incoming sound is off: the page rings itself.
    assert.equal(await page.evaluate(() => globalThis.__fakeTwilio.device?.audio.incomingSound), false);

    // Before any choice: the classic ring, at full volume.
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await playerIs(page, 'ringing');
    let now = await player(page);
    assert.match(now.src, /\/sounds\/incoming\.wav$/);
    assert.equal(now.volume, 1);
    assert.equal(now.loop, true);
    await page.getByRole('button', { name: 'Decline' }).click();
    await playerIs(page, 'stopped');
    assert.equal((await player(page)).paused, true);

    await openSettings(page);
    const tone = page.locator('#audio-settings').getByLabel('Ringtone', { exact: true });
    assert.deepEqual(await tone.locator('option').allInnerTexts(), ['Classic double ring', 'Soft chime', 'Digital beep', 'Trill']);
    assert.equal(await tone.inputValue(), 'classic');
    const volume = page.locator('#audio-settings').getByLabel('Ringtone volume', { exact: true });
    assert.equal(await volume.inputValue(), '100');
    await tone.selectOption({ label: 'Soft chime' });
    await volume.fill('40');
    await page.locator('#audio-settings .audio-volume-value').getByText('40 %').waitFor();

    // "Play": once, at that volume, on the ringtone device.
    await page.locator('#audio-settings').getByRole('button', { name: 'Play the ringtone on the ringtone device' }).click();
    await playerIs(page, 'preview');
    now = await player(page);
    assert.match(now.src, /\/sounds\/ringtone-chime\.wav$/);
    assert.equal(now.volume, 0.4);
    assert.equal(now.loop, false);
    await screenshot(page, 'sound-ringtone-settings');
    await page.getByRole('button', { name: 'Back to the phone' }).click();

    // The next incoming call rings the chosen tone at the chosen volume; it is really playing.
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await playerIs(page, 'ringing');
    await page.waitForFunction(() => {
      const a = /** @type {HTMLAudioElement | null} */ (document.getElementById('ringtone-player'));
      return a !== null && !a.paused && a.currentTime > 0;
    });
    now = await player(page);
    assert.match(now.src, /\/sounds\/ringtone-chime\.wav$/);
    assert.equal(now.volume, 0.4);
    assert.equal(now.loop, true);
    assert.equal(now.sink, 'default');

    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor();
    await playerIs(page, 'stopped');
    now = await player(page);
    assert.equal(now.paused, true);
    assert.equal(now.src, '');
    await page.getByRole('button', { name: 'Hang up' }).click();

    await page.reload();
    await ready(page);
    await openSettings(page);
    assert.equal(await page.locator('#audio-ringtone-tone').inputValue(), 'chime');
    assert.equal(await page.locator('#audio-ringtone-volume').inputValue(), '40');
    await assertClean(app);
    await app.context.close();
  });

  test('it rings on the chosen ringtone device, and stops when the caller gives up', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await ready(page);
    await openSettings(page);
    await page.locator('#audio-settings').getByLabel('Ringtone plays on', { exact: true }).selectOption({ label: 'HDMI Monitor Speakers' });
    await page.waitForFunction(() => globalThis.__fakeTwilio.device?.audio.ringtoneDevices.current[0] === 'out-hdmi');
    await page.getByRole('button', { name: 'Back to the phone' }).click();
    await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+15557654321'));
    await playerIs(page, 'ringing');
    // The fake SDK's device ids are not Chromium's, so its setSinkId refuses this one: asked for, logged, and
    // the ring goes on on the system output rather than not at all.
    assert.equal((await player(page)).sink, 'out-hdmi');
    await page.waitForFunction(() => {
      const a = /** @type {HTMLAudioElement | null} */ (document.getElementById('ringtone-player'));
      return a !== null && !a.paused;
    });
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.callerCancel());
    await playerIs(page, 'stopped');
    assert.equal((await player(page)).paused, true);
    await assertClean(app);
    await app.context.close();
  });
});

describe('in Japanese', () => {
  test('the ringtone rows', async () => {
    const app = await openApp(build.browser, build.server.url, { locale: 'ja-JP' });
    const { page } = app;
    await page.locator('#status-pill').getByText('待受中').waitFor();
    await page.locator('button.icon-button[aria-expanded]').click();
    const card = page.locator('#audio-settings');
    await card.getByText('着信音', { exact: true }).waitFor();
    await card.getByText('着信音の音量', { exact: true }).waitFor();
    assert.deepEqual(await page.locator('#audio-ringtone-tone option').allInnerTexts(), ['昔ながらの2回ベル', 'やわらかいチャイム', '電子音', 'トリル']);
    await card.getByRole('button', { name: '着信音の出力先で着信音を試聴' }).waitFor();
    await card.locator('.audio-volume-value').getByText('100%').waitFor();
    await card.locator('#audio-ringtone-tone').scrollIntoViewIfNeeded();
    await screenshot(page, 'sound-ringtone-settings-ja');
    await assertClean(app);
    await app.context.close();
  });
});
