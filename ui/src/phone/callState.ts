// The call state machine, pure: the Phone feeds it SDK events, the views render its state.
// Events that make no sense in the current state leave it unchanged (same object), so a late
// or duplicate SDK event cannot resurrect a finished call.

export type CallState =
  | { phase: 'idle' }
  /** Outgoing: asking for the microphone and signalling Twilio. */
  | { phase: 'connecting'; direction: 'outgoing'; number: string }
  /** Outgoing: the other phone is ringing. */
  | { phase: 'ringing'; direction: 'outgoing'; number: string }
  /** Incoming: ringing here, waiting for accept or reject. */
  | { phase: 'incoming'; direction: 'incoming'; number: string }
  /** Incoming: accepted, waiting for the audio to connect. */
  | { phase: 'answering'; direction: 'incoming'; number: string }
  | {
      phase: 'active';
      direction: 'outgoing' | 'incoming';
      number: string;
      /** When the call was accepted (ms since the epoch); the timer counts from here. */
      startedAt: number;
      muted: boolean;
      /** Media is reconnecting after a network blip. */
      reconnecting: boolean;
    };

export type CallPhase = CallState['phase'];

export type CallEvent =
  | { type: 'dial'; number: string }
  | { type: 'ringing' }
  | { type: 'incoming'; number: string }
  | { type: 'answer' }
  | { type: 'accepted'; at: number }
  | { type: 'muted'; muted: boolean }
  | { type: 'reconnecting' }
  | { type: 'reconnected' }
  | { type: 'ended' };

export const IDLE: CallState = Object.freeze({ phase: 'idle' });

export function nextCallState(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'dial':
      return state.phase === 'idle'
        ? { phase: 'connecting', direction: 'outgoing', number: event.number }
        : state;
    case 'incoming':
      return state.phase === 'idle'
        ? { phase: 'incoming', direction: 'incoming', number: event.number }
        : state;
    case 'ringing':
      return state.phase === 'connecting' ? { ...state, phase: 'ringing' } : state;
    case 'answer':
      return state.phase === 'incoming' ? { ...state, phase: 'answering' } : state;
    case 'accepted':
      if (state.phase === 'connecting' || state.phase === 'ringing' || state.phase === 'answering' || state.phase === 'incoming') {
        return {
          phase: 'active',
          direction: state.direction,
          number: state.number,
          startedAt: event.at,
          muted: false,
          reconnecting: false,
        };
      }
      return state;
    case 'muted':
      return state.phase === 'active' && state.muted !== event.muted ? { ...state, muted: event.muted } : state;
    case 'reconnecting':
      return state.phase === 'active' && !state.reconnecting ? { ...state, reconnecting: true } : state;
    case 'reconnected':
      return state.phase === 'active' && state.reconnecting ? { ...state, reconnecting: false } : state;
    case 'ended':
      return state.phase === 'idle' ? state : IDLE;
  }
}

/** True while any call exists: dialling, ringing either way, or connected. */
export function isBusy(state: CallState): boolean {
  return state.phase !== 'idle';
}
