// The IPC contract with the Rust side. The Rust commands serialize exactly these shapes;
// the HTTP backend (the Linux calling window) serves the same JSON.

export const FIELD_NAMES = [
  'account_sid',
  'auth_token',
  'api_key_sid',
  'api_key_secret',
  'twiml_app_sid',
  'twilio_number',
  'identity',
  'public_url',
  'port',
  'allowed_country_codes',
  'allowed_numbers',
  'max_call_seconds',
  'voicemail',
  'voicemail_greeting',
  'voicemail_max_secs',
  'ring_secs',
  'do_not_disturb',
  'language',
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];

/** `.env file` only reaches the calling window of `dialtone phone`: the app window reads no `.env`. */
export type FieldSource = 'environment' | '.env file' | 'keychain' | 'settings file' | 'default' | 'unset';

export interface FieldStatus {
  name: FieldName;
  label: string;
  secret: boolean;
  set: boolean;
  /** Always null for secrets (auth_token, api_key_secret). */
  value: string | null;
  source: FieldSource;
  /** Validation message when the stored value is malformed. */
  problem: string | null;
}

export interface SettingsStatus {
  fields: FieldStatus[];
  complete: boolean;
  keychain: { available: boolean; message: string | null };
}

export interface TokenResponse {
  token: string;
  identity: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface WebhookStatus {
  state: 'starting' | 'listening' | 'failed' | 'stopped';
  /** e.g. "127.0.0.1:3000" */
  address: string | null;
  error: string | null;
  publicUrl: string | null;
  voiceRequestUrl: string | null;
  /** `at` is unix milliseconds. */
  lastWebhook: { at: number; status: number; outcome: string } | null;
}

/**
 * Absent key = unchanged. '' for a secret = unchanged; '' for any other field = clear it, so it
 * goes back to its default (identity derived from the number, port 3000, …) or to unset.
 */
export type SettingsChanges = Partial<Record<FieldName, string>>;

export interface ImportResult {
  status: SettingsStatus;
  imported: FieldName[];
}

/**
 * The `kind`s commands and the HTTP API reject with: exactly the Rust `ErrorKind` enum
 * (src-tauri/backend.rs; tests/contract.rs checks that the two lists are equal).
 * - `missing_settings`: settings incomplete; the message lists what is missing.
 * - `keychain`: the OS keychain is locked or unreachable; the message says how to fix it.
 * - `settings`: the settings file is unreadable; the message names the file.
 * - `token`: minting the access token failed.
 * - `invalid`: a save or import was refused; `field` names the bad field when there is one.
 * - `calling_window`: the calling window could not be started or opened.
 * - `session` (HTTP 401): this window's session is gone (e.g. the app restarted).
 * - `forbidden` (HTTP 403), `rate_limited` (HTTP 429, wait before asking again).
 * - `history`: the call history cannot be read or written; the message says why (calls still work).
 * - `not_found` (HTTP 404): the voicemail or contact is not there (any more).
 * - `twilio` (HTTP 502): Twilio's REST API refused or could not be reached; the message says what to do.
 * - `internal`: something that should not happen on the Rust side.
 */
export const BACKEND_ERROR_KINDS = [
  'missing_settings',
  'keychain',
  'settings',
  'token',
  'invalid',
  'calling_window',
  'session',
  'forbidden',
  'rate_limited',
  'history',
  'not_found',
  'twilio',
  'internal',
] as const;

/** Kinds the UI adds itself: the app is unreachable, settings are read-only here, an HTTP answer outside the contract, anything else. */
export const CLIENT_ERROR_KINDS = ['network', 'read_only', 'http', 'error'] as const;

export type ErrorKind = (typeof BACKEND_ERROR_KINDS)[number] | (typeof CLIENT_ERROR_KINDS)[number];

/** What every command rejects with. */
export interface CommandError {
  kind: ErrorKind;
  message: string;
  field?: FieldName;
}

// ---- the calling window (webviews without WebRTC, i.e. Linux) ---------------------------

/**
 * The phone's state as Rust keeps it (`src-tauri/phone_status.rs`): what the window that carries
 * calls reports (`POST /api/state`, or the `report_phone_status` command); exactly these keys.
 */
export interface PhoneStatus {
  registration: 'registering' | 'registered' | 'unregistered' | 'error' | 'unsupported';
  error: string | null;
  call: PhoneCall | null;
}

export interface PhoneCall {
  direction: 'incoming' | 'outgoing';
  number: string;
  state: 'ringing' | 'connecting' | 'open';
  /** Unix milliseconds when the call was answered; null until then. */
  since: number | null;
  /** The SDK's CallSid for this leg, once Twilio has named it. */
  callSid?: string | null;
}


/**
 * What Rust asks the phone to do (`src-tauri/phone_control.rs`): from a notification's Answer
 * button, the tray, `dialtone answer`, a `tel:` link. The window that carries calls does it.
 */
export type PhoneCommand =
  | { action: 'dial'; number: string; now: boolean }
  | { action: 'answer' }
  | { action: 'decline' }
  | { action: 'hangUp' }
  | { action: 'toggleMute' };

/** The calling window as the native window sees it (`open_calling_window`, event `calling-window`). */
export interface WindowStatus {
  /** The page has its event stream open right now. */
  connected: boolean;
  /** The page's last report since it connected; null when disconnected. */
  report: PhoneStatus | null;
  /** The browser the app opened it in, e.g. "chromium", "default browser". */
  browser: string | null;
  /** Why it could not be opened, with what to install. */
  error: string | null;
}

// ---- the call journal: recents, voicemail, contacts (src-tauri/journal) ------------------
// Entries use the same snake_case keys as `dialtone history --json` and `dialtone voicemail list
// --json`: one shape for the command line and the UI.

/** Whether history can be kept (`history_status`; HTTP `GET /api/history/status`). */
export interface HistoryStatus {
  available: boolean;
  /** The journal file (`calls.sqlite3` in the data folder). */
  path: string | null;
  /** Why history is unavailable, or that a damaged file was moved aside and a new one started. */
  problem: string | null;
  /** A recorded greeting is set; otherwise callers hear the Voicemail greeting setting spoken. */
  recordedGreeting: boolean;
}

/**
 * - `missed`: not answered (an incoming call nobody took, or an outgoing one the other side did not pick up).
 * - `declined`: an incoming call declined on the phone. `refused`: Dialtone refused it (not allowed, not ours).
 * Before Twilio reports how a call ended, it counts as answered only if the phone said so.
 */
export type CallStatus = 'answered' | 'missed' | 'declined' | 'busy' | 'failed' | 'refused';

export interface VoicemailRef {
  recording_sid: string;
  duration_secs: number;
  heard: boolean;
}

/** One call of the history (`call_history`; HTTP `GET /api/history?missedOnly=&limit=`), newest first. */
export interface HistoryEntry {
  call_sid: string;
  direction: 'inbound' | 'outbound';
  /** The other party: E.164 when it is a number ('anonymous' when withheld). */
  number: string;
  /** The contact's name for the number, else Twilio's caller name, else null. */
  name: string | null;
  /** RFC 3339, UTC, whole seconds. */
  started_at: string;
  status: CallStatus;
  /** 0 unless answered. */
  duration_secs: number;
  /** The message the caller left; an unanswered incoming call with one is `missed`. */
  voicemail: VoicemailRef | null;
}

export interface HistoryFilter {
  /** Only incoming calls nobody answered. */
  missedOnly?: boolean;
  /** At most this many, newest first. */
  limit?: number;
}

/** One message of the inbox (`voicemails`; HTTP `GET /api/voicemail`), newest first. */
export interface VoicemailEntry {
  recording_sid: string;
  call_sid: string;
  number: string | null;
  name: string | null;
  received_at: string;
  duration_secs: number;
  heard: boolean;
}

/** A message's audio, fetched and cached by Rust: bytes only, never a URL or a credential. */
export interface VoicemailAudio {
  /** `audio/mpeg` or `audio/wav`. */
  contentType: string;
  bytes: ArrayBuffer;
}

/** Where `save_voicemail` put the file (the Downloads folder; never over an existing file). */
export interface SavedFile {
  path: string;
}

export interface ContactNumber {
  /** E.164 once stored; anything a person writes in a draft (`(555) 123-4567` gets the Twilio number's country). */
  number: string;
  label?: string | null;
}

export interface Contact {
  id: number;
  name: string;
  numbers: ContactNumber[];
}

/** What `add_contact` / `edit_contact` take: exactly these keys. */
export interface ContactDraft {
  name: string;
  numbers: ContactNumber[];
}

/** What `import_contacts` did with a vCard file. */
export interface ImportReport {
  imported: number;
  /** Already there with the same name and numbers. */
  duplicates: number;
  withoutNumbers: number;
  nameless: number;
  /** `Name: number` for each number that could not be read. */
  unreadableNumbers: string[];
}
