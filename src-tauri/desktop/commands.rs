//! The IPC commands the phone UI may invoke (and nothing more; see `capabilities/main.json`).
//! Secrets go into these commands but never come out: the UI only learns whether they are set.

use std::collections::BTreeMap;

use serde::Serialize;
use tauri::State;

use super::listener::ListenerStatus;
use super::AppState;
use crate::settings::{self, Field, Settings, Source};
use crate::token::{self, AccessToken};

/// How a command fails, as the UI receives it: `{kind, message, field?}`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CommandError {
    pub kind: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

impl CommandError {
    fn new(kind: &'static str, message: impl ToString) -> Self {
        Self {
            kind,
            message: message.to_string(),
            field: None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct FieldStatus {
    name: Field,
    label: &'static str,
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

fn status_of(settings: &Settings, keychain_error: Option<String>) -> SettingsStatus {
    SettingsStatus {
        fields: settings
            .iter()
            .map(|entry| FieldStatus {
                name: entry.field,
                label: entry.field.label(),
                secret: entry.field.is_secret(),
                set: entry.is_set(),
                value: entry.display_value().map(str::to_owned),
                source: entry.source,
                problem: entry.problem.as_ref().map(ToString::to_string),
            })
            .collect(),
        complete: settings.is_complete(),
        keychain: KeychainStatus {
            available: keychain_error.is_none(),
            message: keychain_error,
        },
    }
}

impl AppState {
    /// Settings as they are now; the keychain is read on each call so an edit made with the
    /// CLI shows up without a restart.
    pub(crate) fn current(&self) -> Result<(Settings, Option<String>), CommandError> {
        let loaded = crate::loader::resolve(&self.store, &self.env)
            .map_err(|e| CommandError::new("settings", e))?;
        Ok((
            loaded.settings,
            loaded.keychain_error.map(|e| e.to_string()),
        ))
    }

    fn save(
        &self,
        changes: &BTreeMap<Field, String>,
    ) -> Result<BTreeMap<Field, String>, CommandError> {
        let clean = settings::validate_changes(changes).map_err(|problems| {
            let first = problems.first().map(|p| p.field);
            CommandError {
                kind: "invalid",
                message: problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                field: first,
            }
        })?;
        self.store
            .save(&clean)
            .map_err(|e| CommandError::new("keychain", e))?;
        Ok(clean)
    }

    /// Restarts the listener after a change, so a new port or token takes effect at once.
    async fn apply(&self) -> Result<SettingsStatus, CommandError> {
        let (settings, keychain_error) = self.current()?;
        self.listener.restart(&settings).await;
        Ok(status_of(&settings, keychain_error))
    }
}

#[tauri::command]
pub async fn get_token(state: State<'_, AppState>) -> Result<AccessToken, CommandError> {
    let (settings, keychain_error) = state.current()?;
    let token_settings = settings.token_settings().map_err(|e| {
        let message = match keychain_error {
            Some(k) if !e.missing.is_empty() => format!("{e}. Also: {k}"),
            _ => e.to_string(),
        };
        CommandError::new("settings", message)
    })?;
    token::mint(
        &token_settings,
        std::time::SystemTime::now(),
        token::DEFAULT_TTL_SECS,
    )
    .map_err(|e| CommandError::new("token", e))
}

#[tauri::command]
pub async fn settings_status(state: State<'_, AppState>) -> Result<SettingsStatus, CommandError> {
    let (settings, keychain_error) = state.current()?;
    Ok(status_of(&settings, keychain_error))
}

#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    changes: BTreeMap<Field, String>,
) -> Result<SettingsStatus, CommandError> {
    state.save(&changes)?;
    state.apply().await
}

#[tauri::command]
pub async fn import_env(
    state: State<'_, AppState>,
    contents: String,
) -> Result<ImportResult, CommandError> {
    let vars = dotenvy::from_read_iter(contents.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            CommandError::new("invalid", format!("the file is not a valid .env file: {e}"))
        })?;
    let changes = crate::loader::changes_from_env_vars(vars);
    if changes.is_empty() {
        return Err(CommandError::new(
            "invalid",
            "the file holds none of Dialtone's settings (TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, …)",
        ));
    }
    let saved = state.save(&changes)?;
    Ok(ImportResult {
        status: state.apply().await?,
        imported: saved.into_keys().collect(),
    })
}

#[tauri::command]
pub async fn listener_status(state: State<'_, AppState>) -> Result<ListenerStatus, CommandError> {
    let (settings, _) = state.current()?;
    Ok(state.listener.status(&settings))
}
