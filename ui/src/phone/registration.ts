// The phone's registration state and the words for each one: what the status bar shows. Kept
// apart from the Phone that decides when they apply, so the wording lives in one place.

import { msg, type Msg } from '../i18n/i18n';
import type { Explanation } from './errors';

export type RegistrationStatus = 'starting' | 'registering' | 'ready' | 'offline' | 'error' | 'unsupported';

/**
 * The words are messages, not text: the status bar puts them into the language of the moment,
 * so switching languages re-renders them without waiting for the next state.
 */
export interface Registration {
  status: RegistrationStatus;
  /** A few words for the status pill. */
  title: Msg;
  /** The reason, in plain words. */
  detail: Msg;
  /** What the user can do, when there is something. */
  action: 'settings' | 'retry' | null;
  /** For token failures: the backend's error kind (see contract.ts). */
  cause?: string;
}

/** Before `start`. */
export const STARTING: Registration = { status: 'starting', title: msg('status-starting'), detail: msg('status-starting-detail'), action: null };

export const GETTING_TOKEN: Registration = { status: 'starting', title: msg('status-starting'), detail: msg('status-getting-token'), action: null };

export const REGISTERING: Registration = { status: 'registering', title: msg('status-registering'), detail: msg('status-registering-detail'), action: null };

export const UNSUPPORTED: Registration = {
  status: 'unsupported',
  title: msg('status-unsupported'),
  detail: msg('status-unsupported-detail'),
  action: null,
};

/** Registered; `identity` is the client identity Twilio confirmed (or the token's). */
export function ready(identity: string): Registration {
  return {
    status: 'ready',
    title: msg('status-ready'),
    detail: identity ? msg('status-ready-identity', { identity }) : msg('status-ready-detail'),
    action: null,
  };
}

/** Why the phone is offline, for `offline(detail)`. */
export const OFFLINE_DETAIL = {
  reconnecting: msg('status-offline-reconnecting'),
  lostTwilio: msg('status-offline-lost-twilio'),
  computerOffline: msg('status-offline-computer'),
} as const;

/** Not registered, and retrying by itself; the user may retry at once. */
export function offline(detail: Msg): Registration {
  return { status: 'offline', title: msg('status-offline'), detail, action: 'retry' };
}

/** Stopped by a Twilio error; `action` says whether Settings or a retry can fix it. */
export function twilioFailure(explained: Explanation, action: 'settings' | 'retry'): Registration {
  return { status: 'error', title: explained.title, detail: explained.what, action };
}

/** The SDK refused to create a Device at all. */
export function deviceFailed(message: string): Registration {
  return { status: 'error', title: msg('status-error'), detail: msg('plain-text', { text: message }), action: 'retry' };
}

export function tokenExpired(message: string): Registration {
  return {
    status: 'error',
    title: msg('status-token-expired'),
    detail: msg('status-token-expired-detail', { message }),
    action: 'settings',
  };
}

/** This window stopped taking calls for good (see `Phone.retire`). */
export function retired(detail: Msg): Registration {
  return { status: 'error', title: msg('status-window-closed'), detail, action: null };
}

/** Whether two messages say the same. */
export function sameMsg(a: Msg, b: Msg): boolean {
  return a.id === b.id && JSON.stringify(a.args ?? {}) === JSON.stringify(b.args ?? {});
}

/** Whether two registrations look the same to the user (the cause is not shown). */
export function sameRegistration(a: Registration, b: Registration): boolean {
  return a.status === b.status && sameMsg(a.detail, b.detail) && a.action === b.action && sameMsg(a.title, b.title);
}
