//! The backend: what the phone UI may ask of Rust, whichever window it runs in. The Tauri
//! commands ([`crate::desktop`]) and the calling window's HTTP API ([`crate::calling_window`])
//! both delegate here, and the UI's `Backend` (ui/src/ipc.ts) is its other end. Secrets go in
//! (saving settings) but never come out. [`history`] holds the journal's part: recents,
//! voicemail and contacts.

pub mod history;

mod wizard;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::i18n::{self, Language, Text};
pub use wizard::{AccountQuery, ConnectQuery, ConnectResult, DisconnectResult, SetupStatus};

use crate::phone_control::PhoneControl;
use crate::phone_status::PhoneFeed;
use crate::settings::desktop::DesktopPreferences;
use crate::settings::{self, Environment, Field, Settings, Source, Store};
use crate::setup::{RecordFile, TwilioApi};
use crate::token::{self, AccessToken};
use crate::tunnel::Discovery;
use crate::webhook_server::{WebhookServer, WebhookStatus};

/// The kinds of failure the UI tells apart; serialized as the `kind` the UI receives.
/// `ui/src/contract.ts` lists the same names in `BACKEND_ERROR_KINDS` (tests/contract.rs
/// checks that both sides agree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Settings are incomplete; the message lists what is missing.
    MissingSettings,
    /// The OS keychain is locked or unreachable; the message says how to fix it.
    Keychain,
    /// The settings file cannot be read or written; the message names the file.
    Settings,
    /// Minting the access token failed.
    Token,
    /// A save or import was refused; `field` names the bad field when there is one.
    Invalid,
    /// The calling window could not be started or opened.
    CallingWindow,
    /// (HTTP only) this calling window's session is gone.
    Session,
    /// (HTTP only) wrong host or origin.
    Forbidden,
    /// (HTTP only) too many token requests.
    RateLimited,
    /// The call history cannot be read or written; the message says why.
    History,
    /// The voicemail or contact asked for is not there (any more).
    NotFound,
    /// Twilio's REST API refused a request (a set-up step, a recording) or could not be
    /// reached; the message says what to do.
    Twilio,
    /// Something that should not happen, e.g. a worker thread died.
    Internal,
    /// Set-up would take over a number that is wired elsewhere: ask the user, and send the
    /// request again with `takeOver`.
    NeedsConfirmation,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 14] = [
        ErrorKind::MissingSettings,
        ErrorKind::Keychain,
        ErrorKind::Settings,
        ErrorKind::Token,
        ErrorKind::Invalid,
        ErrorKind::CallingWindow,
        ErrorKind::Session,
        ErrorKind::Forbidden,
        ErrorKind::RateLimited,
        ErrorKind::History,
        ErrorKind::NotFound,
        ErrorKind::Twilio,
        ErrorKind::Internal,
        ErrorKind::NeedsConfirmation,
    ];

    /// The name the UI receives, e.g. `missing_settings`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::MissingSettings => "missing_settings",
            ErrorKind::Keychain => "keychain",
            ErrorKind::Settings => "settings",
            ErrorKind::Token => "token",
            ErrorKind::Invalid => "invalid",
            ErrorKind::CallingWindow => "calling_window",
            ErrorKind::Session => "session",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::History => "history",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Twilio => "twilio",
            ErrorKind::Internal => "internal",
            ErrorKind::NeedsConfirmation => "needs_confirmation",
        }
    }
}

/// How a request fails, as the UI receives it: `{kind, message, field?}`. `message` is in the
/// language of whoever asked ([`BackendError::in_language`]; English until then); `Display`
/// is always English, for logs and the command line.
#[derive(Debug, Serialize, PartialEq, thiserror::Error)]
#[error("{text}")]
pub struct BackendError {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    /// The message before it was put into words.
    #[serde(skip)]
    text: Text,
}

impl BackendError {
    /// An error in words that are not ours (another module's message): shown as they are.
    pub fn new(kind: ErrorKind, message: impl ToString) -> Self {
        Self::text(kind, Text::plain(message))
    }

    /// An error from the catalogs.
    pub fn text(kind: ErrorKind, text: Text) -> Self {
        Self {
            kind,
            message: text.render(Language::En),
            field: None,
            text,
        }
    }

    /// The same error, its message in `language`.
    pub fn in_language(mut self, language: Language) -> Self {
        self.message = self.text.render(language);
        self
    }
}

impl From<settings::StoreError> for BackendError {
    fn from(error: settings::StoreError) -> Self {
        let kind = match error {
            settings::StoreError::KeychainUnavailable { .. }
            | settings::StoreError::Keychain { .. } => ErrorKind::Keychain,
            _ => ErrorKind::Settings,
        };
        Self::text(kind, Text::from(&error))
    }
}

impl From<token::TokenError> for BackendError {
    fn from(error: token::TokenError) -> Self {
        Self::text(ErrorKind::Token, Text::from(&error))
    }
}

/// Refused changes: every problem in one message, the first bad field named.
impl From<Vec<settings::InvalidValue>> for BackendError {
    fn from(problems: Vec<settings::InvalidValue>) -> Self {
        Self {
            field: problems.first().map(|p| p.field),
            ..Self::text(
                ErrorKind::Invalid,
                i18n::errors::joined(problems.iter().map(Text::from)),
            )
        }
    }
}

#[derive(Debug, Serialize)]
pub struct FieldStatus {
    name: Field,
    label: String,
    secret: bool,
    set: bool,
    /// Always `None` for secrets.
    value: Option<String>,
    source: Source,
    problem: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct KeychainStatus {
    available: bool,
    message: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SettingsStatus {
    fields: Vec<FieldStatus>,
    complete: bool,
    keychain: KeychainStatus,
}

#[derive(Debug, Serialize)]
pub struct ImportResult {
    status: SettingsStatus,
    imported: Vec<Field>,
}

/// The settings as the panel shows them, in `language`. `desktop_problems` are what the
/// desktop shell found does not work here (a shortcut Wayland refuses, …).
fn status_of(
    settings: &Settings,
    keychain_error: Option<&settings::StoreError>,
    desktop_problems: &BTreeMap<Field, Text>,
    language: Language,
) -> SettingsStatus {
    SettingsStatus {
        fields: settings
            .iter()
            .map(|entry| FieldStatus {
                name: entry.field,
                label: i18n::errors::field_label(entry.field).render(language),
                secret: entry.field.is_secret(),
                set: entry.is_set(),
                value: match (entry.field, entry.source) {
                    // The default greeting reads in the panel's language, as callers hear it.
                    (Field::VoicemailGreeting, Source::Default) => {
                        Some(settings::default_greeting(language))
                    }
                    _ => entry.display_value().map(str::to_owned),
                },
                source: entry.source,
                problem: entry
                    .problem
                    .as_ref()
                    .map(|p| Text::from(p).render(language))
                    .or_else(|| {
                        desktop_problems
                            .get(&entry.field)
                            .map(|p| p.render(language))
                    }),
            })
            .collect(),
        complete: settings.is_complete(),
        keychain: KeychainStatus {
            available: keychain_error.is_none(),
            message: keychain_error.map(|e| Text::from(e).render(language)),
        },
    }
}

/// Runs `work` (settings, keychain: blocking file and D-Bus calls) off the async runtime's
/// worker threads, so neither window's requests stall behind it.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, BackendError> + Send + 'static,
) -> Result<T, BackendError> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        Err(BackendError::text(
            ErrorKind::Internal,
            Text::new("error-internal").arg("detail", e),
        ))
    })
}

/// What the phone UI may ask of Rust, whichever window it runs in. One value per process.
pub struct Backend {
    store: Store,
    /// The environment as it was at start (process variables; for the command line also
    /// `./.env`).
    env: Environment,
    webhook_server: WebhookServer,
    phone: PhoneFeed,
    control: PhoneControl,
    /// Why a well-formed desktop preference does not work here (a shortcut another program
    /// holds, Wayland, launch at login that could not be set up), shown as that field's
    /// problem. The desktop shell keeps it current.
    desktop_problems: Mutex<BTreeMap<Field, Text>>,
    /// Lifetime of the tokens handed to the UI.
    token_ttl_secs: u64,
    /// The OS's languages, best first: what `auto` follows (see [`Backend::language`]).
    system_languages: Vec<String>,
    /// Calls, voicemail, contacts; see [`history`].
    journal: history::JournalParts,
    /// Where set-up's REST calls go.
    twilio: TwilioApi,
    /// Where running tunnels are looked for.
    tunnels: Discovery,
    /// This computer's name, for what set-up creates.
    machine: String,
    /// How often the tunnel follower looks (see [`Backend::follow_tunnel`]).
    look_every: std::time::Duration,
}

impl Backend {
    pub fn new(store: Store, env: Environment) -> Self {
        Self {
            store,
            env,
            webhook_server: WebhookServer::default(),
            phone: PhoneFeed::default(),
            control: PhoneControl::default(),
            desktop_problems: Mutex::default(),
            token_ttl_secs: token::DEFAULT_TTL_SECS,
            system_languages: Vec::new(),
            journal: history::JournalParts::default(),
            twilio: TwilioApi::default(),
            tunnels: Discovery::default(),
            machine: String::new(),
            look_every: crate::setup::repoint::LOOK_EVERY,
        }
    }

    /// The languages `auto` follows in the app window: the OS's, as the composition root read
    /// them. Without them, English.
    pub fn with_system_languages(mut self, languages: Vec<String>) -> Self {
        self.system_languages = languages;
        self
    }

    /// The language of the app window's words: the `language` setting, else the OS's.
    pub fn language(&self) -> Language {
        self.language_for(&self.system_languages)
    }

    /// The language for a reader who prefers `preferred` (a browser's `Accept-Language`):
    /// the `language` setting when it names one, else theirs. Reads only the settings file.
    pub fn language_for(&self, preferred: &[String]) -> Language {
        let saved = self.store.load_file_only().unwrap_or_default();
        Settings::resolve(&self.env, &saved).language(preferred)
    }

    /// Set-up's REST calls go to `api` (`DIALTONE_TWILIO_API_BASE` in tests).
    pub fn with_twilio_api(mut self, api: TwilioApi) -> Self {
        self.twilio = api;
        self
    }

    pub fn with_tunnel_discovery(mut self, tunnels: Discovery) -> Self {
        self.tunnels = tunnels;
        self
    }

    pub fn with_machine_name(mut self, machine: &str) -> Self {
        self.machine = machine.to_owned();
        self
    }

    /// Looks for a tunnel this often (tests: less than the default two seconds).
    pub fn with_tunnel_look_every(mut self, every: std::time::Duration) -> Self {
        self.look_every = every;
        self
    }

    /// Set-up's record of what it changed in the account, beside the settings file.
    pub fn record(&self) -> RecordFile {
        RecordFile::beside(self.store.file.path())
    }

    /// Shorter-lived tokens, so tests can watch the UI refresh them. Out-of-range values are
    /// refused when minting, with the usual error.
    pub fn with_token_ttl(mut self, secs: u64) -> Self {
        self.token_ttl_secs = secs;
        self
    }

    pub fn webhook_server(&self) -> &WebhookServer {
        &self.webhook_server
    }

    /// The phone's state as the window that carries calls reports it.
    pub fn phone(&self) -> &PhoneFeed {
        &self.phone
    }

    /// Commands for the phone (answer, hang up, dial…), for the windows to carry out.
    pub fn control(&self) -> &PhoneControl {
        &self.control
    }

    /// Settings as they are now; the keychain is read on each call so an edit made with the
    /// CLI shows up without a restart.
    pub fn current(&self) -> Result<(Settings, Option<settings::StoreError>), BackendError> {
        let loaded = crate::loader::resolve(&self.store, &self.env)?;
        Ok((loaded.settings, loaded.keychain_error))
    }

    /// Starts (or restarts) the webhook server with the current settings.
    pub async fn start_webhook_server(&self) -> Result<(), BackendError> {
        self.load_caller_id();
        self.webhook_server
            .restart(|| {
                self.current().map(|(settings, _)| {
                    // What callers hear: the webhook has no reader, so the setting, else the OS's.
                    let language = settings.language(&self.system_languages);
                    (settings, language)
                })
            })
            .await
    }

    /// An access token for the UI; errors in the app window's language.
    pub fn token(&self) -> Result<AccessToken, BackendError> {
        self.token_in(self.language())
    }

    /// [`Backend::token`], its errors in `language`.
    pub fn token_in(&self, language: Language) -> Result<AccessToken, BackendError> {
        self.mint().map_err(|e| e.in_language(language))
    }

    fn mint(&self) -> Result<AccessToken, BackendError> {
        let (settings, keychain_error) = self.current()?;
        let token_settings = settings
            .token_settings()
            .map_err(|e| match &keychain_error {
                // Missing because the keychain could not be read: say that, not "set them up".
                Some(k) if !e.missing.is_empty() => BackendError::text(
                    ErrorKind::Keychain,
                    Text::new("error-keychain-with-missing")
                        .message("keychain", Text::from(k))
                        .message("missing", Text::from(&e)),
                ),
                _ => BackendError::text(ErrorKind::MissingSettings, Text::from(&e)),
            })?;
        Ok(token::mint(
            &token_settings,
            std::time::SystemTime::now(),
            self.token_ttl_secs,
        )?)
    }

    /// The settings for the panel, in the app window's language.
    pub fn settings_status(&self) -> Result<SettingsStatus, BackendError> {
        self.settings_status_in(self.language())
    }

    /// [`Backend::settings_status`] in `language`.
    pub fn settings_status_in(&self, language: Language) -> Result<SettingsStatus, BackendError> {
        let (settings, keychain_error) = self.current().map_err(|e| e.in_language(language))?;
        Ok(status_of(
            &settings,
            keychain_error.as_ref(),
            &self.lock_desktop_problems(),
            language,
        ))
    }

    /// The desktop preferences in effect (shortcuts, launch at login, call at once). They
    /// live in the settings file and the environment, so reading them costs no keychain
    /// round trip.
    pub fn desktop_preferences(&self) -> Result<DesktopPreferences, BackendError> {
        Ok(DesktopPreferences::of(&self.file_settings()?))
    }

    /// Records why `field` does not work here (`None`: it does), for the settings panel.
    pub fn set_desktop_problem(&self, field: Field, problem: Option<Text>) {
        let mut problems = self.lock_desktop_problems();
        match problem {
            Some(problem) => problems.insert(field, problem),
            None => problems.remove(&field),
        };
    }

    fn lock_desktop_problems(&self) -> std::sync::MutexGuard<'_, BTreeMap<Field, Text>> {
        self.desktop_problems
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The settings without the keychain's: enough for everything that needs no secret.
    fn file_settings(&self) -> Result<Settings, BackendError> {
        let saved = self.store.load_file_only()?;
        Ok(Settings::resolve(&self.env, &saved))
    }

    /// The webhook server's state and the URLs to paste. Reads only the settings file: the
    /// status needs no secret, and it is asked for often (every push, every panel refresh), so
    /// it makes no keychain round trip.
    pub fn webhook_status(&self) -> Result<WebhookStatus, BackendError> {
        self.webhook_status_in(self.language())
    }

    /// [`Backend::webhook_status`] in `language`.
    pub fn webhook_status_in(&self, language: Language) -> Result<WebhookStatus, BackendError> {
        let settings = self.file_settings().map_err(|e| e.in_language(language))?;
        let mut status = self.webhook_server.status(&settings, language);
        if let Ok(Some(record)) = self.record().load() {
            if let (Some(url), Some(at)) = (record.voice_url, record.voice_url_set_at) {
                status.twilio_calls = Some(crate::webhook_server::Pointed { url, at });
            }
        }
        Ok(status)
    }

    /// Hands `publish` the webhook status after every change (state, error, last webhook), a
    /// few times a second at most, so the settings panel stays live without polling. Runs as
    /// long as the backend lives; the caller's task decides when to stop.
    pub fn follow_webhook_status(
        self: Arc<Self>,
        publish: impl Fn(WebhookStatus) + Clone,
    ) -> impl std::future::Future<Output = ()> {
        // Subscribed now, not at the first poll, so a change made meanwhile is not missed.
        let changes = self.webhook_server.watch();
        crate::webhook_server::each_change(changes, crate::webhook_server::UPDATE_GAP, move || {
            let backend = self.clone();
            let publish = publish.clone();
            async move {
                match blocking(move || backend.webhook_status()).await {
                    Ok(status) => publish(status),
                    Err(e) => tracing::debug!("webhook status not pushed: {}", e.message),
                }
            }
        })
    }

    /// Validates and saves `changes` (all or nothing), then restarts the webhook server so a
    /// new port or Auth Token takes effect at once.
    pub async fn save_settings(
        &self,
        changes: &BTreeMap<Field, String>,
    ) -> Result<SettingsStatus, BackendError> {
        // The language of the answer is the one just chosen, when the language was changed.
        let saved = self.save(changes);
        let language = self.language();
        saved.map_err(|e| e.in_language(language))?;
        self.apply(language).await
    }

    /// Imports the text of a `.env` file (the tutorial's variable names).
    pub async fn import_env(&self, contents: &str) -> Result<ImportResult, BackendError> {
        let language = self.language();
        let vars = dotenvy::from_read_iter(contents.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                BackendError::text(
                    ErrorKind::Invalid,
                    Text::new("error-dotenv-invalid").message("detail", dotenv_problem(&e)),
                )
                .in_language(language)
            })?;
        let changes = crate::loader::changes_from_env_vars(vars);
        if changes.is_empty() {
            return Err(
                BackendError::text(ErrorKind::Invalid, Text::new("error-dotenv-none"))
                    .in_language(language),
            );
        }
        let saved = self
            .save(&changes)
            .map_err(|e| e.in_language(self.language()))?;
        Ok(ImportResult {
            status: self.apply(self.language()).await?,
            imported: saved,
        })
    }

    /// Stores valid values and clears emptied preferences; returns the fields touched.
    fn save(&self, changes: &BTreeMap<Field, String>) -> Result<Vec<Field>, BackendError> {
        let clean = settings::validate_changes(changes)?;
        self.store.save(&clean.set)?;
        self.store.delete(&clean.clear)?;
        Ok(clean.set.into_keys().chain(clean.clear).collect())
    }

    /// Restarts the webhook server with the settings as saved; reports them as it read them.
    async fn apply(&self, language: Language) -> Result<SettingsStatus, BackendError> {
        self.load_caller_id();
        let mut status = None;
        self.webhook_server
            .restart(|| {
                let (settings, keychain_error) = self.current()?;
                status = Some(status_of(
                    &settings,
                    keychain_error.as_ref(),
                    &self.lock_desktop_problems(),
                    language,
                ));
                let language = settings.language(&self.system_languages);
                Ok::<_, BackendError>((settings, language))
            })
            .await
            .map_err(|e| e.in_language(language))?;
        Ok(status.expect("restart calls load before returning Ok"))
    }
}

/// What is wrong with a `.env` text, in words ([`settings::describe_dotenv_error`] in
/// English), without quoting it: dotenvy's own message repeats the line, which may hold a
/// secret.
fn dotenv_problem(error: &dotenvy::Error) -> Text {
    match error {
        dotenvy::Error::LineParse(_, index) => Text::new("error-dotenv-line").arg("index", index),
        dotenvy::Error::Io(e) => Text::plain(e),
        _ => Text::new("error-dotenv-other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{MemoryKeychain, SettingsFile};

    const HEX: &str = "0123456789abcdef0123456789abcdef";

    fn free_port() -> u16 {
        let probe = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        probe.local_addr().unwrap().port()
    }

    fn backend(dir: &std::path::Path) -> Backend {
        let store = Store::new(
            Box::<MemoryKeychain>::default(),
            SettingsFile::new(dir.join("settings.json")),
        );
        Backend::new(store, Environment::default())
    }

    #[tokio::test]
    async fn secrets_go_in_but_never_come_out() {
        let dir = tempfile::tempdir().unwrap();
        let api = backend(dir.path());
        let changes = BTreeMap::from([
            (
                Field::AuthToken,
                "fedcba9876543210fedcba9876543210".to_owned(),
            ),
            (Field::ApiKeySecret, "top-secret-value".to_owned()),
            (Field::TwilioNumber, "+15551234567".to_owned()),
            (Field::Port, "0".to_owned()),
        ]);
        let err = api.save_settings(&changes).await.unwrap_err();
        assert_eq!(
            (err.kind, err.field),
            (ErrorKind::Invalid, Some(Field::Port))
        );

        let changes = BTreeMap::from([
            (Field::AccountSid, format!("AC{HEX}")),
            (
                Field::AuthToken,
                "fedcba9876543210fedcba9876543210".to_owned(),
            ),
            (Field::ApiKeySid, format!("SK{HEX}")),
            (Field::ApiKeySecret, "top-secret-value".to_owned()),
            (Field::TwimlAppSid, format!("AP{HEX}")),
            (Field::TwilioNumber, "+15551234567".to_owned()),
            (Field::Port, free_port().to_string()),
        ]);
        let status = api.save_settings(&changes).await.unwrap();
        let json = serde_json::to_string(&status).unwrap();
        assert!(
            !json.contains("fedcba9876543210") && !json.contains("top-secret-value"),
            "{json}"
        );
        assert!(json.contains(r#""complete":true"#), "{json}");
        let token = api.token().unwrap();
        assert_eq!(token.identity, "dialtone_15551234567");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert!(token.expires_at.abs_diff(now + token::DEFAULT_TTL_SECS) <= 2);
        api.webhook_server().stop().await;
    }

    #[tokio::test]
    async fn an_emptied_preference_is_cleared_and_an_empty_secret_kept() {
        let dir = tempfile::tempdir().unwrap();
        let api = backend(dir.path());
        let set = BTreeMap::from([
            (Field::ApiKeySecret, "kept-secret".to_owned()),
            (Field::TwilioNumber, "+15551234567".to_owned()),
            (Field::AllowedCountryCodes, "1,44".to_owned()),
        ]);
        api.save_settings(&set).await.unwrap();
        let clear = BTreeMap::from([
            (Field::ApiKeySecret, String::new()),
            (Field::AllowedCountryCodes, String::new()),
        ]);
        api.save_settings(&clear).await.unwrap();
        let (settings, _) = api.current().unwrap();
        assert!(settings.get(Field::ApiKeySecret).is_set());
        let allowed = settings.get(Field::AllowedCountryCodes);
        assert_eq!(
            (allowed.source, allowed.display_value()),
            (Source::Default, Some("1"))
        );
    }

    #[test]
    fn the_token_lifetime_can_be_shortened() {
        let dir = tempfile::tempdir().unwrap();
        let env = Environment::from_vars([
            ("TWILIO_ACCOUNT_SID", format!("AC{HEX}")),
            ("TWILIO_API_KEY_SID", format!("SK{HEX}")),
            ("TWILIO_API_KEY_SECRET", "secret".to_owned()),
            ("TWIML_APP_SID", format!("AP{HEX}")),
            ("DIALTONE_IDENTITY", "alice".to_owned()),
        ]);
        let store = Store::new(
            Box::<MemoryKeychain>::default(),
            SettingsFile::new(dir.path().join("settings.json")),
        );
        let api = Backend::new(store, env).with_token_ttl(120);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert!(api.token().unwrap().expires_at.abs_diff(now + 120) <= 2);
    }

    #[tokio::test]
    async fn token_errors_say_which_kind_of_problem() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            backend(dir.path()).token().unwrap_err().kind,
            ErrorKind::MissingSettings
        );
        let locked = Backend::new(
            Store::new(
                Box::new(MemoryKeychain::unavailable()),
                SettingsFile::new(dir.path().join("settings.json")),
            ),
            Environment::default(),
        );
        let err = locked.token().unwrap_err();
        assert_eq!(err.kind, ErrorKind::Keychain);
        assert!(
            err.message.contains("keychain could not be reached"),
            "{}",
            err.message
        );
    }

    #[tokio::test]
    async fn the_webhook_status_is_pushed_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let api = Arc::new(backend(dir.path()));
        let (tx, mut pushed) = tokio::sync::mpsc::unbounded_channel();
        let follower = tokio::spawn(api.clone().follow_webhook_status(move |status| {
            let _ = tx.send(status);
        }));
        let complete = BTreeMap::from([
            (Field::AccountSid, format!("AC{HEX}")),
            (Field::AuthToken, HEX.to_owned()),
            (Field::ApiKeySid, format!("SK{HEX}")),
            (Field::ApiKeySecret, "secret".to_owned()),
            (Field::TwimlAppSid, format!("AP{HEX}")),
            (Field::TwilioNumber, "+15551234567".to_owned()),
            (Field::Port, free_port().to_string()),
        ]);
        api.save_settings(&complete).await.unwrap();
        let deadline = std::time::Duration::from_secs(10);
        let address = loop {
            let status = tokio::time::timeout(deadline, pushed.recv())
                .await
                .expect("a status after the restart")
                .unwrap();
            if status.state == crate::webhook_server::ServerState::Listening {
                break status.address.unwrap();
            }
        };

        // A webhook from a stranger: refused, and the panel hears of it without asking.
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        let request = format!("POST /handle_calls HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=b");
        tokio::io::AsyncWriteExt::write_all(&mut stream, request.as_bytes())
            .await
            .unwrap();
        let mut answer = String::new();
        tokio::io::AsyncReadExt::read_to_string(&mut stream, &mut answer)
            .await
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
        let last = loop {
            let status = tokio::time::timeout(deadline, pushed.recv())
                .await
                .expect("a status after the webhook")
                .unwrap();
            if let Some(last) = status.last_webhook {
                break last;
            }
        };
        assert_eq!(last.status, 403);
        follower.abort();
        api.webhook_server().stop().await;
    }

    #[tokio::test]
    async fn import_takes_the_tutorials_names() {
        let dir = tempfile::tempdir().unwrap();
        let api = backend(dir.path());
        let result = api
            .import_env("TWILIO_NUMBER=+447700900123\nTWIML_APP_SID=AP0123456789abcdef0123456789abcdef\nOTHER=1\n")
            .await
            .unwrap();
        assert_eq!(
            result.imported,
            vec![Field::TwimlAppSid, Field::TwilioNumber]
        );
        assert!(api.import_env("NOTHING=here").await.is_err());
        assert!(api.import_env("TWILIO_NUMBER=+1").await.is_err());
    }
}
