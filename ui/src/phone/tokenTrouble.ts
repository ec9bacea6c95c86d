// A failed token request in words: the status bar's title, detail and action, the log line and
// what to do, per error kind (contract.ts lists the kinds). Pure, so every kind is tested here.

import { SESSION_LOST_MESSAGE } from '../ipc';
import type { Registration } from './registration';

/** The least wait after the calling window's server said "too many token requests". */
export const RATE_LIMIT_WAIT_MS = 6_000;

/** How long to wait before asking again after `rate_limited`: what the server said, at least 6 s. */
export function rateLimitWaitMs(retryAfterMs: number | undefined): number {
  return Math.max(retryAfterMs ?? 0, RATE_LIMIT_WAIT_MS);
}

export interface TokenTrouble {
  registration: Pick<Registration, 'title' | 'detail' | 'action'>;
  log: string;
  fix: string;
}

export interface TokenError {
  kind: string;
  message: string;
  retryAfterMs?: number;
}

/** A failed token request in words, per error kind. */
export function explainTokenError(error: TokenError, canEditSettings: boolean): TokenTrouble {
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
      const seconds = Math.ceil(rateLimitWaitMs(error.retryAfterMs) / 1000);
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
