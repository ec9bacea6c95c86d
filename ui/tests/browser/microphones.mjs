// @ts-check
// Microphones for the browser tests that record (Record a greeting, Test my set-up): besides
// the beeping one every harness browser has, a muted one (Chromium plays a WAV of digital
// silence as its capture) and one whose permission the user refused; and a watch on the level
// meter the page draws while it records.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { launch, openApp, productionCsp, serve } from './harness.mjs';

/**
 * `seconds` of digital silence as a 48 kHz mono 16-bit WAV at `file`: what a muted headset
 * sends.
 * @param {string} file @param {number} seconds
 */
function writeSilence(file, seconds) {
  const n = 48000 * seconds;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0); buf.writeUInt32LE(36 + n * 2, 4); buf.write('WAVEfmt ', 8); buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); buf.writeUInt16LE(1, 22); buf.writeUInt32LE(48000, 24); buf.writeUInt32LE(96000, 28);
  buf.writeUInt16LE(2, 32); buf.writeUInt16LE(16, 34); buf.write('data', 36); buf.writeUInt32LE(n * 2, 40);
  writeFileSync(file, buf);
}

/** @typedef {Awaited<ReturnType<typeof openApp>>} App */

/**
 * For one `describe`: `dist` served under the production CSP, and the app opened (as
 * harness.openApp opens it) in a browser of its own for each other microphone a test asks for.
 * The browsers and the server close after the `describe`.
 * @param {string} dist
 * @returns {{ openSilent: (seconds: number) => Promise<App>, openRefused: () => Promise<App> }}
 */
export function otherMicrophones(dist) {
  /** @type {import('playwright-core').Browser[]} */
  const browsers = [];
  /** @type {Awaited<ReturnType<typeof serve>> | undefined} */
  let server;
  const work = mkdtempSync(join(tmpdir(), 'dialtone-microphones-'));
  /** @param {Parameters<typeof launch>[0]} options */
  async function openIn(options) {
    const browser = await launch(options);
    browsers.push(browser);
    assert.ok(server, 'the server starts before the tests');
    return openApp(browser, server.url);
  }
  before(async () => {
    server = await serve(dist, productionCsp());
  });
  after(async () => {
    for (const b of browsers) await b.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });
  return {
    /** A microphone that sends silence (Chromium plays a file of `seconds` of it). */
    async openSilent(seconds) {
      const wav = join(work, `silence-${seconds}s.wav`);
      writeSilence(wav, seconds);
      return openIn({ args: [`--use-file-for-fake-audio-capture=${wav}`] });
    },
    /** The user refused the microphone: no prompt is answered, and the page's context is granted nothing. */
    async openRefused() {
      const app = await openIn({ allowMicrophone: false });
      await app.context.clearPermissions();
      return app;
    },
  };
}

/**
 * Keeps every value the meter `#id` shows, at each change and each animation frame, for
 * {@link loudest}; the frames stop once `limit` values are kept (none: never).
 * @param {import('playwright-core').Page} page @param {string} id @param {number | null} [limit]
 */
export async function watchLevel(page, id, limit = null) {
  await page.evaluate(({ id, limit }) => {
    const meter = /** @type {HTMLMeterElement} */ (document.getElementById(id));
    const w = /** @type {any} */ (window);
    w.__levels = [];
    new MutationObserver(() => w.__levels.push(meter.value)).observe(meter, { attributes: true });
    const seen = () => {
      w.__levels.push(meter.value);
      if (limit === null || w.__levels.length < limit) requestAnimationFrame(seen);
    };
    requestAnimationFrame(seen);
  }, { id, limit });
}

/** The highest level the watched meter showed. @param {import('playwright-core').Page} page */
export async function loudest(page) {
  /** @type {number[]} */
  const levels = await page.evaluate(() => /** @type {any} */ (window).__levels);
  return Math.max(...levels);
}
