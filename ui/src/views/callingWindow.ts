// The native window's stand-in for the dial pad where the web view cannot carry calls (Linux):
// the calling window's state as the app reports it (open or not, registration, the current
// call), and a button to reopen it. Calls are answered and placed in the calling window itself.

import type { PhoneCall, WindowStatus } from '../contract';
import { describeParty, type Region } from '../phone/number';
import { windowRegistration } from '../phone/report';
import { startCallTimer } from '../phone/timer';
import { t } from '../i18n/i18n';
import { h, hm, setText } from './dom';
import { icon } from './icons';
import { localize } from './l10n';

export interface CallingWindowActions {
  /** The region of the user's Twilio number: its numbers are shown in national form. */
  homeRegion(): Region | null;
  reopen(): void;
}

/** Message ids for the call's state. */
const CALL_STATE_TEXT: Record<PhoneCall['state'], string> = {
  ringing: 'call-ringing',
  connecting: 'call-connecting',
  open: 'cw-in-call',
};

export class CallingWindowView {
  readonly el: HTMLElement;
  private readonly ringing: HTMLElement;
  private readonly ringingText: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly connectionText: HTMLElement;
  private readonly registration: HTMLElement;
  private readonly registrationTitle: HTMLElement;
  private readonly registrationDetail: HTMLElement;
  private readonly call: HTMLElement;
  private readonly callLabel: HTMLElement;
  private readonly callNumber: HTMLElement;
  private readonly callState: HTMLElement;
  private readonly timer: HTMLElement;
  private readonly browser: HTMLElement;
  private readonly reopenButton: HTMLButtonElement;
  private stopTimer: (() => void) | null = null;
  private timerSince: number | null = null;

  constructor(private readonly actions: CallingWindowActions) {
    this.ringingText = h('p', { class: 'cw-ringing-text' });
    this.ringing = h(
      'section',
      { class: 'cw-ringing card', role: 'alert', hidden: true, 'aria-labelledby': 'cw-ringing-title' },
      hm('p', { class: 'call-label ringing-label', id: 'cw-ringing-title' }, 'incoming-title'),
      h('div', { class: 'ripple', 'aria-hidden': 'true' }, icon('person')),
      this.ringingText,
    );

    this.connectionText = h('span', {});
    this.connection = h('p', { class: 'cw-connection', role: 'status' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), this.connectionText);
    this.registrationTitle = h('span', { class: 'status-title' });
    this.registration = h('p', { class: 'status-pill cw-registration' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), this.registrationTitle);
    this.registrationDetail = h('p', { class: 'cw-detail' });

    this.callLabel = h('p', { class: 'call-label' });
    this.callNumber = h('p', { class: 'cw-call-number' });
    this.callState = h('span', { class: 'cw-call-state' });
    this.timer = h('span', { class: 'call-timer cw-timer', role: 'timer' });
    localize(this.timer, 'call-duration');
    this.call = h('div', { class: 'cw-call', hidden: true }, this.callLabel, this.callNumber, h('p', { class: 'cw-call-line' }, this.callState, this.timer));

    this.browser = h('p', { class: 'cw-browser' });
    this.reopenButton = h('button', { type: 'button', class: 'secondary-button cw-reopen' }, icon('refresh'), hm('span', {}, 'cw-reopen'));
    this.reopenButton.addEventListener('click', () => actions.reopen());

    this.panel = h(
      'section',
      { class: 'calling-window card', 'aria-labelledby': 'cw-title' },
      hm('h2', { id: 'cw-title', class: 'cw-title', tabindex: '-1' }, 'cw-title'),
      hm('p', { class: 'cw-why' }, 'cw-why'),
      h('div', { class: 'cw-state-row' }, this.connection, this.registration),
      this.registrationDetail,
      this.call,
      this.browser,
      this.reopenButton,
    );
    this.el = h('div', { class: 'calling-window-screen' }, this.ringing, this.panel);
    this.render(null);
  }

  /** `status` null: not heard from the app yet. */
  render(status: WindowStatus | null): void {
    const connected = status?.connected ?? false;
    this.el.dataset.connected = String(connected);
    this.connection.dataset.connected = String(connected);
    if (status === null) localize(this.connectionText, 'cw-opening');
    else if (!connected) localize(this.connectionText, 'cw-not-open');
    else if (status.browser) localize(this.connectionText, 'cw-open-in', { browser: status.browser });
    else localize(this.connectionText, 'cw-open');

    const registration = windowRegistration(status);
    this.registration.dataset.status = registration.status;
    localize(this.registrationTitle, registration.title.id, registration.title.args);
    localize(this.registrationDetail, registration.detail.id, registration.detail.args);
    // When all is well the status bar says it already; problems are repeated here.
    this.registrationDetail.hidden = registration.status === 'ready';
    this.registration.hidden = status !== null && !connected;

    const call = connected ? (status?.report?.call ?? null) : null;
    this.renderCall(call);

    const error = status?.error ?? null;
    this.browser.classList.toggle('error', error !== null);
    setText(this.browser, error ?? (status?.browser && !connected ? t('cw-opens-in', { browser: status.browser }) : ''));
    this.browser.hidden = this.browser.textContent === '';

    // Emphasised while the window is closed: it is the one thing to do. Hidden during a call:
    // a new window takes over the session, and the call in the old one would lose its link.
    this.reopenButton.className = connected ? 'secondary-button cw-reopen' : 'primary-button cw-reopen';
    this.reopenButton.hidden = call !== null;
  }

  focus(): void {
    this.panel.querySelector<HTMLElement>('#cw-title')?.focus({ preventScroll: true });
  }

  private renderCall(call: PhoneCall | null): void {
    const ringingIn = call !== null && call.direction === 'incoming' && call.state === 'ringing';
    this.ringing.hidden = !ringingIn;
    this.el.classList.toggle('is-ringing', ringingIn);
    if (ringingIn) localize(this.ringingText, 'cw-ringing-text', { caller: describeParty(call.number, this.actions.homeRegion()) }, ['caller']);

    // A ringing incoming call has the big view above; the panel does not repeat it.
    this.call.hidden = call === null || ringingIn;
    if (call === null) {
      this.stopCallTimer();
      delete this.call.dataset.state;
      return;
    }
    this.call.dataset.state = call.state;
    const incoming = call.direction === 'incoming';
    localize(this.callLabel, call.state === 'open' ? (incoming ? 'cw-call-from' : 'cw-call-to') : incoming ? 'incoming-title' : 'cw-outgoing');
    setText(this.callNumber, describeParty(call.number, this.actions.homeRegion()));
    localize(this.callState, CALL_STATE_TEXT[call.state]);
    if (call.state === 'open' && call.since !== null) {
      if (this.timerSince !== call.since) {
        this.stopCallTimer();
        this.timerSince = call.since;
        this.stopTimer = startCallTimer(call.since, (text) => setText(this.timer, text));
      }
    } else {
      this.stopCallTimer();
    }
  }

  private stopCallTimer(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    this.timerSince = null;
    setText(this.timer, '');
  }
}
