// "Test my set-up", the pure part: what a microphone recording and a short echo call to Twilio
// mean, in verdicts and message ids. No DOM, no SDK, no clock: the drivers
// (setupCheckMicrophone.ts, setupCheckCall.ts) measure, this module judges, and every rule is
// unit-tested.

import { NO_QUALITY, gradeOf, isWarningName, warningWords, worstWarning, type QualityGrade, type QualitySample, type WarningName } from './quality';

// ---- the microphone --------------------------------------------------------------------

/** How long the microphone check records (ms): long enough to say a sentence. */
export const RECORD_MS = 3000;

/**
 * Loudest 50 ms (RMS, dBFS) below which the microphone counts as silent. A working microphone
 * in a quiet room, after the browser's noise suppression, stays above about -70 dBFS; a muted
 * one, or a cable switch set to off, delivers digital silence (-inf) or a hiss far under it.
 */
export const SILENT_DB = -60;
/** Below this the voice was heard but faintly: speech at a normal distance peaks around -25 dBFS. */
export const QUIET_DB = -40;

/** What went wrong with the microphone, or that it works. */
export type MicOutcome =
  | 'ok'
  | 'quiet'
  | 'silent'
  | 'no-microphone'
  | 'permission-refused'
  | 'busy'
  | 'device-gone'
  | 'unsupported'
  | 'playback-failed';

/** RMS of one block of samples (-1..1) in dBFS; -Infinity for digital silence. */
export function rmsDb(samples: ArrayLike<number>): number {
  if (samples.length === 0) return -Infinity;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}

/** A level for the meter while recording: -60 dBFS (or less) is empty, 0 dBFS full. */
export function meterLevel(db: number): number {
  if (!Number.isFinite(db)) return 0;
  return Math.min(1, Math.max(0, (db - SILENT_DB) / -SILENT_DB));
}

/** The verdict on a recording from its loudest block. */
export function judgeRecording(peakDb: number): 'ok' | 'quiet' | 'silent' {
  if (!(peakDb >= SILENT_DB)) return 'silent';
  if (peakDb < QUIET_DB) return 'quiet';
  return 'ok';
}

/**
 * What a failed `getUserMedia` means (its DOMException names, per the Media Capture spec):
 * no device at all, the user or the system said no, another program holds it, or the chosen
 * device is no longer there.
 */
export function microphoneFailure(error: unknown): MicOutcome {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'no-microphone';
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission-refused';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'device-gone';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'busy';
  }
}

/** The words per microphone outcome: what happened, and what to do (null when all is well). */
const MIC_WORDS: Record<MicOutcome, { what: string; fix: string | null }> = {
  ok: { what: 'setup-test-mic-ok', fix: null },
  quiet: { what: 'setup-test-mic-quiet', fix: 'setup-test-mic-quiet-fix' },
  silent: { what: 'setup-test-mic-silent', fix: 'setup-test-mic-silent-fix' },
  'no-microphone': { what: 'setup-test-mic-none', fix: 'setup-test-mic-none-fix' },
  'permission-refused': { what: 'setup-test-mic-refused', fix: 'setup-test-mic-refused-fix' },
  busy: { what: 'setup-test-mic-busy', fix: 'setup-test-mic-busy-fix' },
  'device-gone': { what: 'setup-test-mic-gone', fix: 'setup-test-mic-gone-fix' },
  unsupported: { what: 'setup-test-mic-unsupported', fix: 'setup-test-mic-unsupported-fix' },
  'playback-failed': { what: 'setup-test-mic-playback-failed', fix: 'setup-test-mic-playback-failed-fix' },
};

export function microphoneWords(outcome: MicOutcome): { what: string; fix: string | null } {
  return MIC_WORDS[outcome];
}

// ---- the network path to Twilio ----------------------------------------------------------

/** How long the test call lasts once Twilio answered (ms). */
export const ECHO_CALL_MS = 10_000;
/** The destination the webhook answers with `<Echo/>`, for our own identity only. */
export const ECHO_TEST_DESTINATION = 'dialtone:echo-test';

/**
 * Output level (the SDK's `volume`, 0..1) above which the echo counts as heard. The fake or
 * real microphone's own sound comes back at about the level it left; line noise stays under 0.02.
 */
export const ECHO_HEARD_LEVEL = 0.05;

/** What the test call measured. */
export interface EchoMeasurements {
  samples: readonly QualitySample[];
  /** Warnings the SDK raised during the call, in order, each once. */
  warnings: readonly string[];
  /** The loudest the microphone was (0..1). */
  maxInput: number;
  /** The loudest the echo was (0..1). */
  maxOutput: number;
}

export interface NetworkSummary {
  /** null: no sample carried a MOS (the call was too short, or the stats were empty). */
  grade: QualityGrade | null;
  mos: number | null;
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  codec: string | null;
  /** The microphone spoke but nothing came back: audio goes one way only. */
  noEcho: boolean;
  /** What to try, as a message id; null when the line is good. */
  advice: string | null;
}

function average(values: readonly (number | null | undefined)[]): number | null {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return null;
  return finite.reduce((a, b) => a + b, 0) / finite.length;
}

/** The SDK's own warning thresholds (statsMonitor.ts), for advice when no warning fired. */
const HIGH_RTT_MS = 400;
const HIGH_JITTER_MS = 30;
const HIGH_LOSS_PERCENT = 1;

/**
 * The verdict on the test call: the average MOS graded as during calls (3.7 / 3.1), the
 * averages for the figures, and what to try. A warning the SDK raised says best what is wrong;
 * without one, the figure furthest over the SDK's own threshold does.
 */
export function summarizeEcho(m: EchoMeasurements): NetworkSummary {
  const mos = average(m.samples.map((s) => (s.mos !== null && s.mos > 0 ? s.mos : null)));
  const rttMs = average(m.samples.map((s) => s.rtt));
  const jitterMs = average(m.samples.map((s) => s.jitter));
  const lossPercent = average(m.samples.map((s) => s.packetsLostFraction));
  const codec = [...m.samples].reverse().find((s) => s.codecName)?.codecName ?? null;
  const noEcho = m.maxInput >= ECHO_HEARD_LEVEL && m.maxOutput < ECHO_HEARD_LEVEL;
  let grade = gradeOf(mos);
  if (noEcho) grade = 'poor';
  return { grade, mos, rttMs, jitterMs, lossPercent, codec, noEcho, advice: adviceFor(grade, noEcho, m.warnings, { rttMs, jitterMs, lossPercent }) };
}

function adviceFor(
  grade: QualityGrade | null,
  noEcho: boolean,
  warnings: readonly string[],
  figures: { rttMs: number | null; jitterMs: number | null; lossPercent: number | null },
): string | null {
  if (noEcho) return 'setup-test-net-no-echo-fix';
  if (grade === 'good') return null;
  if (grade === null) return 'setup-test-net-unmeasured-fix';
  const worst = worstWarning({ ...NO_QUALITY, warnings: warnings.filter(isWarningName) });
  if (worst) return warningWords(worst)?.fix ?? null;
  // No warning (they need 3 of 5 bad samples): the figure furthest over its threshold.
  const over: [number, WarningName][] = [
    [(figures.lossPercent ?? 0) / HIGH_LOSS_PERCENT, 'high-packet-loss'],
    [(figures.jitterMs ?? 0) / HIGH_JITTER_MS, 'high-jitter'],
    [(figures.rttMs ?? 0) / HIGH_RTT_MS, 'high-rtt'],
  ];
  over.sort((a, b) => b[0] - a[0]);
  const [ratio, name] = over[0]!;
  return ratio >= 0.5 ? (warningWords(name)?.fix ?? null) : 'quality-warning-low-mos-fix';
}

/** The message id for a good/fair/poor line, or one that could not be measured. */
export function gradeWords(grade: QualityGrade | null): string {
  switch (grade) {
    case 'good':
      return 'setup-test-net-good';
    case 'fair':
      return 'setup-test-net-fair';
    case 'poor':
      return 'setup-test-net-poor';
    case null:
      return 'setup-test-net-unmeasured';
  }
}
