// The idle phone: number field, dial pad, call button.

import { formatForDisplay, normalizeNumber } from '../phone/number';
import { h, setText } from './dom';
import { icon } from './icons';
import { keypad } from './keypad';

export interface DialActions {
  /** Places the call; the number is E.164 already. */
  call(e164: string): void;
  /** The country calling code of the user's Twilio number, for national numbers. */
  homeCode(): string | null;
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
      placeholder: 'Enter a number',
      'aria-describedby': 'number-message',
    });
    this.message = h('p', { id: 'number-message', class: 'number-message', 'aria-live': 'polite' });
    this.callButton = h('button', { type: 'button', class: 'call-button', 'aria-label': 'Call' }, icon('call'));
    const backspace = h('button', { type: 'button', class: 'round-button backspace', 'aria-label': 'Delete last digit' }, icon('backspace'));
    const plus = h('button', { type: 'button', class: 'round-button plus', 'aria-label': 'Plus (country code)' }, h('span', { 'aria-hidden': 'true' }, '+'));

    this.el = h(
      'section',
      { class: 'dial', 'aria-label': 'Dial pad' },
      h('label', { class: 'visually-hidden', for: 'number' }, 'Number to call'),
      this.input,
      this.message,
      keypad((key) => this.press(key), { label: 'Dial pad keys', zeroHoldsPlus: true }),
      h('div', { class: 'dial-actions' }, plus, this.callButton, backspace),
    );

    this.input.addEventListener('input', () => this.update(false));
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
    this.input.value = value.slice(0, start) + key + value.slice(end);
    this.input.setSelectionRange(start + key.length, start + key.length);
    this.update(false);
  }

  backspace(): void {
    const { value } = this.input;
    const editing = document.activeElement === this.input;
    const start = editing ? (this.input.selectionStart ?? value.length) : value.length;
    const end = editing ? (this.input.selectionEnd ?? value.length) : value.length;
    if (start !== end) {
      this.input.value = value.slice(0, start) + value.slice(end);
      this.input.setSelectionRange(start, start);
    } else if (start > 0) {
      this.input.value = value.slice(0, start - 1) + value.slice(start);
      this.input.setSelectionRange(start - 1, start - 1);
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
    this.update(false);
  }

  /** Puts a number handed in by another program in the field, as a paste would. */
  setNumber(text: string): void {
    this.input.value = this.valueFor(text);
    this.update(true);
  }

  /** What `setNumber(text)` puts in the field: E.164 when it normalises, else the text. */
  valueFor(text: string): string {
    const result = normalizeNumber(text, this.actions.homeCode());
    return result.ok ? result.e164 : text.trim();
  }

  /** Presses Call. */
  callNow(): void {
    this.submit();
  }

  focus(): void {
    this.input.focus({ preventScroll: true });
  }

  private onPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text') ?? '';
    if (!text) return;
    event.preventDefault();
    const result = normalizeNumber(text, this.actions.homeCode());
    this.input.value = result.ok ? result.e164 : text.trim();
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
    const result = normalizeNumber(value, this.actions.homeCode());
    if (result.ok) {
      setText(this.message, result.e164 === value ? formatForDisplay(result.e164) : `Calls ${formatForDisplay(result.e164)}`);
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
    const result = normalizeNumber(this.input.value, this.actions.homeCode());
    if (!result.ok) {
      this.showError(result.error);
      this.input.focus();
      return;
    }
    // Said next to the button, not only in the device log further down.
    const blocked = this.actions.blockedReason();
    if (blocked !== null) {
      this.message.classList.add('error');
      setText(this.message, `Can’t call yet: ${blocked}`);
      return;
    }
    this.actions.call(result.e164);
  }
}
