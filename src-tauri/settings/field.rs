//! The settings Dialtone knows, their names everywhere (keychain, environment, CLI, UI) and
//! the shape each value must have.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::desktop;
use crate::phone_number::{CountryCode, E164};

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
    CallAtOnce,
    LaunchAtLogin,
    ShortcutAnswer,
    ShortcutHangUp,
    ShortcutMute,
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
    pub const ALL: [Field; 15] = [
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
        Field::CallAtOnce,
        Field::LaunchAtLogin,
        Field::ShortcutAnswer,
        Field::ShortcutHangUp,
        Field::ShortcutMute,
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
            Field::CallAtOnce => "call_at_once",
            Field::LaunchAtLogin => "launch_at_login",
            Field::ShortcutAnswer => "shortcut_answer",
            Field::ShortcutHangUp => "shortcut_hang_up",
            Field::ShortcutMute => "shortcut_mute",
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
            Field::AllowedCountryCodes => "Allowed country calling codes",
            Field::CallAtOnce => "Call at once when another program hands me a number",
            Field::LaunchAtLogin => "Launch at login",
            Field::ShortcutAnswer => "Shortcut: answer",
            Field::ShortcutHangUp => "Shortcut: hang up",
            Field::ShortcutMute => "Shortcut: mute",
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
            Field::CallAtOnce => "DIALTONE_CALL_AT_ONCE",
            Field::LaunchAtLogin => "DIALTONE_LAUNCH_AT_LOGIN",
            Field::ShortcutAnswer => "DIALTONE_SHORTCUT_ANSWER",
            Field::ShortcutHangUp => "DIALTONE_SHORTCUT_HANG_UP",
            Field::ShortcutMute => "DIALTONE_SHORTCUT_MUTE",
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
            | Field::CallAtOnce
            | Field::LaunchAtLogin
            | Field::ShortcutAnswer
            | Field::ShortcutHangUp
            | Field::ShortcutMute => Home::SettingsFile,
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
            Field::TwilioNumber => "an E.164 number: + then the country code and number, e.g. +15551234567",
            Field::Identity => "1 to 121 letters, digits or underscores",
            Field::PublicUrl => "the https URL your tunnel gives, e.g. https://abc123.ngrok.app (with or without /handle_calls at the end)",
            Field::Port => "a port number from 1 to 65535",
            Field::AllowedCountryCodes => "country calling codes separated by commas, e.g. 1,44",
            Field::CallAtOnce | Field::LaunchAtLogin => "on or off (true/false, yes/no and 1/0 work too)",
            Field::ShortcutAnswer | Field::ShortcutHangUp | Field::ShortcutMute => "a key combination with Ctrl, Alt or Super, e.g. Ctrl+Alt+A (a function key such as F9 may stand alone); leave it empty for none",
        }
    }

    /// Checks a value's shape and returns it in canonical form (trimmed; SIDs with lowercase
    /// hex, as Twilio prints them; country codes without `+` or spaces).
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
            Field::TwilioNumber => E164::parse(value).ok().map(|n| n.to_string()),
            Field::Identity => is_identity(value).then(|| value.to_owned()),
            Field::PublicUrl => public_base(value).map(|_| value.to_owned()),
            Field::Port => value
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .map(|p| p.to_string()),
            Field::AllowedCountryCodes => parse_country_codes(value).map(|codes| {
                codes
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            }),
            Field::CallAtOnce | Field::LaunchAtLogin => {
                desktop::parse_switch(value).map(|on| on.to_string())
            }
            Field::ShortcutAnswer | Field::ShortcutHangUp | Field::ShortcutMute => {
                desktop::normalize_shortcut(value)
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
#[error("there is no setting called {name:?}; the settings are: {all}", name = .0, all = Field::ALL.map(Field::name).join(", "))]
pub struct UnknownField(pub String);

/// A value of the wrong shape. The message names the field and the expected shape but never
/// repeats the value, because the value may be a secret typed into the wrong field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} ({}) is not valid: expected {}", .field.label(), .field.name(), .field.expected_shape())]
pub struct InvalidValue {
    pub field: Field,
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

/// Parses `1, +44,353` into sorted, de-duplicated codes; `None` when empty or any is unknown.
pub fn parse_country_codes(value: &str) -> Option<Vec<CountryCode>> {
    let mut codes = value
        .split(',')
        .map(CountryCode::parse)
        .collect::<Option<Vec<_>>>()?;
    codes.sort();
    codes.dedup();
    (!codes.is_empty()).then_some(codes)
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
    fn country_codes_are_normalised() {
        assert_eq!(
            Field::AllowedCountryCodes.normalize("+44, 1,44"),
            Ok("1,44".to_owned())
        );
        assert!(Field::AllowedCountryCodes.normalize("").is_err());
        assert!(Field::AllowedCountryCodes.normalize("1,28").is_err());
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
