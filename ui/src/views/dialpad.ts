// The idle phone: number field, dial pad, call button.

import { formatInternational, formatTyped, normalizeNumber, type Region } from '../phone/number';
import { t } from '../i18n/i18n';
import { h, hm, setText } from './dom';
import { icon } from './icons';
import { keypad } from './keypad';
import { localize } from './l10n';

export interface DialActions {
  /** Places the call; the number is E.164 already. */
  call(e164: string): void;
  /** The region of the user's Twilio number: national numbers are read against it. */
  homeRegion(): Region | null;
  /** Why no call can be placed now (no token, no Device yet), or null. */
  blockedReason(): string | null;
}

// Characters a user might type that can still normalise (digits, +, separators).
const TYPABLE = /^[0-9+*#\s\-.()]$/;

export class DialView {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly message: HTMLElement;
  private readonly callButton: HTMLButtonElement;

  constructor(private readonly actions: DialActions) {
    this.input = h('input', {
      id: 'number',
      class: 'number-input',
      type: 'tel',
      inputmode: 'tel',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'number-message',
    });
    localize(this.input, 'dial-input');
    this.message = h('p', { id: 'number-message', class: 'number-message', 'aria-live': 'polite' });
    this.callButton = h('button', { type: 'button', class: 'call-button' }, icon('call'));
    localize(this.callButton, 'dial-call-button');
    const backspace = h('button', { type: 'button', class: 'round-button backspace' }, icon('backspace'));
    localize(backspace, 'dial-backspace');
    const plus = h('button', { type: 'button', class: 'round-button plus' }, h('span', { 'aria-hidden': 'true' }, '+'));
    localize(plus, 'dial-plus');

    this.el = h(
      'section',
      { class: 'dial' },
      hm('label', { class: 'visually-hidden', for: 'number' }, 'dial-input-label'),
      this.input,
      this.message,
      keypad((key) => this.press(key), { label: 'dial-keys', zeroHoldsPlus: true }),
      h('div', { class: 'dial-actions' }, plus, this.callButton, backspace),
    );
    localize(this.el, 'dial-section');

    this.input.addEventListener('input', (event) => this.typed(event as InputEvent));
    // Coming back from the keypad, keep typing at the end (a click still places the caret).
    this.input.addEventListener('focus', () => {
      const n = this.input.value.length;
      this.input.setSelectionRange(n, n);
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('paste', (event) => this.onPaste(event));
    this.callButton.addEventListener('click', () => this.submit());
    backspace.addEventListener('click', () => this.backspace());
    plus.addEventListener('click', () => this.press('+'));
  }

  /** Types one key at the caret. */
  press(key: string): void {
    const { value } = this.input;
    // Keys go where the user is editing; from the keypad (focus elsewhere) at the end.
    const editing = document.activeElement === this.input;
    const start = editing ? (this.input.selectionStart ?? value.length) : value.length;
    const end = editing ? (this.input.selectionEnd ?? value.length) : value.length;
    this.setFormatted(value.slice(0, start) + key + value.slice(end), start + key.length);
  }

  backspace(): void {
    const { value } = this.input;
    const editing = document.activeElement === this.input;
    const start = editing ? (this.input.selectionStart ?? value.length) : value.length;
    const end = editing ? (this.input.selectionEnd ?? value.length) : value.length;
    if (start !== end) {
      this.setFormatted(value.slice(0, start) + value.slice(end), start);
    } else if (start > 0) {
      // Formatting inserted the spaces and dashes; the key deletes the digit before them.
      let at = start - 1;
      while (at > 0 && !/[0-9+]/.test(value.charAt(at))) at--;
      this.setFormatted(value.slice(0, at) + value.slice(start), at);
    } else {
      this.update(false);
    }
  }

  /** Typed, deleted or dropped into the field: format it as the user goes. */
  private typed(event: InputEvent): void {
    const { value } = this.input;
    const caret = this.input.selectionStart ?? value.length;
    const digits = (text: string) => text.replace(/[^0-9+]/g, '');
    // Backspace over a space or dash would only be undone by the formatting: take the digit.
    if (event.inputType === 'deleteContentBackward' && digits(value) === digits(this.shown) && caret > 0) {
      let at = caret - 1;
      while (at > 0 && !/[0-9+]/.test(value.charAt(at))) at--;
      this.setFormatted(value.slice(0, at) + value.slice(at + 1), at);
      return;
    }
    this.setFormatted(value, caret);
  }

  /** What the field showed after the last formatting. */
  private shown = '';

  private setFormatted(value: string, caret: number): void {
    const formatted = formatTyped(value, caret, this.actions.homeRegion());
    this.input.value = formatted.value;
    this.shown = formatted.value;
    if (document.activeElement === this.input || this.input.value !== '') {
      this.input.setSelectionRange(formatted.caret, formatted.caret);
    }
    this.update(false);
  }

  /** Keyboard input while focus is elsewhere in the phone view. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    if (TYPABLE.test(event.key) && event.key.trim() !== '') {
      this.press(event.key);
      return true;
    }
    if (event.key === 'Backspace') {
      this.backspace();
      return true;
    }
    if (event.key === 'Enter' && this.input.value !== '') {
      this.submit();
      return true;
    }
    return false;
  }

  clear(): void {
    this.input.value = '';
    this.shown = '';
    this.update(false);
  }

  /** Puts a number handed in by another program in the field, as a paste would. */
  setNumber(text: string): void {
    this.input.value = this.valueFor(text);
    this.update(true);
  }

  /** What `setNumber(text)` puts in the field: E.164 when it normalises, else the text. */
  valueFor(text: string): string {
    const result = normalizeNumber(text, this.actions.homeRegion());
    return result.ok ? result.e164 : text.trim();
  }

  /** Presses Call. */
  callNow(): void {
    this.submit();
  }

  focus(): void {
    this.input.focus({ preventScroll: true });
  }

  /** Says again what the number will be, e.g. in a new language. */
  refresh(): void {
    this.update(false);
  }

  private onPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text') ?? '';
    if (!text) return;
    event.preventDefault();
    const result = normalizeNumber(text, this.actions.homeRegion());
    // A number that reads cleanly is shown in international form (what will be dialled, trunk
    // prefix settled); anything else as pasted, to fix by hand.
    const shown = result.ok ? formatTyped(result.e164, result.e164.length, null).value : text.trim();
    this.input.value = shown;
    this.shown = shown;
    this.update(true);
  }

  /** Shows what the number will be, or what is wrong with it. */
  private update(strict: boolean): void {
    const value = this.input.value;
    this.input.removeAttribute('aria-invalid');
    this.message.classList.remove('error');
    if (value.trim() === '') {
      setText(this.message, '');
      return;
    }
    const result = normalizeNumber(value, this.actions.homeRegion());
    if (result.ok) {
      // Always the international form: it shows whether a trunk 0 stays (+39 06…) or goes.
      localize(this.message, 'dial-will-call', { number: formatInternational(result.e164) });
      return;
    }
    // While typing, a number that is merely too short is not an error yet.
    if (strict || result.problem === 'invalid' || result.problem === 'too-long') this.showError(result.error);
    else setText(this.message, '');
  }

  private showError(text: string): void {
    this.input.setAttribute('aria-invalid', 'true');
    this.message.classList.add('error');
    setText(this.message, text);
  }

  /**
   * Marks the Call button as unavailable without disabling it: a disabled button can't be
   * focused or pressed, and pressing it is how the user finds out why (see `submit`).
   */
  setAvailable(available: boolean): void {
    if (available) this.callButton.removeAttribute('aria-disabled');
    else this.callButton.setAttribute('aria-disabled', 'true');
  }

  private submit(): void {
    const result = normalizeNumber(this.input.value, this.actions.homeRegion());
    if (!result.ok) {
      this.showError(result.error);
      this.input.focus();
      return;
    }
    // Said next to the button, not only in the device log further down.
    const blocked = this.actions.blockedReason();
    if (blocked !== null) {
      this.message.classList.add('error');
      setText(this.message, t('dial-blocked', { reason: blocked }));
      return;
    }
    this.actions.call(result.e164);
  }
}
