//! What the UI's set-up wizard may ask of Rust (both windows): check the account, connect,
//! disconnect, the remote checks and their repair, the caller ID; and the tunnel follower that
//! keeps the TwiML App on the tunnel's URL. The logic is [`crate::setup`]'s; this file turns the
//! UI's requests into its calls, keeps the webhook server in step, and its errors into
//! [`BackendError`]s. Secrets come in (the Auth Token typed in the wizard) but never go out.

use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::{Backend, BackendError, ErrorKind, SettingsStatus};
use crate::i18n::{Language, Text};
use crate::phone_number::E164;
use crate::secret::Secret;
use crate::settings::{field, Field, Settings};
use crate::setup::account::AccountOverview;
use crate::setup::connect::{ConnectRequest, Connected};
use crate::setup::repoint::{self, Repointer};
use crate::setup::wiring::{self, WiringReport};
use crate::setup::{self, describe_voice, ApproveAll, SetupEnv, SetupError};

impl From<SetupError> for BackendError {
    fn from(error: SetupError) -> Self {
        let field = error.field();
        let kind = match &error {
            SetupError::Invalid(_) => ErrorKind::Invalid,
            SetupError::NeedsConfirmation { .. } => ErrorKind::NeedsConfirmation,
            SetupError::Store(_) | SetupError::Record(_) => ErrorKind::Settings,
            SetupError::NotSetUp { .. } | SetupError::CallerIdNotAllowed { .. } => {
                ErrorKind::Invalid
            }
            SetupError::NeedsSettings(_) => ErrorKind::MissingSettings,
            _ => ErrorKind::Twilio,
        };
        match error {
            // A locked keychain is `keychain`, as everywhere else.
            SetupError::Store(store) => BackendError::from(store),
            other => BackendError {
                field,
                ..BackendError::text(kind, other.text())
            },
        }
    }
}

/// A secret as the UI sends it: redacted in `Debug`, so a logged request shows nothing.
#[derive(Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct SecretText(String);

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() {
            "[empty]"
        } else {
            "[redacted]"
        })
    }
}

/// Step 1: the credentials. An empty Auth Token means the saved one (the wizard run again from
/// Settings need not ask for it).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountQuery {
    pub account_sid: String,
    #[serde(default)]
    pub auth_token: SecretText,
}

/// The user's choices, to connect.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectQuery {
    pub account_sid: String,
    #[serde(default)]
    pub auth_token: SecretText,
    pub number: String,
    #[serde(default)]
    pub caller_id: Option<String>,
    /// A public URL the user typed: saved as the configured one (it then wins over tunnels).
    #[serde(default)]
    pub public_url: Option<String>,
    /// The user confirmed taking over a number that is wired elsewhere.
    #[serde(default)]
    pub take_over: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectResult {
    pub status: SettingsStatus,
    pub connected: Connected,
    /// Environment variables that override what set-up saved, said once.
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisconnectResult {
    pub status: SettingsStatus,
    pub done: Vec<String>,
}

/// What set-up did, from its record: no Twilio request.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SetupStatus {
    /// Set-up ran on this computer and was not undone.
    pub connected: bool,
    pub account_sid: Option<String>,
    pub number: Option<String>,
    pub application_sid: Option<String>,
    pub key_sid: Option<String>,
    /// The caller ID outgoing calls show now.
    pub caller_id: Option<String>,
    /// The account's numbers and verified caller IDs, as Twilio listed them last.
    pub caller_ids: Vec<String>,
    /// What undo gives the number back.
    pub restores: Option<String>,
    pub voice_url: Option<String>,
    /// Unix milliseconds.
    pub voice_url_set_at: Option<u64>,
}

impl Backend {
    fn setup_env<'a>(&'a self, record: &'a setup::RecordFile) -> SetupEnv<'a> {
        SetupEnv {
            api: &self.twilio,
            store: &self.store,
            record,
            machine: &self.machine,
        }
    }

    /// The Auth Token typed, or the saved one when the field was left empty.
    fn auth_token(&self, typed: &SecretText) -> Result<Secret, BackendError> {
        if !typed.0.trim().is_empty() {
            return Ok(Secret::new(typed.0.trim()));
        }
        let (settings, _) = self.current()?;
        settings
            .webhook_settings(true)
            .ok()
            .and_then(|w| w.auth_token)
            .ok_or_else(|| BackendError {
                field: Some(Field::AuthToken),
                ..BackendError::text(ErrorKind::Invalid, Text::new("error-type-auth-token"))
                    .in_language(self.language())
            })
    }

    /// The public base Twilio should call: the configured URL, else the tunnel's (the one the
    /// follower found, or one found now).
    async fn public_base(&self, settings: &Settings) -> Option<String> {
        let entry = settings.get(Field::PublicUrl);
        if let Some(base) = entry
            .display_value()
            .filter(|_| entry.problem.is_none())
            .and_then(field::public_base)
        {
            return Some(base);
        }
        if let Some(base) = self.webhook_server.discovered_base() {
            return Some(base);
        }
        let port = settings.port().ok()?;
        let found = self.tunnels.find(port).await;
        let base = found.tunnel.as_ref().map(|t| t.public_base.clone());
        self.webhook_server.set_tunnel(found);
        base
    }

    /// The webhook dials from the chosen caller ID while the account still has it.
    pub(super) fn load_caller_id(&self) {
        let chosen = self
            .record()
            .load()
            .ok()
            .flatten()
            .and_then(|r| r.effective_caller_id().map(str::to_owned))
            .and_then(|c| E164::parse(&c).ok());
        self.webhook_server.set_outgoing_caller_id(chosen);
    }

    /// Steps 1 and 2: checks the credentials (nothing is saved) and lists the numbers.
    pub async fn setup_account(
        &self,
        query: AccountQuery,
    ) -> Result<AccountOverview, BackendError> {
        let token = self.auth_token(&query.auth_token)?;
        let record = self.record();
        Ok(setup::account::overview(&self.setup_env(&record), &query.account_sid, &token).await?)
    }

    /// Steps 3 to 5, then the webhook server restarted with the new settings.
    pub async fn setup_connect(&self, query: ConnectQuery) -> Result<ConnectResult, BackendError> {
        let token = self.auth_token(&query.auth_token)?;
        let typed = query
            .public_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let public_base = match typed {
            Some(url) => Some(field::public_base(url).ok_or_else(|| {
                BackendError::from(vec![crate::settings::InvalidValue {
                    field: Field::PublicUrl,
                }])
                .in_language(self.language())
            })?),
            None => {
                let (settings, _) = self.current()?;
                self.public_base(&settings).await
            }
        };
        let request = ConnectRequest {
            account_sid: query.account_sid,
            auth_token: token,
            number: query.number,
            caller_id: query.caller_id.filter(|c| !c.trim().is_empty()),
            public_base,
            save_public_url: typed.map(str::to_owned),
            take_over: query.take_over,
        };
        let record = self.record();
        let connected =
            setup::connect::connect(&self.setup_env(&record), &request, &mut ApproveAll).await?;
        let status = self.apply(self.language()).await?;
        Ok(ConnectResult {
            status,
            warnings: self.overridden(self.language()),
            connected,
        })
    }

    /// Settings set-up saves that the environment overrides.
    fn overridden(&self, language: Language) -> Vec<String> {
        crate::setup::SAVED_FIELDS
            .into_iter()
            .filter(|f| self.env.get(*f).is_some())
            .map(|f| {
                Text::new("setup-env-overrides")
                    .arg("variable", f.env_var())
                    .render(language)
            })
            .collect()
    }

    /// Undo, then the webhook server restarted (it stops: the number is gone).
    pub async fn setup_disconnect(&self) -> Result<DisconnectResult, BackendError> {
        let record = self.record();
        let undone = setup::undo::undo(&self.setup_env(&record), &mut ApproveAll).await?;
        let language = self.language();
        Ok(DisconnectResult {
            status: self.apply(language).await?,
            done: undone.done.iter().map(|t| t.render(language)).collect(),
        })
    }

    pub fn setup_status(&self) -> Result<SetupStatus, BackendError> {
        let record = self.record().load().map_err(SetupError::from)?;
        Ok(match record {
            None => SetupStatus {
                connected: false,
                account_sid: None,
                number: None,
                application_sid: None,
                key_sid: None,
                caller_id: None,
                caller_ids: Vec::new(),
                restores: None,
                voice_url: None,
                voice_url_set_at: None,
            },
            Some(r) => SetupStatus {
                connected: true,
                caller_id: r
                    .effective_caller_id()
                    .map(str::to_owned)
                    .or_else(|| r.number.as_ref().map(|n| n.phone_number.clone())),
                number: r.number.as_ref().map(|n| n.phone_number.clone()),
                restores: r.number.as_ref().map(|n| describe_voice(&n.previous)),
                application_sid: r.application.map(|a| a.sid),
                key_sid: r.key.map(|k| k.sid),
                account_sid: Some(r.account_sid),
                caller_ids: r.caller_ids,
                voice_url: r.voice_url,
                voice_url_set_at: r.voice_url_set_at,
            },
        })
    }

    /// The remote checks, with the settings as they are now.
    pub async fn check_wiring(&self) -> Result<WiringReport, BackendError> {
        let (settings, _) = self.current()?;
        let base = self.public_base(&settings).await;
        let record = self.record();
        let report = wiring::check_in(
            &self.setup_env(&record),
            &settings,
            base.as_deref(),
            settings.port().ok(),
            self.language(),
        )
        .await;
        // The check refreshed the caller IDs the webhook may dial from.
        self.load_caller_id();
        Ok(report)
    }

    /// "Fix it": set-up again with the saved values, then the checks again.
    pub async fn repair_wiring(&self, take_over: bool) -> Result<WiringReport, BackendError> {
        let (settings, _) = self.current()?;
        let base = self.public_base(&settings).await;
        let record = self.record();
        wiring::repair(
            &self.setup_env(&record),
            &settings,
            base.as_deref(),
            take_over,
            &mut ApproveAll,
        )
        .await?;
        self.apply(self.language()).await?;
        self.check_wiring().await
    }

    /// Chooses the outgoing caller ID among the account's numbers and verified caller IDs, as
    /// Twilio lists them now; the webhook server restarts to dial from it.
    pub async fn set_caller_id(&self, caller_id: String) -> Result<SetupStatus, BackendError> {
        let record_file = self.record();
        let Some(mut record) = record_file.load().map_err(SetupError::from)? else {
            return Err(SetupError::NotSetUp {
                path: record_file.path().to_owned(),
            }
            .into());
        };
        let (settings, _) = self.current()?;
        let token = settings
            .token_settings()
            .map_err(|e| BackendError::new(ErrorKind::MissingSettings, e))?;
        let client = crate::twilio::Credentials::api_key(
            &record.account_sid,
            &token.api_key_sid,
            token.api_key_secret,
        )
        .and_then(|c| self.twilio.client(c))
        .map_err(SetupError::twilio(setup::Step::ListCallerIds))?;
        record.caller_ids = wiring::caller_id_list(&client)
            .await
            .map_err(SetupError::twilio(setup::Step::ListCallerIds))?;
        let chosen = Field::TwilioNumber.normalize(&caller_id).ok();
        let Some(chosen) = chosen.filter(|c| record.caller_ids.contains(c)) else {
            record_file.save(&record).map_err(SetupError::from)?;
            return Err(SetupError::CallerIdNotAllowed {
                caller_id: caller_id.trim().to_owned(),
                choices: record.caller_ids.join(", "),
            }
            .into());
        };
        let bound = record.number.as_ref().map(|n| n.phone_number.clone());
        record.caller_id = (Some(&chosen) != bound.as_ref()).then_some(chosen);
        record_file.save(&record).map_err(SetupError::from)?;
        self.apply(self.language()).await?;
        self.setup_status()
    }

    /// Follows the tunnel for as long as the backend lives: every few seconds the local agents
    /// are asked which tunnel forwards to the listener; its URL becomes the signature base at
    /// once (no restart), and when the URL in effect differs from the one Dialtone gave its
    /// TwiML App, the app is given the new one. The caller's task decides when to stop.
    pub async fn follow_tunnel(self: Arc<Self>) {
        let mut repointer = Repointer::default();
        let mut ticks = tokio::time::interval(self.look_every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            self.look_once(&mut repointer).await;
        }
    }

    async fn look_once(&self, repointer: &mut Repointer) {
        // The port and a configured URL are in the settings file (or the environment): no
        // keychain round trip every few seconds.
        let Ok(saved) = self.store.load_file_only() else {
            return;
        };
        let light = Settings::resolve(&self.env, &saved);
        let Ok(port) = light.port() else { return };
        let found = self.tunnels.find(port).await;
        if let Some(tunnel) = &found.tunnel {
            if self.webhook_server.discovered_base().as_deref() != Some(&tunnel.public_base) {
                tracing::info!("{} tunnel found: {}", tunnel.agent, tunnel.public_base);
            }
        }
        self.webhook_server.set_tunnel(found);
        let entry = light.get(Field::PublicUrl);
        let base = entry
            .display_value()
            .filter(|_| entry.problem.is_none())
            .and_then(field::public_base)
            .or_else(|| self.webhook_server.discovered_base());
        let record_file = self.record();
        let Ok(Some(record)) = record_file.load() else {
            return;
        };
        if record.application.is_none() {
            return;
        }
        let wanted = repoint::wanted(base.as_deref());
        let Some(url) = repointer.next(
            wanted.as_deref(),
            record.voice_url.as_deref(),
            Instant::now(),
        ) else {
            return;
        };
        let result = match self.current() {
            Ok((settings, _)) => {
                repoint::point_app(&self.setup_env(&record_file), &settings, &url).await
            }
            Err(e) => Err(SetupError::NeedsSettings(e.message)),
        };
        match result {
            Ok(()) => {
                tracing::info!("Twilio now calls {url}");
                repointer.succeeded();
                self.webhook_server.set_repoint_outcome(None);
            }
            Err(e) => {
                tracing::warn!("the TwiML App could not be given {url}: {e}");
                repointer.failed(&url, Instant::now());
                self.webhook_server.set_repoint_outcome(Some(format!(
                    "Twilio could not be told the new URL {url}: {e}"
                )));
            }
        }
    }
}
