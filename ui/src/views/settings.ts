// The settings panel, for operators: every field with inline validation, secrets shown only as
// set or not set, .env import, and the webhook setup (listener, Voice Request URL, console steps).

import type { FieldName, FieldStatus, ListenerStatus, SettingsChanges, SettingsStatus } from '../contract';
import { toBackendError, type Backend } from '../ipc';
import { FIELD_HINTS, SECTIONS, defaultIdentity, validateField } from '../settings/fields';
import { h, setChildren, setText } from './dom';
import { icon } from './icons';

export interface SettingsActions {
  /** Settings changed on the Rust side (saved or imported). */
  changed(status: SettingsStatus, fields: FieldName[]): void;
  close(): void;
}

interface FieldRow {
  status: FieldStatus;
  input: HTMLInputElement;
  error: HTMLElement;
  badge: HTMLElement;
  /** The value shown when loaded; non-secret fields are sent only when it changes. */
  original: string;
  touched: boolean;
}

const SOURCE_TEXT: Record<FieldStatus['source'], string> = {
  environment: 'From environment',
  keychain: 'In keychain',
  'settings file': 'Saved',
  default: 'Default',
  unset: 'Not set',
};

const REQUIRED: ReadonlySet<FieldName> = new Set(['account_sid', 'api_key_sid', 'twiml_app_sid', 'twilio_number']);

export class SettingsView {
  readonly el: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly banner: HTMLElement;
  private readonly formMessage: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly listenerBox: HTMLElement;
  private readonly importMessage: HTMLElement;
  private readonly heading: HTMLElement;
  private rows = new Map<FieldName, FieldRow>();
  private listener: ListenerStatus | null = null;
  /** The parts of the listener card that change on their own (see `listenerChanged`). */
  private readonly listenerState = h('p', { class: 'listener-state', role: 'status' });
  private readonly lastWebhook = h('p', { class: 'field-hint last-webhook', role: 'status' });
  /** The Voice Request URL the card was drawn for. */
  private drawnUrl: string | null | undefined = undefined;
  private loaded: SettingsStatus | null = null;

  constructor(
    private readonly backend: Backend,
    private readonly actions: SettingsActions,
  ) {
    this.heading = h('h2', { class: 'panel-title', id: 'settings-title', tabindex: '-1' }, 'Settings');
    const back = h('button', { type: 'button', class: 'icon-button back', 'aria-label': 'Back to the phone' }, icon('back'));
    back.addEventListener('click', () => actions.close());

    this.banner = h('div', { class: 'banner', hidden: true, role: 'note' });
    this.formMessage = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
    this.saveButton = h('button', { type: 'submit', class: 'primary-button' }, 'Save');
    this.form = h('form', { class: 'settings-form', novalidate: true, 'aria-labelledby': 'settings-title' });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.listenerBox = h('div', { class: 'listener card', 'aria-labelledby': 'listener-title' });
    this.importMessage = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });

    this.el = h(
      'section',
      { class: 'settings', 'aria-labelledby': 'settings-title' },
      h('div', { class: 'panel-head' }, back, this.heading),
      h('div', { class: 'panel-body' }, this.banner, this.form, backend.canEditSettings ? this.importSection() : null),
      h('div', { class: 'panel-foot' }, this.formMessage, backend.canEditSettings ? this.saveButton : null),
    );
    this.saveButton.setAttribute('form', 'settings-form');
    this.form.id = 'settings-form';
  }

  focus(): void {
    this.heading.focus({ preventScroll: true });
  }

  /** Whether the form holds edits that were not saved yet. */
  hasUnsavedEdits(): boolean {
    return Object.keys(this.changes()).length > 0;
  }

  /**
   * Loads the current settings and listener state from the Rust side. Unsaved edits are kept:
   * leaving the panel (or a call taking the screen) must not throw away a half-typed secret.
   */
  async refresh(): Promise<void> {
    const [status, listener] = await Promise.allSettled([this.backend.settingsStatus(), this.backend.listenerStatus()]);
    this.listener = listener.status === 'fulfilled' ? listener.value : null;
    if (status.status === 'fulfilled' && this.hasUnsavedEdits()) {
      this.renderListener(null);
      this.setFormMessage('Your changes are not saved yet.', 'info');
    } else if (status.status === 'fulfilled') {
      this.load(status.value);
    } else {
      setText(this.formMessage, `Could not read the settings: ${toBackendError(status.reason).message}`);
      this.formMessage.className = 'form-message error';
    }
    if (listener.status === 'rejected') this.renderListener(toBackendError(listener.reason).message);
  }

  load(status: SettingsStatus): void {
    this.loaded = status;
    const editable = this.backend.canEditSettings;
    const notes: string[] = [];
    if (!editable) notes.push('Change settings in the Dialtone app window; this calling window only shows them.');
    if (!status.keychain.available) {
      notes.push(
        `The system keychain is not available${status.keychain.message ? ` (${status.keychain.message})` : ''}. ` +
          'Credentials cannot be saved; set them as environment variables or in a .env file instead.',
      );
    }
    if (!status.complete && editable) notes.push('Fill in your Twilio details to start using the phone.');
    this.banner.hidden = notes.length === 0;
    setChildren(this.banner, ...notes.map((n) => h('p', {}, n)));
    this.banner.classList.toggle('warning', !status.keychain.available || !editable);

    const byName = new Map(status.fields.map((f) => [f.name, f]));
    this.rows = new Map();
    const sections = SECTIONS.map(({ title, fields }) => {
      const rows = fields.flatMap((name) => {
        const field = byName.get(name);
        return field ? [this.fieldRow(field, editable)] : [];
      });
      const fieldset = h('fieldset', { class: 'card' }, h('legend', {}, title), ...rows);
      if (title === 'Webhook') fieldset.appendChild(this.listenerBox);
      return fieldset;
    });
    setChildren(this.form, ...sections);
    this.saveButton.disabled = !editable;
    this.renderListener(null);
  }

  private fieldRow(field: FieldStatus, editable: boolean): HTMLElement {
    const id = `field-${field.name}`;
    const secret = field.secret;
    const input = h('input', {
      id,
      name: field.name,
      type: secret ? 'password' : 'text',
      class: 'text-input',
      autocomplete: secret ? 'new-password' : 'off',
      spellcheck: 'false',
      autocapitalize: 'off',
      'aria-describedby': `${id}-hint ${id}-error`,
      disabled: !editable,
      inputmode: field.name === 'port' || field.name === 'max_call_seconds' ? 'numeric' : field.name === 'twilio_number' ? 'tel' : undefined,
    });
    const original = secret ? '' : (field.value ?? '');
    input.value = original;
    if (secret) input.placeholder = field.set ? (editable ? 'Set. Type a new value to replace it' : 'Set') : 'Not set';
    else if (field.name === 'identity') input.placeholder = 'Derived from your number';
    else if (field.name === 'port') input.placeholder = '3000';

    const badgeText = secret ? (field.set ? `Set · ${SOURCE_TEXT[field.source]}` : 'Not set') : SOURCE_TEXT[field.source];
    const stored = field.set && field.source !== 'default';
    const badge = h('span', { class: `badge source-${field.source.replace(' ', '-')}${stored ? ' is-set' : ''}` }, badgeText);
    const error = h('p', { class: 'field-error', id: `${id}-error` });
    const hint = h('p', { class: 'field-hint', id: `${id}-hint` }, FIELD_HINTS[field.name]);
    if (field.source === 'environment') hint.append(' Set by an environment variable, which wins over saved values.');

    const row: FieldRow = { status: field, input, error, badge, original, touched: false };
    this.rows.set(field.name, row);
    if (field.problem) this.showFieldError(row, field.problem);

    input.addEventListener('input', () => {
      if (row.touched || input.getAttribute('aria-invalid') === 'true') this.check(row);
      if (field.name === 'twilio_number') this.updateIdentityPlaceholder();
    });
    input.addEventListener('blur', () => {
      if (input.value !== row.original) row.touched = true;
      if (row.touched) this.check(row);
    });

    return h(
      'div',
      { class: 'field' },
      h('div', { class: 'field-label' }, h('label', { for: id }, field.label), badge),
      input,
      error,
      hint,
    );
  }

  private updateIdentityPlaceholder(): void {
    const identity = this.rows.get('identity');
    const number = this.rows.get('twilio_number');
    if (!identity || !number) return;
    const derived = defaultIdentity(number.input.value.trim());
    identity.input.placeholder = derived ? `Default: ${derived}` : 'Derived from your number';
  }

  /** Validates one field as typed; returns whether it is acceptable to send. */
  private check(row: FieldRow): boolean {
    const value = row.input.value;
    const name = row.status.name;
    let problem: string | null = null;
    if (value.trim() === '' && !row.status.secret && REQUIRED.has(name) && row.original !== '') {
      problem = validateField(name, '');
    } else if (value.trim() !== '') {
      problem = validateField(name, value);
    }
    if (problem) this.showFieldError(row, problem);
    else this.clearFieldError(row);
    return problem === null;
  }

  private showFieldError(row: FieldRow, message: string): void {
    row.input.setAttribute('aria-invalid', 'true');
    setText(row.error, message);
  }

  private clearFieldError(row: FieldRow): void {
    row.input.removeAttribute('aria-invalid');
    setText(row.error, '');
  }

  /** What to send: only fields the user changed (absent key = unchanged). */
  private changes(): SettingsChanges {
    const changes: SettingsChanges = {};
    for (const [name, row] of this.rows) {
      const value = row.input.value.trim();
      if (row.status.secret) {
        if (value !== '') changes[name] = value;
      } else if (value !== row.original.trim()) {
        changes[name] = value;
      }
    }
    return changes;
  }

  private async save(): Promise<void> {
    if (!this.backend.canEditSettings) return;
    const changes = this.changes();
    const names = Object.keys(changes) as FieldName[];
    let firstBad: FieldRow | null = null;
    for (const name of names) {
      const row = this.rows.get(name)!;
      row.touched = true;
      if (!this.check(row)) firstBad ??= row;
    }
    if (firstBad) {
      this.setFormMessage('Fix the marked fields, then save.', 'error');
      firstBad.input.focus();
      return;
    }
    if (names.length === 0) {
      this.setFormMessage('Nothing changed.', 'info');
      return;
    }
    this.saveButton.disabled = true;
    this.setFormMessage('Saving…', 'info');
    try {
      const status = await this.backend.saveSettings(changes);
      this.listener = await this.backend.listenerStatus().catch(() => this.listener);
      this.load(status);
      const where = status.keychain.available ? 'Saved. Credentials are in your system keychain.' : 'Saved.';
      this.setFormMessage(status.complete ? `${where} The phone is reconnecting.` : `${where} Some details are still missing.`, 'ok');
      this.actions.changed(status, names);
    } catch (error) {
      const e = toBackendError(error);
      const row = e.field ? this.rows.get(e.field) : undefined;
      if (row) {
        this.showFieldError(row, e.message);
        row.input.focus();
      }
      this.setFormMessage(`Not saved: ${e.message}`, 'error');
    } finally {
      this.saveButton.disabled = !this.backend.canEditSettings;
    }
  }

  private setFormMessage(text: string, kind: 'info' | 'ok' | 'error'): void {
    this.formMessage.className = `form-message ${kind}`;
    setText(this.formMessage, text);
  }

  // ---- .env import -----------------------------------------------------------------------

  private importSection(): HTMLElement {
    const file = h('input', { type: 'file', id: 'env-file', class: 'file-input', accept: '.env,text/plain' });
    const paste = h('textarea', {
      id: 'env-text',
      class: 'text-input env-text',
      rows: '4',
      spellcheck: 'false',
      placeholder: 'TWILIO_ACCOUNT_SID=AC…\nTWILIO_API_KEY_SID=SK…',
    });
    const importButton = h('button', { type: 'button', class: 'secondary-button' }, 'Import pasted text');
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      void chosen.text().then((text) => this.importEnv(text)).finally(() => {
        file.value = '';
      });
    });
    importButton.addEventListener('click', () => {
      void this.importEnv(paste.value).then((ok) => {
        if (ok) paste.value = '';
      });
    });
    return h(
      'details',
      { class: 'card import' },
      h('summary', {}, 'Import a .env file'),
      h('p', { class: 'field-hint' }, 'Reads the tutorial’s variables (TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWIML_APP_SID, TWILIO_NUMBER …) and saves them like the form does.'),
      h('div', { class: 'field' }, h('label', { for: 'env-file' }, 'Choose a file'), file),
      h('div', { class: 'field' }, h('label', { for: 'env-text' }, 'Or paste its contents'), paste),
      importButton,
      this.importMessage,
    );
  }

  private async importEnv(contents: string): Promise<boolean> {
    if (!this.backend.canEditSettings) return false;
    if (contents.trim() === '') {
      this.importMessage.className = 'form-message error';
      setText(this.importMessage, 'The .env text is empty.');
      return false;
    }
    try {
      const { status, imported } = await this.backend.importEnv(contents);
      this.load(status);
      const labels = imported.map((name) => status.fields.find((f) => f.name === name)?.label ?? name);
      this.importMessage.className = `form-message ${imported.length ? 'ok' : 'error'}`;
      setText(
        this.importMessage,
        imported.length ? `Imported ${labels.length} setting${labels.length === 1 ? '' : 's'}: ${labels.join(', ')}.` : 'No Dialtone settings found in that text.',
      );
      if (imported.length) this.actions.changed(status, imported);
      return imported.length > 0;
    } catch (error) {
      const e = toBackendError(error);
      this.importMessage.className = 'form-message error';
      setText(this.importMessage, `Not imported: ${e.message}`);
      return false;
    }
  }

  // ---- listener and console steps --------------------------------------------------------

  /**
   * A pushed listener status: the state line and the last webhook update in place, so focus
   * and a half-done copy stay where they are; the card is redrawn only when the Voice Request
   * URL itself changed.
   */
  listenerChanged(status: ListenerStatus): void {
    this.listener = status;
    if (!this.loaded) return;
    if (this.drawnUrl !== status.voiceRequestUrl) {
      this.renderListener(null);
      return;
    }
    fillListenerState(this.listenerState, status, null);
    fillLastWebhook(this.lastWebhook, status);
  }

  private renderListener(error: string | null): void {
    const l = this.listener;
    const refresh = h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Refresh listener state' }, icon('refresh'));
    refresh.addEventListener('click', () => {
      void this.backend.listenerStatus().then(
        (status) => this.listenerChanged(status),
        (e: unknown) => fillListenerState(this.listenerState, this.listener, toBackendError(e).message),
      );
    });

    const url = l?.voiceRequestUrl ?? null;
    const urlBlock = url
      ? this.copyRow(url)
      : h('p', { class: 'field-hint' }, 'Save your public URL above to get the exact address to paste.');

    const app = this.loaded?.fields.find((f) => f.name === 'twiml_app_sid')?.value;
    const number = this.loaded?.fields.find((f) => f.name === 'twilio_number')?.value;
    this.drawnUrl = url;
    fillListenerState(this.listenerState, l, error);
    fillLastWebhook(this.lastWebhook, l);
    setChildren(
      this.listenerBox,
      h(
        'div',
        { class: 'listener-head' },
        h('h3', { id: 'listener-title' }, 'Local listener'),
        refresh,
      ),
      this.listenerState,
      h('h3', {}, 'Voice Request URL'),
      urlBlock,
      h(
        'ol',
        { class: 'steps' },
        h(
          'li',
          {},
          'In the Twilio Console open ',
          h('strong', {}, 'Voice › TwiML Apps'),
          app ? ` › ${app}` : ' › your app',
          '. Paste the URL above into ',
          h('strong', {}, 'Voice Configuration › Request URL'),
          ', method HTTP POST, and save.',
        ),
        h(
          'li',
          {},
          'Open ',
          h('strong', {}, 'Phone Numbers › Manage › Active numbers'),
          number ? ` › ${number}` : ' › your number',
          '. Under Voice Configuration choose ',
          h('strong', {}, 'Configure with: TwiML App'),
          ', pick the same app, and save.',
        ),
      ),
      this.lastWebhook,
    );
  }

  private copyRow(text: string): HTMLElement {
    const code = h('code', { class: 'url-text', id: 'voice-url', 'aria-label': 'Voice Request URL' }, text);
    const label = h('span', {}, 'Copy');
    const button = h('button', { type: 'button', class: 'secondary-button copy', 'aria-describedby': 'voice-url' }, icon('copy'), label);
    const done = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
    button.addEventListener('click', () => {
      void copyText(text, code).then((ok) => {
        setText(label, ok ? 'Copied' : 'Press Ctrl+C');
        setText(done, ok ? 'Voice Request URL copied.' : 'Copying failed; the URL is selected, press Ctrl+C.');
        button.classList.toggle('done', ok);
      });
    });
    button.addEventListener('blur', () => {
      setText(label, 'Copy');
      button.classList.remove('done');
    });
    return h('div', { class: 'copy-row' }, code, button, done);
  }
}

function fillListenerState(line: HTMLElement, l: ListenerStatus | null, error: string | null): void {
  const text = error
    ? `Can’t read the listener state: ${error}`
    : !l
      ? 'Listener state unknown.'
      : l.state === 'listening'
        ? `Listening on ${l.address ?? 'an unknown address'}`
        : l.state === 'starting'
          ? 'Starting…'
          : l.state === 'failed'
            ? `Not running: ${l.error ?? 'it failed to start'}`
            : 'Stopped';
  const state = error ? 'failed' : (l?.state ?? 'unknown');
  // Unchanged: leave it, so a screen reader does not announce it again.
  if (line.dataset.state === state && line.textContent === text) return;
  line.dataset.state = state;
  setChildren(line, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), text);
}

function fillLastWebhook(line: HTMLElement, l: ListenerStatus | null): void {
  const last = l?.lastWebhook;
  setText(
    line,
    last
      ? `Last webhook: ${new Date(last.at).toLocaleString()} · HTTP ${last.status} · ${last.outcome}`
      : 'No webhook from Twilio received yet.',
  );
}

async function copyText(text: string, source: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Some webviews refuse the async clipboard; fall back to copying a selection.
    window.getSelection()?.selectAllChildren(source);
    try {
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
