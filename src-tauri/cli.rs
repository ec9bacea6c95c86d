//! The `dialtone` command line: the desktop app by default, plus headless tools.

use std::collections::BTreeMap;
use std::io::BufRead as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::settings::{self, Field};
use crate::{doctor, loader, token, webhook};

#[derive(Debug, Parser)]
#[command(
    name = "dialtone",
    version,
    about = "A desktop phone for your Twilio number",
    long_about = "A desktop phone for your Twilio number. Without a command, opens the phone window.\n\nSettings come from the environment (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWIML_APP_SID, TWILIO_NUMBER, DIALTONE_IDENTITY, DIALTONE_PUBLIC_URL, DIALTONE_PORT, DIALTONE_ALLOWED_COUNTRY_CODES), a .env file in the working directory, then the OS keychain."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run only the webhook listener (no window), logging to stderr.
    Serve {
        /// Port on 127.0.0.1 (default: the Listener port setting, 3000). 0 picks a free port.
        #[arg(long)]
        port: Option<u16>,
        /// Answer webhooks without checking X-Twilio-Signature. For local experiments only:
        /// anyone who can reach the tunnel can then place calls billed to your account.
        #[arg(long)]
        insecure_skip_signature_check: bool,
    },
    /// The phone in a browser window (the calling window) plus the webhook listener, without
    /// the native window. This is how calls run on Linux, where the webview has no WebRTC.
    Phone {
        /// Print the window's one-time URL instead of opening a browser.
        #[arg(long)]
        no_open: bool,
        /// Port for the calling window on 127.0.0.1 (default DIALTONE_PHONE_PORT or 47300).
        #[arg(long)]
        port: Option<u16>,
    },
    /// Print a Voice SDK access token for the configured identity.
    Token {
        /// Lifetime in seconds (15 to 86400).
        #[arg(long, default_value_t = token::DEFAULT_TTL_SECS)]
        ttl: u64,
    },
    /// Show, change or import settings.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Check the keychain, every setting, the port and the public URL.
    Doctor,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// List every setting, where it comes from, and whether it is valid (secrets show only
    /// whether they are set).
    Show,
    /// Save one setting. Leave VALUE out to type it on standard input, which keeps secrets
    /// out of your shell history.
    Set { field: Field, value: Option<String> },
    /// Delete saved settings.
    Unset {
        #[arg(required_unless_present = "all")]
        fields: Vec<Field>,
        /// Delete every saved setting.
        #[arg(long, conflicts_with = "fields")]
        all: bool,
    },
    /// Move the settings of a .env file (the tutorial's names) into the keychain.
    Import {
        #[arg(default_value = ".env")]
        file: PathBuf,
    },
}

/// Runs the command line and maps failures to exit code 1 with the message on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        return crate::desktop::run();
    };
    init_logging();
    match run(command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("dialtone: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr; `RUST_LOG` picks the level (`RUST_LOG=debug` prints whole webhook forms).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal as _;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Serve {
            port,
            insecure_skip_signature_check,
        } => serve(port, insecure_skip_signature_check),
        Command::Token { ttl } => {
            let loaded = loader::load().map_err(|e| e.to_string())?;
            let settings = loaded
                .settings
                .token_settings()
                .map_err(|e| loaded.explain(e))?;
            let minted = token::mint(&settings, std::time::SystemTime::now(), ttl)
                .map_err(|e| e.to_string())?;
            println!("{}", minted.token);
            Ok(ExitCode::SUCCESS)
        }
        Command::Config(command) => config(command),
        Command::Phone { no_open, port } => phone(no_open, port),
        Command::Doctor => Ok(doctor::run()),
    }
}

fn serve(port: Option<u16>, skip_check: bool) -> Result<ExitCode, String> {
    let loaded = loader::load().map_err(|e| e.to_string())?;
    let settings = loaded
        .settings
        .webhook_settings(!skip_check)
        .map_err(|e| loaded.explain(e))?;
    let port = match port {
        Some(port) => port,
        None => loaded.settings.port().map_err(|e| e.to_string())?,
    };
    if skip_check {
        tracing::warn!("X-Twilio-Signature checks are OFF (--insecure-skip-signature-check); every request will be answered unverified");
    }
    // One thread: Twilio sends a few webhooks a minute, and on a 2-core machine a single
    // thread measured 94k signed requests/s with p99 0.11 ms under wrk, where a thread per core
    // competed with the load and its own peers (p99 1.3 ms). See README, "Speed, measured".
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = webhook::bind(port).await.map_err(|e| e.to_string())?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        let public = settings.public_url.clone();
        // Printed whatever RUST_LOG says: where it listens is what a user of `serve` needs.
        eprintln!("dialtone: listening on http://{address}/handle_calls");
        match public {
            Some(url) => tracing::info!("Twilio should call {url}; start your tunnel with e.g. `ngrok http {}`", address.port()),
            None => tracing::warn!("no public URL is set; signatures will be checked against a URL rebuilt from each request's headers"),
        }
        let state = webhook::WebhookState::new(settings, !skip_check, Default::default());
        let router = webhook::router(std::sync::Arc::new(state));
        webhook::serve(listener, router, shutdown_signal())
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// The core for a process: the OS keychain, the settings file, the environment and `./.env`.
pub fn api_from_env() -> Result<crate::api::Api, String> {
    let store = settings::Store::from_env().map_err(|e| e.to_string())?;
    let env = loader::environment().map_err(|e| e.to_string())?;
    let mut api = crate::api::Api::new(store, env);
    if let Some(ttl) = std::env::var("DIALTONE_TOKEN_TTL_SECS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        api = api.with_token_ttl(ttl);
    }
    Ok(api)
}

fn phone(no_open: bool, port: Option<u16>) -> Result<ExitCode, String> {
    use crate::calling_window::{self, CallingWindow};
    let api = std::sync::Arc::new(api_from_env()?);
    // DIALTONE_UI_DIR serves a UI build from disk instead of the embedded one: for developing
    // the UI and for the end-to-end tests' simulator build.
    let assets: std::sync::Arc<dyn calling_window::PageAssets> =
        match std::env::var_os("DIALTONE_UI_DIR") {
            Some(dir) if !dir.is_empty() => {
                tracing::warn!(
                    "serving the UI from {} (DIALTONE_UI_DIR)",
                    std::path::Path::new(&dir).display()
                );
                std::sync::Arc::new(calling_window::DirAssets(dir.into()))
            }
            _ => {
                let mut context = crate::desktop::context();
                std::sync::Arc::new(crate::desktop::assets::Shared::take_from(&mut context))
            }
        };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        api.start_listener().await.map_err(|e| e.message)?;
        let status = api.listener_status().map_err(|e| e.message)?;
        match (&status.address, &status.error) {
            (Some(address), _) => tracing::info!("webhook listener on http://{address}/handle_calls"),
            (None, Some(error)) => tracing::warn!("the webhook listener is not running, so incoming calls will not reach this phone: {error}"),
            (None, None) => {}
        }
        let window = CallingWindow::start(
            api.clone(),
            assets,
            port.unwrap_or_else(calling_window::preferred_port),
            shutdown_signal(),
        )
        .await
        .map_err(|e| e.to_string())?;
        if no_open {
            println!("{}", window.launch_url());
            use std::io::Write as _;
            let _ = std::io::stdout().flush();
        } else {
            let profile = calling_window::profile_dir()?;
            let browser = window.open(&profile).map_err(|e| e.to_string())?;
            tracing::info!("calling window opened in {browser}");
        }
        let mut changes = window.hub().subscribe();
        let stop = shutdown_signal();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                () = &mut stop => break,
                changed = changes.changed() => {
                    if changed.is_err() { break; }
                    let status = changes.borrow_and_update().clone();
                    let state = status.report.as_ref().map_or("-", |r| r.registration.as_str());
                    let call = status.report.as_ref().and_then(|r| r.call.as_ref())
                        .map(|c| format!("{} call {} {}", c.direction, c.number, c.state))
                        .unwrap_or_else(|| "no call".into());
                    tracing::info!(connected = status.connected, "calling window: registration {state}, {call}");
                }
            }
        }
        window.close_browser();
        api.listener().stop().await;
        Ok(ExitCode::SUCCESS)
    })
}

/// Ctrl-C, or SIGTERM on Unix (what service managers and test harnesses send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

fn config(command: ConfigCommand) -> Result<ExitCode, String> {
    let store = settings::Store::from_env().map_err(|e| e.to_string())?;
    match command {
        ConfigCommand::Show => {
            let loaded = loader::load_from(&store).map_err(|e| e.to_string())?;
            if let Some(warning) = &loaded.keychain_error {
                eprintln!("warning: {warning}");
            }
            println!("{:<22} {:<14} VALUE", "SETTING", "SOURCE");
            for entry in loaded.settings.iter() {
                let value = match (entry.field.is_secret(), entry.is_set()) {
                    (_, false) => "(not set)".to_owned(),
                    (true, true) => "(set, hidden)".to_owned(),
                    (false, true) => entry.display_value().unwrap_or_default().to_owned(),
                };
                let source = serde_json::to_value(entry.source)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                println!("{:<22} {:<14} {value}", entry.field.name(), source);
                if let Some(problem) = &entry.problem {
                    println!("{:<22} {:<14} ^ {problem}", "", "");
                }
            }
            println!("\nsettings file: {}", store.file.path().display());
            println!("keychain: {}", store.keychain.describe());
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::Set { field, value } => {
            let value = match value {
                Some(value) => {
                    if field.is_secret() {
                        eprintln!("note: the {} is now in your shell history; next time leave the value out and type it when asked", field.label());
                    }
                    value
                }
                None => read_value(field)?,
            };
            let changes = BTreeMap::from([(field, value)]);
            save(&store, &changes)?;
            println!("saved {}", field.name());
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::Unset { fields, all } => {
            let fields = if all { Field::ALL.to_vec() } else { fields };
            store.delete(&fields).map_err(|e| e.to_string())?;
            let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
            println!("deleted {}", names.join(", "));
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::Import { file } => {
            let vars = settings::dotenv_vars(&file).map_err(|e| match e {
                settings::DotenvError::Missing => format!("there is no file {}", file.display()),
                other => other.to_string(),
            })?;
            let changes = loader::changes_from_env_vars(vars);
            if changes.is_empty() {
                return Err(format!(
                    "{} holds none of Dialtone's settings (TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, …)",
                    file.display()
                ));
            }
            let saved = save(&store, &changes)?;
            let names: Vec<&str> = saved.keys().map(|f| f.name()).collect();
            println!("imported {} from {}", names.join(", "), file.display());
            println!(
                "Now delete {}: the credentials are in the keychain, and a plain-text copy on disk is what they were moved away from.",
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn save(
    store: &settings::Store,
    changes: &BTreeMap<Field, String>,
) -> Result<BTreeMap<Field, String>, String> {
    let clean = settings::validate_changes(changes).map_err(|problems| {
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    if clean.set.is_empty() {
        return Err("nothing to save: the value is empty (to remove a setting, use `dialtone config unset FIELD`)".into());
    }
    store.save(&clean.set).map_err(|e| e.to_string())?;
    Ok(clean.set)
}

fn read_value(field: Field) -> Result<String, String> {
    eprintln!("{} ({}):", field.label(), field.expected_shape());
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("could not read the value: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
