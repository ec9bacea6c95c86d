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
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];

export type FieldSource = 'environment' | 'keychain' | 'settings file' | 'default' | 'unset';

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

export interface ListenerStatus {
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
 * The `kind`s commands and the HTTP API reject with:
 * - `missing_settings`: settings incomplete; the message lists what is missing.
 * - `keychain`: the OS keychain is locked or unreachable; the message says how to fix it.
 * - `settings`: the settings file is unreadable; the message names the file.
 * - `token`: minting the access token failed.
 * - `invalid`: a save or import was refused; `field` names the bad field when there is one.
 * - `calling_window`: the calling window could not be started or opened.
 * HTTP only (the calling window's page):
 * - `session` (401): this window's session is gone (e.g. the app restarted).
 * - `forbidden` (403), `rate_limited` (429, wait before asking again).
 * And from the UI itself: `network` (the app is unreachable), `read_only`, `http`.
 */
export type ErrorKind =
  | 'missing_settings'
  | 'keychain'
  | 'settings'
  | 'token'
  | 'invalid'
  | 'calling_window'
  | 'session'
  | 'forbidden'
  | 'rate_limited'
  | 'network'
  | 'read_only'
  | 'http'
  | 'error';

/** What every command rejects with. */
export interface CommandError {
  kind: string;
  message: string;
  field?: FieldName;
}

// ---- the calling window (webviews without WebRTC, i.e. Linux) ---------------------------

/** What the calling window's page reports (`POST /api/state`); exactly these keys. */
export interface PageReport {
  registration: 'registering' | 'registered' | 'unregistered' | 'error' | 'unsupported';
  error: string | null;
  call: CallReport | null;
}

export interface CallReport {
  direction: 'incoming' | 'outgoing';
  number: string;
  state: 'ringing' | 'connecting' | 'open';
  /** Unix milliseconds when the call was answered; null until then. */
  since: number | null;
}

/** The calling window as the native window sees it (`open_calling_window`, event `calling-window`). */
export interface WindowStatus {
  /** The page has its event stream open right now. */
  connected: boolean;
  /** The page's last report since it connected; null when disconnected. */
  report: PageReport | null;
  /** The browser the app opened it in, e.g. "chromium", "default browser". */
  browser: string | null;
  /** Why it could not be opened, with what to install. */
  error: string | null;
}
