// The listener card's "Wiring at Twilio": the remote checks (the key authenticates, the TwiML
// App calls our public URL, the number is bound to it, the caller ID is still the account's),
// each failure with its fix, and "Fix it" for what repair can mend. A check is a few Twilio
// requests, made when Settings opens and when asked; nothing repeats it on a timer.

import type { WiringReport } from '../../contract';
import { toBackendError, type SetupBackend } from '../../ipc';
import { h, setChildren, setText } from '../dom';
import { words } from './words';

export class WiringCheckView {
  readonly el = h('div', { class: 'wiring', 'aria-labelledby': 'wiring-title' });
  private readonly line = h('p', { class: 'wiring-state', role: 'status' });
  private readonly list = h('ul', { class: 'wiring-checks' });
  private readonly actions = h('div', { class: 'setup-actions' });
  private busy = false;

  /** @param fixed called after a repair changed the settings (the phone needs a new token). */
  constructor(
    private readonly backend: SetupBackend,
    private readonly fixed: () => void,
  ) {
    const check = h('button', { type: 'button', class: 'secondary-button' }, words.checkWiring);
    check.addEventListener('click', () => void this.run());
    setChildren(this.el, h('h3', { id: 'wiring-title' }, words.wiringTitle), this.line, this.list, this.actions, check);
  }

  async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.line.dataset.state = 'checking';
    setText(this.line, words.checkingWiring);
    try {
      this.show(await this.backend.checkWiring());
    } catch (e) {
      this.unreadable(toBackendError(e).message);
    } finally {
      this.busy = false;
    }
  }

  private unreadable(why: string): void {
    this.line.dataset.state = 'failed';
    setText(this.line, words.wiringUnreadable(why));
    setChildren(this.list);
    setChildren(this.actions);
  }

  private show(report: WiringReport): void {
    this.line.dataset.state = report.ok ? 'ok' : 'failed';
    setText(this.line, report.ok ? words.wiringOk(report.checkedAt) : words.wiringFailed(report.checkedAt));
    setChildren(
      this.list,
      ...report.checks.map((c) =>
        h(
          'li',
          { class: c.ok ? 'check-ok' : 'check-failed', 'data-check': c.id },
          h('span', { class: 'status-dot', 'aria-hidden': 'true' }),
          h('span', {}, c.summary, c.ok || !c.fix ? null : h('span', { class: 'field-hint' }, ` ${c.fix}`)),
        ),
      ),
    );
    setChildren(this.actions);
    if (!report.ok && report.repairable) {
      const fix = h('button', { type: 'button', class: 'primary-button' }, words.fixIt);
      fix.addEventListener('click', () => void this.repair(fix, false));
      this.actions.append(fix);
    }
  }

  private async repair(button: HTMLButtonElement, takeOver: boolean): Promise<void> {
    button.disabled = true;
    setText(button, words.fixing);
    try {
      this.show(await this.backend.repairWiring(takeOver));
      this.fixed();
    } catch (e) {
      const error = toBackendError(e);
      if (error.kind === 'needs_confirmation' && !takeOver) {
        const yes = h('button', { type: 'button', class: 'primary-button danger' }, words.fixTakeOver);
        yes.addEventListener('click', () => void this.repair(yes, true));
        setChildren(this.actions, h('p', { class: 'form-message error' }, words.fixConfirm(error.message)), yes);
        return;
      }
      setChildren(this.actions, h('p', { class: 'form-message error', role: 'alert' }, words.fixFailed(error.message)));
    }
  }
}
