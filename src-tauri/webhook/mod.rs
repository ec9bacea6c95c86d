//! Twilio's webhooks on loopback: `POST /handle_calls` (and, as later issues add them, every
//! other route Twilio calls), plus `GET /healthz`.
//!
//! The listener is reached from the internet through the user's tunnel, so every request is
//! treated as hostile until its `X-Twilio-Signature` checks out, and even then it only ever
//! connects our own identity to allowed countries (see [`routing`]).
//!
//! - [`twilio_request`]: the one signature check every Twilio route gets by construction.
//! - [`voice`]: the voice webhook, `POST /handle_calls`.
//! - [`call_events`]: the `<Dial action>`, voicemail's callbacks and the recorded greeting.
//! - [`routing`]: who is connected to whom; [`answering`]: ring time, do-not-disturb and
//!   voicemail; [`form`]: Twilio's forms, parsed strictly.

pub mod answering;
pub mod call_events;
pub mod form;
pub mod routing;
pub mod twilio_request;
pub mod voice;

use crate::i18n::{Language, Text};
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde::Serialize;

use crate::journal::greeting::Greeting;
use crate::journal::Journal;
use crate::settings::WebhookSettings;
use answering::Answering;

/// Twilio's forms are a few hundred bytes; anything near this is not Twilio.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// What the webhook knows and remembers: the state every route shares.
pub struct Context {
    settings: WebhookSettings,
    check_signatures: bool,
    activity: Activity,
    answering: Answering,
    /// Where calls are recorded; `None` records nothing (benchmarks, some tests).
    journal: Option<Journal>,
    greeting: Greeting,
    /// Unix milliseconds now; tests pass a clock of their own.
    clock: Arc<dyn Fn() -> i64 + Send + Sync>,
    /// The public base each signature is checked over (see [`SignatureBase`]).
    signature_base: SignatureBase,
}

/// The public base URL every Twilio route's signature is checked over (base + path + query),
/// swappable while the listener runs: when a free tunnel restarts with a new URL, the new one
/// applies to the next request, with no restart of the listener and no request dropped.
/// `None` means "rebuild the URL from the request's headers". Cheap to clone; clones share it.
#[derive(Debug, Clone, Default)]
pub struct SignatureBase(Arc<std::sync::RwLock<Option<String>>>);

impl SignatureBase {
    pub fn new(base: Option<String>) -> Self {
        Self(Arc::new(std::sync::RwLock::new(base)))
    }

    pub fn get(&self) -> Option<String> {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Replaces the base; returns whether it changed.
    pub fn set(&self, base: Option<String>) -> bool {
        let mut current = self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let changed = *current != base;
        *current = base;
        changed
    }
}

impl Context {
    /// `check_signatures = false` is for local experiments only; every request then logs a
    /// warning. The Auth Token must be present when checks are on ([`crate::settings`]
    /// enforces that before we get here).
    pub fn new(settings: WebhookSettings, check_signatures: bool, activity: Activity) -> Self {
        let signature_base = SignatureBase::new(settings.public_base.clone());
        Self {
            settings,
            check_signatures,
            activity,
            answering: Answering::default(),
            journal: None,
            greeting: Greeting::new(None),
            clock: Arc::new(crate::journal::now_ms),
            signature_base,
        }
    }

    /// Records every call in `journal` (and, from `greeting`, plays a recorded greeting).
    pub fn with_journal(mut self, journal: Journal, greeting: Greeting) -> Self {
        self.journal = Some(journal);
        self.greeting = greeting;
        self
    }

    pub fn with_answering(mut self, answering: Answering) -> Self {
        self.answering = answering;
        self
    }

    pub fn with_clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks signatures over `base` instead of the configured public URL: a tunnel found
    /// running, whose URL may change while the listener runs.
    pub fn with_signature_base(mut self, base: SignatureBase) -> Self {
        self.signature_base = base;
        self
    }

    /// The public base signatures are checked over right now.
    pub fn signature_base(&self) -> Option<String> {
        self.signature_base.get()
    }

    pub fn settings(&self) -> &WebhookSettings {
        &self.settings
    }

    pub fn answering(&self) -> &Answering {
        &self.answering
    }

    pub fn journal(&self) -> Option<&Journal> {
        self.journal.as_ref()
    }

    pub fn greeting(&self) -> &Greeting {
        &self.greeting
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    pub fn activity(&self) -> &Activity {
        &self.activity
    }
}

/// The last webhook handled, for the UI's webhook status.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LastWebhook {
    /// Unix milliseconds.
    pub at: u64,
    pub status: u16,
    /// What happened, in English (the log's words); the settings panel shows [`Self::words`]
    /// in its own language instead.
    pub outcome: String,
    #[serde(skip)]
    pub words: Text,
}

impl LastWebhook {
    /// The same, its outcome in `language`.
    pub fn in_language(mut self, language: Language) -> Self {
        self.outcome = self.words.render(language);
        self
    }
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

    /// Remembers the last webhook's answer, for the settings panel.
    pub fn record(&self, status: StatusCode, outcome: Text) {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        *self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(LastWebhook {
            at,
            status: status.as_u16(),
            outcome: outcome.to_string(),
            words: outcome,
        });
        self.changed();
    }
}

/// Twilio's routes, each behind the signature check, plus an unsigned health check.
pub fn router(context: Arc<Context>) -> Router {
    twilio_request::TwilioRoutes::new(context)
        .post("/handle_calls", voice::handle_calls)
        .post("/dial_status", call_events::dial_status)
        .post("/voicemail/recorded", call_events::recorded)
        .post("/voicemail/status", call_events::recording_status)
        .get("/voicemail/greeting", call_events::greeting)
        .into_router()
        .route("/healthz", get(healthz))
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

/// Serves the webhook `router` on an already-bound listener until `shutdown` completes, with
/// [`crate::http_server::Limits::WEBHOOK`].
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    crate::http_server::serve(
        listener,
        router,
        crate::http_server::Limits::WEBHOOK,
        shutdown,
    )
    .await
}

async fn healthz() -> &'static str {
    "ok\n"
}
