// The 12-key pad, used for dialling and for DTMF during a call.

import { h } from './dom';

const KEYS: [key: string, letters: string, name: string][] = [
  ['1', '', '1'], ['2', 'ABC', '2'], ['3', 'DEF', '3'],
  ['4', 'GHI', '4'], ['5', 'JKL', '5'], ['6', 'MNO', '6'],
  ['7', 'PQRS', '7'], ['8', 'TUV', '8'], ['9', 'WXYZ', '9'],
  ['*', '', 'Star'], ['0', '+', '0'], ['#', '', 'Pound'],
];

const LONG_PRESS_MS = 550;

export interface KeypadOptions {
  /** Accessible name of the group. */
  label: string;
  /** Holding 0 types + (dial pad only). */
  zeroHoldsPlus?: boolean;
}

export function keypad(onKey: (key: string) => void, options: KeypadOptions): HTMLElement {
  const grid = h('div', { class: 'keypad', role: 'group', 'aria-label': options.label });
  for (const [key, letters, name] of KEYS) {
    const button = h(
      'button',
      { type: 'button', class: 'key', 'data-key': key, 'aria-label': name },
      h('span', { class: 'key-main', 'aria-hidden': 'true' }, key),
      h('span', { class: 'key-sub', 'aria-hidden': 'true' }, options.zeroHoldsPlus || key !== '0' ? letters : ''),
    );
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
