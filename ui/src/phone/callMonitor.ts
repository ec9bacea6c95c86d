// Listens to one call's measurements: the SDK's `volume` (every 50 ms), `sample` (every
// second) and `warning` / `warning-cleared`, and turns them into the levels and the quality the
// call view shows (rules in quality.ts). Levels go to their own listeners, apart from the
// Phone's change events, so twenty updates a second never re-render the whole window.

import type { EndedCall } from '../contract';
import { EMPTY_TALLY, MutedTalkDetector, NO_QUALITY, nextQuality, nextTally, summaryOf, type CallQuality, type QualityEvent, type QualitySample } from './quality';
import type { Listener, SdkCall } from './sdk';
import type { Clock } from './timer';

/** One `volume` event, as the call view draws it. */
export interface CallLevels {
  /** Microphone, 0..1 (what the SDK measures before mute applies). */
  input: number;
  /** The other side, 0..1. */
  output: number;
  /** The user has been talking for a second while muted. */
  talkingWhileMuted: boolean;
}

export const SILENT: CallLevels = { input: 0, output: 0, talkingWhileMuted: false };

export interface CallMonitorHooks {
  levels(levels: CallLevels): void;
  quality(quality: CallQuality): void;
  /** A warning the call view explains was raised (for the device log). */
  warned(name: string): void;
  /** The call is over: how it sounded overall, for the journal (only when it measured something and has a CallSid). */
  summed?(ended: EndedCall): void;
}

/** Subscribes to `call`'s measurements until `stop`. */
export function monitorCall(call: SdkCall, clock: Clock, hooks: CallMonitorHooks): () => void {
  let quality = NO_QUALITY;
  let tally = EMPTY_TALLY;
  const detector = new MutedTalkDetector();
  const update = (next: CallQuality): void => {
    if (next === quality) return;
    quality = next;
    hooks.quality(quality);
  };
  const measure = (event: QualityEvent): CallQuality => {
    tally = nextTally(tally, event);
    return nextQuality(quality, event);
  };
  let last: CallLevels = SILENT;
  const handlers: Record<string, Listener> = {
    volume: (input: number, output: number) => {
      const talkingWhileMuted = detector.level(input, call.isMuted(), clock.now());
      last = { input, output, talkingWhileMuted };
      hooks.levels(last);
    },
    // Unmuting answers the hint at once, without waiting for the next level.
    mute: (muted: boolean) => {
      if (muted || !last.talkingWhileMuted) return;
      detector.reset();
      last = { ...last, talkingWhileMuted: false };
      hooks.levels(last);
    },
    sample: (sample: QualitySample) => update(measure({ type: 'sample', sample })),
    warning: (name: string) => {
      const next = measure({ type: 'warning', name });
      if (next !== quality) hooks.warned(name);
      update(next);
    },
    'warning-cleared': (name: string) => update(measure({ type: 'warning-cleared', name })),
  };
  for (const [event, handler] of Object.entries(handlers)) call.on(event, handler);
  return () => {
    for (const [event, handler] of Object.entries(handlers)) call.removeListener(event, handler);
    hooks.levels(SILENT);
    hooks.quality(NO_QUALITY);
    const summary = summaryOf(tally);
    const callSid = call.parameters.CallSid;
    if (summary && callSid) hooks.summed?.({ callSid, quality: summary });
  };
}
