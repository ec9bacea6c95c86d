// A WAV file from samples: the container Twilio's <Play> takes and Rust's greeting check
// recognises (`RIFF…WAVE`). Pure (no DOM, no Web Audio), so the bytes are unit-tested against
// an independent decoder. A hand-written writer because the format is a fixed 44-byte header
// plus little-endian samples; the npm WAV packages pull in Node's Buffer and streams for that.

/**
 * The greeting's sample rate. The caller hears it over the phone network's narrowband G.711
 * (8 kHz), so anything recorded above 4 kHz is filtered away on the call: 8 kHz sounds the same
 * to the caller as 16 kHz, at half the bytes (60 s is about 960 kB, far under Rust's 5 MB limit),
 * and Twilio has nothing left to resample.
 */
export const GREETING_SAMPLE_RATE = 8000;

/** Bytes before the samples: RIFF header (12), `fmt ` chunk (8 + 16), `data` chunk header (8). */
export const WAV_HEADER_BYTES = 44;

/** One sample (-1..1) as signed 16-bit PCM: clipped, rounded, full scale both ways. */
export function toPcm16(sample: number): number {
  if (Number.isNaN(sample)) return 0;
  const s = Math.max(-1, Math.min(1, sample));
  // `|| 0`: a tiny negative rounds to -0, which is the same sample but not the same number.
  return Math.round(s < 0 ? s * 0x8000 : s * 0x7fff) || 0;
}

/** A mono, 16-bit PCM WAV file of `samples` (-1..1) at `sampleRate` Hz. */
export function encodeWav(samples: ArrayLike<number>, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`a WAV sample rate must be a positive whole number, not ${sampleRate}`);
  const channels = 1;
  const bytesPerSample = 2;
  const dataBytes = samples.length * bytesPerSample * channels;
  const bytes = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string): void => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, WAV_HEADER_BYTES - 8 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // the PCM fmt chunk's size
  view.setUint16(20, 1, true); // format 1: integer PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * bytesPerSample, true); // bytes per second
  view.setUint16(32, channels * bytesPerSample, true); // block align
  view.setUint16(34, bytesPerSample * 8, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(WAV_HEADER_BYTES + i * 2, toPcm16(samples[i] ?? 0), true);
  return bytes;
}
