//! `dialtone phone`: the calling window in a browser plus the webhook listener, without the
//! native window. This is how calls run on Linux, where the webview has no WebRTC.

use std::sync::Arc;

use crate::app::Options;
use crate::backend::BackendError;
use crate::calling_window::{self, browser::OpenError, CallingWindow, PageAssets};
use crate::settings::{DotenvError, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum PhoneError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Dotenv(#[from] DotenvError),
    #[error("could not start: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Backend(#[from] BackendError),
    #[error(transparent)]
    Window(#[from] calling_window::StartError),
    #[error(transparent)]
    Open(#[from] OpenError),
}

pub fn run(
    options: &Options,
    assets: Arc<dyn PageAssets>,
    no_open: bool,
    port: Option<u16>,
) -> Result<(), PhoneError> {
    let backend = Arc::new(options.backend(options.environment_with_dotenv()?)?);
    let mut config = options.calling_window();
    if let Some(port) = port {
        config.port = port;
    }
    let runtime = tokio::runtime::Runtime::new().map_err(PhoneError::Runtime)?;
    runtime.block_on(async move {
        tokio::spawn(backend.follow_phone_for_journal());
        tokio::spawn(backend.follow_listener_for_catch_up());
        // The page's lists follow the journal, whoever writes it.
        tokio::spawn(backend.follow_journal_changes());
        // Notifications: Answer and Decline reach the calling window as commands; a click on
        // the body can only be logged here, there is no app window to bring forward.
        let notifications = crate::notifications::follow::Sources::of(&backend);
        tokio::spawn(crate::notifications::follow::start(notifications, |at| {
            tracing::info!("notification clicked: open the phone at {at:?}");
        }));
        backend.start_webhook_server().await?;
        let following = tokio::spawn(backend.clone().follow_tunnel());
        let status = backend.webhook_status()?;
        match (&status.address, &status.error) {
            (Some(address), _) => tracing::info!("webhook listener on http://{address}/handle_calls"),
            (None, Some(error)) => tracing::warn!("the webhook listener is not running, so incoming calls will not reach this phone: {error}"),
            (None, None) => {}
        }
        let window =
            CallingWindow::start(backend.clone(), assets, config, super::shutdown_signal()).await?;
        if no_open {
            println!("{}", window.launch_url());
            use std::io::Write as _;
            let _ = std::io::stdout().flush();
        } else {
            let browser = window.open()?;
            tracing::info!("calling window opened in {browser}");
        }
        let mut changes = window.link().subscribe();
        let stop = super::shutdown_signal();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                () = &mut stop => break,
                changed = changes.changed() => {
                    if changed.is_err() { break; }
                    let status = changes.borrow_and_update().clone();
                    if let Some(error) = &status.error {
                        tracing::warn!("calling window: {error}");
                    }
                    let state = status.report.as_ref().map_or("-".to_owned(), |r| format!("{:?}", r.registration).to_lowercase());
                    let call = status.report.as_ref().and_then(|r| r.call.as_ref())
                        .map(|c| format!("{:?} call {} {:?}", c.direction, c.number, c.state).to_lowercase())
                        .unwrap_or_else(|| "no call".into());
                    tracing::info!(connected = status.connected, "calling window: registration {state}, {call}");
                }
            }
        }
        following.abort();
        window.close_browsers().await;
        backend.webhook_server().stop().await;
        Ok(())
    })
}
