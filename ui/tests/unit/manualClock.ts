// A clock whose time moves only when a test says so, for the modules that take a `Clock`.

import type { Clock } from '../../src/phone/timer';

export interface ManualClock {
  clock: Clock;
  /** Moves time forward by `ms`, running each timer that falls due, in order. */
  advance(ms: number): void;
  /** Timers scheduled and not yet run or cleared. */
  pending(): number;
  /** How far in the future each pending timer is. */
  delays(): number[];
}

export function manualClock(start = 1_700_000_000_000): ManualClock {
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
  return {
    clock,
    advance: (ms) => {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
    delays: () => [...timers.values()].map((t) => t.at - now),
  };
}
