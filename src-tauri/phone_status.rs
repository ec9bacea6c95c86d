//! The phone's state as Rust knows it: registration, the current call, an incoming call
//! ringing. The UI owns the Voice SDK, so it reports; whichever window carries calls (the app
//! window on Windows and macOS, the calling window on Linux) sends the same [`PhoneStatus`]
//! (Tauri IPC `report_phone_status`, or `POST /api/state`), and Rust publishes the phone's
//! state to whoever follows it: the app window's panel today, the tray, notifications and the
//! call journal next. `ui/src/contract.ts` has the same shapes.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tokio::sync::watch;

/// What the phone window reports. Strings are bounded (see [`PhoneStatus::validate`]) so a
/// misbehaving page cannot grow the app's memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhoneStatus {
    pub registration: Registration,
    /// Why the phone is not registered, in the UI's words.
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub call: Option<PhoneCall>,
    /// How the last call that ended here sounded: the page sends it with the report that says
    /// the call is over, and repeats it until the next call ends. The journal keeps it. Left out
    /// when there is none, so the status the app passes on (IPC, the calling window) is unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_call: Option<EndedCall>,
}

/// A call that ended, with the quality the page measured over it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndedCall {
    /// The SDK's CallSid of the leg (as in [`PhoneCall::call_sid`]).
    pub call_sid: String,
    pub quality: CallQuality,
}

/// The SDK's measurements summed up over one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CallQuality {
    /// From the SDK's `sample.codecName` (`opus`, `pcmu`).
    #[serde(default)]
    pub codec: Option<String>,
    /// The mean of the samples' MOS, 1..=5; none when no sample had one.
    #[serde(default)]
    pub average_mos: Option<Mos>,
    /// The worst of the SDK's warnings raised during the call (`high-jitter`, `low-mos`…).
    #[serde(default)]
    pub worst_warning: Option<String>,
}

/// A mean opinion score. [`PhoneStatus::validate`] refuses one that is not a number in 1..=5,
/// so equality is a true equivalence on the values that get through (no NaN).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mos(pub f64);

impl Eq for Mos {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Registration {
    Registering,
    Registered,
    Unregistered,
    Error,
    /// This window cannot carry calls (no WebRTC).
    Unsupported,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhoneCall {
    pub direction: Direction,
    /// The other party: an E.164 number, `client:…`, or what the caller ID said.
    pub number: String,
    pub state: CallState,
    /// Unix milliseconds when the call was answered, for timers shown elsewhere.
    #[serde(default)]
    pub since: Option<u64>,
    /// The SDK's CallSid for this leg, once Twilio has named it.
    #[serde(default)]
    pub call_sid: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Incoming,
    Outgoing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallState {
    Ringing,
    Connecting,
    Open,
}

const MAX_TEXT: usize = 200;

impl PhoneStatus {
    /// Refuses oversized text (the enums are checked when the JSON is read).
    pub fn validate(&self) -> Result<(), &'static str> {
        if self.error.as_ref().is_some_and(|e| e.len() > MAX_TEXT * 4) {
            return Err("error text too long");
        }
        if let Some(ended) = &self.last_call {
            let q = &ended.quality;
            let word = |w: &Option<String>| {
                w.as_ref().is_some_and(|w| {
                    w.is_empty()
                        || w.len() > 40
                        || !w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
            };
            if ended.call_sid.len() > 64
                || word(&q.codec)
                || word(&q.worst_warning)
                || q.average_mos.is_some_and(|m| !(1.0..=5.0).contains(&m.0))
            {
                return Err("malformed call quality");
            }
        }
        if let Some(call) = &self.call {
            if call.number.len() > MAX_TEXT || call.call_sid.as_ref().is_some_and(|s| s.len() > 64)
            {
                return Err("malformed call");
            }
        }
        Ok(())
    }

    pub fn is_ringing_in(&self) -> bool {
        self.call
            .as_ref()
            .is_some_and(|c| c.direction == Direction::Incoming && c.state == CallState::Ringing)
    }
}

/// Which window a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporter {
    /// The app's own (Tauri) window.
    AppWindow,
    /// The calling window in a browser (Linux).
    CallingWindow,
}

/// The latest report of each window, and the phone's state derived from them: the calling
/// window's when it has one, else the app window's, and a window that says it cannot carry
/// calls only when no other says anything. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct PhoneFeed {
    reports: Arc<Mutex<Reports>>,
    phone: Arc<watch::Sender<Option<PhoneStatus>>>,
}

#[derive(Default)]
struct Reports {
    app_window: Option<PhoneStatus>,
    calling_window: Option<PhoneStatus>,
}

impl Default for PhoneFeed {
    fn default() -> Self {
        Self {
            reports: Arc::default(),
            phone: Arc::new(watch::Sender::new(None)),
        }
    }
}

impl PhoneFeed {
    /// Takes a window's report; followers hear of it if the phone's state changed.
    pub fn report(&self, from: Reporter, status: PhoneStatus) {
        self.update(from, Some(status));
    }

    /// Forgets a window's report: it closed, or lost its link to the app.
    pub fn forget(&self, from: Reporter) {
        self.update(from, None);
    }

    fn update(&self, from: Reporter, status: Option<PhoneStatus>) {
        let mut reports = self
            .reports
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match from {
            Reporter::AppWindow => reports.app_window = status,
            Reporter::CallingWindow => reports.calling_window = status,
        }
        let phone = reports.phone();
        // Under the lock, so two windows reporting at once publish in the order they stored.
        self.phone.send_if_modified(|current| {
            let changed = *current != phone;
            *current = phone;
            changed
        });
    }

    /// The phone's state now; `None` until a window reports.
    pub fn current(&self) -> Option<PhoneStatus> {
        self.phone.borrow().clone()
    }

    /// Wakes on every change of [`PhoneFeed::current`].
    pub fn watch(&self) -> watch::Receiver<Option<PhoneStatus>> {
        self.phone.subscribe()
    }
}

impl Reports {
    fn phone(&self) -> Option<PhoneStatus> {
        let carries_calls = |s: &&PhoneStatus| s.registration != Registration::Unsupported;
        self.calling_window
            .as_ref()
            .filter(carries_calls)
            .or_else(|| self.app_window.as_ref().filter(carries_calls))
            .or(self.calling_window.as_ref())
            .or(self.app_window.as_ref())
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(registration: Registration, call: Option<PhoneCall>) -> PhoneStatus {
        PhoneStatus {
            last_call: None,
            registration,
            error: None,
            call,
        }
    }

    fn ringing() -> PhoneCall {
        PhoneCall {
            direction: Direction::Incoming,
            number: "+15557654321".into(),
            state: CallState::Ringing,
            since: None,
            call_sid: Some("CA0123456789abcdef0123456789abcdef".into()),
        }
    }

    #[test]
    fn the_window_that_carries_calls_is_the_phone() {
        let feed = PhoneFeed::default();
        let mut changes = feed.watch();
        assert_eq!(feed.current(), None);
        feed.report(Reporter::AppWindow, status(Registration::Unsupported, None));
        assert_eq!(
            feed.current().unwrap().registration,
            Registration::Unsupported
        );
        assert!(changes.has_changed().unwrap());
        changes.borrow_and_update();

        feed.report(
            Reporter::CallingWindow,
            status(Registration::Registered, Some(ringing())),
        );
        assert!(feed.current().unwrap().is_ringing_in());
        feed.report(Reporter::AppWindow, status(Registration::Unsupported, None));
        assert!(
            feed.current().unwrap().is_ringing_in(),
            "an app window that cannot call does not hide the calling window"
        );
        changes.borrow_and_update();

        feed.report(
            Reporter::CallingWindow,
            status(Registration::Registered, Some(ringing())),
        );
        assert!(
            !changes.has_changed().unwrap(),
            "the same state again is no change"
        );

        feed.forget(Reporter::CallingWindow);
        assert_eq!(
            feed.current().unwrap().registration,
            Registration::Unsupported
        );
    }

    #[test]
    fn reports_are_read_strictly_and_bounded() {
        let json = r#"{"registration":"registered","call":{"direction":"incoming","number":"+15557654321","state":"ringing"}}"#;
        let ok: PhoneStatus = serde_json::from_str(json).unwrap();
        assert!(ok.validate().is_ok() && ok.is_ringing_in());
        for bad in [
            r#"{"registration":"pwned"}"#,
            r#"{"registration":"registered","extra":1}"#,
            r#"{"registration":"registered","call":{"direction":"sideways","number":"1","state":"open"}}"#,
        ] {
            assert!(serde_json::from_str::<PhoneStatus>(bad).is_err(), "{bad}");
        }
        let mut long = ok;
        long.call.as_mut().unwrap().number = "9".repeat(500);
        assert!(long.validate().is_err());
    }
}
