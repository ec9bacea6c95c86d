// Which screen the window shows, as a pure function of what the App knows. The App keeps the
// state and moves focus; this only decides, so every rule is tested without a DOM.

import type { CallPhase } from '../phone/callState';

export type Screen = 'dial' | 'call' | 'incoming' | 'settings' | 'unsupported' | 'calling-window';

export interface ScreenState {
  /** The user opened Settings (and has not closed them). */
  settingsOpen: boolean;
  /** This window's own call, if any. */
  call: CallPhase;
  /** This window can carry calls itself (WebRTC). */
  supported: boolean;
  /** This window drives a calling window instead (the native window on Linux). */
  drivesCallingWindow: boolean;
}

export function chooseScreen(state: ScreenState): Screen {
  // A call always takes the screen, even over settings.
  if (state.call === 'incoming') return 'incoming';
  if (state.call !== 'idle') return 'call';
  if (state.settingsOpen) return 'settings';
  if (state.supported) return 'dial';
  return state.drivesCallingWindow ? 'calling-window' : 'unsupported';
}
