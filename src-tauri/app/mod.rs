//! The composition root: reads the environment once ([`Options`]), builds the pieces, and
//! hands them to the desktop app or to a command of the command line. Nothing below this
//! module reads the environment (but for GDK's GL switch, set before anything runs: [`desktop::gtk_gl`]).

pub mod options;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser as _;

pub use options::Options;

use crate::calling_window::{DirAssets, PageAssets};
use crate::handoff::Handoff;
use crate::running_instance::InstanceBus;
use crate::{cli, desktop};

/// `dialtone` with its arguments: the phone window by default (or the running one brought
/// forward), else a command. Requests for the running app go to it over the session bus
/// before any Tauri code runs, so they need no display.
pub fn main() -> ExitCode {
    // Before anything else: it changes this process's environment, which only a process with
    // one thread may do safely.
    #[cfg(target_os = "linux")]
    desktop::gtk_gl::skip_probe();
    let args = cli::Cli::parse();
    let options = Options::from_env();
    init_logging();
    let start_desktop = |handoff| run_desktop(&options, handoff);
    match args.command {
        None => {
            let handoff = Handoff::of_cli(&args).expect("a launch without a command is a handoff");
            cli::call::run(handoff, &InstanceBus::default(), &start_desktop)
        }
        Some(command) => cli::run(command, &options, &|| page_assets(&options), &start_desktop),
    }
}

/// Logs to stderr; `RUST_LOG` picks the level (`RUST_LOG=debug` prints whole webhook forms).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal as _;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

/// The desktop app reads settings from the keychain, the settings file and the process
/// environment, never from a `.env` in whatever folder it was started from (a desktop menu
/// starts it in HOME): a planted or forgotten file could swap the Twilio account or widen the
/// allowed countries. Settings › Import reads a `.env` when the user asks.
///
/// `handoff` is what this launch asked for (a number to dial waits for the phone window).
fn run_desktop(options: &Options, handoff: Handoff) -> ExitCode {
    let backend = match options.backend(options.settings_env.clone()) {
        Ok(backend) => Arc::new(backend),
        Err(e) => {
            eprintln!("dialtone: {e}");
            return ExitCode::FAILURE;
        }
    };
    desktop::run(
        desktop::context(),
        backend,
        options.calling_window(),
        options.desktop(handoff),
        desktop::tray::Config {
            notices_dir: options.data_dir.clone(),
        },
    )
}

/// The UI the calling window serves: `DIALTONE_UI_DIR` (for developing the UI and for the
/// end-to-end tests' simulator build), else the bundle compiled into the app.
fn page_assets(options: &Options) -> Arc<dyn PageAssets> {
    match &options.ui_dir {
        Some(dir) => {
            tracing::warn!("serving the UI from {} (DIALTONE_UI_DIR)", dir.display());
            Arc::new(DirAssets(dir.clone()))
        }
        None => desktop::embedded_page_assets(),
    }
}
