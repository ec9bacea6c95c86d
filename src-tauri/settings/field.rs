//! The settings Dialtone knows, their names everywhere (keychain, environment, CLI, UI) and
//! the shape each value must have.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::desktop;
use crate::phone_number::{Country, E164};

/// One setting. The `snake_case` name is what the CLI, the UI and the keychain entry use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    AccountSid,
    AuthToken,
    ApiKeySid,
    ApiKeySecret,
    TwimlAppSid,
    TwilioNumber,
    Identity,
    PublicUrl,
    Port,
    AllowedCountryCodes,
    AllowedNumbers,
    MaxCallSeconds,
    /// Unanswered incoming calls go to voicemail (`on`/`off`).
    Voicemail,
    /// What callers hear before the tone, unless a recorded greeting is set.
    VoicemailGreeting,
    /// The longest message a caller may leave, in seconds.
    VoicemailMaxSecs,
    /// How long an incoming call rings before it goes to voicemail, in seconds.
    RingSecs,
    /// Calls go straight to voicemail without ringing (`on`/`off`).
    DoNotDisturb,
    CallAtOnce,
    LaunchAtLogin,
    /// Closing the app window hides it in the tray instead of quitting (`on`/`off`); it
    /// takes effect only where a tray icon could be shown.
    CloseToTray,
    ShortcutAnswer,
    ShortcutHangUp,
    ShortcutMute,
    /// The language of the windows: `auto` (the system's), `en` or `ja`.
    Language,
}

/// Where a field is kept when the user saves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// The OS keychain: the Twilio credentials.
    Keychain,
    /// The settings file in the OS config directory: plain preferences.
    SettingsFile,
}

impl Field {
    pub const ALL: [Field; 24] = [
        Field::AccountSid,
        Field::AuthToken,
        Field::ApiKeySid,
        Field::ApiKeySecret,
        Field::TwimlAppSid,
        Field::TwilioNumber,
        Field::Identity,
        Field::PublicUrl,
        Field::Port,
        Field::AllowedCountryCodes,
        Field::AllowedNumbers,
        Field::MaxCallSeconds,
        Field::Voicemail,
        Field::VoicemailGreeting,
        Field::VoicemailMaxSecs,
        Field::RingSecs,
        Field::DoNotDisturb,
        Field::CallAtOnce,
        Field::LaunchAtLogin,
        Field::CloseToTray,
        Field::ShortcutAnswer,
        Field::ShortcutHangUp,
        Field::ShortcutMute,
        Field::Language,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::AccountSid => "account_sid",
            Field::AuthToken => "auth_token",
            Field::ApiKeySid => "api_key_sid",
            Field::ApiKeySecret => "api_key_secret",
            Field::TwimlAppSid => "twiml_app_sid",
            Field::TwilioNumber => "twilio_number",
            Field::Identity => "identity",
            Field::PublicUrl => "public_url",
            Field::Port => "port",
            Field::AllowedCountryCodes => "allowed_country_codes",
            Field::AllowedNumbers => "allowed_numbers",
            Field::MaxCallSeconds => "max_call_seconds",
            Field::Voicemail => "voicemail",
            Field::VoicemailGreeting => "voicemail_greeting",
            Field::VoicemailMaxSecs => "voicemail_max_secs",
            Field::RingSecs => "ring_secs",
            Field::DoNotDisturb => "do_not_disturb",
            Field::CallAtOnce => "call_at_once",
            Field::LaunchAtLogin => "launch_at_login",
            Field::CloseToTray => "close_to_tray",
            Field::ShortcutAnswer => "shortcut_answer",
            Field::ShortcutHangUp => "shortcut_hang_up",
            Field::ShortcutMute => "shortcut_mute",
            Field::Language => "language",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::AccountSid => "Account SID",
            Field::AuthToken => "Auth Token",
            Field::ApiKeySid => "API Key SID",
            Field::ApiKeySecret => "API Key Secret",
            Field::TwimlAppSid => "TwiML App SID",
            Field::TwilioNumber => "Twilio number",
            Field::Identity => "Client identity",
            Field::PublicUrl => "Public webhook URL",
            Field::Port => "Listener port",
            Field::AllowedCountryCodes => "Allowed countries",
            Field::AllowedNumbers => "Allowed numbers",
            Field::MaxCallSeconds => "Maximum call length",
            Field::Voicemail => "Voicemail",
            Field::VoicemailGreeting => "Voicemail greeting",
            Field::VoicemailMaxSecs => "Longest voicemail (seconds)",
            Field::RingSecs => "Ring time (seconds)",
            Field::DoNotDisturb => "Do not disturb",
            Field::CallAtOnce => "Call at once when another program hands me a number",
            Field::LaunchAtLogin => "Launch at login",
            Field::CloseToTray => "Keep running in the tray when the window is closed",
            Field::ShortcutAnswer => "Shortcut: answer",
            Field::ShortcutHangUp => "Shortcut: hang up",
            Field::ShortcutMute => "Shortcut: mute",
            Field::Language => "Language",
        }
    }

    /// The environment variable that overrides the stored value. The first five are the
    /// tutorial's `.env` names, so an existing `.env` keeps working.
    pub fn env_var(self) -> &'static str {
        match self {
            Field::AccountSid => "TWILIO_ACCOUNT_SID",
            Field::AuthToken => "TWILIO_AUTH_TOKEN",
            Field::ApiKeySid => "TWILIO_API_KEY_SID",
            Field::ApiKeySecret => "TWILIO_API_KEY_SECRET",
            Field::TwimlAppSid => "TWIML_APP_SID",
            Field::TwilioNumber => "TWILIO_NUMBER",
            Field::Identity => "DIALTONE_IDENTITY",
            Field::PublicUrl => "DIALTONE_PUBLIC_URL",
            Field::Port => "DIALTONE_PORT",
            Field::AllowedCountryCodes => "DIALTONE_ALLOWED_COUNTRY_CODES",
            Field::AllowedNumbers => "DIALTONE_ALLOWED_NUMBERS",
            Field::MaxCallSeconds => "DIALTONE_MAX_CALL_SECONDS",
            Field::Voicemail => "DIALTONE_VOICEMAIL",
            Field::VoicemailGreeting => "DIALTONE_VOICEMAIL_GREETING",
            Field::VoicemailMaxSecs => "DIALTONE_VOICEMAIL_MAX_SECS",
            Field::RingSecs => "DIALTONE_RING_SECS",
            Field::DoNotDisturb => "DIALTONE_DO_NOT_DISTURB",
            Field::CallAtOnce => "DIALTONE_CALL_AT_ONCE",
            Field::LaunchAtLogin => "DIALTONE_LAUNCH_AT_LOGIN",
            Field::CloseToTray => "DIALTONE_CLOSE_TO_TRAY",
            Field::ShortcutAnswer => "DIALTONE_SHORTCUT_ANSWER",
            Field::ShortcutHangUp => "DIALTONE_SHORTCUT_HANG_UP",
            Field::ShortcutMute => "DIALTONE_SHORTCUT_MUTE",
            Field::Language => "DIALTONE_LANGUAGE",
        }
    }

    /// The preferences the desktop shell applies as soon as they are saved (shortcuts,
    /// launch at login).
    pub fn is_desktop_preference(self) -> bool {
        matches!(
            self,
            Field::LaunchAtLogin
                | Field::ShortcutAnswer
                | Field::ShortcutHangUp
                | Field::ShortcutMute
        )
    }

    pub fn is_secret(self) -> bool {
        matches!(self, Field::AuthToken | Field::ApiKeySecret)
    }

    pub fn home(self) -> Home {
        match self {
            Field::AccountSid
            | Field::AuthToken
            | Field::ApiKeySid
            | Field::ApiKeySecret
            | Field::TwimlAppSid => Home::Keychain,
            Field::TwilioNumber
            | Field::Identity
            | Field::PublicUrl
            | Field::Port
            | Field::AllowedCountryCodes
            | Field::AllowedNumbers
            | Field::MaxCallSeconds => Home::SettingsFile,
            Field::Voicemail
            | Field::VoicemailGreeting
            | Field::VoicemailMaxSecs
            | Field::RingSecs
            | Field::DoNotDisturb => Home::SettingsFile,
            Field::CallAtOnce
            | Field::LaunchAtLogin
            | Field::CloseToTray
            | Field::ShortcutAnswer
            | Field::ShortcutHangUp
            | Field::ShortcutMute
            | Field::Language => Home::SettingsFile,
        }
    }

    /// What a well-formed value looks like, for error messages.
    pub fn expected_shape(self) -> &'static str {
        match self {
            Field::AccountSid => "AC followed by 32 hex digits (Twilio Console > Account Info)",
            Field::AuthToken => "32 hex digits (Twilio Console > Account Info > Auth Token)",
            Field::ApiKeySid => "SK followed by 32 hex digits (Console > API keys & tokens)",
            Field::ApiKeySecret => "the secret shown once when the API key was created",
            Field::TwimlAppSid => "AP followed by 32 hex digits (Console > Voice > TwiML Apps)",
            Field::TwilioNumber => "your Twilio number with + and the country code, e.g. +15551234567, with as many digits as that country's numbers have",
            Field::Identity => "1 to 121 letters, digits or underscores",
            Field::PublicUrl => "the https URL your tunnel gives, e.g. https://abc123.ngrok.app (with or without /handle_calls at the end)",
            Field::Port => "a port number from 1 to 65535",
            Field::AllowedCountryCodes => "country calling codes or two-letter country codes separated by commas, e.g. 1,44 or 1,PR (1 means the US and Canada; name other +1 countries, such as PR or JM, and places such as JE under +44, to allow them)",
            Field::AllowedNumbers => "numbers with + and the country code, separated by commas, e.g. +442079460958,+12129761234 (each is dialed even when its country or kind of number is refused)",
            Field::MaxCallSeconds => "whole seconds from 1 to 14400 (4 hours, Twilio's own limit), e.g. 3600 for one hour",
            Field::VoicemailGreeting => "1 to 500 characters of text, spoken to the caller before the tone",
            Field::VoicemailMaxSecs => "a number of seconds from 5 to 3600",
            Field::RingSecs => "a number of seconds from 5 to 120",
            Field::CallAtOnce | Field::LaunchAtLogin | Field::CloseToTray | Field::Voicemail | Field::DoNotDisturb => "on or off (true/false, yes/no and 1/0 work too)",
            Field::ShortcutAnswer | Field::ShortcutHangUp | Field::ShortcutMute => "a key combination with Ctrl, Alt or Super, e.g. Ctrl+Alt+A (a function key such as F9 may stand alone); leave it empty for none",
            Field::Language => "auto (follow the system), en or ja",
        }
    }

    /// Checks a value's shape and returns it in canonical form (trimmed; SIDs with lowercase
    /// hex, as Twilio prints them; numbers in E.164; country codes without `+` or spaces).
    pub fn normalize(self, raw: &str) -> Result<String, InvalidValue> {
        let value = raw.trim();
        let invalid = || InvalidValue { field: self };
        let ok = match self {
            Field::AccountSid => sid(value, "AC"),
            Field::ApiKeySid => sid(value, "SK"),
            Field::TwimlAppSid => sid(value, "AP"),
            Field::AuthToken => hex32(value).map(str::to_owned),
            Field::ApiKeySecret => (!value.is_empty() && !value.contains(char::is_whitespace))
                .then(|| value.to_owned()),
            Field::TwilioNumber => E164::from_typed(value, None).ok().map(|n| n.to_string()),
            Field::Identity => is_identity(value).then(|| value.to_owned()),
            Field::PublicUrl => public_base(value).map(|_| value.to_owned()),
            Field::Port => value
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .map(|p| p.to_string()),
            Field::AllowedCountryCodes => parse_country_codes(value).map(|codes| joined(&codes)),
            Field::AllowedNumbers => parse_numbers(value).map(|numbers| joined(&numbers)),
            Field::MaxCallSeconds => parse_call_seconds(value).map(|s| s.to_string()),
            Field::Voicemail | Field::DoNotDisturb => {
                desktop::parse_switch(value).map(|on| on.to_string())
            }
            Field::VoicemailGreeting => {
                let words = value
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>();
                (1..=MAX_GREETING_CHARS)
                    .contains(&words.chars().count())
                    .then_some(words)
            }
            Field::VoicemailMaxSecs => seconds(value, VOICEMAIL_SECS),
            Field::RingSecs => seconds(value, RING_SECS),
            Field::CallAtOnce | Field::LaunchAtLogin | Field::CloseToTray => {
                desktop::parse_switch(value).map(|on| on.to_string())
            }
            Field::ShortcutAnswer | Field::ShortcutHangUp | Field::ShortcutMute => {
                desktop::normalize_shortcut(value)
            }
            Field::Language => {
                let choice = value.to_ascii_lowercase();
                LANGUAGE_CHOICES
                    .contains(&choice.as_str())
                    .then_some(choice)
            }
        };
        ok.ok_or_else(invalid)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Field {
    type Err = UnknownField;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Field::ALL
            .into_iter()
            .find(|f| f.name() == wanted || f.env_var().eq_ignore_ascii_case(&wanted))
            .ok_or_else(|| UnknownField(s.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no setting called {0:?}; the settings are: {names}", names = Field::ALL.map(Field::name).join(", "))]
pub struct UnknownField(pub String);

/// A value of the wrong shape. The message names the field and the expected shape but never
/// repeats the value, because the value may be a secret typed into the wrong field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} ({}) is not valid: expected {}", .field.label(), .field.name(), .field.expected_shape())]
pub struct InvalidValue {
    pub field: Field,
}

/// A spoken greeting longer than this is a speech, not a greeting (and `<Say>` has limits).
pub const MAX_GREETING_CHARS: usize = 500;
/// `<Record maxLength>` Dialtone allows (Twilio takes 2 to 14400).
pub const VOICEMAIL_SECS: std::ops::RangeInclusive<u32> = 5..=3600;
/// `<Dial timeout>` Dialtone allows: long enough to reach the phone, short enough that the
/// caller is still there for voicemail.
pub const RING_SECS: std::ops::RangeInclusive<u32> = 5..=120;

fn seconds(value: &str, range: std::ops::RangeInclusive<u32>) -> Option<String> {
    value
        .parse::<u32>()
        .ok()
        .filter(|s| range.contains(s))
        .map(|s| s.to_string())
}

fn hex32(value: &str) -> Option<&str> {
    (value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit())).then_some(value)
}

fn sid(value: &str, prefix: &str) -> Option<String> {
    let rest = value.strip_prefix(prefix)?;
    hex32(rest).map(|hex| format!("{prefix}{}", hex.to_ascii_lowercase()))
}

/// The Voice SDK accepts only letters, digits and `_`, at most 121 characters (`twilio.md` 1.4).
pub fn is_identity(value: &str) -> bool {
    (1..=121).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The allowed countries when none are set: the number's calling code, plus its own region
/// when the code alone does not cover it (`+1 787…` gives `1,PR`; `+44 1534…` gives `44,JE`).
pub fn home_countries(number: &E164) -> String {
    let code = Country::Code(number.country_code());
    match number.region() {
        Some(region) if !code.covers(number) => format!("{code},{region}"),
        _ => code.to_string(),
    }
}

/// The identity used when none is set: `+15551234567` becomes `dialtone_15551234567`.
pub fn default_identity(number: &E164) -> String {
    format!("dialtone_{}", number.digits())
}

/// The path of the voice webhook under the public base URL.
pub const VOICE_PATH: &str = "/handle_calls";

/// The public base URL in a configured public URL: the user pastes either the voice URL
/// (`https://abc.ngrok.app/handle_calls`, as the TwiML App shows it) or the bare base
/// (`https://abc.ngrok.app`); Dialtone signs each route as base + path. `None` unless it is an
/// https URL with a host and nothing that Twilio's signature would not cover.
pub fn public_base(value: &str) -> Option<String> {
    let trimmed = value.trim();
    let base = trimmed
        .strip_suffix(VOICE_PATH)
        .unwrap_or(trimmed)
        .trim_end_matches('/');
    let voice_url = format!("{base}{VOICE_PATH}");
    let url = url::Url::parse(&voice_url).ok()?;
    let valid = url.scheme() == "https"
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none()
        // Url::parse normalises (e.g. lowercases the host); Twilio signs exactly what is
        // configured in the console, so the text must already be in that form.
        && url.as_str() == voice_url;
    valid.then(|| base.to_owned())
}

/// Parses `1, +44,pr` into sorted, de-duplicated entries (codes, then regions); `None` when
/// empty or when any entry is a code or region libphonenumber does not know.
pub fn parse_country_codes(value: &str) -> Option<Vec<Country>> {
    sorted_list(value, Country::parse)
}

/// Parses `+44 20 7946 0958, +12129761234` into sorted, de-duplicated E.164 numbers; `None`
/// when empty or when any entry is not a whole number with its country code.
pub fn parse_numbers(value: &str) -> Option<Vec<E164>> {
    sorted_list(value, |entry| E164::from_typed(entry, None).ok())
}

/// The values of [`Field::Language`]; `auto` is the default.
pub const LANGUAGE_CHOICES: [&str; 3] = ["auto", "en", "ja"];

/// Twilio's default and longest `<Dial timeLimit>`: 4 hours.
pub const MAX_CALL_SECONDS: u32 = 14_400;

pub fn parse_call_seconds(value: &str) -> Option<u32> {
    value
        .parse::<u32>()
        .ok()
        .filter(|s| (1..=MAX_CALL_SECONDS).contains(s))
}

fn sorted_list<T: Ord>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    let mut items = value
        .split(',')
        .map(|entry| parse(entry.trim()))
        .collect::<Option<Vec<_>>>()?;
    items.sort();
    items.dedup();
    (!items.is_empty()).then_some(items)
}

fn joined<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn names_round_trip() {
        for field in Field::ALL {
            assert_eq!(field.name().parse::<Field>(), Ok(field));
            assert_eq!(field.env_var().parse::<Field>(), Ok(field));
        }
        assert_eq!("api-key-sid".parse::<Field>(), Ok(Field::ApiKeySid));
        assert!("password".parse::<Field>().is_err());
    }

    #[test]
    fn sids_are_checked_and_lowercased() {
        assert_eq!(
            Field::AccountSid.normalize(&format!(" AC{} ", HEX.to_uppercase())),
            Ok(format!("AC{HEX}"))
        );
        assert!(Field::AccountSid.normalize(&format!("SK{HEX}")).is_err());
        assert!(Field::ApiKeySid.normalize("SK123").is_err());
        assert!(Field::TwimlAppSid.normalize(&format!("AP{HEX}0")).is_err());
        assert!(Field::AuthToken
            .normalize(&format!("{}g", &HEX[..31]))
            .is_err());
        assert!(Field::ApiKeySecret.normalize("  ").is_err());
    }

    #[test]
    fn error_names_field_and_shape_but_not_value() {
        let err = Field::AuthToken
            .normalize("not-a-token-but-maybe-a-secret")
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("Auth Token") && text.contains("32 hex digits"),
            "{text}"
        );
        assert!(!text.contains("maybe-a-secret"));
    }

    #[test]
    fn identity_rules_follow_the_voice_sdk() {
        assert!(is_identity("alice_01"));
        assert!(is_identity(&"a".repeat(121)));
        assert!(!is_identity(&"a".repeat(122)));
        assert!(!is_identity("+15551234567"));
        assert!(!is_identity("al ice"));
        assert!(!is_identity(""));
        let number = E164::parse("+15551234567").unwrap();
        assert!(is_identity(&default_identity(&number)));
    }

    #[test]
    fn the_public_url_is_the_voice_url_or_its_base() {
        for (given, base) in [
            (
                "https://abc123.ngrok.app/handle_calls",
                "https://abc123.ngrok.app",
            ),
            ("https://abc123.ngrok.app", "https://abc123.ngrok.app"),
            ("https://abc123.ngrok.app/", "https://abc123.ngrok.app"),
            (
                "https://x.trycloudflare.com:8443/phone/handle_calls",
                "https://x.trycloudflare.com:8443/phone",
            ),
        ] {
            assert_eq!(public_base(given).as_deref(), Some(base), "{given}");
            assert!(Field::PublicUrl.normalize(given).is_ok(), "{given}");
        }
        for bad in [
            "http://abc123.ngrok.app/handle_calls",
            "https://abc123.ngrok.app/handle_calls?x=1",
            "https://ABC.ngrok.app/handle_calls",
            "https://user:pw@abc.ngrok.app/handle_calls",
            "abc123.ngrok.app/handle_calls",
            "https://abc 123.ngrok.app",
        ] {
            assert!(public_base(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn numbers_are_read_as_typed_and_stored_as_e164() {
        assert_eq!(
            Field::TwilioNumber.normalize(" +1 (555) 123-4567 "),
            Ok("+15551234567".to_owned())
        );
        for bad in [
            "5551234567",
            "+1 555 123",
            "+28 1234 5678",
            "+44 20 7946 09581",
        ] {
            assert!(Field::TwilioNumber.normalize(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Field::AllowedNumbers.normalize("+44 70 1234 5678, +1 212 976 1234,+447012345678"),
            Ok("+12129761234,+447012345678".to_owned())
        );
        for bad in ["", "+447012345678,", "020 7946 0958", "+44 70 1234"] {
            assert!(Field::AllowedNumbers.normalize(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn call_length_is_whole_seconds_up_to_twilios_limit() {
        assert_eq!(
            Field::MaxCallSeconds.normalize(" 600 "),
            Ok("600".to_owned())
        );
        assert_eq!(
            Field::MaxCallSeconds.normalize("14400"),
            Ok("14400".to_owned())
        );
        for bad in ["0", "14401", "1.5", "1h", "-5"] {
            assert!(Field::MaxCallSeconds.normalize(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_default_countries_cover_the_number_itself() {
        for (number, countries) in [
            ("+12125550123", "1"),
            ("+15551234567", "1"),
            ("+17875550123", "1,PR"),
            ("+18765550123", "1,JM"),
            ("+441534456789", "44,JE"),
            ("+390612345678", "39"),
        ] {
            assert_eq!(
                home_countries(&E164::parse(number).unwrap()),
                countries,
                "{number}"
            );
        }
    }

    /// The UI's list of field names (`ui/src/contract.ts`) is this enum's, in the same order.
    #[test]
    fn the_ui_contract_names_every_field() {
        let contract = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/contract.ts"),
        )
        .unwrap();
        let list = contract
            .split("export const FIELD_NAMES = [")
            .nth(1)
            .and_then(|rest| rest.split("] as const").next())
            .expect("contract.ts declares FIELD_NAMES");
        let names: Vec<&str> = list
            .split(',')
            .map(|name| name.trim().trim_matches('\''))
            .filter(|name| !name.is_empty())
            .collect();
        assert_eq!(names, Field::ALL.map(Field::name));
    }

    #[test]
    fn voicemail_settings_have_shapes() {
        assert_eq!(Field::Voicemail.normalize(" Yes "), Ok("true".to_owned()));
        assert_eq!(Field::DoNotDisturb.normalize("0"), Ok("false".to_owned()));
        assert!(Field::DoNotDisturb.normalize("maybe").is_err());
        assert_eq!(Field::RingSecs.normalize("20"), Ok("20".to_owned()));
        assert!(Field::RingSecs.normalize("4").is_err());
        assert!(Field::RingSecs.normalize("121").is_err());
        assert!(Field::VoicemailMaxSecs.normalize("3601").is_err());
        assert_eq!(
            Field::VoicemailGreeting.normalize(" Leave a message.\u{7} "),
            Ok("Leave a message.".to_owned())
        );
        assert!(Field::VoicemailGreeting
            .normalize(&"a".repeat(501))
            .is_err());
    }

    #[test]
    fn country_codes_are_normalised() {
        assert_eq!(
            Field::AllowedCountryCodes.normalize("+44, 1,44"),
            Ok("1,44".to_owned())
        );
        assert!(Field::AllowedCountryCodes.normalize("").is_err());
        assert!(Field::AllowedCountryCodes.normalize("1,28").is_err());
        assert_eq!(
            Field::AllowedCountryCodes.normalize("pr, 44 ,1,JM"),
            Ok("1,44,JM,PR".to_owned())
        );
        for bad in ["1,XX", "1,001", "1,,44", "USA"] {
            assert!(Field::AllowedCountryCodes.normalize(bad).is_err(), "{bad}");
        }
        assert!(Field::Port.normalize("0").is_err());
        assert_eq!(Field::Port.normalize("3000"), Ok("3000".to_owned()));
    }

    #[test]
    fn desktop_preferences_are_switches_and_key_combinations() {
        assert_eq!(Field::CallAtOnce.normalize(" Yes "), Ok("true".to_owned()));
        assert_eq!(
            Field::LaunchAtLogin.normalize("off"),
            Ok("false".to_owned())
        );
        assert!(Field::LaunchAtLogin.normalize("sometimes").is_err());
        assert_eq!(
            Field::ShortcutMute.normalize("control+alt+m"),
            Ok("Ctrl+Alt+M".to_owned())
        );
        let err = Field::ShortcutAnswer
            .normalize("a")
            .unwrap_err()
            .to_string();
        assert!(err.contains("Ctrl, Alt or Super"), "{err}");
        let unknown = "shortcut".parse::<Field>().unwrap_err().to_string();
        assert!(
            unknown.contains("shortcut_answer, shortcut_hang_up, shortcut_mute"),
            "{unknown}"
        );
    }
}
