import { describe, expect, test } from 'vitest';
import { formatDuration, startCallTimer, type Clock } from '../../src/phone/timer';

/** A clock whose time only moves when the test says so. */
function manualClock(start = 0) {
  let now = start;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => {
      timers.delete(id as number);
    },
  };
  const advance = (ms: number, lateBy = 0) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at + lateBy);
      due[1].fn();
    }
    now = Math.max(now, end);
  };
  return { clock, advance, pending: () => timers.size, delays: () => [...timers.values()].map((t) => t.at - now) };
}

describe('formatDuration', () => {
  test.each([
    [0, '00:00'],
    [999, '00:00'],
    [1000, '00:01'],
    [59_999, '00:59'],
    [60_000, '01:00'],
    [605_000, '10:05'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
    [36_000_000, '10:00:00'],
    [-5, '00:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('startCallTimer', () => {
  test('ticks once a second, from the start timestamp, with one pending timeout', () => {
    const { clock, advance, pending, delays } = manualClock(10_000);
    const seen: string[] = [];
    const stop = startCallTimer(10_000, (t) => seen.push(t), clock);
    expect(seen).toEqual(['00:00']);
    expect(pending()).toBe(1);
    expect(delays()).toEqual([1000]);
    advance(3000);
    expect(seen).toEqual(['00:00', '00:01', '00:02', '00:03']);
    expect(pending()).toBe(1);
    stop();
    expect(pending()).toBe(0);
    advance(5000);
    expect(seen).toHaveLength(4);
  });

  test('late ticks do not drift: the next one aims at the next whole second', () => {
    const { clock, advance, delays } = manualClock(0);
    const seen: string[] = [];
    startCallTimer(0, (t) => seen.push(t), clock);
    advance(1000, 250); // the tick fires 250 ms late
    expect(seen.at(-1)).toBe('00:01');
    expect(delays()).toEqual([750]);
  });

  test('a call accepted earlier shows its elapsed time at once', () => {
    const { clock } = manualClock(65_400);
    const seen: string[] = [];
    startCallTimer(0, (t) => seen.push(t), clock);
    expect(seen).toEqual(['01:05']);
  });
});
