// The device log, as in the tutorial: what the phone did, newest at the bottom.

import { LOG_LIMIT, type LogEntry } from '../phone/deviceLog';
import { h } from './dom';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export class LogView {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;

  constructor() {
    this.list = h('ol', { class: 'log-list', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'log-title', tabindex: '0' });
    this.el = h('section', { class: 'log card' }, h('h2', { class: 'log-title', id: 'log-title' }, 'Device log'), this.list);
  }

  add(entry: LogEntry): void {
    const item = h(
      'li',
      { class: `log-entry ${entry.level}` },
      h('time', { datetime: new Date(entry.at).toISOString() }, time.format(entry.at)),
      h('span', { class: 'log-text' }, entry.text),
    );
    if (entry.fix) item.appendChild(h('span', { class: 'log-fix' }, h('strong', {}, 'What to do: '), entry.fix));
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 24;
    this.list.appendChild(item);
    while (this.list.childElementCount > LOG_LIMIT) this.list.firstElementChild?.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
