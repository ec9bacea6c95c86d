// The one module that owns the Voice SDK `Device`. Views see only `Phone`: its snapshot
// (registration + call state), its log, and the actions a user can take.

import { Device, type Call } from '@twilio/voice-sdk';
import type { TokenResponse } from '../contract';
import { SESSION_LOST_MESSAGE, toBackendError, type Backend } from '../ipc';
import { IDLE, isBusy, nextCallState, type CallEvent, type CallState } from './callState';
import { OFFLINE_CODES, TOKEN_CODES, errorParts, explainError } from './errors';
import { describeParty } from './number';
import { soundUrls, type DeviceOptions, type Listener, type SdkCall, type SdkDevice, type SdkDeviceConstructor } from './sdk';
import { realClock, type Clock } from './timer';

/** Test-only Device options (the SDK's `IExtendedDeviceOptions`): signaling and Insights hosts. */
interface SimulatorOptions {
  chunderw?: string;
  eventgw?: string;
}

// Compile-time check that the real SDK fits the narrow surface we program against.
const DeviceImpl: SdkDeviceConstructor = Device;

export type RegistrationStatus = 'starting' | 'registering' | 'ready' | 'offline' | 'error' | 'unsupported';

export interface Registration {
  status: RegistrationStatus;
  /** A few words for the status pill. */
  title: string;
  /** The reason, in plain words. */
  detail: string;
  /** What the user can do, when there is something. */
  action: 'settings' | 'retry' | null;
  /** For token failures: the backend's error kind (see contract.ts). */
  cause?: string;
}

export interface LogEntry {
  at: number;
  level: 'info' | 'warn' | 'error';
  text: string;
  /** For errors: what to do about it. */
  fix?: string;
  code?: number;
}

export interface PhoneSnapshot {
  registration: Registration;
  call: CallState;
}

/** What the Phone needs from its surroundings; tests pass their own. */
export interface PhoneEnv {
  clock: Clock;
  /** Fires `online` and `offline` (the window). */
  network: EventTarget;
  /** Fires `visibilitychange` (the document). */
  visibility: EventTarget & { readonly visibilityState: string };
  /** Where `sounds/` is served from. */
  baseUrl: string;
}

export function browserEnv(): PhoneEnv {
  return { clock: realClock, network: window, visibility: document, baseUrl: document.baseURI };
}

/** Registration retry delays while offline; the last one repeats. */
export const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000, 60_000] as const;

/** Renew the token on wake-up or reconnect when it has less than this left. */
const TOKEN_MARGIN_MS = 2 * 60_000;

const LOG_LIMIT = 200;

/** The least wait after the calling window's server said "too many token requests". */
const RATE_LIMIT_WAIT_MS = 6_000;

const DTMF = /^[0-9*#]$/;
/** How long the SDK plays one DTMF tone, gap included (call.ts: 160 ms + 70 ms). */
const DTMF_TONE_MS = 230;

type CallHandlers = Record<string, Listener>;

interface TokenTrouble {
  registration: Pick<Registration, 'title' | 'detail' | 'action'>;
  log: string;
  fix: string;
}

/** A failed token request in words, per error kind (contract.ts lists them). */
export function explainTokenError(error: { kind: string; message: string; retryAfterMs?: number }, canEditSettings: boolean): TokenTrouble {
  const message = error.message.replace(/\.$/, '');
  const settingsFix = canEditSettings
    ? 'Open Settings and complete your Twilio details.'
    : 'Complete your Twilio details in the Dialtone app window, then come back here.';
  switch (error.kind) {
    case 'missing_settings':
      return {
        registration: { title: 'Setup needed', detail: `Could not get an access token: ${message}.`, action: 'settings' },
        log: `Could not get an access token: ${message}`,
        fix: settingsFix,
      };
    case 'keychain':
      return {
        registration: { title: 'Keychain locked', detail: `The system keychain is locked or unreachable: ${message}.`, action: 'settings' },
        log: `Could not read the credentials from the system keychain: ${message}`,
        fix: 'Unlock the keychain as the message says, then retry (closing Settings retries too).',
      };
    case 'settings':
      return {
        registration: { title: 'Settings unreadable', detail: `${capitalise(message)}.`, action: 'retry' },
        log: `Could not read the settings: ${message}`,
        fix: 'Fix or remove the file the message names, then retry.',
      };
    case 'token':
      return {
        registration: { title: 'No access token', detail: `Could not create an access token: ${message}.`, action: 'settings' },
        log: `Could not create an access token: ${message}`,
        fix: 'Check the Account SID, API Key SID and API Key Secret in Settings.',
      };
    case 'network':
      return {
        registration: { title: 'Can’t reach Dialtone', detail: capitalise(message), action: 'retry' },
        log: `Could not get an access token: ${message}`,
        fix: 'Check that Dialtone is running, then retry.',
      };
    case 'session':
      return {
        registration: { title: 'Session lost', detail: SESSION_LOST_MESSAGE, action: null },
        log: SESSION_LOST_MESSAGE,
        fix: 'In the Dialtone app window choose “Reopen calling window”; this window can then be closed.',
      };
    case 'forbidden':
      return {
        registration: { title: 'Refused', detail: `Dialtone refused this window: ${message}.`, action: null },
        log: `Dialtone refused the token request: ${message}`,
        fix: 'Open the calling window from the Dialtone app, not from a bookmark or another address.',
      };
    case 'rate_limited': {
      const seconds = Math.ceil(Math.max(error.retryAfterMs ?? 0, RATE_LIMIT_WAIT_MS) / 1000);
      return {
        registration: { title: 'Waiting', detail: `Too many token requests; trying again in ${seconds} s.`, action: null },
        log: `Dialtone asked to wait before the next token request: ${message}`,
        fix: `The phone tries again by itself in ${seconds} seconds.`,
      };
    }
    default:
      return {
        registration: { title: 'No access token', detail: `Could not get an access token: ${message}.`, action: 'retry' },
        log: `Could not get an access token: ${message}`,
        fix: 'Retry; if it keeps failing, check Settings.',
      };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class Phone {
  private device: SdkDevice | null = null;
  private token: TokenResponse | null = null;
  private registration: Registration = {
    status: 'starting',
    title: 'Starting',
    detail: 'Getting ready…',
    action: null,
  };
  private callState: CallState = IDLE;
  private current: SdkCall | null = null;
  private detachCall: (() => void) | null = null;
  /** Digits pressed while earlier tones still play (see `sendDigit`). */
  private queuedDigits = '';
  private digitsBusyUntil = 0;
  private digitsHandle: unknown = null;
  private dialToken = 0;
  private hangingUp = false;

  private retryHandle: unknown = null;
  private retryAttempt = 0;
  private pendingTokenRefresh = false;
  private pendingRestart = false;
  private refreshing: Promise<boolean> | null = null;
  private lastTokenErrorRefresh = 0;
  /** An offline episode's first error is logged; the SDK's retries would flood the log. */
  private offlineLogged = false;
  /** Set while we unregister or destroy on purpose, so `unregistered` is not a drop. */
  private stopping = false;
  private started = false;
  /** Why this phone stopped for good (see `retire`); null while it works. */
  private retired: string | null = null;

  private readonly loggedErrors = new WeakSet();
  private readonly entries: LogEntry[] = [];
  private readonly changeListeners = new Set<(snapshot: PhoneSnapshot) => void>();
  private readonly logListeners = new Set<(entry: LogEntry) => void>();

  constructor(
    private readonly backend: Backend,
    private readonly env: PhoneEnv = browserEnv(),
  ) {}

  // ---- what views read -------------------------------------------------------------------

  snapshot(): PhoneSnapshot {
    return { registration: this.registration, call: this.callState };
  }

  get log(): readonly LogEntry[] {
    return this.entries;
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
  note(level: LogEntry['level'], text: string): void {
    this.write(level, text);
  }

  onLog(listener: (entry: LogEntry) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (!DeviceImpl.isSupported) {
      this.setRegistration({
        status: 'unsupported',
        title: 'Calls unavailable',
        detail: 'This window can’t carry calls: the system web view has no WebRTC.',
        action: null,
      });
      this.write('warn', 'This web view has no WebRTC, so it cannot place or receive calls.');
      return;
    }
    this.env.network.addEventListener('online', this.onOnline);
    this.env.network.addEventListener('offline', this.onOffline);
    this.env.visibility.addEventListener('visibilitychange', this.onVisibility);
    await this.connectDevice();
  }

  /** Starts over with a fresh token and Device, e.g. after the settings changed. */
  async restart(): Promise<void> {
    if (this.retired !== null) return;
    if (!this.started) return this.start();
    if (this.registration.status === 'unsupported') return;
    if (isBusy(this.callState)) {
      this.pendingRestart = true;
      this.write('info', 'New settings will apply when this call ends.');
      return;
    }
    this.pendingRestart = false;
    this.tearDownDevice();
    await this.connectDevice();
  }

  /** Retry now, from the status bar's button. */
  async retry(): Promise<void> {
    if (this.retired !== null) return;
    this.retryAttempt = 0;
    this.clearRetry();
    if (!this.device || this.registration.status === 'error') return this.restart();
    await this.recover();
  }

  /**
   * Stops this phone for good: the calling window lost its session (a newer window took over,
   * or the app restarted), so its Device must not ring alongside the new one. A call in
   * progress goes on to its end; the Device is destroyed after it, or at once when idle.
   */
  retire(detail: string): void {
    if (this.retired !== null) return;
    this.retired = detail;
    if (isBusy(this.callState) || this.current) {
      this.write('warn', 'This window takes no new calls; the current call goes on until you hang up.');
      return;
    }
    this.shutDown(detail);
  }

  private shutDown(detail: string): void {
    this.pendingRestart = false;
    this.pendingTokenRefresh = false;
    this.tearDownDevice();
    this.env.network.removeEventListener('online', this.onOnline);
    this.env.network.removeEventListener('offline', this.onOffline);
    this.env.visibility.removeEventListener('visibilitychange', this.onVisibility);
    this.setRegistration({ status: 'error', title: 'Window closed', detail, action: null });
    this.write('warn', 'This window no longer places or takes calls.');
  }

  // ---- calls -----------------------------------------------------------------------------

  /** Why a call cannot be placed right now, in words for the dial pad; null when it can. */
  dialBlockedReason(): string | null {
    if (this.device) return null;
    return this.registration.detail || 'the phone is not connected yet.';
  }

  /** Places a call to an E.164 number (normalise first with `normalizeNumber`). */
  async dial(e164: string): Promise<void> {
    if (isBusy(this.callState)) return;
    const device = this.device;
    if (!device) {
      this.write('error', `Can’t call yet: ${this.dialBlockedReason()}`);
      return;
    }
    this.dispatch({ type: 'dial', number: e164 });
    this.write('info', `Calling ${describeParty(e164)}…`);
    const attempt = ++this.dialToken;
    this.hangingUp = false;
    let call: SdkCall;
    try {
      // 2.x reads only `params`; a bare `{ To }` would be dropped silently.
      call = await device.connect({ params: { To: e164 } });
    } catch (error) {
      if (attempt === this.dialToken) {
        this.writeError(error, 'The call could not start');
        this.dispatch({ type: 'ended' });
        this.afterCall();
      }
      return;
    }
    if (attempt !== this.dialToken || this.callState.phase !== 'connecting') {
      // Hung up while the call was being set up.
      call.disconnect();
      return;
    }
    this.attach(call);
    if (call.status() === 'closed') this.finish(call, 'Call ended.');
  }

  accept(): void {
    if (this.callState.phase !== 'incoming' || !this.current) return;
    this.dispatch({ type: 'answer' });
    this.write('info', 'Answering…');
    this.current.accept();
  }

  reject(): void {
    const call = this.current;
    if (this.callState.phase !== 'incoming' || !call) return;
    const who = describeParty(this.callState.number);
    // Finish first: the SDK emits `reject` synchronously, and our message is the better one.
    this.finish(call, `Declined the call from ${who}.`);
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
        this.dialToken++;
        this.dispatch({ type: 'ended' });
        this.write('info', 'Call cancelled.');
        this.afterCall();
      }
      return;
    }
    this.hangingUp = true;
    this.finish(call, 'Call ended.');
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
   * Sends one DTMF tone (0-9, *, #) on the connected call. The browser's DTMF sender replaces
   * tones still waiting to play when new ones are inserted, and each tone takes 230 ms
   * (160 ms tone, 70 ms gap, in the SDK), so digits pressed faster than that are queued and sent
   * together once the earlier ones have played; a timer runs only while digits wait.
   */
  sendDigit(digit: string): boolean {
    if (this.callState.phase !== 'active' || !this.current || !DTMF.test(digit)) return false;
    const now = this.env.clock.now();
    if (now >= this.digitsBusyUntil && this.queuedDigits === '') return this.playDigits(digit);
    this.queuedDigits += digit;
    if (this.digitsHandle === null) {
      this.digitsHandle = this.env.clock.setTimeout(() => {
        this.digitsHandle = null;
        const digits = this.queuedDigits;
        this.queuedDigits = '';
        if (digits && this.callState.phase === 'active') this.playDigits(digits);
      }, Math.max(0, this.digitsBusyUntil - now));
    }
    return true;
  }

  private playDigits(digits: string): boolean {
    if (!this.current) return false;
    try {
      this.current.sendDigits(digits);
      this.digitsBusyUntil = this.env.clock.now() + digits.length * DTMF_TONE_MS;
      return true;
    } catch (error) {
      this.writeError(error, 'Could not send the tone');
      return false;
    }
  }

  private clearQueuedDigits(): void {
    if (this.digitsHandle !== null) this.env.clock.clearTimeout(this.digitsHandle);
    this.digitsHandle = null;
    this.queuedDigits = '';
    this.digitsBusyUntil = 0;
  }

  // ---- the device ------------------------------------------------------------------------

  private async connectDevice(): Promise<void> {
    this.setRegistration({ status: 'starting', title: 'Starting', detail: 'Getting an access token…', action: null });
    this.write('info', 'Requesting an access token…');
    let token: TokenResponse;
    try {
      token = await this.backend.getToken();
    } catch (error) {
      this.tokenFailed(error);
      return;
    }
    this.token = token;
    this.write('info', `Got a token for “${token.identity}”.`);

    const options: DeviceOptions & SimulatorOptions = {
      // Opus first: better audio; PCMU as the fallback every gateway speaks.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the SDK's enum values are these strings
      codecPreferences: ['opus' as Call.Codec, 'pcmu' as Call.Codec],
      closeProtection: 'A call is in progress. Leaving will hang up.',
      allowIncomingWhileBusy: false,
      sounds: soundUrls(this.env.baseUrl),
      tokenRefreshMs: 60_000,
      appName: 'dialtone',
      appVersion: __APP_VERSION__,
      // Only in `npm run build:sim`: the Twilio simulator of the end-to-end tests.
      ...(__DIALTONE_SIGNALING__ === null ? {} : { chunderw: __DIALTONE_SIGNALING__, eventgw: __DIALTONE_SIGNALING__ }),
    };
    let device: SdkDevice;
    try {
      device = new DeviceImpl(token.token, options);
    } catch (error) {
      this.writeError(error, 'The phone could not start');
      const { message } = errorParts(error);
      this.setRegistration({ status: 'error', title: 'Error', detail: message, action: 'retry' });
      return;
    }
    this.device = device;
    this.bindDevice(device);
    this.register();
  }

  /** Says why there is no token, and what to do; waits and retries when rate limited. */
  private tokenFailed(error: unknown): void {
    const e = toBackendError(error);
    const trouble = explainTokenError(e, this.backend.canEditSettings);
    this.setRegistration({ status: 'error', ...trouble.registration, cause: e.kind });
    this.write('error', trouble.log, { fix: trouble.fix });
    if (e.kind === 'rate_limited') {
      // One later attempt, never a loop of immediate ones.
      this.clearRetry();
      this.retryHandle = this.env.clock.setTimeout(() => {
        this.retryHandle = null;
        void this.restart();
      }, Math.max(e.retryAfterMs ?? 0, RATE_LIMIT_WAIT_MS));
    }
  }

  private bindDevice(device: SdkDevice): void {
    // Events from a Device we already replaced are ignored.
    const mine =
      (fn: Listener): Listener =>
      (...args: unknown[]) => {
        if (this.device === device) fn(...args);
      };
    device.on('registering', mine(() => {
      this.setRegistration({ status: 'registering', title: 'Registering', detail: 'Connecting to Twilio…', action: null });
    }));
    device.on('registered', mine(() => {
      this.clearRetry();
      this.retryAttempt = 0;
      this.offlineLogged = false;
      const identity = device.identity ?? this.token?.identity ?? '';
      this.setRegistration({
        status: 'ready',
        title: 'Ready',
        detail: identity ? `Calls to “${identity}” ring here.` : 'Ready for calls.',
        action: null,
      });
      this.write('info', 'Ready: registered with Twilio.');
    }));
    device.on('unregistered', mine(() => {
      if (this.stopping) return;
      this.goOffline('Lost the connection to Twilio; reconnecting…');
    }));
    device.on('error', mine(((error: unknown, call?: SdkCall) => this.onDeviceError(error, call))));
    device.on('incoming', mine(((call: SdkCall) => this.onIncoming(call))));
    device.on('tokenWillExpire', mine(() => {
      void this.refreshToken('The access token is about to expire');
    }));
  }

  private register(): void {
    const device = this.device;
    if (!device || device.state !== 'unregistered') return;
    device.register().catch((error: unknown) => {
      // The same failure also arrives as an `error` event, which explains it; here we
      // only make sure a failed attempt is retried while offline.
      if (this.device !== device) return;
      const { code } = errorParts(error);
      if (code !== null && OFFLINE_CODES.has(code)) this.scheduleRetry();
    });
  }

  private onDeviceError(error: unknown, call?: SdkCall): void {
    const { code, message } = errorParts(error);
    if (call && call === this.current) {
      this.onCallError(call, error);
      return;
    }
    // Without a call, a connection error while not registered means Twilio is out of reach
    // (31000/31005 are what the SDK reports when the WebSocket cannot even open).
    const unreachable =
      code !== null &&
      (OFFLINE_CODES.has(code) || ((code === 31000 || code === 31005) && this.device?.state !== 'registered'));
    if (unreachable) {
      const explained = explainError(OFFLINE_CODES.has(code) ? code : 53000, message);
      if (typeof error === 'object' && error !== null) this.loggedErrors.add(error);
      // While offline the SDK keeps retrying and reports every failure: log the first only.
      if (!this.offlineLogged) {
        this.offlineLogged = true;
        this.write('error', `${explained.title} (${code}). ${explained.what}`, { fix: explained.fix, code });
      }
      this.goOffline(explained.what);
      return;
    }
    if (code !== null && TOKEN_CODES.has(code)) {
      this.logErrorOnce(error);
      const now = this.env.clock.now();
      // A fresh token that is rejected at once will be rejected again: stop and explain.
      if (now - this.lastTokenErrorRefresh < 60_000 || code === 20101 || code === 20151 || code === 31204) {
        const explained = explainError(code, message);
        this.setRegistration({ status: 'error', title: explained.title, detail: explained.what, action: 'settings' });
        return;
      }
      this.lastTokenErrorRefresh = now;
      void this.refreshToken('Twilio says the access token expired').then((ok) => {
        if (ok) this.register();
      });
      return;
    }
    this.logErrorOnce(error);
    if (this.device && this.device.state !== 'registered' && !isBusy(this.callState)) {
      const explained = explainError(code, message);
      this.setRegistration({ status: 'error', title: explained.title, detail: explained.what, action: 'retry' });
    }
  }

  private goOffline(detail: string): void {
    if (this.registration.status !== 'offline') {
      this.setRegistration({ status: 'offline', title: 'Offline', detail, action: 'retry' });
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryHandle !== null || !this.device) return;
    const delay = RETRY_DELAYS_MS[Math.min(this.retryAttempt, RETRY_DELAYS_MS.length - 1)]!;
    this.retryAttempt++;
    this.retryHandle = this.env.clock.setTimeout(() => {
      this.retryHandle = null;
      void this.recover();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryHandle !== null) this.env.clock.clearTimeout(this.retryHandle);
    this.retryHandle = null;
  }

  /** Gets back to `registered` after a drop, a sleep or a network change. */
  private async recover(): Promise<void> {
    const device = this.device;
    if (!device || device.state === 'registered') {
      this.clearRetry();
      return;
    }
    if (this.registration.status !== 'offline') {
      this.setRegistration({ status: 'offline', title: 'Offline', detail: 'Reconnecting to Twilio…', action: 'retry' });
    }
    // Keep one retry pending until `registered` clears it.
    this.scheduleRetry();
    if (this.tokenExpiresSoon()) {
      const ok = await this.refreshToken('The access token expired while offline');
      if (!ok || this.device !== device) return;
    }
    this.register();
  }

  private tokenExpiresSoon(): boolean {
    return this.token !== null && this.token.expiresAt * 1000 - this.env.clock.now() < TOKEN_MARGIN_MS;
  }

  /** Renews the token; waits for the end of an active call. Resolves true when renewed. */
  private refreshToken(why: string): Promise<boolean> {
    if (isBusy(this.callState)) {
      if (!this.pendingTokenRefresh) {
        this.pendingTokenRefresh = true;
        this.write('info', `${why}; it will be renewed when this call ends.`);
      }
      return Promise.resolve(false);
    }
    if (this.refreshing) return this.refreshing;
    this.pendingTokenRefresh = false;
    this.write('info', `${why}; renewing it…`);
    const device = this.device;
    this.refreshing = this.backend
      .getToken()
      .then((token) => {
        if (!device || this.device !== device) return false;
        this.token = token;
        device.updateToken(token.token);
        this.write('info', 'Access token renewed.');
        return true;
      })
      .catch((error: unknown) => {
        const { message, kind } = toBackendError(error);
        if (kind === 'session') {
          // Nothing this window can do will bring the session back.
          this.tokenFailed(error);
          return false;
        }
        this.write('error', `Could not renew the access token: ${message}`, {
          fix: 'Check your Twilio details in Settings.',
        });
        if (this.token && this.token.expiresAt * 1000 <= this.env.clock.now()) {
          this.setRegistration({
            status: 'error',
            title: 'Token expired',
            detail: `The access token expired and could not be renewed: ${message}`,
            action: 'settings',
          });
        }
        return false;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private readonly onOnline = (): void => {
    this.write('info', 'The network is back.');
    this.retryAttempt = 0;
    this.clearRetry();
    void this.recover();
  };

  private readonly onOffline = (): void => {
    if (!this.device) return;
    this.write('warn', 'The computer went offline.');
    this.goOffline('Your computer is offline. Calls will work again when the network is back.');
  };

  private readonly onVisibility = (): void => {
    if (this.env.visibility.visibilityState !== 'visible' || !this.device) return;
    // Back from sleep or a hidden window: timers may not have fired while away.
    if (this.tokenExpiresSoon() && !isBusy(this.callState)) {
      void this.refreshToken('The access token expired while the computer slept').then((ok) => {
        if (ok) void this.recover();
      });
      return;
    }
    if (this.device.state !== 'registered') {
      this.retryAttempt = 0;
      this.clearRetry();
      void this.recover();
    }
  };

  private tearDownDevice(): void {
    this.clearRetry();
    const device = this.device;
    this.device = null;
    if (!device) return;
    this.stopping = true;
    try {
      device.destroy();
    } catch {
      // Destroying twice or mid-registration is harmless for us.
    } finally {
      this.stopping = false;
    }
  }

  // ---- calls, internals ------------------------------------------------------------------

  private onIncoming(call: SdkCall): void {
    const from = call.parameters.From ?? '';
    if (isBusy(this.callState) || this.current) {
      // Never let a second call disturb the first.
      try {
        call.reject();
      } catch {
        // Already gone: nothing to reject.
      }
      this.write('warn', `Rejected a second incoming call from ${describeParty(from)}: already on a call.`);
      return;
    }
    this.current = call;
    this.attach(call);
    this.dispatch({ type: 'incoming', number: from });
    this.write('info', `Incoming call from ${describeParty(from)}.`);
  }

  /** Subscribes to one call; the returned detach runs when it ends, so nothing piles up. */
  private attach(call: SdkCall): void {
    this.detachCall?.();
    this.current = call;
    const handlers: CallHandlers = {
      ringing: () => {
        this.dispatch({ type: 'ringing' });
        this.write('info', 'Ringing…');
      },
      accept: () => {
        this.dispatch({ type: 'accepted', at: this.env.clock.now() });
        this.write('info', 'Call connected.');
      },
      disconnect: () => {
        const remote = !this.hangingUp;
        this.finish(call, remote ? 'The other side hung up. Call ended.' : 'Call ended.');
      },
      cancel: () => {
        const who = this.callState.phase === 'idle' ? 'the caller' : describeParty(this.callState.number);
        this.finish(call, `Missed call from ${who}: the caller hung up before you answered.`);
      },
      reject: () => {
        this.finish(call, 'Call declined.');
      },
      mute: ((muted: boolean) => {
        this.dispatch({ type: 'muted', muted });
      }),
      reconnecting: ((error: unknown) => {
        this.dispatch({ type: 'reconnecting' });
        const { message } = errorParts(error);
        this.write('warn', `The call’s audio dropped; reconnecting… (${message || 'network change'})`);
      }),
      reconnected: () => {
        this.dispatch({ type: 'reconnected' });
        this.write('info', 'The call’s audio is back.');
      },
      error: ((error: unknown) => this.onCallError(call, error)),
    };
    for (const [event, handler] of Object.entries(handlers)) call.on(event, handler);
    this.detachCall = () => {
      for (const [event, handler] of Object.entries(handlers)) call.removeListener(event, handler);
    };
  }

  private onCallError(call: SdkCall, error: unknown): void {
    this.logErrorOnce(error);
    if (call === this.current && call.status() === 'closed') this.finish(call, 'Call ended after an error.');
  }

  private finish(call: SdkCall, message: string): void {
    if (call !== this.current) return;
    this.clearQueuedDigits();
    this.detachCall?.();
    this.detachCall = null;
    this.current = null;
    this.hangingUp = false;
    this.dispatch({ type: 'ended' });
    this.write('info', message);
    this.afterCall();
  }

  /** Work deferred while a call was up. */
  private afterCall(): void {
    if (this.retired !== null) {
      this.shutDown(this.retired);
      return;
    }
    if (this.pendingRestart) {
      void this.restart();
      return;
    }
    if (this.pendingTokenRefresh) {
      void this.refreshToken('Renewing the access token after the call').then((ok) => {
        if (ok && this.device?.state === 'unregistered') this.register();
      });
    }
  }

  // ---- state and log ---------------------------------------------------------------------

  private dispatch(event: CallEvent): void {
    const next = nextCallState(this.callState, event);
    if (next === this.callState) return;
    this.callState = next;
    this.emitChange();
  }

  private setRegistration(registration: Registration): void {
    const r = this.registration;
    if (r.status === registration.status && r.detail === registration.detail && r.action === registration.action && r.title === registration.title) return;
    this.registration = registration;
    this.emitChange();
  }

  private emitChange(): void {
    const snapshot = this.snapshot();
    for (const listener of this.changeListeners) listener(snapshot);
  }

  private logErrorOnce(error: unknown): void {
    if (typeof error === 'object' && error !== null) {
      if (this.loggedErrors.has(error)) return;
      this.loggedErrors.add(error);
    }
    this.writeError(error);
  }

  private writeError(error: unknown, prefix?: string): void {
    const { code, message } = errorParts(error);
    const explained = explainError(code, message);
    const head = code !== null ? `${explained.title} (${code})` : explained.title;
    const text = prefix ? `${prefix}: ${head}. ${explained.what}` : `${head}. ${explained.what}`;
    this.write('error', text, { fix: explained.fix, ...(code !== null ? { code } : {}) });
  }

  private write(level: LogEntry['level'], text: string, extra: { fix?: string; code?: number } = {}): void {
    const entry: LogEntry = { at: this.env.clock.now(), level, text, ...extra };
    this.entries.push(entry);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
    for (const listener of this.logListeners) listener(entry);
  }
}
