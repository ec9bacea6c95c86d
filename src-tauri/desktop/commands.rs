//! The IPC commands the phone UI may invoke (and nothing more; see `capabilities/main.json`).
//! Each is a thin wrapper over [`crate::api::Api`] or the calling window.

use std::collections::BTreeMap;
use std::sync::Arc;

use tauri::{AppHandle, Runtime, State};

use crate::api::{blocking, Api, ApiError, ImportResult, SettingsStatus};
use crate::calling_window::page::WindowStatus;
use crate::settings::Field;
use crate::supervisor::ListenerStatus;
use crate::token::AccessToken;

// Commands are `async`, and keychain reads (D-Bus round trips) run in `blocking`, so they
// block neither the window's thread nor the runtime's workers.

#[tauri::command]
pub async fn get_token(api: State<'_, Arc<Api>>) -> Result<AccessToken, ApiError> {
    let api = api.inner().clone();
    blocking(move || api.token()).await
}

#[tauri::command]
pub async fn settings_status(api: State<'_, Arc<Api>>) -> Result<SettingsStatus, ApiError> {
    let api = api.inner().clone();
    blocking(move || api.settings_status()).await
}

#[tauri::command]
pub async fn save_settings(
    api: State<'_, Arc<Api>>,
    slot: State<'_, super::CallingWindowSlot>,
    changes: BTreeMap<Field, String>,
) -> Result<SettingsStatus, ApiError> {
    let status = api.save_settings(&changes).await?;
    slot.settings_changed();
    Ok(status)
}

#[tauri::command]
pub async fn import_env(
    api: State<'_, Arc<Api>>,
    slot: State<'_, super::CallingWindowSlot>,
    contents: String,
) -> Result<ImportResult, ApiError> {
    let result = api.import_env(&contents).await?;
    slot.settings_changed();
    Ok(result)
}

#[tauri::command]
pub async fn listener_status(api: State<'_, Arc<Api>>) -> Result<ListenerStatus, ApiError> {
    let api = api.inner().clone();
    blocking(move || api.listener_status()).await
}

/// Opens (or reopens) the calling window, for webviews without WebRTC.
#[tauri::command]
pub async fn open_calling_window<R: Runtime>(app: AppHandle<R>) -> Result<WindowStatus, ApiError> {
    let window = super::calling_window(&app)
        .await
        .map_err(|e| ApiError::new("calling_window", e))?;
    let profile =
        crate::calling_window::profile_dir().map_err(|e| ApiError::new("calling_window", e))?;
    // Errors are also in the status, which is what the UI shows.
    let _ = window.open(&profile);
    Ok(window.hub().status())
}

#[tauri::command]
pub async fn calling_window_status(
    slot: State<'_, super::CallingWindowSlot>,
) -> Result<WindowStatus, ApiError> {
    Ok(slot.get().map(|w| w.hub().status()).unwrap_or_default())
}
