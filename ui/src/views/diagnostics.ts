// Diagnostics: the device log, folded away at the bottom of the phone screen (it was always
// open before the tabs came). Open or closed is remembered for the session.

import { h, hm } from './dom';
import type { LogView } from './log';

const OPEN_KEY = 'dialtone.diagnostics-open';

export function diagnostics(log: LogView, storage: Pick<Storage, 'getItem' | 'setItem'> | null): HTMLDetailsElement {
  const section = h('details', { class: 'diagnostics' }, hm('summary', { class: 'diagnostics-title' }, 'diagnostics-title'), log.el);
  section.open = storage?.getItem(OPEN_KEY) === 'true';
  section.addEventListener('toggle', () => storage?.setItem(OPEN_KEY, String(section.open)));
  return section;
}
