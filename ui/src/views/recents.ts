// Recents: the call history Rust keeps, newest first, all or missed only; call back in one
// click (the keypad's own dial path), "Add to contacts" for a number without a name. There is
// no "clear" here: the journal has no command to clear the history yet.

import type { HistoryEntry, HistoryStatus } from '../contract';
import { language, t } from '../i18n/i18n';
import { toBackendError, type JournalBackend } from '../ipc';
import type { Region } from '../phone/number';
import { h, hm, setChildren, setText } from './dom';
import { icon } from './icons';
import { formatLength, formatWhen, isCallable, isMissed, partyLabel, statusMessageId } from './journal';
import { localize } from './l10n';
import { revealEntry } from './reveal';

export interface RecentsActions {
  homeRegion(): Region | null;
  /** Dials `number` the way the keypad does; null when calls cannot be placed from here. */
  callBack: ((number: string) => void) | null;
  addContact(number: string): void;
  now(): number;
}

type Filter = 'all' | 'missed';

export class RecentsView {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly notice: HTMLElement;
  private readonly filterButtons: Record<Filter, HTMLButtonElement>;
  private filter: Filter = 'all';
  private entries: HistoryEntry[] = [];
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
    this.el = h(
      'section',
      { class: 'journal recents' },
      h('div', { class: 'journal-head' }, hm('h2', { class: 'journal-title', id: 'recents-title' }, 'recents-title'), filters),
      this.notice,
      this.list,
    );
  }

  /** Reloads the history (on showing the tab, after a call, when the window comes back). */
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

  private showUnavailable(problem: string | null): void {
    localize(this.notice, 'journal-unavailable', { reason: problem ?? t('journal-unavailable-unknown') });
    this.notice.hidden = false;
  }

  private showNotice(problem: string): void {
    setText(this.notice, problem);
    this.notice.hidden = false;
  }

  private draw(): void {
    if (this.entries.length === 0) {
      setChildren(this.list, hm('li', { class: 'journal-empty' }, this.filter === 'missed' ? 'recents-empty-missed' : 'recents-empty'));
      return;
    }
    setChildren(this.list, ...this.entries.map((entry) => this.row(entry)));
  }

  private row(entry: HistoryEntry): HTMLLIElement {
    const home = this.actions.homeRegion();
    const who = partyLabel(entry.name, entry.number, home);
    const missed = isMissed(entry);
    const details = h(
      'p',
      { class: 'journal-details' },
      hm('span', { class: 'journal-status' }, statusMessageId(entry.direction, entry.status)),
      ' · ',
      h('time', { datetime: entry.started_at }, formatWhen(entry.started_at, this.actions.now(), language())),
      entry.duration_secs > 0 ? ` · ${formatLength(entry.duration_secs)}` : null,
      entry.voicemail ? hm('span', { class: 'journal-tag' }, 'recents-has-voicemail') : null,
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
