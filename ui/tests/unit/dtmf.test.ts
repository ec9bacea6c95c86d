// DTMF (src/phone/dtmf.ts): the keypad keys, and the browser's tone buffer made to append.

import { describe, expect, test } from 'vitest';
import { appendToneBuffer, isDtmfDigit } from '../../src/phone/dtmf';

/** An RTCDTMFSender as the spec has it: insertDTMF replaces the waiting tones; playing takes one. */
function specSender() {
  class Sender {
    toneBuffer = '';
    insertDTMF(tones: string): void {
      this.toneBuffer = tones;
    }
    /** The browser's playout task: the next tone starts. */
    play(): string {
      const tone = this.toneBuffer.slice(0, 1);
      this.toneBuffer = this.toneBuffer.slice(1);
      return tone;
    }
  }
  return Sender;
}

describe('DTMF', () => {
  test('the keypad keys, nothing else', () => {
    for (const d of '0123456789*#') expect(isDtmfDigit(d)).toBe(true);
    for (const d of ['', 'a', 'w', '11', ' ', '+']) expect(isDtmfDigit(d)).toBe(false);
  });

  test('as the spec has it, a second insertDTMF loses the tone still waiting', () => {
    // What happened on a loaded machine: '5' was waiting when '#*' arrived.
    const s = new (specSender())();
    s.insertDTMF('1');
    expect(s.play()).toBe('1');
    s.insertDTMF('5');
    s.insertDTMF('#*');
    expect([s.play(), s.play(), s.play()].join('')).toBe('#*');
  });

  test('appended, every tone plays in order however late the browser plays them', () => {
    const Sender = specSender();
    appendToneBuffer(Sender.prototype);
    const s = new Sender();
    s.insertDTMF('1');
    expect(s.play()).toBe('1');
    s.insertDTMF('5');
    s.insertDTMF('#');
    s.insertDTMF('*');
    expect(s.toneBuffer).toBe('5#*');
    expect([s.play(), s.play(), s.play(), s.play()].join('')).toBe('5#*');
    s.insertDTMF('9');
    expect(s.play()).toBe('9');
  });

  test('installing twice does not append twice; no sender class is fine', () => {
    const Sender = specSender();
    appendToneBuffer(Sender.prototype);
    appendToneBuffer(Sender.prototype);
    const s = new Sender();
    s.insertDTMF('1');
    s.insertDTMF('2');
    expect(s.toneBuffer).toBe('12');
    expect(() => appendToneBuffer(undefined)).not.toThrow();
  });
});
