//! What the calling window's page tells the app, and who is listening.
//!
//! The page posts its registration and call state; the app learns the page is open from its
//! event stream (an open server-sent-events connection), and that it closed when that
//! connection drops. The native window subscribes to [`Hub`] and mirrors it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::sync::watch;

/// The phone's state as the page reports it. Strings are bounded so a misbehaving page cannot
/// grow the app's memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageReport {
    /// `registering`, `registered`, `unregistered`, `error` or `unsupported`.
    pub registration: String,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub call: Option<CallReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CallReport {
    /// `incoming` or `outgoing`.
    pub direction: String,
    pub number: String,
    /// `ringing`, `connecting` or `open`.
    pub state: String,
    /// Unix milliseconds when the call was answered, for the native window's timer.
    #[serde(default)]
    pub since: Option<u64>,
}

const MAX_TEXT: usize = 200;

impl PageReport {
    /// Refuses reports with unknown states or oversized text.
    pub fn validate(&self) -> Result<(), &'static str> {
        const REGISTRATION: &[&str] = &[
            "registering",
            "registered",
            "unregistered",
            "error",
            "unsupported",
        ];
        if !REGISTRATION.contains(&self.registration.as_str()) {
            return Err("unknown registration state");
        }
        if self.error.as_ref().is_some_and(|e| e.len() > MAX_TEXT * 4) {
            return Err("error text too long");
        }
        if let Some(call) = &self.call {
            if !["incoming", "outgoing"].contains(&call.direction.as_str())
                || !["ringing", "connecting", "open"].contains(&call.state.as_str())
                || call.number.len() > MAX_TEXT
            {
                return Err("malformed call");
            }
        }
        Ok(())
    }

    pub fn is_ringing_in(&self) -> bool {
        self.call
            .as_ref()
            .is_some_and(|c| c.direction == "incoming" && c.state == "ringing")
    }
}

/// The calling window as the native window shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowStatus {
    /// The page has an open event stream right now.
    pub connected: bool,
    /// The last report since the page connected; cleared when it disconnects.
    pub report: Option<PageReport>,
    /// The browser the app opened, e.g. `chromium`, or `default browser`.
    pub browser: Option<String>,
    /// Why the window could not be opened, with what to install.
    pub error: Option<String>,
}

/// Shared, watchable [`WindowStatus`].
#[derive(Clone)]
pub struct Hub {
    status: Arc<watch::Sender<WindowStatus>>,
    /// Named events for the page's event stream: `settings` after a save, `listener` when the
    /// webhook listener changed.
    to_page: tokio::sync::broadcast::Sender<&'static str>,
    /// Open event streams; the page counts as connected while any is open (a reload opens the
    /// new stream before the old one is seen to close).
    streams: Arc<AtomicUsize>,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            status: Arc::new(watch::Sender::new(WindowStatus::default())),
            to_page: tokio::sync::broadcast::channel(8).0,
            streams: Arc::default(),
        }
    }
}

impl Hub {
    pub fn subscribe(&self) -> watch::Receiver<WindowStatus> {
        self.status.subscribe()
    }

    pub fn status(&self) -> WindowStatus {
        self.status.borrow().clone()
    }

    /// Tells open pages that settings changed, so they fetch a fresh token and restart.
    pub fn settings_changed(&self) {
        // No receiver just means no page is open.
        let _ = self.to_page.send("settings");
    }

    /// Tells open pages that the webhook listener changed (state or last webhook), so an open
    /// settings panel rereads it.
    pub fn listener_changed(&self) {
        let _ = self.to_page.send("listener");
    }

    /// Events for one page's stream.
    pub fn page_events(&self) -> tokio::sync::broadcast::Receiver<&'static str> {
        self.to_page.subscribe()
    }

    /// Records the page's report. Ignored while no stream is open: a report that arrives just
    /// after the window closed must not bring back a call that has gone. (The page sends its
    /// state again whenever its stream opens.)
    pub fn report(&self, report: PageReport) {
        let streams = &self.streams;
        self.status.send_if_modified(|s| {
            let open = streams.load(Ordering::SeqCst) > 0;
            if open {
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
            self.streams.fetch_add(1, Ordering::SeqCst);
            s.connected = true;
            s.error = None;
        });
        Connection { hub: self.clone() }
    }
}

/// Held by an open event stream.
pub struct Connection {
    hub: Hub,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let streams = &self.hub.streams;
        self.hub.status.send_modify(|s| {
            if streams.fetch_sub(1, Ordering::SeqCst) == 1 {
                s.connected = false;
                s.report = None;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_lifetime_drives_connected() {
        let hub = Hub::default();
        let mut rx = hub.subscribe();
        hub.report(PageReport {
            registration: "registered".into(),
            error: None,
            call: None,
        });
        assert!(hub.status().report.is_none(), "no page is open to report");
        let connection = hub.connect();
        assert!(rx.borrow_and_update().connected);
        let reload = hub.connect();
        drop(reload);
        assert!(rx.borrow_and_update().connected, "one stream is still open");
        hub.report(PageReport {
            registration: "registered".into(),
            error: None,
            call: None,
        });
        assert!(hub.status().report.is_some());
        drop(connection);
        let status = rx.borrow_and_update().clone();
        assert!(!status.connected && status.report.is_none());
    }

    #[test]
    fn reports_are_bounded() {
        let ok = PageReport {
            registration: "registered".into(),
            error: None,
            call: Some(CallReport {
                direction: "incoming".into(),
                number: "+15557654321".into(),
                state: "ringing".into(),
                since: None,
            }),
        };
        assert!(ok.validate().is_ok() && ok.is_ringing_in());
        let mut bad = ok.clone();
        bad.registration = "pwned".into();
        assert!(bad.validate().is_err());
        let mut long = ok;
        long.call.as_mut().unwrap().number = "9".repeat(500);
        assert!(long.validate().is_err());
    }
}
