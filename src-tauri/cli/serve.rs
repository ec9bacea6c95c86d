//! `dialtone serve`: the webhook listener alone, headless, logging to stderr.

use crate::app::Options;
use crate::journal::catch_up::{CatchUp, NotReady};
use crate::settings::{DotenvError, StoreError};
use crate::webhook;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Dotenv(#[from] DotenvError),
    /// Missing or malformed settings, explained (with the keychain's trouble, if any).
    #[error("{0}")]
    Settings(String),
    #[error("could not start the listener: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Listen(#[from] webhook::ServeError),
    #[error("the listener stopped: {0}")]
    Serve(std::io::Error),
}

pub fn run(options: &Options, port: Option<u16>, skip_check: bool) -> Result<(), ServeError> {
    let env = options.environment_with_dotenv()?;
    let loaded = crate::loader::resolve(&options.store()?, &env)?;
    let settings = loaded
        .settings
        .webhook_settings(!skip_check)
        .map_err(|e| ServeError::Settings(loaded.explain(e)))?;
    let port = match port {
        Some(port) => port,
        None => loaded
            .settings
            .port()
            .map_err(|e| ServeError::Settings(e.to_string()))?,
    };
    // The command line has no window: the setting, else the OS's language.
    let language = loaded.settings.language(&options.system_languages);
    let answering = webhook::answering::Answering::from_settings(&loaded.settings, language);
    let catch_up = catch_up_of(&loaded.settings, &options.twilio_api_base);
    if skip_check {
        tracing::warn!("X-Twilio-Signature checks are OFF (--insecure-skip-signature-check); every request will be answered unverified");
    }
    // One thread: Twilio sends a few webhooks a minute, and on a 2-core machine a single
    // thread measured 94k signed requests/s with p99 0.11 ms under wrk, where a thread per core
    // competed with the load and its own peers (p99 1.3 ms). See README, "Speed, measured".
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = webhook::bind(port).await?;
        let address = listener.local_addr().map_err(ServeError::Serve)?;
        // Printed whatever RUST_LOG says: where it listens is what a user of `serve` needs.
        eprintln!("dialtone: listening on http://{address}/handle_calls");
        match &settings.public_base {
            Some(base) => tracing::info!(
                "Twilio should call {base}{}; start your tunnel with e.g. `ngrok http {}`",
                crate::settings::field::VOICE_PATH,
                address.port()
            ),
            None => tracing::warn!("no public URL is set; signatures will be checked against a URL rebuilt from each request's headers"),
        }
        // Calls are journaled here too: `serve` is a whole webhook, for a phone elsewhere.
        let greeting = crate::journal::greeting::Greeting::new(options.data_dir.clone());
        let context = webhook::Context::new(settings, !skip_check, Default::default())
            .with_answering(answering)
            .with_journal(options.journal(), greeting);
        let router = webhook::router(std::sync::Arc::new(context));
        // What was missed while nothing listened, as the app does at each start.
        if let Some(catch_up) = catch_up {
            tokio::spawn(run_catch_up(catch_up, options.journal()));
        }
        webhook::serve(listener, router, super::shutdown_signal())
            .await
            .map_err(ServeError::Serve)?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// The journal's catch-up from Twilio's Calls API, when the settings allow it (it needs the
/// API key; the webhook alone does not). Why not is logged, and `serve` answers calls anyway.
fn catch_up_of(settings: &crate::settings::Settings, api_base: &str) -> Option<CatchUp> {
    match CatchUp::from_settings(settings, api_base) {
        Ok(catch_up) => Some(catch_up),
        Err(NotReady::Incomplete(why)) => {
            tracing::info!("the call history does not catch up with Twilio: {why}");
            None
        }
        // Not reached: the webhook settings `serve` already has need the number too.
        Err(NotReady::NoNumber) => None,
        Err(NotReady::Client(e)) => {
            tracing::warn!("the call history cannot catch up with Twilio: {e}");
            None
        }
    }
}

/// One catch-up, its outcome in the log: nobody waits for it.
async fn run_catch_up(catch_up: CatchUp, journal: crate::journal::Journal) {
    match catch_up.run(&journal, crate::journal::now_ms()).await {
        Ok(report) => report.log(),
        Err(e) => tracing::warn!("{e}"),
    }
}
