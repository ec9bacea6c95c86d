//! Rust's errors as messages ([`Text`]), for what reaches the UI: settings, keychain, settings
//! file, token, invalid values, the webhook listener. Each error type keeps its English
//! `Display` for logs and the command line; the catalogs hold the same words (and the
//! Japanese), and a test below keeps the two English versions equal.

use super::Text;
use crate::settings::{Field, Incomplete, InvalidValue, StoreError};
use crate::token::TokenError;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    /// The catalog's English is the errors' own `Display`, word for word: one text, two readers.
    #[test]
    fn the_english_catalog_says_what_display_says() {
        for field in Field::ALL {
            let invalid = InvalidValue { field };
            assert_eq!(Text::from(&invalid).render(Language::En), invalid.to_string());
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
        assert_eq!(Text::from(&incomplete).render(Language::En), incomplete.to_string());
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
        assert!(ja.starts_with("Twilio番号（twilio_number）が正しくありません"), "{ja}");
        let missing = Incomplete {
            missing: vec![Field::AccountSid, Field::ApiKeySid],
            invalid: vec![],
        };
        let ja = Text::from(&missing).render(Language::Ja);
        assert!(
            ja.contains("Account SID（TWILIO_ACCOUNT_SID）、API Key SID（TWILIO_API_KEY_SID）"),
            "{ja}"
        );
        let busy = Text::from(&ServeError::PortInUse { port: 3000 }).render(Language::Ja);
        assert!(busy.starts_with("ポート3000は他のプログラムが使用中です"), "{busy}");
    }
}
