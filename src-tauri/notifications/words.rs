//! Every word the notifications show, from the Fluent catalogs (`ui/src/i18n/*.ftl`, through
//! [`crate::i18n`]) in the language of the app's words ([`crate::backend::Backend::language`]).

use crate::i18n::{t, Language, Text};

/// Who is calling: the contact's (or caller ID's) name with the number, or the number alone.
pub fn caller(language: Language, name: Option<&str>, number: &str) -> String {
    match name {
        Some(name) if !name.trim().is_empty() && name != number => t(
            language,
            "notify-caller-named",
            &[("name", name), ("number", number)],
        ),
        _ => number.to_owned(),
    }
}

pub fn incoming_call(language: Language) -> String {
    t(language, "notify-incoming-call", &[])
}

pub fn answer(language: Language) -> String {
    t(language, "notify-answer", &[])
}

pub fn decline(language: Language) -> String {
    t(language, "notify-decline", &[])
}

/// The body's second line when the server cannot show buttons.
pub fn open_to_answer(language: Language) -> String {
    t(language, "notify-open-to-answer", &[])
}

pub fn missed_call(language: Language) -> String {
    t(language, "notify-missed-call", &[])
}

pub fn new_voicemail(language: Language) -> String {
    t(language, "notify-new-voicemail", &[])
}

pub fn voicemail_body(language: Language, caller: &str, secs: i64) -> String {
    Text::new("notify-voicemail-body")
        .arg("caller", caller)
        .number("seconds", secs as f64)
        .render(language)
}

/// The app's name as the notification server shows it (a name, not translated).
pub const APP_NAME: &str = "Dialtone";
