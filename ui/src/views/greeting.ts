// The voicemail greeting: a recorded one (an MP3 or WAV file the user picks; Rust checks and
// keeps it, and serves it to Twilio) or, without one, the spoken text from Settings › Voicemail.

import type { HistoryStatus } from '../contract';
import { toBackendError, type JournalBackend } from '../ipc';
import { h, hm } from './dom';
import { localize } from './l10n';

export class GreetingView {
  readonly el: HTMLElement;
  private readonly state: HTMLElement;
  private readonly clear: HTMLButtonElement;
  private readonly message: HTMLElement;

  constructor(private readonly journal: JournalBackend) {
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
    this.el = h(
      'section',
      { class: 'greeting', 'aria-labelledby': 'greeting-title' },
      hm('h3', { class: 'greeting-title', id: 'greeting-title' }, 'greeting-title'),
      this.state,
      h('div', { class: 'greeting-actions' }, file, pick, this.clear),
      this.message,
    );
  }

  render(status: HistoryStatus): void {
    localize(this.state, status.recordedGreeting ? 'greeting-recorded' : 'greeting-spoken');
    this.clear.hidden = !status.recordedGreeting;
  }

  private async upload(file: File): Promise<void> {
    await this.use(file.arrayBuffer().then((bytes) => this.journal.setVoicemailGreeting(new Uint8Array(bytes))), 'greeting-set');
  }

  private async use(change: Promise<HistoryStatus>, done: string): Promise<void> {
    this.message.classList.remove('error');
    try {
      this.render(await change);
      localize(this.message, done);
    } catch (error) {
      localize(this.message, 'greeting-failed', { reason: toBackendError(error).message });
      this.message.classList.add('error');
    }
  }
}
