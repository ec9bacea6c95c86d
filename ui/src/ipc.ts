// The only module that talks to the Rust side. Everything else goes through `Backend`.
//
// Two transports carry the same contract (see contract.ts):
// - Tauri IPC inside the app window (the only place `invoke` is called);
// - plain HTTP for the calling window that the app serves on loopback for browsers
//   (Linux, where the webview has no WebRTC). That page is same-origin with the API and
//   authenticated by a cookie, so requests carry no credentials of their own.

import { t } from './i18n/i18n';
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import {
  BACKEND_ERROR_KINDS,
  CLIENT_ERROR_KINDS,
  FIELD_NAMES,
  type AccountOverview,
  type AccountQuery,
  type CommandError,
  type Contact,
  type ContactDraft,
  type ConnectQuery,
  type ConnectResult,
  type DisconnectResult,
  type SetupStatus,
  type WiringReport,
  type ErrorKind,
  type ClearReport,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryStatus,
  type ImportReport as ContactsImportReport,
  type SavedFile,
  type VoicemailAudio,
  type VoicemailEntry,
  type FieldName,
  type ImportResult,
  type WebhookStatus,
  type PhoneCommand,
  type OpenAt,
  type PhoneStatus,
  type SettingsChanges,
  type SettingsStatus,
  type TokenResponse,
  type WindowStatus,
} from './contract';

export interface Backend {
  readonly kind: 'tauri' | 'http';
  /** False where settings are read-only. Both windows may change them now. */
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
   * they arrive on the event stream, so only while `openEvents` runs. A number that waited for
   * a phone window (handed in before this window listened) comes first: over HTTP the stream
   * sends it when it opens, in the app window it is taken with `take_waiting_dial`. Either way
   * it reaches one window once. Resolves to a stop function.
   */
  onPhoneCommand(listener: (command: PhoneCommand) => void): Promise<() => void>;
  /**
   * Calls `listener` when a notification was clicked, with where it opens the phone. Over HTTP
   * it arrives on the event stream, so only while `openEvents` runs. Resolves to a stop function.
   */
  onOpenAt(listener: (at: OpenAt) => void): Promise<() => void>;
  /**
   * Calls `listener` when the call journal changed, whoever wrote it (a webhook, the phone,
   * `dialtone contacts import`, another window): the lists and badges read it again. Rust looks
   * every two seconds; a burst of writes is one call. Over HTTP it arrives on the event stream,
   * so only while `openEvents` runs. Resolves to a stop function.
   */
  onJournalChanged(listener: () => void): Promise<() => void>;
}

/**
 * Recents, voicemail and contacts: the call journal Rust keeps (src-tauri/journal), on both
 * transports. Rust fetches recordings with the API key and hands the page only their bytes.
 */
export interface JournalBackend {
  /** Whether history can be kept, and why not. */
  historyStatus(): Promise<HistoryStatus>;
  /** The calls, newest first (the same entries as `dialtone history --json`). */
  callHistory(filter?: HistoryFilter): Promise<HistoryEntry[]>;
  /** Clears recents: every call goes; voicemail and contacts stay, and Twilio's list does not bring them back. */
  clearCallHistory(): Promise<ClearReport>;
  voicemails(): Promise<VoicemailEntry[]>;
  /** The message's audio, for an `<audio>` element through a Blob URL. */
  voicemailAudio(recordingSid: string): Promise<VoicemailAudio>;
  markVoicemailHeard(recordingSid: string, heard: boolean): Promise<void>;
  /** Saves the audio into the Downloads folder. */
  saveVoicemail(recordingSid: string): Promise<SavedFile>;
  /** Deletes it in Twilio, then here; if Twilio cannot be reached it stays, to try again. */
  deleteVoicemail(recordingSid: string): Promise<void>;
  /** An MP3 or WAV file's bytes: callers hear it instead of the spoken greeting. */
  setVoicemailGreeting(audio: Uint8Array): Promise<HistoryStatus>;
  clearVoicemailGreeting(): Promise<HistoryStatus>;
  /** Every contact, or those whose name or number matches `query`. */
  contacts(query?: string): Promise<Contact[]>;
  addContact(draft: ContactDraft): Promise<Contact>;
  editContact(id: number, draft: ContactDraft): Promise<Contact>;
  deleteContact(id: number): Promise<void>;
  /** A vCard file's bytes (2.1, 3.0 or 4.0). */
  importContacts(vcard: Uint8Array): Promise<ContactsImportReport>;
  /** The contact's name for a number the phone shows, or null. */
  callerName(number: string): Promise<string | null>;
}

/** Where the window that carries calls reports the phone's state. */
export type PhoneStatusSink = Pick<Backend, 'reportPhoneStatus'>;

/**
 * The set-up wizard's side of the contract (`src-tauri/backend/wizard.rs`), in either window:
 * the Auth Token goes in, and nothing that comes back holds a secret.
 */
export interface SetupBackend {
  /** What set-up did, from its record: no Twilio request. */
  setupStatus(): Promise<SetupStatus>;
  /** Checks the Account SID and Auth Token with Twilio (nothing saved) and lists the numbers. */
  setupAccount(query: AccountQuery): Promise<AccountOverview>;
  /** Creates the key and the TwiML App, binds the number, saves everything. */
  setupConnect(query: ConnectQuery): Promise<ConnectResult>;
  /** Gives the number back its old configuration, deletes the key and the app. */
  setupDisconnect(): Promise<DisconnectResult>;
  /** The remote wiring checks (Twilio requests). */
  checkWiring(): Promise<WiringReport>;
  /** "Fix it": set-up again with the saved values, then the checks again. */
  repairWiring(takeOver: boolean): Promise<WiringReport>;
  /** The outgoing caller ID, among the account's numbers and verified caller IDs. */
  setCallerId(callerId: string): Promise<SetupStatus>;
}

/** What the views get: the phone's backend and the wizard's. */
export type AppBackend = Backend & SetupBackend & JournalBackend;

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
  historyStatus: 'history_status',
  callHistory: 'call_history',
  clearCallHistory: 'clear_call_history',
  voicemails: 'voicemails',
  voicemailAudio: 'voicemail_audio',
  markVoicemailHeard: 'mark_voicemail_heard',
  saveVoicemail: 'save_voicemail',
  deleteVoicemail: 'delete_voicemail',
  setVoicemailGreeting: 'set_voicemail_greeting',
  clearVoicemailGreeting: 'clear_voicemail_greeting',
  contacts: 'contacts',
  addContact: 'add_contact',
  editContact: 'edit_contact',
  deleteContact: 'delete_contact',
  importContacts: 'import_contacts',
  callerName: 'caller_name',
  takeWaitingDial: 'take_waiting_dial',
  setupAccount: 'setup_account',
  setupConnect: 'setup_connect',
  setupDisconnect: 'setup_disconnect',
  setupStatus: 'setup_status',
  checkWiring: 'check_wiring',
  repairWiring: 'repair_wiring',
  setCallerId: 'set_caller_id',
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

/** What the bytes of a recording are: WAV starts with RIFF, anything else Twilio sends is MP3. */
export function audioType(bytes: ArrayBuffer): string {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return String.fromCharCode(...head) === 'RIFF' ? 'audio/wav' : 'audio/mpeg';
}

async function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
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
  'open-at': unknown;
  'journal-changed': null;
}

/** Calls `listener` with each payload of the app's event `name`; resolves to a stop function. */
async function follow<K extends keyof AppEvents>(name: K, listener: (payload: AppEvents[K]) => void): Promise<() => void> {
  try {
    return await listen<AppEvents[K]>(name, (event) => listener(event.payload));
  } catch (error) {
    throw toBackendError(error);
  }
}

export class TauriBackend implements Backend, SetupBackend, CallingWindowControl, JournalBackend {
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
  /**
   * A `dial` event only says a number is waiting: it is taken from Rust, so a number is
   * filled in once even when the event and the first take cross (the take after listening
   * picks up one that came before).
   */
  async onPhoneCommand(listener: (command: PhoneCommand) => void): Promise<() => void> {
    const takeDial = (): void => {
      call<unknown>(COMMANDS.takeWaitingDial).then(
        (waiting) => {
          const command = asPhoneCommand(waiting);
          if (command?.action === 'dial') listener(command);
        },
        () => undefined, // Nothing to fill in; the command itself has no answer to report.
      );
    };
    const stop = await follow('phone-command', (command) => {
      const checked = asPhoneCommand(command);
      if (checked?.action === 'dial') takeDial();
      else if (checked) listener(checked);
    });
    takeDial();
    return stop;
  }
  onOpenAt(listener: (at: OpenAt) => void): Promise<() => void> {
    return follow('open-at', (payload) => {
      const at = asOpenAt(payload);
      if (at) listener(at);
    });
  }
  onJournalChanged(listener: () => void): Promise<() => void> {
    return follow('journal-changed', () => listener());
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
  historyStatus(): Promise<HistoryStatus> {
    return call(COMMANDS.historyStatus);
  }
  callHistory(filter: HistoryFilter = {}): Promise<HistoryEntry[]> {
    return call(COMMANDS.callHistory, { filter });
  }
  clearCallHistory(): Promise<ClearReport> {
    return call(COMMANDS.clearCallHistory);
  }
  voicemails(): Promise<VoicemailEntry[]> {
    return call(COMMANDS.voicemails);
  }
  async voicemailAudio(recordingSid: string): Promise<VoicemailAudio> {
    const bytes = await call<ArrayBuffer>(COMMANDS.voicemailAudio, { recordingSid });
    return { contentType: audioType(bytes), bytes };
  }
  markVoicemailHeard(recordingSid: string, heard: boolean): Promise<void> {
    return call(COMMANDS.markVoicemailHeard, { recordingSid, heard });
  }
  saveVoicemail(recordingSid: string): Promise<SavedFile> {
    return call(COMMANDS.saveVoicemail, { recordingSid });
  }
  deleteVoicemail(recordingSid: string): Promise<void> {
    return call(COMMANDS.deleteVoicemail, { recordingSid });
  }
  /** The bytes travel as the raw request body, not as a JSON array of numbers. */
  setVoicemailGreeting(audio: Uint8Array): Promise<HistoryStatus> {
    return call(COMMANDS.setVoicemailGreeting, audio);
  }
  clearVoicemailGreeting(): Promise<HistoryStatus> {
    return call(COMMANDS.clearVoicemailGreeting);
  }
  contacts(query?: string): Promise<Contact[]> {
    return call(COMMANDS.contacts, query === undefined ? {} : { query });
  }
  addContact(draft: ContactDraft): Promise<Contact> {
    return call(COMMANDS.addContact, { draft });
  }
  editContact(id: number, draft: ContactDraft): Promise<Contact> {
    return call(COMMANDS.editContact, { id, draft });
  }
  deleteContact(id: number): Promise<void> {
    return call(COMMANDS.deleteContact, { id });
  }
  importContacts(vcard: Uint8Array): Promise<ContactsImportReport> {
    return call(COMMANDS.importContacts, vcard);
  }
  callerName(number: string): Promise<string | null> {
    return call(COMMANDS.callerName, { number });
  }
  setupStatus(): Promise<SetupStatus> {
    return call(COMMANDS.setupStatus);
  }
  setupAccount(query: AccountQuery): Promise<AccountOverview> {
    return call(COMMANDS.setupAccount, { query });
  }
  setupConnect(query: ConnectQuery): Promise<ConnectResult> {
    return call(COMMANDS.setupConnect, { query });
  }
  setupDisconnect(): Promise<DisconnectResult> {
    return call(COMMANDS.setupDisconnect);
  }
  checkWiring(): Promise<WiringReport> {
    return call(COMMANDS.checkWiring);
  }
  repairWiring(takeOver: boolean): Promise<WiringReport> {
    return call(COMMANDS.repairWiring, { takeOver });
  }
  setCallerId(callerId: string): Promise<SetupStatus> {
    return call(COMMANDS.setCallerId, { callerId });
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The event stream's events: the connection's own, then the app's named ones. */
export type StreamEvent = 'open' | 'error' | 'settings' | 'webhook' | 'command' | 'open-at' | 'journal';

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

/** Where a notification opens the phone, as Rust sends it, or null for anything else. */
export function asOpenAt(value: unknown): OpenAt | null {
  if (typeof value !== 'object' || value === null) return null;
  const { view, callSid, recordingSid } = value as Record<string, unknown>;
  if (view === 'phone') return { view };
  if (view === 'call' && typeof callSid === 'string' && callSid !== '') return { view, callSid };
  if (view === 'voicemail' && typeof recordingSid === 'string' && recordingSid !== '') return { view, recordingSid };
  return null;
}

const EVENT_STREAM_CLOSED = 2;
/** After the server refused the event stream (not a network drop), wait this long to retry. */
const EVENTS_RETRY_MS = [5_000, 15_000, 60_000] as const;

export class HttpBackend implements Backend, SetupBackend, CallingWindowLink, JournalBackend {
  readonly kind = 'http' as const;
  readonly canEditSettings = true;
  private sessionLost = false;
  private readonly sessionListeners: (() => void)[] = [];
  private readonly webhookStatusListeners = new Set<(status: WebhookStatus) => void>();
  private readonly commandListeners = new Set<(command: PhoneCommand) => void>();
  private readonly openAtListeners = new Set<(at: OpenAt) => void>();
  private readonly journalListeners = new Set<() => void>();

  constructor(
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly base = '',
    private readonly eventStream: (url: string) => EventStream = (url) => new EventSource(url),
  ) {}

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(path, init);
    let body: unknown = null;
    if (response.status !== 204) {
      try {
        body = await response.json();
      } catch {
        // An empty or non-JSON body is reported below by status.
      }
    }
    if (!response.ok) throw this.failure(response, body);
    return body as T;
  }

  /** A request whose answer is bytes (audio), not JSON. */
  private async requestBytes(path: string): Promise<VoicemailAudio> {
    const response = await this.send(path, {});
    if (!response.ok) {
      let body: unknown = null;
      try {
        body = await response.json();
      } catch {
        // Reported by status.
      }
      throw this.failure(response, body);
    }
    const bytes = await response.arrayBuffer();
    return { contentType: response.headers.get('Content-Type') ?? audioType(bytes), bytes };
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
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
    return response;
  }

  /** What a failed answer means, in the contract's terms. */
  private failure(response: Response, body: unknown): BackendError {
    if (response.status === 429) {
      const seconds = Number(response.headers.get('Retry-After'));
      const said = toBackendError(body);
      const message = said.kind === 'rate_limited' ? said.message : t('ipc-rate-limited');
      return new BackendError('rate_limited', message, undefined, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 6_000);
    }
    const error = toBackendError(body);
    if (error.kind === 'error' && body === null) {
      return new BackendError(response.status === 403 ? 'forbidden' : 'http', t('ipc-http-status', { status: response.status }));
    }
    return error;
  }

  private sendJson<T>(method: string, path: string, value: unknown): Promise<T> {
    return this.request(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
  }

  private sendBytes<T>(method: string, path: string, bytes: Uint8Array, type: string): Promise<T> {
    return this.request(path, { method, headers: { 'Content-Type': type }, body: bytes as BodyInit });
  }

  private loseSession(): void {
    if (this.sessionLost) return;
    this.sessionLost = true;
    for (const listener of this.sessionListeners) listener();
  }

  /** Every write is a POST with a JSON body: the listener refuses anything else (a form a page
   * elsewhere could send without asking), and the browser sends our session cookie only from
   * our own origin. */
  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  getToken(): Promise<TokenResponse> {
    return this.request('/api/token');
  }
  settingsStatus(): Promise<SettingsStatus> {
    return this.request('/api/settings');
  }
  saveSettings(changes: SettingsChanges): Promise<SettingsStatus> {
    return this.post('/api/settings', changes);
  }
  importEnv(contents: string): Promise<ImportResult> {
    return this.post('/api/import', { contents });
  }
  setupStatus(): Promise<SetupStatus> {
    return this.request('/api/setup');
  }
  setupAccount(query: AccountQuery): Promise<AccountOverview> {
    return this.post('/api/setup/account', query);
  }
  setupConnect(query: ConnectQuery): Promise<ConnectResult> {
    return this.post('/api/setup/connect', query);
  }
  setupDisconnect(): Promise<DisconnectResult> {
    return this.post('/api/setup/disconnect', {});
  }
  checkWiring(): Promise<WiringReport> {
    return this.request('/api/setup/wiring');
  }
  repairWiring(takeOver: boolean): Promise<WiringReport> {
    return this.post('/api/setup/repair', { takeOver });
  }
  setCallerId(callerId: string): Promise<SetupStatus> {
    return this.post('/api/setup/caller-id', { callerId });
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
    await this.post('/api/state', report);
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
      current.addEventListener('open-at', (event) => this.openAtArrived(event.data));
      current.addEventListener('journal', () => {
        for (const listener of this.journalListeners) listener();
      });
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

  /** Fed by the event stream's `open-at` events, so only while `openEvents` runs. */
  onOpenAt(listener: (at: OpenAt) => void): Promise<() => void> {
    this.openAtListeners.add(listener);
    return Promise.resolve(() => {
      this.openAtListeners.delete(listener);
    });
  }

  /** Fed by the event stream's `journal` events, so only while `openEvents` runs. */
  onJournalChanged(listener: () => void): Promise<() => void> {
    this.journalListeners.add(listener);
    return Promise.resolve(() => {
      this.journalListeners.delete(listener);
    });
  }

  private openAtArrived(data: unknown): void {
    let parsed: unknown = null;
    try {
      parsed = typeof data === 'string' ? JSON.parse(data) : null;
    } catch {
      return;
    }
    const at = asOpenAt(parsed);
    if (!at) return;
    for (const listener of this.openAtListeners) listener(at);
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

  historyStatus(): Promise<HistoryStatus> {
    return this.request('/api/history/status');
  }
  callHistory(filter: HistoryFilter = {}): Promise<HistoryEntry[]> {
    const query = new URLSearchParams();
    if (filter.missedOnly) query.set('missedOnly', 'true');
    if (filter.limit !== undefined) query.set('limit', String(filter.limit));
    const text = query.toString();
    return this.request(`/api/history${text ? `?${text}` : ''}`);
  }
  clearCallHistory(): Promise<ClearReport> {
    return this.request('/api/history', { method: 'DELETE' });
  }
  voicemails(): Promise<VoicemailEntry[]> {
    return this.request('/api/voicemail');
  }
  voicemailAudio(recordingSid: string): Promise<VoicemailAudio> {
    return this.requestBytes(`/api/voicemail/${encodeURIComponent(recordingSid)}/audio`);
  }
  markVoicemailHeard(recordingSid: string, heard: boolean): Promise<void> {
    return this.sendJson('POST', `/api/voicemail/${encodeURIComponent(recordingSid)}/heard`, { heard });
  }
  saveVoicemail(recordingSid: string): Promise<SavedFile> {
    return this.request(`/api/voicemail/${encodeURIComponent(recordingSid)}/save`, { method: 'POST' });
  }
  deleteVoicemail(recordingSid: string): Promise<void> {
    return this.request(`/api/voicemail/${encodeURIComponent(recordingSid)}`, { method: 'DELETE' });
  }
  setVoicemailGreeting(audio: Uint8Array): Promise<HistoryStatus> {
    return this.sendBytes('PUT', '/api/voicemail-greeting', audio, 'application/octet-stream');
  }
  clearVoicemailGreeting(): Promise<HistoryStatus> {
    return this.request('/api/voicemail-greeting', { method: 'DELETE' });
  }
  contacts(query?: string): Promise<Contact[]> {
    return this.request(query === undefined ? '/api/contacts' : `/api/contacts?${new URLSearchParams({ query }).toString()}`);
  }
  addContact(draft: ContactDraft): Promise<Contact> {
    return this.sendJson('POST', '/api/contacts', draft);
  }
  editContact(id: number, draft: ContactDraft): Promise<Contact> {
    return this.sendJson('PUT', `/api/contacts/${id}`, draft);
  }
  deleteContact(id: number): Promise<void> {
    return this.request(`/api/contacts/${id}`, { method: 'DELETE' });
  }
  importContacts(vcard: Uint8Array): Promise<ContactsImportReport> {
    return this.sendBytes('POST', '/api/contacts/import', vcard, 'text/vcard');
  }
  callerName(number: string): Promise<string | null> {
    return this.request(`/api/caller-name?${new URLSearchParams({ number }).toString()}`);
  }
}

/** Tauri inside the app window, HTTP in a browser. */
export function pickBackend(win: object = window): AppBackend {
  return '__TAURI_INTERNALS__' in win ? new TauriBackend() : new HttpBackend();
}
