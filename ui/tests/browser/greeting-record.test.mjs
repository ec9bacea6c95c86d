// @ts-check
// "Record a greeting" in a real browser: ui/dist-e2e under the production CSP, Tauri's IPC
// mocked, and Chromium's own fake media devices behind getUserMedia, MediaRecorder, the
// decoder and playback (a microphone that beeps, one that plays a silent file, one the user
// refused). The bytes handed to `set_voicemail_greeting` are read back by Python's `wave`
// module (an independent decoder) and must be mono 16-bit PCM at 8 kHz with the beep in them.
// Run `npm run build:e2e` first.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { UI_DIR, assertClean, openApp, screenshot, servedBuild } from './harness.mjs';
import { loudest, otherMicrophones, watchLevel } from './microphones.mjs';

const DIST = join(UI_DIR, 'dist-e2e');
const build = servedBuild(DIST);
const work = mkdtempSync(join(tmpdir(), 'dialtone-greeting-record-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The Voicemail tab, with the phone ready. @param {import('playwright-core').Page} page */
async function openVoicemail(page) {
  await page.locator('#status-pill').getByText('Ready').waitFor();
  await page.getByRole('tab', { name: /^Voicemail/ }).click();
  await page.getByRole('heading', { name: 'Greeting', exact: true }).waitFor();
}

/** The bytes of each `set_voicemail_greeting` call (the mock keeps a JSON copy of the Uint8Array). @param {import('playwright-core').Page} page */
async function uploads(page) {
  /** @type {Record<string, number>[]} */
  const sent = await page.evaluate(() => /** @type {any} */ (window).__ipc.calls.filter((/** @type {any} */ c) => c.cmd === 'set_voicemail_greeting').map((/** @type {any} */ c) => c.args));
  return sent.map((args) => Buffer.from(Object.keys(args).sort((a, b) => Number(a) - Number(b)).map((k) => /** @type {number} */ (args[k]))));
}

/** What Python's `wave` reads in `bytes`: the format, and the samples' peak. @param {Buffer} bytes */
function pythonReads(bytes) {
  const file = join(work, `upload-${Math.random().toString(36).slice(2)}.wav`);
  writeFileSync(file, bytes);
  const script = [
    'import json, struct, sys, wave',
    'with wave.open(sys.argv[1], "rb") as w:',
    '    n = w.getnframes()',
    '    s = struct.unpack("<%dh" % n, w.readframes(n))',
    '    print(json.dumps({"channels": w.getnchannels(), "width": w.getsampwidth(), "rate": w.getframerate(), "frames": n, "compression": w.getcomptype(), "peak": max(abs(x) for x in s) if s else 0}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
}

const recorder = (/** @type {import('playwright-core').Page} */ page) => page.getByRole('group', { name: 'Record a greeting' });
const progress = (/** @type {import('playwright-core').Page} */ page) => page.locator('#greeting-record-progress');

describe('Record a greeting', () => {
  test('by keyboard: record with a moving level and elapsed time, stop, play, save; Rust gets a mono 8 kHz 16-bit WAV', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await openVoicemail(page);
    // Watch the level meter while recording.
    await watchLevel(page, 'greeting-record-level');
    await page.getByRole('button', { name: 'Record a greeting' }).focus();
    await page.keyboard.press('Enter');
    await progress(page).getByText('Recording: say your greeting, then press Stop. It stops by itself at 01:00.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'greeting-record-stop', 'focus moves to Stop');
    // Let it run until the timer shows two seconds (Chromium's fake microphone beeps once a second).
    await page.locator('#greeting-record-elapsed').getByText('00:02 / 01:00').waitFor({ timeout: 20_000 });
    await screenshot(page, 'greeting-recording');
    await page.keyboard.press('Enter');
    await progress(page).getByText(/^Your recording \(00:0[2-4]\) is ready/).waitFor({ timeout: 10_000 });
    const peak = await loudest(page);
    assert.ok(peak > 0.2, `the meter showed the fake microphone's beep (${peak})`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'greeting-record-play', 'focus moves to Play');

    // Play: the take plays to its end, then the button offers Play again.
    await page.keyboard.press('Enter');
    await progress(page).getByText(/^Playing your recording/).waitFor();
    await recorder(page).getByRole('button', { name: 'Stop playing' }).waitFor();
    await progress(page).getByText(/is ready/).waitFor({ timeout: 15_000 });
    await recorder(page).getByRole('button', { name: 'Play' }).waitFor();
    assert.deepEqual(await uploads(page), [], 'nothing is uploaded before Save');

    await recorder(page).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Recorded greeting saved.').waitFor({ timeout: 15_000 });
    await page.getByText('Callers hear your recorded greeting.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'greeting-record', 'focus back on Record');
    assert.equal(await recorder(page).getByRole('button').count(), 0, 'the take is gone once saved');

    const [wav, ...more] = await uploads(page);
    assert.equal(more.length, 0, 'uploaded once');
    assert.ok(wav);
    assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.equal(wav.subarray(8, 12).toString('latin1'), 'WAVE');
    assert.equal(wav.readUInt32LE(4), wav.length - 8, 'the RIFF size covers the file');
    const read = pythonReads(wav);
    assert.deepEqual({ channels: read.channels, width: read.width, rate: read.rate, compression: read.compression }, { channels: 1, width: 2, rate: 8000, compression: 'NONE' });
    assert.equal(wav.length, 44 + read.frames * 2, 'the samples fill the file');
    assert.ok(read.frames >= 1.5 * 8000 && read.frames <= 5 * 8000, `about the two to four seconds recorded (${read.frames / 8000} s)`);
    assert.ok(read.peak > 0.05 * 32767, `the beep is in the samples (peak ${read.peak})`);
    await screenshot(page, 'greeting-saved');
    await assertClean(app);
    await app.context.close();
  });

  test('Discard throws the take away and changes nothing', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await openVoicemail(page);
    await page.getByRole('button', { name: 'Record a greeting' }).click();
    await page.locator('#greeting-record-elapsed').getByText('00:01 / 01:00').waitFor({ timeout: 20_000 });
    await recorder(page).getByRole('button', { name: 'Stop' }).click();
    await recorder(page).getByRole('button', { name: 'Discard' }).click();
    await page.getByText('Recording discarded; the greeting was not changed.').waitFor();
    await page.getByText('Callers hear the spoken greeting from Settings › Voicemail.').waitFor();
    assert.deepEqual(await uploads(page), []);
    await assertClean(app);
    await app.context.close();
  });
  test('in Japanese: 応答メッセージを録音, 停止, then 再生, 保存 and 破棄', async () => {
    const app = await openApp(build.browser, build.server.url, { locale: 'ja-JP' });
    const { page } = app;
    await page.locator('#status-pill').getByText('待受中').waitFor();
    await page.getByRole('tab', { name: /^留守番電話/ }).click();
    await page.getByRole('button', { name: '応答メッセージを録音' }).click();
    await progress(page).getByText('録音中です。応答メッセージを話し終えたら「停止」を押してください。01:00になると自動で停止します。').waitFor();
    await page.locator('#greeting-record-elapsed').getByText('00:01 / 01:00').waitFor({ timeout: 20_000 });
    await page.getByRole('group', { name: '応答メッセージを録音' }).getByRole('button', { name: '停止' }).click();
    const group = page.getByRole('group', { name: '応答メッセージを録音' });
    for (const name of ['再生', '保存', '破棄']) await group.getByRole('button', { name, exact: true }).waitFor();
    await progress(page).getByText(/^録音（00:0[1-3]）ができました。/).waitFor();
    await screenshot(page, 'greeting-record-ready-ja');
    await group.getByRole('button', { name: '破棄', exact: true }).click();
    await page.getByText('録音を破棄しました。応答メッセージは変わっていません。').waitFor();
    await assertClean(app);
    await app.context.close();
  });

  test('a call that comes in while recording stops it, frees the microphone and rings as ever', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await openVoicemail(page);
    // Count the microphone tracks the page opens and stops.
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__tracks = [];
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => {
        const stream = await open(c);
        w.__tracks.push(...stream.getTracks());
        return stream;
      };
    });
    await page.getByRole('button', { name: 'Record a greeting' }).click();
    await page.locator('#greeting-record-elapsed').getByText('00:01 / 01:00').waitFor({ timeout: 20_000 });
    await page.evaluate(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[0].incoming('+15550000001'));
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    await page.waitForFunction(() => /** @type {any} */ (window).__tracks.length > 0 && /** @type {any} */ (window).__tracks.every((/** @type {MediaStreamTrack} */ t) => t.readyState === 'ended'));
    assert.equal(await progress(page).textContent(), 'Recording stopped because a call started; nothing was saved.');
    await page.getByRole('button', { name: 'Decline' }).click();
    await openVoicemail(page);
    await page.getByRole('button', { name: 'Record a greeting' }).waitFor();
    assert.deepEqual(await uploads(page), []);
    await assertClean(app);
    await app.context.close();
  });
});

describe('Record a greeting with other microphones', () => {
  const mics = otherMicrophones(DIST);

  test('a microphone that sends only silence: said in plain words, nothing kept or uploaded', async () => {
    // Ten seconds of digital silence: a muted headset.
    const app = await mics.openSilent(10);
    const { page } = app;
    await openVoicemail(page);
    await page.getByRole('button', { name: 'Record a greeting' }).click();
    await page.locator('#greeting-record-elapsed').getByText('00:01 / 01:00').waitFor({ timeout: 20_000 });
    await recorder(page).getByRole('button', { name: 'Stop' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'The recording is silent' });
    await problem.getByText('no sound came from the microphone, so nothing was kept.').waitFor({ timeout: 10_000 });
    await problem.getByText('Check that it is not muted').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'greeting-record', 'focus on Record, to try again');
    assert.equal(await recorder(page).getByRole('button', { name: 'Save' }).count(), 0, 'nothing to save');
    assert.deepEqual(await uploads(page), []);
    await screenshot(page, 'greeting-record-silent');
    await assertClean(app);
    await app.context.close();
  });

  test('a refused microphone permission says so and how to allow it', async () => {
    const app = await mics.openRefused();
    const { page } = app;
    await openVoicemail(page);
    await page.getByRole('button', { name: 'Record a greeting' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Permission to use the microphone was refused.' });
    await problem.getByText('Allow the microphone for this window').waitFor({ timeout: 15_000 });
    // Record is offered again, to try once it is allowed.
    await page.getByRole('button', { name: 'Record a greeting' }).waitFor();
    assert.deepEqual(await uploads(page), []);
    await assertClean(app);
    await app.context.close();
  });
});
