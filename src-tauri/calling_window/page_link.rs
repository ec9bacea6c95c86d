//! The calling window's link to its page: whether a page is open (its event stream is), what
//! it last reported, and the events the app sends it. The page's side is
//! `ui/src/phone/pageLink.ts`. The app window subscribes and mirrors it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde::Serialize;
use tokio::sync::watch;

use crate::notifications::OpenAt;
use crate::phone_status::{PhoneFeed, PhoneStatus, Reporter};

/// The calling window as the native window shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowStatus {
    /// The page has an open event stream right now.
    pub connected: bool,
    /// The last report since the page connected; cleared when it disconnects.
    pub report: Option<PhoneStatus>,
    /// The browser the app opened, e.g. `chromium`, or `default browser`.
    pub browser: Option<String>,
    /// Why the window could not be opened, with what to install.
    pub error: Option<String>,
}

/// What the app tells an open page over its event stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageEvent {
    /// Settings were saved: fetch a fresh token and restart.
    Settings,
    /// The webhook server changed (state or last webhook): an open settings panel rereads it.
    Webhook,
    /// A notification was clicked: show this (the phone, a call in Recents, a voicemail).
    OpenAt(OpenAt),
}

impl PageEvent {
    /// The event's name on the stream (the page's `EventSource` listens by name).
    pub fn name(&self) -> &'static str {
        match self {
            PageEvent::Settings => "settings",
            PageEvent::Webhook => "webhook",
            PageEvent::OpenAt(_) => "open-at",
        }
    }

    /// The event's data: JSON, `{}` for the events that only say "reread".
    pub fn data(&self) -> String {
        match self {
            PageEvent::OpenAt(at) => {
                serde_json::to_string(at).expect("OpenAt serializes: plain strings and a tag")
            }
            PageEvent::Settings | PageEvent::Webhook => "{}".to_owned(),
        }
    }
}

/// Shared, watchable [`WindowStatus`], and the page's share of the phone's state.
#[derive(Clone)]
pub struct PageLink {
    status: Arc<watch::Sender<WindowStatus>>,
    /// Events for the page's event stream (see [`PageEvent`]).
    to_page: tokio::sync::broadcast::Sender<PageEvent>,
    /// Open event streams; the page counts as connected while any is open (a reload opens the
    /// new stream before the old one is seen to close).
    streams: Arc<AtomicUsize>,
    /// Where the page's reports go for the rest of the app (tray, journal, …).
    phone: PhoneFeed,
}

impl PageLink {
    pub fn new(phone: PhoneFeed) -> Self {
        Self {
            status: Arc::new(watch::Sender::new(WindowStatus::default())),
            to_page: tokio::sync::broadcast::channel(8).0,
            streams: Arc::default(),
            phone,
        }
    }

    pub fn subscribe(&self) -> watch::Receiver<WindowStatus> {
        self.status.subscribe()
    }

    pub fn status(&self) -> WindowStatus {
        self.status.borrow().clone()
    }

    /// Tells open pages that settings changed, so they fetch a fresh token and restart.
    pub fn settings_changed(&self) {
        // No receiver just means no page is open.
        let _ = self.to_page.send(PageEvent::Settings);
    }

    /// Tells open pages that the webhook server changed (state or last webhook), so an open
    /// settings panel rereads it.
    pub fn webhook_changed(&self) {
        let _ = self.to_page.send(PageEvent::Webhook);
    }

    /// Tells open pages to show `at` (a notification was clicked). Lost when no page is open:
    /// a window that is only starting shows the phone anyway.
    pub fn open_at(&self, at: OpenAt) {
        let _ = self.to_page.send(PageEvent::OpenAt(at));
    }

    /// Events for one page's stream.
    pub fn page_events(&self) -> tokio::sync::broadcast::Receiver<PageEvent> {
        self.to_page.subscribe()
    }

    /// Records the page's report. Ignored while no stream is open: a report that arrives just
    /// after the window closed must not bring back a call that has gone. (The page sends its
    /// state again whenever its stream opens.)
    pub fn report(&self, report: PhoneStatus) {
        let streams = &self.streams;
        let phone = &self.phone;
        self.status.send_if_modified(|s| {
            let open = streams.load(Ordering::SeqCst) > 0;
            if open {
                phone.report(Reporter::CallingWindow, report.clone());
                s.report = Some(report);
            }
            open
        });
    }

    pub fn opened(&self, browser: Option<String>, error: Option<String>) {
        self.status.send_modify(|s| {
            s.browser = browser;
            s.error = error;
        });
    }

    /// Marks the page connected until the returned guard drops (the event stream closed).
    pub fn connect(&self) -> Connection {
        // Counting inside the watch's lock keeps "count" and "connected" in step even when a
        // reload's new stream and the old stream's end race each other.
        self.status.send_modify(|s| {
            if self.streams.fetch_add(1, Ordering::SeqCst) == 0 {
                tracing::info!("the calling window's page connected");
            }
            s.connected = true;
            s.error = None;
        });
        Connection { link: self.clone() }
    }
}

/// Held by an open event stream.
pub struct Connection {
    link: PageLink,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let streams = &self.link.streams;
        self.link.status.send_modify(|s| {
            if streams.fetch_sub(1, Ordering::SeqCst) == 1 {
                tracing::info!("the calling window's page disconnected");
                s.connected = false;
                s.report = None;
                self.link.phone.forget(Reporter::CallingWindow);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone_status::Registration;

    fn registered() -> PhoneStatus {
        PhoneStatus {
            last_call: None,
            registration: Registration::Registered,
            error: None,
            call: None,
        }
    }

    #[test]
    fn connection_lifetime_drives_connected() {
        let phone = PhoneFeed::default();
        let link = PageLink::new(phone.clone());
        let mut rx = link.subscribe();
        link.report(registered());
        assert!(link.status().report.is_none(), "no page is open to report");
        assert!(phone.current().is_none());
        let connection = link.connect();
        assert!(rx.borrow_and_update().connected);
        let reload = link.connect();
        drop(reload);
        assert!(rx.borrow_and_update().connected, "one stream is still open");
        link.report(registered());
        assert!(link.status().report.is_some());
        assert_eq!(
            phone.current(),
            Some(registered()),
            "the rest of the app hears it"
        );
        drop(connection);
        let status = rx.borrow_and_update().clone();
        assert!(!status.connected && status.report.is_none());
        assert!(phone.current().is_none(), "and forgets it with the window");
    }
}
