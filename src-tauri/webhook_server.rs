//! The webhook server inside the app (window or `dialtone phone`): runs the [`crate::webhook`]
//! listener, restarts it when settings change, and tells whoever watches what it is doing.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::{oneshot, watch};

use crate::i18n::{Language, Text};
use crate::journal::greeting::Greeting;
use crate::journal::Journal;
use crate::phone_number::E164;
use crate::settings::Settings;
use crate::tunnel::{Found, Tunnel};
use crate::webhook::{self, Activity, LastWebhook, SignatureBase};

/// What the settings panel shows about the webhook server.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct WebhookStatus {
    pub state: ServerState,
    /// `127.0.0.1:PORT` while listening.
    pub address: Option<String>,
    pub error: Option<String>,
    /// The public URL in effect: the configured one, else the tunnel found running.
    pub public_url: Option<String>,
    /// Where `public_url` comes from.
    pub public_url_source: Option<PublicUrlSource>,
    /// The exact URL to paste into the TwiML App's Voice Request URL.
    pub voice_request_url: Option<String>,
    pub last_webhook: Option<LastWebhook>,
    /// A running tunnel that forwards to the listener (ngrok, cloudflared), whether or not a
    /// configured URL wins over it.
    pub tunnel: Option<Tunnel>,
    /// Why a running tunnel was not used (it forwards elsewhere, it is not https, a switch is
    /// wrong): what the listener card says when no tunnel is found.
    pub tunnel_notes: Vec<String>,
    /// The Voice URL Dialtone last gave its TwiML App, and when: "Twilio now calls …".
    pub twilio_calls: Option<Pointed>,
    /// Why the last attempt to give the TwiML App a new Voice URL failed.
    pub repoint_error: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PublicUrlSource {
    /// Typed in Settings, `--public-url`, or `DIALTONE_PUBLIC_URL`: it wins.
    Configured,
    /// Found running ([`crate::tunnel`]); followed when it changes.
    Tunnel,
}

/// A Voice URL Dialtone gave the TwiML App.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pointed {
    pub url: String,
    /// Unix milliseconds.
    pub at: u64,
}

/// What the tunnel follower last saw.
#[derive(Debug, Default)]
struct TunnelView {
    found: Found,
    repoint_error: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ServerState {
    Starting,
    Listening,
    Failed,
    Stopped,
}

struct Running {
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

struct Inner {
    state: ServerState,
    address: Option<String>,
    /// Why it is stopped or failed, put into words when a window asks ([`WebhookServer::status`]).
    error: Option<Text>,
    running: Option<Running>,
    /// Applied at the next restart (see [`WebhookServer::set_outgoing_caller_id`]).
    outgoing_caller_id: Option<E164>,
    tunnel: TunnelView,
}

/// Owns the webhook listener task. Cheap to clone; all clones control the same server.
#[derive(Clone)]
pub struct WebhookServer {
    inner: Arc<Mutex<Inner>>,
    activity: Activity,
    /// Serialises restarts so two quick saves cannot race for the port.
    restart: Arc<tokio::sync::Mutex<()>>,
    /// Where the webhook records calls, and the recorded greeting it plays.
    journal: Option<(Journal, Greeting)>,
    /// The base of the tunnel found running: what signatures are checked over while no public
    /// URL is configured. Shared with every listener started, so a new tunnel URL applies to
    /// the next webhook without a restart.
    discovered: SignatureBase,
}

impl Default for WebhookServer {
    fn default() -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                state: ServerState::Stopped,
                address: None,
                error: None,
                running: None,
                outgoing_caller_id: None,
                tunnel: TunnelView::default(),
            })),
            activity: Activity::default(),
            restart: Arc::default(),
            journal: None,
            discovered: SignatureBase::default(),
        }
    }
}

impl WebhookServer {
    /// A server whose webhook records calls in `journal`.
    pub fn with_journal(journal: Journal, greeting: Greeting) -> Self {
        Self {
            journal: Some((journal, greeting)),
            ..Self::default()
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Stops any running listener, then starts one for the settings `load` returns. `load` runs
    /// under the restart lock, so overlapping restarts (two quick saves) apply settings in the
    /// order they were read and the last save wins. Missing settings or a busy port leave the
    /// listener stopped or failed, with the reason in [`WebhookServer::status`]. `load` also
    /// says the app's language, which voicemail speaks to callers in.
    pub async fn restart<E>(
        &self,
        load: impl FnOnce() -> Result<(Settings, Language), E>,
    ) -> Result<(), E> {
        let _guard = self.restart.lock().await;
        self.stop_locked().await;
        let (settings, language) = load()?;
        let ready = settings
            .webhook_settings(true)
            .map_err(|e| Text::from(&e))
            .and_then(|webhook| Ok((webhook, settings.port().map_err(|e| Text::from(&e))?)));
        let (mut webhook_settings, port) = match ready {
            Ok(ready) => ready,
            Err(why) => {
                self.set(ServerState::Stopped, None, Some(why));
                return Ok(());
            }
        };
        self.set(ServerState::Starting, None, None);
        let listener = match webhook::bind(port).await {
            Ok(listener) => listener,
            Err(e) => {
                tracing::error!("{e}");
                self.set(ServerState::Failed, None, Some(Text::from(&e)));
                return Ok(());
            }
        };
        let address = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        tracing::info!("webhook listener on http://{address}/handle_calls");
        webhook_settings.outgoing_caller_id = self.lock().outgoing_caller_id.clone();
        let configured = webhook_settings.public_base.is_some();
        let mut state = webhook::Context::new(webhook_settings, true, self.activity.clone())
            .with_answering(webhook::answering::Answering::from_settings(
                &settings, language,
            ));
        if let Some((journal, greeting)) = &self.journal {
            state = state.with_journal(journal.clone(), greeting.clone());
        }
        if !configured {
            state = state.with_signature_base(self.discovered.clone());
        }
        let router = webhook::router(Arc::new(state));
        let (stop, stopped) = oneshot::channel::<()>();
        let me = self.clone();
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(e) = webhook::serve(listener, router, shutdown).await {
                tracing::error!("webhook listener stopped: {e}");
                me.set(ServerState::Failed, None, Some(Text::plain(e)));
            }
        });
        {
            let mut inner = self.lock();
            inner.state = ServerState::Listening;
            inner.address = Some(address);
            inner.running = Some(Running { stop, task });
        }
        self.activity.changed();
        Ok(())
    }

    /// Stops the listener and waits until the port is released. Waits for a restart in
    /// progress, so a stop is never undone by it.
    pub async fn stop(&self) {
        let _guard = self.restart.lock().await;
        self.stop_locked().await;
    }

    async fn stop_locked(&self) {
        let running = self.lock().running.take();
        if let Some(running) = running {
            let _ = running.stop.send(());
            let _ = running.task.await;
        }
        self.set(ServerState::Stopped, None, None);
    }

    fn set(&self, state: ServerState, address: Option<String>, error: Option<Text>) {
        {
            let mut inner = self.lock();
            inner.state = state;
            inner.address = address;
            inner.error = error;
        }
        self.activity.changed();
    }

    /// The listener is up (what the journal's catch-up waits for).
    pub fn is_listening(&self) -> bool {
        self.lock().state == ServerState::Listening
    }

    /// Wakes on every change of [`WebhookServer::status`]: state, address, error or last webhook.
    pub fn watch(&self) -> watch::Receiver<u64> {
        self.activity.watch()
    }

    /// The caller ID outgoing calls show from the next (re)start on; `None`: the number.
    pub fn set_outgoing_caller_id(&self, caller_id: Option<E164>) {
        self.lock().outgoing_caller_id = caller_id;
    }

    /// What the tunnel follower found. A tunnel's base becomes the signature base at once (it
    /// is used while no public URL is configured); a tunnel that went away leaves the last
    /// base in place, since a free tunnel restarted on its static domain comes back on it.
    /// Returns whether anything the status shows changed.
    pub fn set_tunnel(&self, found: Found) -> bool {
        if let Some(tunnel) = &found.tunnel {
            self.discovered.set(Some(tunnel.public_base.clone()));
        }
        let changed = {
            let mut inner = self.lock();
            let changed = inner.tunnel.found != found;
            inner.tunnel.found = found;
            changed
        };
        if changed {
            self.activity.changed();
        }
        changed
    }

    /// The base of the tunnel signatures are checked over while no URL is configured.
    pub fn discovered_base(&self) -> Option<String> {
        self.discovered.get()
    }

    /// The outcome of the last attempt to give the TwiML App the tunnel's URL.
    pub fn set_repoint_outcome(&self, error: Option<String>) {
        self.lock().tunnel.repoint_error = error;
        self.activity.changed();
    }

    /// `settings` says whether a public URL is configured; without one, the tunnel's applies.
    /// Its words are in `language`.
    pub fn status(&self, settings: &Settings, language: Language) -> WebhookStatus {
        let inner = self.lock();
        let entry = settings.get(crate::settings::Field::PublicUrl);
        let configured = entry
            .display_value()
            .filter(|_| entry.problem.is_none())
            .map(str::to_owned);
        let tunnel = inner.tunnel.found.tunnel.clone();
        let (public_url, public_url_source) = match (configured, self.discovered.get()) {
            (Some(url), _) => (Some(url), Some(PublicUrlSource::Configured)),
            (None, Some(base)) => (Some(base), Some(PublicUrlSource::Tunnel)),
            (None, None) => (None, None),
        };
        let voice_request_url = public_url
            .as_deref()
            .and_then(crate::settings::field::public_base)
            .map(|base| format!("{base}{}", crate::settings::field::VOICE_PATH));
        WebhookStatus {
            state: inner.state,
            address: inner.address.clone(),
            error: inner.error.as_ref().map(|e| e.render(language)),
            voice_request_url,
            public_url,
            public_url_source,
            last_webhook: self.activity.last().map(|last| last.in_language(language)),
            tunnel,
            tunnel_notes: inner.tunnel.found.notes.clone(),
            twilio_calls: None,
            repoint_error: inner.tunnel.repoint_error.clone(),
        }
    }
}

/// The shortest time between two listener updates pushed to a window. A burst of webhooks (a
/// flood on the public URL) then costs a few updates a second, not a keychain read and a
/// repaint per request.
pub const UPDATE_GAP: Duration = Duration::from_millis(250);

/// Runs `on_change` after every change seen on `changes`, at most once per `gap`: changes that
/// arrive while it runs or during the gap are folded into one more run. Returns when the
/// sender is gone.
pub async fn each_change<F, Fut>(mut changes: watch::Receiver<u64>, gap: Duration, mut on_change: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    while changes.changed().await.is_ok() {
        changes.borrow_and_update();
        on_change().await;
        tokio::time::sleep(gap).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the runs of [`each_change`] on a channel the test drives.
    fn follow(gap: Duration) -> (watch::Sender<u64>, Arc<std::sync::atomic::AtomicUsize>) {
        let (tx, rx) = watch::channel(0);
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = runs.clone();
        tokio::spawn(each_change(rx, gap, move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::future::ready(())
        }));
        (tx, runs)
    }

    async fn settle() {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    fn runs(counter: &std::sync::atomic::AtomicUsize) -> usize {
        counter.load(std::sync::atomic::Ordering::SeqCst)
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_changes_is_folded_into_one_more_update() {
        let (tx, counter) = follow(UPDATE_GAP);
        settle().await;
        assert_eq!(runs(&counter), 0, "nothing changed yet");

        tx.send_modify(|r| *r += 1);
        settle().await;
        assert_eq!(runs(&counter), 1, "the first change is shown at once");

        for _ in 0..1_000 {
            tx.send_modify(|r| *r += 1);
        }
        settle().await;
        assert_eq!(runs(&counter), 1, "the burst waits for the gap");
        tokio::time::advance(UPDATE_GAP).await;
        settle().await;
        assert_eq!(runs(&counter), 2, "one update for the whole burst");

        tokio::time::advance(Duration::from_secs(60)).await;
        settle().await;
        assert_eq!(runs(&counter), 2, "no change, no update: nothing polls");
    }

    #[tokio::test(start_paused = true)]
    async fn following_ends_with_the_listener() {
        let (tx, rx) = watch::channel(0_u64);
        let follower = tokio::spawn(each_change(rx, UPDATE_GAP, || std::future::ready(())));
        drop(tx);
        tokio::time::timeout(Duration::from_secs(1), follower)
            .await
            .expect("the follower returns once the sender is dropped")
            .unwrap();
    }

    #[tokio::test]
    async fn every_state_change_wakes_watchers() {
        let listener = WebhookServer::default();
        let mut changes = listener.watch();
        listener.set(ServerState::Starting, None, None);
        assert!(changes.has_changed().unwrap());
        changes.borrow_and_update();
        listener.stop().await;
        assert!(changes.has_changed().unwrap(), "stop is a change too");
    }
}
