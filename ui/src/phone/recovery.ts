// Pure rules for staying registered: what an SDK error means for the phone given its state, how
// long to wait between retries, and when the access token counts as about to expire.

import type { TokenResponse } from '../contract';
import { CONNECT_FAILURE_CODES, OFFLINE_CODES, TOKEN_CODES, TOKEN_REFUSED_CODES, TwilioCode } from './errors';

/** Registration retry delays while offline; the last one repeats. */
export const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000, 60_000] as const;

/** The wait before retry number `attempt` (0 first). */
export function retryDelayMs(attempt: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(0, attempt), RETRY_DELAYS_MS.length - 1)]!;
}

/** Renew the token on wake-up or reconnect when it has less than this left. */
export const TOKEN_MARGIN_MS = 2 * 60_000;

/** A token error this soon after renewing for one means the fresh token is refused too. */
export const TOKEN_RENEWAL_WINDOW_MS = 60_000;

/** The token has less than `TOKEN_MARGIN_MS` left (or none); false without a token. */
export function expiresSoon(token: TokenResponse | null, now: number): boolean {
  return token !== null && token.expiresAt * 1000 - now < TOKEN_MARGIN_MS;
}

/** The token's expiry has passed; false without a token. */
export function hasExpired(token: TokenResponse | null, now: number): boolean {
  return token !== null && token.expiresAt * 1000 <= now;
}

/** What the phone knows when the Device reports an error that is not the current call's. */
export interface DeviceErrorContext {
  code: number | null;
  /** The Device is registered with Twilio right now. */
  registered: boolean;
  /** A call exists (see `isBusy`). */
  busy: boolean;
  /** Time since the phone last renewed the token because of a token error. */
  sinceTokenRenewalMs: number;
}

/**
 * What to do about a Device error:
 * - `offline`: Twilio is out of reach (error `code`); show Offline, explained as `explainAs`, and retry.
 * - `stop`: the token is refused and a new one would be too; explain, point to Settings.
 * - `renew-token`: the token is stale; fetch a new one and register again.
 * - `fail`: registration failed for another reason; explain, offer a retry.
 * - `log`: only log it (registered, or on a call: nothing to show in the status bar).
 */
export type DeviceErrorVerdict =
  | { action: 'offline'; code: number; explainAs: number }
  | { action: 'stop' }
  | { action: 'renew-token' }
  | { action: 'fail' }
  | { action: 'log' };

export function judgeDeviceError(context: DeviceErrorContext): DeviceErrorVerdict {
  const { code } = context;
  if (code !== null && OFFLINE_CODES.has(code)) return { action: 'offline', code, explainAs: code };
  // Without a registration, these are what the SDK says when the WebSocket cannot even open.
  if (code !== null && CONNECT_FAILURE_CODES.has(code) && !context.registered) {
    return { action: 'offline', code, explainAs: TwilioCode.SignalingConnectionError };
  }
  if (code !== null && TOKEN_CODES.has(code)) {
    const refusedAgain = context.sinceTokenRenewalMs < TOKEN_RENEWAL_WINDOW_MS || TOKEN_REFUSED_CODES.has(code);
    return refusedAgain ? { action: 'stop' } : { action: 'renew-token' };
  }
  return !context.registered && !context.busy ? { action: 'fail' } : { action: 'log' };
}

/** Whether a failed `register()` should be retried on the offline schedule. */
export function retriesWhenOffline(code: number | null): boolean {
  return code !== null && OFFLINE_CODES.has(code);
}
