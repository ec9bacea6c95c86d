// The calling window page's side of the link with the app: keep the event stream open (that is
// how the app knows the window is open), and post the phone's state whenever it changes.

import type { PhoneStatus } from '../contract';
import type { CallingWindowLink } from '../ipc';
import type { PhoneSnapshot } from './device';
import { phoneStatusOf, sameStatus } from './report';

export interface ReportingPhone {
  snapshot(): PhoneSnapshot;
  onChange(listener: (snapshot: PhoneSnapshot) => void): () => void;
  retry(): Promise<void>;
  restart(): Promise<void>;
}

/** Errors that settings changed in the app window can fix. */
const FIXED_IN_THE_APP = new Set(['missing_settings', 'keychain', 'settings', 'token']);

/**
 * Starts reporting; returns a function that stops. `settingsChanged` hears of each save in the
 * app window too (the language may have changed).
 */
export function linkToApp(link: CallingWindowLink, phone: ReportingPhone, win: EventTarget, settingsChanged?: () => void): () => void {
  let sent: PhoneStatus | null = null;
  let lost = false;

  const post = (report: PhoneStatus): void => {
    if (lost) return;
    sent = report;
    link.reportPhoneStatus(report).catch(() => {
      // Sent again on the next change or reconnection. A lost session is reported by the link.
      if (sent === report) sent = null;
    });
  };
  const changed = (snapshot: PhoneSnapshot): void => {
    const report = phoneStatusOf(snapshot);
    if (!sameStatus(sent, report)) post(report);
  };

  const stopChanges = phone.onChange(changed);
  // The app forgets the report when the stream drops, so every (re)connection repeats it.
  const closeEvents = link.openEvents({
    open: () => post(phoneStatusOf(phone.snapshot())),
    // Saved in the app window: a new token (new credentials, number or identity) is needed.
    settings: () => {
      settingsChanged?.();
      void phone.restart();
    },
  });
  link.onSessionLost(() => {
    lost = true;
  });
  post(phoneStatusOf(phone.snapshot()));

  // Settings are changed in the app window; coming back here is the moment to try again.
  const onFocus = (): void => {
    const { registration } = phone.snapshot();
    if (!lost && registration.status === 'error' && FIXED_IN_THE_APP.has(registration.cause ?? '')) void phone.retry();
  };
  win.addEventListener('focus', onFocus);

  return () => {
    stopChanges();
    closeEvents();
    win.removeEventListener('focus', onFocus);
  };
}
