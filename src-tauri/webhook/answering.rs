//! How an incoming call is answered: how long it rings, whether do-not-disturb sends it
//! straight to voicemail, and the voicemail itself (a greeting, then `<Record>`).
//!
//! Every URL in the TwiML is relative and without a leading `/`: Twilio resolves it against
//! the URL of the document it came from (`…/handle_calls`, `…/dial_status`), so the callbacks
//! reach this listener under whatever base and prefix the tunnel has, and are signed over the
//! same public base as the voice webhook.

use crate::i18n::{Language, Text};
use crate::settings::{self, Field, Settings, Source};
use crate::twiml;

/// Where `<Dial action>` sends the outcome of the dialled leg.
pub const DIAL_STATUS_PATH: &str = "dial_status";
/// `<Record action>`: the caller finished a message.
pub const RECORDED_PATH: &str = "voicemail/recorded";
/// `<Record recordingStatusCallback>`: the recording is ready (or absent).
pub const RECORDING_STATUS_PATH: &str = "voicemail/status";
/// The recorded greeting, for `<Play>`.
pub const GREETING_PATH: &str = "voicemail/greeting";

/// `<Say>` in the language its words are written in: Twilio reads text with an English voice
/// unless told otherwise, and a Japanese greeting read that way is noise. The words decide,
/// not the app's language, so an English greeting typed by a Japanese user is read in English.
fn say(words: &str) -> twiml::Element {
    let japanese = words.chars().any(|c| {
        matches!(c,
            '\u{3040}'..='\u{30ff}' // hiragana, katakana
            | '\u{3400}'..='\u{9fff}' // CJK ideographs
            | '\u{ff66}'..='\u{ff9f}') // half-width katakana
    });
    let element = twiml::say(words);
    if japanese {
        element.attr("language", "ja-JP")
    } else {
        element
    }
}

/// The answering preferences, read from the settings at each (re)start of the webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answering {
    /// `<Dial timeout>` for incoming calls.
    pub ring_secs: u32,
    pub do_not_disturb: bool,
    /// `None` when voicemail is off.
    pub voicemail: Option<Voicemail>,
    /// What Dialtone itself says to callers ("No message was recorded…") is in this language.
    pub language: Language,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voicemail {
    /// Spoken when no recorded greeting is set.
    pub greeting: String,
    /// `<Record maxLength>`.
    pub max_secs: u32,
}

impl Default for Answering {
    fn default() -> Self {
        Self {
            ring_secs: settings::DEFAULT_RING_SECS,
            do_not_disturb: false,
            voicemail: Some(Voicemail {
                greeting: settings::default_greeting(Language::En),
                max_secs: settings::DEFAULT_VOICEMAIL_SECS,
            }),
            language: Language::En,
        }
    }
}

impl Answering {
    /// From the settings; a malformed value (which `config show` and Settings flag) falls back
    /// to its default, so a typo never stops calls from ringing. `language` is the app's: the
    /// default greeting and Dialtone's own lines are spoken in it.
    pub fn from_settings(settings: &Settings, language: Language) -> Self {
        let text = |field: Field| settings.valid(field);
        let switch = |field: Field, default: bool| {
            text(field)
                .and_then(settings::desktop::parse_switch)
                .unwrap_or(default)
        };
        let number = |field: Field, default: u32| {
            text(field).and_then(|v| v.parse().ok()).unwrap_or(default)
        };
        Self {
            ring_secs: number(Field::RingSecs, settings::DEFAULT_RING_SECS),
            do_not_disturb: switch(Field::DoNotDisturb, false),
            voicemail: switch(Field::Voicemail, true).then(|| Voicemail {
                greeting: match text(Field::VoicemailGreeting) {
                    Some(own)
                        if settings.get(Field::VoicemailGreeting).source != Source::Default =>
                    {
                        own.to_owned()
                    }
                    _ => settings::default_greeting(language),
                },
                max_secs: number(Field::VoicemailMaxSecs, settings::DEFAULT_VOICEMAIL_SECS),
            }),
            language,
        }
    }

    /// What an unanswered incoming call gets: voicemail, or (with voicemail off) a hang-up.
    /// `recorded_greeting` says whether the user set a greeting of their own.
    pub fn unanswered(&self, recorded_greeting: bool) -> String {
        let Some(voicemail) = &self.voicemail else {
            return twiml::response([twiml::hangup()]);
        };
        let greeting = if recorded_greeting {
            twiml::play(GREETING_PATH)
        } else {
            say(&voicemail.greeting)
        };
        twiml::response([
            greeting,
            twiml::record()
                .attr("action", RECORDED_PATH)
                .attr("maxLength", voicemail.max_secs.to_string())
                .attr("recordingStatusCallback", RECORDING_STATUS_PATH),
            // `<Record>` skips its action when nothing was recorded; this runs instead.
            say(&Text::new("voicemail-spoken-no-message").render(self.language)),
            twiml::hangup(),
        ])
    }

    /// Do-not-disturb: straight to voicemail, or, with voicemail off, refused as busy (no
    /// charge, the caller hears busy).
    pub fn do_not_disturb_twiml(&self, recorded_greeting: bool) -> String {
        if self.voicemail.is_some() {
            self.unanswered(recorded_greeting)
        } else {
            twiml::response([twiml::reject().attr("reason", "busy")])
        }
    }

    /// The answer to the `<Record action>`: the message is in; say so and hang up.
    pub fn recorded(&self) -> String {
        let thanks = Text::new("voicemail-spoken-thanks").render(self.language);
        twiml::response([say(&thanks), twiml::hangup()])
    }
}

/// The answer to a `<Dial action>` whose call was answered (or that was ours outbound): the
/// parent call ends with the dialled one.
pub fn hang_up() -> String {
    twiml::response([twiml::hangup()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Environment;

    #[test]
    fn settings_choose_the_answer() {
        let env = Environment::from_vars([
            ("DIALTONE_RING_SECS", "20"),
            (
                "DIALTONE_VOICEMAIL_GREETING",
                "Hi, it's Ana. Leave a message.",
            ),
            ("DIALTONE_VOICEMAIL_MAX_SECS", "not a number"),
            ("DIALTONE_DO_NOT_DISTURB", "on"),
        ]);
        let settings = Settings::resolve(&env, &Default::default());
        let answering = Answering::from_settings(&settings, Language::En);
        assert_eq!(answering.ring_secs, 20);
        assert!(answering.do_not_disturb);
        let voicemail = answering.voicemail.clone().unwrap();
        assert_eq!(voicemail.greeting, "Hi, it's Ana. Leave a message.");
        assert_eq!(
            voicemail.max_secs, 120,
            "a malformed value falls back to the default"
        );
        let xml = answering.unanswered(false);
        assert!(xml.contains("<Say>Hi, it's Ana. Leave a message.</Say><Record action=\"voicemail/recorded\" maxLength=\"120\" recordingStatusCallback=\"voicemail/status\" />"), "{xml}");
        assert!(answering
            .unanswered(true)
            .contains("<Play>voicemail/greeting</Play>"));

        let off = Settings::resolve(
            &Environment::from_vars([("DIALTONE_VOICEMAIL", "off")]),
            &Default::default(),
        );
        let off = Answering::from_settings(&off, Language::En);
        assert_eq!(off.unanswered(false), twiml::response([twiml::hangup()]));
        assert!(off
            .do_not_disturb_twiml(false)
            .contains(r#"<Reject reason="busy" />"#));
        assert_eq!(
            Answering::from_settings(
                &Settings::resolve(&Environment::default(), &Default::default()),
                Language::En
            ),
            Answering::default()
        );
    }

    #[test]
    fn the_default_greeting_is_spoken_in_the_apps_language_and_own_words_in_theirs() {
        let defaults = Settings::resolve(&Environment::default(), &Default::default());
        let ja = Answering::from_settings(&defaults, Language::Ja);
        let xml = ja.unanswered(false);
        assert!(
            xml.contains(&format!(
                "<Say language=\"ja-JP\">{}</Say>",
                settings::default_greeting(Language::Ja)
            )),
            "{xml}"
        );
        assert!(ja.recorded().contains("<Say language=\"ja-JP\">"));
        // A greeting the user wrote is theirs, read in the language it is written in.
        let own = Settings::resolve(
            &Environment::from_vars([("DIALTONE_VOICEMAIL_GREETING", "Hi, it's Ana.")]),
            &Default::default(),
        );
        let xml = Answering::from_settings(&own, Language::Ja).unanswered(false);
        assert!(xml.contains("<Say>Hi, it's Ana.</Say>"), "{xml}");
        let own = Settings::resolve(
            &Environment::from_vars([("DIALTONE_VOICEMAIL_GREETING", "アナです。")]),
            &Default::default(),
        );
        let xml = Answering::from_settings(&own, Language::En).unanswered(false);
        assert!(
            xml.contains("<Say language=\"ja-JP\">アナです。</Say>"),
            "{xml}"
        );
    }
}
