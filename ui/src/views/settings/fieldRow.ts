// One row of the settings form: label, where the value comes from, the input, inline
// validation and the hint. Secrets show only whether they are set, never their value; on/off
// preferences are a checkbox.

import type { FieldName, FieldStatus } from '../../contract';
import { FIELD_HINTS, FIELD_LABELS, SWITCH_FIELDS, validateField } from '../../settings/fields';
import { h, hm, setText } from '../dom';
import { localize } from '../l10n';

/** Message ids: where a value comes from, as its badge says. */
const SOURCE_TEXT: Record<FieldStatus['source'], string> = {
  environment: 'source-environment',
  '.env file': 'source-dotenv',
  keychain: 'source-keychain',
  'settings file': 'source-settings-file',
  default: 'source-default',
  unset: 'source-unset',
};

/** The variant of `source-secret-set` for each source. */
const SECRET_SOURCE_KEY: Record<FieldStatus['source'], string> = {
  environment: 'environment',
  '.env file': 'dotenv',
  keychain: 'keychain',
  'settings file': 'settings-file',
  default: 'other',
  unset: 'other',
};

/** Fields that cannot be cleared once set: the phone needs them. */
const REQUIRED: ReadonlySet<FieldName> = new Set(['account_sid', 'api_key_sid', 'twiml_app_sid', 'twilio_number']);

export class FieldRow {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  /** What the Rust side said about this field when the form was loaded. */
  readonly status: FieldStatus;
  private readonly error: HTMLElement;
  /** The value shown when loaded; non-secret fields are sent only when it changes. */
  private readonly original: string;
  /** Checked on every keystroke once the user has left the field with a changed value. */
  private touched = false;

  constructor(field: FieldStatus, editable: boolean) {
    this.status = field;
    const id = `field-${field.name}`;
    const secret = field.secret;
    const isSwitch = SWITCH_FIELDS.has(field.name);
    const input = h('input', {
      id,
      name: field.name,
      type: isSwitch ? 'checkbox' : secret ? 'password' : 'text',
      class: isSwitch ? 'switch-input' : 'text-input',
      autocomplete: secret ? 'new-password' : 'off',
      spellcheck: 'false',
      autocapitalize: 'off',
      'aria-describedby': `${id}-hint ${id}-error`,
      disabled: !editable,
      inputmode: field.name === 'port' || field.name === 'max_call_seconds' ? 'numeric' : field.name === 'twilio_number' ? 'tel' : undefined,
    });
    this.input = input;
    this.original = secret ? '' : (field.value ?? '');
    if (isSwitch) {
      this.original = field.value === 'true' ? 'true' : 'false';
      input.checked = this.original === 'true';
    } else input.value = this.original;
    if (secret) localize(input, field.set ? (editable ? 'placeholder-secret-set' : 'placeholder-secret-set-read-only') : 'placeholder-unset');
    else if (field.name === 'identity') localize(input, 'placeholder-identity');
    else if (field.name === 'port') input.placeholder = '3000';

    const stored = field.set && field.source !== 'default';
    const badge = h('span', { class: `badge source-${field.source.replace(/[ .]/g, '-')}${stored ? ' is-set' : ''}` });
    if (secret && field.set) localize(badge, 'source-secret-set', { source: SECRET_SOURCE_KEY[field.source] });
    else localize(badge, secret ? 'source-unset' : SOURCE_TEXT[field.source]);
    this.error = h('p', { class: 'field-error', id: `${id}-error` });
    const hint = h(
      'p',
      { class: 'field-hint', id: `${id}-hint` },
      hm('span', {}, FIELD_HINTS[field.name]),
      field.source === 'environment' ? hm('span', { class: 'hint-source' }, 'hint-from-environment') : null,
      field.source === '.env file' ? hm('span', { class: 'hint-source' }, 'hint-from-dotenv') : null,
    );

    if (field.problem) this.showError(field.problem);

    input.addEventListener('input', () => {
      if (this.touched || input.getAttribute('aria-invalid') === 'true') this.check();
    });
    input.addEventListener('blur', () => {
      if (input.value !== this.original) this.touched = true;
      if (this.touched) this.check();
    });

    this.el = h(
      'div',
      { class: isSwitch ? 'field switch' : 'field' },
      isSwitch
        ? h('div', { class: 'field-label' }, input, hm('label', { for: id }, FIELD_LABELS[field.name]), badge)
        : h('div', { class: 'field-label' }, hm('label', { for: id }, FIELD_LABELS[field.name]), badge),
      isSwitch ? null : input,
      this.error,
      hint,
    );
  }

  get name(): FieldName {
    return this.status.name;
  }

  /** What to send for this field; undefined when unchanged (a secret left empty is unchanged). */
  change(): string | undefined {
    const value = this.value();
    if (this.status.secret) return value !== '' ? value : undefined;
    return value !== this.original.trim() ? value : undefined;
  }

  /** The value as the form holds it: the text, or `true`/`false` for a checkbox. */
  private value(): string {
    return this.input.type === 'checkbox' ? String(this.input.checked) : this.input.value.trim();
  }

  /** Validates the value as typed, marking the field; returns whether it is acceptable to send. */
  check(): boolean {
    const value = this.value();
    let problem: string | null = null;
    if (value.trim() === '' && !this.status.secret && REQUIRED.has(this.name) && this.original !== '') {
      problem = validateField(this.name, '');
    } else if (value.trim() !== '') {
      problem = validateField(this.name, value);
    }
    if (problem) this.showError(problem);
    else this.clearError();
    return problem === null;
  }

  /** Validates from now on, as after leaving the field (a save attempt). */
  markTouched(): void {
    this.touched = true;
  }

  showError(message: string): void {
    this.input.setAttribute('aria-invalid', 'true');
    setText(this.error, message);
  }

  private clearError(): void {
    this.input.removeAttribute('aria-invalid');
    setText(this.error, '');
  }
}
