// The phone's registration state and the words for each one: what the status bar shows. Kept
// apart from the Phone that decides when they apply, so the wording lives in one place.

import type { Explanation } from './errors';

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

/** Before `start`. */
export const STARTING: Registration = { status: 'starting', title: 'Starting', detail: 'Getting ready…', action: null };

export const GETTING_TOKEN: Registration = { status: 'starting', title: 'Starting', detail: 'Getting an access token…', action: null };

export const REGISTERING: Registration = { status: 'registering', title: 'Registering', detail: 'Connecting to Twilio…', action: null };

export const UNSUPPORTED: Registration = {
  status: 'unsupported',
  title: 'Calls unavailable',
  detail: 'This window can’t carry calls: the system web view has no WebRTC.',
  action: null,
};

/** Registered; `identity` is the client identity Twilio confirmed (or the token's). */
export function ready(identity: string): Registration {
  return { status: 'ready', title: 'Ready', detail: identity ? `Calls to “${identity}” ring here.` : 'Ready for calls.', action: null };
}

/** Why the phone is offline, for `offline(detail)`. */
export const OFFLINE_DETAIL = {
  reconnecting: 'Reconnecting to Twilio…',
  lostTwilio: 'Lost the connection to Twilio; reconnecting…',
  computerOffline: 'Your computer is offline. Calls will work again when the network is back.',
} as const;

/** Not registered, and retrying by itself; the user may retry at once. */
export function offline(detail: string): Registration {
  return { status: 'offline', title: 'Offline', detail, action: 'retry' };
}

/** Stopped by a Twilio error; `action` says whether Settings or a retry can fix it. */
export function twilioFailure(explained: Explanation, action: 'settings' | 'retry'): Registration {
  return { status: 'error', title: explained.title, detail: explained.what, action };
}

/** The SDK refused to create a Device at all. */
export function deviceFailed(message: string): Registration {
  return { status: 'error', title: 'Error', detail: message, action: 'retry' };
}

export function tokenExpired(message: string): Registration {
  return {
    status: 'error',
    title: 'Token expired',
    detail: `The access token expired and could not be renewed: ${message}`,
    action: 'settings',
  };
}

/** This window stopped taking calls for good (see `Phone.retire`). */
export function retired(detail: string): Registration {
  return { status: 'error', title: 'Window closed', detail, action: null };
}

/** Whether two registrations look the same to the user (the cause is not shown). */
export function sameRegistration(a: Registration, b: Registration): boolean {
  return a.status === b.status && a.detail === b.detail && a.action === b.action && a.title === b.title;
}
