// Recording a voicemail greeting in the app, the pure part: which step the recorder is at and
// what each event leads to (record, the microphone opened or refused, a level reading, stop,
// the 60-second limit, play, save, discard). No DOM, no media, no clock: greetingRecorder.ts
// drives the browser and feeds events in, greeting.ts shows the state, and every rule here is
// unit-tested.

import { SILENT_DB, meterLevel, type MicOutcome } from './setupCheck';

/** The longest greeting (ms): recording stops by itself here. Callers wait through all of it. */
export const MAX_GREETING_MS = 60_000;

/** Why there is no recording: the microphone's troubles (setupCheck.ts), silence, or the recorder failing. */
export type RecordProblem = Exclude<MicOutcome, 'ok' | 'quiet' | 'playback-failed'> | 'failed';

export type RecorderState =
  | { phase: 'idle' }
  /** Waiting for the microphone (a permission prompt may be up). */
  | { phase: 'starting' }
  | { phase: 'recording'; startedAt: number; elapsedMs: number; level: number; peakDb: number }
  /** Stop was asked (or the limit reached); the recorder is handing over its last data. */
  | { phase: 'finishing'; durationMs: number; peakDb: number }
  | { phase: 'recorded'; durationMs: number; playing: boolean }
  /** Converting to WAV and handing it to Rust; the recording is kept until that succeeds. */
  | { phase: 'saving'; durationMs: number }
  | { phase: 'failed'; problem: RecordProblem };

export type RecorderEvent =
  | { type: 'record' }
  | { type: 'opened'; at: number }
  | { type: 'open-failed'; problem: RecordProblem }
  /** A level reading while recording (RMS dBFS of the last block). */
  | { type: 'level'; at: number; db: number }
  | { type: 'stop'; at: number }
  /** The recorder delivered its data (`ok`) or failed. */
  | { type: 'finished'; ok: boolean }
  | { type: 'play' }
  | { type: 'played' }
  | { type: 'save' }
  | { type: 'saved' }
  | { type: 'save-failed' }
  | { type: 'discard' };

export const IDLE: RecorderState = { phase: 'idle' };

/** What `event` does in `state`; an event that does not apply leaves the state as it is. */
export function step(state: RecorderState, event: RecorderEvent): RecorderState {
  switch (event.type) {
    case 'record':
      return state.phase === 'idle' || state.phase === 'failed' ? { phase: 'starting' } : state;
    case 'opened':
      return state.phase === 'starting' ? { phase: 'recording', startedAt: event.at, elapsedMs: 0, level: 0, peakDb: -Infinity } : state;
    case 'open-failed':
      return state.phase === 'starting' ? { phase: 'failed', problem: event.problem } : state;
    case 'level': {
      if (state.phase !== 'recording') return state;
      const elapsedMs = Math.max(0, event.at - state.startedAt);
      const peakDb = event.db > state.peakDb ? event.db : state.peakDb;
      if (elapsedMs >= MAX_GREETING_MS) return { phase: 'finishing', durationMs: MAX_GREETING_MS, peakDb };
      return { ...state, elapsedMs, level: meterLevel(event.db), peakDb };
    }
    case 'stop':
      if (state.phase !== 'recording') return state;
      return { phase: 'finishing', durationMs: Math.min(MAX_GREETING_MS, Math.max(0, event.at - state.startedAt)), peakDb: state.peakDb };
    case 'finished':
      if (state.phase !== 'finishing') return state;
      if (!event.ok) return { phase: 'failed', problem: 'failed' };
      // Nothing to keep in a silent recording (a muted headset): say so rather than save silence.
      if (!(state.peakDb >= SILENT_DB)) return { phase: 'failed', problem: 'silent' };
      return { phase: 'recorded', durationMs: state.durationMs, playing: false };
    case 'play':
      return state.phase === 'recorded' ? { ...state, playing: true } : state;
    case 'played':
      return state.phase === 'recorded' ? { ...state, playing: false } : state;
    case 'save':
      return state.phase === 'recorded' ? { phase: 'saving', durationMs: state.durationMs } : state;
    case 'saved':
      return state.phase === 'saving' ? IDLE : state;
    case 'save-failed':
      // Nothing is lost: the recording is still there to save again, play or discard.
      return state.phase === 'saving' ? { phase: 'recorded', durationMs: state.durationMs, playing: false } : state;
    case 'discard':
      return state.phase === 'recorded' || state.phase === 'failed' ? IDLE : state;
  }
}

/** Whether the recorder must be told to stop: the state just went from recording to finishing. */
export function mustStop(before: RecorderState, after: RecorderState): boolean {
  return before.phase === 'recording' && after.phase === 'finishing';
}

/** The words per problem: what happened, and what to do. */
const PROBLEM_WORDS: Record<RecordProblem, { what: string; fix: string }> = {
  'no-microphone': { what: 'greeting-record-no-microphone', fix: 'setup-test-mic-none-fix' },
  'permission-refused': { what: 'greeting-record-refused', fix: 'setup-test-mic-refused-fix' },
  busy: { what: 'greeting-record-busy', fix: 'setup-test-mic-busy-fix' },
  'device-gone': { what: 'greeting-record-gone', fix: 'greeting-record-gone-fix' },
  unsupported: { what: 'greeting-record-unsupported', fix: 'greeting-record-unsupported-fix' },
  silent: { what: 'greeting-record-silent', fix: 'greeting-record-silent-fix' },
  failed: { what: 'greeting-record-failed', fix: 'greeting-record-failed-fix' },
};

export function problemWords(problem: RecordProblem): { what: string; fix: string } {
  return PROBLEM_WORDS[problem];
}
