// The window's choice of screen (src/views/screen.ts), every screen and every precedence.

import { describe, expect, test } from 'vitest';
import type { CallPhase } from '../../src/phone/callState';
import { chooseScreen, type ScreenState } from '../../src/views/screen';

const IDLE_HERE: ScreenState = { settingsOpen: false, call: 'idle', supported: true, drivesCallingWindow: false };
const NATIVE_LINUX: ScreenState = { settingsOpen: false, call: 'idle', supported: false, drivesCallingWindow: true };
const NO_WEBRTC: ScreenState = { settingsOpen: false, call: 'idle', supported: false, drivesCallingWindow: false };

describe('chooseScreen', () => {
  test('idle in a window that carries calls: the dial pad', () => {
    expect(chooseScreen(IDLE_HERE)).toBe('dial');
  });

  test('idle where calls happen in the calling window: its panel', () => {
    expect(chooseScreen(NATIVE_LINUX)).toBe('calling-window');
  });

  test('no WebRTC and no calling window to drive: the unsupported notice', () => {
    expect(chooseScreen(NO_WEBRTC)).toBe('unsupported');
  });

  test('settings, when opened and no call is up, in every kind of window', () => {
    for (const base of [IDLE_HERE, NATIVE_LINUX, NO_WEBRTC]) {
      expect(chooseScreen({ ...base, settingsOpen: true })).toBe('settings');
    }
  });

  test('an incoming call rings on its own screen, even over settings', () => {
    expect(chooseScreen({ ...IDLE_HERE, call: 'incoming' })).toBe('incoming');
    expect(chooseScreen({ ...IDLE_HERE, call: 'incoming', settingsOpen: true })).toBe('incoming');
  });

  test.each<CallPhase>(['connecting', 'ringing', 'answering', 'active'])('a call that is %s shows the call screen, even over settings', (call) => {
    expect(chooseScreen({ ...IDLE_HERE, call })).toBe('call');
    expect(chooseScreen({ ...IDLE_HERE, call, settingsOpen: true })).toBe('call');
  });
});
