// Recording a greeting: the steps (phone/greetingRecording.ts) event by event, and the driver
// (phone/greetingRecorder.ts) on stand-ins for getUserMedia, MediaRecorder and the analyser,
// with a manual clock: the 60-second limit, the microphone released, refusals in words.

import { describe, expect, test } from 'vitest';
import { GreetingRecorder, type GreetingMedia } from '../../src/phone/greetingRecorder';
import { IDLE, MAX_GREETING_MS, mustStop, problemWords, step, type RecorderEvent, type RecorderState } from '../../src/phone/greetingRecording';
import { manualClock } from './manualClock';

const run = (events: RecorderEvent[], from: RecorderState = IDLE): RecorderState => events.reduce(step, from);
const LOUD = -20;

describe('the recorder’s steps', () => {
  test('record, levels, stop, then a take to play and save', () => {
    let s = run([{ type: 'record' }]);
    expect(s).toEqual({ phase: 'starting' });
    s = run([{ type: 'opened', at: 1000 }, { type: 'level', at: 1100, db: -30 }, { type: 'level', at: 3500, db: LOUD }], s);
    expect(s).toEqual({ phase: 'recording', startedAt: 1000, elapsedMs: 2500, level: (LOUD + 60) / 60, peakDb: LOUD });
    s = run([{ type: 'stop', at: 4000 }], s);
    expect(s).toEqual({ phase: 'finishing', durationMs: 3000, peakDb: LOUD });
    s = run([{ type: 'finished', ok: true }], s);
    expect(s).toEqual({ phase: 'recorded', durationMs: 3000, playing: false });
    expect(run([{ type: 'play' }], s)).toEqual({ phase: 'recorded', durationMs: 3000, playing: true });
    expect(run([{ type: 'play' }, { type: 'played' }], s)).toEqual(s);
    expect(run([{ type: 'save' }], s)).toEqual({ phase: 'saving', durationMs: 3000 });
    expect(run([{ type: 'save' }, { type: 'saved' }], s)).toEqual(IDLE);
  });

  test('at 60 seconds the recording stops by itself, and the driver is told to stop the recorder', () => {
    const recording = run([{ type: 'record' }, { type: 'opened', at: 0 }, { type: 'level', at: 100, db: LOUD }]);
    const justBefore = step(recording, { type: 'level', at: MAX_GREETING_MS - 1, db: LOUD });
    expect(justBefore.phase).toBe('recording');
    expect(mustStop(recording, justBefore)).toBe(false);
    const atLimit = step(justBefore, { type: 'level', at: MAX_GREETING_MS + 250, db: LOUD });
    expect(atLimit).toEqual({ phase: 'finishing', durationMs: MAX_GREETING_MS, peakDb: LOUD });
    expect(mustStop(justBefore, atLimit)).toBe(true);
    // A Stop pressed late still counts at most the limit.
    expect(step(justBefore, { type: 'stop', at: MAX_GREETING_MS + 5000 })).toMatchObject({ durationMs: MAX_GREETING_MS });
  });

  test('a silent take is not kept; a recorder failure says so; a refused microphone is a problem to show', () => {
    const silent = run([{ type: 'record' }, { type: 'opened', at: 0 }, { type: 'level', at: 100, db: -Infinity }, { type: 'level', at: 200, db: -75 }, { type: 'stop', at: 3000 }, { type: 'finished', ok: true }]);
    expect(silent).toEqual({ phase: 'failed', problem: 'silent' });
    expect(run([{ type: 'record' }, { type: 'opened', at: 0 }, { type: 'stop', at: 10 }, { type: 'finished', ok: true }])).toEqual({ phase: 'failed', problem: 'silent' });
    expect(run([{ type: 'record' }, { type: 'opened', at: 0 }, { type: 'level', at: 100, db: LOUD }, { type: 'stop', at: 200 }, { type: 'finished', ok: false }])).toEqual({ phase: 'failed', problem: 'failed' });
    const refused = run([{ type: 'record' }, { type: 'open-failed', problem: 'permission-refused' }]);
    expect(refused).toEqual({ phase: 'failed', problem: 'permission-refused' });
    // From a problem: record again, or dismiss.
    expect(step(refused, { type: 'record' })).toEqual({ phase: 'starting' });
    expect(step(refused, { type: 'discard' })).toEqual(IDLE);
  });

  test('a failed save keeps the take; discard drops it; events that do not apply change nothing', () => {
    const recorded: RecorderState = { phase: 'recorded', durationMs: 5000, playing: false };
    expect(run([{ type: 'save' }, { type: 'save-failed' }], recorded)).toEqual(recorded);
    expect(step(recorded, { type: 'discard' })).toEqual(IDLE);
    // No second take over a running one, no save while recording, no discard while saving.
    const recording = run([{ type: 'record' }, { type: 'opened', at: 0 }]);
    for (const event of [{ type: 'record' }, { type: 'save' }, { type: 'discard' }, { type: 'play' }, { type: 'opened', at: 9 }] as RecorderEvent[]) {
      expect(step(recording, event)).toBe(recording);
    }
    const saving = step(recorded, { type: 'save' });
    expect(step(saving, { type: 'discard' })).toBe(saving);
    expect(step(IDLE, { type: 'stop', at: 1 })).toBe(IDLE);
    expect(step(IDLE, { type: 'level', at: 1, db: 0 })).toBe(IDLE);
  });

  test('every problem has words for what happened and what to do', () => {
    for (const p of ['no-microphone', 'permission-refused', 'busy', 'device-gone', 'unsupported', 'silent', 'failed'] as const) {
      const words = problemWords(p);
      expect(words.what).toMatch(/^greeting-record-/);
      expect(words.fix).toMatch(/-fix$/);
    }
  });
});

// ---- the driver on stand-ins for the browser's media ------------------------------------

class FakeRecorder extends EventTarget {
  state: 'inactive' | 'recording' = 'inactive';
  mimeType = 'audio/webm;codecs=opus';
  stops = 0;
  start(): void {
    this.state = 'recording';
  }
  stop(): void {
    this.stops++;
    if (this.state === 'inactive') return;
    this.state = 'inactive';
    // As in browsers: the last data, then `stop`, both after the call returns.
    queueMicrotask(() => {
      const data = Object.assign(new Event('dataavailable'), { data: new Blob([new Uint8Array(100)]) });
      this.dispatchEvent(data);
      this.dispatchEvent(new Event('stop'));
    });
  }
}

function fakeMedia(options: { level: () => number; refuse?: string }) {
  const tracks: { stopped: boolean }[] = [];
  const recorders: FakeRecorder[] = [];
  const asked: MediaStreamConstraints[] = [];
  const media = {
    getUserMedia: (constraints: MediaStreamConstraints) => {
      asked.push(constraints);
      if (options.refuse) return Promise.reject(new DOMException('no', options.refuse));
      const track = { stopped: false, stop() { this.stopped = true; } };
      tracks.push(track);
      return Promise.resolve({ getTracks: () => [track] } as unknown as MediaStream);
    },
    createAudioContext: () =>
      ({
        createAnalyser: () => ({ fftSize: 0, getFloatTimeDomainData: (block: Float32Array) => block.fill(options.level()) }),
        createMediaStreamSource: () => ({ connect: () => undefined }),
        resume: () => Promise.resolve(),
        close: () => Promise.resolve(),
      }) as unknown as AudioContext,
    createRecorder: () => {
      const r = new FakeRecorder();
      recorders.push(r);
      return r as unknown as MediaRecorder;
    },
    createPlayer: () => ({}) as HTMLAudioElement,
    objectUrl: () => 'blob:take',
    revokeUrl: () => undefined,
    createOfflineContext: () => ({}) as OfflineAudioContext,
  } satisfies GreetingMedia;
  return { media, tracks, recorders, asked };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the recorder driver', () => {
  test('records the chosen microphone exactly, stops by itself at 60 s and releases the microphone', async () => {
    const time = manualClock(0);
    const fake = fakeMedia({ level: () => 0.3 });
    const seen: string[] = [];
    const recorder = new GreetingRecorder(fake.media, time.clock, (s) => seen.push(s.phase));
    await recorder.record('usb-headset');
    expect(fake.asked).toEqual([{ audio: { deviceId: { exact: 'usb-headset' } } }]);
    expect(recorder.state.phase).toBe('recording');
    time.advance(30_000);
    expect(recorder.state).toMatchObject({ phase: 'recording', elapsedMs: 30_000 });
    expect(fake.recorders[0]?.stops).toBe(0);
    time.advance(30_000);
    expect(fake.recorders[0]?.stops).toBe(1);
    await settle();
    expect(recorder.state).toEqual({ phase: 'recorded', durationMs: MAX_GREETING_MS, playing: false });
    expect(fake.tracks.every((t) => t.stopped)).toBe(true);
    expect(time.pending()).toBe(0);
    expect(seen.filter((p) => p !== 'recording')).toEqual(['starting', 'finishing', 'recorded']);
  });

  test('Stop ends it early; the default microphone is asked for as `audio: true`', async () => {
    const time = manualClock(0);
    const fake = fakeMedia({ level: () => 0.3 });
    const recorder = new GreetingRecorder(fake.media, time.clock, () => undefined);
    await recorder.record('default');
    expect(fake.asked).toEqual([{ audio: true }]);
    time.advance(4_200);
    recorder.stop();
    await settle();
    expect(recorder.state).toEqual({ phase: 'recorded', durationMs: 4_200, playing: false });
    expect(fake.tracks[0]?.stopped).toBe(true);
  });

  test('a silent microphone and a refused permission end as problems, with the microphone released', async () => {
    const time = manualClock(0);
    const quiet = fakeMedia({ level: () => 0 });
    const recorder = new GreetingRecorder(quiet.media, time.clock, () => undefined);
    await recorder.record('default');
    time.advance(3_000);
    recorder.stop();
    await settle();
    expect(recorder.state).toEqual({ phase: 'failed', problem: 'silent' });
    expect(quiet.tracks[0]?.stopped).toBe(true);

    const refused = new GreetingRecorder(fakeMedia({ level: () => 0.3, refuse: 'NotAllowedError' }).media, time.clock, () => undefined);
    await refused.record('default');
    expect(refused.state).toEqual({ phase: 'failed', problem: 'permission-refused' });
    const none = new GreetingRecorder(fakeMedia({ level: () => 0.3, refuse: 'NotFoundError' }).media, time.clock, () => undefined);
    await none.record('default');
    expect(none.state).toEqual({ phase: 'failed', problem: 'no-microphone' });
    const unsupported = new GreetingRecorder(null, time.clock, () => undefined);
    await unsupported.record('default');
    expect(unsupported.state).toEqual({ phase: 'failed', problem: 'unsupported' });
  });

  test('a call that starts while recording drops the take and frees the microphone', async () => {
    const time = manualClock(0);
    const fake = fakeMedia({ level: () => 0.3 });
    const recorder = new GreetingRecorder(fake.media, time.clock, () => undefined);
    await recorder.record('default');
    time.advance(2_000);
    expect(recorder.callStarted()).toBe(true);
    await settle();
    expect(recorder.state).toEqual(IDLE);
    expect(fake.tracks[0]?.stopped).toBe(true);
    expect(time.pending()).toBe(0);
    expect(recorder.callStarted()).toBe(false);
  });
});
