//! Call notifications: an incoming call you can answer or decline from the notification, and
//! one notification per missed call and per new voicemail, each opening the app at that call.
//!
//! - [`words`]: every word a notification shows, in one table.
//! - [`events`]: what deserves a notification, decided from the phone's reports and the call
//!   journal; plain data in, plain data out, so it is tested without any desktop.
//! - [`dbus`] (Linux): the desktop's notification server (`org.freedesktop.Notifications`),
//!   spoken to directly over the session bus. The Tauri notification plugin cannot send what a
//!   ringing phone needs there: urgency, the `call.incoming` category, `resident` and no expiry
//!   (see `desktop.md` §1), so this talks D-Bus itself with zbus (already in the tree for the
//!   single-instance hand-over). notify-rust would add a crate whose action wait blocks a
//!   thread per notification; one async connection and two signal streams cover it here.
//! - [`follow`]: the driver, joining the phone feed, the journal and the server: shows, closes
//!   and turns a press of Answer or Decline into a [`crate::phone_control::PhoneCommand`].
//!
//! macOS and Windows do not get notifications yet (the plugin route is left for later).

#[cfg(target_os = "linux")]
pub mod dbus;
pub mod events;
#[cfg(target_os = "linux")]
pub mod follow;
pub mod words;

use serde::Serialize;

/// Where a click on a notification opens the app. The desktop shell shows the window and hands
/// this to the UI (event `open-at`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "view", rename_all = "camelCase")]
pub enum OpenAt {
    /// The phone, for the call ringing now.
    Phone,
    /// Recents, at this call.
    #[serde(rename_all = "camelCase")]
    Call { call_sid: String },
    /// The voicemail inbox, at this message.
    #[serde(rename_all = "camelCase")]
    Voicemail { recording_sid: String },
}

/// How loud a notification is, in the notification specification's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Critical urgency, category `call.incoming`, resident, never expires: it stays until the
    /// call is answered, declined, or the caller gives up, and Dialtone closes it itself.
    Ringing,
    /// Normal urgency, category `call.unanswered`.
    Missed,
    /// Normal urgency; the specification has no category for voicemail, so a vendor one.
    Voicemail,
    /// Normal urgency, a vendor category: something the app says once (the tray's notices).
    Notice,
}

impl Kind {
    /// The `category` hint.
    pub fn category(self) -> &'static str {
        match self {
            Kind::Ringing => "call.incoming",
            Kind::Missed => "call.unanswered",
            Kind::Voicemail => "x-dialtone.voicemail",
            Kind::Notice => "x-dialtone.notice",
        }
    }
}

/// The action key a click on the notification body sends (the specification's name).
pub const DEFAULT_ACTION: &str = "default";
pub const ANSWER_ACTION: &str = "answer";
pub const DECLINE_ACTION: &str = "decline";

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: Kind,
    pub summary: String,
    pub body: String,
    /// Buttons as (key, label), besides the click on the body; shown only when the server
    /// supports actions.
    pub buttons: Vec<(&'static str, String)>,
    /// Where a click on the body opens the app.
    pub opens: OpenAt,
}
