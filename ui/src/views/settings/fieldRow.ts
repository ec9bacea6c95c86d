// One row of the settings form: label, where the value comes from, the input, inline
// validation and the hint. Secrets show only whether they are set, never their value; on/off
// preferences are a checkbox.

import type { FieldName, FieldStatus } from '../../contract';
import { FIELD_HINTS, SWITCH_FIELDS, validateField } from '../../settings/fields';
import { h, setText } from '../dom';

const SOURCE_TEXT: Record<FieldStatus['source'], string> = {
  environment: 'From environment',
  '.env file': 'From .env file',
  keychain: 'In keychain',
  'settings file': 'Saved',
  default: 'Default',
  unset: 'Not set',
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
    if (secret) input.placeholder = field.set ? (editable ? 'Set. Type a new value to replace it' : 'Set') : 'Not set';
    else if (field.name === 'identity') input.placeholder = 'Derived from your number';
    else if (field.name === 'port') input.placeholder = '3000';

    const badgeText = secret ? (field.set ? `Set · ${SOURCE_TEXT[field.source]}` : 'Not set') : SOURCE_TEXT[field.source];
    const stored = field.set && field.source !== 'default';
    const badge = h('span', { class: `badge source-${field.source.replace(/[ .]/g, '-')}${stored ? ' is-set' : ''}` }, badgeText);
    this.error = h('p', { class: 'field-error', id: `${id}-error` });
    const hint = h('p', { class: 'field-hint', id: `${id}-hint` }, FIELD_HINTS[field.name]);
    if (field.source === 'environment') hint.append(' Set by an environment variable, which wins over saved values.');
    if (field.source === '.env file') hint.append(' Read from a .env file in the folder `dialtone phone` was started from, which wins over saved values.');

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
        ? h('div', { class: 'field-label' }, input, h('label', { for: id }, field.label), badge)
        : h('div', { class: 'field-label' }, h('label', { for: id }, field.label), badge),
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
