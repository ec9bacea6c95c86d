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
  'call_at_once',
  'launch_at_login',
  'close_to_tray',
  'shortcut_answer',
  'shortcut_hang_up',
  'shortcut_mute',
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
  /**
   * Why the value does not work: malformed as stored, or (desktop preferences) not working
   * here, e.g. a shortcut another program holds, or Wayland.
   */
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
  /** The public URL in effect: the configured one, else the tunnel found running. */
  publicUrl: string | null;
  /** `configured` (Settings, DIALTONE_PUBLIC_URL) wins over `tunnel` (found running). */
  publicUrlSource?: 'configured' | 'tunnel' | null;
  voiceRequestUrl: string | null;
  /** `at` is unix milliseconds. */
  lastWebhook: { at: number; status: number; outcome: string } | null;
  /** A running tunnel that forwards to the listener, even when a configured URL wins. */
  tunnel?: Tunnel | null;
  /** Why a running tunnel was not used (it forwards elsewhere, not https…). */
  tunnelNotes?: string[];
  /** The Voice URL Dialtone last gave its TwiML App, and when (unix ms). */
  twilioCalls?: { url: string; at: number } | null;
  /** Why the last attempt to give the TwiML App a new Voice URL failed. */
  repointError?: string | null;
}

/** A tunnel found running (`src-tauri/tunnel.rs`). */
export interface Tunnel {
  /** e.g. https://abc.ngrok-free.app */
  publicBase: string;
  agent: 'ngrok' | 'cloudflared';
}

// ---- the set-up wizard (src-tauri/setup, src-tauri/backend/wizard.rs) --------------------

/** Where a number sends its calls now. */
export type NumberWiring =
  | { kind: 'free' }
  | { kind: 'demo' }
  | { kind: 'dialtone' }
  | { kind: 'elsewhere'; detail: string };

export interface NumberChoice {
  phoneNumber: string;
  friendlyName: string | null;
  wiring: NumberWiring;
}

export interface CallerIdChoice {
  phoneNumber: string;
  friendlyName: string | null;
  /** A verified caller ID; false for a number of the account. */
  verified: boolean;
}

/** Steps 1 and 2: the credentials checked, the numbers to pick from. */
export interface AccountOverview {
  accountSid: string;
  friendlyName: string | null;
  trial: boolean;
  numbers: NumberChoice[];
  callerIds: CallerIdChoice[];
  /** The only number, or the one Dialtone already uses. */
  proposed: string | null;
}

/** `authToken` '' means the saved one. Secrets go in; nothing echoes them back. */
export interface AccountQuery {
  accountSid: string;
  authToken: string;
}

export interface ConnectQuery extends AccountQuery {
  number: string;
  /** null: the number itself. */
  callerId: string | null;
  /** A URL the user typed, saved as the configured one; null: a tunnel found running. */
  publicUrl: string | null;
  /** The user confirmed taking over a number that is wired elsewhere. */
  takeOver: boolean;
}

export interface Connected {
  number: string;
  applicationSid: string;
  keySid: string;
  voiceUrl: string | null;
  callerId: string;
  replaced: string | null;
  reusedKey: boolean;
  reusedApp: boolean;
  notes: string[];
}

export interface ConnectResult {
  status: SettingsStatus;
  connected: Connected;
  warnings: string[];
}

export interface DisconnectResult {
  status: SettingsStatus;
  done: string[];
}

/** What set-up did, from its record (no Twilio request). */
export interface SetupStatus {
  connected: boolean;
  accountSid: string | null;
  number: string | null;
  applicationSid: string | null;
  keySid: string | null;
  /** The caller ID outgoing calls show now. */
  callerId: string | null;
  /** The account's numbers and verified caller IDs, as Twilio listed them last. */
  callerIds: string[];
  /** What Disconnect gives the number back. */
  restores: string | null;
  voiceUrl: string | null;
  voiceUrlSetAt: number | null;
}

export interface WiringCheck {
  id: 'settings' | 'key' | 'app' | 'voiceUrl' | 'number' | 'callerId';
  ok: boolean;
  summary: string;
  fix: string | null;
  /** "Fix it" can mend it. */
  repairable: boolean;
}

export interface WiringReport {
  checks: WiringCheck[];
  ok: boolean;
  repairable: boolean;
  checkedAt: number;
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
 * - `twilio`: Twilio refused a set-up step or could not be reached; the message says what to do.
 * - `needs_confirmation`: set-up would take over a number wired elsewhere; ask, then send `takeOver`.
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
  'needs_confirmation',
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
  /** The last call that ended here and how it sounded (Rust `phone_status::EndedCall`); the journal keeps it. */
  lastCall?: EndedCall | null;
}

export interface EndedCall {
  /** The SDK's CallSid of the leg. */
  callSid: string;
  quality: CallQualitySummary;
}

/** How a call sounded over its whole length (Rust `phone_status::CallQuality`). */
export interface CallQualitySummary {
  /** The SDK's `sample.codecName`: `opus`, `pcmu`. */
  codec: string | null;
  /** The mean of the samples' MOS (1..5), null when none had one. */
  averageMos: number | null;
  /** The worst warning raised during the call. */
  worstWarning: string | null;
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
 * button, the tray, `dialtone answer`, a `tel:` link, a global shortcut. The window that
 * carries calls does it. `dial` puts the number in the dial pad; `now` also places the call
 * (the setting "Call at once when another program hands me a number").
 */
export type PhoneCommand =
  | { action: 'dial'; number: string; now: boolean }
  | { action: 'answer' }
  | { action: 'decline' }
  | { action: 'hangUp' }
  | { action: 'toggleMute' };

/**
 * Where a click on a notification opens the phone (Rust `notifications::OpenAt`; the app
 * window's event `open-at`, the calling window's stream event `open-at`): the phone itself (a
 * call rings), a call in Recents, a message in Voicemail.
 */
export type OpenAt = { view: 'phone' } | { view: 'call'; callSid: string } | { view: 'voicemail'; recordingSid: string };

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
  /** How it sounded, as the phone measured it; null when it did not (not answered here). */
  quality: HistoryQuality | null;
}

/** `dialtone history --json`'s `quality` (Rust `journal::CallQuality`). */
export interface HistoryQuality {
  codec: string | null;
  /** One decimal. */
  average_mos: number | null;
  worst_warning: string | null;
}

/** What clearing recents did (Rust `journal::ClearReport`). */
export interface ClearReport {
  /** Calls removed. */
  cleared: number;
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
