//! The desktop shell: the Tauri window, its state, and the lifetimes of the listeners.
//! Everything it calls lives in plain-Rust modules; this is wiring only.

pub mod assets;
pub mod commands;

use std::process::ExitCode;
use std::sync::Arc;

use tauri::webview::{PermissionKind, PermissionResponse};
use tauri::{Emitter as _, Manager, Runtime};

use crate::api::Api;
use crate::calling_window::CallingWindow;

/// The one place the frontend bundle and `tauri.conf.json` are compiled in.
pub fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

/// The calling window, started the first time the UI asks for it.
#[derive(Default)]
pub struct CallingWindowSlot(tokio::sync::OnceCell<Arc<CallingWindow>>);

impl CallingWindowSlot {
    pub fn get(&self) -> Option<&Arc<CallingWindow>> {
        self.0.get()
    }

    /// Lets the calling window's page know, if one was ever opened.
    pub fn settings_changed(&self) {
        if let Some(window) = self.get() {
            window.hub().settings_changed();
        }
    }
}

/// The app on top of `base`: `tauri::Builder::default()` for real, or
/// `tauri::test::mock_builder()` in tests.
pub fn builder<R: Runtime>(
    base: tauri::Builder<R>,
    api: Arc<Api>,
    page_assets: Arc<dyn crate::calling_window::PageAssets>,
) -> tauri::Builder<R> {
    base.manage(api)
        .manage(page_assets)
        .manage(CallingWindowSlot::default())
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
            commands::open_calling_window,
            commands::calling_window_status,
        ])
        .setup(|app| {
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                linux::enable_media(&window);
            }
            let handle = app.handle().clone();
            let api = app.state::<Arc<Api>>().inner().clone();
            // Keeps an open settings panel live: listener state and the last webhook.
            tauri::async_runtime::spawn(api.clone().follow_listener(move |status| {
                let _ = handle.emit_to("main", "listener-status", &status);
            }));
            tauri::async_runtime::spawn(async move {
                if let Err(e) = api.start_listener().await {
                    tracing::error!("settings could not be read: {}", e.message);
                }
            });
            Ok(())
        })
}

/// Starts the calling window's listener once, and mirrors its page's state into the native
/// window: an event per change, and the window brought forward when a call rings.
pub(crate) async fn calling_window<R: Runtime>(
    app: &tauri::AppHandle<R>,
) -> Result<Arc<CallingWindow>, String> {
    let slot = app.state::<CallingWindowSlot>();
    let window = slot
        .0
        .get_or_try_init(|| async {
            let api = app.state::<Arc<Api>>().inner().clone();
            let assets = app
                .state::<Arc<dyn crate::calling_window::PageAssets>>()
                .inner()
                .clone();
            let window = CallingWindow::start(
                api,
                assets,
                crate::calling_window::preferred_port(),
                std::future::pending(),
            )
            .await
            .map_err(|e| e.to_string())?;
            let mut changes = window.hub().subscribe();
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let mut was_ringing = false;
                while changes.changed().await.is_ok() {
                    let status = changes.borrow_and_update().clone();
                    let ringing = status.report.as_ref().is_some_and(|r| r.is_ringing_in());
                    if ringing && !was_ringing {
                        if let Some(main) = app.get_webview_window("main") {
                            let _ = main.unminimize();
                            let _ = main.show();
                            let _ = main.set_focus();
                            let _ = main
                                .request_user_attention(Some(tauri::UserAttentionType::Critical));
                        }
                    }
                    was_ringing = ringing;
                    let _ = app.emit_to("main", "calling-window", &status);
                }
            });
            Ok::<_, String>(window)
        })
        .await?;
    Ok(window.clone())
}

/// Opens the phone window and runs until it closes; the listeners stop with it.
pub fn run() -> ExitCode {
    crate::cli::init_logging();
    let api = match crate::cli::api_from_env() {
        Ok(api) => Arc::new(api),
        Err(e) => {
            eprintln!("dialtone: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut context = context();
    let shared = assets::Shared::take_from(&mut context);
    let app = match builder(tauri::Builder::default(), api, Arc::new(shared)).build(context) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("dialtone: the window could not be opened: {e}");
            return ExitCode::FAILURE;
        }
    };
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(window) = app.state::<CallingWindowSlot>().get() {
                window.close_browser();
            }
            let listener = app.state::<Arc<Api>>().listener().clone();
            tauri::async_runtime::block_on(listener.stop());
        }
    });
    ExitCode::SUCCESS
}

#[cfg(target_os = "linux")]
mod linux {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt as _, WebContextExt as _,
        WebViewExt as _,
    };

    /// WebKitGTK ships with media capture and WebRTC switched off. Media capture works once
    /// enabled; WebRTC stays missing on Debian and Ubuntu builds (see platforms.md), which the
    /// UI detects and answers by opening the calling window.
    ///
    /// The rest trims memory for a one-page app: no GPU compositing (the phone draws a few
    /// flat shapes; GL contexts cost tens of MiB, more under software GL), and the cache
    /// model meant for a single local document.
    pub fn enable_media<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
        let result = window.with_webview(|webview| {
            let view = webview.inner();
            if let Some(settings) = view.settings() {
                settings.set_enable_media_stream(true);
                settings.set_enable_webrtc(true);
                settings.set_enable_mediasource(true);
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = result {
            tracing::warn!("could not adjust the webview's settings: {e}");
        }
    }
}
