// Recording a voicemail greeting, the browser part: opens the chosen microphone
// (getUserMedia), records it (MediaRecorder) while reading its level (a Web Audio analyser),
// plays the take back, and turns it into the WAV Rust keeps: the browser's own decoder
// (decodeAudioData) and resampler (an OfflineAudioContext at 8 kHz, mono) feed wav.ts. The
// steps and their rules are greetingRecording.ts; the media APIs are injected like the set-up
// test's, so the page's own are used by default.

import { DEFAULT_ID } from './audioDevices';
import { IDLE, MAX_GREETING_MS, mustStop, step, type RecorderEvent, type RecorderState } from './greetingRecording';
import { microphoneFailure } from './setupCheck';
import { browserMedia, levelReader, type MediaApis } from './setupCheckMicrophone';
import type { Clock } from './timer';
import { GREETING_SAMPLE_RATE, encodeWav } from './wav';

/** What recording a greeting needs on top of the set-up test's media: an offline context to resample in. */
export interface GreetingMedia extends MediaApis {
  createOfflineContext(length: number, sampleRate: number): OfflineAudioContext;
}

export function browserGreetingMedia(): GreetingMedia | null {
  const media = browserMedia();
  if (media === null || typeof OfflineAudioContext === 'undefined') return null;
  return { ...media, createOfflineContext: (length, sampleRate) => new OfflineAudioContext(1, length, sampleRate) };
}

/** How often the level and elapsed time are read while recording (ms). */
const LEVEL_EVERY_MS = 100;

/** The parts of one take that live while it records. */
interface Take {
  stream: MediaStream;
  context: AudioContext;
  recorder: MediaRecorder;
  chunks: Blob[];
  timer: unknown;
}

export class GreetingRecorder {
  private current: RecorderState = IDLE;
  private take: Take | null = null;
  private recording: Blob | null = null;
  private player: { el: HTMLAudioElement; url: string } | null = null;

  constructor(
    private readonly media: GreetingMedia | null,
    private readonly clock: Clock,
    private readonly changed: (state: RecorderState) => void,
  ) {}

  get state(): RecorderState {
    return this.current;
  }

  /** Opens `inputId` (`default`: the system's) and records until `stop` or the 60-second limit. */
  async record(inputId: string): Promise<void> {
    if (this.current.phase !== 'idle' && this.current.phase !== 'failed') return;
    this.apply({ type: 'record' });
    const media = this.media;
    if (media === null) {
      this.apply({ type: 'open-failed', problem: 'unsupported' });
      return;
    }
    let stream: MediaStream;
    try {
      // The chosen device exactly: one that is gone must say so, not quietly record another.
      stream = await media.getUserMedia({ audio: inputId === DEFAULT_ID ? true : { deviceId: { exact: inputId } } });
    } catch (error) {
      const problem = microphoneFailure(error);
      this.apply({ type: 'open-failed', problem: problem === 'ok' || problem === 'quiet' || problem === 'silent' || problem === 'playback-failed' ? 'failed' : problem });
      return;
    }
    if (this.phase() !== 'starting') {
      // A call started while the permission prompt was up.
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    let take: Take;
    try {
      const context = media.createAudioContext();
      const level = levelReader(context, stream);
      const recorder = media.createRecorder(stream);
      take = { stream, context, recorder, chunks: [], timer: null };
      const chunks = take.chunks;
      recorder.addEventListener('dataavailable', (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      });
      recorder.addEventListener('stop', () => this.finish(true), { once: true });
      recorder.addEventListener('error', () => this.finish(false), { once: true });
      const tick = (): void => {
        if (this.take !== take) return;
        if (this.apply({ type: 'level', at: this.clock.now(), db: level() })) this.halt();
        else take.timer = this.clock.setTimeout(tick, LEVEL_EVERY_MS);
      };
      this.take = take;
      recorder.start();
      // A suspended context (no user gesture yet) would leave the analyser empty.
      void context.resume().catch(() => undefined);
      this.apply({ type: 'opened', at: this.clock.now() });
      take.timer = this.clock.setTimeout(tick, LEVEL_EVERY_MS);
    } catch {
      for (const track of stream.getTracks()) track.stop();
      this.take = null;
      this.apply({ type: 'open-failed', problem: 'failed' });
    }
  }

  /** Ends the recording; the take is then ready to play, save or discard. */
  stop(): void {
    if (this.current.phase !== 'recording') return;
    this.apply({ type: 'stop', at: this.clock.now() });
    this.halt();
  }

  /** Plays the take (on `speakerId` where the engine can choose); again to stop playing. */
  async play(speakerId: string): Promise<void> {
    const media = this.media;
    if (this.current.phase !== 'recorded' || this.recording === null || media === null) return;
    if (this.current.playing) {
      this.endPlayback();
      return;
    }
    const url = media.objectUrl(this.recording);
    const el = media.createPlayer(url);
    this.player = { el, url };
    this.apply({ type: 'play' });
    el.addEventListener('ended', () => this.endPlayback(), { once: true });
    el.addEventListener('error', () => this.endPlayback(), { once: true });
    try {
      if (speakerId !== DEFAULT_ID && typeof el.setSinkId === 'function') await el.setSinkId(speakerId);
      await el.play();
    } catch {
      this.endPlayback();
    }
  }

  /** The take as the WAV Rust keeps and Twilio plays; throws when the browser cannot decode it. */
  async wav(): Promise<Uint8Array> {
    const media = this.media;
    if (this.recording === null || media === null) throw new Error('there is no recording to save');
    const encoded = await this.recording.arrayBuffer();
    const context = media.createAudioContext();
    let decoded: AudioBuffer;
    try {
      decoded = await context.decodeAudioData(encoded);
    } finally {
      void context.close().catch(() => undefined);
    }
    // The browser's resampler (with its anti-aliasing filter) and its down-mix to one channel.
    const seconds = Math.min(decoded.duration, MAX_GREETING_MS / 1000);
    const offline = media.createOfflineContext(Math.max(1, Math.ceil(seconds * GREETING_SAMPLE_RATE)), GREETING_SAMPLE_RATE);
    const source = offline.createBufferSource();
    source.buffer = decoded;
    source.connect(offline.destination);
    source.start();
    const rendered = await offline.startRendering();
    return encodeWav(rendered.getChannelData(0), GREETING_SAMPLE_RATE);
  }

  /** Saving began, ended, or failed (the take is kept until Rust has it). */
  saving(): void {
    this.endPlayback();
    this.apply({ type: 'save' });
  }
  saved(): void {
    this.apply({ type: 'saved' });
    if (this.current.phase === 'idle') this.recording = null;
  }
  saveFailed(): void {
    this.apply({ type: 'save-failed' });
  }

  /** Throws the take away (or clears a problem), back to the Record button. */
  discard(): void {
    this.endPlayback();
    this.apply({ type: 'discard' });
    if (this.current.phase === 'idle') this.recording = null;
  }

  /**
   * A call started: playback stops, and a take being recorded (or a microphone being opened)
   * is dropped, since the call needs the microphone. True when a recording was dropped.
   */
  callStarted(): boolean {
    this.endPlayback();
    const phase = this.current.phase;
    if (phase !== 'starting' && phase !== 'recording' && phase !== 'finishing') return false;
    const take = this.take;
    this.take = null;
    if (take) this.release(take);
    this.recording = null;
    this.current = IDLE;
    this.changed(this.current);
    return true;
  }

  /** Read through a method: the phase may have changed while we awaited. */
  private phase(): RecorderState['phase'] {
    return this.current.phase;
  }

  /** Applies `event`; true when it means the recorder must stop (the limit). */
  private apply(event: RecorderEvent): boolean {
    const before = this.current;
    this.current = step(before, event);
    if (this.current !== before) this.changed(this.current);
    return mustStop(before, this.current);
  }

  private halt(): void {
    const take = this.take;
    if (!take) return;
    if (take.timer !== null) this.clock.clearTimeout(take.timer);
    take.timer = null;
    if (take.recorder.state !== 'inactive') take.recorder.stop();
    else this.finish(true);
  }

  private finish(ok: boolean): void {
    const take = this.take;
    if (!take) return;
    this.take = null;
    this.release(take);
    this.recording = ok ? new Blob(take.chunks, { type: take.recorder.mimeType || 'audio/webm' }) : null;
    this.apply({ type: 'finished', ok: ok && take.chunks.length > 0 });
    if (this.current.phase !== 'recorded') this.recording = null;
  }

  private release(take: Take): void {
    if (take.timer !== null) this.clock.clearTimeout(take.timer);
    if (take.recorder.state !== 'inactive') {
      try {
        take.recorder.stop();
      } catch {
        // Already stopping.
      }
    }
    for (const track of take.stream.getTracks()) track.stop();
    void take.context.close().catch(() => undefined);
  }

  private endPlayback(): void {
    const player = this.player;
    if (!player) return;
    this.player = null;
    player.el.pause();
    this.media?.revokeUrl(player.url);
    this.apply({ type: 'played' });
  }
}
