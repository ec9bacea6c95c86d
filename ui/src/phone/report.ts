// The calling window, both ends, as pure functions: what the page reports to the app about its
// phone, and how the native window describes what it hears back.

import type { PhoneCall, PhoneStatus, WindowStatus } from '../contract';
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
  const error = reported === 'error' || reported === 'unregistered' || reported === 'unsupported' ? registration.detail : null;
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
  return { registration: reported, error, call: callReport };
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
      title: 'Setup needed',
      detail: 'Fill in your Twilio details in Settings; the calling window opens once they are saved.',
      action: 'settings',
    };
  }
  if (status === null) {
    return { status: 'starting', title: 'Starting', detail: 'Opening the calling window…', action: null };
  }
  if (!status.connected) {
    return {
      status: status.error ? 'error' : 'offline',
      title: 'Calling window closed',
      detail: status.error ?? 'Calls happen in the calling window, which is not open. Reopen it to make and take calls.',
      action: null,
    };
  }
  const report = status.report;
  const error = report?.error ?? null;
  switch (report?.registration) {
    case undefined:
    case 'registering':
      return { status: 'registering', title: 'Registering', detail: 'The calling window is connecting to Twilio…', action: null };
    case 'registered':
      return { status: 'ready', title: 'Ready', detail: 'Calls ring in the calling window.', action: null };
    case 'unregistered':
      return { status: 'offline', title: 'Offline', detail: error ?? 'The calling window lost its connection to Twilio; it is reconnecting.', action: null };
    case 'error':
      return { status: 'error', title: 'Error', detail: error ?? 'The calling window could not register with Twilio.', action: null };
    case 'unsupported':
      return {
        status: 'error',
        title: 'Calls unavailable',
        detail: error ?? 'The browser of the calling window has no WebRTC; install Chromium or Firefox.',
        action: null,
      };
  }
}
