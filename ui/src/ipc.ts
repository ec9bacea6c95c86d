// The only module that talks to the Rust side. Everything else goes through `Backend`.
//
// Two transports carry the same contract (see contract.ts):
// - Tauri IPC inside the app window (the only place `invoke` is called);
// - plain HTTP for the calling window that the app serves on loopback for browsers
//   (Linux, where the webview has no WebRTC). That page is same-origin with the API and
//   authenticated by a cookie, so requests carry no credentials of their own.

import { t } from './i18n/i18n';
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import {
  BACKEND_ERROR_KINDS,
  CLIENT_ERROR_KINDS,
  FIELD_NAMES,
  type CommandError,
  type ErrorKind,
  type FieldName,
  type ImportResult,
  type WebhookStatus,
  type PhoneCommand,
  type PhoneStatus,
  type SettingsChanges,
  type SettingsStatus,
  type TokenResponse,
  type WindowStatus,
} from './contract';

export interface Backend {
  readonly kind: 'tauri' | 'http';
  /** False where settings are read-only (the browser calling window). */
  readonly canEditSettings: boolean;
  getToken(): Promise<TokenResponse>;
  settingsStatus(): Promise<SettingsStatus>;
  saveSettings(changes: SettingsChanges): Promise<SettingsStatus>;
  importEnv(contents: string): Promise<ImportResult>;
  webhookStatus(): Promise<WebhookStatus>;
  /**
   * Calls `listener` whenever the webhook listener changes (state, error, last webhook), so an
   * open settings panel stays current without polling. Resolves to a function that stops.
   */
  onWebhookStatus(listener: (status: WebhookStatus) => void): Promise<() => void>;
  /** Tells Rust the phone's state (registration, the call), so the tray, notifications and the journal know it. */
  reportPhoneStatus(status: PhoneStatus): Promise<void>;
  /**
   * Calls `listener` with each command Rust sends the phone (answer, hang up, dial…). Over HTTP
   * they arrive on the event stream, so only while `openEvents` runs. Resolves to a stop function.
   */
  onPhoneCommand(listener: (command: PhoneCommand) => void): Promise<() => void>;
}

/** Where the window that carries calls reports the phone's state. */
export type PhoneStatusSink = Pick<Backend, 'reportPhoneStatus'>;

/**
 * The commands the UI may invoke: the TypeScript side of `src-tauri/desktop/command_table.rs`
 * (tests/contract.rs checks that both tables and the capability file name the same commands).
 */
export const COMMANDS = {
  getToken: 'get_token',
  settingsStatus: 'settings_status',
  saveSettings: 'save_settings',
  importEnv: 'import_env',
  webhookStatus: 'webhook_status',
  reportPhoneStatus: 'report_phone_status',
  openCallingWindow: 'open_calling_window',
  callingWindowStatus: 'calling_window_status',
} as const;

type Command = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The native window's side of the calling window (Tauri only). */
export interface CallingWindowControl {
  /** Opens (or reopens) the calling window in a browser. */
  openCallingWindow(): Promise<WindowStatus>;
  callingWindowStatus(): Promise<WindowStatus>;
  /** Calls `listener` on every change; resolves to a function that stops listening. */
  onCallingWindow(listener: (status: WindowStatus) => void): Promise<() => void>;
}

/** The calling window page's side (HTTP only). */
export interface CallingWindowLink extends PhoneStatusSink {
  /**
   * Opens the event stream; the app counts the window as open while it is. `open` runs on
   * every (re)connection, since the app forgets the last report when the stream drops;
   * `settings` when the app says the settings changed (event `settings`). The stream's
   * `webhook` events feed `onWebhookStatus`.
   */
  openEvents(handlers: EventHandlers): () => void;
  /** Runs once when any request finds the session gone (HTTP 401). */
  onSessionLost(listener: () => void): void;
}

export interface EventHandlers {
  open(): void;
  settings(): void;
}

/** A rejected command, always in the contract's `{kind, message, field?}` shape. */
export class BackendError extends Error implements CommandError {
  readonly kind: ErrorKind;
  readonly field?: FieldName;
  /** For `rate_limited`: how long to wait before asking again. */
  readonly retryAfterMs?: number;

  constructor(kind: ErrorKind, message: string, field?: FieldName, retryAfterMs?: number) {
    super(message);
    this.name = 'BackendError';
    this.kind = kind;
    if (field !== undefined) this.field = field;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}


const ERROR_KINDS: readonly string[] = [...BACKEND_ERROR_KINDS, ...CLIENT_ERROR_KINDS];

function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && ERROR_KINDS.includes(value);
}

function isFieldName(value: unknown): value is FieldName {
  return typeof value === 'string' && (FIELD_NAMES as readonly string[]).includes(value);
}

/** Turns whatever a transport rejected with into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (typeof error === 'object' && error !== null) {
    const { kind, message, field } = error as Record<string, unknown>;
    if (typeof message === 'string') {
      return new BackendError(
        isErrorKind(kind) ? kind : 'error',
        message,
        isFieldName(field) ? field : undefined,
      );
    }
  }
  if (typeof error === 'string') return new BackendError('error', error);
  if (error instanceof Error) return new BackendError('error', error.message);
  return new BackendError('error', t('ipc-unexpected-answer'));
}

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toBackendError(error);
  }
}

/** The events the Rust side emits to the app window, with their payloads. */
interface AppEvents {
  'webhook-status': WebhookStatus;
  'phone-status': PhoneStatus | null;
  'phone-command': PhoneCommand;
  'calling-window': WindowStatus;
}

/** Calls `listener` with each payload of the app's event `name`; resolves to a stop function. */
async function follow<K extends keyof AppEvents>(name: K, listener: (payload: AppEvents[K]) => void): Promise<() => void> {
  try {
    return await listen<AppEvents[K]>(name, (event) => listener(event.payload));
  } catch (error) {
    throw toBackendError(error);
  }
}

export class TauriBackend implements Backend, CallingWindowControl {
  readonly kind = 'tauri' as const;
  readonly canEditSettings = true;

  getToken(): Promise<TokenResponse> {
    return call(COMMANDS.getToken);
  }
  settingsStatus(): Promise<SettingsStatus> {
    return call(COMMANDS.settingsStatus);
  }
  saveSettings(changes: SettingsChanges): Promise<SettingsStatus> {
    return call(COMMANDS.saveSettings, { changes });
  }
  importEnv(contents: string): Promise<ImportResult> {
    return call(COMMANDS.importEnv, { contents });
  }
  webhookStatus(): Promise<WebhookStatus> {
    return call(COMMANDS.webhookStatus);
  }
  onWebhookStatus(listener: (status: WebhookStatus) => void): Promise<() => void> {
    return follow('webhook-status', listener);
  }
  reportPhoneStatus(status: PhoneStatus): Promise<void> {
    return call(COMMANDS.reportPhoneStatus, { status });
  }
  onPhoneCommand(listener: (command: PhoneCommand) => void): Promise<() => void> {
    return follow('phone-command', (command) => {
      const checked = asPhoneCommand(command);
      if (checked) listener(checked);
    });
  }
  openCallingWindow(): Promise<WindowStatus> {
    return call(COMMANDS.openCallingWindow);
  }
  callingWindowStatus(): Promise<WindowStatus> {
    return call(COMMANDS.callingWindowStatus);
  }
  onCallingWindow(listener: (status: WindowStatus) => void): Promise<() => void> {
    return follow('calling-window', listener);
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The event stream's events: the connection's own, then the app's named ones. */
export type StreamEvent = 'open' | 'error' | 'settings' | 'webhook' | 'command';

/** The part of `EventSource` we use, so unit tests can pass their own. */
export interface EventStream {
  readonly readyState: number;
  addEventListener(type: StreamEvent, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

const COMMAND_ACTIONS: ReadonlySet<string> = new Set(['dial', 'answer', 'decline', 'hangUp', 'toggleMute']);

/** A command as Rust sends it, or null for anything else. */
export function asPhoneCommand(value: unknown): PhoneCommand | null {
  if (typeof value !== 'object' || value === null) return null;
  const { action, number, now } = value as Record<string, unknown>;
  if (typeof action !== 'string' || !COMMAND_ACTIONS.has(action)) return null;
  if (action === 'dial') {
    return typeof number === 'string' && typeof now === 'boolean' ? { action, number, now } : null;
  }
  return { action } as PhoneCommand;
}

const EVENT_STREAM_CLOSED = 2;
/** After the server refused the event stream (not a network drop), wait this long to retry. */
const EVENTS_RETRY_MS = [5_000, 15_000, 60_000] as const;

export class HttpBackend implements Backend, CallingWindowLink {
  readonly kind = 'http' as const;
  readonly canEditSettings = false;
  private sessionLost = false;
  private readonly sessionListeners: (() => void)[] = [];
  private readonly webhookStatusListeners = new Set<(status: WebhookStatus) => void>();
  private readonly commandListeners = new Set<(command: PhoneCommand) => void>();

  constructor(
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly base = '',
    private readonly eventStream: (url: string) => EventStream = (url) => new EventSource(url),
  ) {}

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.base}${path}`, {
        ...init,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
      });
    } catch {
      throw new BackendError('network', t('ipc-unreachable'));
    }
    if (response.status === 401) {
      this.loseSession();
      throw new BackendError('session', t('session-lost'));
    }
    let body: unknown = null;
    if (response.status !== 204) {
      try {
        body = await response.json();
      } catch {
        // An empty or non-JSON body is reported below by status.
      }
    }
    if (!response.ok) {
      if (response.status === 429) {
        const seconds = Number(response.headers.get('Retry-After'));
        const said = toBackendError(body);
        const message = said.kind === 'rate_limited' ? said.message : 'too many requests; wait a few seconds';
        throw new BackendError('rate_limited', message, undefined, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 6_000);
      }
      const error = toBackendError(body);
      if (error.kind === 'error' && body === null) {
        throw new BackendError(response.status === 403 ? 'forbidden' : 'http', t('ipc-http-status', { status: response.status }));
      }
      throw error;
    }
    return body as T;
  }

  private loseSession(): void {
    if (this.sessionLost) return;
    this.sessionLost = true;
    for (const listener of this.sessionListeners) listener();
  }

  private readOnly(): Promise<never> {
    return Promise.reject(
      new BackendError('read_only', t('ipc-read-only')),
    );
  }

  getToken(): Promise<TokenResponse> {
    return this.request('/api/token');
  }
  settingsStatus(): Promise<SettingsStatus> {
    return this.request('/api/settings');
  }
  saveSettings(): Promise<SettingsStatus> {
    return this.readOnly();
  }
  importEnv(): Promise<ImportResult> {
    return this.readOnly();
  }
  webhookStatus(): Promise<WebhookStatus> {
    return this.request('/api/webhook');
  }
  /** Fed by the event stream's `webhook` event, so only while `openEvents` runs. */
  onWebhookStatus(listener: (status: WebhookStatus) => void): Promise<() => void> {
    this.webhookStatusListeners.add(listener);
    return Promise.resolve(() => {
      this.webhookStatusListeners.delete(listener);
    });
  }

  /** The event only says "changed"; the status itself is read like any other request. */
  private webhookChanged(): void {
    if (this.webhookStatusListeners.size === 0) return;
    this.webhookStatus().then(
      (status) => {
        for (const listener of this.webhookStatusListeners) listener(status);
      },
      () => undefined, // The panel keeps what it showed; its refresh button says what is wrong.
    );
  }

  async reportPhoneStatus(report: PhoneStatus): Promise<void> {
    await this.request('/api/state', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    });
  }

  openEvents(handlers: EventHandlers): () => void {
    let stream: EventStream | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let stopped = false;
    const connect = (): void => {
      retry = null;
      if (stopped || this.sessionLost) return;
      const current = this.eventStream(`${this.base}/api/events`);
      stream = current;
      current.addEventListener('open', () => {
        attempt = 0;
        handlers.open();
      });
      current.addEventListener('settings', () => handlers.settings());
      current.addEventListener('webhook', () => this.webhookChanged());
      current.addEventListener('command', (event) => this.commandArrived(event.data));
      current.addEventListener('error', () => {
        // A dropped connection (app restarting, network) is retried by the browser itself.
        // CLOSED means the server refused the stream: find out why with an ordinary request,
        // which reports a lost session, and otherwise try again later.
        if (current.readyState !== EVENT_STREAM_CLOSED || stopped || stream !== current) return;
        void this.settingsStatus().catch(() => undefined).finally(() => {
          if (stopped || this.sessionLost || retry !== null) return;
          const delay = EVENTS_RETRY_MS[Math.min(attempt, EVENTS_RETRY_MS.length - 1)]!;
          attempt++;
          retry = setTimeout(connect, delay);
        });
      });
    };
    this.onSessionLost(() => stream?.close());
    connect();
    return () => {
      stopped = true;
      if (retry !== null) clearTimeout(retry);
      stream?.close();
    };
  }

  onSessionLost(listener: () => void): void {
    if (this.sessionLost) listener();
    else this.sessionListeners.push(listener);
  }

  /** Fed by the event stream's `command` events, so only while `openEvents` runs. */
  onPhoneCommand(listener: (command: PhoneCommand) => void): Promise<() => void> {
    this.commandListeners.add(listener);
    return Promise.resolve(() => {
      this.commandListeners.delete(listener);
    });
  }

  private commandArrived(data: unknown): void {
    let parsed: unknown = null;
    try {
      parsed = typeof data === 'string' ? JSON.parse(data) : null;
    } catch {
      return;
    }
    const command = asPhoneCommand(parsed);
    if (!command) return;
    for (const listener of this.commandListeners) listener(command);
  }
}

/** Tauri inside the app window, HTTP in a browser. */
export function pickBackend(win: object = window): Backend {
  return '__TAURI_INTERNALS__' in win ? new TauriBackend() : new HttpBackend();
}
