//! The desktop shell: the Tauri window, its state, and the lifetimes of the listeners.
//! Everything it calls lives in plain-Rust modules; this is wiring only. The composition root
//! ([`crate::app`]) builds what it needs and hands it over.

pub mod assets;
pub mod autostart;
pub mod commands;
pub mod deep_link;
#[cfg(target_os = "linux")]
pub mod gtk_gl;
pub mod handoff;
pub mod integration;
#[cfg(target_os = "linux")]
pub mod phone_window;
pub mod shortcuts;
pub mod single_instance;
pub mod tray;

use std::process::ExitCode;
use std::sync::Arc;

use tauri::webview::{PermissionKind, PermissionResponse};
use tauri::{Emitter as _, Manager, Runtime};

use crate::backend::Backend;
use crate::calling_window::{self, CallingWindow, PageAssets};
pub use integration::Integration;

/// The one place the frontend bundle and `tauri.conf.json` are compiled in.
pub fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

/// The embedded UI bundle on its own, for the calling window of `dialtone phone`.
pub fn embedded_page_assets() -> Arc<dyn PageAssets> {
    let mut context = context();
    Arc::new(assets::Shared::take_from(&mut context))
}

/// The calling window, started the first time the UI asks for it.
pub struct CallingWindowSlot {
    window: tokio::sync::OnceCell<Arc<CallingWindow>>,
    config: calling_window::Config,
}

impl CallingWindowSlot {
    pub fn new(config: calling_window::Config) -> Self {
        Self {
            window: tokio::sync::OnceCell::new(),
            config,
        }
    }

    pub fn get(&self) -> Option<&Arc<CallingWindow>> {
        self.window.get()
    }

    /// Lets the calling window's page know, if one was ever opened.
    pub fn settings_changed(&self) {
        if let Some(window) = self.get() {
            window.link().settings_changed();
        }
    }
}

/// The app on top of `base`: `tauri::Builder::default()` for real, or
/// `tauri::test::mock_builder()` in tests.
pub fn builder<R: Runtime>(
    base: tauri::Builder<R>,
    backend: Arc<Backend>,
    page_assets: Arc<dyn PageAssets>,
    calling_window: calling_window::Config,
) -> tauri::Builder<R> {
    base.manage(backend)
        .manage(page_assets)
        .manage(CallingWindowSlot::new(calling_window))
        // The phone needs the microphone and nothing else the webview can ask for. On Linux an
        // unanswered request is a silent "no", so the answer has to be explicit.
        .on_permission_request(|_, kind| match kind {
            PermissionKind::Microphone => PermissionResponse::Allow,
            _ => PermissionResponse::Deny,
        })
        .invoke_handler(commands::handler())
        .setup(|app| {
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                linux::enable_media(&window);
            }
            let backend = app.state::<Arc<Backend>>().inner().clone();
            // Keeps an open settings panel live: server state and the last webhook.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(backend.clone().follow_webhook_status(move |status| {
                let _ = handle.emit_to("main", "webhook-status", &status);
            }));
            // The phone's state, whichever window carries calls, for the app window (and,
            // next, the tray and notifications).
            let handle = app.handle().clone();
            let mut phone = backend.phone().watch();
            tauri::async_runtime::spawn(async move {
                while phone.changed().await.is_ok() {
                    let status = phone.borrow_and_update().clone();
                    let _ = handle.emit_to("main", "phone-status", &status);
                }
            });
            // Commands for the phone (a notification's Answer, `dialtone answer`, …).
            let handle = app.handle().clone();
            let mut commands = backend.control().subscribe();
            tauri::async_runtime::spawn(async move {
                loop {
                    match commands.recv().await {
                        Ok(command) => {
                            let _ = handle.emit_to("main", "phone-command", &command);
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                    }
                }
            });
            // The call journal hears what the phone reports (answered here, declined, missed).
            tauri::async_runtime::spawn(backend.follow_phone_for_journal());
            // The journal's file changed (a webhook, the phone, the CLI): both windows read
            // their lists again (the calling window hears it on its event stream).
            tauri::async_runtime::spawn(backend.follow_journal_changes());
            let handle = app.handle().clone();
            let mut journal = backend.journal_changes();
            tauri::async_runtime::spawn(async move {
                while journal.changed().await.is_ok() {
                    let _ = handle.emit_to("main", "journal-changed", ());
                }
            });
            // What was missed while the app was not running, each time the listener starts.
            tauri::async_runtime::spawn(backend.follow_listener_for_catch_up());
            // Incoming, missed and voicemail notifications (Linux, over D-Bus).
            #[cfg(target_os = "linux")]
            {
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(crate::notifications::follow::start(
                    crate::notifications::follow::Sources::of(&backend),
                    move |at| open_at(&handle, &at),
                ));
            }
            // The public URL finds itself, and the TwiML App follows a tunnel that moves.
            tauri::async_runtime::spawn(backend.clone().follow_tunnel());
            tauri::async_runtime::spawn(async move {
                if let Err(e) = backend.start_webhook_server().await {
                    tracing::error!("settings could not be read: {}", e.message);
                }
            });
            Ok(())
        })
}

/// Opens the app at `at`: a click on a notification or on a missed call in the tray. The
/// phone's window comes forward (the calling window on Linux, else the app window) and its page
/// hears where (event `open-at`: the phone, a call in Recents, a voicemail).
pub(crate) fn open_at<R: Runtime>(app: &tauri::AppHandle<R>, at: &crate::notifications::OpenAt) {
    show_phone(app);
    if let Some(window) = app.state::<CallingWindowSlot>().get() {
        window.link().open_at(at.clone());
    }
    let _ = app.emit_to("main", "open-at", at);
}

/// Brings the phone forward: a second launch, a `tel:` link, the tray's "Show Dialtone", a
/// click on a notification. On Linux the phone is the calling window (raised, or opened again
/// when it was closed), unless the app window is what the user has; elsewhere the app window.
pub fn show_phone<R: Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(target_os = "linux")]
    phone_window::show(app);
    #[cfg(not(target_os = "linux"))]
    show_app_window(app);
}

/// Shows the app window, creating it from `tauri.conf.json` (`"create": false`) the first
/// time: on Linux it exists only when needed, elsewhere it is created at start.
pub(crate) fn show_app_window<R: Runtime>(app: &tauri::AppHandle<R>) {
    let window = match app.get_webview_window("main") {
        Some(window) => window,
        None => match create_app_window(app) {
            Ok(window) => window,
            Err(e) => {
                tracing::error!("the Dialtone window could not be opened: {e}");
                return;
            }
        },
    };
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

fn create_app_window<R: Runtime>(
    app: &tauri::AppHandle<R>,
) -> tauri::Result<tauri::WebviewWindow<R>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .unwrap_or_default();
    let window = tauri::WebviewWindowBuilder::from_config(app, &config)?.build()?;
    #[cfg(target_os = "linux")]
    linux::enable_media(&window);
    tray::follow_closing(app, &window);
    Ok(window)
}

/// The app window exists and is on screen.
pub(crate) fn app_window_shown<R: Runtime>(app: &tauri::AppHandle<R>) -> bool {
    app.get_webview_window("main")
        .is_some_and(|w| w.is_visible().unwrap_or(false))
}

/// The phone's window at start: the app window on Windows and macOS (and on Linux under
/// WebDriver, which drives that window: `tauri-driver` sets `TAURI_WEBVIEW_AUTOMATION`), and on
/// Linux the calling window.
fn open_phone_at_start<R: Runtime>(app: &tauri::AppHandle<R>, webdriver: bool) {
    if cfg!(not(target_os = "linux")) || webdriver {
        show_app_window(app);
    }
    // Under WebDriver the app window is the phone being driven: as before the calling window
    // was the phone, it opens once the settings are complete (the window test's first launch
    // sees the app window ask for the set-up).
    #[cfg(target_os = "linux")]
    if !webdriver || settings_complete(app) {
        phone_window::open_at_start(app);
    }
}

#[cfg(target_os = "linux")]
fn settings_complete<R: Runtime>(app: &tauri::AppHandle<R>) -> bool {
    app.state::<Arc<Backend>>()
        .current()
        .is_ok_and(|(settings, _)| settings.is_complete())
}

/// Starts the calling window's listener once, and mirrors its page's state into the native
/// window: an event per change, and the window brought forward when a call rings.
pub(crate) async fn calling_window<R: Runtime>(
    app: &tauri::AppHandle<R>,
) -> Result<Arc<CallingWindow>, String> {
    let slot = app.state::<CallingWindowSlot>();
    let window = slot
        .window
        .get_or_try_init(|| async {
            let backend = app.state::<Arc<Backend>>().inner().clone();
            let assets = app.state::<Arc<dyn PageAssets>>().inner().clone();
            let window =
                CallingWindow::start(backend, assets, slot.config.clone(), std::future::pending())
                    .await
                    .map_err(|e| e.to_string())?;
            let mut changes = window.link().subscribe();
            let app = app.clone();
            #[cfg(target_os = "linux")]
            let ringing_window = window.clone();
            tauri::async_runtime::spawn(async move {
                let mut was_ringing = false;
                while changes.changed().await.is_ok() {
                    let status = changes.borrow_and_update().clone();
                    let ringing = status.report.as_ref().is_some_and(|r| r.is_ringing_in());
                    if ringing && !was_ringing {
                        #[cfg(target_os = "linux")]
                        phone_window::raise(&ringing_window);
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

/// Opens the phone window and runs until it closes; the listeners stop with it. A second
/// launch exits inside `build`, having handed its request to this one.
pub fn run(
    mut context: tauri::Context<tauri::Wry>,
    backend: Arc<Backend>,
    calling_window: calling_window::Config,
    integration: Integration,
    tray: tray::Config,
) -> ExitCode {
    let shared = assets::Shared::take_from(&mut context);
    let webdriver = integration.webdriver;
    let base = integration::add(tauri::Builder::default(), integration);
    let app = match builder(base, backend, Arc::new(shared), calling_window).build(context) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("dialtone: the window could not be opened: {e}");
            return ExitCode::FAILURE;
        }
    };
    open_phone_at_start(app.handle(), webdriver);
    let mut tray = Some(tray);
    app.run(move |app, event| {
        // Ready comes after the setup hooks (the integration's may end a second launch) and
        // the windows, on the main thread.
        if let tauri::RunEvent::Ready = event {
            if let Some(tray) = tray.take() {
                tray::start(app, tray);
            }
        }
        // On Linux the app window is not the phone: closing it leaves the calling window
        // ringing. (An exit the app asks for itself has a code and goes through.)
        #[cfg(target_os = "linux")]
        if let tauri::RunEvent::ExitRequested {
            code: None, api, ..
        } = &event
        {
            if phone_window::keeps_running_without_app_window(app) {
                api.prevent_exit();
            }
        }
        if let tauri::RunEvent::Exit = event {
            let window = app.state::<CallingWindowSlot>().get().cloned();
            let server = app.state::<Arc<Backend>>().webhook_server().clone();
            tauri::async_runtime::block_on(async move {
                if let Some(window) = window {
                    window.close_browsers().await;
                }
                server.stop().await;
            });
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
    /// enabled; WebRTC stays missing on Debian and Ubuntu builds (WebKitGTK 2.50 has no
    /// `RTCPeerConnection` even with the setting on), which the UI detects and answers by
    /// opening the calling window.
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
                // The ringtone plays in a window that was never clicked (WebKitGTK's default
                // too, set here so a changed default cannot silence it).
                settings.set_media_playback_requires_user_gesture(false);
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
