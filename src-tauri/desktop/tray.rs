//! The tray icon (issue 14 part 1): the phone's state and what waits (missed calls, new
//! voicemail) on the icon, and a menu: Show Dialtone, Do not disturb, Recent missed calls,
//! Quit. Closing the app window hides it in the tray (the `close_to_tray` setting) where a tray
//! is shown, and quits as before where none can be.
//!
//! - [`model`]: facts in, icon, words and menu out; plain Rust, tested without a desktop.
//! - [`notices`]: the two things said once (closed to the tray, no tray here).
//! - this file: the Tauri side. It follows the phone feed and looks at the journal and the
//!   settings file as often as the notifications do ([`LOOK_EVERY`]), so a change made anywhere
//!   (the settings panel, `dialtone config set`, a webhook) shows within one look.
//!
//! On Linux the tray is libayatana-appindicator over StatusNotifierItem (`desktop.md` §2).
//! libappindicator-sys loads that library when the first tray is made and panics when it is
//! missing, and an item without a StatusNotifierWatcher on the bus shows nowhere; so the
//! watcher is asked for first (and again every few seconds until a panel brings one) and the
//! creation runs under `catch_unwind`. Without a tray the app works as before.

pub mod model;
pub mod notices;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tauri::image::Image;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager as _, Runtime};

use self::model::{Facts, Look, MenuView, Seen, TrayView};
use self::notices::{Notice, Notices};
use crate::backend::Backend;
use crate::journal::HistoryFilter;
use crate::notifications::OpenAt;
use crate::settings::Field;

/// How often the journal and the settings file are looked at: the notifications' pace.
pub const LOOK_EVERY: Duration = Duration::from_secs(2);

/// How many of the newest missed calls one look reads: the submenu's few, and enough to count
/// what was missed since the last look at the phone.
const MISSED_PER_LOOK: u32 = 50;

/// The tray's id; on Linux the item's D-Bus path ends in `tray_icon_tray_app_main`.
const TRAY_ID: &str = "main";

/// What the tray needs from the composition root.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where the one-time notices are remembered (the data directory).
    pub notices_dir: Option<PathBuf>,
}

/// The tray's state, managed by the app: whether a tray is shown, and what it showed last.
pub struct TrayState {
    shown: AtomicBool,
    seen: Mutex<Seen>,
    notices: Notices,
    /// Wakes the follower for a look now (after a click changed something).
    look_now: tokio::sync::Notify,
}

/// Whether Dialtone shows a tray icon in this session. Closing a phone window keeps the app
/// running only when it does (there would be no way back otherwise).
pub fn tray_shown<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.try_state::<TrayState>()
        .is_some_and(|state| state.shown.load(Ordering::SeqCst))
}

/// Creates the tray if this desktop can show one (closing the app window then follows the
/// `close_to_tray` setting: [`follow_closing`]). Call once, on the main thread, when the app is
/// ready. Where the session bus has no tray host yet (a panel that starts after Dialtone, as
/// at login), it keeps looking and shows the tray when one appears.
pub fn start<R: Runtime>(app: &AppHandle<R>, config: Config) {
    app.manage(TrayState {
        shown: AtomicBool::new(false),
        seen: Mutex::new(Seen::since(chrono::Utc::now())),
        notices: Notices::in_dir(config.notices_dir.as_deref()),
        look_now: tokio::sync::Notify::new(),
    });
    match desktop_has_tray() {
        Ok(()) => show(app),
        Err(missing) => {
            tracing::warn!(
                "no tray icon: {}; closing the window quits Dialtone",
                missing.why()
            );
            say_once(app, Notice::NoTray);
            #[cfg(target_os = "linux")]
            if let NoTray::NoHost(bus) = missing {
                wait_for_host(app.clone(), bus);
            }
        }
    }
}

/// Builds the tray and starts following the phone; on the main thread.
fn show<R: Runtime>(app: &AppHandle<R>) {
    let backend = app.state::<Arc<Backend>>().inner().clone();
    let first = view(&read_facts(&backend, &app.state::<TrayState>()), &backend);
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(app, &first)));
    match built {
        Ok(Ok(tray)) => {
            app.state::<TrayState>().shown.store(true, Ordering::SeqCst);
            tracing::info!("tray icon shown");
            tauri::async_runtime::spawn(follow(app.clone(), tray, first));
        }
        Ok(Err(e)) => {
            tracing::warn!(
                "no tray icon: it could not be created ({e}); closing the window quits Dialtone"
            );
            say_once(app, Notice::NoTray);
        }
        Err(_) => {
            tracing::warn!("no tray icon: the AppIndicator library (libayatana-appindicator3-1) could not be loaded; closing the window quits Dialtone");
            say_once(app, Notice::NoTray);
        }
    }
}

/// Why there is no tray now.
enum NoTray {
    /// No session bus, or it did not answer: no tray this session.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    NoBus(String),
    /// The bus has no StatusNotifierWatcher yet; one may come (the bus, to ask again).
    #[cfg(target_os = "linux")]
    NoHost(zbus::blocking::Connection),
}

impl NoTray {
    fn why(&self) -> String {
        match self {
            Self::NoBus(why) => why.clone(),
            #[cfg(target_os = "linux")]
            Self::NoHost(_) => format!(
                "no tray host ({WATCHER}) on the session bus; on GNOME the AppIndicator extension adds one"
            ),
        }
    }
}

/// The panel's tray host on the session bus (Linux).
#[cfg(target_os = "linux")]
const WATCHER: &str = "org.kde.StatusNotifierWatcher";

/// How often, while the session bus has no tray host, it is asked again: a panel that starts
/// after Dialtone shows the tray within this.
#[cfg(target_os = "linux")]
const HOST_LOOK_EVERY: Duration = Duration::from_secs(3);

/// Why this desktop cannot show a tray icon, if it cannot. On Linux the item needs a
/// StatusNotifierWatcher (the panel's tray host) on the session bus.
#[cfg(target_os = "linux")]
fn desktop_has_tray() -> Result<(), NoTray> {
    let connection = zbus::blocking::connection::Builder::session()
        .and_then(|b| b.method_timeout(Duration::from_secs(5)).build())
        .map_err(|e| NoTray::NoBus(format!("there is no D-Bus session bus ({e})")))?;
    if host_on(&connection).map_err(NoTray::NoBus)? {
        Ok(())
    } else {
        Err(NoTray::NoHost(connection))
    }
}

#[cfg(target_os = "linux")]
fn host_on(connection: &zbus::blocking::Connection) -> Result<bool, String> {
    let name = zbus::names::BusName::try_from(WATCHER).expect("a well-formed bus name");
    zbus::blocking::fdo::DBusProxy::new(connection)
        .map_err(zbus::fdo::Error::from)
        .and_then(|bus| bus.name_has_owner(name))
        .map_err(|e| format!("the session bus did not answer ({e})"))
}

/// Asks `bus` every [`HOST_LOOK_EVERY`] for a tray host, and shows the tray when one is there.
/// A thread of its own: the check blocks, and it sleeps for the rest of the session when no
/// panel ever comes.
#[cfg(target_os = "linux")]
fn wait_for_host<R: Runtime>(app: AppHandle<R>, bus: zbus::blocking::Connection) {
    let spawned = std::thread::Builder::new()
        .name("tray-host-wait".into())
        .spawn(move || loop {
            std::thread::sleep(HOST_LOOK_EVERY);
            match host_on(&bus) {
                Ok(false) => {}
                Ok(true) => {
                    tracing::info!("a tray host ({WATCHER}) appeared on the session bus");
                    let handle = app.clone();
                    let _ = app.run_on_main_thread(move || show(&handle));
                    return;
                }
                Err(why) => {
                    tracing::warn!("stopped looking for a tray host: {why}");
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("will not look for a tray host again: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
fn desktop_has_tray() -> Result<(), NoTray> {
    Ok(())
}

/// The icons, compiled in (drawn by `scripts/tray-icons.py`).
fn icon(view: &TrayView) -> Image<'static> {
    match (view.look, view.badge) {
        (Look::Registered, false) => tauri::include_image!("icons/tray/registered.png"),
        (Look::Registered, true) => tauri::include_image!("icons/tray/registered-badge.png"),
        (Look::Offline, false) => tauri::include_image!("icons/tray/offline.png"),
        (Look::Offline, true) => tauri::include_image!("icons/tray/offline-badge.png"),
        (Look::InCall, false) => tauri::include_image!("icons/tray/in-call.png"),
        (Look::InCall, true) => tauri::include_image!("icons/tray/in-call-badge.png"),
        (Look::DoNotDisturb, false) => tauri::include_image!("icons/tray/do-not-disturb.png"),
        (Look::DoNotDisturb, true) => {
            tauri::include_image!("icons/tray/do-not-disturb-badge.png")
        }
    }
}

fn build<R: Runtime>(app: &AppHandle<R>, view: &TrayView) -> tauri::Result<TrayIcon<R>> {
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(icon(view))
        .menu(&menu(app, &view.menu)?)
        .tooltip(&view.tooltip)
        .title(&view.title)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| clicked(app, event.id().as_ref()))
        .build(app)
}

fn menu<R: Runtime>(app: &AppHandle<R>, view: &MenuView) -> tauri::Result<Menu<R>> {
    let status = MenuItem::with_id(app, "status", &view.status, false, None::<&str>)?;
    let show = MenuItem::with_id(app, model::SHOW_ID, &view.show, true, None::<&str>)?;
    let dnd = CheckMenuItem::with_id(
        app,
        model::DO_NOT_DISTURB_ID,
        &view.do_not_disturb,
        true,
        view.do_not_disturb_on,
        None::<&str>,
    )?;
    let recent = Submenu::with_id(app, "recent", &view.recent_title, true)?;
    if view.recent.is_empty() {
        recent.append(&MenuItem::with_id(
            app,
            "recent-none",
            &view.recent_none,
            false,
            None::<&str>,
        )?)?;
    }
    for item in &view.recent {
        recent.append(&MenuItem::with_id(
            app,
            item.id.as_str(),
            &item.label,
            true,
            None::<&str>,
        )?)?;
    }
    let quit = MenuItem::with_id(app, model::QUIT_ID, &view.quit, true, None::<&str>)?;
    Menu::with_items(
        app,
        &[
            &status,
            &PredefinedMenuItem::separator(app)?,
            &show,
            &dnd,
            &recent,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )
}

/// A click in the tray's menu.
fn clicked<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match id {
        model::SHOW_ID => {
            looked_at_phone(app);
            super::show_phone(app);
        }
        model::DO_NOT_DISTURB_ID => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move { toggle_do_not_disturb(&app).await });
        }
        model::QUIT_ID => {
            tracing::info!("tray: quit");
            app.exit(0);
        }
        other => {
            if let Some(call_sid) = other.strip_prefix(model::MISSED_ID_PREFIX) {
                looked_at_phone(app);
                super::open_at(
                    app,
                    &OpenAt::Call {
                        call_sid: call_sid.to_owned(),
                    },
                );
            }
        }
    }
}

fn looked_at_phone<R: Runtime>(app: &AppHandle<R>) {
    if let Some(state) = app.try_state::<TrayState>() {
        lock(&state.seen).look(chrono::Utc::now());
        state.look_now.notify_one();
    }
}

/// Saves do-not-disturb the other way round from what the settings file says now (the check
/// mark GTK flipped may be stale), through the same path as the settings panel: the webhook
/// answers with the new setting at once, and the calling window hears of it.
async fn toggle_do_not_disturb<R: Runtime>(app: &AppHandle<R>) {
    let backend = app.state::<Arc<Backend>>().inner().clone();
    let on = backend
        .desktop_preferences()
        .map(|p| p.do_not_disturb)
        .unwrap_or(false);
    let changes = [(Field::DoNotDisturb, (!on).to_string())].into();
    match backend.save_settings(&changes).await {
        Ok(_) => {
            tracing::info!("tray: do not disturb {}", if on { "off" } else { "on" });
            app.state::<super::CallingWindowSlot>().settings_changed();
        }
        Err(e) => tracing::warn!("tray: do not disturb could not be saved: {}", e.message),
    }
    app.state::<TrayState>().look_now.notify_one();
}

/// Keeps the tray current: after every change of the phone's state, at every look, and when a
/// click asks. Only what changed is sent to the desktop (a new menu closes an open one).
async fn follow<R: Runtime>(app: AppHandle<R>, tray: TrayIcon<R>, mut shown: TrayView) {
    let backend = app.state::<Arc<Backend>>().inner().clone();
    let mut phone = backend.phone().watch();
    let mut look = tokio::time::interval(LOOK_EVERY);
    look.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let state = app.state::<TrayState>();
        tokio::select! {
            changed = phone.changed() => if changed.is_err() { break },
            _ = look.tick() => {}
            () = state.look_now.notified() => {}
        }
        let facts = {
            let backend = backend.clone();
            let app = app.clone();
            tokio::task::spawn_blocking(move || read_facts(&backend, &app.state::<TrayState>()))
                .await
        };
        let Ok(facts) = facts else { continue };
        let next = view(&facts, &backend);
        if next == shown {
            continue;
        }
        if let Err(e) = apply(&app, &tray, &shown, &next) {
            tracing::warn!("the tray icon could not be updated: {e}");
            continue;
        }
        shown = next;
    }
}

fn apply<R: Runtime>(
    app: &AppHandle<R>,
    tray: &TrayIcon<R>,
    before: &TrayView,
    next: &TrayView,
) -> tauri::Result<()> {
    if (before.look, before.badge) != (next.look, next.badge) {
        tray.set_icon(Some(icon(next)))?;
    }
    if before.title != next.title {
        tray.set_title(Some(&next.title))?;
    }
    if before.tooltip != next.tooltip {
        tray.set_tooltip(Some(&next.tooltip))?;
    }
    if before.menu != next.menu {
        tray.set_menu(Some(menu(app, &next.menu)?))?;
    }
    Ok(())
}

/// One look: the phone as reported, the setting, the journal. Blocking (SQLite, the file).
fn read_facts(backend: &Backend, state: &TrayState) -> Facts {
    let journal = backend.journal();
    let missed = journal
        .history(HistoryFilter {
            missed_only: true,
            limit: Some(MISSED_PER_LOOK),
        })
        .unwrap_or_default();
    let new_voicemail = journal
        .voicemails()
        .map(|inbox| inbox.iter().filter(|m| !m.heard).count())
        .unwrap_or(0);
    Facts {
        phone: backend.phone().watch().borrow().clone(),
        do_not_disturb: backend
            .desktop_preferences()
            .map(|p| p.do_not_disturb)
            .unwrap_or(false),
        unseen_missed: lock(&state.seen).unseen(&missed),
        missed,
        new_voicemail,
    }
}

fn view(facts: &Facts, backend: &Backend) -> TrayView {
    model::view(facts, backend.language(), chrono::Local::now())
}

/// Closing the app window: hidden in the tray when one is shown and `close_to_tray` is on (the
/// first time, a notification says so); otherwise the window closes and the app quits as
/// before. Called for the window when it is created, which on Linux may be long after the tray
/// (the app window opens only when the calling window cannot be the phone).
pub(crate) fn follow_closing<R: Runtime>(app: &AppHandle<R>, main: &tauri::WebviewWindow<R>) {
    let app = app.clone();
    let window = main.clone();
    main.on_window_event(move |event| {
        let tauri::WindowEvent::CloseRequested { api, .. } = event else {
            return;
        };
        if !keeps_running_in_tray(&app) {
            return;
        }
        api.prevent_close();
        let _ = window.hide();
        tracing::info!("the window was closed: Dialtone keeps running in the tray");
        closed_to_tray(&app);
    });
}

/// Whether closing the phone's window leaves Dialtone running in the tray: a tray is shown and
/// the `close_to_tray` setting is on.
pub fn keeps_running_in_tray<R: Runtime>(app: &AppHandle<R>) -> bool {
    tray_shown(app)
        && app
            .state::<Arc<Backend>>()
            .desktop_preferences()
            .map(|p| p.close_to_tray)
            .unwrap_or(true)
}

/// The phone's window was closed into the tray: the first time, a notification says so.
pub fn closed_to_tray<R: Runtime>(app: &AppHandle<R>) {
    say_once(app, Notice::ClosedToTray);
}

/// Says `notice` the first time it applies, as a desktop notification (Linux; elsewhere the log
/// line stands).
fn say_once<R: Runtime>(app: &AppHandle<R>, notice: Notice) {
    let Some(state) = app.try_state::<TrayState>() else {
        return;
    };
    if !state.notices.first_time(notice) {
        return;
    }
    let language = app.state::<Arc<Backend>>().language();
    let (summary, body) = match notice {
        Notice::ClosedToTray => ("tray-closed-title", "tray-closed-body"),
        Notice::NoTray => ("tray-none-title", "tray-none-body"),
    };
    let note = crate::notifications::Note {
        kind: crate::notifications::Kind::Notice,
        summary: crate::i18n::t(language, summary, &[]),
        body: crate::i18n::t(language, body, &[]),
        buttons: Vec::new(),
        opens: OpenAt::Phone,
    };
    #[cfg(target_os = "linux")]
    tauri::async_runtime::spawn(async move {
        use crate::notifications::dbus::NotificationServer;
        let shown = match NotificationServer::connect().await {
            Ok(server) => server.show(&note).await.map(|_| ()),
            Err(e) => Err(e),
        };
        if let Err(e) = shown {
            tracing::warn!("{}: {} ({e})", note.summary, note.body);
        }
    });
    #[cfg(not(target_os = "linux"))]
    tracing::info!("{}: {}", note.summary, note.body);
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
