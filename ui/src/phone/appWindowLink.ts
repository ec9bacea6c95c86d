// The app window's side of the phone-status feed: where this window carries the calls itself
// (Windows, macOS), it tells Rust the phone's state on every change, as the calling window's
// page does over HTTP (pageLink.ts), so the tray, notifications and the call journal know it.

import type { PhoneStatus } from '../contract';
import type { PhoneSnapshot } from './device';
import { pageReport, sameReport } from './report';

export interface StatusSink {
  reportPhoneStatus(status: PhoneStatus): Promise<void>;
}

export interface ObservablePhone {
  snapshot(): PhoneSnapshot;
  onChange(listener: (snapshot: PhoneSnapshot) => void): () => void;
}

/** Starts reporting; returns a function that stops. */
export function reportToApp(sink: StatusSink, phone: ObservablePhone): () => void {
  let sent: PhoneStatus | null = null;
  const post = (status: PhoneStatus): void => {
    sent = status;
    sink.reportPhoneStatus(status).catch(() => {
      // Sent again on the next change.
      if (sent === status) sent = null;
    });
  };
  const changed = (snapshot: PhoneSnapshot): void => {
    const status = pageReport(snapshot);
    if (!sameReport(sent, status)) post(status);
  };
  const stop = phone.onChange(changed);
  post(pageReport(phone.snapshot()));
  return stop;
}
