// The phone screen's four tabs and what ties them together: which tab is shown (remembered for
// the session), when the journal is read again (on showing a tab, after a call, when the window
// comes back, and whenever Rust says it changed), and the badges (missed calls since Recents was
// last looked at, new voicemail).

import type { HistoryStatus, OpenAt, VoicemailEntry } from '../contract';
import { t } from '../i18n/i18n';
import type { JournalBackend } from '../ipc';
import type { Region } from '../phone/number';
import { ContactsView } from './contacts';
import { h } from './dom';
import { missedSince, newestStart, unheardCount } from './journal';
import { RecentsView } from './recents';
import { TabBar } from './tabBar';
import { storedTab, tabForOpenAt, type Tab } from './tabs';
import { VoicemailView } from './voicemail';
import type { GreetingAudio } from './greeting';

const TAB_KEY = 'dialtone.tab';
const SEEN_KEY = 'dialtone.recents-seen-at';

export interface PhoneTabsActions {
  homeRegion(): Region | null;
  /** The keypad's dial path; null where this window cannot place calls. */
  callBack: ((number: string) => void) | null;
  /** Contacts changed, so names may have. */
  namesChanged(): void;
  now(): number;
  /** The devices a voicemail greeting is recorded and played on. */
  greetingAudio?: GreetingAudio;
  /**
   * The page is on screen (not minimized or hidden): only then does a missed call that shows up
   * in an open Recents count as seen. Default: always.
   */
  visible?: () => boolean;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export class PhoneTabs {
  readonly bar: TabBar;
  readonly panels: Record<Tab, HTMLElement>;
  readonly recents: RecentsView;
  readonly voicemail: VoicemailView;
  readonly contacts: ContactsView;
  private shown = true;
  private status: HistoryStatus | null = null;
  private readonly visible: () => boolean;

  constructor(
    private readonly journal: JournalBackend,
    keypad: HTMLElement,
    actions: PhoneTabsActions,
    session: Store | null,
    private readonly local: Store | null,
  ) {
    this.visible = actions.visible ?? (() => true);
    this.recents = new RecentsView(journal, {
      homeRegion: () => actions.homeRegion(),
      callBack: actions.callBack,
      addContact: (number) => {
        this.bar.select('contacts', false);
        this.contacts.addNumber(number);
      },
      cleared: () => this.recentsBadge([]),
      now: () => actions.now(),
    });
    this.voicemail = new VoicemailView(journal, {
      homeRegion: () => actions.homeRegion(),
      now: () => actions.now(),
      changed: (messages) => this.voicemailBadge(messages),
      greetingAudio: actions.greetingAudio,
    });
    this.contacts = new ContactsView(journal, {
      homeRegion: () => actions.homeRegion(),
      callBack: actions.callBack,
      changed: () => actions.namesChanged(),
    });
    this.panels = {
      keypad: h('div', { class: 'tab-panel panel-keypad' }, keypad),
      recents: h('div', { class: 'tab-panel panel-recents', tabindex: '-1' }, this.recents.el),
      voicemail: h('div', { class: 'tab-panel panel-voicemail', tabindex: '-1' }, this.voicemail.el),
      contacts: h('div', { class: 'tab-panel panel-contacts', tabindex: '-1' }, this.contacts.el),
    };
    this.bar = new TabBar(storedTab(session?.getItem(TAB_KEY) ?? null), this.panels, (tab) => {
      session?.setItem(TAB_KEY, tab);
      void this.refresh(tab);
    });
  }

  get tab(): Tab {
    return this.bar.tab;
  }

  /** The tabs show only on the phone screen (not during a call or in Settings). */
  setShown(shown: boolean): void {
    this.shown = shown;
    this.bar.el.hidden = !shown;
    for (const [tab, panel] of Object.entries(this.panels)) panel.hidden = !shown || tab !== this.bar.tab;
  }

  /** Reads the journal again: every tab's data (the badges need Recents and Voicemail), or one tab's. */
  refresh(only: Tab | null = null): Promise<void> {
    return this.load(only === null ? ['recents', 'voicemail', 'contacts'] : [only]);
  }

  /**
   * The journal changed under the page (Rust's journal event: a webhook, the phone, the command
   * line): the badges and the list on screen follow. Contacts are read only while shown (they
   * have no badge, and showing the tab reads them anyway). Rows that did not change stay as they
   * are, so the keyboard focus and the reader's place stay too.
   */
  journalChanged(): Promise<void> {
    const contactsShown = this.shown && this.bar.tab === 'contacts';
    return this.load(contactsShown ? ['recents', 'voicemail', 'contacts'] : ['recents', 'voicemail']);
  }

  private async load(tabs: readonly Tab[]): Promise<void> {
    try {
      this.status = await this.journal.historyStatus();
    } catch (error) {
      this.status = { available: false, path: null, problem: error instanceof Error ? error.message : null, recordedGreeting: false };
    }
    const status = this.status;
    const tasks: Promise<unknown>[] = [];
    if (tabs.includes('recents')) tasks.push(this.recents.refresh(status).then((entries) => this.recentsBadge(entries)));
    if (tabs.includes('voicemail')) tasks.push(this.voicemail.refresh(status).then((messages) => this.voicemailBadge(messages)));
    if (tabs.includes('contacts')) tasks.push(this.contacts.refresh(status));
    await Promise.all(tasks);
  }

  /**
   * Opens the tab a notification points at and shows its call or message there, read fresh
   * from the journal (a missed call may be seconds old).
   */
  async openAt(at: OpenAt): Promise<void> {
    const tab = tabForOpenAt(at);
    if (tab === null) return;
    this.bar.select(tab, false);
    await this.refresh(tab);
    if (at.view === 'call') await this.recents.reveal(at.callSid);
    else if (at.view === 'voicemail') this.voicemail.reveal(at.recordingSid);
  }

  languageChanged(): void {
    this.recents.languageChanged();
    this.voicemail.languageChanged();
    this.contacts.languageChanged();
    void this.refresh();
  }

  private recentsBadge(entries: Parameters<typeof missedSince>[0]): void {
    let seenAt = Number(this.local?.getItem(SEEN_KEY) ?? 0) || 0;
    if (this.shown && this.bar.tab === 'recents' && this.visible()) {
      // Looking at Recents is looking at the missed calls in it.
      seenAt = Math.max(seenAt, newestStart(entries));
      this.local?.setItem(SEEN_KEY, String(seenAt));
    }
    this.bar.setBadge('recents', missedSince(entries, seenAt), (count) => t('tab-badge-missed', { count }));
  }

  private voicemailBadge(messages: readonly VoicemailEntry[]): void {
    this.bar.setBadge('voicemail', unheardCount(messages), (count) => t('tab-badge-voicemail', { count }));
  }
}
