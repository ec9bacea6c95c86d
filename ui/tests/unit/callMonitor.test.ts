import { describe, expect, test } from 'vitest';
import { monitorCall, type CallLevels } from '../../src/phone/callMonitor';
import type { CallQuality } from '../../src/phone/quality';
import type { EndedCall } from '../../src/contract';
import { Call } from '../fakes/voice-sdk';
import { manualClock } from './manualClock';

function watch() {
  const call = new Call('INCOMING', { From: '+15550001111' });
  const clock = manualClock();
  const levels: CallLevels[] = [];
  const qualities: CallQuality[] = [];
  const warned: string[] = [];
  const summed: EndedCall[] = [];
  const stop = monitorCall(call, clock.clock, {
    levels: (l) => levels.push(l),
    quality: (q) => qualities.push(q),
    warned: (n) => warned.push(n),
    summed: (e) => summed.push(e),
  });
  return { call, clock, levels, qualities, warned, summed, stop };
}

describe('monitorCall', () => {
  test('at the end, the whole call\'s summary goes out with its CallSid; a call that measured nothing sends none', () => {
    const { call, summed, stop } = watch();
    call.sample({ mos: 4.4, codecName: 'opus' });
    call.sample({ mos: 3.4, codecName: 'opus' });
    call.warning('high-jitter', 30);
    call.warningCleared('high-jitter');
    expect(summed).toEqual([]);
    stop();
    expect(summed).toEqual([{ callSid: call.parameters.CallSid, quality: { codec: 'opus', averageMos: 3.9, worstWarning: 'high-jitter' } }]);
    const quiet = watch();
    quiet.stop();
    expect(quiet.summed).toEqual([]);
  });

  test('volume events become levels; talking while muted for a second raises the hint', () => {
    const { call, clock, levels } = watch();
    call.volume(0.2, 0.5);
    expect(levels.at(-1)).toEqual({ input: 0.2, output: 0.5, talkingWhileMuted: false });
    call.mute(true);
    for (let i = 0; i <= 20; i++) {
      call.volume(0.3, 0);
      clock.advance(50);
    }
    expect(levels.at(-1)?.talkingWhileMuted).toBe(true);
  });

  test('samples grade the call; a warning is raised once and cleared', () => {
    const { call, qualities, warned } = watch();
    call.sample({ mos: 4.4 });
    expect(qualities.at(-1)?.grade).toBe('good');
    call.warning('high-jitter', 30);
    call.warning('high-jitter', 30);
    expect(warned).toEqual(['high-jitter']);
    expect(qualities.at(-1)?.warnings).toEqual(['high-jitter']);
    call.warningCleared('high-jitter');
    expect(qualities.at(-1)?.warnings).toEqual([]);
  });

  test('stopping unsubscribes and resets what the view shows', () => {
    const { call, levels, qualities, stop } = watch();
    call.sample({ mos: 2 });
    stop();
    expect(call.listenerCount()).toBe(0);
    expect(levels.at(-1)).toEqual({ input: 0, output: 0, talkingWhileMuted: false });
    expect(qualities.at(-1)?.grade).toBeNull();
  });
});
