// DTMF tones on a connected call, and the one browser behaviour they need changed.
//
// The browser's RTCDTMFSender *replaces* the tones still waiting to play each time
// `insertDTMF` is called (webrtc-pc: "set [[ToneBuffer]] to tones"), and the SDK's
// `sendDigits` calls it with only the new digits. An earlier version of this file queued digits
// for as long as it expected the browser to need (230 ms a tone, the SDK's 160 ms plus 70 ms
// gap). But the browser plays each tone from a task of its own, which starts late whenever the
// renderer is busy, and its next tone is timed from that late start; our estimate and the
// browser drifted apart, our next digits arrived while one was still waiting in the browser's
// buffer, and replaced it (seen once on a loaded machine: `1#*` for `15#*`; a renderer that
// stalls at random loses about one digit in fifteen that way, and none with the fix).
//
// So the browser's own buffer is the queue: `appendToneBuffer` makes `insertDTMF` add to what
// is waiting, the spec's idiom for appending (`insertDTMF(sender.toneBuffer + tones)`), and each
// digit goes to the SDK the moment it is pressed. No timer, no estimate, nothing to drift.

const DTMF = /^[0-9*#]$/;

/** One key of a phone keypad: 0-9, * or #. */
export function isDtmfDigit(digit: string): boolean {
  return DTMF.test(digit);
}

/** The part of `RTCDTMFSender` this needs (the real one, or a test's). */
export interface ToneBufferSender {
  readonly toneBuffer: string;
  insertDTMF(tones: string, duration?: number, interToneGap?: number): void;
}

const APPENDING = Symbol.for('dialtone.dtmf.appending');

/**
 * Makes `insertDTMF` on every sender of `proto` (`RTCDTMFSender.prototype`) append to the tones
 * still waiting instead of replacing them. Installing twice changes nothing more.
 */
export function appendToneBuffer(proto: ToneBufferSender | undefined): void {
  if (!proto || (proto as unknown as Record<symbol, unknown>)[APPENDING]) return;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the sender as `this` below
  const insert = proto.insertDTMF;
  Object.defineProperty(proto, 'insertDTMF', {
    configurable: true,
    writable: true,
    value(this: ToneBufferSender, tones: string, duration?: number, interToneGap?: number): void {
      insert.call(this, this.toneBuffer + tones, duration, interToneGap);
    },
  });
  Object.defineProperty(proto, APPENDING, { value: true });
}
