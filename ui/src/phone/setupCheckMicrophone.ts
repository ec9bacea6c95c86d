// "Test my set-up", the microphone and speaker, without a call: records a few seconds from the
// chosen microphone (MediaRecorder), shows its level meanwhile (a Web Audio analyser), plays the
// recording back on the chosen speaker (`setSinkId` where the engine has it), and says what it
// found (setupCheck.ts judges). The browser's media APIs are injected so a test can stand in
// for them; by default they are the page's own.

import { DEFAULT_ID } from './audioDevices';
import { RECORD_MS, judgeRecording, microphoneFailure, rmsDb, type MicOutcome } from './setupCheck';
import type { Clock } from './timer';

/** The parts of the browser the check uses. */
export interface MediaApis {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createAudioContext(): AudioContext;
  createRecorder(stream: MediaStream): MediaRecorder;
  createPlayer(url: string): HTMLAudioElement;
  objectUrl(blob: Blob): string;
  revokeUrl(url: string): void;
}

export function browserMedia(): MediaApis | null {
  // Missing in some webviews (and over plain http on another host): the check then says so.
  const devices = (navigator as Partial<Navigator>).mediaDevices;
  if (devices === undefined || typeof MediaRecorder === 'undefined' || typeof AudioContext === 'undefined') {
    return null;
  }
  return {
    getUserMedia: (c) => devices.getUserMedia(c),
    createAudioContext: () => new AudioContext(),
    createRecorder: (stream) => new MediaRecorder(stream),
    createPlayer: (url) => new Audio(url),
    objectUrl: (blob) => URL.createObjectURL(blob),
    revokeUrl: (url) => URL.revokeObjectURL(url),
  };
}

export interface MicCheckOptions {
  /** The microphone and speaker in use (`default`: the system's). */
  inputId: string;
  speakerId: string;
  clock: Clock;
  /** Stops the check (a call came in); it then ends with `stopped`. */
  signal: AbortSignal;
  /** Progress for the view: recording (with the level, 0..1 as dBFS), then playing back. */
  recording(level: number): void;
  playing(): void;
}

export interface MicCheckResult {
  outcome: MicOutcome | 'stopped';
  /** The loudest 50 ms of the recording (dBFS); null when nothing was recorded. */
  peakDb: number | null;
}

/** How often the level is read while recording (ms). */
const LEVEL_EVERY_MS = 50;
/** Playback that never ends (a stuck sink) gives up after the recording's length plus this. */
const PLAYBACK_SLACK_MS = 3000;

export async function checkMicrophone(media: MediaApis | null, o: MicCheckOptions): Promise<MicCheckResult> {
  if (media === null) return { outcome: 'unsupported', peakDb: null };
  let stream: MediaStream;
  try {
    // The chosen device exactly (a device that is gone must say so, not quietly use another).
    stream = await media.getUserMedia({ audio: o.inputId === DEFAULT_ID ? true : { deviceId: { exact: o.inputId } } });
  } catch (error) {
    return { outcome: microphoneFailure(error), peakDb: null };
  }
  if (o.signal.aborted) {
    stopTracks(stream);
    return { outcome: 'stopped', peakDb: null };
  }
  let recorded: { blob: Blob; peakDb: number };
  try {
    recorded = await record(media, stream, o);
  } catch (error) {
    return { outcome: microphoneFailure(error), peakDb: null };
  } finally {
    stopTracks(stream);
  }
  if (aborted(o.signal)) return { outcome: 'stopped', peakDb: recorded.peakDb };
  const verdict = judgeRecording(recorded.peakDb);
  // Nothing to hear in a silent recording: say so rather than play silence.
  if (verdict === 'silent') return { outcome: 'silent', peakDb: recorded.peakDb };
  o.playing();
  const played = await playBack(media, recorded.blob, o);
  if (played === 'stopped') return { outcome: 'stopped', peakDb: recorded.peakDb };
  return { outcome: played === 'ok' ? verdict : 'playback-failed', peakDb: recorded.peakDb };
}

/** Read through a call: the signal may have fired while we awaited. */
function aborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * Reads `stream`'s level in dBFS through a Web Audio analyser in `context`: one block of
 * samples per call. Used by this check and by the greeting recorder.
 */
export function levelReader(context: AudioContext, stream: MediaStream): () => number {
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(stream).connect(analyser);
  const block = new Float32Array(analyser.fftSize);
  return () => {
    analyser.getFloatTimeDomainData(block);
    return rmsDb(block);
  };
}

/** Records `RECORD_MS` (or until aborted) while reading the level every 50 ms. */
function record(media: MediaApis, stream: MediaStream, o: MicCheckOptions): Promise<{ blob: Blob; peakDb: number }> {
  const context = media.createAudioContext();
  const level = levelReader(context, stream);
  const recorder = media.createRecorder(stream);
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  });
  let peakDb = -Infinity;
  return new Promise((resolve, reject) => {
    let timer: unknown = null;
    const finish = (): void => {
      o.signal.removeEventListener('abort', finish);
      if (timer !== null) o.clock.clearTimeout(timer);
      if (recorder.state !== 'inactive') recorder.stop();
      else done();
    };
    const done = (): void => {
      void context.close().catch(() => undefined);
      resolve({ blob: new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }), peakDb });
    };
    recorder.addEventListener('stop', done, { once: true });
    recorder.addEventListener('error', () => {
      void context.close().catch(() => undefined);
      reject(new DOMException('the recording failed', 'AbortError'));
    }, { once: true });
    const started = o.clock.now();
    const tick = (): void => {
      const db = level();
      if (db > peakDb) peakDb = db;
      o.recording(db);
      if (o.clock.now() - started >= RECORD_MS) finish();
      else timer = o.clock.setTimeout(tick, LEVEL_EVERY_MS);
    };
    o.signal.addEventListener('abort', finish, { once: true });
    recorder.start();
    // A suspended context (no user gesture yet) would leave the analyser empty.
    void context.resume().catch(() => undefined);
    timer = o.clock.setTimeout(tick, LEVEL_EVERY_MS);
  });
}

/** Plays the recording on the chosen speaker; ends when it has played (or could not). */
async function playBack(media: MediaApis, blob: Blob, o: MicCheckOptions): Promise<'ok' | 'failed' | 'stopped'> {
  const url = media.objectUrl(blob);
  const player = media.createPlayer(url);
  try {
    if (o.speakerId !== DEFAULT_ID && typeof player.setSinkId === 'function') await player.setSinkId(o.speakerId);
    return await new Promise<'ok' | 'failed' | 'stopped'>((resolve) => {
      let timer: unknown = null;
      const end = (how: 'ok' | 'failed' | 'stopped'): void => {
        if (timer !== null) o.clock.clearTimeout(timer);
        o.signal.removeEventListener('abort', stop);
        player.pause();
        resolve(how);
      };
      const stop = (): void => end('stopped');
      player.addEventListener('ended', () => end('ok'), { once: true });
      player.addEventListener('error', () => end('failed'), { once: true });
      o.signal.addEventListener('abort', stop, { once: true });
      timer = o.clock.setTimeout(() => end('ok'), RECORD_MS + PLAYBACK_SLACK_MS);
      player.play().catch(() => end('failed'));
    });
  } catch {
    return 'failed';
  } finally {
    media.revokeUrl(url);
  }
}
