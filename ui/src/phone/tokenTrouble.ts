// A failed token request in words: the status bar's title, detail and action, the log line and
// what to do, per error kind (contract.ts lists the kinds). Pure, so every kind is tested here.

import { msg, t } from '../i18n/i18n';
import type { Registration } from './registration';

/** The least wait after the calling window's server said "too many token requests". */
export const RATE_LIMIT_WAIT_MS = 6_000;

/** How long to wait before asking again after `rate_limited`: what the server said, at least 6 s. */
export function rateLimitWaitMs(retryAfterMs: number | undefined): number {
  return Math.max(retryAfterMs ?? 0, RATE_LIMIT_WAIT_MS);
}

export interface TokenTrouble {
  registration: Pick<Registration, 'title' | 'detail' | 'action'>;
  /** The log line and what to do, in words of the moment (the log is a record). */
  log: string;
  fix: string;
}

export interface TokenError {
  kind: string;
  message: string;
  retryAfterMs?: number;
}

/**
 * A failed token request in words, per error kind. `message` comes from Rust, already in the
 * user's language; it is placed into our sentences, never parsed.
 */
export function explainTokenError(error: TokenError, canEditSettings: boolean): TokenTrouble {
  const message = error.message.replace(/[.。]$/, '');
  const settingsFix = canEditSettings ? t('token-fix-settings') : t('token-fix-settings-elsewhere');
  switch (error.kind) {
    case 'missing_settings':
      return {
        registration: { title: msg('token-setup-needed'), detail: msg('token-no-token-detail', { message }), action: 'settings' },
        log: t('token-no-token-log', { message }),
        fix: settingsFix,
      };
    case 'keychain':
      return {
        registration: { title: msg('token-keychain-locked'), detail: msg('token-keychain-detail', { message }), action: 'settings' },
        log: t('token-keychain-log', { message }),
        fix: t('token-keychain-fix'),
      };
    case 'settings':
      return {
        registration: { title: msg('token-settings-unreadable'), detail: msg('token-settings-detail', { message: capitalise(message) }), action: 'retry' },
        log: t('token-settings-log', { message }),
        fix: t('token-settings-fix'),
      };
    case 'token':
      return {
        registration: { title: msg('token-none'), detail: msg('token-create-failed-detail', { message }), action: 'settings' },
        log: t('token-create-failed-log', { message }),
        fix: t('token-create-failed-fix'),
      };
    case 'network':
      return {
        registration: { title: msg('token-unreachable'), detail: msg('plain-text', { text: capitalise(message) }), action: 'retry' },
        log: t('token-no-token-log', { message }),
        fix: t('token-unreachable-fix'),
      };
    case 'session':
      return {
        registration: { title: msg('token-session-lost'), detail: msg('session-lost'), action: null },
        log: t('session-lost'),
        fix: t('token-session-lost-fix'),
      };
    case 'forbidden':
      return {
        registration: { title: msg('token-refused'), detail: msg('token-refused-detail', { message }), action: null },
        log: t('token-refused-log', { message }),
        fix: t('token-refused-fix'),
      };
    case 'rate_limited': {
      const seconds = Math.ceil(rateLimitWaitMs(error.retryAfterMs) / 1000);
      return {
        registration: { title: msg('token-waiting'), detail: msg('token-waiting-detail', { seconds }), action: null },
        log: t('token-waiting-log', { message }),
        fix: t('token-waiting-fix', { seconds }),
      };
    }
    default:
      return {
        registration: { title: msg('token-none'), detail: msg('token-no-token-detail', { message }), action: 'retry' },
        log: t('token-no-token-log', { message }),
        fix: t('token-other-fix'),
      };
  }
}

/** Upper-cases the first letter of a Rust message that starts a sentence (English only changes). */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
