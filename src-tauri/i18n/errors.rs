//! Rust's errors as messages ([`Text`]), for what reaches the UI: settings, keychain, settings
//! file, token, invalid values, the webhook listener. Each error type keeps its English
//! `Display` for logs and the command line; the catalogs hold the same words (and the
//! Japanese), and a test below keeps the two English versions equal.

use super::Text;
use crate::phone_number::CountryCode;
use crate::settings::{Field, Incomplete, InvalidValue, StoreError};
use crate::token::TokenError;
use crate::webhook::routing::{Refusal, Risk, Route};
use crate::webhook::ServeError;

/// A field's label, e.g. "Account SID" / "Twilio 番号": the UI's label ids too.
pub fn field_label(field: Field) -> Text {
    Text::new(match field {
        Field::AccountSid => "field-account-sid",
        Field::AuthToken => "field-auth-token",
        Field::ApiKeySid => "field-api-key-sid",
        Field::ApiKeySecret => "field-api-key-secret",
        Field::TwimlAppSid => "field-twiml-app-sid",
        Field::TwilioNumber => "field-twilio-number",
        Field::Identity => "field-identity",
        Field::PublicUrl => "field-public-url",
        Field::Port => "field-port",
        Field::AllowedCountryCodes => "field-allowed-country-codes",
        Field::AllowedNumbers => "field-allowed-numbers",
        Field::MaxCallSeconds => "field-max-call-seconds",
        Field::Voicemail => "field-voicemail",
        Field::VoicemailGreeting => "field-voicemail-greeting",
        Field::VoicemailMaxSecs => "field-voicemail-max-secs",
        Field::RingSecs => "field-ring-secs",
        Field::DoNotDisturb => "field-do-not-disturb",
        Field::CallAtOnce => "field-call-at-once",
        Field::LaunchAtLogin => "field-launch-at-login",
        Field::CloseToTray => "field-close-to-tray",
        Field::ShortcutAnswer => "field-shortcut-answer",
        Field::ShortcutHangUp => "field-shortcut-hang-up",
        Field::ShortcutMute => "field-shortcut-mute",
        Field::Language => "field-language",
    })
}

/// What a well-formed value of `field` looks like ([`Field::expected_shape`] in English).
pub fn field_shape(field: Field) -> Text {
    Text::new(match field {
        Field::AccountSid => "shape-account-sid",
        Field::AuthToken => "shape-auth-token",
        Field::ApiKeySid => "shape-api-key-sid",
        Field::ApiKeySecret => "shape-api-key-secret",
        Field::TwimlAppSid => "shape-twiml-app-sid",
        Field::TwilioNumber => "shape-twilio-number",
        Field::Identity => "shape-identity",
        Field::PublicUrl => "shape-public-url",
        Field::Port => "shape-port",
        Field::AllowedCountryCodes => "shape-allowed-country-codes",
        Field::AllowedNumbers => "shape-allowed-numbers",
        Field::MaxCallSeconds => "shape-max-call-seconds",
        Field::Voicemail
        | Field::DoNotDisturb
        | Field::CallAtOnce
        | Field::LaunchAtLogin
        | Field::CloseToTray => "shape-switch",
        Field::ShortcutAnswer | Field::ShortcutHangUp | Field::ShortcutMute => "shape-shortcut",
        Field::VoicemailGreeting => "shape-voicemail-greeting",
        Field::VoicemailMaxSecs => "shape-voicemail-max-secs",
        Field::RingSecs => "shape-ring-secs",
        Field::Language => "shape-language",
    })
}

impl From<&InvalidValue> for Text {
    fn from(invalid: &InvalidValue) -> Self {
        Text::new("error-invalid-value")
            .message("label", field_label(invalid.field))
            .arg("name", invalid.field.name())
            .message("shape", field_shape(invalid.field))
    }
}

/// Several problems as one sentence: "a; b; c" (Japanese: "a。b。c").
pub fn joined(parts: impl IntoIterator<Item = Text>) -> Text {
    let mut parts = parts.into_iter();
    let first = parts.next().unwrap_or_else(|| Text::plain(""));
    parts.fold(first, |all, next| {
        Text::new("error-joined")
            .message("first", all)
            .message("second", next)
    })
}

impl From<&Incomplete> for Text {
    fn from(incomplete: &Incomplete) -> Self {
        let mut parts = Vec::new();
        if !incomplete.missing.is_empty() {
            let names = joined_names(incomplete.missing.iter().map(|field| {
                Text::new("error-missing-name")
                    .message("label", field_label(*field))
                    .arg("variable", field.env_var())
            }));
            parts.push(Text::new("error-missing-settings").message("names", names));
        }
        parts.extend(incomplete.invalid.iter().map(Text::from));
        joined(parts)
    }
}

/// Names as a list: "A, B" (Japanese: "A、B").
fn joined_names(names: impl IntoIterator<Item = Text>) -> Text {
    let mut names = names.into_iter();
    let first = names.next().unwrap_or_else(|| Text::plain(""));
    names.fold(first, |all, next| {
        Text::new("error-name-list")
            .message("first", all)
            .message("second", next)
    })
}

impl From<&StoreError> for Text {
    fn from(error: &StoreError) -> Self {
        match error {
            StoreError::KeychainUnavailable { detail, .. } => {
                Text::new("error-keychain-unavailable")
                    .arg("detail", detail)
                    .message("fix", keychain_fix())
            }
            StoreError::Keychain {
                action,
                field,
                detail,
            } => Text::new("error-keychain-refused")
                .arg("action", *action)
                .arg("field", field.name())
                .arg("detail", detail),
            StoreError::CorruptSettingsFile { path, detail } => Text::new("error-settings-corrupt")
                .arg("path", path.display())
                .arg("detail", detail),
            StoreError::SettingsFileIo {
                action,
                path,
                source,
            } => Text::new("error-settings-io")
                .arg("action", settings_file_action(action))
                .arg("path", path.display())
                .arg("detail", source),
            StoreError::NoConfigDir => Text::new("error-no-config-dir"),
        }
    }
}

/// The variant of `error-settings-io` for what the settings file was being used for.
fn settings_file_action(action: &str) -> &'static str {
    match action {
        "read" => "read",
        "write" => "write",
        "replace" => "replace",
        "create the folder of" => "create-folder",
        _ => "other",
    }
}

/// How to make the keychain reachable, on this OS.
pub fn keychain_fix() -> Text {
    #[cfg(target_os = "linux")]
    return Text::new("keychain-fix-linux");
    #[cfg(target_os = "macos")]
    return Text::new("keychain-fix-macos");
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    return Text::new("keychain-fix-windows");
}

impl From<&TokenError> for Text {
    fn from(error: &TokenError) -> Self {
        match error {
            TokenError::Ttl(ttl) => Text::new("error-token-ttl")
                .arg("ttl", ttl)
                .arg("min", crate::token::MIN_TTL_SECS)
                .arg("max", crate::token::MAX_TTL_SECS),
            TokenError::Clock => Text::new("error-token-clock"),
            TokenError::Signing(detail) => Text::new("error-token-signing").arg("detail", detail),
        }
    }
}

impl From<&ServeError> for Text {
    fn from(error: &ServeError) -> Self {
        match error {
            ServeError::PortInUse { port } => Text::new("error-port-in-use")
                .arg("port", port)
                .arg("next", port.wrapping_add(1).max(1024)),
            ServeError::PortNeedsPrivilege { port } => {
                Text::new("error-port-privileged").arg("port", port)
            }
            ServeError::Bind { port, source } => Text::new("error-port-bind")
                .arg("port", port)
                .arg("detail", source),
        }
    }
}

/// The webhook card's outcome line for a call Twilio asked about.
impl From<&Route> for Text {
    fn from(route: &Route) -> Self {
        match route {
            Route::Outbound { to } => Text::new("outcome-outbound").arg("to", to),
            Route::OutboundRefused { reason } => {
                Text::new("outcome-outbound-refused").message("reason", Text::from(reason))
            }
            Route::EchoTest => Text::new("outcome-echo-test"),
            Route::Inbound { caller_id } => Text::new("outcome-incoming").message(
                "caller",
                caller_id.as_ref().map_or_else(
                    || Text::new("outcome-withheld"),
                    |number| Text::plain(number.as_str()),
                ),
            ),
            Route::Rejected { reason } => {
                Text::new("outcome-rejected").message("reason", rejected_reason(reason))
            }
        }
    }
}

/// Why a call that is not ours was rejected ([`Route::Rejected`]'s fixed reasons).
fn rejected_reason(reason: &str) -> Text {
    match reason {
        "the call belongs to another Twilio account" => Text::new("rejected-other-account"),
        "the call comes from another client identity" => Text::new("rejected-other-identity"),
        "the call is not for our number" => Text::new("rejected-not-our-number"),
        other => Text::plain(other),
    }
}

/// A webhook the listener refused, as the card shows it: the status and the fixed public words
/// (never what the sender wrote).
pub fn webhook_refusal(status: u16, public: &str) -> Text {
    let words = match public {
        "expected an application/x-www-form-urlencoded body" => Text::new("refused-not-a-form"),
        "the body could not be read" => Text::new("refused-unreadable-body"),
        "malformed form body" => Text::new("refused-malformed-form"),
        "forbidden" => Text::new("refused-forbidden"),
        "forbidden: no X-Twilio-Signature" => Text::new("refused-no-signature"),
        "forbidden: X-Twilio-Signature does not match (check the public URL and the Auth Token)" => {
            Text::new("refused-bad-signature")
        }
        other => Text::plain(other),
    };
    Text::new("outcome-refused")
        .arg("status", status)
        .message("reason", words)
}

/// A refused destination ([`Refusal::describe`] in English): the kind of number and the setting
/// that would allow it.
impl From<&Refusal> for Text {
    fn from(refusal: &Refusal) -> Self {
        match refusal {
            Refusal::NotANumber => Text::new("refusal-not-a-number"),
            Refusal::UnknownCountry => Text::new("refusal-unknown-country"),
            Refusal::CountryNotAllowed { code } => {
                Text::new("refusal-country-not-allowed").arg("code", code)
            }
            Refusal::RegionNotAllowed { number, region } => {
                let code = number.country_code().value();
                let regions = CountryCode::parse(&code.to_string())
                    .map(CountryCode::regions)
                    .unwrap_or_default()
                    .iter()
                    .map(Text::plain)
                    .reduce(|all, next| {
                        Text::new("region-list")
                            .message("first", all)
                            .message("second", next)
                    })
                    .unwrap_or_else(|| Text::plain(""));
                Text::new("refusal-region-not-allowed")
                    .arg("number", number)
                    .arg("region", region)
                    .arg("code", code)
                    .message("regions", regions)
            }
            Refusal::NotInUse { number } => Text::new("refusal-not-in-use")
                .arg("number", number)
                .arg("code", number.country_code()),
            Refusal::TollFraudRisk { number, risk } => Text::new("refusal-toll-fraud")
                .arg("number", number)
                .message("risk", risk_name(*risk)),
        }
    }
}

/// A kind of number we do not call, as a noun phrase ([`Risk`]'s `Display`).
fn risk_name(risk: Risk) -> Text {
    Text::new(match risk {
        Risk::PremiumRate => "risk-premium-rate",
        Risk::PremiumExchange => "risk-premium-exchange",
        Risk::SharedCost => "risk-shared-cost",
        Risk::PersonalNumber => "risk-personal-number",
        Risk::Pager => "risk-pager",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    /// The catalog's English is the errors' own `Display`, word for word: one text, two readers.
    #[test]
    fn the_english_catalog_says_what_display_says() {
        for field in Field::ALL {
            let invalid = InvalidValue { field };
            assert_eq!(
                Text::from(&invalid).render(Language::En),
                invalid.to_string()
            );
            assert_eq!(field_label(field).render(Language::En), field.label());
            assert_eq!(
                field_shape(field).render(Language::En),
                field.expected_shape()
            );
        }
        let incomplete = Incomplete {
            missing: vec![Field::AccountSid, Field::TwilioNumber],
            invalid: vec![InvalidValue { field: Field::Port }],
        };
        assert_eq!(
            Text::from(&incomplete).render(Language::En),
            incomplete.to_string()
        );
        let errors = [
            StoreError::KeychainUnavailable {
                detail: "no bus".into(),
                fix: crate::settings::store::KEYCHAIN_FIX,
            },
            StoreError::Keychain {
                action: "save",
                field: Field::AuthToken,
                detail: "denied".into(),
            },
            StoreError::CorruptSettingsFile {
                path: "/x/settings.json".into(),
                detail: "line 1".into(),
            },
            StoreError::SettingsFileIo {
                action: "write",
                path: "/x/settings.json".into(),
                source: std::io::Error::other("disk full"),
            },
            StoreError::NoConfigDir,
        ];
        for error in &errors {
            assert_eq!(Text::from(error).render(Language::En), error.to_string());
        }
        for error in [
            TokenError::Ttl(5),
            TokenError::Clock,
            TokenError::Signing("bad key".into()),
        ] {
            assert_eq!(Text::from(&error).render(Language::En), error.to_string());
        }
        // The webhook card's outcome lines, for every route and refusal.
        let number = |n: &str| crate::phone_number::E164::parse(n).unwrap();
        let refusals = [
            Refusal::NotANumber,
            Refusal::UnknownCountry,
            Refusal::CountryNotAllowed { code: 44 },
            Refusal::RegionNotAllowed {
                number: number("+17875550123"),
                region: crate::phone_number::Region::parse("PR").unwrap(),
            },
            Refusal::NotInUse {
                number: number("+15550000000"),
            },
            Refusal::TollFraudRisk {
                number: number("+19005550123"),
                risk: Risk::PremiumRate,
            },
        ];
        for refusal in &refusals {
            assert_eq!(Text::from(refusal).render(Language::En), refusal.describe());
        }
        for risk in [
            Risk::PremiumRate,
            Risk::PremiumExchange,
            Risk::SharedCost,
            Risk::PersonalNumber,
            Risk::Pager,
        ] {
            assert_eq!(risk_name(risk).render(Language::En), risk.to_string());
        }
        for (reason, id) in [
            (
                "the call belongs to another Twilio account",
                "rejected-other-account",
            ),
            (
                "the call comes from another client identity",
                "rejected-other-identity",
            ),
            ("the call is not for our number", "rejected-not-our-number"),
        ] {
            assert_eq!(rejected_reason(reason).id(), id);
            assert_eq!(rejected_reason(reason).render(Language::En), reason);
        }
        for public in [
            "expected an application/x-www-form-urlencoded body",
            "the body could not be read",
            "malformed form body",
            "forbidden",
            "forbidden: no X-Twilio-Signature",
            "forbidden: X-Twilio-Signature does not match (check the public URL and the Auth Token)",
        ] {
            let text = webhook_refusal(403, public);
            assert_eq!(text.render(Language::En), format!("refused (403): {public}"));
            assert!(!text.render(Language::Ja).contains(public), "{public} has Japanese words");
        }
        for error in [
            ServeError::PortInUse { port: 3000 },
            ServeError::PortNeedsPrivilege { port: 80 },
        ] {
            assert_eq!(Text::from(&error).render(Language::En), error.to_string());
        }
    }

    #[test]
    fn errors_read_in_japanese() {
        let invalid = InvalidValue {
            field: Field::TwilioNumber,
        };
        let ja = Text::from(&invalid).render(Language::Ja);
        assert!(
            ja.starts_with("Twilio番号（twilio_number）が正しくありません"),
            "{ja}"
        );
        let missing = Incomplete {
            missing: vec![Field::AccountSid, Field::ApiKeySid],
            invalid: vec![],
        };
        let ja = Text::from(&missing).render(Language::Ja);
        assert!(
            ja.contains("Account SID（TWILIO_ACCOUNT_SID）、API Key SID（TWILIO_API_KEY_SID）"),
            "{ja}"
        );
        let outcome = Text::from(&Route::Inbound { caller_id: None }).render(Language::Ja);
        assert_eq!(outcome, "非通知からの着信");
        let refused = Text::from(&Route::OutboundRefused {
            reason: Refusal::CountryNotAllowed { code: 44 },
        })
        .render(Language::Ja);
        assert!(refused.starts_with("発信を拒否：国番号+44は"), "{refused}");
        let busy = Text::from(&ServeError::PortInUse { port: 3000 }).render(Language::Ja);
        assert!(
            busy.starts_with("ポート3000は他のアプリが使用中です"),
            "{busy}"
        );
    }
}
