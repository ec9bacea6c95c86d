//! The composition root: reads the environment once ([`Options`]), builds the pieces, and
//! hands them to the desktop app or to a command of the command line. Nothing below this
//! module reads the environment.

pub mod options;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser as _;

pub use options::Options;

use crate::calling_window::{DirAssets, PageAssets};
use crate::{cli, desktop};

/// `dialtone` with its arguments: the phone window by default, else a command.
pub fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let options = Options::from_env();
    init_logging();
    match args.command {
        None => run_desktop(&options),
        Some(command) => cli::run(command, &options, &|| page_assets(&options)),
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
fn run_desktop(options: &Options) -> ExitCode {
    let backend = match options.backend(options.settings_env.clone()) {
        Ok(backend) => Arc::new(backend),
        Err(e) => {
            eprintln!("dialtone: {e}");
            return ExitCode::FAILURE;
        }
    };
    desktop::run(desktop::context(), backend, options.calling_window())
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
