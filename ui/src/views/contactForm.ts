// The contact form: a name and the numbers (one per line). Rust reads each number against the
// Twilio number's country and refuses what it cannot read, naming it; the form keeps what was
// typed so nothing is lost.

import type { Contact, ContactDraft } from '../contract';
import { toBackendError } from '../ipc';
import { h, hm } from './dom';
import { numbersFromText, numbersToText } from './journal';
import { localize } from './l10n';

export interface ContactFormActions {
  /** Saves the draft (a new contact when `id` is null); rejects with Rust's reason. */
  save(id: number | null, draft: ContactDraft): Promise<void>;
  cancel(): void;
}

export class ContactForm {
  readonly el: HTMLFormElement;
  private readonly title: HTMLElement;
  private readonly name: HTMLInputElement;
  private readonly numbers: HTMLTextAreaElement;
  private readonly error: HTMLElement;
  private editing: Contact | null = null;

  constructor(private readonly actions: ContactFormActions) {
    this.title = hm('h3', { class: 'contact-form-title', id: 'contact-form-title' }, 'contacts-form-add');
    this.name = h('input', { type: 'text', id: 'contact-name', class: 'text-input', autocomplete: 'off', required: true, maxlength: '200' });
    this.numbers = h('textarea', { id: 'contact-numbers', class: 'text-input', rows: '2', spellcheck: 'false', required: true });
    localize(this.numbers, 'contacts-numbers-input');
    this.error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const save = hm('button', { type: 'submit', class: 'primary-button' }, 'contacts-save');
    const cancel = hm('button', { type: 'button', class: 'secondary-button' }, 'contacts-cancel');
    cancel.addEventListener('click', () => actions.cancel());
    this.el = h(
      'form',
      { class: 'card contact-form', 'aria-labelledby': 'contact-form-title', hidden: true, novalidate: true },
      this.title,
      h('div', { class: 'field' }, hm('label', { for: 'contact-name', class: 'field-label' }, 'contacts-name'), this.name),
      h('div', { class: 'field' }, hm('label', { for: 'contact-numbers', class: 'field-label' }, 'contacts-numbers'), this.numbers),
      this.error,
      h('div', { class: 'form-buttons' }, cancel, save),
    );
    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  /** Opens the form for a new contact (with `number` filled in, from Recents) or to edit `contact`. */
  open(contact: Contact | null, number = ''): void {
    this.editing = contact;
    localize(this.title, contact ? 'contacts-form-edit' : 'contacts-form-add');
    this.name.value = contact?.name ?? '';
    this.numbers.value = contact ? numbersToText(contact.numbers) : number;
    this.error.hidden = true;
    this.el.hidden = false;
    this.name.focus();
  }

  close(): void {
    this.el.hidden = true;
    this.editing = null;
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  private async submit(): Promise<void> {
    const name = this.name.value.trim();
    const numbers = numbersFromText(this.numbers.value, this.editing?.numbers ?? []);
    if (!name) {
      this.fail('contacts-need-name', this.name);
      return;
    }
    if (numbers.length === 0) {
      this.fail('contacts-need-number', this.numbers);
      return;
    }
    try {
      await this.actions.save(this.editing?.id ?? null, { name, numbers });
      this.close();
    } catch (error) {
      this.error.hidden = false;
      localize(this.error, 'contacts-save-failed', { reason: toBackendError(error).message });
    }
  }

  private fail(id: string, input: HTMLElement): void {
    localize(this.error, id);
    this.error.hidden = false;
    input.focus();
  }
}
