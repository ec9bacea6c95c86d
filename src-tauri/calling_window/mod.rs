//! The calling window: the phone page served to a WebRTC-capable browser from a guarded
//! loopback listener, for webviews that cannot carry calls (Linux WebKitGTK, see
//! `platforms.md`).
//!
//! This listener is separate from the webhook's: the tunnel exposes only the webhook port, and
//! this one never answers `/handle_calls`, while the webhook never serves the page or tokens.
//!
//! - [`guard`]: launch secret, session cookie, `Host`/origin checks, token rate limit.
//! - [`page`]: what the page reports and the native window mirrors.
//! - [`browser`]: finding and opening the browser.

pub mod browser;
pub mod guard;
pub mod page;

use std::borrow::Cow;
use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt as _;

use crate::api::{blocking, Api, ApiError};
use guard::{Guard, Refusal};
use page::{Hub, PageReport};

/// The port the calling window prefers. Stable, because the browser remembers the microphone
/// permission per origin (`http://127.0.0.1:PORT`). Override with `DIALTONE_PHONE_PORT`.
pub const DEFAULT_PORT: u16 = 47_300;

/// The Twilio endpoints the Voice SDK talks to: signaling per edge, and Insights.
pub const TWILIO_CONNECT_SRC: &str = "wss://voice-js.roaming.twilio.com wss://voice-js.ashburn.twilio.com wss://voice-js.dublin.twilio.com wss://voice-js.frankfurt.twilio.com wss://voice-js.sao-paulo.twilio.com wss://voice-js.singapore.twilio.com wss://voice-js.sydney.twilio.com wss://voice-js.tokyo.twilio.com wss://voice-js.umatilla.twilio.com https://eventgw.twilio.com";

/// The page's files. The app serves the same bundle the native window shows.
pub trait PageAssets: Send + Sync + 'static {
    /// The file at `path` (starting with `/`), if any.
    fn get(&self, path: &str) -> Option<Cow<'_, [u8]>>;
}

/// Files from a folder (e.g. `ui/dist`), for tests and development.
pub struct DirAssets(pub PathBuf);

impl PageAssets for DirAssets {
    fn get(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        let relative = Path::new(path.trim_start_matches('/'));
        // Only plain names: no `..`, no absolute parts.
        if !relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return None;
        }
        std::fs::read(self.0.join(relative)).ok().map(Cow::Owned)
    }
}

/// The calling window's server side.
pub struct CallingWindow {
    guard: Guard,
    api: Arc<Api>,
    assets: Arc<dyn PageAssets>,
    hub: Hub,
    address: SocketAddr,
    /// Extra `connect-src` entries; only the end-to-end tests' Twilio simulator sets this.
    extra_connect_src: String,
    browser: Mutex<Option<std::process::Child>>,
    /// The file holding the current launch URL, deleted once it is used.
    launch_file: Mutex<Option<PathBuf>>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the calling window could not listen on 127.0.0.1: {0}")]
    Bind(std::io::Error),
}

impl CallingWindow {
    pub fn new(api: Arc<Api>, assets: Arc<dyn PageAssets>, address: SocketAddr) -> Arc<Self> {
        Arc::new(Self {
            guard: Guard::new(address.to_string()),
            api,
            assets,
            hub: Hub::default(),
            address,
            extra_connect_src: std::env::var("DIALTONE_TEST_CONNECT_SRC").unwrap_or_default(),
            browser: Mutex::new(None),
            launch_file: Mutex::new(None),
        })
    }

    /// Binds `port` on loopback, or any free port when it is taken (the browser will then ask
    /// for the microphone again), and serves until `shutdown`.
    pub async fn start(
        api: Arc<Api>,
        assets: Arc<dyn PageAssets>,
        port: u16,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<Arc<Self>, StartError> {
        let listener = match tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            Ok(listener) => listener,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                tracing::warn!("port {port} for the calling window is taken; using another, so the browser will ask for the microphone again");
                tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                    .await
                    .map_err(StartError::Bind)?
            }
            Err(e) => return Err(StartError::Bind(e)),
        };
        let address = listener.local_addr().map_err(StartError::Bind)?;
        let changes = api.listener().watch();
        let window = Self::new(api, assets, address);
        let app = router(window.clone());
        let hub = window.hub.clone();
        tokio::spawn(async move {
            let forward =
                crate::supervisor::each_change(changes, crate::supervisor::UPDATE_GAP, || {
                    hub.listener_changed();
                    std::future::ready(())
                });
            tokio::select! {
                served = crate::webhook::serve(listener, app, shutdown) => {
                    if let Err(e) = served {
                        tracing::error!("calling window listener stopped: {e}");
                    }
                }
                () = forward => {}
            }
        });
        tracing::info!("calling window served on http://{address}/");
        Ok(window)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn hub(&self) -> &Hub {
        &self.hub
    }

    /// A URL that opens one window: it carries a fresh one-time launch secret.
    pub fn launch_url(&self) -> String {
        format!(
            "http://{}/launch?key={}",
            self.address,
            self.guard.new_launch_secret()
        )
    }

    /// Opens (or reopens) the window in the chosen browser, with the browser profile kept in
    /// `profile_dir`, and returns the browser's name. The outcome is also published on the hub
    /// for the native window.
    ///
    /// The one-time URL goes to the browser inside a file readable only by this user, not on
    /// its command line, where any local account could read it from `/proc` and race the
    /// browser to it.
    pub fn open(&self, profile_dir: &Path) -> Result<String, browser::OpenError> {
        let choice = browser::choose();
        let result = self
            .write_launch_file(profile_dir)
            .map_err(browser::OpenError::LaunchFile)
            .and_then(|file| browser::open(&choice, &file_url(&file), profile_dir));
        match &result {
            Ok(opened) => self.hub.opened(Some(opened.browser.clone()), None),
            Err(e) => self.hub.opened(None, Some(e.to_string())),
        }
        let opened = result?;
        if let Some(child) = opened.child {
            let mut slot = self
                .browser
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(mut old) = slot.replace(child) {
                // A browser that handed the URL to an already-running instance exits at once;
                // reap it so it does not linger as a zombie.
                let _ = old.try_wait();
            }
        }
        Ok(opened.browser)
    }

    /// Writes a page that forwards to a fresh launch URL, private to this user.
    fn write_launch_file(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let path = dir.join("dialtone-launch.html");
        let url = self.launch_url();
        let page = format!(
            "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>Dialtone</title>"
        );
        let _ = std::fs::remove_file(&path);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        std::io::Write::write_all(&mut options.open(&path)?, page.as_bytes())?;
        *self
            .launch_file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path.clone());
        Ok(path)
    }

    /// Deletes the launch file once its secret is spent.
    fn forget_launch_file(&self) {
        let file = self
            .launch_file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(file) = file {
            let _ = std::fs::remove_file(file);
        }
    }

    /// Closes the browser window this app opened, if it is still running: the calling window
    /// belongs to the app and should not outlive it.
    pub fn close_browser(&self) {
        let child = self
            .browser
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(mut child) = child {
            if matches!(child.try_wait(), Ok(None)) {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
    }

    fn admit(&self, headers: &HeaderMap, api: bool) -> Result<(), Refusal> {
        self.guard
            .check_origin(headers, api)
            .and_then(|()| self.guard.check_session(headers))
    }

    fn csp(&self) -> String {
        format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self' mediastream: blob:; connect-src 'self' {TWILIO_CONNECT_SRC} {}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            self.extra_connect_src
        )
    }
}

fn refuse(refusal: Refusal, api: bool) -> Response {
    let (status, message) = match refusal {
        Refusal::NoSession => (
            StatusCode::UNAUTHORIZED,
            "This phone page opens from the Dialtone app: choose “Reopen calling window” there.",
        ),
        Refusal::Forbidden => (StatusCode::FORBIDDEN, "Forbidden."),
        Refusal::RateLimited => (
            StatusCode::TOO_MANY_REQUESTS,
            "Too many token requests; wait a few seconds.",
        ),
    };
    let mut response = if api {
        let kind = match refusal {
            Refusal::NoSession => "session",
            Refusal::Forbidden => "forbidden",
            Refusal::RateLimited => "rate_limited",
        };
        (status, Json(ApiError::new(kind, message))).into_response()
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message,
        )
            .into_response()
    };
    if refusal == Refusal::RateLimited {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("6"));
    }
    response
}

pub fn router(window: Arc<CallingWindow>) -> Router {
    Router::new()
        .route("/launch", get(launch))
        .route("/api/token", get(token))
        .route("/api/settings", get(settings))
        .route("/api/listener", get(listener))
        .route("/api/state", post(report_state))
        .route("/api/events", get(events))
        .fallback(get(asset))
        .layer(DefaultBodyLimit::max(16 * 1024))
        .layer(axum::middleware::map_response_with_state(
            window.clone(),
            security_headers,
        ))
        .with_state(window)
}

/// Headers on every response: no framing, no sniffing, no referrer, no caching of tokens,
/// and never a CORS header, so other origins cannot read anything.
async fn security_headers(
    State(window): State<Arc<CallingWindow>>,
    mut response: Response,
) -> Response {
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&window.csp()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    for (name, value) in [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("microphone=(self), camera=(), geolocation=()"),
    );
    response
}

/// Trades the one-time secret for the session cookie and sends the browser to `/`, which
/// takes the secret out of the address bar and history.
async fn launch(
    State(window): State<Arc<CallingWindow>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(refusal) = window.guard.check_origin(&headers, false) {
        return refuse(refusal, false);
    }
    let key = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "key")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    match window.guard.exchange(&key) {
        Ok(session) => {
            window.forget_launch_file();
            let cookie = HeaderValue::from_str(&Guard::set_cookie(&session))
                .expect("hex session ids are valid header values");
            // A page that refreshes to `/`, not a redirect: the browser may have come here from
            // the launch file (a cross-site navigation, on which a redirect would not carry the
            // SameSite=Strict cookie), while the page's own refresh is same-origin. Either way
            // the secret leaves the address bar.
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
                    (header::SET_COOKIE, cookie),
                ],
                "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/\"><link rel=\"icon\" href=\"data:,\"><title>Dialtone</title><p>Opening the phone…</p>",
            )
                .into_response()
        }
        Err(_) => (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This link was already used. Choose “Reopen calling window” in Dialtone for a new one.",
        )
            .into_response(),
    }
}

fn api_result<T: serde::Serialize>(result: Result<T, ApiError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => (StatusCode::UNPROCESSABLE_ENTITY, Json(error)).into_response(),
    }
}

async fn token(State(window): State<Arc<CallingWindow>>, headers: HeaderMap) -> Response {
    if let Err(refusal) = window.admit(&headers, true) {
        return refuse(refusal, true);
    }
    if let Err(refusal) = window.guard.take_token_permit() {
        return refuse(refusal, true);
    }
    let api = window.api.clone();
    api_result(blocking(move || api.token()).await)
}

async fn settings(State(window): State<Arc<CallingWindow>>, headers: HeaderMap) -> Response {
    if let Err(refusal) = window.admit(&headers, true) {
        return refuse(refusal, true);
    }
    let api = window.api.clone();
    api_result(blocking(move || api.settings_status()).await)
}

async fn listener(State(window): State<Arc<CallingWindow>>, headers: HeaderMap) -> Response {
    if let Err(refusal) = window.admit(&headers, true) {
        return refuse(refusal, true);
    }
    let api = window.api.clone();
    api_result(blocking(move || api.listener_status()).await)
}

/// Keychain reads are D-Bus round trips; keep them off the async workers.
async fn report_state(
    State(window): State<Arc<CallingWindow>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(refusal) = window.admit(&headers, true) {
        return refuse(refusal, true);
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
    }
    let report: PageReport = match serde_json::from_slice(&body) {
        Ok(report) => report,
        Err(e) => {
            return (StatusCode::BAD_REQUEST, Json(ApiError::new("invalid", e))).into_response()
        }
    };
    if let Err(why) = report.validate() {
        return (StatusCode::BAD_REQUEST, Json(ApiError::new("invalid", why))).into_response();
    }
    window.hub.report(report);
    StatusCode::NO_CONTENT.into_response()
}

/// The page's lifeline: while this stream is open the page counts as connected. Keep-alive
/// comments make a vanished browser show up as a failed write within seconds.
async fn events(State(window): State<Arc<CallingWindow>>, headers: HeaderMap) -> Response {
    if let Err(refusal) = window.admit(&headers, true) {
        return refuse(refusal, true);
    }
    let connection = window.hub.connect();
    let hello = futures_util::stream::once(async {
        Ok::<_, Infallible>(Event::default().event("hello").data("connected"))
    });
    let events = futures_util::stream::unfold(window.hub.page_events(), |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(name) => return Some((Ok(Event::default().event(name).data("{}")), rx)),
                // A page that missed events only needs the latest: it refetches everything.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let stream = hello.chain(events).map(move |event| {
        let _held_until_the_stream_drops = &connection;
        event
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(5)))
        .into_response()
}

async fn asset(State(window): State<Arc<CallingWindow>>, headers: HeaderMap, uri: Uri) -> Response {
    if let Err(refusal) = window.admit(&headers, false) {
        return refuse(refusal, false);
    }
    let path = match uri.path() {
        "/" => "/index.html",
        other => other,
    };
    match window.assets.get(path) {
        Some(bytes) => (
            [(header::CONTENT_TYPE, mime_type(path))],
            bytes.into_owned(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "Not found.").into_response(),
    }
}

fn mime_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "wav" => "audio/wav",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `file:///…` for a local path.
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy();
    let encoded: String = text
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{}", encoded.replace('\\', "/"))
    }
}

/// `DIALTONE_PHONE_PORT`, or [`DEFAULT_PORT`].
pub fn preferred_port() -> u16 {
    std::env::var("DIALTONE_PHONE_PORT")
        .ok()
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or(DEFAULT_PORT)
}

/// Where the calling window's browser profile lives: `DIALTONE_DATA_DIR`, or the OS data
/// directory (`~/.local/share/dialtone` on Linux), plus `calling-window-profile`.
pub fn profile_dir() -> Result<PathBuf, String> {
    let base = match std::env::var_os("DIALTONE_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => directories::ProjectDirs::from("app", "dialtone", "dialtone")
            .ok_or("no data directory could be found: set DIALTONE_DATA_DIR to a writable folder")?
            .data_dir()
            .to_path_buf(),
    };
    let dir = base.join("calling-window-profile");
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    Ok(dir)
}
