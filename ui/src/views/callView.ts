// The call screen: outgoing (calling, ringing) and connected calls.

import type { CallState } from '../phone/callState';
import { describeParty, type Region } from '../phone/number';
import { startCallTimer } from '../phone/timer';
import { CallMeters } from './callMeters';
import { h, hm, setText } from './dom';
import { icon } from './icons';
import { keypad } from './keypad';
import { localize } from './l10n';

export interface CallActions {
  /** The region of the user's Twilio number: its numbers are shown in national form. */
  homeRegion(): Region | null;
  /** The contact's name for the caller's number, if there is one (the number shows under it). */
  nameOf(number: string | null): string | null;
  hangUp(): void;
  toggleMute(): void;
  sendDigit(digit: string): boolean;
}

const DTMF_KEY = /^[0-9*#]$/;

export class CallView {
  readonly el: HTMLElement;
  /** Levels, the muted-talking hint and call quality; the App feeds them from the Phone. */
  readonly meters = new CallMeters();
  private readonly devices: HTMLElement;
  private readonly devicesButton: HTMLButtonElement;
  private readonly label: HTMLElement;
  private readonly number: HTMLElement;
  /** The number, under the contact's name when there is one. */
  private readonly partyNumber: HTMLElement;
  private readonly timer: HTMLElement;
  private readonly mutedBadge: HTMLElement;
  private readonly sent: HTMLElement;
  private readonly pad: HTMLElement;
  private readonly muteButton: HTMLButtonElement;
  private readonly muteLabel: HTMLElement;
  private readonly padButton: HTMLButtonElement;
  private readonly hangUpButton: HTMLButtonElement;
  private stopTimer: (() => void) | null = null;
  private timerStartedAt: number | null = null;

  /** `devices`: the sound device pickers, shown under the Sound button (a headset plugged in mid-call). */
  constructor(
    private readonly actions: CallActions,
    devices: HTMLElement = h('div'),
  ) {
    this.devices = h('div', { class: 'call-devices', id: 'call-devices', hidden: true }, devices);
    const devicesLabel = hm('span', { class: 'control-label' }, 'call-devices');
    this.devicesButton = h(
      'button',
      { type: 'button', class: 'control show-devices', 'aria-pressed': 'false', 'aria-controls': 'call-devices' },
      h('span', { class: 'control-icon' }, icon('settings')),
      devicesLabel,
    );
    // Polite live region: "Reconnecting…" and the return to "Connected" are announced.
    this.label = h('p', { class: 'call-label', id: 'call-label', 'aria-live': 'polite' });
    this.number = h('h2', { class: 'call-number', id: 'call-number', tabindex: '-1' });
    this.partyNumber = h('p', { class: 'call-party-number', hidden: true });
    this.timer = h('p', { class: 'call-timer', role: 'timer' });
    localize(this.timer, 'call-duration');
    this.mutedBadge = h('p', { class: 'muted-badge', hidden: true }, icon('micOff'), hm('span', {}, 'call-muted-badge'));
    this.sent = h('p', { class: 'dtmf-sent', 'aria-live': 'polite' });
    localize(this.sent, 'call-tones-sent');
    this.pad = h(
      'div',
      { class: 'dtmf', id: 'dtmf-pad', hidden: true },
      this.sent,
      keypad((key) => this.tone(key), { label: 'call-keypad-tones' }),
    );
    this.muteLabel = hm('span', { class: 'control-label' }, 'call-mute');
    this.muteButton = h(
      'button',
      { type: 'button', class: 'control mute', 'aria-pressed': 'false' },
      h('span', { class: 'control-icon' }, icon('mic', 'icon icon-on'), icon('micOff', 'icon icon-off')),
      this.muteLabel,
    );
    this.padButton = h(
      'button',
      { type: 'button', class: 'control show-pad', 'aria-pressed': 'false', 'aria-controls': 'dtmf-pad' },
      h('span', { class: 'control-icon' }, icon('keypad')),
      hm('span', { class: 'control-label' }, 'call-keypad'),
    );
    this.hangUpButton = h('button', { type: 'button', class: 'hangup-button' }, icon('hangup'));
    localize(this.hangUpButton, 'call-hang-up');

    this.el = h(
      'section',
      { class: 'call', 'aria-labelledby': 'call-number', 'aria-describedby': 'call-label' },
      h('div', { class: 'call-head' }, this.label, this.number, this.partyNumber, this.timer, this.mutedBadge),
      this.meters.el,
      this.pad,
      this.devices,
      h('div', { class: 'call-controls' }, this.muteButton, this.padButton, this.devicesButton),
      h('div', { class: 'call-end' }, this.hangUpButton),
    );

    this.muteButton.addEventListener('click', () => this.actions.toggleMute());
    this.padButton.addEventListener('click', () => this.setPadOpen(this.pad.hidden));
    this.devicesButton.addEventListener('click', () => this.setDevicesOpen(this.devices.hidden));
    this.hangUpButton.addEventListener('click', () => this.actions.hangUp());
  }

  render(state: CallState): void {
    if (state.phase === 'idle' || state.phase === 'incoming') {
      this.reset();
      return;
    }
    const number = describeParty(state.number, this.actions.homeRegion());
    const name = this.actions.nameOf(state.number);
    setText(this.number, name ?? number);
    setText(this.partyNumber, name ? number : '');
    this.partyNumber.hidden = !name;
    const active = state.phase === 'active';
    this.el.dataset.phase = state.phase;
    this.muteButton.disabled = !active;
    this.padButton.disabled = !active;
    switch (state.phase) {
      case 'connecting':
        localize(this.label, 'call-calling');
        break;
      case 'ringing':
        localize(this.label, 'call-ringing');
        break;
      case 'answering':
        localize(this.label, 'call-connecting');
        break;
      case 'active':
        localize(this.label, state.reconnecting ? 'call-reconnecting' : 'call-connected');
        break;
    }
    if (state.phase === 'active') {
      if (this.timerStartedAt !== state.startedAt) {
        this.stopTimer?.();
        this.timerStartedAt = state.startedAt;
        this.stopTimer = startCallTimer(state.startedAt, (text) => setText(this.timer, text));
      }
      // The timer keeps counting underneath and shows again once the call is back.
      this.timer.hidden = state.reconnecting;
      this.el.toggleAttribute('data-reconnecting', state.reconnecting);
      this.muteButton.setAttribute('aria-pressed', String(state.muted));
      this.muteButton.classList.toggle('on', state.muted);
      localize(this.muteLabel, state.muted ? 'call-muted' : 'call-mute');
      this.mutedBadge.hidden = !state.muted;
    } else {
      this.stopTimerNow();
      setText(this.timer, '');
    }
  }

  /** Keyboard digits become tones while connected. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey || !DTMF_KEY.test(event.key)) return false;
    if (this.el.dataset.phase !== 'active') return false;
    this.tone(event.key);
    return true;
  }

  focus(): void {
    this.number.focus({ preventScroll: true });
  }

  private tone(key: string): void {
    if (!this.actions.sendDigit(key)) return;
    const text = this.sent.textContent + key;
    // Keep the tail visible: long sequences (PINs, menu choices) scroll off the left.
    setText(this.sent, text.length > 24 ? text.slice(-24) : text);
    const button = this.pad.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    button?.classList.add('flash');
    button?.addEventListener('animationend', () => button.classList.remove('flash'), { once: true });
  }

  private setPadOpen(open: boolean): void {
    this.pad.hidden = !open;
    this.padButton.setAttribute('aria-pressed', String(open));
    this.padButton.classList.toggle('on', open);
    this.el.classList.toggle('pad-open', open);
  }

  private setDevicesOpen(open: boolean): void {
    this.devices.hidden = !open;
    this.devicesButton.setAttribute('aria-pressed', String(open));
    this.devicesButton.classList.toggle('on', open);
  }

  private stopTimerNow(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    this.timerStartedAt = null;
  }

  private reset(): void {
    this.stopTimerNow();
    setText(this.timer, '');
    this.timer.hidden = false;
    setText(this.sent, '');
    this.setPadOpen(false);
    this.setDevicesOpen(false);
    this.mutedBadge.hidden = true;
    this.muteButton.setAttribute('aria-pressed', 'false');
    this.muteButton.classList.remove('on');
    localize(this.muteLabel, 'call-mute');
    delete this.el.dataset.phase;
    this.el.removeAttribute('data-reconnecting');
  }
}
