// The incoming call screen: who is calling, accept, decline.

import type { CallState } from '../phone/callState';
import { describeParty, type Region } from '../phone/number';
import { h, hm, setText } from './dom';
import { icon } from './icons';

export interface IncomingActions {
  /** The region of the user's Twilio number: its numbers are shown in national form. */
  homeRegion(): Region | null;
  accept(): void;
  reject(): void;
}

export class IncomingView {
  readonly el: HTMLElement;
  private readonly caller: HTMLElement;
  private readonly acceptButton: HTMLButtonElement;

  constructor(private readonly actions: IncomingActions) {
    this.caller = h('h2', { class: 'call-number', id: 'incoming-caller' });
    this.acceptButton = h('button', { type: 'button', class: 'answer-button' }, icon('call'), hm('span', {}, 'incoming-accept'));
    const reject = h('button', { type: 'button', class: 'decline-button' }, icon('hangup'), hm('span', {}, 'incoming-decline'));
    this.el = h(
      'section',
      { class: 'incoming', role: 'alertdialog', 'aria-labelledby': 'incoming-title', 'aria-describedby': 'incoming-caller' },
      h('div', { class: 'call-head' },
        hm('p', { class: 'call-label ringing-label', id: 'incoming-title' }, 'incoming-title'),
        this.caller,
        h('div', { class: 'ripple', 'aria-hidden': 'true' }, icon('person')),
      ),
      h('div', { class: 'incoming-actions' }, reject, this.acceptButton),
    );
    // Bound once for the life of the view: calls come and go, handlers do not pile up.
    this.acceptButton.addEventListener('click', () => actions.accept());
    reject.addEventListener('click', () => actions.reject());
  }

  render(state: CallState): void {
    if (state.phase === 'incoming') setText(this.caller, describeParty(state.number, this.actions.homeRegion()));
  }

  focus(): void {
    this.acceptButton.focus({ preventScroll: true });
  }
}
