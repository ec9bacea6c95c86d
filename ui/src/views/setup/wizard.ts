// The set-up wizard: step 1 the Account SID and Auth Token (checked by Twilio before anything
// is saved), step 2 the number, the caller ID and where Twilio calls, then Connect. The choices
// are wizardState.ts's; the words are words.ts's. The Auth Token lives in its input only: it
// goes to Rust with each request and never comes back.

import type { AccountOverview, ConnectResult, SettingsStatus, WebhookStatus } from '../../contract';
import { toBackendError, type SetupBackend } from '../../ipc';
import { validateField } from '../../settings/fields';
import { h, setChildren, setText } from '../dom';
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
import { words } from './words';

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
    const input = (id: string, type: string, hint: string) =>
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
    this.accountSid = input('setup-account-sid', 'text', words.accountSidHint);
    this.authToken = input('setup-auth-token', 'password', words.authTokenHint);
  }

  /** Step 1, with the Account SID already saved (if any) filled in. */
  open(): void {
    this.overview = null;
    this.choice = null;
    const field = (name: string) => this.settings()?.fields.find((f) => f.name === name);
    this.accountSid.value = field('account_sid')?.value ?? '';
    this.authToken.value = '';
    this.authToken.placeholder = field('auth_token')?.set ? words.authTokenSaved : '';
    this.drawCredentials(null);
    this.accountSid.focus({ preventScroll: true });
  }

  private heading(step: string): HTMLElement[] {
    return [h('h3', { id: 'setup-title', class: 'setup-title' }, words.wizardTitle), h('p', { class: 'setup-step' }, step)];
  }

  private row(input: HTMLInputElement, label: string, error: string | null): HTMLElement {
    return h(
      'div',
      { class: 'field' },
      h('div', { class: 'field-label' }, h('label', { for: input.id }, label)),
      input,
      h('p', { class: 'field-error', id: `${input.id}-error` }, error ?? ''),
      h('p', { class: 'field-hint', id: `${input.id}-hint` }, input.dataset.hint ?? ''),
    );
  }

  private drawCredentials(error: { message: string; field?: 'account_sid' | 'auth_token' } | null): void {
    const mark = (input: HTMLInputElement, bad: boolean) =>
      bad ? input.setAttribute('aria-invalid', 'true') : input.removeAttribute('aria-invalid');
    mark(this.accountSid, error?.field === 'account_sid');
    mark(this.authToken, error?.field === 'auth_token');
    const shown = error && !error.field ? error.message : '';
    const message = h('p', { class: shown ? 'form-message error' : 'form-message', role: 'alert' }, shown);
    const next = h('button', { type: 'submit', class: 'primary-button' }, words.checkAccount);
    const cancel = h('button', { type: 'button', class: 'secondary-button' }, words.cancel);
    cancel.addEventListener('click', () => this.actions.close());
    const form = h(
      'form',
      { class: 'setup-form', novalidate: true },
      ...this.heading(words.stepCredentials),
      this.row(this.accountSid, words.accountSidLabel, error?.field === 'account_sid' ? error.message : null),
      this.row(this.authToken, words.authTokenLabel, error?.field === 'auth_token' ? error.message : null),
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
    const tokenProblem = token === '' && !this.authToken.placeholder ? words.authTokenRequired : token ? validateField('auth_token', token) : null;
    if (sidProblem || tokenProblem) {
      this.drawCredentials(sidProblem ? { message: sidProblem, field: 'account_sid' } : { message: tokenProblem ?? '', field: 'auth_token' });
      (sidProblem ? this.accountSid : this.authToken).focus();
      return;
    }
    button.disabled = true;
    message.className = 'form-message info';
    setText(message, words.checking);
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
      h('legend', {}, words.numberLegend),
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
          h('span', { class: 'setup-number-text' }, h('strong', {}, n.phoneNumber), h('span', { class: 'field-hint' }, words.wiring(n.wiring))),
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
      takeOver = h('label', { class: 'setup-take-over', for: 'setup-take-over' }, box, words.takeOver(choice.number, elsewhere));
    }

    const callerId = h('select', { id: 'setup-caller-id', class: 'text-input' });
    for (const c of callerIdOptions(overview, choice.number)) {
      const kind = c.verified ? words.callerIdVerified : words.callerIdOwn;
      const option = h('option', { value: c.phoneNumber }, `${c.phoneNumber} (${kind})`);
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
    const where = h(
      'div',
      { class: 'setup-where' },
      h('h4', {}, words.publicUrlTitle),
      h(
        'p',
        { class: `setup-where-note note-${note.kind}` },
        note.kind === 'tunnel' ? words.publicUrlTunnel(note.tunnel) : note.kind === 'configured' ? words.publicUrlConfigured(note.url) : words.publicUrlNone(note.port),
      ),
      note.kind === 'configured'
        ? null
        : h(
            'div',
            { class: 'field' },
            h('div', { class: 'field-label' }, h('label', { for: url.id }, words.publicUrlLabel)),
            url,
            h('p', { class: 'field-hint', id: 'setup-public-url-hint' }, words.publicUrlHint),
          ),
    );

    const message = h('p', { class: error ? 'form-message error' : 'form-message', role: 'alert' }, error ?? '');
    const connect = h('button', { type: 'submit', class: 'primary-button' }, words.connect);
    connect.disabled = !canConnect(overview, choice);
    const back = h('button', { type: 'button', class: 'secondary-button' }, words.back);
    back.addEventListener('click', () => this.drawCredentials(null));
    const form = h(
      'form',
      { class: 'setup-form', novalidate: true },
      ...this.heading(words.stepNumber),
      h('p', { class: 'setup-account' }, words.accountLine(overview.friendlyName, overview.trial), ' · ', overview.accountSid),
      numbers,
      takeOver,
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'field-label' }, h('label', { for: callerId.id }, words.callerIdLabel)),
        callerId,
        h('p', { class: 'field-hint' }, words.callerIdHint),
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
      setText(message, words.takeOverNeeded);
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
    setText(message, words.connecting);
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
    const close = h('button', { type: 'button', class: 'primary-button' }, words.close);
    close.addEventListener('click', () => this.actions.close());
    setChildren(
      this.el,
      h(
        'div',
        { class: 'setup-done', role: 'status' },
        h('h3', { id: 'setup-title', class: 'setup-title', tabindex: '-1' }, words.doneTitle),
        h('p', {}, words.done(done.number, done.callerId)),
        h('p', {}, words.doneVoiceUrl(done.voiceUrl)),
        done.replaced ? h('p', {}, words.doneReplaced(done.replaced)) : null,
        ...[...done.notes, ...result.warnings].map((n) => h('p', { class: 'field-hint warning' }, n)),
        h('div', { class: 'setup-actions' }, close),
      ),
    );
    this.el.querySelector<HTMLElement>('#setup-title')?.focus({ preventScroll: true });
  }
}
