//! Settings: which values Dialtone has, where each came from, and the typed views the token
//! minter and the webhook need.
//!
//! Precedence, highest first: process environment, a `.env` file in the working directory,
//! the saved settings (keychain + settings file), defaults derived from the Twilio number.

pub mod desktop;
pub mod field;
pub mod store;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use field::{Field, InvalidValue, UnknownField};
pub use store::{Keychain, MemoryKeychain, OsKeychain, SettingsFile, Store, StoreError};

use crate::phone_number::{Country, E164};
use crate::secret::Secret;

/// The listener port when none is configured (the tutorial's).
pub const DEFAULT_PORT: u16 = 3000;
/// What callers hear before the tone when the user has not said otherwise, in `language`.
pub fn default_greeting(language: crate::i18n::Language) -> String {
    crate::i18n::Text::new("voicemail-spoken-greeting").render(language)
}
/// The longest voicemail by default: two minutes.
pub const DEFAULT_VOICEMAIL_SECS: u32 = 120;
/// How long an incoming call rings by default (Twilio's own `<Dial>` default).
pub const DEFAULT_RING_SECS: u32 = 30;

/// Values found in the environment, keyed by field: the process's variables, and for the
/// command line also those of a `.env` file in the working directory (see
/// [`Environment::with_dotenv`]). The desktop app reads no `.env` by itself: a planted or
/// forgotten file would silently swap the account it uses.
#[derive(Debug, Default, Clone)]
pub struct Environment {
    values: BTreeMap<Field, (Secretish, Origin)>,
    /// The `.env` file that supplied values, if any.
    dotenv: Option<PathBuf>,
}

/// Where an environment value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Process,
    DotenvFile,
}

/// A raw value that may be a secret; kept wrapped so a `{:?}` of the environment leaks nothing.
#[derive(Clone)]
struct Secretish(String);

impl std::fmt::Debug for Secretish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[value]")
    }
}

/// Dialtone's settings among `vars`; empty values count as unset.
fn settings_among<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> BTreeMap<Field, Secretish>
where
    K: AsRef<str>,
    V: Into<String>,
{
    let mut values = BTreeMap::new();
    for (key, value) in vars {
        let Some(field) = Field::ALL.into_iter().find(|f| f.env_var() == key.as_ref()) else {
            continue;
        };
        let value = value.into();
        if !value.trim().is_empty() {
            values.insert(field, Secretish(value));
        }
    }
    values
}

impl Environment {
    /// Picks Dialtone's variables out of `vars` (the process environment, or a test's).
    pub fn from_vars<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: AsRef<str>,
        V: Into<String>,
    {
        Self {
            values: settings_among(vars)
                .into_iter()
                .map(|(field, value)| (field, (value, Origin::Process)))
                .collect(),
            dotenv: None,
        }
    }

    /// Adds the values of `dir/.env` under these (the process environment wins), as the
    /// command line does (the tutorial's habit). A missing file adds nothing; a malformed one
    /// is reported, not skipped, since silently ignoring it would hide which credentials are
    /// in use. The only place `dotenvy` reads a file.
    pub fn with_dotenv(mut self, dir: &Path) -> Result<Self, DotenvError> {
        let path = dir.join(".env");
        let vars = match dotenv_vars(&path) {
            Ok(vars) => vars,
            Err(DotenvError::Missing) => return Ok(self),
            Err(e) => return Err(e),
        };
        let mut used = false;
        for (field, value) in settings_among(vars) {
            self.values.entry(field).or_insert_with(|| {
                used = true;
                (value, Origin::DotenvFile)
            });
        }
        if used {
            self.dotenv = Some(path);
        }
        Ok(self)
    }

    pub fn get(&self, field: Field) -> Option<&str> {
        self.values.get(&field).map(|(v, _)| v.0.as_str())
    }

    /// The `.env` file some values came from.
    pub fn dotenv_path(&self) -> Option<&Path> {
        self.dotenv.as_deref()
    }

    fn source_of(&self, field: Field) -> Option<Source> {
        self.values.get(&field).map(|(_, origin)| match origin {
            Origin::Process => Source::Environment,
            Origin::DotenvFile => Source::Dotenv,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DotenvError {
    #[error("no .env file there")]
    Missing,
    #[error("the file {path} could not be read as a .env file: {detail}")]
    Malformed { path: String, detail: String },
}

/// Reads `KEY=value` lines from a `.env` file without touching the process environment.
pub fn dotenv_vars(path: &Path) -> Result<Vec<(String, String)>, DotenvError> {
    let malformed = |e: &dotenvy::Error| DotenvError::Malformed {
        path: path.display().to_string(),
        detail: describe_dotenv_error(e),
    };
    let iter = match dotenvy::from_path_iter(path) {
        Ok(iter) => iter,
        Err(e) if e.not_found() => return Err(DotenvError::Missing),
        Err(e) => return Err(malformed(&e)),
    };
    iter.map(|item| item.map_err(|e| malformed(&e))).collect()
}

/// What is wrong with a `.env` file, without quoting it: dotenvy's own message repeats the
/// offending line, which may hold a secret.
pub fn describe_dotenv_error(error: &dotenvy::Error) -> String {
    match error {
        dotenvy::Error::LineParse(_, index) => format!(
            "a line cannot be read (near character {index}): write each setting as NAME=value, and quote values that contain spaces"
        ),
        dotenvy::Error::Io(e) => e.to_string(),
        _ => "it is not a valid .env file".to_owned(),
    }
}

/// Where the value in effect came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Source {
    #[serde(rename = "environment")]
    Environment,
    /// A `.env` file in the working directory (command line only).
    #[serde(rename = ".env file")]
    Dotenv,
    #[serde(rename = "keychain")]
    Keychain,
    #[serde(rename = "settings file")]
    SettingsFile,
    #[serde(rename = "default")]
    Default,
    #[serde(rename = "unset")]
    Unset,
}

/// One field as resolved: its raw value (if any), where it came from, and whether it is valid.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub field: Field,
    value: Option<Secretish>,
    pub source: Source,
    pub problem: Option<InvalidValue>,
}

impl Resolved {
    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }

    /// The value for display: `None` for secrets, whatever they hold.
    pub fn display_value(&self) -> Option<&str> {
        (!self.field.is_secret())
            .then_some(self.value.as_ref().map(|v| v.0.as_str()))
            .flatten()
    }
}

/// All fields, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    fields: BTreeMap<Field, Resolved>,
}

/// What a feature needs and did not get.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe_incomplete(.missing, .invalid))]
pub struct Incomplete {
    pub missing: Vec<Field>,
    pub invalid: Vec<InvalidValue>,
}

fn describe_incomplete(missing: &[Field], invalid: &[InvalidValue]) -> String {
    let mut parts = Vec::new();
    if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .map(|f| format!("{} ({})", f.label(), f.env_var()))
            .collect();
        parts.push(format!(
            "missing settings: {}. Set them in the Settings panel, with `dialtone config set FIELD`, or in the environment",
            names.join(", ")
        ));
    }
    parts.extend(invalid.iter().map(ToString::to_string));
    parts.join("; ")
}

impl Settings {
    /// Resolves every field from the environment and the saved values.
    pub fn resolve(env: &Environment, saved: &BTreeMap<Field, String>) -> Self {
        let mut fields = BTreeMap::new();
        for field in Field::ALL {
            let (value, source) =
                if let (Some(v), Some(source)) = (env.get(field), env.source_of(field)) {
                    (Some(v.to_owned()), source)
                } else if let Some(v) = saved.get(&field) {
                    let source = match field.home() {
                        field::Home::Keychain => Source::Keychain,
                        field::Home::SettingsFile => Source::SettingsFile,
                    };
                    (Some(v.clone()), source)
                } else {
                    (None, Source::Unset)
                };
            let (value, problem) = match value {
                Some(raw) => match field.normalize(&raw) {
                    Ok(clean) => (Some(clean), None),
                    Err(problem) => (Some(raw), Some(problem)),
                },
                None => (None, None),
            };
            fields.insert(
                field,
                Resolved {
                    field,
                    value: value.map(Secretish),
                    source,
                    problem,
                },
            );
        }
        let mut settings = Self { fields };
        settings.apply_defaults();
        settings
    }

    /// Identity, port, allowed countries, the call length, voicemail and the desktop switches
    /// have defaults; identity and countries derive from the Twilio number, so they are filled
    /// in only when the number itself is valid.
    fn apply_defaults(&mut self) {
        let number = self
            .valid(Field::TwilioNumber)
            .and_then(|n| E164::parse(n).ok());
        let defaults = [
            (
                Field::Identity,
                number.as_ref().map(field::default_identity),
            ),
            (Field::Port, Some(DEFAULT_PORT.to_string())),
            (
                Field::AllowedCountryCodes,
                number.as_ref().map(field::home_countries),
            ),
            (
                Field::MaxCallSeconds,
                Some(field::MAX_CALL_SECONDS.to_string()),
            ),
            (Field::Voicemail, Some(true.to_string())),
            (
                Field::VoicemailGreeting,
                Some(default_greeting(crate::i18n::Language::En)),
            ),
            (
                Field::VoicemailMaxSecs,
                Some(DEFAULT_VOICEMAIL_SECS.to_string()),
            ),
            (Field::RingSecs, Some(DEFAULT_RING_SECS.to_string())),
            (Field::DoNotDisturb, Some(false.to_string())),
            // The desktop switches are off unless set (shortcuts have no default: none).
            (Field::CallAtOnce, Some(false.to_string())),
            (Field::LaunchAtLogin, Some(false.to_string())),
            // On: where there is a tray, closing the window keeps the phone ringing.
            (Field::CloseToTray, Some(true.to_string())),
            (Field::Language, Some("auto".to_owned())),
        ];
        for (field, default) in defaults {
            let entry = self
                .fields
                .get_mut(&field)
                .expect("every field is resolved");
            if entry.value.is_none() {
                if let Some(value) = default {
                    entry.value = Some(Secretish(value));
                    entry.source = Source::Default;
                }
            }
        }
    }

    pub fn get(&self, field: Field) -> &Resolved {
        &self.fields[&field]
    }

    pub fn iter(&self) -> impl Iterator<Item = &Resolved> {
        self.fields.values()
    }

    /// The value if it is set and well formed (secrets too: callers decide what to show).
    pub fn valid(&self, field: Field) -> Option<&str> {
        let entry = self.get(field);
        entry
            .problem
            .is_none()
            .then(|| entry.value.as_ref().map(|v| v.0.as_str()))
            .flatten()
    }

    /// The language of Dialtone's words for a reader who prefers `preferred`, best first
    /// (the OS's languages, or a browser's `Accept-Language`): the `language` setting when it
    /// names one, else theirs. Every entry point asks here, so `auto` means the same everywhere.
    pub fn language(&self, preferred: &[String]) -> crate::i18n::Language {
        crate::i18n::negotiate(self.valid(Field::Language), preferred)
    }

    /// The region national numbers are read against: the Twilio number's
    /// ([`E164::home_region`]), when it is set and valid.
    pub fn home_region(&self) -> Option<crate::phone_number::Region> {
        E164::parse(self.valid(Field::TwilioNumber)?)
            .ok()?
            .home_region()
    }

    /// Collects the fields in `needed` that are missing or malformed.
    fn require(&self, needed: &[Field]) -> Result<(), Incomplete> {
        let missing: Vec<Field> = needed
            .iter()
            .copied()
            .filter(|f| !self.get(*f).is_set())
            .collect();
        let invalid: Vec<InvalidValue> = needed
            .iter()
            .filter_map(|f| self.get(*f).problem.clone())
            .collect();
        if missing.is_empty() && invalid.is_empty() {
            Ok(())
        } else {
            Err(Incomplete { missing, invalid })
        }
    }

    fn text(&self, field: Field) -> String {
        self.valid(field)
            .expect("require() checked this field")
            .to_owned()
    }

    /// Everything token minting needs.
    pub fn token_settings(&self) -> Result<TokenSettings, Incomplete> {
        self.require(&TokenSettings::NEEDS)?;
        Ok(TokenSettings {
            account_sid: self.text(Field::AccountSid),
            api_key_sid: self.text(Field::ApiKeySid),
            api_key_secret: Secret::new(self.text(Field::ApiKeySecret)),
            twiml_app_sid: self.text(Field::TwimlAppSid),
            identity: self.text(Field::Identity),
        })
    }

    /// Everything the webhook needs. The Auth Token is required unless the caller switches
    /// signature checks off (a local experiment).
    pub fn webhook_settings(
        &self,
        require_auth_token: bool,
    ) -> Result<WebhookSettings, Incomplete> {
        let mut needs = WebhookSettings::NEEDS.to_vec();
        if require_auth_token {
            needs.push(Field::AuthToken);
        }
        self.require(&needs)?;
        let optional = |field: Field| -> Result<Option<String>, Incomplete> {
            match &self.get(field).problem {
                Some(problem) => Err(Incomplete {
                    missing: vec![],
                    invalid: vec![problem.clone()],
                }),
                None => Ok(self.valid(field).map(str::to_owned)),
            }
        };
        let allowed = field::parse_country_codes(&self.text(Field::AllowedCountryCodes))
            .expect("normalize() accepted these codes");
        let allowed_numbers = optional(Field::AllowedNumbers)?
            .map(|list| field::parse_numbers(&list).expect("normalize() accepted these numbers"))
            .unwrap_or_default();
        let max_call_seconds = field::parse_call_seconds(&self.text(Field::MaxCallSeconds))
            .expect("normalize() accepted this length");
        Ok(WebhookSettings {
            account_sid: self.text(Field::AccountSid),
            auth_token: optional(Field::AuthToken)?.map(Secret::new),
            twilio_number: E164::parse(&self.text(Field::TwilioNumber))
                .expect("normalize() accepted this number"),
            identity: self.text(Field::Identity),
            public_base: optional(Field::PublicUrl)?
                .map(|url| field::public_base(&url).expect("normalize() accepted this URL")),
            allowed_country_codes: allowed,
            allowed_numbers,
            max_call_seconds,
            outgoing_caller_id: None,
        })
    }

    pub fn port(&self) -> Result<u16, Incomplete> {
        self.require(&[Field::Port])?;
        Ok(self
            .text(Field::Port)
            .parse()
            .expect("normalize() accepted this port"))
    }

    /// True when the phone can work: a token can be minted and the webhook can answer.
    pub fn is_complete(&self) -> bool {
        self.token_settings().is_ok() && self.webhook_settings(true).is_ok()
    }
}

/// What [`crate::token`] needs to mint an access token.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    pub account_sid: String,
    pub api_key_sid: String,
    pub api_key_secret: Secret,
    pub twiml_app_sid: String,
    pub identity: String,
}

impl TokenSettings {
    pub const NEEDS: [Field; 5] = [
        Field::AccountSid,
        Field::ApiKeySid,
        Field::ApiKeySecret,
        Field::TwimlAppSid,
        Field::Identity,
    ];
}

/// What [`crate::webhook`] needs to answer Twilio.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    pub account_sid: String,
    /// `None` only when signature checks are switched off.
    pub auth_token: Option<Secret>,
    pub twilio_number: E164,
    pub identity: String,
    /// The public base URL (no trailing `/`): each Twilio route's signature is checked over
    /// this plus the route's path and query. `None` means "rebuild from headers".
    pub public_base: Option<String>,
    /// Sorted, never empty: where outbound calls may go (see
    /// [`crate::webhook::routing::Refusal`] for what is refused even there).
    pub allowed_country_codes: Vec<Country>,
    /// Dialed whatever their country or kind: the owner's deliberate exceptions.
    pub allowed_numbers: Vec<E164>,
    /// `<Dial timeLimit>` for every call, 1 to 14400.
    pub max_call_seconds: u32,
    /// The caller ID outgoing calls show when it is not the Twilio number: chosen in set-up,
    /// and set only while the account still has it (see `setup::record`). `None`: the number.
    pub outgoing_caller_id: Option<E164>,
}

impl WebhookSettings {
    /// The number outgoing calls come from.
    pub fn caller_id(&self) -> &E164 {
        self.outgoing_caller_id
            .as_ref()
            .unwrap_or(&self.twilio_number)
    }

    pub const NEEDS: [Field; 5] = [
        Field::AccountSid,
        Field::TwilioNumber,
        Field::Identity,
        Field::AllowedCountryCodes,
        Field::MaxCallSeconds,
    ];
}

/// Validated changes: values to store, and fields to clear.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub set: BTreeMap<Field, String>,
    /// Back to unset (or the default): what an emptied field in the settings panel means.
    pub clear: Vec<Field>,
}

/// Checks and normalises user-supplied changes; all must be valid or nothing is saved.
/// An empty value clears a setting, except for secrets: the UI never shows them, so an empty
/// secret field means "keep what is stored".
pub fn validate_changes(changes: &BTreeMap<Field, String>) -> Result<Changes, Vec<InvalidValue>> {
    let mut clean = Changes::default();
    let mut problems = Vec::new();
    for (field, raw) in changes {
        if raw.trim().is_empty() {
            if !field.is_secret() {
                clean.clear.push(*field);
            }
            continue;
        }
        match field.normalize(raw) {
            Ok(value) => {
                clean.set.insert(*field, value);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(clean)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef";

    fn full_env() -> Vec<(String, String)> {
        vec![
            ("TWILIO_ACCOUNT_SID".into(), format!("AC{HEX}")),
            ("TWILIO_AUTH_TOKEN".into(), HEX.into()),
            ("TWILIO_API_KEY_SID".into(), format!("SK{HEX}")),
            ("TWILIO_API_KEY_SECRET".into(), "secret".into()),
            ("TWIML_APP_SID".into(), format!("AP{HEX}")),
            ("TWILIO_NUMBER".into(), "+15551234567".into()),
            ("PATH".into(), "/usr/bin".into()),
        ]
    }

    #[test]
    fn environment_overrides_saved_values_and_defaults_follow_the_number() {
        let env = Environment::from_vars(full_env());
        let saved = BTreeMap::from([
            (Field::TwilioNumber, "+447700900123".to_owned()),
            (Field::Port, "4000".to_owned()),
        ]);
        let settings = Settings::resolve(&env, &saved);
        assert_eq!(
            settings.get(Field::TwilioNumber).source,
            Source::Environment
        );
        assert_eq!(settings.get(Field::Port).source, Source::SettingsFile);
        assert_eq!(settings.port().unwrap(), 4000);
        let identity = settings.get(Field::Identity);
        assert_eq!(identity.source, Source::Default);
        assert_eq!(identity.display_value(), Some("dialtone_15551234567"));
        let webhook = settings.webhook_settings(true).unwrap();
        assert_eq!(
            webhook.allowed_country_codes,
            vec![Country::parse("1").unwrap()]
        );
        assert_eq!(webhook.max_call_seconds, 14_400);
        assert!(webhook.allowed_numbers.is_empty());
        assert!(settings.is_complete());
    }

    #[test]
    fn secrets_are_never_displayed() {
        let settings = Settings::resolve(&Environment::from_vars(full_env()), &BTreeMap::new());
        assert!(settings.get(Field::AuthToken).is_set());
        assert_eq!(settings.get(Field::AuthToken).display_value(), None);
        assert!(!format!("{settings:?}").contains(HEX));
    }

    #[test]
    fn incomplete_settings_name_what_is_missing_and_malformed() {
        let env = Environment::from_vars([("TWILIO_ACCOUNT_SID", "AC123")]);
        let settings = Settings::resolve(&env, &BTreeMap::new());
        let err = settings.token_settings().unwrap_err();
        assert!(err.missing.contains(&Field::ApiKeySecret));
        assert_eq!(
            err.invalid,
            vec![InvalidValue {
                field: Field::AccountSid
            }]
        );
        let text = err.to_string();
        assert!(
            text.contains("TWILIO_API_KEY_SECRET") && text.contains("AC followed by 32 hex"),
            "{text}"
        );
        assert!(!settings.is_complete());
    }

    #[test]
    fn changes_are_validated_all_or_nothing() {
        let ok = validate_changes(&BTreeMap::from([
            (Field::AccountSid, format!("AC{HEX}")),
            (Field::AuthToken, String::new()),
            (Field::Port, " ".to_owned()),
        ]))
        .unwrap();
        assert_eq!(ok.set.len(), 1, "an empty secret means unchanged");
        assert_eq!(
            ok.clear,
            vec![Field::Port],
            "an emptied preference is cleared"
        );
        let err = validate_changes(&BTreeMap::from([
            (Field::AccountSid, format!("AC{HEX}")),
            (Field::Port, "99999".to_owned()),
        ]))
        .unwrap_err();
        assert_eq!(err, vec![InvalidValue { field: Field::Port }]);
    }

    #[test]
    fn dotenv_is_read_without_touching_the_process_environment() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "TWILIO_NUMBER=+15557654321\nDIALTONE_PORT=\"3999\"\n# comment\n",
        )
        .unwrap();
        let process = Environment::from_vars([("TWILIO_NUMBER", "+15551230000")]);
        let env = process.with_dotenv(dir.path()).unwrap();
        assert_eq!(env.get(Field::Port), Some("3999"));
        assert_eq!(
            env.get(Field::TwilioNumber),
            Some("+15551230000"),
            "the process wins"
        );
        assert_eq!(env.dotenv_path(), Some(dir.path().join(".env").as_path()));
        let settings = Settings::resolve(&env, &BTreeMap::new());
        assert_eq!(settings.get(Field::Port).source, Source::Dotenv);
        assert_eq!(
            settings.get(Field::TwilioNumber).source,
            Source::Environment
        );
        assert!(std::env::var("DIALTONE_PORT").is_err());
        std::fs::write(
            dir.path().join(".env"),
            "TWILIO_API_KEY_SECRET=\"s3cr3t-in-a-broken-line\n",
        )
        .unwrap();
        let err = Environment::default()
            .with_dotenv(dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("cannot be read") && !err.contains("s3cr3t"),
            "{err}"
        );
    }
}
