// The rules for staying registered (src/phone/recovery.ts). Codes are Twilio's, as the Voice
// SDK reports them (errors.test.ts checks the names against the SDK's own error classes).

import { describe, expect, test } from 'vitest';
import {
  RETRY_DELAYS_MS, TOKEN_MARGIN_MS, TOKEN_RENEWAL_WINDOW_MS,
  expiresSoon, hasExpired, judgeDeviceError, retriesWhenOffline, retryDelayMs, type DeviceErrorContext,
} from '../../src/phone/recovery';

const LONG_AGO = Number.MAX_SAFE_INTEGER;
const idle = (code: number | null, more: Partial<DeviceErrorContext> = {}): DeviceErrorContext => ({
  code, registered: false, busy: false, sinceTokenRenewalMs: LONG_AGO, ...more,
});

describe('judgeDeviceError', () => {
  test.each([31003, 31009, 53000, 53001])('%i (no signalling link) means offline, explained by itself, registered or not', (code) => {
    expect(judgeDeviceError(idle(code))).toEqual({ action: 'offline', code, explainAs: code });
    expect(judgeDeviceError(idle(code, { registered: true, busy: true }))).toEqual({ action: 'offline', code, explainAs: code });
  });

  test.each([31000, 31005])('%i while not registered: the WebSocket never opened, so offline as "can’t reach Twilio" (53000)', (code) => {
    expect(judgeDeviceError(idle(code))).toEqual({ action: 'offline', code, explainAs: 53000 });
  });

  test('31005 while registered is a real error: logged, the status bar unchanged', () => {
    expect(judgeDeviceError(idle(31005, { registered: true }))).toEqual({ action: 'log' });
  });

  test.each([20104, 31205])('%i (token expired): renew it', (code) => {
    expect(judgeDeviceError(idle(code))).toEqual({ action: 'renew-token' });
    expect(judgeDeviceError(idle(code, { registered: true, busy: true }))).toEqual({ action: 'renew-token' });
  });

  test('an expired token again within a minute of renewing: stop, a new one fares no better', () => {
    expect(judgeDeviceError(idle(20104, { sinceTokenRenewalMs: TOKEN_RENEWAL_WINDOW_MS - 1 }))).toEqual({ action: 'stop' });
    expect(judgeDeviceError(idle(20104, { sinceTokenRenewalMs: TOKEN_RENEWAL_WINDOW_MS }))).toEqual({ action: 'renew-token' });
  });

  test.each([20101, 20151, 31204])('%i (token refused): stop at once, renewing would loop', (code) => {
    expect(judgeDeviceError(idle(code))).toEqual({ action: 'stop' });
  });

  test('anything else fails the registration only when idle and not registered', () => {
    expect(judgeDeviceError(idle(31105))).toEqual({ action: 'fail' });
    expect(judgeDeviceError(idle(null))).toEqual({ action: 'fail' });
    expect(judgeDeviceError(idle(31105, { registered: true }))).toEqual({ action: 'log' });
    expect(judgeDeviceError(idle(31105, { busy: true }))).toEqual({ action: 'log' });
  });

  test('a failed register() is retried on the schedule only for offline codes', () => {
    expect([31003, 31009, 53000, 53001].every(retriesWhenOffline)).toBe(true);
    expect([31000, 31005, 20101, 31105].some(retriesWhenOffline)).toBe(false);
    expect(retriesWhenOffline(null)).toBe(false);
  });
});

describe('retry schedule', () => {
  test('backs off 2, 5, 10, 30, 60 s, then stays at 60 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(retryDelayMs)).toEqual([2_000, 5_000, 10_000, 30_000, 60_000, 60_000, 60_000]);
    expect(RETRY_DELAYS_MS.at(-1)).toBe(60_000);
  });
});

describe('token expiry', () => {
  const now = 1_700_000_000_000;
  const token = (secondsLeft: number) => ({ token: 't', identity: 'i', expiresAt: now / 1000 + secondsLeft });

  test('expires soon: under two minutes left', () => {
    expect(TOKEN_MARGIN_MS).toBe(120_000);
    expect(expiresSoon(token(119), now)).toBe(true);
    expect(expiresSoon(token(120), now)).toBe(false);
    expect(expiresSoon(null, now)).toBe(false);
  });

  test('has expired: at or past its expiry', () => {
    expect(hasExpired(token(0), now)).toBe(true);
    expect(hasExpired(token(-5), now)).toBe(true);
    expect(hasExpired(token(1), now)).toBe(false);
    expect(hasExpired(null, now)).toBe(false);
  });
});
