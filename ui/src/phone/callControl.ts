// The current call: the SDK `Call` object, its events fed into the call state machine, and the
// user's actions on it (answer, decline, hang up, mute, keypad). The Phone hands calls in (one
// it placed through the Device, or one that rings) and hears back when the state changes and
// when a call is over; this module never sees the Device.

import { monitorCall, type CallMonitorHooks } from './callMonitor';
import { IDLE, isBusy, nextCallState, type CallEvent, type CallState } from './callState';
import type { DeviceLog } from './deviceLog';
import { isDtmfDigit } from './dtmf';
import { errorParts, reconnectingWords } from './errors';
import { t } from '../i18n/i18n';
import { describeParty } from './number';
import type { Listener, SdkCall } from './sdk';
import type { Clock } from './timer';


export interface CallControlHooks {
  /** The call state changed. */
  changed(): void;
  /** A call is over (ended, declined, failed or cancelled): run what waited for it. */
  ended(): void;
  /** The call's levels and quality (callMonitor.ts). */
  monitor?: CallMonitorHooks;
}

export class CallControl {
  private callState: CallState = IDLE;
  private current: SdkCall | null = null;
  private detachCall: (() => void) | null = null;
  /** Bumped by every dial and by a cancel: a `connect` that resolves for an older one is dropped. */
  private dialAttempt = 0;
  /** We hang up ourselves, so the `disconnect` that follows is not "the other side hung up". */
  private hangingUp = false;

  constructor(
    private readonly clock: Clock,
    private readonly log: DeviceLog,
    private readonly hooks: CallControlHooks,
  ) {}

  get state(): CallState {
    return this.callState;
  }

  /** True while any call exists: dialling, ringing either way, or connected. */
  get busy(): boolean {
    return isBusy(this.callState);
  }

  /** Busy, or still holding an SDK call: a second call must not disturb it. */
  get engaged(): boolean {
    return this.busy || this.current !== null;
  }

  /**
   * Twilio's CallSid for the current call, once it has one: for an incoming call the child leg
   * (the `<Dial action>`'s DialCallSid), for an outgoing one the parent the webhook saw. The call
   * journal matches the phone's reports to Twilio's callbacks with it.
   */
  get callSid(): string | null {
    const sid = this.current?.parameters.CallSid;
    return sid ? sid : null;
  }

  /** Whether `call` is the one this phone is on. */
  owns(call: SdkCall): boolean {
    return call === this.current;
  }

  /** Places a call to `e164`; `connect` asks the Device for it. The caller checks `busy` first. */
  async dial(e164: string, connect: () => Promise<SdkCall>): Promise<void> {
    this.dispatch({ type: 'dial', number: e164 });
    this.log.write('info', t('log-calling', { number: describeParty(e164) }));
    const attempt = ++this.dialAttempt;
    this.hangingUp = false;
    let call: SdkCall;
    try {
      call = await connect();
    } catch (error) {
      if (attempt === this.dialAttempt) {
        this.log.writeError(error, t('log-call-not-started'));
        this.dispatch({ type: 'ended' });
        this.hooks.ended();
      }
      return;
    }
    if (attempt !== this.dialAttempt || this.callState.phase !== 'connecting') {
      // Hung up while the call was being set up.
      call.disconnect();
      return;
    }
    this.attach(call);
    if (call.status() === 'closed') this.finish(call, t('log-call-ended'));
  }

  /** A call rings here. */
  incoming(call: SdkCall): void {
    const from = call.parameters.From ?? '';
    if (this.engaged) {
      // Never let a second call disturb the first.
      try {
        call.reject();
      } catch {
        // Already gone: nothing to reject.
      }
      this.log.write('warn', t('log-second-call-rejected', { number: describeParty(from) }));
      return;
    }
    this.current = call;
    this.attach(call);
    this.dispatch({ type: 'incoming', number: from });
    this.log.write('info', t('log-incoming', { number: describeParty(from) }));
  }

  accept(): void {
    if (this.callState.phase !== 'incoming' || !this.current) return;
    this.dispatch({ type: 'answer' });
    this.log.write('info', t('log-answering'));
    this.current.accept();
  }

  reject(): void {
    const call = this.current;
    if (this.callState.phase !== 'incoming' || !call) return;
    const who = describeParty(this.callState.number);
    // Finish first: the SDK emits `reject` synchronously, and our message is the better one.
    this.finish(call, t('log-declined', { number: who }));
    call.reject();
  }

  hangUp(): void {
    const call = this.current;
    if (this.callState.phase === 'incoming') {
      this.reject();
      return;
    }
    if (!call) {
      if (this.callState.phase === 'connecting') {
        this.dialAttempt++;
        this.dispatch({ type: 'ended' });
        this.log.write('info', t('log-cancelled'));
        this.hooks.ended();
      }
      return;
    }
    this.hangingUp = true;
    this.finish(call, t('log-call-ended'));
    call.disconnect();
  }

  setMuted(muted: boolean): void {
    if (this.callState.phase !== 'active' || !this.current) return;
    this.current.mute(muted);
    this.dispatch({ type: 'muted', muted: this.current.isMuted() });
  }

  toggleMute(): void {
    if (this.callState.phase === 'active') this.setMuted(!this.callState.muted);
  }

  /**
   * Sends one DTMF tone (0-9, *, #) on the connected call, at once: the browser queues it
   * behind the tones still playing (see `appendToneBuffer` in dtmf.ts).
   */
  sendDigit(digit: string): boolean {
    if (!isDtmfDigit(digit)) return false;
    return this.playDigits(digit);
  }

  /** An error the SDK reported for `call` (on the call or on the Device). */
  failed(call: SdkCall, error: unknown): void {
    this.log.writeErrorOnce(error);
    if (call === this.current && call.status() === 'closed') this.finish(call, t('log-ended-after-error'));
  }

  private playDigits(digits: string): boolean {
    if (this.callState.phase !== 'active' || !this.current) return false;
    try {
      this.current.sendDigits(digits);
      return true;
    } catch (error) {
      this.log.writeError(error, t('log-tone-failed'));
      return false;
    }
  }

  /** Subscribes to one call; the detach runs when it ends, so nothing piles up. */
  private attach(call: SdkCall): void {
    this.detachCall?.();
    this.current = call;
    const handlers: Record<string, Listener> = {
      ringing: () => {
        this.dispatch({ type: 'ringing' });
        this.log.write('info', t('log-ringing'));
      },
      accept: () => {
        this.dispatch({ type: 'accepted', at: this.clock.now() });
        this.log.write('info', t('log-connected'));
      },
      disconnect: () => {
        if (this.callState.phase === 'active' && this.callState.reconnecting && !this.hangingUp) {
          this.finishWhileReconnecting(call);
          return;
        }
        this.finish(call, this.hangingUp ? t('log-call-ended') : t('log-remote-hung-up'));
      },
      cancel: () => {
        this.finish(
          call,
          this.callState.phase === 'idle' ? t('log-missed-unknown') : t('log-missed', { number: describeParty(this.callState.number) }),
        );
      },
      reject: () => {
        this.finish(call, t('log-call-declined'));
      },
      mute: (muted: boolean) => {
        this.dispatch({ type: 'muted', muted });
      },
      reconnecting: (error: unknown) => {
        this.dispatch({ type: 'reconnecting' });
        this.log.write('warn', reconnectingWords(errorParts(error).code));
      },
      reconnected: () => {
        this.dispatch({ type: 'reconnected' });
        this.log.write('info', t('log-audio-back'));
      },
      error: (error: unknown) => this.failed(call, error),
    };
    for (const [event, handler] of Object.entries(handlers)) call.on(event, handler);
    const monitor = this.hooks.monitor;
    const stopMonitor = monitor ? monitorCall(call, this.clock, monitor) : null;
    this.detachCall = () => {
      for (const [event, handler] of Object.entries(handlers)) call.removeListener(event, handler);
      stopMonitor?.();
    };
  }

  /**
   * A call that was reconnecting is over. Either the SDK gave up on it (after 30 s it
   * disconnects the call and, in the same turn, emits the error that says why: call.ts
   * `_onMediaFailure`), or the gateway hung up during the blip, with no error. The error decides
   * the words, so the view closes at once and the log line follows a turn later.
   */
  private finishWhileReconnecting(call: SdkCall): void {
    let reason: unknown = null;
    const onError: Listener = (error: unknown) => {
      reason ??= error;
    };
    call.on('error', onError);
    this.finish(call, null);
    this.clock.setTimeout(() => {
      call.removeListener('error', onError);
      if (reason === null) {
        this.log.write('info', t('log-remote-hung-up'));
        return;
      }
      this.log.writeErrorOnce(reason);
      this.log.write('warn', t('log-call-lost'));
    }, 0);
  }

  /** Ends the current call; `message` goes to the log (null: the caller writes it later). */
  private finish(call: SdkCall, message: string | null): void {
    if (call !== this.current) return;
    this.detachCall?.();
    this.detachCall = null;
    this.current = null;
    this.hangingUp = false;
    this.dispatch({ type: 'ended' });
    if (message !== null) this.log.write('info', message);
    this.hooks.ended();
  }

  private dispatch(event: CallEvent): void {
    const next = nextCallState(this.callState, event);
    if (next === this.callState) return;
    this.callState = next;
    this.hooks.changed();
  }
}
