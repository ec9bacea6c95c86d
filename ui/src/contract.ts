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
