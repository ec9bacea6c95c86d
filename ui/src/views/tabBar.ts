// The tab strip over the phone screen: roles tablist/tab/tabpanel, aria-selected, one tab in
// the Tab order (roving tabindex), arrows/Home/End between tabs, a badge per tab.

import { h, hm, setText } from './dom';
import { localize } from './l10n';
import { badgeText, TABS, tabAfterKey, type Tab } from './tabs';

const LABELS: Record<Tab, string> = {
  keypad: 'tab-keypad',
  recents: 'tab-recents',
  voicemail: 'tab-voicemail',
  contacts: 'tab-contacts',
};

export class TabBar {
  readonly el: HTMLElement;
  private readonly buttons = new Map<Tab, HTMLButtonElement>();
  private readonly badges = new Map<Tab, HTMLElement>();
  private current: Tab;

  constructor(
    initial: Tab,
    private readonly panels: Record<Tab, HTMLElement>,
    private readonly selected: (tab: Tab) => void,
  ) {
    this.current = initial;
    this.el = h('div', { class: 'tabs', role: 'tablist' });
    localize(this.el, 'tabs-label');
    for (const tab of TABS) {
      const badge = h('span', { class: 'tab-badge', hidden: true }, h('span', { 'aria-hidden': 'true' }), h('span', { class: 'visually-hidden' }));
      const button = h(
        'button',
        { type: 'button', role: 'tab', id: `tab-${tab}`, class: 'tab', 'aria-controls': `panel-${tab}` },
        hm('span', { class: 'tab-label' }, LABELS[tab]),
        badge,
      );
      button.addEventListener('click', () => this.select(tab, false));
      button.addEventListener('keydown', (event) => {
        const next = tabAfterKey(this.current, event.key);
        if (!next) return;
        event.preventDefault();
        this.select(next, true);
      });
      this.buttons.set(tab, button);
      this.badges.set(tab, badge);
      this.el.append(button);
      const panel = panels[tab];
      panel.id = `panel-${tab}`;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `tab-${tab}`);
    }
    this.show();
  }

  get tab(): Tab {
    return this.current;
  }

  /** Shows `tab`; `focus` moves the keyboard focus onto its tab (arrow keys do, clicks need not). */
  select(tab: Tab, focus: boolean): void {
    const changed = tab !== this.current;
    this.current = tab;
    this.show();
    if (focus) this.buttons.get(tab)?.focus();
    if (changed) this.selected(tab);
  }

  /** Puts the keyboard focus on the selected tab. */
  focus(): void {
    this.buttons.get(this.current)?.focus({ preventScroll: true });
  }

  /** The count on a tab's badge (none for zero), and its words for screen readers. */
  setBadge(tab: Tab, count: number, describe: (count: number) => string): void {
    const badge = this.badges.get(tab);
    if (!badge) return;
    const text = badgeText(count);
    badge.hidden = text === null;
    const [shown, spoken] = [badge.firstElementChild, badge.lastElementChild];
    if (shown) setText(shown, text ?? '');
    // Screen readers hear ", 3 missed calls" as part of the tab's name, not a bare "3".
    if (spoken) setText(spoken, text === null ? '' : describe(count));
  }

  private show(): void {
    for (const tab of TABS) {
      const on = tab === this.current;
      const button = this.buttons.get(tab);
      button?.setAttribute('aria-selected', String(on));
      button?.setAttribute('tabindex', on ? '0' : '-1');
      this.panels[tab].hidden = !on;
    }
  }
}
