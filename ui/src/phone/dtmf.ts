// DTMF tones on a connected call. The browser's DTMF sender replaces tones still waiting to play
// when new ones are inserted, and the SDK plays each tone for 230 ms (160 ms tone, 70 ms gap,
// call.ts), so digits pressed faster than that are queued here and sent together once the
// earlier ones have played. A timer runs only while digits wait.

import type { Clock } from './timer';

/** How long the SDK plays one DTMF tone, gap included. */
export const DTMF_TONE_MS = 230;

const DTMF = /^[0-9*#]$/;

/** One key of a phone keypad: 0-9, * or #. */
export function isDtmfDigit(digit: string): boolean {
  return DTMF.test(digit);
}

export class DtmfSender {
  /** Digits pressed while earlier tones still play. */
  private queued = '';
  /** When the tones sent so far have finished playing (clock time). */
  private busyUntil = 0;
  private handle: unknown = null;

  /**
   * @param play sends digits on the call; false when it could not (no call, or the SDK threw),
   *   in which case nothing counts as playing.
   */
  constructor(
    private readonly clock: Clock,
    private readonly play: (digits: string) => boolean,
  ) {}

  /** Sends or queues one digit; false when it is not a DTMF digit or could not be sent. */
  send(digit: string): boolean {
    if (!isDtmfDigit(digit)) return false;
    const now = this.clock.now();
    if (now >= this.busyUntil && this.queued === '') return this.playNow(digit);
    this.queued += digit;
    if (this.handle === null) {
      this.handle = this.clock.setTimeout(() => {
        this.handle = null;
        const digits = this.queued;
        this.queued = '';
        if (digits) this.playNow(digits);
      }, Math.max(0, this.busyUntil - now));
    }
    return true;
  }

  /** Drops queued digits and the timer: the call ended. */
  clear(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
    this.queued = '';
    this.busyUntil = 0;
  }

  private playNow(digits: string): boolean {
    if (!this.play(digits)) return false;
    this.busyUntil = this.clock.now() + digits.length * DTMF_TONE_MS;
    return true;
  }
}
