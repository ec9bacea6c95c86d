//! Runs the webhook listener inside the app (window or `dialtone phone`) and restarts it when
//! settings change.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::oneshot;

use crate::settings::Settings;
use crate::webhook::{self, Activity, LastWebhook, WebhookState};

/// What the settings panel shows about the listener.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ListenerStatus {
    pub state: ListenerState,
    /// `127.0.0.1:PORT` while listening.
    pub address: Option<String>,
    pub error: Option<String>,
    pub public_url: Option<String>,
    /// The exact URL to paste into the TwiML App's Voice Request URL.
    pub voice_request_url: Option<String>,
    pub last_webhook: Option<LastWebhook>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ListenerState {
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
    state: ListenerState,
    address: Option<String>,
    error: Option<String>,
    running: Option<Running>,
}

/// Owns the listener task. Cheap to clone; all clones control the same listener.
#[derive(Clone)]
pub struct Listener {
    inner: Arc<Mutex<Inner>>,
    activity: Activity,
    /// Serialises restarts so two quick saves cannot race for the port.
    restart: Arc<tokio::sync::Mutex<()>>,
}

impl Default for Listener {
    fn default() -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                state: ListenerState::Stopped,
                address: None,
                error: None,
                running: None,
            })),
            activity: Activity::default(),
            restart: Arc::default(),
        }
    }
}

impl Listener {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Stops any running listener, then starts one for the settings `load` returns. `load` runs
    /// under the restart lock, so overlapping restarts (two quick saves) apply settings in the
    /// order they were read and the last save wins. Missing settings or a busy port leave the
    /// listener stopped or failed, with the reason in [`Listener::status`].
    pub async fn restart<E>(&self, load: impl FnOnce() -> Result<Settings, E>) -> Result<(), E> {
        let _guard = self.restart.lock().await;
        self.stop_locked().await;
        let settings = load()?;
        let webhook_settings = match settings.webhook_settings(true) {
            Ok(s) => s,
            Err(e) => {
                self.set(ListenerState::Stopped, None, Some(e.to_string()));
                return Ok(());
            }
        };
        let port = match settings.port() {
            Ok(port) => port,
            Err(e) => {
                self.set(ListenerState::Stopped, None, Some(e.to_string()));
                return Ok(());
            }
        };
        self.set(ListenerState::Starting, None, None);
        let listener = match webhook::bind(port).await {
            Ok(listener) => listener,
            Err(e) => {
                tracing::error!("{e}");
                self.set(ListenerState::Failed, None, Some(e.to_string()));
                return Ok(());
            }
        };
        let address = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        tracing::info!("webhook listener on http://{address}/handle_calls");
        let state = WebhookState::new(webhook_settings, true, self.activity.clone());
        let router = webhook::router(Arc::new(state));
        let (stop, stopped) = oneshot::channel::<()>();
        let me = self.clone();
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(e) = webhook::serve(listener, router, shutdown).await {
                tracing::error!("webhook listener stopped: {e}");
                me.set(ListenerState::Failed, None, Some(e.to_string()));
            }
        });
        let mut inner = self.lock();
        inner.state = ListenerState::Listening;
        inner.address = Some(address);
        inner.running = Some(Running { stop, task });
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
        self.set(ListenerState::Stopped, None, None);
    }

    fn set(&self, state: ListenerState, address: Option<String>, error: Option<String>) {
        let mut inner = self.lock();
        inner.state = state;
        inner.address = address;
        inner.error = error;
    }

    pub fn status(&self, settings: &Settings) -> ListenerStatus {
        let inner = self.lock();
        let entry = settings.get(crate::settings::Field::PublicUrl);
        let public_url = entry
            .display_value()
            .filter(|_| entry.problem.is_none())
            .map(str::to_owned);
        ListenerStatus {
            state: inner.state,
            address: inner.address.clone(),
            error: inner.error.clone(),
            voice_request_url: public_url.clone(),
            public_url,
            last_webhook: self.activity.last(),
        }
    }
}
