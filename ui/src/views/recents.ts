// Recents: the call history Rust keeps, newest first, all or missed only; call back in one
// click (the keypad's own dial path), "Add to contacts" for a number without a name, and
// "Clear" (every call goes; voicemail and contacts stay), confirmed inline like voicemail's
// delete: a webview may have no window.confirm, and an inline question keeps focus in the page.

import type { HistoryEntry, HistoryStatus } from '../contract';
import { language, t } from '../i18n/i18n';
import { toBackendError, type JournalBackend } from '../ipc';
import type { Region } from '../phone/number';
import { h, hm, setText } from './dom';
import { icon } from './icons';
import { formatLength, formatWhen, isCallable, isMissed, partyLabel, qualityLine, statusMessageId } from './journal';
import { localize } from './l10n';
import { LiveList } from './liveList';
import { revealEntry } from './reveal';

export interface RecentsActions {
  homeRegion(): Region | null;
  /** Dials `number` the way the keypad does; null when calls cannot be placed from here. */
  callBack: ((number: string) => void) | null;
  addContact(number: string): void;
  /** Recents were cleared (the missed badge goes). */
  cleared(): void;
  now(): number;
}

type Filter = 'all' | 'missed';

export class RecentsView {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly notice: HTMLElement;
  private readonly filterButtons: Record<Filter, HTMLButtonElement>;
  private readonly title: HTMLElement;
  private readonly clearButton: HTMLButtonElement;
  /** The inline "Clear all recents?" question, shown after Clear is pressed. */
  private readonly confirm: HTMLElement;
  private readonly confirmYes: HTMLButtonElement;
  /** What the last clear did, for screen readers too. */
  private readonly message: HTMLElement;
  private filter: Filter = 'all';
  private entries: HistoryEntry[] = [];
  /** The rows on screen, kept where they did not change (focus and place stay). */
  private readonly rows: LiveList;
  /** Counts loads, so an older answer arriving late is dropped. */
  private loads = 0;

  constructor(
    private readonly journal: JournalBackend,
    private readonly actions: RecentsActions,
  ) {
    this.filterButtons = {
      all: hm('button', { type: 'button', class: 'filter-button', 'aria-pressed': 'true' }, 'recents-filter-all'),
      missed: hm('button', { type: 'button', class: 'filter-button', 'aria-pressed': 'false' }, 'recents-filter-missed'),
    };
    for (const [name, button] of Object.entries(this.filterButtons) as [Filter, HTMLButtonElement][]) {
      button.addEventListener('click', () => this.setFilter(name));
    }
    const filters = h('div', { class: 'filters', role: 'group' }, this.filterButtons.all, this.filterButtons.missed);
    localize(filters, 'recents-filter-label');
    this.notice = h('p', { class: 'banner warning journal-notice', role: 'status', hidden: true });
    this.list = h('ol', { class: 'journal-list recents-list', 'aria-labelledby': 'recents-title' });
    this.rows = new LiveList(this.list);
    this.title = hm('h2', { class: 'journal-title', id: 'recents-title', tabindex: '-1' }, 'recents-title');
    this.clearButton = hm('button', { type: 'button', class: 'secondary-button clear-recents', 'aria-expanded': 'false' }, 'recents-clear');
    this.clearButton.addEventListener('click', () => this.askToClear());
    this.confirmYes = hm('button', { type: 'button', class: 'secondary-button danger confirm-clear' }, 'recents-clear-confirm');
    this.confirmYes.addEventListener('click', () => void this.clear());
    const confirmNo = hm('button', { type: 'button', class: 'secondary-button cancel-clear' }, 'recents-clear-cancel');
    confirmNo.addEventListener('click', () => this.closeQuestion(true));
    const question = hm('p', { class: 'clear-question', id: 'recents-clear-question' }, 'recents-clear-question');
    this.confirm = h(
      'div',
      { class: 'clear-confirm', role: 'group', 'aria-labelledby': 'recents-clear-question', hidden: true },
      question,
      h('div', { class: 'journal-actions' }, this.confirmYes, confirmNo),
    );
    this.confirm.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.closeQuestion(true);
      }
    });
    this.message = h('p', { class: 'form-message journal-message', role: 'status', 'aria-live': 'polite' });
    this.el = h(
      'section',
      { class: 'journal recents' },
      h('div', { class: 'journal-head' }, this.title, filters, this.clearButton),
      this.confirm,
      this.message,
      this.notice,
      this.list,
    );
  }

  /**
   * Reloads the history (on showing the tab, after a call, when the window comes back, when
   * the journal changed); only rows that changed are drawn again.
   */
  async refresh(status: HistoryStatus | null): Promise<HistoryEntry[]> {
    const load = ++this.loads;
    if (status && !status.available) {
      this.showUnavailable(status.problem);
      this.entries = [];
      this.draw();
      return [];
    }
    try {
      const entries = await this.journal.callHistory(this.filter === 'missed' ? { missedOnly: true, limit: 500 } : { limit: 500 });
      if (load !== this.loads) return entries;
      this.notice.hidden = true;
      if (status?.problem) this.showNotice(status.problem);
      this.entries = entries;
      this.draw();
      return entries;
    } catch (error) {
      if (load === this.loads) this.showUnavailable(toBackendError(error).message);
      return [];
    }
  }

  /**
   * Shows the call a notification pointed at. One the missed filter hides is shown with
   * all calls; one the list does not hold (too old, or not journaled yet) is not looked for.
   */
  async reveal(callSid: string): Promise<boolean> {
    if (this.filter === 'missed' && !this.entries.some((e) => e.call_sid === callSid)) {
      this.setFilter('all');
      await this.refresh(null);
    }
    return revealEntry(this.list, 'callSid', callSid);
  }

  /** Re-renders the words that are not messages (times) in the new language. */
  languageChanged(): void {
    this.draw();
  }

  private setFilter(filter: Filter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    for (const [name, button] of Object.entries(this.filterButtons)) button.setAttribute('aria-pressed', String(name === filter));
    void this.refresh(null);
  }

  private askToClear(): void {
    this.confirm.hidden = false;
    this.clearButton.setAttribute('aria-expanded', 'true');
    this.confirmYes.focus();
  }

  /** Hides the question; focus goes back to Clear when the user said no. */
  private closeQuestion(refocus: boolean): void {
    this.confirm.hidden = true;
    this.clearButton.setAttribute('aria-expanded', 'false');
    if (refocus) this.clearButton.focus();
  }

  private async clear(): Promise<void> {
    this.closeQuestion(false);
    this.message.classList.remove('error');
    try {
      await this.journal.clearCallHistory();
      localize(this.message, 'recents-cleared');
      this.entries = [];
      this.draw();
      this.actions.cleared();
      // Clear is disabled now that the list is empty: keep focus in the tab, on its title.
      this.title.focus();
    } catch (error) {
      this.message.classList.add('error');
      localize(this.message, 'recents-clear-failed', { reason: toBackendError(error).message });
      this.clearButton.focus();
    }
  }

  private showUnavailable(problem: string | null): void {
    localize(this.notice, 'journal-unavailable', { reason: problem ?? t('journal-unavailable-unknown') });
    this.notice.hidden = false;
  }

  private showNotice(problem: string): void {
    setText(this.notice, problem);
    this.notice.hidden = false;
  }

  private draw(): void {
    // Nothing to clear in an empty list (only when showing all: a missed-only view can be empty while others remain).
    this.clearButton.disabled = this.entries.length === 0 && this.filter === 'all';
    if (this.entries.length === 0) {
      const id = this.filter === 'missed' ? 'recents-empty-missed' : 'recents-empty';
      this.rows.show([{ key: '', signature: id, render: () => hm('li', { class: 'journal-empty' }, id) }]);
      return;
    }
    const home = this.actions.homeRegion();
    const now = this.actions.now();
    const lang = language();
    this.rows.show(
      this.entries.map((entry) => {
        const when = formatWhen(entry.started_at, now, lang);
        return {
          key: entry.call_sid,
          // Everything the row shows: the entry, and the words that are not messages.
          signature: JSON.stringify([entry, when, lang, home]),
          render: () => this.row(entry, when, home),
        };
      }),
    );
  }

  /** "Fair line · Opus", with the average score and the worst warning in the tooltip. */
  private quality(entry: HistoryEntry): HTMLElement | null {
    const line = qualityLine(entry.quality);
    if (!line) return null;
    const words = [line.gradeId ? t(line.gradeId) : null, line.codec].filter((w) => w !== null);
    const details = [
      line.mos ? t('recents-quality-mos', { mos: line.mos }) : null,
      line.warningId ? t('recents-quality-worst', { warning: t(line.warningId) }) : t('recents-quality-no-warning'),
    ].filter((w) => w !== null);
    return h('span', { class: `journal-quality${line.gradeId ? ` ${line.gradeId}` : ''}`, title: details.join(' ') }, ` · ${words.join(' · ')}`);
  }

  private row(entry: HistoryEntry, when: string, home: Region | null): HTMLLIElement {
    const who = partyLabel(entry.name, entry.number, home);
    const missed = isMissed(entry);
    const details = h(
      'p',
      { class: 'journal-details' },
      hm('span', { class: 'journal-status' }, statusMessageId(entry.direction, entry.status)),
      ' · ',
      h('time', { datetime: entry.started_at }, when),
      entry.duration_secs > 0 ? ` · ${formatLength(entry.duration_secs)}` : null,
      entry.voicemail ? hm('span', { class: 'journal-tag' }, 'recents-has-voicemail') : null,
      this.quality(entry),
    );
    const main = h(
      'div',
      { class: 'journal-main' },
      h('p', { class: 'journal-party' }, who),
      entry.name && isCallable(entry.number) ? h('p', { class: 'journal-number' }, partyLabel(null, entry.number, home)) : null,
      details,
    );
    const buttons = h('div', { class: 'journal-actions' });
    const callBack = this.actions.callBack;
    if (callBack && isCallable(entry.number)) {
      const button = h('button', { type: 'button', class: 'icon-button call-back' }, icon('call'));
      localize(button, 'recents-call-back', { party: who });
      button.addEventListener('click', () => callBack(entry.number));
      buttons.append(button);
    }
    if (!entry.name && isCallable(entry.number)) {
      const button = h('button', { type: 'button', class: 'icon-button add-contact' }, icon('person'));
      localize(button, 'recents-add-contact', { party: who });
      button.addEventListener('click', () => this.actions.addContact(entry.number));
      buttons.append(button);
    }
    return h(
      'li',
      { class: `journal-entry ${entry.direction}${missed ? ' missed' : ''}`, 'data-call-sid': entry.call_sid },
      h('span', { class: 'journal-icon', 'aria-hidden': 'true' }, entry.direction === 'inbound' ? '↙' : '↗'),
      main,
      buttons,
    );
  }
}
