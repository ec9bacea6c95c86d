// The one pending registration retry. At most one timer exists at a time, so a flood of SDK
// errors cannot stack retries, and none runs once the phone is registered.

import { retryDelayMs } from './recovery';
import type { Clock } from './timer';

export class RetryTimer {
  private handle: unknown = null;
  /** Retries since the last fresh start; picks the backoff delay. */
  private attempt = 0;

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.handle !== null;
  }

  /** Runs `fn` after the next backoff delay, unless a retry is already pending. */
  backoff(fn: () => void): void {
    if (this.handle !== null) return;
    const delay = retryDelayMs(this.attempt);
    this.attempt++;
    this.arm(delay, fn);
  }

  /** Replaces any pending retry with `fn` after exactly `ms`; the backoff is not advanced. */
  once(ms: number, fn: () => void): void {
    this.cancel();
    this.arm(ms, fn);
  }

  cancel(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Cancels, and starts the backoff over from its first delay (registered, network back, user asked). */
  reset(): void {
    this.attempt = 0;
    this.cancel();
  }

  private arm(ms: number, fn: () => void): void {
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      fn();
    }, ms);
  }
}
