// Writes the phone's sounds to public/sounds/ as 16-bit mono WAV files. The Voice SDK's
// defaults live on Twilio's CDN, which the app's CSP (rightly) does not allow, so Dialtone
// ships its own, plus the ringtones to choose from. Deterministic: the same bytes on every run (tests/unit/sounds.test.ts checks
// the committed files against this generator).
//
//   node scripts/make-sounds.mjs

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_RATE = 8000;

// DTMF: each key is one low (row) and one high (column) frequency (ITU-T Q.23).
const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477];
const KEYS = ['123', '456', '789', '*0#'];

/** @type {Record<string, [number, number]>} */
export const DTMF_PAIRS = {};
KEYS.forEach((row, r) => {
  [...row].forEach((key, c) => {
    const name = key === '*' ? 'dtmfs' : key === '#' ? 'dtmfh' : `dtmf${key}`;
    DTMF_PAIRS[name] = [ROWS[r] ?? 0, COLS[c] ?? 0];
  });
});

/**
 * A tone made of `freqs` for `seconds`, with short fades so it does not click.
 * @param {number[]} freqs
 * @param {number} seconds
 * @param {number} [level] peak amplitude, 0..1
 * @returns {Float64Array}
 */
function tone(freqs, seconds, level = 0.35) {
  const n = Math.round(seconds * SAMPLE_RATE);
  const fade = Math.min(Math.round(0.008 * SAMPLE_RATE), Math.floor(n / 2));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const f of freqs) v += Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE);
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = (v / freqs.length) * level * envelope;
  }
  return out;
}

/** @param {number} seconds */
function silence(seconds) {
  return new Float64Array(Math.round(seconds * SAMPLE_RATE));
}

/** @param {Float64Array[]} parts */
function concat(parts) {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * 16-bit PCM mono WAV bytes.
 * @param {Float64Array} samples
 * @returns {Buffer}
 */
export function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Every sound the Device's `sounds` option takes, by SDK name. */
export function renderSounds() {
  /** @type {Record<string, Buffer>} */
  const sounds = {
    // Incoming: a double ring (0.4 s on, 0.2 s off, 0.4 s on) then a pause; the SDK loops it.
    incoming: wav(concat([tone([400, 450], 0.4), silence(0.2), tone([400, 450], 0.4), silence(2)])),
    // Outgoing ringback: the North American cadence, 2 s of 440+480 Hz then 4 s of silence.
    outgoing: wav(concat([tone([440, 480], 2, 0.25), silence(4)])),
    // Disconnect: three short falling beeps.
    disconnect: wav(concat([tone([620], 0.12), silence(0.05), tone([520], 0.12), silence(0.05), tone([420], 0.18)])),
  };
  for (const [name, pair] of Object.entries(DTMF_PAIRS)) sounds[name] = wav(tone(pair, 0.15));
  return sounds;
}

/**
 * A note that starts at full strength and dies away, like a struck bell.
 * @param {number[]} freqs
 * @param {number} seconds
 * @param {number} [level]
 */
function bell(freqs, seconds, level = 0.35) {
  const out = tone(freqs, seconds, level);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) * Math.exp((-4 * i) / out.length);
  return out;
}

/**
 * The ringtones Settings › Sound offers besides the classic double ring (which is the SDK's
 * `incoming` sound above, and stays the default). Each file is one cycle; the page loops it.
 * File names: `ringtone-<name>.wav`.
 */
export function renderRingtones() {
  /** @type {Record<string, Buffer>} */
  return {
    // Soft chime: two falling bell notes (E5, C5), then a long pause.
    chime: wav(concat([bell([659.25], 0.6, 0.3), bell([523.25], 0.9, 0.3), silence(1.5)])),
    // Digital beep: four short square-ish beeps at 1 kHz (a tone plus its third harmonic).
    digital: wav(concat([...[0, 1, 2, 3].flatMap(() => [tone([1000, 3000], 0.08, 0.3), silence(0.08)]), silence(1.4)])),
    // Trill: a fast warble between 1.2 and 1.5 kHz, like an old office phone, twice.
    trill: wav(concat([...[0, 1].flatMap(() => [...Array.from({ length: 10 }, (_, i) => tone([i % 2 ? 1500 : 1200], 0.05, 0.3)), silence(0.3)]), silence(1.5)])),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../public/sounds/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(renderSounds())) {
    writeFileSync(`${dir}${name}.wav`, bytes);
    console.log(`public/sounds/${name}.wav  ${bytes.length} bytes`);
  }
  for (const [name, bytes] of Object.entries(renderRingtones())) {
    writeFileSync(`${dir}ringtone-${name}.wav`, bytes);
    console.log(`public/sounds/ringtone-${name}.wav  ${bytes.length} bytes`);
  }
}
