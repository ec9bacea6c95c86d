//! The calling window: the phone page served to a WebRTC-capable browser from a guarded
//! loopback listener, for webviews that cannot carry calls (Linux WebKitGTK has no
//! `RTCPeerConnection`; see `../shared/reference/platforms.md` from the project root).
//!
//! This listener is separate from the webhook's: the tunnel exposes only the webhook port, and
//! this one never answers `/handle_calls`, while the webhook never serves the page or tokens.
//!
//! - [`routes`]: the launch exchange, the page's API and its files; `journal_api`: recents,
//!   voicemail and contacts for the page.
//! - [`session`]: the guard in front of every route, as middleware.
//! - [`guard`]: launch secret, session cookie, `Host`/origin checks, token rate limit.
//! - [`page_link`]: whether a page is open, what it reported, events to it.
//! - [`launch`]: browser profile, launch file, the loopback address.
//! - [`browser`]: finding, starting and watching the browser.
//! - [`assets`]: the page's files.

pub mod assets;
pub mod browser;
pub mod guard;
mod journal_api;
pub mod launch;
pub mod page_link;
mod routes;
mod session;

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub use assets::{DirAssets, PageAssets};
pub use routes::router;

use crate::backend::Backend;
use browser::{BrowserProcess, BrowserSetting, OpenError};
use guard::{Guard, Refusal};
use page_link::PageLink;

/// The Twilio endpoints the Voice SDK talks to: signaling per edge, and Insights.
pub const TWILIO_CONNECT_SRC: &str = "wss://voice-js.roaming.twilio.com wss://voice-js.ashburn.twilio.com wss://voice-js.dublin.twilio.com wss://voice-js.frankfurt.twilio.com wss://voice-js.sao-paulo.twilio.com wss://voice-js.singapore.twilio.com wss://voice-js.sydney.twilio.com wss://voice-js.tokyo.twilio.com wss://voice-js.umatilla.twilio.com https://eventgw.twilio.com";

/// What the calling window takes from the composition root ([`crate::app::Options`]).
#[derive(Debug, Clone)]
pub struct Config {
    /// The port it prefers (stable: the browser remembers the microphone per origin).
    pub port: u16,
    /// Holds the browser profile and the window's loopback address.
    pub data_dir: Option<PathBuf>,
    pub browser: BrowserSetting,
    /// `PATH`, to find a browser.
    pub search_path: Option<OsString>,
    /// The only variables the browser inherits.
    pub browser_env: Vec<(OsString, OsString)>,
    /// Extra CSP `connect-src` entries; only the end-to-end tests' Twilio simulator sets any.
    pub extra_connect_src: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            port: crate::app::options::DEFAULT_PHONE_PORT,
            data_dir: None,
            browser: BrowserSetting::Find,
            search_path: None,
            browser_env: Vec::new(),
            extra_connect_src: String::new(),
        }
    }
}

/// The calling window's server side.
pub struct CallingWindow {
    guard: Guard,
    backend: Arc<Backend>,
    assets: Arc<dyn PageAssets>,
    link: PageLink,
    address: SocketAddr,
    config: Config,
    /// Every browser process started for this window (a reopen may start another while an
    /// earlier one still runs); all are closed with the app.
    browsers: Mutex<Vec<BrowserProcess>>,
    /// The file holding the current launch URL, deleted once it is used.
    launch_file: Mutex<Option<PathBuf>>,
    /// Each browser exit, for whoever decides what follows (the desktop shell on Linux:
    /// reopen after a crash, quit when the user closed the phone).
    exits: tokio::sync::broadcast::Sender<BrowserExit>,
    /// Set once the app closes its browsers: those exits are its own doing, not news.
    closing: Arc<AtomicBool>,
    /// Each save or import of settings in the page, for what the page cannot apply itself (the
    /// desktop shell's shortcuts and launch at login, applied after a save in the app window
    /// by its command).
    settings_saved: tokio::sync::broadcast::Sender<()>,
}

/// How one browser process this window started ended.
#[derive(Debug, Clone)]
pub struct BrowserExit {
    /// The browser's name, as the UI shows it.
    pub browser: String,
    /// Exit status 0: closed by the user (or asked to stop with SIGTERM, which Chromium
    /// answers the same way), or a launch that handed the page to a browser already running.
    pub success: bool,
    /// The page connected while this process ran: it carried the window.
    pub carried_the_page: bool,
    /// Status and last line on stderr, for a message.
    pub description: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the calling window could not listen on the loopback address: {0}")]
    Bind(std::io::Error),
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl CallingWindow {
    pub fn new(
        backend: Arc<Backend>,
        assets: Arc<dyn PageAssets>,
        address: SocketAddr,
        config: Config,
    ) -> Arc<Self> {
        Arc::new(Self {
            guard: Guard::new(address.to_string()),
            link: PageLink::new(backend.phone().clone()),
            backend,
            assets,
            address,
            config,
            browsers: Mutex::new(Vec::new()),
            launch_file: Mutex::new(None),
            exits: tokio::sync::broadcast::channel(8).0,
            closing: Arc::new(AtomicBool::new(false)),
            settings_saved: tokio::sync::broadcast::channel(4).0,
        })
    }

    /// Binds the configured port on this install's loopback address (see
    /// [`launch::loopback_address`]), or any free port when it is taken (the browser will then
    /// ask for the microphone again), and serves until `shutdown`.
    pub async fn start(
        backend: Arc<Backend>,
        assets: Arc<dyn PageAssets>,
        config: Config,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<Arc<Self>, StartError> {
        let ip = launch::loopback_address(config.data_dir.as_deref());
        let port = config.port;
        let listener = match tokio::net::TcpListener::bind((ip, port)).await {
            Ok(listener) => listener,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                tracing::warn!("port {port} for the calling window is taken; using another, so the browser will ask for the microphone again");
                tokio::net::TcpListener::bind((ip, 0))
                    .await
                    .map_err(StartError::Bind)?
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrNotAvailable => {
                tracing::warn!(
                    "{ip} is not available here; serving the calling window on 127.0.0.1"
                );
                tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
                    .await
                    .map_err(StartError::Bind)?
            }
            Err(e) => return Err(StartError::Bind(e)),
        };
        let address = listener.local_addr().map_err(StartError::Bind)?;
        let changes = backend.webhook_server().watch();
        let mut journal_changes = backend.journal_changes();
        let window = Self::new(backend, assets, address, config);
        let app = router(window.clone());
        let link = window.link.clone();
        tokio::spawn(async move {
            let webhook_link = link.clone();
            let forward = crate::webhook_server::each_change(
                changes,
                crate::webhook_server::UPDATE_GAP,
                || {
                    webhook_link.webhook_changed();
                    std::future::ready(())
                },
            );
            // Whoever follows the journal's file (the shell: `Backend::follow_journal_changes`)
            // ticks this; an open page reads its lists again.
            let journal = async move {
                while journal_changes.changed().await.is_ok() {
                    link.journal_changed();
                }
            };
            tokio::select! {
                served = crate::http_server::serve(listener, app, crate::http_server::Limits::CALLING_WINDOW, shutdown) => {
                    if let Err(e) = served {
                        tracing::error!("calling window listener stopped: {e}");
                    }
                }
                () = forward => {}
                () = journal => {}
            }
        });
        tracing::info!("calling window served on http://{address}/");
        Ok(window)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn link(&self) -> &PageLink {
        &self.link
    }

    pub fn backend(&self) -> &Arc<Backend> {
        &self.backend
    }

    /// A URL that opens one window: it carries a fresh one-time launch secret.
    pub fn launch_url(&self) -> String {
        format!(
            "http://{}/launch?key={}",
            self.address,
            self.guard.new_launch_secret()
        )
    }

    /// Opens (or reopens) the window in the configured browser, and returns the browser's
    /// name. The outcome is also published on the link for the app window, including, when
    /// the browser stops at once (Chromium run as root without `--no-sandbox` does), why.
    pub fn open(&self) -> Result<String, OpenError> {
        let result = self.start_browser();
        match &result {
            Ok((name, _)) => self.link.opened(Some(name.clone()), None),
            Err(e) => self.link.opened(None, Some(e.to_string())),
        }
        let (name, process) = result?;
        if let Some(process) = process {
            let mut exit = process.exit_watch();
            let link = self.link.clone();
            let browser = name.clone();
            let exits = self.exits.clone();
            let closing = self.closing.clone();
            let mut page = self.link.subscribe();
            tokio::spawn(async move {
                // Whether a page was connected while this process ran, watched until it exits.
                // (A page another browser still shows counts too: the status cannot tell
                // them apart. The desktop shell asks only when no other browser runs.)
                page.borrow_and_update();
                let mut carried_the_page = false;
                let mut page_open = true;
                let exit = loop {
                    let ended = exit.borrow_and_update().clone();
                    if let Some(ended) = ended {
                        break ended;
                    }
                    tokio::select! {
                        changed = exit.changed() => {
                            if changed.is_err() {
                                return;
                            }
                        }
                        changed = page.changed(), if page_open => {
                            page_open = changed.is_ok();
                            carried_the_page |= page_open && page.borrow_and_update().connected;
                        }
                    }
                };
                if closing.load(Ordering::SeqCst) {
                    return;
                }
                // A browser that handed the page to a window it already had exits at once
                // with success; only a failure before the page ever connected is news.
                if !exit.status.success() && !carried_the_page && !link.status().connected {
                    tracing::warn!("{browser} stopped: {}", exit.describe());
                    link.opened(
                        None,
                        Some(format!(
                            "{browser} stopped before the calling window opened ({}). Check that {browser} starts on this computer, or choose another browser with DIALTONE_BROWSER.",
                            exit.describe()
                        )),
                    );
                }
                // No receiver: nobody decides what follows (`dialtone phone`).
                let _ = exits.send(BrowserExit {
                    browser,
                    success: exit.status.success(),
                    carried_the_page,
                    description: exit.describe(),
                });
            });
            let mut browsers = lock(&self.browsers);
            browsers.retain(BrowserProcess::is_running);
            browsers.push(process);
        }
        Ok(name)
    }

    fn start_browser(&self) -> Result<(String, Option<BrowserProcess>), OpenError> {
        let choice = browser::choose(&self.config.browser, self.config.search_path.as_deref());
        let profile = launch::profile_dir(self.config.data_dir.as_deref())?;
        let file = launch::write_launch_file(&profile, &self.launch_url())
            .map_err(OpenError::LaunchFile)?;
        *lock(&self.launch_file) = Some(file.clone());
        let opened = browser::open(
            &choice,
            &launch::file_url(&file),
            &profile,
            &self.config.browser_env,
        )?;
        Ok((opened.browser, opened.process))
    }

    /// Deletes the launch file once its secret is spent.
    fn forget_launch_file(&self) {
        if let Some(file) = lock(&self.launch_file).take() {
            let _ = std::fs::remove_file(file);
        }
    }

    /// A browser this app opened for the window still runs (its page may still be loading).
    pub fn browser_running(&self) -> bool {
        lock(&self.browsers).iter().any(BrowserProcess::is_running)
    }

    /// The process IDs of the browsers this app opened that still run.
    pub fn browser_pids(&self) -> Vec<u32> {
        lock(&self.browsers)
            .iter()
            .filter(|b| b.is_running())
            .filter_map(BrowserProcess::pid)
            .collect()
    }

    /// Each browser exit from now on (not those of [`Self::close_browsers`]).
    pub fn browser_exits(&self) -> tokio::sync::broadcast::Receiver<BrowserExit> {
        self.exits.subscribe()
    }

    /// Each save or import of settings in the page from now on.
    pub fn settings_saves(&self) -> tokio::sync::broadcast::Receiver<()> {
        self.settings_saved.subscribe()
    }

    /// The page saved settings (no receiver: nobody applies more, as in `dialtone phone`).
    fn saved_settings(&self) {
        let _ = self.settings_saved.send(());
    }

    /// `DIALTONE_BROWSER=none`: this window opens no browser, so nothing on screen is the phone.
    pub fn opens_no_browser(&self) -> bool {
        self.config.browser == BrowserSetting::Nothing
    }

    /// Closes every browser this app opened that still runs: the calling window belongs to
    /// the app and should not outlive it.
    pub async fn close_browsers(&self) {
        self.closing.store(true, Ordering::SeqCst);
        self.kill_browsers().await;
    }

    /// Kills every browser this app opened that still runs, as a crash would: each exit is
    /// reported on [`Self::browser_exits`], so the desktop shell opens the window again. For a
    /// browser whose page is gone while the browser itself runs on (a crashed tab).
    pub async fn kill_browsers(&self) {
        let browsers = std::mem::take(&mut *lock(&self.browsers));
        futures_util::future::join_all(browsers.into_iter().map(BrowserProcess::close)).await;
    }

    fn admit(&self, headers: &axum::http::HeaderMap, api: bool) -> Result<(), Refusal> {
        self.guard
            .check_origin(headers, api)
            .and_then(|()| self.guard.check_session(headers))
    }

    fn csp(&self) -> String {
        format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self' mediastream: blob:; connect-src 'self' {TWILIO_CONNECT_SRC} {}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            self.config.extra_connect_src
        )
    }
}
