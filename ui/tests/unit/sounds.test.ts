import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DTMF_PAIRS, SAMPLE_RATE, renderRingtones, renderSounds } from '../../scripts/make-sounds.mjs';
import { RINGTONES, ringtoneUrl } from '../../src/phone/ringtone';
import { SOUND_NAMES, soundUrls } from '../../src/phone/sdk';

const dir = new URL('../../public/sounds/', import.meta.url);

/** Every file the generator makes, by file name. */
function renderAll(): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, bytes] of Object.entries(renderSounds())) out[`${name}.wav`] = bytes;
  for (const [name, bytes] of Object.entries(renderRingtones())) out[`ringtone-${name}.wav`] = bytes;
  return out;
}

describe('sounds', () => {
  const rendered = renderSounds();
  const files = renderAll();

  test('one WAV per SDK sound name and per extra ringtone, committed', () => {
    expect(Object.keys(rendered).sort()).toEqual([...SOUND_NAMES].sort());
    const ringtoneFiles = RINGTONES.filter((t) => t !== 'classic').map((t) => `ringtone-${t}.wav`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.wav')).sort()).toEqual([...SOUND_NAMES.map((n) => `${n}.wav`), ...ringtoneFiles].sort());
    expect(Object.keys(files).sort()).toEqual(readdirSync(dir).filter((f) => f.endsWith('.wav')).sort());
  });

  test('every ringtone the picker offers has its file; the classic one is the SDK incoming sound', () => {
    for (const tone of RINGTONES) {
      const file = ringtoneUrl(tone, 'http://x/').replace('http://x/sounds/', '');
      expect(files[file], tone).toBeDefined();
    }
    expect(ringtoneUrl('classic', 'http://x/')).toBe('http://x/sounds/incoming.wav');
  });

  test('the ringtones are distinct and small (one cycle, a few seconds at most)', () => {
    const tones = RINGTONES.map((t) => files[ringtoneUrl(t, 'http://x/').replace('http://x/sounds/', '')]!);
    for (let i = 0; i < tones.length; i++) {
      expect(tones[i]!.length, RINGTONES[i]).toBeLessThan(SAMPLE_RATE * 2 * 5);
      for (let j = i + 1; j < tones.length; j++) expect(tones[i]!.equals(tones[j]!), `${RINGTONES[i]} vs ${RINGTONES[j]}`).toBe(false);
    }
  });

  test('the committed files are what the generator makes (to within one LSB)', () => {
    for (const [name, fresh] of Object.entries(files)) {
      const committed = readFileSync(new URL(name, dir));
      expect(committed.length, name).toBe(fresh.length);
      expect(committed.subarray(0, 44).equals(fresh.subarray(0, 44)), `${name} header`).toBe(true);
      // One assertion per file: an expect per sample took seconds on a busy machine.
      let worst = { at: -1, by: 0 };
      for (let i = 44; i < fresh.length; i += 2) {
        const by = Math.abs(committed.readInt16LE(i) - fresh.readInt16LE(i));
        if (by > worst.by) worst = { at: i, by };
      }
      expect(worst.by, `${name}: sample at byte ${worst.at} differs by ${worst.by}`).toBeLessThanOrEqual(1);
    }
  });

  test('headers say 16-bit mono PCM', () => {
    const wav = rendered.dtmf5!;
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(SAMPLE_RATE);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
  });

  test('DTMF pairs follow the keypad grid', () => {
    expect(DTMF_PAIRS.dtmf1).toEqual([697, 1209]);
    expect(DTMF_PAIRS.dtmf5).toEqual([770, 1336]);
    expect(DTMF_PAIRS.dtmf0).toEqual([941, 1336]);
    expect(DTMF_PAIRS.dtmfs).toEqual([941, 1209]);
    expect(DTMF_PAIRS.dtmfh).toEqual([941, 1477]);
  });

  test('the Device gets absolute same-origin URLs', () => {
    const urls = soundUrls('http://127.0.0.1:4000/call/index.html');
    expect(urls.dtmfh).toBe('http://127.0.0.1:4000/call/sounds/dtmfh.wav');
    expect(soundUrls('tauri://localhost/').incoming).toBe('tauri://localhost/sounds/incoming.wav');
  });
});
