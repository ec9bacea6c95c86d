// The calling window, both ends, as pure functions: what the page reports to the app about its
// phone, and how the native window describes what it hears back.

import type { PhoneCall, PhoneStatus, WindowStatus } from '../contract';
import { msg, render } from '../i18n/i18n';
import type { PhoneSnapshot } from './device';
import type { Registration, RegistrationStatus } from './registration';

const REGISTRATION: Record<RegistrationStatus, PhoneStatus['registration']> = {
  starting: 'registering',
  registering: 'registering',
  ready: 'registered',
  offline: 'unregistered',
  error: 'error',
  unsupported: 'unsupported',
};

/** The page's state for `POST /api/state`. Mute and audio reconnects are not reported. */
export function phoneStatusOf(snapshot: PhoneSnapshot): PhoneStatus {
  const { registration, call } = snapshot;
  const reported = REGISTRATION[registration.status];
  const error = reported === 'error' || reported === 'unregistered' || reported === 'unsupported' ? render(registration.detail) : null;
  let callReport: PhoneCall | null = null;
  switch (call.phase) {
    case 'idle':
      break;
    case 'connecting':
      callReport = { direction: 'outgoing', number: call.number, state: 'connecting', since: null };
      break;
    case 'ringing':
      callReport = { direction: 'outgoing', number: call.number, state: 'ringing', since: null };
      break;
    case 'incoming':
      callReport = { direction: 'incoming', number: call.number, state: 'ringing', since: null };
      break;
    case 'answering':
      callReport = { direction: 'incoming', number: call.number, state: 'connecting', since: null };
      break;
    case 'active':
      callReport = { direction: call.direction, number: call.number, state: 'open', since: call.startedAt };
      break;
  }
  if (callReport && snapshot.callSid) callReport.callSid = snapshot.callSid;
  const status: PhoneStatus = { registration: reported, error, call: callReport };
  if (snapshot.lastCall) status.lastCall = snapshot.lastCall;
  return status;
}

/** Two reports say the same thing (nothing new to post). */
export function sameStatus(a: PhoneStatus | null, b: PhoneStatus): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The native window's status bar while calls happen in the calling window: the same
 * wording and colours as the phone's own registration, prefixed by whether the window is open.
 */
export function windowRegistration(status: WindowStatus | null, setupNeeded = false): Registration {
  // Before the first save the window is not opened at all: the one thing to do is the setup.
  if (setupNeeded && !status?.connected) {
    return {
      status: 'error',
      title: msg('token-setup-needed'),
      detail: msg('cw-status-setup-needed'),
      action: 'settings',
    };
  }
  if (status === null) {
    return { status: 'starting', title: msg('status-starting'), detail: msg('cw-status-opening'), action: null };
  }
  if (!status.connected) {
    return {
      status: status.error ? 'error' : 'offline',
      title: msg('cw-status-closed'),
      detail: status.error ? msg('plain-text', { text: status.error }) : msg('cw-status-closed-detail'),
      action: null,
    };
  }
  const report = status.report;
  const error = report?.error ?? null;
  switch (report?.registration) {
    case undefined:
    case 'registering':
      return { status: 'registering', title: msg('status-registering'), detail: msg('cw-status-registering'), action: null };
    case 'registered':
      return { status: 'ready', title: msg('status-ready'), detail: msg('cw-status-ready'), action: null };
    case 'unregistered':
      return { status: 'offline', title: msg('status-offline'), detail: error ? msg('plain-text', { text: error }) : msg('cw-status-offline'), action: null };
    case 'error':
      return { status: 'error', title: msg('status-error'), detail: error ? msg('plain-text', { text: error }) : msg('cw-status-error'), action: null };
    case 'unsupported':
      return {
        status: 'error',
        title: msg('status-unsupported'),
        detail: error ? msg('plain-text', { text: error }) : msg('cw-status-unsupported'),
        action: null,
      };
  }
}
