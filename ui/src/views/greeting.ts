// The voicemail greeting: a recorded one (an MP3 or WAV file the user picks, or one recorded
// here from the chosen microphone and saved as WAV; Rust checks and keeps it, and serves it to
// Twilio) or, without one, the spoken text from Settings › Voicemail. Recording is
// phone/greetingRecorder.ts; this view shows its steps: Record, the level and elapsed time,
// Stop (or the 60-second limit), then Play, Save or Discard.

import type { HistoryStatus } from '../contract';
import { toBackendError, type JournalBackend } from '../ipc';
import { DEFAULT_ID } from '../phone/audioDevices';
import { GreetingRecorder, browserGreetingMedia, type GreetingMedia } from '../phone/greetingRecorder';
import { MAX_GREETING_MS, problemWords, type RecorderState } from '../phone/greetingRecording';
import { formatDuration, realClock, type Clock } from '../phone/timer';
import { h, hm, setText } from './dom';
import { localize } from './l10n';

/** Which microphone and speaker to use, and whether a call holds them. */
export interface GreetingAudio {
  /** The microphone and speaker in use (`default`: the system's; audioDevices.ts). */
  microphone(): string;
  speaker(): string;
  /** True while a call is up: recording then would take the caller's microphone. */
  inCall(): boolean;
}

const NO_AUDIO_CHOICE: GreetingAudio = { microphone: () => DEFAULT_ID, speaker: () => DEFAULT_ID, inCall: () => false };

export class GreetingView {
  readonly el: HTMLElement;
  private readonly state: HTMLElement;
  private readonly clear: HTMLButtonElement;
  private readonly message: HTMLElement;
  private readonly recorder: GreetingRecorder;
  /** The pressed button went away and no other has taken the focus yet. */
  private focusLost = false;
  private readonly rec: {
    record: HTMLButtonElement;
    stop: HTMLButtonElement;
    play: HTMLButtonElement;
    save: HTMLButtonElement;
    discard: HTMLButtonElement;
    progress: HTMLElement;
    levelRow: HTMLElement;
    level: HTMLMeterElement;
    elapsed: HTMLElement;
    problem: HTMLElement;
  };

  constructor(
    private readonly journal: JournalBackend,
    private readonly audio: GreetingAudio = NO_AUDIO_CHOICE,
    media: GreetingMedia | null = browserGreetingMedia(),
    clock: Clock = realClock,
  ) {
    this.state = hm('p', { class: 'greeting-state' }, 'greeting-spoken');
    const file = h('input', { type: 'file', class: 'visually-hidden', id: 'greeting-file', accept: 'audio/mpeg,audio/wav,.mp3,.wav' });
    // The label is the button; the file input stays in the Tab order, only out of sight.
    const pick = hm('label', { class: 'secondary-button', for: 'greeting-file' }, 'greeting-upload');
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      file.value = '';
      if (chosen) void this.upload(chosen);
    });
    this.clear = hm('button', { type: 'button', class: 'secondary-button greeting-clear' }, 'greeting-clear');
    this.clear.addEventListener('click', () => void this.use(this.journal.clearVoicemailGreeting(), 'greeting-cleared'));
    this.message = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
    this.recorder = new GreetingRecorder(media, clock, (s) => this.show(s));
    this.rec = this.recordControls();
    this.el = h(
      'section',
      { class: 'greeting', 'aria-labelledby': 'greeting-title' },
      hm('h3', { class: 'greeting-title', id: 'greeting-title' }, 'greeting-title'),
      this.state,
      h('div', { class: 'greeting-actions' }, file, pick, this.rec.record, this.clear),
      h(
        'div',
        { class: 'greeting-recorder', id: 'greeting-recorder', role: 'group', 'aria-labelledby': 'greeting-record-title' },
        hm('h4', { class: 'visually-hidden', id: 'greeting-record-title' }, 'greeting-record-title'),
        this.rec.progress,
        this.rec.levelRow,
        this.rec.problem,
        h('div', { class: 'greeting-actions' }, this.rec.stop, this.rec.play, this.rec.save, this.rec.discard),
      ),
      this.message,
    );
    this.show(this.recorder.state);
  }

  render(status: HistoryStatus): void {
    localize(this.state, status.recordedGreeting ? 'greeting-recorded' : 'greeting-spoken');
    this.clear.hidden = !status.recordedGreeting;
  }

  /** A call started: a greeting being recorded stops and is dropped, playback stops (the call needs the devices). */
  callStarted(): void {
    if (this.recorder.callStarted()) localize(this.rec.progress, 'greeting-record-stopped-by-call');
  }

  private recordControls(): GreetingView['rec'] {
    const button = (id: string, text: string, kind = 'secondary-button'): HTMLButtonElement =>
      hm('button', { type: 'button', class: kind, id }, text);
    const record = button('greeting-record', 'greeting-record');
    const stop = button('greeting-record-stop', 'greeting-record-stop');
    const play = button('greeting-record-play', 'greeting-record-play');
    const save = button('greeting-record-save', 'greeting-record-save', 'primary-button');
    const discard = button('greeting-record-discard', 'greeting-record-discard');
    record.addEventListener('click', () => {
      setText(this.message, '');
      if (this.audio.inCall()) {
        this.showProblem('greeting-record-in-call', null);
        return;
      }
      void this.recorder.record(this.audio.microphone());
    });
    stop.addEventListener('click', () => this.recorder.stop());
    play.addEventListener('click', () => void this.recorder.play(this.audio.speaker()));
    save.addEventListener('click', () => void this.saveRecording());
    discard.addEventListener('click', () => {
      this.recorder.discard();
      localize(this.message, 'greeting-record-discarded');
    });
    const progress = h('p', { class: 'greeting-record-progress', id: 'greeting-record-progress', role: 'status', 'aria-live': 'polite' });
    const levelLabel = hm('span', { class: 'level-label', id: 'greeting-record-level-label' }, 'greeting-record-level');
    const level = h('meter', { class: 'level', id: 'greeting-record-level', min: 0, max: 1, low: 0.5, high: 0.85, optimum: 0.6, value: 0, 'aria-labelledby': 'greeting-record-level-label' });
    // A timer is not announced on every second (role=timer is not live); the progress line says what matters.
    const elapsed = h('span', { class: 'greeting-record-elapsed', id: 'greeting-record-elapsed', role: 'timer' });
    const levelRow = h('div', { class: 'level-row', hidden: true }, levelLabel, level, elapsed);
    const problem = h('div', { class: 'greeting-record-problem banner warning', id: 'greeting-record-problem', role: 'alert', hidden: true });
    return { record, stop, play, save, discard, progress, levelRow, level, elapsed, problem };
  }

  /** Shows the recorder's step; focus follows the button that replaced the one just pressed. */
  private show(s: RecorderState): void {
    const r = this.rec;
    const had = document.activeElement;
    const pressed = [r.record, r.stop, r.play, r.save, r.discard].find((b) => b === had);
    r.record.hidden = !(s.phase === 'idle' || s.phase === 'failed');
    r.record.disabled = false;
    r.stop.hidden = s.phase !== 'recording';
    r.play.hidden = !(s.phase === 'recorded' || s.phase === 'saving');
    r.save.hidden = r.play.hidden;
    r.discard.hidden = !(s.phase === 'recorded' || s.phase === 'saving');
    r.play.disabled = s.phase === 'saving';
    r.save.disabled = s.phase === 'saving';
    r.discard.disabled = s.phase === 'saving';
    r.levelRow.hidden = s.phase !== 'recording';
    if (s.phase !== 'failed') r.problem.hidden = true;
    const max = formatDuration(MAX_GREETING_MS);
    switch (s.phase) {
      case 'idle':
        setText(r.progress, '');
        break;
      case 'starting':
        localize(r.progress, 'greeting-record-starting');
        break;
      case 'recording':
        if (s.elapsedMs === 0) localize(r.progress, 'greeting-record-recording', { max });
        r.level.value = s.level;
        setText(r.elapsed, `${formatDuration(s.elapsedMs)} / ${max}`);
        break;
      case 'finishing':
        localize(r.progress, 'greeting-record-finishing');
        break;
      case 'recorded':
        localize(r.progress, s.playing ? 'greeting-record-playing' : 'greeting-record-ready', { length: formatDuration(s.durationMs) });
        localize(r.play, s.playing ? 'greeting-record-play-stop' : 'greeting-record-play');
        break;
      case 'saving':
        localize(r.progress, 'greeting-record-saving');
        break;
      case 'failed': {
        const words = problemWords(s.problem);
        setText(r.progress, '');
        this.showProblem(words.what, words.fix);
        break;
      }
    }
    // Between two steps (the microphone opening) no button may be shown: focus waits for one.
    if (pressed?.hidden) this.focusLost = true;
    if (this.focusLost) {
      const next = [r.stop, r.play, r.record].find((b) => !b.hidden && !b.disabled);
      if (next) {
        next.focus();
        this.focusLost = false;
      }
    }
  }

  private showProblem(what: string, fix: string | null): void {
    const p = this.rec.problem;
    p.hidden = false;
    p.replaceChildren(hm('p', {}, what));
    if (fix !== null) p.append(hm('p', { class: 'field-hint' }, fix));
  }

  private async saveRecording(): Promise<void> {
    this.message.classList.remove('error');
    setText(this.message, '');
    this.recorder.saving();
    let wav: Uint8Array;
    try {
      wav = await this.recorder.wav();
    } catch (error) {
      this.recorder.saveFailed();
      localize(this.message, 'greeting-record-convert-failed', { reason: error instanceof Error ? error.message : String(error) });
      this.message.classList.add('error');
      return;
    }
    if (await this.use(this.journal.setVoicemailGreeting(wav), 'greeting-set')) {
      this.recorder.saved();
      this.rec.record.focus();
    } else {
      this.recorder.saveFailed();
    }
  }

  private async upload(file: File): Promise<void> {
    await this.use(file.arrayBuffer().then((bytes) => this.journal.setVoicemailGreeting(new Uint8Array(bytes))), 'greeting-set');
  }

  private async use(change: Promise<HistoryStatus>, done: string): Promise<boolean> {
    this.message.classList.remove('error');
    try {
      this.render(await change);
      localize(this.message, done);
      return true;
    } catch (error) {
      localize(this.message, 'greeting-failed', { reason: toBackendError(error).message });
      this.message.classList.add('error');
      return false;
    }
  }
}
