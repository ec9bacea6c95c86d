import { describe, expect, test } from 'vitest';
import { IDLE, isBusy, nextCallState, type CallEvent, type CallState } from '../../src/phone/callState';

const run = (events: CallEvent[], from: CallState = IDLE): CallState => events.reduce(nextCallState, from);

describe('call state machine', () => {
  test('outgoing: dial, ringing, accepted, mute, ended', () => {
    let s = run([{ type: 'dial', number: '+15551234567' }]);
    expect(s).toEqual({ phase: 'connecting', direction: 'outgoing', number: '+15551234567' });
    s = nextCallState(s, { type: 'ringing' });
    expect(s.phase).toBe('ringing');
    s = nextCallState(s, { type: 'accepted', at: 1000 });
    expect(s).toEqual({ phase: 'active', direction: 'outgoing', number: '+15551234567', startedAt: 1000, muted: false, reconnecting: false });
    s = nextCallState(s, { type: 'muted', muted: true });
    expect(s).toMatchObject({ muted: true });
    s = nextCallState(s, { type: 'reconnecting' });
    expect(s).toMatchObject({ reconnecting: true });
    s = nextCallState(s, { type: 'reconnected' });
    expect(s).toMatchObject({ reconnecting: false, startedAt: 1000 });
    expect(nextCallState(s, { type: 'ended' })).toBe(IDLE);
  });

  test('a call answered without a ringing event still connects', () => {
    expect(run([{ type: 'dial', number: '+1' }, { type: 'accepted', at: 5 }]).phase).toBe('active');
  });

  test('incoming: incoming, answer, accepted', () => {
    const s = run([{ type: 'incoming', number: '+447700900123' }, { type: 'answer' }, { type: 'accepted', at: 7 }]);
    expect(s).toMatchObject({ phase: 'active', direction: 'incoming', startedAt: 7 });
  });

  test('incoming then cancelled or rejected goes idle', () => {
    expect(run([{ type: 'incoming', number: '+1' }, { type: 'ended' }])).toBe(IDLE);
  });

  test('while busy, a second dial or incoming changes nothing', () => {
    const active = run([{ type: 'incoming', number: '+1' }, { type: 'accepted', at: 1 }]);
    expect(nextCallState(active, { type: 'incoming', number: '+2' })).toBe(active);
    expect(nextCallState(active, { type: 'dial', number: '+3' })).toBe(active);
    const ringing = run([{ type: 'incoming', number: '+1' }]);
    expect(nextCallState(ringing, { type: 'incoming', number: '+2' })).toBe(ringing);
  });

  test('late or duplicate events do not resurrect a finished call', () => {
    for (const e of [{ type: 'ringing' }, { type: 'accepted', at: 1 }, { type: 'muted', muted: true }, { type: 'answer' }, { type: 'ended' }, { type: 'reconnected' }] as CallEvent[]) {
      expect(nextCallState(IDLE, e)).toBe(IDLE);
    }
    const active = run([{ type: 'dial', number: '+1' }, { type: 'accepted', at: 1 }]);
    expect(nextCallState(active, { type: 'accepted', at: 99 })).toBe(active);
    expect(nextCallState(active, { type: 'ringing' })).toBe(active);
    expect(nextCallState(active, { type: 'muted', muted: false })).toBe(active);
  });

  test('isBusy', () => {
    expect(isBusy(IDLE)).toBe(false);
    expect(isBusy(run([{ type: 'dial', number: '+1' }]))).toBe(true);
    expect(isBusy(run([{ type: 'incoming', number: '+1' }]))).toBe(true);
  });
});
