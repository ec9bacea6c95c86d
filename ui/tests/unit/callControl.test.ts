// The current call (src/phone/callControl.ts) with the fake SDK's Call objects and no Device:
// state changes and "call over" reach the Phone exactly once, and nothing stays attached.

import { beforeEach, describe, expect, test } from 'vitest';
import { CallControl } from '../../src/phone/callControl';
import { t } from '../../src/i18n/i18n';

import { DeviceLog } from '../../src/phone/deviceLog';
import { Call, FakeTwilioError, resetFake } from '../fakes/voice-sdk';
import { manualClock } from './manualClock';

/** What the log says when the SDK gives up reconnecting a call. */
const CALL_LOST = t('log-call-lost');

function control() {
  const time = manualClock();
  const log = new DeviceLog(time.clock);
  let changes = 0;
  let ended = 0;
  const calls = new CallControl(time.clock, log, { changed: () => changes++, ended: () => ended++ });
  return {
    time, log, calls,
    changes: () => changes,
    ended: () => ended,
    lastLog: () => log.entries.at(-1)?.text,
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => {
  resetFake();
});

describe('CallControl', () => {
  test('an incoming call: ringing, answered, hung up; one "ended", listeners gone', async () => {
    const c = control();
    const call = new Call('INCOMING', { From: '+15550000001' });
    c.calls.incoming(call);
    expect(c.calls.state).toMatchObject({ phase: 'incoming', number: '+15550000001' });
    expect(c.calls.owns(call)).toBe(true);
    c.calls.accept();
    expect(c.calls.state.phase).toBe('answering');
    await flush();
    expect(c.calls.state).toMatchObject({ phase: 'active', startedAt: c.time.clock.now() });
    c.calls.hangUp();
    expect(c.calls.state.phase).toBe('idle');
    expect(call.disconnectCount).toBe(1);
    expect(call.listenerCount()).toBe(0);
    expect(c.ended()).toBe(1);
    expect(c.changes()).toBe(4);
    expect(c.lastLog()).toBe('Call ended.');
  });

  test('a second call while engaged is rejected and the first is untouched', () => {
    const c = control();
    const first = new Call('INCOMING', { From: '+15550000001' });
    c.calls.incoming(first);
    const second = new Call('INCOMING', { From: '+15550000002' });
    c.calls.incoming(second);
    expect(second.rejectCount).toBe(1);
    expect(c.calls.owns(first)).toBe(true);
    expect(c.calls.state).toMatchObject({ number: '+15550000001' });
  });

  test('dialing: the connect the Phone supplies is used; hanging up before it resolves cancels', async () => {
    const c = control();
    let resolve: (call: Call) => void = () => undefined;
    const dialing = c.calls.dial('+15557654321', () => new Promise<Call>((r) => (resolve = r)));
    expect(c.calls.state.phase).toBe('connecting');
    c.calls.hangUp();
    expect(c.calls.state.phase).toBe('idle');
    expect(c.ended()).toBe(1);
    expect(c.lastLog()).toBe('Call cancelled.');
    const late = new Call('OUTGOING', { To: '+15557654321' });
    resolve(late);
    await dialing;
    expect(late.disconnectCount).toBe(1);
    expect(c.calls.owns(late)).toBe(false);
    expect(c.ended()).toBe(1);
  });

  test('a connect that fails is explained, and the call is over once', async () => {
    const c = control();
    await c.calls.dial('+15557654321', () => Promise.reject(new FakeTwilioError(31401, 'Permission denied')));
    expect(c.calls.state.phase).toBe('idle');
    expect(c.ended()).toBe(1);
    expect(c.lastLog()).toMatch(/^The call could not start: Microphone blocked \(31401\)/);
  });

  test('an error that closes the call ends it; one that does not is only logged', async () => {
    const c = control();
    const call = new Call('OUTGOING', { To: '+15557654321' });
    await c.calls.dial('+15557654321', () => Promise.resolve(call));
    call.remoteAnswer();
    call.fail(53405, 'ICE failed', false);
    expect(c.calls.state.phase).toBe('active');
    c.calls.failed(call, new FakeTwilioError(31005, 'gateway hangup'));
    expect(c.calls.state.phase).toBe('active');
    call.fail(31005, 'gateway hangup');
    expect(c.calls.state.phase).toBe('idle');
    expect(c.lastLog()).toBe('Call ended after an error.');
    expect(c.log.entries.filter((e) => e.level === 'error').map((e) => e.code)).toEqual([53405, 31005, 31005]);
  });

  test('reconnecting and back: the state says so, the log names the path, the call goes on', async () => {
    const c = control();
    const call = new Call('OUTGOING', { To: '+15557654321' });
    await c.calls.dial('+15557654321', () => Promise.resolve(call));
    call.remoteAnswer();
    const startedAt = c.calls.state.phase === 'active' ? c.calls.state.startedAt : -1;
    call.reconnecting(53405);
    expect(c.calls.state).toMatchObject({ phase: 'active', reconnecting: true, startedAt });
    expect(c.lastLog()).toBe('The call’s audio dropped (network trouble); reconnecting…');
    call.reconnected();
    expect(c.calls.state).toMatchObject({ phase: 'active', reconnecting: false, startedAt });
    expect(c.lastLog()).toBe('Reconnected: the call goes on.');
    call.reconnecting(53001);
    expect(c.lastLog()).toMatch(/^The connection to Twilio dropped during the call; reconnecting…/);
    call.reconnected();
    expect(c.ended()).toBe(0);
  });

  test('a call the SDK cannot reconnect ends as lost, not as hung up, with the reason', async () => {
    const c = control();
    const call = new Call('OUTGOING', { To: '+15557654321' });
    await c.calls.dial('+15557654321', () => Promise.resolve(call));
    call.remoteAnswer();
    call.reconnecting();
    call.reconnectFailed();
    expect(c.calls.state.phase).toBe('idle');
    expect(c.ended()).toBe(1);
    c.time.advance(0);
    expect(call.listenerCount()).toBe(0);
    const texts = c.log.entries.map((e) => e.text);
    expect(texts).toContain(CALL_LOST);
    expect(texts.join('\n')).not.toMatch(/other side hung up/);
    const error = c.log.entries.find((e) => e.code === 53405);
    expect(error?.text).toMatch(/Audio connection failed/);
    expect(error?.fix).toMatch(/Wi-Fi|VPN|UDP/);
  });

  test('the other side hanging up during a blip is a hang-up, not a lost call', async () => {
    const c = control();
    const call = new Call('OUTGOING', { To: '+15557654321' });
    await c.calls.dial('+15557654321', () => Promise.resolve(call));
    call.remoteAnswer();
    call.reconnecting();
    call.remoteHangup();
    expect(c.calls.state.phase).toBe('idle');
    c.time.advance(0);
    expect(c.lastLog()).toBe('The other side hung up. Call ended.');
    expect(c.log.entries.map((e) => e.text)).not.toContain(CALL_LOST);
  });

  test('the keypad works only on a connected call', async () => {
    const c = control();
    const call = new Call('OUTGOING', { To: '+15557654321' });
    expect(c.calls.sendDigit('1')).toBe(false);
    await c.calls.dial('+15557654321', () => Promise.resolve(call));
    expect(c.calls.sendDigit('1')).toBe(false);
    call.remoteAnswer();
    expect(c.calls.sendDigit('1')).toBe(true);
    expect(call.digits).toEqual(['1']);
    c.calls.toggleMute();
    expect(call.isMuted()).toBe(true);
    expect(c.calls.state).toMatchObject({ muted: true });
  });
});
