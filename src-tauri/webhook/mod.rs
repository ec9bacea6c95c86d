//! Twilio's voice webhook: `POST /handle_calls` and `GET /healthz` on loopback.
//!
//! The listener is reached from the internet through the user's tunnel, so every request is
//! treated as hostile until its `X-Twilio-Signature` checks out, and even then it only ever
//! connects our own identity to allowed countries (see [`routing`]).

pub mod form;
pub mod routing;

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;

use crate::settings::WebhookSettings;
use crate::signature;
use routing::{CallFields, Route};

/// Twilio's forms are a few hundred bytes; anything near this is not Twilio.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// What the webhook knows and remembers.
pub struct WebhookState {
    settings: WebhookSettings,
    check_signatures: bool,
    activity: Activity,
}

impl WebhookState {
    /// `check_signatures = false` is for local experiments only; every request then logs a
    /// warning. The Auth Token must be present when checks are on ([`crate::settings`]
    /// enforces that before we get here).
    pub fn new(settings: WebhookSettings, check_signatures: bool, activity: Activity) -> Self {
        Self {
            settings,
            check_signatures,
            activity,
        }
    }
}

/// The last webhook handled, for the UI's listener status.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LastWebhook {
    /// Unix milliseconds.
    pub at: u64,
    pub status: u16,
    pub outcome: String,
}

/// What happened at the listener: the last webhook, plus a revision counter that moves on every
/// change (a webhook, or a listener state change the supervisor reports through
/// [`Activity::changed`]). The settings panel watches the counter instead of polling.
/// Cheap to clone; clones share everything.
#[derive(Debug, Clone)]
pub struct Activity {
    last: Arc<Mutex<Option<LastWebhook>>>,
    revision: Arc<tokio::sync::watch::Sender<u64>>,
}

impl Default for Activity {
    fn default() -> Self {
        Self {
            last: Arc::default(),
            revision: Arc::new(tokio::sync::watch::Sender::new(0)),
        }
    }
}

impl Activity {
    pub fn last(&self) -> Option<LastWebhook> {
        self.last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Wakes on every change after this call. A watcher that falls behind sees only the
    /// latest revision, which is all it needs: it rereads the whole status.
    pub fn watch(&self) -> tokio::sync::watch::Receiver<u64> {
        self.revision.subscribe()
    }

    /// Tells watchers something changed.
    pub fn changed(&self) {
        self.revision
            .send_modify(|revision| *revision = revision.wrapping_add(1));
    }

    fn record(&self, status: StatusCode, outcome: String) {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        *self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(LastWebhook {
            at,
            status: status.as_u16(),
            outcome,
        });
        self.changed();
    }
}

pub fn router(state: Arc<WebhookState>) -> Router {
    Router::new()
        .route("/handle_calls", post(handle_calls))
        .route("/healthz", get(healthz))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .with_state(state)
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("port {port} is already in use by another program. Pick another port: `dialtone serve --port {next}`, DIALTONE_PORT={next}, or the Listener port field in Settings (and point your tunnel at it)", next = port.wrapping_add(1).max(1024))]
    PortInUse { port: u16 },
    #[error("port {port} cannot be opened without administrator rights; choose a port from 1024 to 65535")]
    PortNeedsPrivilege { port: u16 },
    #[error("could not listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
}

/// Binds the loopback address only: the tunnel reaches it, the local network does not.
pub async fn bind(port: u16) -> Result<tokio::net::TcpListener, ServeError> {
    tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortInUse { port },
            std::io::ErrorKind::PermissionDenied => ServeError::PortNeedsPrivilege { port },
            _ => ServeError::Bind { port, source },
        })
}

/// Serves `router` on an already-bound listener until `shutdown` completes, then finishes the
/// requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn handle_calls(
    State(state): State<Arc<WebhookState>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let (status, body, outcome) = answer(&state, &headers, &uri, &body);
    state.activity.record(status, outcome);
    match status {
        StatusCode::OK => ([(header::CONTENT_TYPE, "text/xml")], body).into_response(),
        _ => (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            body,
        )
            .into_response(),
    }
}

/// Decides the response: (status, body, one-line outcome for the log and the UI).
fn answer(
    state: &WebhookState,
    headers: &HeaderMap,
    uri: &Uri,
    body: &[u8],
) -> (StatusCode, String, String) {
    // What a refusal records for the UI is fixed text: the details (which may include what the
    // sender put in Host) go to the log only, so a stranger cannot write into the settings panel.
    let refuse = |status: StatusCode, public: &str, detail: String| {
        tracing::warn!(status = status.as_u16(), "refused webhook: {detail}");
        (
            status,
            format!("{public}\n"),
            format!("refused ({}): {public}", status.as_u16()),
        )
    };

    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !is_form {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "expected an application/x-www-form-urlencoded body",
            "not a form post".into(),
        );
    }
    let params = match form::parse(body) {
        Ok(params) => params,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "malformed form body",
                e.to_string(),
            )
        }
    };

    if state.check_signatures {
        let Some(url) = signed_url(state, headers, uri) else {
            return refuse(
                StatusCode::FORBIDDEN,
                "forbidden",
                "no Host header, so the signed URL cannot be rebuilt".into(),
            );
        };
        let signature = headers
            .get("x-twilio-signature")
            .and_then(|v| v.to_str().ok());
        let token = state
            .settings
            .auth_token
            .as_ref()
            .expect("signature checks are only on with an Auth Token");
        let valid =
            signature.is_some_and(|sig| signature::validate(token.expose(), &url, &params, sig));
        if !valid {
            let (public, why) = match signature {
                None => ("forbidden: no X-Twilio-Signature", "missing"),
                Some(_) => (
                    "forbidden: X-Twilio-Signature does not match (check the public URL and the Auth Token)",
                    "wrong",
                ),
            };
            return refuse(
                StatusCode::FORBIDDEN,
                public,
                format!("{why} X-Twilio-Signature for {url}; nothing was dialed"),
            );
        }
    } else {
        tracing::warn!(
            "SIGNATURE CHECK IS OFF: this webhook was not verified. Anyone who finds your tunnel URL can place calls billed to your account. Turn the check back on as soon as you are done experimenting."
        );
    }

    tracing::debug!(form = ?params, "webhook form");
    let call = CallFields::from_params(&params);
    let route = routing::route(call, &state.settings);
    let xml = routing::twiml(&route, &state.settings);
    let call_sid = params
        .iter()
        .find(|(k, _)| k == "CallSid")
        .map_or("", |(_, v)| v.as_str());
    let outcome = match &route {
        Route::Outbound { to } => format!("outbound call to {to}"),
        Route::OutboundRefused { reason } => {
            format!("outbound call refused: {}", reason.describe())
        }
        Route::Inbound { caller_id } => format!(
            "incoming call from {}",
            caller_id
                .as_ref()
                .map_or("a withheld number", |n| n.as_str())
        ),
        Route::Rejected { reason } => format!("rejected: {reason}"),
    };
    tracing::info!(call_sid, from = call.from, to = call.to, "{outcome}");
    (StatusCode::OK, xml, outcome)
}

/// The URL Twilio signed: the configured public URL plus this request's query, or, when none is
/// configured, one rebuilt from the tunnel's `X-Forwarded-Proto` and the `Host` header.
fn signed_url(state: &WebhookState, headers: &HeaderMap, uri: &Uri) -> Option<String> {
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    if let Some(base) = &state.settings.public_url {
        return Some(format!("{base}{query}"));
    }
    let header_text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let scheme = header_text("x-forwarded-proto").unwrap_or("http");
    let host = header_text("x-forwarded-host").or_else(|| header_text("host"))?;
    let url = format!("{scheme}://{host}{}{query}", uri.path());
    tracing::warn!(
        "no public URL is configured, so the signature was checked against {url}, rebuilt from X-Forwarded-Proto and Host. Set the public webhook URL (DIALTONE_PUBLIC_URL) to the Voice URL of your TwiML App."
    );
    Some(url)
}
