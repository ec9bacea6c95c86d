// Call quality in plain words, from what the SDK measures during a call: the once-a-second
// `sample` (MOS, round-trip time, jitter, loss), the `warning` / `warning-cleared` pairs, and
// the 50 ms `volume` levels behind the "you are talking while muted" hint. Pure: no SDK, no
// DOM, no clock of its own (callers pass `now`), so every rule here is unit-tested.
//
// Words are message ids (ui/src/i18n/*.ftl); the views put them into the reader's language.

import type { CallQualitySummary } from '../contract';

/** The indicator's three grades; `null` until the first sample with a MOS. */
export type QualityGrade = 'good' | 'fair' | 'poor';

/**
 * MOS to a grade. The bounds follow the SDK's own reading of its E-model score: its preflight
 * report calls 3.7 and above "good" or better and below 3.1 "degraded", and its `low-mos`
 * warning fires below 3 (`rtc/mos.ts`, `preflight.ts`, `statsMonitor.ts`).
 */
export function gradeOf(mos: number | null | undefined): QualityGrade | null {
  if (mos === null || mos === undefined || !Number.isFinite(mos) || mos <= 0) return null;
  if (mos >= 3.7) return 'good';
  if (mos >= 3.1) return 'fair';
  return 'poor';
}

/** The warning names `Call` emits (`call.ts` `_reemitWarning`; thresholds in statsMonitor.ts). */
export const WARNING_NAMES = [
  'high-rtt',
  'high-jitter',
  'high-packet-loss',
  'high-packets-lost-fraction',
  'low-mos',
  'low-bytes-received',
  'low-bytes-sent',
  'constant-audio-input-level',
  'ice-connectivity-lost',
] as const;
export type WarningName = (typeof WARNING_NAMES)[number];

/**
 * The messages per warning: what happened, and what to try. Both loss warnings share words (to
 * a listener they are the same problem).
 */
export interface WarningWords {
  what: string;
  fix: string;
}

const WARNING_WORDS: Record<WarningName, WarningWords> = {
  'high-rtt': { what: 'quality-warning-high-rtt', fix: 'quality-warning-high-rtt-fix' },
  'high-jitter': { what: 'quality-warning-high-jitter', fix: 'quality-warning-high-jitter-fix' },
  'high-packet-loss': { what: 'quality-warning-packet-loss', fix: 'quality-warning-packet-loss-fix' },
  'high-packets-lost-fraction': { what: 'quality-warning-packet-loss', fix: 'quality-warning-packet-loss-fix' },
  'low-mos': { what: 'quality-warning-low-mos', fix: 'quality-warning-low-mos-fix' },
  'low-bytes-received': { what: 'quality-warning-no-audio-in', fix: 'quality-warning-no-audio-in-fix' },
  'low-bytes-sent': { what: 'quality-warning-no-audio-out', fix: 'quality-warning-no-audio-out-fix' },
  'constant-audio-input-level': { what: 'quality-warning-mic-silent', fix: 'quality-warning-mic-silent-fix' },
  'ice-connectivity-lost': { what: 'quality-warning-connection-lost', fix: 'quality-warning-connection-lost-fix' },
};

/** How bad each warning is, to pick the one the call view shows when several are up. */
const WARNING_WEIGHT: Record<WarningName, number> = {
  'ice-connectivity-lost': 9,
  'low-bytes-received': 8,
  'low-bytes-sent': 8,
  'high-packets-lost-fraction': 7,
  'high-packet-loss': 6,
  'low-mos': 5,
  'high-jitter': 4,
  'high-rtt': 3,
  'constant-audio-input-level': 2,
};

export function isWarningName(name: unknown): name is WarningName {
  return typeof name === 'string' && (WARNING_NAMES as readonly string[]).includes(name);
}

/** The message ids that explain `name` and say what to try; null for a name we do not know. */
export function warningWords(name: string): WarningWords | null {
  return isWarningName(name) ? WARNING_WORDS[name] : null;
}

/** The fields of the SDK's `sample` Dialtone reads (`rtc/sample.ts`). */
export interface QualitySample {
  mos: number | null;
  rtt: number;
  jitter: number;
  packetsLostFraction: number;
  codecName?: string;
}

/** What the call view shows about quality. */
export interface CallQuality {
  grade: QualityGrade | null;
  /** The latest figures, for the indicator's tooltip. */
  mos: number | null;
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  codec: string | null;
  /** Warnings raised and not yet cleared, in the order they came. */
  warnings: readonly WarningName[];
}

export const NO_QUALITY: CallQuality = {
  grade: null,
  mos: null,
  rttMs: null,
  jitterMs: null,
  lossPercent: null,
  codec: null,
  warnings: [],
};

export type QualityEvent =
  | { type: 'sample'; sample: QualitySample }
  | { type: 'warning'; name: string }
  | { type: 'warning-cleared'; name: string };

function finite(n: unknown): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** The next quality after one SDK event. Unknown warning names are ignored (logged elsewhere). */
export function nextQuality(quality: CallQuality, event: QualityEvent): CallQuality {
  switch (event.type) {
    case 'sample': {
      const s = event.sample;
      const mos = finite(s.mos);
      return {
        ...quality,
        // The first sample has no MOS yet: keep the previous grade rather than flicker.
        grade: gradeOf(mos) ?? quality.grade,
        mos: mos ?? quality.mos,
        rttMs: finite(s.rtt),
        jitterMs: finite(s.jitter),
        lossPercent: finite(s.packetsLostFraction),
        codec: s.codecName ? s.codecName : quality.codec,
      };
    }
    case 'warning':
      if (!isWarningName(event.name) || quality.warnings.includes(event.name)) return quality;
      return { ...quality, warnings: [...quality.warnings, event.name] };
    case 'warning-cleared':
      if (!isWarningName(event.name) || !quality.warnings.includes(event.name)) return quality;
      return { ...quality, warnings: quality.warnings.filter((w) => w !== event.name) };
  }
}

/** The warning to explain now: the worst one up, the latest among equals; null when none. */
export function worstWarning(quality: CallQuality): WarningName | null {
  let worst: WarningName | null = null;
  for (const name of quality.warnings) {
    if (worst === null || WARNING_WEIGHT[name] >= WARNING_WEIGHT[worst]) worst = name;
  }
  return worst;
}

// ---- the call's summary, for the journal -----------------------------------------------

/** What the whole call adds up to so far: every sample's MOS and every warning raised. */
export interface QualityTally {
  codec: string | null;
  mosSum: number;
  mosCount: number;
  /** The worst warning raised at any time in the call (a cleared one still counts). */
  worst: WarningName | null;
}

export const EMPTY_TALLY: QualityTally = { codec: null, mosSum: 0, mosCount: 0, worst: null };

/** The tally after one SDK event. */
export function nextTally(tally: QualityTally, event: QualityEvent): QualityTally {
  switch (event.type) {
    case 'sample': {
      const mos = finite(event.sample.mos);
      const counted = mos !== null && mos > 0;
      return {
        ...tally,
        codec: event.sample.codecName ? event.sample.codecName.toLowerCase() : tally.codec,
        mosSum: counted ? tally.mosSum + mos : tally.mosSum,
        mosCount: counted ? tally.mosCount + 1 : tally.mosCount,
      };
    }
    case 'warning': {
      if (!isWarningName(event.name)) return tally;
      const worse = tally.worst === null || WARNING_WEIGHT[event.name] > WARNING_WEIGHT[tally.worst];
      return worse ? { ...tally, worst: event.name } : tally;
    }
    case 'warning-cleared':
      return tally;
  }
}

/** The summary the journal keeps; null when the call measured nothing (it never connected). */
export function summaryOf(tally: QualityTally): CallQualitySummary | null {
  const averageMos = tally.mosCount > 0 ? Math.round((tally.mosSum / tally.mosCount) * 100) / 100 : null;
  if (tally.codec === null && averageMos === null && tally.worst === null) return null;
  return { codec: tally.codec, averageMos, worstWarning: tally.worst };
}

// ---- talking while muted ---------------------------------------------------------------

/**
 * Input level (0..1, the SDK's `volume` scale) above which the microphone hears speech. The SDK
 * maps −100…−30 dB onto 0…1 over a 32-bin spectrum; room noise stays under about 0.05 and a
 * voice at a normal distance reaches 0.15 and more.
 */
export const TALK_LEVEL = 0.1;
/** How long speech must go on while muted before the hint shows (ms). */
export const TALK_WHILE_MUTED_MS = 1000;
/** Short pauses between words do not restart the count (ms). */
export const TALK_PAUSE_MS = 300;
/** The hint goes away after this long without speech (ms). */
export const HINT_LINGER_MS = 3000;

/**
 * Decides whether to show "you are talking while muted" from the input levels. Speech counts
 * from its first loud level; gaps up to `TALK_PAUSE_MS` (between words) keep it going.
 */
export class MutedTalkDetector {
  private talkingSince: number | null = null;
  private lastLoudAt: number | null = null;
  private shown = false;

  /** Feeds one input level; returns whether the hint should show now. */
  level(input: number, muted: boolean, now: number): boolean {
    if (!muted) {
      this.reset();
      return false;
    }
    if (input >= TALK_LEVEL) {
      if (this.lastLoudAt === null || now - this.lastLoudAt > TALK_PAUSE_MS) this.talkingSince = now;
      this.lastLoudAt = now;
      if (this.talkingSince !== null && now - this.talkingSince >= TALK_WHILE_MUTED_MS) this.shown = true;
    } else if (this.lastLoudAt !== null && now - this.lastLoudAt > HINT_LINGER_MS) {
      this.shown = false;
      this.talkingSince = null;
    }
    return this.shown;
  }

  reset(): void {
    this.talkingSince = null;
    this.lastLoudAt = null;
    this.shown = false;
  }
}
