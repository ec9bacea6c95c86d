// The listener card's "Wiring at Twilio": the remote checks (the key authenticates, the TwiML
// App calls our public URL, the number is bound to it, the caller ID is still the account's),
// each failure with its fix, and "Fix it" for what repair can mend. A check is a few Twilio
// requests, made when Settings opens and when asked; nothing repeats it on a timer.

import type { WiringReport } from '../../contract';
import { toBackendError, type SetupBackend } from '../../ipc';
import { formatTime } from '../../i18n/i18n';
import { h, hm, setChildren } from '../dom';
import { localize } from '../l10n';

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
    const check = hm('button', { type: 'button', class: 'secondary-button' }, 'setup-check-wiring');
    check.addEventListener('click', () => void this.run());
    setChildren(this.el, hm('h3', { id: 'wiring-title' }, 'setup-wiring-title'), this.line, this.list, this.actions, check);
  }

  async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.line.dataset.state = 'checking';
    localize(this.line, 'setup-checking-wiring');
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
    localize(this.line, 'setup-wiring-unreadable', { why });
    setChildren(this.list);
    setChildren(this.actions);
  }

  private show(report: WiringReport): void {
    this.line.dataset.state = report.ok ? 'ok' : 'failed';
    const time = formatTime(report.checkedAt);
    if (report.ok) localize(this.line, 'setup-wiring-ok', { time });
    else localize(this.line, 'setup-wiring-failed', { time });
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
      const fix = hm('button', { type: 'button', class: 'primary-button' }, 'setup-fix');
      fix.addEventListener('click', () => void this.repair(fix, false));
      this.actions.append(fix);
    }
  }

  private async repair(button: HTMLButtonElement, takeOver: boolean): Promise<void> {
    button.disabled = true;
    localize(button, 'setup-fixing');
    try {
      this.show(await this.backend.repairWiring(takeOver));
      this.fixed();
    } catch (e) {
      const error = toBackendError(e);
      if (error.kind === 'needs_confirmation' && !takeOver) {
        const yes = hm('button', { type: 'button', class: 'primary-button danger' }, 'setup-fix-take-over');
        yes.addEventListener('click', () => void this.repair(yes, true));
        setChildren(this.actions, hm('p', { class: 'form-message error' }, 'setup-fix-confirm', { why: error.message }), yes);
        return;
      }
      setChildren(this.actions, hm('p', { class: 'form-message error', role: 'alert' }, 'setup-fix-failed', { why: error.message }));
    }
  }
}
