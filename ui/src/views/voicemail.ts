// Voicemail: the inbox Rust keeps. Play fetches the message's bytes (Rust downloads and
// caches the recording with the API key; the page never sees a URL or a credential) into a
// Blob URL on one <audio> element, and marks it heard. Save puts it in Downloads; delete asks
// first, inline (a webview may have no window.confirm).

import type { HistoryStatus, VoicemailEntry } from '../contract';
import { language, t } from '../i18n/i18n';
import { toBackendError, type JournalBackend } from '../ipc';
import type { Region } from '../phone/number';
import { h, hm } from './dom';
import { formatLength, formatWhen, partyLabel } from './journal';
import { localize } from './l10n';
import { LiveList } from './liveList';
import { revealEntry } from './reveal';
import { GreetingView, type GreetingAudio } from './greeting';

export interface VoicemailActions {
  homeRegion(): Region | null;
  now(): number;
  /** The inbox changed (played, deleted): the badge follows. */
  changed(messages: readonly VoicemailEntry[]): void;
  /** The microphone and speaker a greeting is recorded and played on (default: the system's). */
  greetingAudio?: GreetingAudio | undefined;
}

export class VoicemailView {
  readonly el: HTMLElement;
  readonly player: HTMLAudioElement;
  private readonly list: HTMLOListElement;
  private readonly notice: HTMLElement;
  private readonly message: HTMLElement;
  readonly greeting: GreetingView;
  private messages: VoicemailEntry[] = [];
  /** The rows on screen, kept where they did not change (focus and place stay). */
  private readonly rows: LiveList;
  /** The message whose deletion waits for a second click. */
  private confirming: string | null = null;
  private playing: string | null = null;
  private objectUrl: string | null = null;
  private loads = 0;

  constructor(
    private readonly journal: JournalBackend,
    private readonly actions: VoicemailActions,
  ) {
    this.player = h('audio', { class: 'voicemail-player', controls: true, preload: 'none', hidden: true });
    localize(this.player, 'voicemail-player');
    this.notice = h('p', { class: 'banner warning journal-notice', role: 'status', hidden: true });
    this.message = h('p', { class: 'form-message journal-message', role: 'status', 'aria-live': 'polite' });
    this.list = h('ol', { class: 'journal-list voicemail-list', 'aria-labelledby': 'voicemail-title' });
    this.rows = new LiveList(this.list);
    this.greeting = new GreetingView(journal, actions.greetingAudio);
    this.el = h(
      'section',
      { class: 'journal voicemail' },
      h('div', { class: 'journal-head' }, hm('h2', { class: 'journal-title', id: 'voicemail-title' }, 'voicemail-title')),
      this.notice,
      this.player,
      this.message,
      this.list,
      this.greeting.el,
    );
  }

  async refresh(status: HistoryStatus | null): Promise<VoicemailEntry[]> {
    const load = ++this.loads;
    if (status) this.greeting.render(status);
    if (status && !status.available) {
      localize(this.notice, 'journal-unavailable', { reason: status.problem ?? t('journal-unavailable-unknown') });
      this.notice.hidden = false;
      this.messages = [];
      this.draw();
      return [];
    }
    try {
      const messages = await this.journal.voicemails();
      if (load !== this.loads) return messages;
      this.notice.hidden = true;
      this.messages = messages;
      this.draw();
      return messages;
    } catch (error) {
      if (load === this.loads) {
        localize(this.notice, 'journal-unavailable', { reason: toBackendError(error).message });
        this.notice.hidden = false;
      }
      return [];
    }
  }

  /** Shows the message a notification pointed at; false when the inbox does not hold it. */
  reveal(recordingSid: string): boolean {
    return revealEntry(this.list, 'recordingSid', recordingSid);
  }

  languageChanged(): void {
    this.draw();
  }

  private draw(): void {
    if (this.messages.length === 0) {
      this.rows.show([{ key: '', signature: 'voicemail-empty', render: () => hm('li', { class: 'journal-empty' }, 'voicemail-empty') }]);
      return;
    }
    const home = this.actions.homeRegion();
    const now = this.actions.now();
    const lang = language();
    this.rows.show(
      this.messages.map((entry) => {
        const sid = entry.recording_sid;
        const when = formatWhen(entry.received_at, now, lang);
        return {
          key: sid,
          // Everything the row shows: the message, its words, and whether it plays or asks.
          signature: JSON.stringify([entry, when, lang, home, this.playing === sid, this.confirming === sid]),
          render: () => this.row(entry, when, home),
        };
      }),
    );
  }

  private row(entry: VoicemailEntry, when: string, home: Region | null): HTMLLIElement {
    const who = partyLabel(entry.name, entry.number, home);
    // Every row has the same Play, Save and Delete: each button is described by its row (who,
    // when, how long), so a screen reader says whose message it acts on.
    const about = `voicemail-about-${entry.recording_sid}`;
    const describe = (button: HTMLButtonElement): HTMLButtonElement => {
      button.setAttribute('aria-describedby', about);
      return button;
    };
    const play = describe(hm('button', { type: 'button', class: 'secondary-button play' }, this.playing === entry.recording_sid ? 'voicemail-playing' : 'voicemail-play'));
    play.addEventListener('click', () => void this.play(entry));
    const save = describe(hm('button', { type: 'button', class: 'secondary-button save' }, 'voicemail-save'));
    save.addEventListener('click', () => void this.save(entry));
    const actions = h('div', { class: 'journal-actions' }, play, save);
    if (this.confirming === entry.recording_sid) {
      const yes = describe(hm('button', { type: 'button', class: 'secondary-button danger confirm-delete' }, 'voicemail-delete-confirm'));
      const no = describe(hm('button', { type: 'button', class: 'secondary-button cancel-delete' }, 'voicemail-delete-cancel'));
      yes.addEventListener('click', () => void this.remove(entry));
      no.addEventListener('click', () => {
        this.confirming = null;
        this.draw();
      });
      actions.append(yes, no);
    } else {
      const remove = describe(hm('button', { type: 'button', class: 'secondary-button delete' }, 'voicemail-delete'));
      remove.addEventListener('click', () => {
        this.confirming = entry.recording_sid;
        this.draw();
        this.list.querySelector<HTMLButtonElement>('.confirm-delete')?.focus();
      });
      actions.append(remove);
    }
    return h(
      'li',
      { class: `journal-entry voicemail-entry${entry.heard ? '' : ' unheard'}`, 'data-recording-sid': entry.recording_sid },
      h(
        'div',
        { class: 'journal-main', id: about },
        h('p', { class: 'journal-party' }, who, entry.heard ? null : hm('span', { class: 'journal-tag new' }, 'voicemail-new')),
        h(
          'p',
          { class: 'journal-details' },
          h('time', { datetime: entry.received_at }, when),
          ` · ${formatLength(entry.duration_secs)}`,
        ),
      ),
      actions,
    );
  }

  private async play(entry: VoicemailEntry): Promise<void> {
    this.say('voicemail-loading');
    try {
      const audio = await this.journal.voicemailAudio(entry.recording_sid);
      if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = URL.createObjectURL(new Blob([audio.bytes], { type: audio.contentType }));
      this.player.src = this.objectUrl;
      this.player.hidden = false;
      this.playing = entry.recording_sid;
      this.say(null);
      await this.player.play();
      if (!entry.heard) {
        await this.journal.markVoicemailHeard(entry.recording_sid, true);
        // The row kept from an earlier draw holds an earlier copy of the message: mark the
        // list's own, which the badge counts.
        for (const m of this.messages) if (m.recording_sid === entry.recording_sid) m.heard = true;
        entry.heard = true;
        this.actions.changed(this.messages);
      }
      this.draw();
    } catch (error) {
      this.sayError('voicemail-play-failed', error);
    }
  }

  private async save(entry: VoicemailEntry): Promise<void> {
    try {
      const saved = await this.journal.saveVoicemail(entry.recording_sid);
      this.say('voicemail-saved', { path: saved.path });
    } catch (error) {
      this.sayError('voicemail-save-failed', error);
    }
  }

  private async remove(entry: VoicemailEntry): Promise<void> {
    this.confirming = null;
    try {
      await this.journal.deleteVoicemail(entry.recording_sid);
      this.messages = this.messages.filter((m) => m.recording_sid !== entry.recording_sid);
      if (this.playing === entry.recording_sid) this.stop();
      this.say('voicemail-deleted');
      this.actions.changed(this.messages);
    } catch (error) {
      this.sayError('voicemail-delete-failed', error);
    }
    this.draw();
  }

  private stop(): void {
    this.player.pause();
    this.player.removeAttribute('src');
    this.player.hidden = true;
    this.playing = null;
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
  }

  private say(id: string | null, args?: Record<string, string>): void {
    this.message.classList.remove('error');
    if (id) localize(this.message, id, args);
    else this.message.replaceChildren();
  }

  private sayError(id: string, error: unknown): void {
    localize(this.message, id, { reason: toBackendError(error).message });
    this.message.classList.add('error');
  }
}
