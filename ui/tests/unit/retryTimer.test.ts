// The one pending registration retry (src/phone/retryTimer.ts).

import { describe, expect, test } from 'vitest';
import { RETRY_DELAYS_MS } from '../../src/phone/recovery';
import { RetryTimer } from '../../src/phone/retryTimer';
import { manualClock } from './manualClock';

describe('RetryTimer', () => {
  test('backoff follows the schedule, one timer at a time', () => {
    const time = manualClock();
    const retries = new RetryTimer(time.clock);
    let runs = 0;
    const again = () => {
      runs++;
      retries.backoff(again);
    };
    retries.backoff(again);
    retries.backoff(again); // already pending: ignored
    expect(time.delays()).toEqual([RETRY_DELAYS_MS[0]]);
    for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
      expect(time.delays()).toEqual([delay]);
      time.advance(delay);
      expect(runs).toBe(i + 1);
    }
    // The last delay repeats.
    expect(time.delays()).toEqual([RETRY_DELAYS_MS.at(-1)]);
  });

  test('cancel keeps the place in the schedule; reset starts it over', () => {
    const time = manualClock();
    const retries = new RetryTimer(time.clock);
    retries.backoff(() => undefined);
    time.advance(RETRY_DELAYS_MS[0]);
    retries.backoff(() => undefined);
    retries.cancel();
    expect(retries.pending).toBe(false);
    retries.backoff(() => undefined);
    expect(time.delays()).toEqual([RETRY_DELAYS_MS[2]]);
    retries.reset();
    expect(time.pending()).toBe(0);
    retries.backoff(() => undefined);
    expect(time.delays()).toEqual([RETRY_DELAYS_MS[0]]);
  });

  test('once replaces a pending retry and leaves the schedule where it was', () => {
    const time = manualClock();
    const retries = new RetryTimer(time.clock);
    const ran: string[] = [];
    retries.backoff(() => ran.push('backoff'));
    retries.once(6_000, () => ran.push('once'));
    expect(time.delays()).toEqual([6_000]);
    time.advance(60_000);
    expect(ran).toEqual(['once']);
    expect(retries.pending).toBe(false);
    retries.backoff(() => undefined);
    expect(time.delays()).toEqual([RETRY_DELAYS_MS[1]]);
  });
});
