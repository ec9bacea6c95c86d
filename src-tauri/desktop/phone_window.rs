//! Linux: the calling window is the phone (issue 14 §4). WebKitGTK has no WebRTC, so the
//! phone runs in Chromium's `--app` window, which Dialtone opens itself at start-up. Dialtone's
//! own window is not even created then (its WebKit processes would cost about 150 MiB for a
//! window nobody sees); it opens only for what only it can do: say that no browser was found,
//! that it failed to start, or that it keeps stopping, with the button to try again.
//!
//! What follows a browser exit is decided here, from [`CallingWindow::browser_exits`]:
//! a crash reopens the window (a few times), the user closing it quits the app unless a tray
//! keeps it reachable. A page that is gone while its browser runs on (a crashed tab) counts as
//! a crash too ([`follow_page`]).

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tauri::{AppHandle, Manager as _, Runtime};

use super::CallingWindowSlot;
use crate::calling_window::{BrowserExit, CallingWindow};

/// A browser that stops this many times within [`CRASH_WINDOW`] is not reopened again.
const CRASHES_BEFORE_GIVING_UP: usize = 3;
const CRASH_WINDOW: Duration = Duration::from_secs(120);

/// How long a closed browser's page may take to be seen gone (its event stream drops with the
/// process, but the two are separate events). A page still connected after that lives in a
/// browser we did not start, so the window is not closed.
const DISCONNECT_WAIT: Duration = Duration::from_secs(5);

/// How long the page may stay away while the browser that showed it runs on, before that
/// browser is restarted. A reload is back within a second or two; a crashed tab ("Aw, Snap!")
/// or a page closed from the browser's own menus never comes back by itself.
const PAGE_AWAY_WAIT: Duration = Duration::from_secs(15);

/// Held while deciding whether to open the calling window and opening it: the start and a
/// launch handed over at the same moment (`dialtone call`, a `tel:` link) must not open two.
#[derive(Default)]
struct Opening(tokio::sync::Mutex<()>);

/// Starts the calling window's listener and opens the window. Where that is impossible, the
/// app window opens instead and says why.
pub fn open_at_start<R: Runtime>(app: &AppHandle<R>) {
    app.manage(Opening::default());
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let opening = app.state::<Opening>();
        let _held = opening.0.lock().await;
        let window = match super::calling_window(&app).await {
            Ok(window) => window,
            Err(e) => {
                tracing::error!("{e}");
                super::show_app_window(&app);
                return;
            }
        };
        tauri::async_runtime::spawn(follow_browser(app.clone(), window.clone()));
        tauri::async_runtime::spawn(follow_page(window.clone()));
        tauri::async_runtime::spawn(follow_settings_saves(app.clone(), window.clone()));
        // A launch handed over meanwhile may have opened it already.
        if !is_open(&window) {
            open(&app, &window);
        }
    });
}

/// The page is connected, or a browser of ours is still starting or showing it.
fn is_open(window: &CallingWindow) -> bool {
    window.link().status().connected || window.browser_running()
}

/// Brings the phone forward: the calling window when it is open (over X11), else opened again.
/// When the app window is what the user has (no browser, or it would not start), that one.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if super::app_window_shown(app) {
        super::show_app_window(app);
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let opening = app.try_state::<Opening>();
        let _held = match &opening {
            Some(opening) => Some(opening.0.lock().await),
            None => None, // built without the start-up (the IPC tests)
        };
        let window = match super::calling_window(&app).await {
            Ok(window) => window,
            Err(e) => {
                tracing::error!("{e}");
                super::show_app_window(&app);
                return;
            }
        };
        if is_open(&window) {
            raise(&window);
        } else {
            tracing::info!("the calling window is closed: opening it");
            open(&app, &window);
        }
    });
}

/// Raises the open calling window, without opening another (Chromium would make a second
/// window of an `--app` URL, and the newest window's session replaces the first's).
pub fn raise(window: &CallingWindow) {
    let pids = window.browser_pids();
    match x11::activate_windows_of(&pids) {
        Ok(0) => {
            tracing::info!("the calling window has no window on this X display to bring forward")
        }
        Ok(_) => {}
        Err(e) => tracing::info!("the calling window cannot be brought forward here: {e}"),
    }
}

/// Opens the calling window; when there is no browser to open, the app window says so.
fn open<R: Runtime>(app: &AppHandle<R>, window: &CallingWindow) {
    match window.open() {
        Ok(browser) if window.opens_no_browser() => {
            tracing::info!(
                "no browser is opened ({browser}): the app window is the phone's only window"
            );
            super::show_app_window(app);
        }
        Ok(browser) => tracing::info!("the calling window opens in {browser}"),
        Err(e) => {
            tracing::warn!("the calling window could not be opened: {e}");
            super::show_app_window(app);
        }
    }
}

/// What a browser exit means, when no other browser of ours still runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterExit {
    /// It stopped before any page connected: it cannot start here.
    FailedToStart,
    /// It stopped abnormally while it carried the page: open it again.
    Crashed,
    /// It ended normally after carrying the page: the user closed it, if the page is gone.
    Closed,
    /// It ended normally without a page: it handed the URL to a browser already running.
    HandedOver,
}

fn after_exit(exit: &BrowserExit) -> AfterExit {
    match (exit.success, exit.carried_the_page) {
        (false, false) => AfterExit::FailedToStart,
        (false, true) => AfterExit::Crashed,
        (true, true) => AfterExit::Closed,
        (true, false) => AfterExit::HandedOver,
    }
}

/// Counts recent crashes: whether one more may be reopened.
#[derive(Default)]
struct Crashes(VecDeque<Instant>);

impl Crashes {
    fn may_reopen(&mut self, now: Instant) -> bool {
        self.0.retain(|at| now.duration_since(*at) < CRASH_WINDOW);
        self.0.push_back(now);
        self.0.len() < CRASHES_BEFORE_GIVING_UP
    }
}

async fn follow_browser<R: Runtime>(app: AppHandle<R>, window: Arc<CallingWindow>) {
    use tokio::sync::broadcast::error::RecvError;
    let mut exits = window.browser_exits();
    let mut crashes = Crashes::default();
    loop {
        let exit = match exits.recv().await {
            Ok(exit) => exit,
            Err(RecvError::Lagged(_)) => continue,
            Err(RecvError::Closed) => return,
        };
        if window.browser_running() {
            continue; // another browser of ours carries the window
        }
        match after_exit(&exit) {
            AfterExit::FailedToStart => {
                // The window's status says why; the app window shows it.
                tracing::warn!("{} could not start the calling window", exit.browser);
                super::show_app_window(&app);
            }
            AfterExit::Crashed if crashes.may_reopen(Instant::now()) => {
                tracing::warn!(
                    "{} stopped ({}): opening the calling window again",
                    exit.browser,
                    exit.description
                );
                open(&app, &window);
            }
            AfterExit::Crashed => {
                let why = format!(
                    "{browser} keeps stopping ({what}), {CRASHES_BEFORE_GIVING_UP} times in {minutes} minutes. Check that {browser} starts on this computer, or choose another browser with DIALTONE_BROWSER; then choose “Reopen calling window”.",
                    browser = exit.browser,
                    what = exit.description,
                    minutes = CRASH_WINDOW.as_secs() / 60,
                );
                tracing::error!("{why}");
                window.link().opened(None, Some(why));
                super::show_app_window(&app);
            }
            AfterExit::Closed => {
                if page_gone(&window).await {
                    closed_by_the_user(&app);
                }
            }
            AfterExit::HandedOver => {}
        }
    }
}

/// A page that goes away while the browser that showed it keeps running (its tab crashed, or
/// was closed from the browser's menus) leaves a browser window that is no phone: after
/// [`PAGE_AWAY_WAIT`] that browser is killed, and [`follow_browser`] opens the window again as
/// after a crash (counted with the crashes, so a page that keeps crashing stops being reopened).
async fn follow_page(window: Arc<CallingWindow>) {
    let mut status = window.link().subscribe();
    loop {
        if status.wait_for(|s| s.connected).await.is_err()
            || status.wait_for(|s| !s.connected).await.is_err()
        {
            return;
        }
        if !window.browser_running() {
            continue; // the browser ended: its exit decides what follows
        }
        let back = tokio::time::timeout(PAGE_AWAY_WAIT, status.wait_for(|s| s.connected))
            .await
            .map(|seen| seen.is_ok());
        match back {
            Ok(true) => {}
            Ok(false) => return,
            Err(_) if window.browser_running() => {
                tracing::warn!(
                    "the calling window's page has been gone for {} s while its browser still runs (the tab crashed or was closed): restarting the browser",
                    PAGE_AWAY_WAIT.as_secs()
                );
                window.kill_browsers().await;
            }
            Err(_) => {}
        }
    }
}

/// Settings saved in the calling window (the only window here) apply the desktop preferences
/// at once, as a save in the app window does.
async fn follow_settings_saves<R: Runtime>(app: AppHandle<R>, window: Arc<CallingWindow>) {
    use tokio::sync::broadcast::error::RecvError;
    let mut saves = window.settings_saves();
    loop {
        match saves.recv().await {
            Ok(()) | Err(RecvError::Lagged(_)) => {}
            Err(RecvError::Closed) => return,
        }
        let app = app.clone();
        let _ = crate::backend::blocking(move || {
            super::integration::apply_preferences(&app);
            Ok(())
        })
        .await;
    }
}

/// Waits (bounded) for the page's event stream to drop.
async fn page_gone(window: &CallingWindow) -> bool {
    let mut status = window.link().subscribe();
    tokio::time::timeout(DISCONNECT_WAIT, status.wait_for(|s| !s.connected))
        .await
        .is_ok_and(|seen| seen.is_ok())
}

/// The user closed the phone's only window: the app ends with it, unless a tray keeps it
/// reachable or the app window is open.
fn closed_by_the_user<R: Runtime>(app: &AppHandle<R>) {
    if super::tray::keeps_running_in_tray(app) {
        tracing::info!("the calling window was closed; Dialtone keeps running in the tray");
        super::tray::closed_to_tray(app);
    } else if super::app_window_shown(app) {
        tracing::info!("the calling window was closed; the Dialtone window stays open");
    } else {
        tracing::info!("the calling window was closed and no tray is shown: quitting");
        app.exit(0);
    }
}

/// Whether closing the app window must leave the app running: the calling window is the phone
/// and still open, or a tray keeps the app reachable.
pub fn keeps_running_without_app_window<R: Runtime>(app: &AppHandle<R>) -> bool {
    let window_open = app
        .state::<CallingWindowSlot>()
        .get()
        .is_some_and(|w| w.link().status().connected || w.browser_running());
    window_open || super::tray::keeps_running_in_tray(app)
}

/// Window activation by the EWMH (`_NET_ACTIVE_WINDOW`), which X11 window managers honour
/// for pagers and taskbars. Wayland gives programs no such request: there the window stays
/// where it is (the notification still rings).
mod x11 {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{
        AtomEnum, ClientMessageEvent, ConnectionExt as _, EventMask, Window,
    };

    /// Asks the window manager to activate every top-level window of the processes `pids`;
    /// returns how many were found.
    pub fn activate_windows_of(pids: &[u32]) -> Result<usize, String> {
        if pids.is_empty() {
            return Ok(0);
        }
        let (conn, screen) = x11rb::connect(None).map_err(|e| e.to_string())?;
        let root = conn.setup().roots[screen].root;
        let atom = |name: &[u8]| -> Result<u32, String> {
            Ok(conn
                .intern_atom(false, name)
                .map_err(|e| e.to_string())?
                .reply()
                .map_err(|e| e.to_string())?
                .atom)
        };
        let (pid_atom, active_atom, list_atom) = (
            atom(b"_NET_WM_PID")?,
            atom(b"_NET_ACTIVE_WINDOW")?,
            atom(b"_NET_CLIENT_LIST")?,
        );
        let cardinals = |window: Window, property: u32, max: u32| -> Vec<u32> {
            conn.get_property(false, window, property, AtomEnum::ANY, 0, max)
                .ok()
                .and_then(|cookie| cookie.reply().ok())
                .and_then(|reply| reply.value32().map(Iterator::collect))
                .unwrap_or_default()
        };
        // The window manager's list of managed windows; without one (bare X), the root's
        // children.
        let mut candidates = cardinals(root, list_atom, 4096);
        if candidates.is_empty() {
            candidates = conn
                .query_tree(root)
                .map_err(|e| e.to_string())?
                .reply()
                .map_err(|e| e.to_string())?
                .children;
        }
        let mut found = 0;
        for window in candidates {
            let pid = cardinals(window, pid_atom, 1);
            if !pid.first().is_some_and(|pid| pids.contains(pid)) {
                continue;
            }
            found += 1;
            // Source 2: a pager, which window managers obey without focus-stealing checks.
            let event = ClientMessageEvent::new(32, window, active_atom, [2, 0, 0, 0, 0]);
            conn.send_event(
                false,
                root,
                EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY,
                event,
            )
            .map_err(|e| e.to_string())?;
            // Without a window manager, or when it ignores the request, at least map it.
            conn.map_window(window).map_err(|e| e.to_string())?;
        }
        conn.flush().map_err(|e| e.to_string())?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exit(success: bool, carried_the_page: bool) -> BrowserExit {
        BrowserExit {
            browser: "Chromium".into(),
            success,
            carried_the_page,
            description: String::new(),
        }
    }

    #[test]
    fn an_exit_is_read_from_its_status_and_whether_it_carried_the_page() {
        assert_eq!(after_exit(&exit(false, false)), AfterExit::FailedToStart);
        assert_eq!(after_exit(&exit(false, true)), AfterExit::Crashed);
        assert_eq!(after_exit(&exit(true, true)), AfterExit::Closed);
        assert_eq!(after_exit(&exit(true, false)), AfterExit::HandedOver);
    }

    #[test]
    fn a_browser_that_keeps_crashing_is_not_reopened_forever() {
        let mut crashes = Crashes::default();
        let start = Instant::now();
        assert!(crashes.may_reopen(start));
        assert!(crashes.may_reopen(start + Duration::from_secs(10)));
        assert!(
            !crashes.may_reopen(start + Duration::from_secs(20)),
            "the third crash in two minutes"
        );
        assert!(
            crashes.may_reopen(start + Duration::from_secs(20) + CRASH_WINDOW),
            "crashes long ago are forgotten"
        );
    }
}
