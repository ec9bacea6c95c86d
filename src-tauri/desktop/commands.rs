//! The IPC commands the phone UI may invoke (and nothing more; see `capabilities/main.json`).
//! Each is a thin wrapper over [`crate::backend::Backend`] or the calling window. The list of
//! them is `command_table.rs`.

use std::collections::BTreeMap;
use std::sync::Arc;

use tauri::{AppHandle, Runtime, State};

use crate::backend::{
    blocking, AccountQuery, Backend, BackendError, ConnectQuery, ConnectResult, DisconnectResult,
    ErrorKind, ImportResult, SettingsStatus, SetupStatus,
};
use crate::calling_window::page_link::WindowStatus;
use crate::phone_status::{PhoneStatus, Reporter};
use crate::settings::Field;
use crate::setup::account::AccountOverview;
use crate::setup::wiring::WiringReport;
use crate::token::AccessToken;
use crate::webhook_server::WebhookStatus;

macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        /// The commands' names, as the UI invokes them.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Registers every command with Tauri.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}
include!("command_table.rs");

// Commands are `async`, and keychain reads (D-Bus round trips) run in `blocking`, so they
// block neither the window's thread nor the runtime's workers.

#[tauri::command]
pub async fn get_token(backend: State<'_, Arc<Backend>>) -> Result<AccessToken, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.token()).await
}

#[tauri::command]
pub async fn settings_status(
    backend: State<'_, Arc<Backend>>,
) -> Result<SettingsStatus, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.settings_status()).await
}

#[tauri::command]
pub async fn save_settings(
    backend: State<'_, Arc<Backend>>,
    slot: State<'_, super::CallingWindowSlot>,
    changes: BTreeMap<Field, String>,
) -> Result<SettingsStatus, BackendError> {
    let status = backend.save_settings(&changes).await?;
    slot.settings_changed();
    Ok(status)
}

#[tauri::command]
pub async fn import_env(
    backend: State<'_, Arc<Backend>>,
    slot: State<'_, super::CallingWindowSlot>,
    contents: String,
) -> Result<ImportResult, BackendError> {
    let result = backend.import_env(&contents).await?;
    slot.settings_changed();
    Ok(result)
}

#[tauri::command]
pub async fn webhook_status(
    backend: State<'_, Arc<Backend>>,
) -> Result<WebhookStatus, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.webhook_status()).await
}

/// The app window's phone reports its state (where this window carries calls).
#[tauri::command]
pub async fn report_phone_status(
    backend: State<'_, Arc<Backend>>,
    status: PhoneStatus,
) -> Result<(), BackendError> {
    status
        .validate()
        .map_err(|why| BackendError::new(ErrorKind::Invalid, why))?;
    backend.phone().report(Reporter::AppWindow, status);
    Ok(())
}

/// Opens (or reopens) the calling window, for webviews without WebRTC.
#[tauri::command]
pub async fn open_calling_window<R: Runtime>(
    app: AppHandle<R>,
) -> Result<WindowStatus, BackendError> {
    let window = super::calling_window(&app)
        .await
        .map_err(|e| BackendError::new(ErrorKind::CallingWindow, e))?;
    // Errors are also in the status, which is what the UI shows.
    let _ = window.open();
    Ok(window.link().status())
}

#[tauri::command]
pub async fn calling_window_status(
    slot: State<'_, super::CallingWindowSlot>,
) -> Result<WindowStatus, BackendError> {
    Ok(slot.get().map(|w| w.link().status()).unwrap_or_default())
}

// The set-up wizard. Each one that changes settings tells the calling window's page, which
// then starts its phone over with the new credentials.

#[tauri::command]
pub async fn setup_account(
    backend: State<'_, Arc<Backend>>,
    query: AccountQuery,
) -> Result<AccountOverview, BackendError> {
    backend.setup_account(query).await
}

#[tauri::command]
pub async fn setup_connect(
    backend: State<'_, Arc<Backend>>,
    slot: State<'_, super::CallingWindowSlot>,
    query: ConnectQuery,
) -> Result<ConnectResult, BackendError> {
    let result = backend.setup_connect(query).await?;
    slot.settings_changed();
    Ok(result)
}

#[tauri::command]
pub async fn setup_disconnect(
    backend: State<'_, Arc<Backend>>,
    slot: State<'_, super::CallingWindowSlot>,
) -> Result<DisconnectResult, BackendError> {
    let result = backend.setup_disconnect().await?;
    slot.settings_changed();
    Ok(result)
}

#[tauri::command]
pub async fn setup_status(backend: State<'_, Arc<Backend>>) -> Result<SetupStatus, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.setup_status()).await
}

#[tauri::command]
pub async fn check_wiring(backend: State<'_, Arc<Backend>>) -> Result<WiringReport, BackendError> {
    backend.check_wiring().await
}

#[tauri::command]
pub async fn repair_wiring(
    backend: State<'_, Arc<Backend>>,
    slot: State<'_, super::CallingWindowSlot>,
    take_over: bool,
) -> Result<WiringReport, BackendError> {
    let report = backend.repair_wiring(take_over).await?;
    slot.settings_changed();
    Ok(report)
}

#[tauri::command]
pub async fn set_caller_id(
    backend: State<'_, Arc<Backend>>,
    caller_id: String,
) -> Result<SetupStatus, BackendError> {
    backend.set_caller_id(caller_id).await
}
