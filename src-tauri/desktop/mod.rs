//! The desktop shell: the Tauri window, its state, and the webhook listener's lifetime.
//! Everything it calls lives in plain-Rust modules; this is wiring only.

pub mod commands;
pub mod listener;

use std::process::ExitCode;

use tauri::webview::{PermissionKind, PermissionResponse};
use tauri::{Manager, Runtime};

use crate::settings::{Environment, Store};
use listener::Listener;

/// Everything the commands share. One value, handed to `app.manage`.
pub struct AppState {
    pub(crate) store: Store,
    /// The environment as it was at start (process variables over `./.env`).
    pub(crate) env: Environment,
    pub(crate) listener: Listener,
}

impl AppState {
    pub fn new(store: Store, env: Environment) -> Self {
        Self {
            store,
            env,
            listener: Listener::default(),
        }
    }
}

/// The app, generic over the runtime so tests can build it on `tauri::test::mock_builder()`.
pub fn builder<R: Runtime>(state: AppState) -> tauri::Builder<R> {
    tauri::Builder::<R>::new()
        .manage(state)
        // The phone needs the microphone and nothing else the webview can ask for. On Linux an
        // unanswered request is a silent "no", so the answer has to be explicit.
        .on_permission_request(|_, kind| match kind {
            PermissionKind::Microphone => PermissionResponse::Allow,
            _ => PermissionResponse::Deny,
        })
        .invoke_handler(tauri::generate_handler![
            commands::get_token,
            commands::settings_status,
            commands::save_settings,
            commands::import_env,
            commands::listener_status,
        ])
        .setup(|app| {
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                linux::enable_media(&window);
            }
            let state = app.state::<AppState>();
            let listener = state.listener.clone();
            match state.current() {
                Ok((settings, _)) => {
                    tauri::async_runtime::spawn(async move { listener.restart(&settings).await });
                }
                Err(e) => tracing::error!("settings could not be read: {}", e.message),
            }
            Ok(())
        })
}

/// Opens the phone window and runs until it closes; the listener stops with it.
pub fn run() -> ExitCode {
    crate::cli::init_logging();
    let store = match Store::from_env() {
        Ok(store) => store,
        Err(e) => {
            eprintln!("dialtone: {e}");
            return ExitCode::FAILURE;
        }
    };
    let env = match std::env::current_dir()
        .map_err(|e| e.to_string())
        .and_then(|cwd| Environment::from_process_and_dotenv(&cwd).map_err(|e| e.to_string()))
    {
        Ok(env) => env,
        Err(e) => {
            eprintln!("dialtone: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app =
        match builder::<tauri::Wry>(AppState::new(store, env)).build(tauri::generate_context!()) {
            Ok(app) => app,
            Err(e) => {
                eprintln!("dialtone: the window could not be opened: {e}");
                return ExitCode::FAILURE;
            }
        };
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            let listener = app.state::<AppState>().listener.clone();
            tauri::async_runtime::block_on(listener.stop());
        }
    });
    ExitCode::SUCCESS
}

#[cfg(target_os = "linux")]
mod linux {
    use webkit2gtk::{SettingsExt as _, WebViewExt as _};

    /// WebKitGTK ships with media capture and WebRTC switched off. Media capture works once
    /// enabled; WebRTC stays missing on Debian and Ubuntu builds (see platforms.md), which the
    /// UI detects and explains.
    pub fn enable_media<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
        let result = window.with_webview(|webview| {
            let view = webview.inner();
            if let Some(settings) = view.settings() {
                settings.set_enable_media_stream(true);
                settings.set_enable_webrtc(true);
                settings.set_enable_mediasource(true);
            }
        });
        if let Err(e) = result {
            tracing::warn!("could not adjust the webview's media settings: {e}");
        }
    }
}
