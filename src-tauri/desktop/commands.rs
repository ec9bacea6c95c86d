//! The IPC commands the phone UI may invoke (and nothing more; see `capabilities/main.json`).
//! Each is a thin wrapper over [`crate::backend::Backend`] or the calling window. The list of
//! them is `command_table.rs`.

use std::collections::BTreeMap;
use std::sync::Arc;

use tauri::{AppHandle, Runtime, State};

use crate::backend::history::{HistoryStatus, SavedFile};
use crate::backend::{blocking, Backend, BackendError, ErrorKind, ImportResult, SettingsStatus};
use crate::backend::{AccountQuery, ConnectQuery, ConnectResult, DisconnectResult, SetupStatus};
use crate::calling_window::page_link::WindowStatus;
use crate::journal::{
    ClearReport, Contact, ContactDraft, HistoryEntry, HistoryFilter, ImportReport, VoicemailEntry,
};
use crate::phone_control::PhoneCommand;
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
pub async fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    backend: State<'_, Arc<Backend>>,
    slot: State<'_, super::CallingWindowSlot>,
    changes: BTreeMap<Field, String>,
) -> Result<SettingsStatus, BackendError> {
    let status = backend.save_settings(&changes).await?;
    slot.settings_changed();
    if !changes.keys().any(|field| field.is_desktop_preference()) {
        return Ok(status);
    }
    // Shortcuts and launch at login take effect now; what does not work here shows as the
    // field's problem in the status returned.
    let backend = backend.inner().clone();
    blocking(move || {
        super::integration::apply_preferences(&app);
        backend.settings_status()
    })
    .await
}

#[tauri::command]
pub async fn import_env<R: Runtime>(
    app: AppHandle<R>,
    backend: State<'_, Arc<Backend>>,
    slot: State<'_, super::CallingWindowSlot>,
    contents: String,
) -> Result<ImportResult, BackendError> {
    let result = backend.import_env(&contents).await?;
    slot.settings_changed();
    // A .env may set desktop preferences too (DIALTONE_SHORTCUT_ANSWER, …).
    blocking(move || {
        super::integration::apply_preferences(&app);
        Ok(())
    })
    .await?;
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

/// The number another program handed in that no phone window has taken yet (the app window
/// asks once it follows commands, and when a `dial` command says one is waiting).
#[tauri::command]
pub async fn take_waiting_dial(
    backend: State<'_, Arc<Backend>>,
) -> Result<Option<PhoneCommand>, BackendError> {
    Ok(backend.control().take_waiting_dial())
}

#[tauri::command]
pub async fn calling_window_status(
    slot: State<'_, super::CallingWindowSlot>,
) -> Result<WindowStatus, BackendError> {
    Ok(slot.get().map(|w| w.link().status()).unwrap_or_default())
}

// ---- the journal: recents, voicemail, contacts ----------------------------------------------

#[tauri::command]
pub async fn history_status(
    backend: State<'_, Arc<Backend>>,
) -> Result<HistoryStatus, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || Ok(backend.history_status())).await
}

#[tauri::command]
pub async fn call_history(
    backend: State<'_, Arc<Backend>>,
    filter: Option<HistoryFilter>,
) -> Result<Vec<HistoryEntry>, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.history(filter.unwrap_or_default())).await
}

#[tauri::command]
pub async fn clear_call_history(
    backend: State<'_, Arc<Backend>>,
) -> Result<ClearReport, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.clear_history()).await
}

#[tauri::command]
pub async fn voicemails(
    backend: State<'_, Arc<Backend>>,
) -> Result<Vec<VoicemailEntry>, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.voicemails()).await
}

/// The audio as raw bytes (an `ArrayBuffer` in the page), fetched and cached by Rust.
#[tauri::command]
pub async fn voicemail_audio(
    backend: State<'_, Arc<Backend>>,
    recording_sid: String,
) -> Result<tauri::ipc::Response, BackendError> {
    let media = backend.inner().voicemail_audio(&recording_sid).await?;
    Ok(tauri::ipc::Response::new(media.bytes))
}

#[tauri::command]
pub async fn mark_voicemail_heard(
    backend: State<'_, Arc<Backend>>,
    recording_sid: String,
    heard: bool,
) -> Result<(), BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.mark_voicemail_heard(&recording_sid, heard)).await
}

#[tauri::command]
pub async fn save_voicemail(
    backend: State<'_, Arc<Backend>>,
    recording_sid: String,
) -> Result<SavedFile, BackendError> {
    backend.inner().save_voicemail(&recording_sid).await
}

#[tauri::command]
pub async fn delete_voicemail(
    backend: State<'_, Arc<Backend>>,
    recording_sid: String,
) -> Result<(), BackendError> {
    backend.inner().delete_voicemail(&recording_sid).await
}

/// The page sends the file's bytes as the raw request body.
fn raw_body(request: &tauri::ipc::Request<'_>, what: &str) -> Result<Vec<u8>, BackendError> {
    match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => Ok(bytes.clone()),
        tauri::ipc::InvokeBody::Json(_) => Err(BackendError::new(
            ErrorKind::Invalid,
            format!("send the {what} as raw bytes (a Uint8Array), not JSON"),
        )),
    }
}

#[tauri::command]
pub async fn set_voicemail_greeting(
    backend: State<'_, Arc<Backend>>,
    request: tauri::ipc::Request<'_>,
) -> Result<HistoryStatus, BackendError> {
    let audio = raw_body(&request, "greeting")?;
    let backend = backend.inner().clone();
    blocking(move || backend.set_voicemail_greeting(&audio)).await
}

#[tauri::command]
pub async fn clear_voicemail_greeting(
    backend: State<'_, Arc<Backend>>,
) -> Result<HistoryStatus, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.clear_voicemail_greeting()).await
}

#[tauri::command]
pub async fn contacts(
    backend: State<'_, Arc<Backend>>,
    query: Option<String>,
) -> Result<Vec<Contact>, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.contacts(query.as_deref())).await
}

#[tauri::command]
pub async fn add_contact(
    backend: State<'_, Arc<Backend>>,
    draft: ContactDraft,
) -> Result<Contact, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.add_contact(draft)).await
}

#[tauri::command]
pub async fn edit_contact(
    backend: State<'_, Arc<Backend>>,
    id: i64,
    draft: ContactDraft,
) -> Result<Contact, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.edit_contact(id, draft)).await
}

#[tauri::command]
pub async fn delete_contact(backend: State<'_, Arc<Backend>>, id: i64) -> Result<(), BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.delete_contact(id)).await
}

#[tauri::command]
pub async fn import_contacts(
    backend: State<'_, Arc<Backend>>,
    request: tauri::ipc::Request<'_>,
) -> Result<ImportReport, BackendError> {
    let vcard = raw_body(&request, "vCard file")?;
    let backend = backend.inner().clone();
    blocking(move || backend.import_contacts(&vcard)).await
}

#[tauri::command]
pub async fn caller_name(
    backend: State<'_, Arc<Backend>>,
    number: String,
) -> Result<Option<String>, BackendError> {
    let backend = backend.inner().clone();
    blocking(move || backend.caller_name(&number)).await
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
