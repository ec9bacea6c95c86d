//! The calling window's link to its page: whether a page is open (its event stream is), what
//! it last reported, and the events the app sends it. The page's side is
//! `ui/src/phone/pageLink.ts`. The app window subscribes and mirrors it.
//!
//! Most events only say "reread this" and mean nothing to a page that is not open yet (it
//! reads everything when it loads). Where to open the phone does: a click on a notification
//! or a tray entry while the window is (re)starting would otherwise only show the phone, so
//! the newest such request waits for the next stream that opens ([`PageLink::page_events`]).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::{broadcast, watch};
use tokio::time::Instant;

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
    /// The call journal changed (a call, a voicemail, a contact, from any process): the page
    /// reads its badges and the lists it shows again.
    Journal,
}

impl PageEvent {
    /// The event's name on the stream (the page's `EventSource` listens by name).
    pub fn name(&self) -> &'static str {
        match self {
            PageEvent::Settings => "settings",
            PageEvent::Webhook => "webhook",
            PageEvent::OpenAt(_) => "open-at",
            PageEvent::Journal => "journal",
        }
    }

    /// The event's data: JSON, `{}` for the events that only say "reread".
    pub fn data(&self) -> String {
        match self {
            PageEvent::OpenAt(at) => {
                serde_json::to_string(at).expect("OpenAt serializes: plain strings and a tag")
            }
            PageEvent::Settings | PageEvent::Webhook | PageEvent::Journal => "{}".to_owned(),
        }
    }
}

/// How long an "open at" waits for a page: a window that takes longer to come up than this
/// was not opened by that click any more, and the user has moved on.
pub const OPEN_AT_WAITS: Duration = Duration::from_secs(60);

/// An "open at" that no page heard yet, and since when it waits.
struct WaitingOpenAt {
    at: OpenAt,
    since: Instant,
}

/// Shared, watchable [`WindowStatus`], and the page's share of the phone's state.
#[derive(Clone)]
pub struct PageLink {
    status: Arc<watch::Sender<WindowStatus>>,
    /// Events for the page's event stream (see [`PageEvent`]).
    to_page: broadcast::Sender<PageEvent>,
    /// The newest "open at" sent while no stream listened, for the next stream that opens.
    /// Its lock is also held while a stream subscribes, so a request is either heard live or
    /// waits, never neither.
    waiting_open_at: Arc<Mutex<Option<WaitingOpenAt>>>,
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
            to_page: broadcast::channel(8).0,
            waiting_open_at: Arc::default(),
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

    /// Tells open pages that the call journal changed, so they read their lists again.
    pub fn journal_changed(&self) {
        let _ = self.to_page.send(PageEvent::Journal);
    }

    /// Tells open pages to show `at` (a notification or a tray entry was clicked). When no
    /// stream listens (the window is starting, or restarting after a crash) it waits for the
    /// next one instead, for at most [`OPEN_AT_WAITS`]; a newer request replaces it.
    pub fn open_at(&self, at: OpenAt) {
        let mut waiting = self.lock_waiting();
        if let Err(broadcast::error::SendError(PageEvent::OpenAt(at))) =
            self.to_page.send(PageEvent::OpenAt(at))
        {
            tracing::info!("no calling window page is open yet: where to open it waits for one");
            *waiting = Some(WaitingOpenAt {
                at,
                since: Instant::now(),
            });
        }
    }

    /// Events for one page's stream, and the "open at" that waited for a page, if one did and
    /// is fresh: the stream sends it first. It is taken, so only this stream shows it.
    pub fn page_events(&self) -> (broadcast::Receiver<PageEvent>, Option<OpenAt>) {
        let mut waiting = self.lock_waiting();
        let events = self.to_page.subscribe();
        let at = waiting
            .take()
            .filter(|w| w.since.elapsed() <= OPEN_AT_WAITS)
            .map(|w| w.at);
        (events, at)
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Option<WaitingOpenAt>> {
        self.waiting_open_at
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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

    fn call(sid: &str) -> OpenAt {
        OpenAt::Call {
            call_sid: sid.to_owned(),
        }
    }

    /// What a stream that opens now is handed; the stream closes at once.
    fn opened_with(link: &PageLink) -> Option<OpenAt> {
        link.page_events().1
    }

    #[tokio::test(start_paused = true)]
    async fn an_open_at_sent_while_no_page_listens_waits_for_the_next_one_once() {
        let link = PageLink::new(PhoneFeed::default());
        link.open_at(call("CA1"));
        tokio::time::advance(Duration::from_secs(10)).await;
        link.open_at(call("CA2"));
        assert_eq!(
            opened_with(&link),
            Some(call("CA2")),
            "the newest click wins"
        );
        assert_eq!(opened_with(&link), None, "and is shown once");
    }

    #[tokio::test]
    async fn an_open_at_a_page_hears_does_not_wait() {
        let link = PageLink::new(PhoneFeed::default());
        let (mut events, _) = link.page_events();
        link.open_at(call("CA1"));
        assert_eq!(events.recv().await.unwrap(), PageEvent::OpenAt(call("CA1")));
        drop(events);
        assert_eq!(opened_with(&link), None, "a page already showed it");
    }

    #[tokio::test(start_paused = true)]
    async fn an_open_at_older_than_a_minute_is_dropped() {
        let link = PageLink::new(PhoneFeed::default());
        link.open_at(call("CA1"));
        tokio::time::advance(OPEN_AT_WAITS).await;
        assert_eq!(
            opened_with(&link),
            Some(call("CA1")),
            "a minute old is still fresh"
        );
        link.open_at(call("CA2"));
        tokio::time::advance(OPEN_AT_WAITS + Duration::from_secs(1)).await;
        assert_eq!(
            opened_with(&link),
            None,
            "the window took too long: the user moved on"
        );
    }

    #[test]
    fn journal_events_say_only_reread() {
        assert_eq!(
            (PageEvent::Journal.name(), PageEvent::Journal.data()),
            ("journal", "{}".to_owned())
        );
    }
}
