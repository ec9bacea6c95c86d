// The "Twilio connection" card at the top of Settings: what set-up connected (number, TwiML App,
// API key), the outgoing caller ID, "Set up with your Twilio account" (the wizard, opened by
// itself on first launch) and "Disconnect this number". The card reads set-up's record through
// the backend (no Twilio request) every time Settings opens.

import type { ConnectResult, FieldName, SettingsStatus, SetupStatus, WebhookStatus } from '../../contract';
import { toBackendError, type SetupBackend } from '../../ipc';
import { h, hm, setChildren, setText } from '../dom';
import { language } from '../../i18n/i18n';
import { localize } from '../l10n';
import { SetupWizard } from './wizard';

export interface ConnectionActions {
  /** Set-up saved new settings (connect or disconnect): the form reloads, the phone restarts. */
  settingsChanged(status: SettingsStatus, fields: FieldName[]): void;
}

/** What set-up writes: the phone needs a new token and Device after it. */
export const SETUP_FIELDS: FieldName[] = ['account_sid', 'auth_token', 'api_key_sid', 'api_key_secret', 'twiml_app_sid', 'twilio_number', 'public_url'];

export class ConnectionCard {
  readonly el = h('section', { class: 'card connection', 'aria-labelledby': 'connection-title' });
  private readonly wizard: SetupWizard;
  private setup: SetupStatus | null = null;
  private wizardOpen = false;
  private readonly message = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });

  constructor(
    private readonly backend: SetupBackend,
    listener: () => WebhookStatus | null,
    private readonly settings: () => SettingsStatus | null,
    private readonly actions: ConnectionActions,
  ) {
    this.wizard = new SetupWizard(backend, listener, settings, {
      connected: (result) => this.connected(result),
      close: () => {
        this.wizardOpen = false;
        void this.refresh(false);
      },
    });
  }

  /** Whether the wizard is showing (so a refresh does not close it under the user's hands). */
  get open(): boolean {
    return this.wizardOpen;
  }

  /**
   * Rereads what set-up did. `firstLaunch` opens the wizard when nothing is set up yet and the
   * settings are incomplete: a new user sees it, not a form of ten fields.
   */
  async refresh(firstLaunch: boolean): Promise<void> {
    if (this.wizardOpen) return;
    try {
      this.setup = await this.backend.setupStatus();
    } catch (e) {
      this.setup = null;
      setText(this.message, toBackendError(e).message);
    }
    const complete = this.settings()?.complete ?? false;
    if (firstLaunch && !complete && !this.setup?.connected) {
      this.openWizard();
      return;
    }
    this.draw();
  }

  private openWizard(): void {
    this.wizardOpen = true;
    setChildren(this.el, this.wizard.el);
    this.wizard.open();
  }

  private connected(result: ConnectResult): void {
    this.actions.settingsChanged(result.status, SETUP_FIELDS);
  }

  private draw(): void {
    const setup = this.setup;
    const title = hm('h3', { id: 'connection-title' }, 'setup-card-title');
    const start = h('button', { type: 'button', class: setup?.connected ? 'secondary-button' : 'primary-button' });
    if (setup?.connected) localize(start, 'setup-again');
    else localize(start, 'setup-start');
    start.addEventListener('click', () => this.openWizard());
    if (!setup?.connected || !setup.number) {
      setChildren(this.el, title, hm('p', { class: 'field-hint' }, 'setup-not-connected-intro'), h('div', { class: 'setup-actions' }, start), this.message);
      return;
    }
    const number = setup.number;
    const disconnect = hm('button', { type: 'button', class: 'secondary-button danger' }, 'setup-disconnect');
    const confirm = h('div', { class: 'connection-confirm', hidden: true, role: 'alertdialog', 'aria-labelledby': 'disconnect-question' });
    disconnect.addEventListener('click', () => {
      confirm.hidden = false;
      confirm.querySelector<HTMLButtonElement>('button')?.focus();
    });
    const yes = hm('button', { type: 'button', class: 'primary-button danger' }, 'setup-disconnect-yes');
    const no = hm('button', { type: 'button', class: 'secondary-button' }, 'setup-disconnect-no');
    no.addEventListener('click', () => {
      confirm.hidden = true;
      disconnect.focus();
    });
    yes.addEventListener('click', () => void this.disconnect(yes));
    setChildren(confirm, hm('p', { id: 'disconnect-question' }, 'setup-disconnect-confirm', { number, restores: setup.restores ?? 'none' }), h('div', { class: 'setup-actions' }, yes, no));

    setChildren(
      this.el,
      title,
      hm('p', { class: 'connection-number' }, 'setup-connected-to', { number }),
      hm('p', { class: 'field-hint' }, 'setup-connected-parts', { app: setup.applicationSid ?? 'none', key: setup.keySid ?? 'none' }),
      this.callerIdRow(setup),
      h('div', { class: 'setup-actions' }, start, disconnect),
      confirm,
      this.message,
    );
  }

  private callerIdRow(setup: SetupStatus): HTMLElement | null {
    const choices = setup.callerIds.length > 0 ? setup.callerIds : setup.number ? [setup.number] : [];
    if (choices.length <= 1) return null;
    const select = h('select', { id: 'connection-caller-id', class: 'text-input' });
    for (const number of choices) {
      const option = h('option', { value: number }, number);
      option.selected = number === setup.callerId;
      select.append(option);
    }
    select.addEventListener('change', () => {
      select.disabled = true;
      this.backend.setCallerId(select.value).then(
        (status) => {
          this.setup = status;
          this.message.className = 'form-message ok';
          localize(this.message, 'setup-caller-id-saved', { number: status.callerId ?? select.value });
          select.disabled = false;
        },
        (e: unknown) => {
          this.message.className = 'form-message error';
          localize(this.message, 'setup-caller-id-failed', { why: toBackendError(e).message });
          select.value = setup.callerId ?? setup.number ?? '';
          select.disabled = false;
        },
      );
    });
    return h(
      'div',
      { class: 'field' },
      h('div', { class: 'field-label' }, hm('label', { for: select.id }, 'setup-caller-id-label')),
      select,
      hm('p', { class: 'field-hint' }, 'setup-caller-id-hint'),
    );
  }

  private async disconnect(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.message.className = 'form-message info';
    localize(this.message, 'setup-disconnecting');
    try {
      const result = await this.backend.setupDisconnect();
      this.setup = await this.backend.setupStatus().catch(() => null);
      this.actions.settingsChanged(result.status, SETUP_FIELDS);
      this.draw();
      this.message.className = 'form-message ok';
      localize(this.message, 'setup-disconnected', { done: sentences(result.done) });
    } catch (e) {
      button.disabled = false;
      this.message.className = 'form-message error';
      localize(this.message, 'setup-disconnect-failed', { why: toBackendError(e).message });
    }
  }
}

/** Rust's lines about what was undone, as sentences: a full stop each, in the way the language writes one. */
function sentences(lines: readonly string[]): string {
  const japanese = language() === 'ja';
  return lines.map((line) => (/[.。]$/.test(line) ? line : `${line}${japanese ? '。' : '.'}`)).join(japanese ? '' : ' ');
}
