// The 12-key pad, used for dialling and for DTMF during a call.

import { h } from './dom';
import { localize } from './l10n';

/** Each key, its letters, and its accessible name: the digit itself, or a message id for * and #. */
const KEYS: [key: string, letters: string, name: string][] = [
  ['1', '', '1'], ['2', 'ABC', '2'], ['3', 'DEF', '3'],
  ['4', 'GHI', '4'], ['5', 'JKL', '5'], ['6', 'MNO', '6'],
  ['7', 'PQRS', '7'], ['8', 'TUV', '8'], ['9', 'WXYZ', '9'],
  ['*', '', 'keypad-star'], ['0', '+', '0'], ['#', '', 'keypad-pound'],
];

const LONG_PRESS_MS = 550;

export interface KeypadOptions {
  /** Message id of the group's accessible name. */
  label: string;
  /** Holding 0 types + (dial pad only). */
  zeroHoldsPlus?: boolean;
}

export function keypad(onKey: (key: string) => void, options: KeypadOptions): HTMLElement {
  const grid = h('div', { class: 'keypad', role: 'group' });
  localize(grid, options.label);
  for (const [key, letters, name] of KEYS) {
    const button = h(
      'button',
      { type: 'button', class: 'key', 'data-key': key, 'aria-label': /^[0-9]$/.test(name) ? name : null },
      h('span', { class: 'key-main', 'aria-hidden': 'true' }, key),
      h('span', { class: 'key-sub', 'aria-hidden': 'true' }, options.zeroHoldsPlus || key !== '0' ? letters : ''),
    );
    if (!/^[0-9]$/.test(name)) localize(button, name);
    if (key === '0' && options.zeroHoldsPlus) bindLongPress(button, onKey);
    else button.addEventListener('click', () => onKey(key));
    grid.appendChild(button);
  }
  return grid;
}

/** Click types 0; holding the key types + instead (as on mobile phones). */
function bindLongPress(button: HTMLButtonElement, onKey: (key: string) => void): void {
  let timer: number | null = null;
  let held = false;
  const cancel = (): void => {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
  };
  button.addEventListener('pointerdown', () => {
    held = false;
    cancel();
    timer = window.setTimeout(() => {
      timer = null;
      held = true;
      onKey('+');
    }, LONG_PRESS_MS);
  });
  button.addEventListener('pointerup', cancel);
  button.addEventListener('pointerleave', cancel);
  button.addEventListener('pointercancel', cancel);
  button.addEventListener('click', () => {
    if (held) {
      held = false;
      return;
    }
    onKey('0');
  });
}
