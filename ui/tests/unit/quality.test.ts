import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import {
  EMPTY_TALLY,
  MutedTalkDetector,
  NO_QUALITY,
  TALK_LEVEL,
  TALK_WHILE_MUTED_MS,
  WARNING_NAMES,
  gradeOf,
  nextQuality,
  nextTally,
  summaryOf,
  warningWords,
  worstWarning,
  type CallQuality,
  type QualitySample,
} from '../../src/phone/quality';

// The real SDK (createRequire bypasses vitest's alias to the fake): its E-model and its tables.
const require = createRequire(import.meta.url);
const sdkDir = join(dirname(require.resolve('@twilio/voice-sdk')), 'twilio');
const sdkMosModule = require(join(sdkDir, 'rtc/mos.js')) as {
  calculate: (rtt: number, jitter: number, fractionLost: number) => number | null;
};
const sdkMos = sdkMosModule.calculate;

/** Evaluates `var NAME = {…};` from an SDK source file: its own tables are the oracle. */
function sdkTable(file: string, name: string): unknown {
  const source = readFileSync(join(sdkDir, file), 'utf8');
  const match = new RegExp(`var ${name} = (\\{[\\s\\S]*?\\n\\});`).exec(source);
  if (!match) throw new Error(`${name} not found in ${file}: the SDK changed, revisit quality.ts`);
  return runInNewContext(`(${match[1]})`) as unknown;
}

function sample(fields: Partial<QualitySample>): QualitySample {
  return { mos: 4.4, rtt: 40, jitter: 2, packetsLostFraction: 0, ...fields };
}

describe('gradeOf', () => {
  test('the SDK’s own MOS for typical networks lands on the grade a listener would give', () => {
    expect(gradeOf(sdkMos(40, 2, 0))).toBe('good'); // wired, nearby
    expect(gradeOf(sdkMos(150, 10, 0))).toBe('good'); // far away but steady
    expect(gradeOf(sdkMos(350, 30, 1))).toBe('fair'); // a loaded Wi-Fi
    expect(gradeOf(sdkMos(600, 60, 5))).toBe('poor'); // what high-rtt + high-jitter look like
    expect(gradeOf(sdkMos(50, 5, 20))).toBe('poor'); // heavy loss
  });

  test('below 3, where the SDK raises low-mos, is always poor', () => {
    expect(gradeOf(2.99)).toBe('poor');
    expect(gradeOf(3.1)).toBe('fair');
    expect(gradeOf(3.7)).toBe('good');
  });

  test('no MOS yet (the first sample) is no grade', () => {
    expect(gradeOf(null)).toBeNull();
    expect(gradeOf(undefined)).toBeNull();
    expect(gradeOf(Number.NaN)).toBeNull();
    expect(gradeOf(0)).toBeNull();
  });
});

describe('warnings', () => {
  test('every warning the SDK can emit has words, and we know no others', () => {
    // As call.ts `_reemitWarning` builds them: prefix by threshold kind + the stat's name.
    const thresholds = sdkTable('statsMonitor.js', 'DEFAULT_THRESHOLDS') as Record<string, object[] | object>;
    const prefixes = sdkTable('call.js', 'WARNING_PREFIXES') as Record<string, string>;
    const names = sdkTable('call.js', 'WARNING_NAMES') as Record<string, string>;
    const multiple = sdkTable('call.js', 'MULTIPLE_THRESHOLD_WARNING_NAMES') as Record<string, Record<string, string>>;
    const emitted = new Set<string>(['ice-connectivity-lost']);
    for (const [stat, limits] of Object.entries(thresholds)) {
      const list = Array.isArray(limits) ? (limits as object[]) : [limits];
      for (const limit of list) {
        for (const kind of Object.keys(limit)) {
          const prefix = prefixes[kind];
          if (prefix === undefined) continue; // sampleCount, clearCount…: not thresholds
          emitted.add(prefix + (multiple[stat]?.[kind] ?? names[stat] ?? `?${stat}`));
        }
      }
    }
    // call.js drops this one before emitting (it only goes to Insights).
    emitted.delete('constant-audio-output-level');
    expect([...WARNING_NAMES].sort()).toEqual([...emitted].sort());
    for (const name of WARNING_NAMES) {
      const words = warningWords(name);
      expect(words?.what, name).toMatch(/^quality-warning-/);
      expect(words?.fix, name).toBe(`${words?.what}-fix`);
    }
  });

  test('an unknown name has no words (the log still records it)', () => {
    expect(warningWords('high-something-new')).toBeNull();
  });

  test('raised, raised again, cleared', () => {
    let q: CallQuality = NO_QUALITY;
    q = nextQuality(q, { type: 'warning', name: 'high-rtt' });
    q = nextQuality(q, { type: 'warning', name: 'high-packet-loss' });
    const same = nextQuality(q, { type: 'warning', name: 'high-rtt' });
    expect(same).toBe(q);
    expect(q.warnings).toEqual(['high-rtt', 'high-packet-loss']);
    expect(worstWarning(q)).toBe('high-packet-loss');
    q = nextQuality(q, { type: 'warning-cleared', name: 'high-packet-loss' });
    expect(worstWarning(q)).toBe('high-rtt');
    q = nextQuality(q, { type: 'warning-cleared', name: 'high-rtt' });
    expect(worstWarning(q)).toBeNull();
    expect(nextQuality(q, { type: 'warning', name: 'made-up' })).toBe(q);
  });
});

describe('samples', () => {
  test('the figures follow the latest sample; a missing MOS keeps the last grade', () => {
    let q = nextQuality(NO_QUALITY, { type: 'sample', sample: sample({ mos: null }) });
    expect(q.grade).toBeNull();
    q = nextQuality(q, { type: 'sample', sample: sample({ mos: 4.3, codecName: 'opus' }) });
    expect(q).toMatchObject({ grade: 'good', mos: 4.3, rttMs: 40, jitterMs: 2, lossPercent: 0, codec: 'opus' });
    q = nextQuality(q, { type: 'sample', sample: sample({ mos: 2.5, rtt: 620, packetsLostFraction: 4 }) });
    expect(q).toMatchObject({ grade: 'poor', rttMs: 620, lossPercent: 4, codec: 'opus' });
    q = nextQuality(q, { type: 'sample', sample: sample({ mos: null }) });
    expect(q.grade).toBe('poor');
  });
});

describe('MutedTalkDetector', () => {
  /** Feeds levels every 50 ms (the SDK's volume interval) from `from` for `ms`. */
  function feed(d: MutedTalkDetector, level: number, muted: boolean, from: number, ms: number): boolean {
    let shown = false;
    for (let t = from; t <= from + ms; t += 50) shown = d.level(level, muted, t);
    return shown;
  }

  test('a second of speech while muted shows the hint; less does not', () => {
    const d = new MutedTalkDetector();
    expect(feed(d, 0.3, true, 0, TALK_WHILE_MUTED_MS - 100)).toBe(false);
    expect(feed(d, 0.3, true, TALK_WHILE_MUTED_MS - 50, 100)).toBe(true);
  });

  test('pauses between words do not restart the count', () => {
    const d = new MutedTalkDetector();
    feed(d, 0.3, true, 0, 500);
    feed(d, 0.01, true, 550, 200);
    expect(feed(d, 0.3, true, 800, 300)).toBe(true);
  });

  test('room noise and talking unmuted never show it', () => {
    const d = new MutedTalkDetector();
    expect(feed(d, TALK_LEVEL / 2, true, 0, 5000)).toBe(false);
    expect(feed(d, 0.5, false, 5000, 5000)).toBe(false);
  });

  test('the hint goes after quiet, and at once on unmute', () => {
    const d = new MutedTalkDetector();
    expect(feed(d, 0.3, true, 0, 1500)).toBe(true);
    expect(feed(d, 0, true, 1550, 1000)).toBe(true);
    expect(feed(d, 0, true, 2600, 2500)).toBe(false);
    expect(feed(d, 0.3, true, 5200, 1500)).toBe(true);
    expect(d.level(0.3, false, 6800)).toBe(false);
  });
});

describe('the call summary for the journal', () => {
  test('codec, the mean of the SDK\'s own MOS over the call, and the worst warning even once cleared', () => {
    // Three seconds of a line getting worse, scored by the SDK's E-model.
    const scores = [sdkMos(40, 2, 0), sdkMos(180, 25, 1), sdkMos(350, 40, 3)].map((m) => m as number);
    let tally = EMPTY_TALLY;
    tally = nextTally(tally, { type: 'sample', sample: sample({ mos: null, codecName: 'opus' }) });
    for (const mos of scores) tally = nextTally(tally, { type: 'sample', sample: sample({ mos, codecName: 'opus' }) });
    tally = nextTally(tally, { type: 'warning', name: 'high-rtt' });
    tally = nextTally(tally, { type: 'warning', name: 'high-packet-loss' });
    tally = nextTally(tally, { type: 'warning-cleared', name: 'high-packet-loss' });
    tally = nextTally(tally, { type: 'warning', name: 'high-jitter' });
    tally = nextTally(tally, { type: 'warning', name: 'not-a-warning' });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(summaryOf(tally)).toEqual({ codec: 'opus', averageMos: Math.round(mean * 100) / 100, worstWarning: 'high-packet-loss' });
  });

  test('the codec as the SDK names it, lowercased; a call that measured nothing has no summary', () => {
    expect(summaryOf(EMPTY_TALLY)).toBeNull();
    const pcmu = nextTally(EMPTY_TALLY, { type: 'sample', sample: sample({ mos: null, codecName: 'PCMU' }) });
    expect(summaryOf(pcmu)).toEqual({ codec: 'pcmu', averageMos: null, worstWarning: null });
  });
});
