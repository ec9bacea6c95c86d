// Token-trouble words (src/phone/tokenTrouble.ts) beyond each kind's title (phone.test.ts):
// the rate-limit wait the words promise is the wait the phone keeps.

import { afterEach, describe, expect, test } from 'vitest';
import { render, setLanguage } from '../../src/i18n/i18n';
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
    expect(render(words().registration.detail)).toBe('Too many token requests; trying again in 6 s.');
    expect(words(1_000).fix).toBe('The phone tries again by itself in 6 seconds.');
    expect(render(words(12_500).registration.detail)).toMatch(/in 13 s/);
    setLanguage('ja');
    expect(render(words(12_500).registration.detail)).toMatch(/13秒後/);
    expect(words(1_000).fix).toMatch(/6秒後/);
  });
  afterEach(() => setLanguage('en'));
});

describe('every kind', () => {
  afterEach(() => setLanguage('en'));

  test.each(['en', 'ja'] as const)('says what happened in the log, and what to do (%s)', (lang) => {
    setLanguage(lang);
    for (const kind of ['missing_settings', 'keychain', 'settings', 'token', 'network', 'session', 'forbidden', 'rate_limited', 'http']) {
      const trouble = explainTokenError({ kind, message: 'the message.' }, true);
      expect(trouble.log.length, kind).toBeGreaterThan(10);
      expect(trouble.fix.length, kind).toBeGreaterThan(10);
      // A trailing full stop in the message is not doubled.
      expect(render(trouble.registration.detail), kind).not.toMatch(/\.\.$|。。$/);
      if (lang === 'ja') expect(render(trouble.registration.title), kind).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
