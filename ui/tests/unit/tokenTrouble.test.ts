// Token-trouble words (src/phone/tokenTrouble.ts) beyond each kind's title (phone.test.ts):
// the rate-limit wait the words promise is the wait the phone keeps.

import { describe, expect, test } from 'vitest';
import { RATE_LIMIT_WAIT_MS, explainTokenError, rateLimitWaitMs } from '../../src/phone/tokenTrouble';

describe('rate limited', () => {
  test('waits what the server said, never under 6 s', () => {
    expect(RATE_LIMIT_WAIT_MS).toBe(6_000);
    expect(rateLimitWaitMs(undefined)).toBe(6_000);
    expect(rateLimitWaitMs(1_000)).toBe(6_000);
    expect(rateLimitWaitMs(30_000)).toBe(30_000);
  });

  test('the words name the same wait, in whole seconds', () => {
    const words = (retryAfterMs?: number) =>
      explainTokenError({ kind: 'rate_limited', message: 'slow down', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }, true);
    expect(words().registration.detail).toBe('Too many token requests; trying again in 6 s.');
    expect(words(1_000).fix).toBe('The phone tries again by itself in 6 seconds.');
    expect(words(12_500).registration.detail).toMatch(/in 13 s/);
  });
});

describe('every kind', () => {
  test('says what happened in the log, and what to do', () => {
    for (const kind of ['missing_settings', 'keychain', 'settings', 'token', 'network', 'session', 'forbidden', 'rate_limited', 'http']) {
      const trouble = explainTokenError({ kind, message: 'the message.' }, true);
      expect(trouble.log.length, kind).toBeGreaterThan(10);
      expect(trouble.fix.length, kind).toBeGreaterThan(10);
      // A trailing full stop in the message is not doubled.
      expect(trouble.registration.detail, kind).not.toMatch(/\.\.$/);
    }
  });
});
