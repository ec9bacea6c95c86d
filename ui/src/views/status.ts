// Registration state, always visible at the top: a coloured pill plus the reason in words.

import type { Registration } from '../phone/registration';
import { render } from '../i18n/i18n';
import { h, setText } from './dom';
import { localize, localizeMsg } from './l10n';

export interface StatusActions {
  openSettings(): void;
  retry(): void;
}

export class StatusView {
  readonly pill: HTMLElement;
  readonly detail: HTMLElement;
  private readonly title: HTMLElement;
  private readonly text: HTMLElement;
  private readonly spoken: HTMLElement;
  private readonly action: HTMLButtonElement;
  private current: Registration['action'] = null;

  constructor(actions: StatusActions) {
    this.title = h('span', { class: 'status-title' });
    this.pill = h('p', { class: 'status-pill', id: 'status-pill' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), this.title);
    this.spoken = h('span', { class: 'visually-hidden' });
    this.text = h('span', { class: 'status-text' });
    this.action = h('button', { type: 'button', class: 'link-button status-action', hidden: true });
    this.detail = h('div', { class: 'status-detail', role: 'status', 'aria-live': 'polite' }, this.spoken, this.text, this.action);
    this.action.addEventListener('click', () => {
      if (this.current === 'settings') actions.openSettings();
      else if (this.current === 'retry') actions.retry();
    });
  }

  render(registration: Registration, settingsOpen: boolean): void {
    this.pill.dataset.status = registration.status;
    this.detail.dataset.status = registration.status;
    localizeMsg(this.title, registration.title);
    // The pill is decoration; the live region says the state in words too.
    localize(this.spoken, 'status-spoken', { title: render(registration.title) });
    localizeMsg(this.text, registration.detail);
    this.current = registration.action === 'settings' && settingsOpen ? null : registration.action;
    this.action.hidden = this.current === null;
    if (this.current === 'settings') localize(this.action, 'status-open-settings');
    else if (this.current === 'retry') localize(this.action, 'status-retry');
    else setText(this.action, '');
  }
}
