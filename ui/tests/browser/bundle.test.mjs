// @ts-check
// The shipped bundle (ui/dist, with the real Voice SDK) under the production CSP read from
// tauri.conf.json. The machine has no network, so the SDK cannot reach Twilio: the phone must
// say it is offline, load nothing from a CDN, and break no CSP rule. Run `npm run build` first
// (and `npm run build:sim` to check the simulator build too).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UI_DIR, launch, openApp, productionCsp, serve } from './harness.mjs';

const DIST = join(UI_DIR, 'dist');
const DIST_SIM = join(UI_DIR, 'dist-sim');

/** @param {string} dir @returns {string} all of a build's JavaScript */
function scripts(dir) {
  const assets = join(dir, 'assets');
  return readdirSync(assets)
    .filter((n) => n.endsWith('.js'))
    .map((n) => readFileSync(join(assets, n), 'utf8'))
    .join('\n');
}

// The SDK's own code mentions `chunderw` and `eventgw` (it reads those options), so the check is
// for what only our sim build adds: either key set to a string, e.g. chunderw:`127.0.0.1:9443`.
const SIGNALING_OVERRIDE = /\b(chunderw|eventgw):\s*["'`][^"'`]*["'`]/g;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof serve>>} */
let server;

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'run `npm run build` first');
  server = await serve(DIST, productionCsp());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the shipped bundle carries no test hooks and no inline script or style', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
  assert.doesNotMatch(html, /\sstyle=/, 'no style attributes');
  assert.doesNotMatch(html, /<style/, 'no <style> blocks');
  const assets = readdirSync(join(DIST, 'assets'));
  for (const name of assets.filter((n) => n.endsWith('.js'))) {
    const js = readFileSync(join(DIST, 'assets', name), 'utf8');
    assert.ok(!js.includes('__fakeTwilio'), `${name} has no fake SDK`);
    assert.ok(!/\beval\(|new Function\(/.test(js), `${name} uses no eval`);
  }
  const sounds = readdirSync(join(DIST, 'sounds'));
  // The tones, the DTMF digits and the four ringtones: every sound ships, none is fetched.
  assert.equal(sounds.filter((n) => n.endsWith('.wav')).length, 18);
});

test('only the simulator build points the SDK elsewhere (chunderw, eventgw)', (t) => {
  const js = scripts(DIST);
  const overrides = [...js.matchAll(SIGNALING_OVERRIDE)].map((m) => m[0]);
  assert.deepEqual(overrides, [], 'dist sets no signaling or Insights host');
  assert.ok(!js.includes('9443') && !js.includes('DIALTONE_SIGNALING'), 'no simulator address in dist');
  if (!existsSync(join(DIST_SIM, 'index.html'))) {
    t.diagnostic('dist-sim not built (npm run build:sim): its check is skipped');
    return;
  }
  const sim = [...scripts(DIST_SIM).matchAll(SIGNALING_OVERRIDE)].map((m) => m[0].replace(/["'`]/g, ''));
  const host = process.env.VITE_DIALTONE_SIGNALING ?? '127.0.0.1:9443';
  assert.deepEqual(sim, [`chunderw:${host}`, `eventgw:${host}`], 'dist-sim points both at the simulator');
});

test('the real SDK loads, tries Twilio, and the phone reports it offline', async () => {
  const app = await openApp(browser, server.url);
  const { page } = app;
  /** @type {string[]} */
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  /** @type {string[]} */
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  await page.locator('#status-pill').getByText('Offline').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('.log-list').innerText(), /Can’t reach Twilio \(\d+\)[\s\S]*What to do:/);
  assert.equal(await page.locator('.unsupported').count(), 1, 'the notice exists');
  assert.ok(await page.locator('.screen-unsupported').isHidden(), 'Chromium supports WebRTC: no notice');

  const violations = await page.evaluate(() => /** @type {any} */ (window).__cspViolations);
  assert.deepEqual(violations, []);
  assert.deepEqual(app.pageErrors, []);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.voiceSupported), 'true');
  for (const url of requests) assert.ok(url.startsWith(server.url) || url.startsWith('data:'), `only same-origin requests: ${url}`);
  assert.ok(!requests.some((u) => /twiliocdn|sdk\.twilio\.com/.test(u)), 'nothing from the CDN');
  assert.ok(sockets.some((u) => u.startsWith('wss://voice-js.roaming.twilio.com/')), `the SDK tried Twilio: ${sockets.join(', ')}`);
  await app.context.close();
});
