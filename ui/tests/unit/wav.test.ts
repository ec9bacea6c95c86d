// The greeting's WAV writer (phone/wav.ts), checked against hand-computed bytes and against an
// independent decoder: Python's standard `wave` module (python3 is one of the project's apt
// packages, scripts/lib.sh), which reads the header and the frames back.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { GREETING_SAMPLE_RATE, WAV_HEADER_BYTES, encodeWav, toPcm16 } from '../../src/phone/wav';

const work = mkdtempSync(join(tmpdir(), 'dialtone-wav-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What Python's `wave` makes of `bytes`: the format and every sample. */
function pythonReads(bytes: Uint8Array): { channels: number; width: number; rate: number; frames: number; compression: string; samples: number[] } {
  const file = join(work, `take-${Math.random().toString(36).slice(2)}.wav`);
  writeFileSync(file, bytes);
  const script = [
    'import json, struct, sys, wave',
    'with wave.open(sys.argv[1], "rb") as w:',
    '    n = w.getnframes()',
    '    raw = w.readframes(n)',
    '    print(json.dumps({"channels": w.getnchannels(), "width": w.getsampwidth(), "rate": w.getframerate(), "frames": n,',
    '        "compression": w.getcomptype(), "samples": list(struct.unpack("<%dh" % n, raw))}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as ReturnType<typeof pythonReads>;
}

describe('encodeWav', () => {
  test('the header and samples, byte for byte, for four samples at 8 kHz', () => {
    const bytes = encodeWav([0, 1, -1, 0.5], 8000);
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex).toBe(
      [
        '52494646', '2c000000', '57415645', // "RIFF", 36 + 8 data bytes, "WAVE"
        '666d7420', '10000000', '0100', '0100', '401f0000', '803e0000', '0200', '1000', // "fmt ", 16, PCM, mono, 8000 Hz, 16000 B/s, align 2, 16 bits
        '64617461', '08000000', // "data", 8 bytes
        '0000', 'ff7f', '0080', '0040', // 0, 32767, -32768, 16384
      ].join(''),
    );
    expect(bytes.length).toBe(WAV_HEADER_BYTES + 8);
  });

  test('Python’s wave module reads back a second of a 440 Hz tone as mono 16-bit PCM at 8 kHz, sample for sample', () => {
    const samples = Float32Array.from({ length: GREETING_SAMPLE_RATE }, (_, i) => 0.6 * Math.sin((2 * Math.PI * 440 * i) / GREETING_SAMPLE_RATE));
    const read = pythonReads(encodeWav(samples, GREETING_SAMPLE_RATE));
    expect({ ...read, samples: undefined }).toEqual({ channels: 1, width: 2, rate: 8000, frames: 8000, compression: 'NONE', samples: undefined });
    expect(read.samples).toEqual(Array.from(samples, toPcm16));
    expect(Math.max(...read.samples)).toBe(Math.round(0.6 * 0x7fff));
  });

  test('16 kHz and an empty recording are still well-formed files', () => {
    expect(pythonReads(encodeWav(new Float32Array(3), 16000))).toMatchObject({ rate: 16000, frames: 3, samples: [0, 0, 0] });
    expect(pythonReads(encodeWav([], 8000))).toMatchObject({ frames: 0, samples: [] });
  });

  test('samples beyond full scale are clipped, not wrapped; NaN is silence', () => {
    expect([2, -2, 1.0001, -1.0001, Number.NaN, Infinity, -Infinity].map(toPcm16)).toEqual([32767, -32768, 32767, -32768, 0, 32767, -32768]);
    expect(pythonReads(encodeWav([1.5, -1.5], 8000)).samples).toEqual([32767, -32768]);
  });

  test('a sample rate that is not a positive whole number is refused', () => {
    expect(() => encodeWav([0], 0)).toThrow(/positive whole number/);
    expect(() => encodeWav([0], 8000.5)).toThrow(/positive whole number/);
  });

  test('the first bytes are what Rust’s greeting check looks for (RIFF … WAVE)', () => {
    const bytes = encodeWav([0.1], 8000);
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('RIFF');
    expect(String.fromCharCode(...bytes.slice(8, 12))).toBe('WAVE');
  });
});
