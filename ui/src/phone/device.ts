// The one module that owns the Voice SDK `Device`. Views see only `Phone`: its snapshot
// (registration + call state), its log, and the actions a user can take.
//
// The Phone decides when things happen: it creates, registers and replaces the Device, and
// recovers the registration after drops, sleep and network changes. Its parts live apart: the
// current call (callControl.ts), the token (tokenKeeper.ts), what an SDK error means and the
// retry schedule (recovery.ts, retryTimer.ts), the words (registration.ts, tokenTrouble.ts) and
// the device log (deviceLog.ts).

import { Device } from '@twilio/voice-sdk';
import type { EndedCall, TokenResponse } from '../contract';
import { render, t, type Msg } from '../i18n/i18n';
import { toBackendError, type Backend } from '../ipc';
import { AudioDevices, type AudioKind, type AudioSnapshot } from './audioDevices';
import type { CallState } from './callState';
import { CallControl } from './callControl';
import { SILENT, type CallLevels } from './callMonitor';
import { DeviceLog, type LogEntry, type LogLevel } from './deviceLog';
import { appendToneBuffer } from './dtmf';
import { errorParts, explainError } from './errors';
import { browserEnv, watchConnectivity, type PhoneEnv } from './env';
import { NO_QUALITY, type CallQuality } from './quality';
import { judgeDeviceError, retriesWhenOffline } from './recovery';
import * as words from './registration';
import type { Registration } from './registration';
import { RetryTimer } from './retryTimer';
import { clampVolume, loadRingtone, Ringer, ringtoneUrl, saveRingtone, type RingtoneChoice, type RingtoneName } from './ringtone';
import { deviceOptions, type Listener, type SdkCall, type SdkDevice, type SdkDeviceConstructor } from './sdk';
import { EchoCall, type EchoCallHooks, type EchoCallResult } from './setupCheckCall';
import { TokenKeeper } from './tokenKeeper';
import { explainTokenError, rateLimitWaitMs } from './tokenTrouble';

// Compile-time check that the real SDK fits the narrow surface we program against.
const DeviceImpl: SdkDeviceConstructor = Device;

export interface PhoneSnapshot {
  registration: Registration;
  call: CallState;
  /** Twilio's CallSid for the current call, once known (see `CallControl.callSid`). */
  callSid?: string | null;
  /** The last call that ended and how it sounded (callMonitor.ts), for the journal. */
  lastCall?: EndedCall | null;
}

export class Phone {
  /** The only Device; null before the first token, after a failure, and once retired. */
  private device: SdkDevice | null = null;
  private registration: Registration = words.STARTING;
  private readonly calls: CallControl;
  private readonly tokens: TokenKeeper;
  private readonly deviceLog: DeviceLog;
  private readonly retries: RetryTimer;

  /** New settings arrived during a call: restart when it ends (see `afterCall`). */
  private pendingRestart = false;
  /** When a token error last made us renew the token (see `judgeDeviceError`). */
  private lastTokenErrorRefresh = 0;
  /** An offline episode's first error is logged; the SDK's retries would flood the log. */
  private offlineLogged = false;
  /** Set while we unregister or destroy on purpose, so `unregistered` is not a drop. */
  private stopping = false;
  private started = false;
  /** Stops following the network and the window's visibility (see `start`). */
  private unwatch: (() => void) | null = null;
  /** Why this phone stopped for good (see `retire`); null while it works. */
  private retired: Msg | null = null;

  private readonly changeListeners = new Set<(snapshot: PhoneSnapshot) => void>();
  /** Microphone, speaker and ringtone choices, applied to each Device in turn. */
  private readonly audio: AudioDevices;
  private readonly audioListeners = new Set<(snapshot: AudioSnapshot) => void>();
  private levels: CallLevels = SILENT;
  private readonly levelListeners = new Set<(levels: CallLevels) => void>();
  private quality: CallQuality = NO_QUALITY;
  /** "Test my set-up"'s test call while it runs; a real call stops it (see `checkNetwork`). */
  private echoCall: EchoCall | null = null;
  private lastCall: EndedCall | null = null;
  /** The incoming ring (ringtone.ts): the tone and volume chosen, and the player. */
  private ringtone: RingtoneChoice;
  private readonly ringer: Ringer;

  constructor(
    private readonly backend: Backend,
    private readonly env: PhoneEnv = browserEnv(),
  ) {
    this.deviceLog = new DeviceLog(env.clock);
    this.retries = new RetryTimer(env.clock);
    this.calls = new CallControl(env.clock, this.deviceLog, {
      changed: () => {
        // Rings only while a call is offered: answering, declining or the caller giving up all leave that phase.
        if (this.calls.state.phase !== 'incoming' && this.ringer.isRinging) this.ringer.stop();
        this.emitChange();
      },
      ended: () => this.afterCall(),
      monitor: {
        levels: (levels) => {
          this.levels = levels;
          for (const listener of this.levelListeners) listener(levels);
        },
        quality: (quality) => {
          this.quality = quality;
          this.emitChange();
        },
        warned: (name) => this.deviceLog.write('warn', t('log-quality-warning', { name })),
        // Called as the call detaches, before it is marked ended: the report that says the call is over carries it.
        summed: (ended) => {
          this.lastCall = ended;
        },
      },
    });
    this.audio = new AudioDevices(env.storage ?? null, {
      failed: (what, error) => this.deviceLog.writeError(error, t('log-audio-device-failed', { what })),
      changed: (snapshot) => {
        for (const listener of this.audioListeners) listener(snapshot);
      },
    }, () => this.calls.busy);
    this.ringtone = loadRingtone(env.storage ?? null);
    this.ringer = new Ringer(env.ringerElement?.() ?? null, (error) => this.deviceLog.writeError(error, t('log-ringtone-failed')));
    this.tokens = new TokenKeeper(backend, env.clock, this.deviceLog, {
      busy: () => this.calls.busy,
      sessionLost: (error) => this.tokenFailed(error),
      expired: (message) => this.setRegistration(words.tokenExpired(message)),
    });
  }

  // ---- what views read -------------------------------------------------------------------

  snapshot(): PhoneSnapshot {
    return { registration: this.registration, call: this.calls.state, callSid: this.calls.callSid, lastCall: this.lastCall };
  }

  /** The current call's quality (grade, figures, warnings up); empty between calls. */
  callQuality(): CallQuality {
    return this.quality;
  }

  /** The current call's levels, every 50 ms while one is up (and once, silent, when it ends). */
  onCallLevels(listener: (levels: CallLevels) => void): () => void {
    this.levelListeners.add(listener);
    listener(this.levels);
    return () => this.levelListeners.delete(listener);
  }

  // ---- audio devices (audioDevices.ts) ---------------------------------------------------

  audioDevices(): AudioSnapshot {
    return this.audio.snapshot;
  }

  onAudioDevices(listener: (snapshot: AudioSnapshot) => void): () => void {
    this.audioListeners.add(listener);
    return () => this.audioListeners.delete(listener);
  }

  /** Uses `id` (`default`: the system's) for `kind` from now on, also during a call. */
  chooseAudioDevice(kind: AudioKind, id: string): Promise<void> {
    return this.audio.choose(kind, id);
  }

  /** Plays our test sound on the speaker or ringtone device. */
  testOutput(kind: 'speaker' | 'ringtone'): Promise<void> {
    return this.audio.test(kind, new URL(`sounds/${kind === 'speaker' ? 'outgoing' : 'incoming'}.wav`, this.env.baseUrl).href);
  }

  // ---- the ringtone (ringtone.ts) ----------------------------------------------------------

  ringtoneChoice(): RingtoneChoice {
    return { ...this.ringtone };
  }

  /** Uses `tone` for the next incoming call; remembered. */
  chooseRingtone(tone: RingtoneName): void {
    this.ringtone = { ...this.ringtone, tone };
    saveRingtone(this.env.storage ?? null, this.ringtone);
  }

  /** Rings at `volume` % (0..100) from the next ring on; remembered. */
  setRingtoneVolume(volume: number | string): void {
    const v = clampVolume(volume);
    if (v === null) return;
    this.ringtone = { ...this.ringtone, volume: v };
    saveRingtone(this.env.storage ?? null, this.ringtone);
  }

  /** Plays the chosen tone once, at the chosen volume, on the ringtone device. */
  previewRingtone(): void {
    if (this.calls.busy) return;
    this.ringer.preview(this.ringRequest());
  }

  private ringRequest(): { url: string; volume: number; sinkId: string } {
    const snapshot = this.audio.snapshot;
    return {
      url: ringtoneUrl(this.ringtone.tone, this.env.baseUrl),
      volume: this.ringtone.volume,
      sinkId: snapshot.outputSelection ? snapshot.inUse.ringtone : 'default',
    };
  }

  /** Opens the microphone for a level meter outside calls (`false` closes it again). */
  meterMicrophone(on: boolean): Promise<void> {
    return this.audio.setMetering(on);
  }

  onMicrophoneLevel(listener: (level: number) => void): () => void {
    return this.audio.onInputLevel(listener);
  }

  get log(): readonly LogEntry[] {
    return this.deviceLog.entries;
  }

  /** Whether this webview can carry calls at all (WebRTC + getUserMedia). */
  static get isSupported(): boolean {
    return DeviceImpl.isSupported;
  }

  onChange(listener: (snapshot: PhoneSnapshot) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Adds a line to the device log, for things around the phone (the calling window). */
  note(level: LogLevel, text: string): void {
    this.deviceLog.write(level, text);
  }

  onLog(listener: (entry: LogEntry) => void): () => void {
    return this.deviceLog.onEntry(listener);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (!DeviceImpl.isSupported) {
      this.setRegistration(words.UNSUPPORTED);
      this.deviceLog.write('warn', t('log-no-webrtc'));
      return;
    }
    // Digits pressed while earlier ones still play must queue, not replace them (dtmf.ts).
    appendToneBuffer(typeof RTCDTMFSender === 'undefined' ? undefined : RTCDTMFSender.prototype);
    this.unwatch = watchConnectivity(this.env, {
      online: () => this.onOnline(),
      offline: () => this.onOffline(),
      visible: () => this.onVisible(),
    });
    await this.connectDevice();
  }

  /** Starts over with a fresh token and Device, e.g. after the settings changed. */
  async restart(): Promise<void> {
    if (this.retired !== null) return;
    if (!this.started) return this.start();
    if (this.registration.status === 'unsupported') return;
    if (this.calls.busy) {
      this.pendingRestart = true;
      this.deviceLog.write('info', t('log-settings-after-call'));
      return;
    }
    this.pendingRestart = false;
    this.tearDownDevice();
    await this.connectDevice();
  }

  /** Retry now, from the status bar's button. */
  async retry(): Promise<void> {
    if (this.retired !== null) return;
    this.retries.reset();
    if (!this.device || this.registration.status === 'error') return this.restart();
    await this.recover();
  }

  /**
   * Stops this phone for good: the calling window lost its session (a newer window took over,
   * or the app restarted), so its Device must not ring alongside the new one. A call in
   * progress goes on to its end; the Device is destroyed after it, or at once when idle.
   */
  retire(detail: Msg): void {
    if (this.retired !== null) return;
    this.retired = detail;
    if (this.calls.engaged) {
      this.deviceLog.write('warn', t('log-retiring-after-call'));
      return;
    }
    this.shutDown(detail);
  }

  private shutDown(detail: Msg): void {
    this.pendingRestart = false;
    this.tokens.dropDeferred();
    this.tearDownDevice();
    this.unwatch?.();
    this.unwatch = null;
    this.setRegistration(words.retired(detail));
    this.deviceLog.write('warn', t('log-retired'));
  }

  /** Work deferred while a call was up. */
  private afterCall(): void {
    this.audio.afterCall();
    if (this.retired !== null) {
      this.shutDown(this.retired);
      return;
    }
    if (this.pendingRestart) {
      void this.restart();
      return;
    }
    if (this.tokens.deferred) {
      void this.renewToken(t('token-why-after-call')).then((ok) => {
        if (ok && this.device?.state === 'unregistered') this.register();
      });
    }
  }

  // ---- calls (callControl.ts has the current call) ---------------------------------------

  /** Why a call cannot be placed right now, in words for the dial pad; null when it can. */
  dialBlockedReason(): string | null {
    if (this.device) return null;
    return render(this.registration.detail) || t('dial-blocked-not-connected');
  }

  /**
   * "Test my set-up": a ten-second echo call to Twilio (setupCheckCall.ts) on a Device of its
   * own that never registers, so this phone's Device stays registered and free: an incoming
   * call rings as ever and ends the test, and so does placing a call.
   */
  async checkNetwork(hooks: EchoCallHooks): Promise<EchoCallResult | 'not-ready'> {
    if (!this.device || this.registration.status !== 'ready' || !this.freeForTest()) return 'not-ready';
    let token: TokenResponse;
    try {
      token = await this.backend.getToken();
    } catch (error) {
      const e = toBackendError(error);
      return { kind: 'failed', code: null, message: e.message };
    }
    // A call may have started while the token came: it goes first.
    if (!this.freeForTest()) return { kind: 'stopped' };
    let device: SdkDevice;
    try {
      device = new DeviceImpl(token.token, { ...deviceOptions(this.env.baseUrl), closeProtection: false });
    } catch (error) {
      return { kind: 'failed', ...errorParts(error) };
    }
    const check = new EchoCall(this.env.clock, device);
    this.echoCall = check;
    this.deviceLog.write('info', t('log-setup-test-call'));
    try {
      return await check.run(hooks);
    } finally {
      this.echoCall = null;
      try {
        device.destroy();
      } catch {
        // Already gone.
      }
    }
  }

  /** No call and no other test: a set-up test may start. */
  private freeForTest(): boolean {
    return !this.calls.busy && this.echoCall === null;
  }

  /** Ends a running `checkNetwork` at once (the view's "a call started"). */
  stopNetworkCheck(): void {
    this.echoCall?.stop();
  }

  /** Places a call to an E.164 number (normalise first with `normalizeNumber`). */
  async dial(e164: string): Promise<void> {
    if (this.calls.busy) return;
    this.echoCall?.stop();
    const device = this.device;
    if (!device) {
      this.deviceLog.write('error', t('dial-blocked', { reason: this.dialBlockedReason() ?? '' }));
      return;
    }
    // 2.x reads only `params`; a bare `{ To }` would be dropped silently.
    const microphone = this.audio.beforeCall();
    const connect = (): Promise<SdkCall> => device.connect({ params: { To: e164 } });
    await this.calls.dial(e164, () => (microphone ? microphone.then(connect) : connect()));
  }

  // The user's actions on the current call.
  accept(): void {
    const microphone = this.audio.beforeCall();
    if (microphone) void microphone.then(() => this.calls.accept());
    else this.calls.accept();
  }
  reject(): void { this.calls.reject(); }
  hangUp(): void { this.calls.hangUp(); }
  setMuted(muted: boolean): void { this.calls.setMuted(muted); }
  toggleMute(): void { this.calls.toggleMute(); }
  /** Sends one DTMF tone (0-9, *, #) on the connected call; digits pressed fast are queued. */
  sendDigit(digit: string): boolean { return this.calls.sendDigit(digit); }

  // ---- the device ------------------------------------------------------------------------

  private async connectDevice(): Promise<void> {
    this.setRegistration(words.GETTING_TOKEN);
    this.deviceLog.write('info', t('log-requesting-token'));
    let token: TokenResponse;
    try {
      token = await this.tokens.fetch();
    } catch (error) {
      this.tokenFailed(error);
      return;
    }
    this.deviceLog.write('info', t('log-got-token', { identity: token.identity }));
    let device: SdkDevice;
    try {
      device = new DeviceImpl(token.token, deviceOptions(this.env.baseUrl));
    } catch (error) {
      this.deviceLog.writeError(error, t('log-phone-not-started'));
      this.setRegistration(words.deviceFailed(errorParts(error).message));
      return;
    }
    this.device = device;
    this.bindDevice(device);
    // Dialtone rings itself, with the tone and volume the user chose (ringtone.ts says why).
    device.audio?.incoming(false);
    this.audio.attach(device.audio);
    this.register();
  }

  /** Says why there is no token, and what to do; waits and retries when rate limited. */
  private tokenFailed(error: unknown): void {
    const e = toBackendError(error);
    const trouble = explainTokenError(e, this.backend.canEditSettings);
    this.setRegistration({ status: 'error', ...trouble.registration, cause: e.kind });
    this.deviceLog.write('error', trouble.log, { fix: trouble.fix });
    // One later attempt, never a loop of immediate ones.
    if (e.kind === 'rate_limited') this.retries.once(rateLimitWaitMs(e.retryAfterMs), () => void this.restart());
  }

  private bindDevice(device: SdkDevice): void {
    // Events from a Device we already replaced are ignored.
    const mine =
      (fn: Listener): Listener =>
      (...args: unknown[]) => {
        if (this.device === device) fn(...args);
      };
    device.on('registering', mine(() => this.setRegistration(words.REGISTERING)));
    device.on('registered', mine(() => {
      this.retries.reset();
      this.offlineLogged = false;
      this.setRegistration(words.ready(device.identity ?? this.tokens.identity ?? ''));
      this.deviceLog.write('info', t('log-registered'));
    }));
    device.on('unregistered', mine(() => {
      if (this.stopping) return;
      this.goOffline(words.OFFLINE_DETAIL.lostTwilio);
    }));
    device.on('error', mine((error: unknown, call?: SdkCall) => this.onDeviceError(device, error, call)));
    device.on('incoming', mine((call: SdkCall) => {
      this.echoCall?.stop();
      this.calls.incoming(call);
      if (this.calls.state.phase === 'incoming') this.ringer.ring(this.ringRequest());
    }));
    device.on('tokenWillExpire', mine(() => {
      void this.renewToken(t('token-why-expiring'));
    }));
  }

  private register(): void {
    const device = this.device;
    if (!device || device.state !== 'unregistered') return;
    device.register().catch((error: unknown) => {
      // The same failure also arrives as an `error` event, which explains it; here we
      // only make sure a failed attempt is retried while offline.
      if (this.device !== device) return;
      if (retriesWhenOffline(errorParts(error).code)) this.scheduleRetry();
    });
  }

  private onDeviceError(device: SdkDevice, error: unknown, call?: SdkCall): void {
    if (call && this.calls.owns(call)) {
      this.calls.failed(call, error);
      return;
    }
    const { code, message } = errorParts(error);
    const now = this.env.clock.now();
    const registered = device.state === 'registered';
    const verdict = judgeDeviceError({ code, registered, busy: this.calls.busy, sinceTokenRenewalMs: now - this.lastTokenErrorRefresh });
    if (verdict.action === 'offline') {
      const explained = explainError(verdict.explainAs, message);
      this.deviceLog.markWritten(error);
      // While offline the SDK keeps retrying and reports every failure: log the first only.
      if (!this.offlineLogged) {
        this.offlineLogged = true;
        this.deviceLog.write('error', t('log-error', { title: render(explained.title), code: String(verdict.code), what: render(explained.what) }), {
          fix: render(explained.fix),
          code: verdict.code,
        });
      }
      this.goOffline(explained.what);
      return;
    }
    this.deviceLog.writeErrorOnce(error);
    if (verdict.action === 'renew-token') {
      this.lastTokenErrorRefresh = now;
      void this.renewToken(t('token-why-twilio-expired')).then((ok) => {
        if (ok) this.register();
      });
    } else if (verdict.action !== 'log') {
      // `stop`: a fresh token that is rejected at once would be rejected again, so explain.
      this.setRegistration(words.twilioFailure(explainError(code, message), verdict.action === 'stop' ? 'settings' : 'retry'));
    }
  }

  private goOffline(detail: Msg): void {
    if (this.registration.status !== 'offline') this.setRegistration(words.offline(detail));
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.device) return;
    this.retries.backoff(() => void this.recover());
  }

  /** Gets back to `registered` after a drop, a sleep or a network change. */
  private async recover(): Promise<void> {
    const device = this.device;
    if (!device || device.state === 'registered') {
      this.retries.cancel();
      return;
    }
    if (this.registration.status !== 'offline') this.setRegistration(words.offline(words.OFFLINE_DETAIL.reconnecting));
    // Keep one retry pending until `registered` clears it.
    this.scheduleRetry();
    if (this.tokens.expiresSoon()) {
      const ok = await this.renewToken(t('token-why-expired-offline'));
      if (!ok || this.device !== device) return;
    }
    this.register();
  }

  /** Renews the current Device's token (see `TokenKeeper.renew`). */
  private renewToken(why: string): Promise<boolean> {
    const device = this.device;
    return this.tokens.renew(why, {
      stillCurrent: () => device !== null && this.device === device,
      deliver: (token) => device?.updateToken(token),
    });
  }

  private onOnline(): void {
    this.deviceLog.write('info', t('log-network-back'));
    this.retries.reset();
    void this.recover();
  }

  private onOffline(): void {
    if (!this.device) return;
    this.deviceLog.write('warn', t('log-computer-offline'));
    this.goOffline(words.OFFLINE_DETAIL.computerOffline);
  }

  private onVisible(): void {
    if (!this.device) return;
    // Back from sleep or a hidden window: timers may not have fired while away.
    if (this.tokens.expiresSoon() && !this.calls.busy) {
      void this.renewToken(t('token-why-expired-asleep')).then((ok) => {
        if (ok) void this.recover();
      });
      return;
    }
    if (this.device.state !== 'registered') {
      this.retries.reset();
      void this.recover();
    }
  }

  private tearDownDevice(): void {
    this.retries.cancel();
    const device = this.device;
    this.device = null;
    if (!device) return;
    this.audio.attach(null);
    this.stopping = true;
    try {
      device.destroy();
    } catch {
      // Destroying twice or mid-registration is harmless for us.
    } finally {
      this.stopping = false;
    }
  }

  // ---- state -----------------------------------------------------------------------------

  private setRegistration(registration: Registration): void {
    if (words.sameRegistration(this.registration, registration)) return;
    this.registration = registration;
    this.emitChange();
  }

  private emitChange(): void {
    const snapshot = this.snapshot();
    for (const listener of this.changeListeners) listener(snapshot);
  }
}
