// The DTMF sender (src/phone/dtmf.ts): tones pressed faster than the SDK plays them are queued,
// never lost, and sent together; a timer exists only while digits wait.

import { describe, expect, test } from 'vitest';
import { DTMF_TONE_MS, DtmfSender, isDtmfDigit } from '../../src/phone/dtmf';
import { manualClock } from './manualClock';

function sender(playable = () => true) {
  const time = manualClock();
  const played: string[] = [];
  const dtmf = new DtmfSender(time.clock, (digits) => {
    if (!playable()) return false;
    played.push(digits);
    return true;
  });
  return { time, played, dtmf };
}

describe('DtmfSender', () => {
  test('the keypad keys, nothing else', () => {
    for (const d of '0123456789*#') expect(isDtmfDigit(d)).toBe(true);
    for (const d of ['', 'a', 'w', '11', ' ', '+']) expect(isDtmfDigit(d)).toBe(false);
  });

  test('one digit plays at once, with no timer', () => {
    const { time, played, dtmf } = sender();
    expect(dtmf.send('5')).toBe(true);
    expect(played).toEqual(['5']);
    expect(time.pending()).toBe(0);
  });

  test('digits pressed while a tone plays go together when it has played', () => {
    const { time, played, dtmf } = sender();
    dtmf.send('1');
    time.advance(100);
    expect(dtmf.send('2')).toBe(true);
    expect(dtmf.send('3')).toBe(true);
    expect(played).toEqual(['1']);
    expect(time.delays()).toEqual([DTMF_TONE_MS - 100]);
    time.advance(DTMF_TONE_MS - 100);
    expect(played).toEqual(['1', '23']);
    // Two tones now play; a digit pressed meanwhile waits for both.
    dtmf.send('4');
    expect(time.delays()).toEqual([2 * DTMF_TONE_MS]);
    time.advance(2 * DTMF_TONE_MS);
    expect(played).toEqual(['1', '23', '4']);
    time.advance(DTMF_TONE_MS);
    expect(time.pending()).toBe(0);
  });

  test('a non-DTMF key is refused and changes nothing', () => {
    const { time, played, dtmf } = sender();
    expect(dtmf.send('x')).toBe(false);
    expect(played).toEqual([]);
    expect(time.pending()).toBe(0);
  });

  test('clear drops waiting digits and the timer: nothing plays after the call', () => {
    const { time, played, dtmf } = sender();
    dtmf.send('1');
    dtmf.send('2');
    dtmf.clear();
    expect(time.pending()).toBe(0);
    time.advance(10 * DTMF_TONE_MS);
    expect(played).toEqual(['1']);
    // And the next call starts fresh: its first digit plays at once.
    dtmf.send('9');
    expect(played).toEqual(['1', '9']);
  });

  test('a tone that could not be sent does not count as playing', () => {
    let ok = false;
    const { time, played, dtmf } = sender(() => ok);
    expect(dtmf.send('1')).toBe(false);
    ok = true;
    expect(dtmf.send('2')).toBe(true);
    expect(played).toEqual(['2']);
    expect(time.pending()).toBe(0);
  });
});
