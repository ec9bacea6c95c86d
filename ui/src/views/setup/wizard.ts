// The set-up wizard: step 1 the Account SID and Auth Token (checked by Twilio before anything
// is saved), step 2 the number, the caller ID and where Twilio calls, then Connect. The choices
// are wizardState.ts's; the words are the catalogs' (`setup-*` in src/i18n/*.ftl). The Auth
// Token lives in its input only: it goes to Rust with each request and never comes back.

import type { AccountOverview, ConnectResult, SettingsStatus, WebhookStatus } from '../../contract';
import { toBackendError, type SetupBackend } from '../../ipc';
import { validateField } from '../../settings/fields';
import { t } from '../../i18n/i18n';
import { h, hm, setChildren, setText } from '../dom';
import { localize, unbind } from '../l10n';
import {
  callerIdOptions,
  canConnect,
  connectQuery,
  firstChoice,
  pickNumber,
  publicUrlNote,
  takeOverNeeded,
  type Choice,
} from './wizardState';

export interface WizardActions {
  /** Set-up finished and saved. */
  connected(result: ConnectResult): void;
  /** The user left the wizard (Cancel, or Close after it finished). */
  close(): void;
}

export class SetupWizard {
  readonly el = h('section', { class: 'setup-wizard', 'aria-labelledby': 'setup-title' });
  private overview: AccountOverview | null = null;
  private choice: Choice | null = null;
  private readonly accountSid: HTMLInputElement;
  private readonly authToken: HTMLInputElement;

  constructor(
    private readonly backend: SetupBackend,
    private readonly listener: () => WebhookStatus | null,
    private readonly settings: () => SettingsStatus | null,
    private readonly actions: WizardActions,
  ) {
    const input = (id: string, type: string, hint: 'setup-account-sid-hint' | 'setup-auth-token-hint') =>
      h('input', {
        id,
        type,
        class: 'text-input',
        autocomplete: type === 'password' ? 'new-password' : 'off',
        spellcheck: 'false',
        autocapitalize: 'off',
        'aria-describedby': `${id}-hint ${id}-error`,
        'data-hint': hint,
      });
    this.accountSid = input('setup-account-sid', 'text', 'setup-account-sid-hint');
    this.authToken = input('setup-auth-token', 'password', 'setup-auth-token-hint');
  }

  /** Step 1, with the Account SID already saved (if any) filled in. */
  open(): void {
    this.overview = null;
    this.choice = null;
    const field = (name: string) => this.settings()?.fields.find((f) => f.name === name);
    this.accountSid.value = field('account_sid')?.value ?? '';
    this.authToken.value = '';
    if (field('auth_token')?.set) localize(this.authToken, 'setup-auth-token-saved');
    else {
      unbind(this.authToken);
      this.authToken.placeholder = '';
    }
    this.drawCredentials(null);
    this.accountSid.focus({ preventScroll: true });
  }

  private heading(step: 'setup-step-credentials' | 'setup-step-number'): HTMLElement[] {
    return [hm('h3', { id: 'setup-title', class: 'setup-title' }, 'setup-title'), hm('p', { class: 'setup-step' }, step)];
  }

  private row(input: HTMLInputElement, label: HTMLElement, error: string | null): HTMLElement {
    return h(
      'div',
      { class: 'field' },
      h('div', { class: 'field-label' }, label),
      input,
      h('p', { class: 'field-error', id: `${input.id}-error` }, error ?? ''),
      hm('p', { class: 'field-hint', id: `${input.id}-hint` }, input.dataset.hint ?? ''),
    );
  }

  private drawCredentials(error: { message: string; field?: 'account_sid' | 'auth_token' } | null): void {
    const mark = (input: HTMLInputElement, bad: boolean) =>
      bad ? input.setAttribute('aria-invalid', 'true') : input.removeAttribute('aria-invalid');
    mark(this.accountSid, error?.field === 'account_sid');
    mark(this.authToken, error?.field === 'auth_token');
    const shown = error && !error.field ? error.message : '';
    const message = h('p', { class: shown ? 'form-message error' : 'form-message', role: 'alert' }, shown);
    const next = hm('button', { type: 'submit', class: 'primary-button' }, 'setup-continue');
    const cancel = hm('button', { type: 'button', class: 'secondary-button' }, 'setup-cancel');
    cancel.addEventListener('click', () => this.actions.close());
    const form = h(
      'form',
      { class: 'setup-form', novalidate: true },
      ...this.heading('setup-step-credentials'),
      this.row(this.accountSid, hm('label', { for: this.accountSid.id }, 'setup-account-sid'), error?.field === 'account_sid' ? error.message : null),
      this.row(this.authToken, hm('label', { for: this.authToken.id }, 'setup-auth-token'), error?.field === 'auth_token' ? error.message : null),
      message,
      h('div', { class: 'setup-actions' }, next, cancel),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.checkAccount(next, message);
    });
    setChildren(this.el, form);
  }

  private async checkAccount(button: HTMLButtonElement, message: HTMLElement): Promise<void> {
    const sid = this.accountSid.value.trim();
    const token = this.authToken.value.trim();
    const sidProblem = validateField('account_sid', sid);
    const tokenProblem = token === '' && !this.authToken.placeholder ? t('setup-auth-token-required') : token ? validateField('auth_token', token) : null;
    if (sidProblem || tokenProblem) {
      this.drawCredentials(sidProblem ? { message: sidProblem, field: 'account_sid' } : { message: tokenProblem ?? '', field: 'auth_token' });
      (sidProblem ? this.accountSid : this.authToken).focus();
      return;
    }
    button.disabled = true;
    message.className = 'form-message info';
    localize(message, 'setup-checking');
    try {
      this.overview = await this.backend.setupAccount({ accountSid: sid, authToken: token });
      this.choice = firstChoice(this.overview);
      this.drawNumbers(null);
    } catch (e) {
      const error = toBackendError(e);
      const field = error.field === 'account_sid' || error.field === 'auth_token' ? error.field : undefined;
      this.drawCredentials(field ? { message: error.message, field } : { message: error.message });
      (field === 'account_sid' ? this.accountSid : this.authToken).focus();
    }
  }

  private drawNumbers(error: string | null): void {
    const overview = this.overview;
    const choice = this.choice;
    if (!overview || !choice) return;
    const numbers = h(
      'fieldset',
      { class: 'setup-numbers' },
      hm('legend', {}, 'setup-number-legend'),
      ...overview.numbers.map((n) => {
        const radio = h('input', { type: 'radio', name: 'setup-number', value: n.phoneNumber, id: `setup-number-${n.phoneNumber.slice(1)}` });
        radio.checked = n.phoneNumber === choice.number;
        radio.addEventListener('change', () => {
          this.choice = pickNumber(choice, n.phoneNumber);
          this.drawNumbers(null);
        });
        return h(
          'label',
          { class: `setup-number wiring-${n.wiring.kind}`, for: radio.id },
          radio,
          h('span', { class: 'setup-number-text' }, h('strong', {}, n.phoneNumber), hm('span', { class: 'field-hint' }, 'setup-wiring', { kind: n.wiring.kind, detail: n.wiring.kind === 'elsewhere' ? n.wiring.detail : '' })),
        );
      }),
    );

    const elsewhere = takeOverNeeded(overview, choice);
    let takeOver: HTMLElement | null = null;
    if (elsewhere !== null && choice.number) {
      const box = h('input', { type: 'checkbox', id: 'setup-take-over' });
      box.checked = choice.takeOver;
      box.addEventListener('change', () => {
        this.choice = { ...choice, takeOver: box.checked };
        this.drawNumbers(null);
      });
      takeOver = h('label', { class: 'setup-take-over', for: 'setup-take-over' }, box, hm('span', {}, 'setup-take-over', { number: choice.number, detail: elsewhere }));
    }

    const callerId = h('select', { id: 'setup-caller-id', class: 'text-input' });
    for (const c of callerIdOptions(overview, choice.number)) {
      const option = hm('option', { value: c.phoneNumber }, 'setup-caller-id-option', { number: c.phoneNumber, kind: c.verified ? 'verified' : 'own' });
      option.selected = c.phoneNumber === (choice.callerId ?? choice.number);
      callerId.append(option);
    }
    callerId.addEventListener('change', () => {
      this.choice = { ...(this.choice ?? choice), callerId: callerId.value };
    });

    const note = publicUrlNote(this.listener());
    const url = h('input', { id: 'setup-public-url', type: 'url', class: 'text-input', spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': 'setup-public-url-hint', placeholder: 'https://…/handle_calls' });
    url.value = choice.publicUrl;
    url.addEventListener('input', () => {
      this.choice = { ...(this.choice ?? choice), publicUrl: url.value };
    });
    const whereNote = h('p', { class: `setup-where-note note-${note.kind}` });
    if (note.kind === 'tunnel') localize(whereNote, 'setup-where-tunnel', { agent: note.tunnel.agent, url: note.tunnel.publicBase });
    else if (note.kind === 'configured') localize(whereNote, 'setup-where-configured', { url: note.url });
    else localize(whereNote, 'setup-where-none', { port: note.port ?? '3000' });
    const where = h(
      'div',
      { class: 'setup-where' },
      hm('h4', {}, 'setup-where-title'),
      whereNote,
      note.kind === 'configured'
        ? null
        : h(
            'div',
            { class: 'field' },
            h('div', { class: 'field-label' }, hm('label', { for: url.id }, 'setup-public-url')),
            url,
            hm('p', { class: 'field-hint', id: 'setup-public-url-hint' }, 'setup-public-url-hint'),
          ),
    );

    const message = h('p', { class: error ? 'form-message error' : 'form-message', role: 'alert' }, error ?? '');
    const connect = hm('button', { type: 'submit', class: 'primary-button' }, 'setup-connect');
    connect.disabled = !canConnect(overview, choice);
    const back = hm('button', { type: 'button', class: 'secondary-button' }, 'setup-back');
    back.addEventListener('click', () => this.drawCredentials(null));
    const form = h(
      'form',
      { class: 'setup-form', novalidate: true },
      ...this.heading('setup-step-number'),
      hm('p', { class: 'setup-account' }, 'setup-account-line', {
        named: overview.friendlyName ? 'yes' : 'no',
        name: overview.friendlyName ?? '',
        trial: overview.trial ? 'yes' : 'no',
        sid: overview.accountSid,
      }),
      numbers,
      takeOver,
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'field-label' }, hm('label', { for: callerId.id }, 'setup-caller-id-label')),
        callerId,
        hm('p', { class: 'field-hint' }, 'setup-caller-id-hint'),
      ),
      where,
      message,
      h('div', { class: 'setup-actions' }, connect, back),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.connect(connect, message);
    });
    setChildren(this.el, form);
  }

  private async connect(button: HTMLButtonElement, message: HTMLElement): Promise<void> {
    const overview = this.overview;
    const choice = this.choice;
    if (!overview || !choice) return;
    if (!canConnect(overview, choice)) {
      message.className = 'form-message error';
      localize(message, 'setup-take-over-needed');
      return;
    }
    const typed = choice.publicUrl.trim();
    const urlProblem = typed ? validateField('public_url', typed) : null;
    if (urlProblem) {
      message.className = 'form-message error';
      setText(message, urlProblem);
      return;
    }
    button.disabled = true;
    message.className = 'form-message info';
    localize(message, 'setup-connecting');
    try {
      const result = await this.backend.setupConnect(connectQuery(this.accountSid.value, this.authToken.value, choice));
      this.authToken.value = '';
      this.actions.connected(result);
      this.drawDone(result);
    } catch (e) {
      const error = toBackendError(e);
      this.drawNumbers(error.message);
    }
  }

  private drawDone(result: ConnectResult): void {
    const done = result.connected;
    const close = hm('button', { type: 'button', class: 'primary-button' }, 'setup-close');
    close.addEventListener('click', () => this.actions.close());
    setChildren(
      this.el,
      h(
        'div',
        { class: 'setup-done', role: 'status' },
        hm('h3', { id: 'setup-title', class: 'setup-title', tabindex: '-1' }, 'setup-done-title'),
        hm('p', {}, 'setup-done', { number: done.number, callerId: done.callerId }),
        done.voiceUrl ? hm('p', {}, 'setup-done-voice-url', { url: done.voiceUrl }) : hm('p', {}, 'setup-done-no-url'),
        done.replaced ? hm('p', {}, 'setup-done-replaced', { was: done.replaced }) : null,
        ...[...done.notes, ...result.warnings].map((n) => h('p', { class: 'field-hint warning' }, n)),
        h('div', { class: 'setup-actions' }, close),
      ),
    );
    this.el.querySelector<HTMLElement>('#setup-title')?.focus({ preventScroll: true });
  }
}
