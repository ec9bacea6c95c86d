// The access token: fetched for each new Device, renewed when the SDK or a wake-up says so (one
// request at a time, never during a call), and judged for expiry. The Phone decides when; the
// Device gets a renewed token only through the `TokenTarget` the Phone hands in.

import type { TokenResponse } from '../contract';
import { t } from '../i18n/i18n';
import { toBackendError, type Backend } from '../ipc';
import type { DeviceLog } from './deviceLog';
import { expiresSoon, hasExpired } from './recovery';
import type { Clock } from './timer';

export interface TokenKeeperHooks {
  /** A call is up: renewing waits for its end (a new token mid-call gains nothing). */
  busy(): boolean;
  /** Renewing failed because this window's session is gone (`kind: 'session'`). */
  sessionLost(error: unknown): void;
  /** Renewing failed and the token has expired: calls will not work. */
  expired(message: string): void;
}

/** Where a renewed token goes: the Device that asked for it, if it is still the phone's. */
export interface TokenTarget {
  /** False once that Device was replaced or destroyed; the token is then dropped. */
  stillCurrent(): boolean;
  deliver(token: string): void;
}

export class TokenKeeper {
  /** The token the Device was given last. */
  private current: TokenResponse | null = null;
  /** The renewal in flight, shared by everyone who asks meanwhile. */
  private refreshing: Promise<boolean> | null = null;
  /** A renewal was asked for during a call (see `deferred`). */
  private deferredRenewal = false;

  constructor(
    private readonly backend: Backend,
    private readonly clock: Clock,
    private readonly log: DeviceLog,
    private readonly hooks: TokenKeeperHooks,
  ) {}

  /** The identity the last token was minted for. */
  get identity(): string | null {
    return this.current?.identity ?? null;
  }

  /** A renewal waits for the end of the current call. */
  get deferred(): boolean {
    return this.deferredRenewal;
  }

  /** Forgets a deferred renewal: the phone is shutting down. */
  dropDeferred(): void {
    this.deferredRenewal = false;
  }

  /** Less than two minutes left (after a sleep, or a long time offline). */
  expiresSoon(): boolean {
    return expiresSoon(this.current, this.clock.now());
  }

  /** A token for a new Device; rejects like `Backend.getToken`. */
  async fetch(): Promise<TokenResponse> {
    const token = await this.backend.getToken();
    this.current = token;
    return token;
  }

  /** Renews the token for `target`, saying `why` (a clause, in words) in the log. Resolves true when renewed. */
  renew(why: string, target: TokenTarget): Promise<boolean> {
    if (this.hooks.busy()) {
      if (!this.deferredRenewal) {
        this.deferredRenewal = true;
        this.log.write('info', t('log-token-renew-deferred', { why }));
      }
      return Promise.resolve(false);
    }
    if (this.refreshing) return this.refreshing;
    this.deferredRenewal = false;
    this.log.write('info', t('log-token-renewing', { why }));
    this.refreshing = this.backend
      .getToken()
      .then((token) => {
        if (!target.stillCurrent()) return false;
        this.current = token;
        target.deliver(token.token);
        this.log.write('info', t('log-token-renewed'));
        return true;
      })
      .catch((error: unknown) => {
        const { message, kind } = toBackendError(error);
        if (kind === 'session') {
          // Nothing this window can do will bring the session back.
          this.hooks.sessionLost(error);
          return false;
        }
        this.log.write('error', t('log-token-renew-failed', { message }), { fix: t('log-token-renew-failed.fix') });
        if (hasExpired(this.current, this.clock.now())) this.hooks.expired(message);
        return false;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}
