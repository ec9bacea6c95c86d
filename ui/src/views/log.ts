// The device log, as in the tutorial: what the phone did, newest at the bottom.

import { LOG_LIMIT, type LogEntry } from '../phone/deviceLog';
import { formatClock } from '../i18n/i18n';
import { h, hm } from './dom';


export class LogView {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;

  constructor() {
    this.list = h('ol', { class: 'log-list', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'log-title', tabindex: '0' });
    this.el = h('section', { class: 'log card' }, hm('h2', { class: 'log-title', id: 'log-title' }, 'log-title'), this.list);
  }

  add(entry: LogEntry): void {
    const item = h(
      'li',
      { class: `log-entry ${entry.level}` },
      h('time', { datetime: new Date(entry.at).toISOString() }, formatClock(entry.at)),
      h('span', { class: 'log-text' }, entry.text),
    );
    if (entry.fix) item.appendChild(h('span', { class: 'log-fix' }, hm('strong', {}, 'log-what-to-do'), entry.fix));
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 24;
    this.list.appendChild(item);
    while (this.list.childElementCount > LOG_LIMIT) this.list.firstElementChild?.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
