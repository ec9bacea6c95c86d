// The app window's side of the phone-status feed: where this window carries the calls itself
// (Windows, macOS), it tells Rust the phone's state on every change, as the calling window's
// page does over HTTP (pageLink.ts), so the tray, notifications and the call journal know it.

import type { PhoneStatus } from '../contract';
import type { PhoneStatusSink } from '../ipc';
import type { PhoneSnapshot } from './device';
import { phoneStatusOf, sameStatus } from './report';

export interface ObservablePhone {
  snapshot(): PhoneSnapshot;
  onChange(listener: (snapshot: PhoneSnapshot) => void): () => void;
}

/** Starts reporting; returns a function that stops. */
export function reportToApp(sink: PhoneStatusSink, phone: ObservablePhone): () => void {
  let sent: PhoneStatus | null = null;
  const post = (status: PhoneStatus): void => {
    sent = status;
    sink.reportPhoneStatus(status).catch(() => {
      // Sent again on the next change.
      if (sent === status) sent = null;
    });
  };
  const changed = (snapshot: PhoneSnapshot): void => {
    const status = phoneStatusOf(snapshot);
    if (!sameStatus(sent, status)) post(status);
  };
  const stop = phone.onChange(changed);
  post(phoneStatusOf(phone.snapshot()));
  return stop;
}
