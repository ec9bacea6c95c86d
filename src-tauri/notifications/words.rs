//! Every word the notifications (and the tray) show, in English. They move to the Fluent
//! catalogs (`src-tauri/i18n.rs`, `t(language, id, args)`) when the i18n branch lands; until
//! then this table is the one place to change them.

/// Who is calling: the contact's (or caller ID's) name with the number, or the number alone.
pub fn caller(name: Option<&str>, number: &str) -> String {
    match name {
        Some(name) if !name.trim().is_empty() && name != number => format!("{name} ({number})"),
        _ => number.to_owned(),
    }
}

pub const INCOMING_CALL: &str = "Incoming call";
pub const ANSWER: &str = "Answer";
pub const DECLINE: &str = "Decline";
/// The body when the server cannot show buttons.
pub const OPEN_TO_ANSWER: &str = "Open Dialtone to answer.";
pub const MISSED_CALL: &str = "Missed call";
pub const NEW_VOICEMAIL: &str = "New voicemail";

pub fn voicemail_body(caller: &str, secs: i64) -> String {
    format!("{caller} left a message ({secs} s)")
}

/// The app's name as the notification server shows it.
pub const APP_NAME: &str = "Dialtone";
