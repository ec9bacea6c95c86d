//! The `dialtone` command line: the desktop app by default, plus headless tools. One file per
//! command, each with its own error type; [`crate::app`] builds what they need.

pub mod call;
mod config;
mod contacts;
mod doctor;
mod history;
mod phone;
pub mod remote;
mod serve;
mod setup;
mod token;
mod voicemail;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::app::Options;
use crate::calling_window::PageAssets;
use crate::handoff::Handoff;
use crate::phone_control::PhoneCommand;
use crate::running_instance::InstanceBus;
use crate::settings::Field;

#[derive(Debug, Parser)]
#[command(
    name = "dialtone",
    version,
    about = "A desktop phone for your Twilio number",
    long_about = "A desktop phone for your Twilio number. Without a command, opens the phone window (or brings the running one forward); with a tel: or callto: link, puts its number in the dial pad.\n\nSettings come from the environment (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWIML_APP_SID, TWILIO_NUMBER, DIALTONE_IDENTITY, DIALTONE_PUBLIC_URL, DIALTONE_PORT, DIALTONE_ALLOWED_COUNTRY_CODES, …), a .env file in the working directory, then the OS keychain.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A tel: or callto: link, e.g. tel:+15551234567: what the desktop passes when one is
    /// clicked. Its number lands in the dial pad.
    #[arg(value_name = "LINK")]
    pub link: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
        #[arg(long, default_value_t = crate::token::DEFAULT_TTL_SECS)]
        ttl: u64,
    },
    /// Show, change or import settings.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Check the keychain, every setting, the port, the public URL, and the wiring in the
    /// Twilio account (key, TwiML App, number).
    Doctor,
    /// The calls the phone made and took, newest first.
    History {
        /// One JSON array: call_sid, direction, number, name, started_at (RFC 3339 UTC),
        /// status, duration_secs, voicemail.
        #[arg(long)]
        json: bool,
        /// Only incoming calls nobody answered.
        #[arg(long)]
        missed: bool,
        /// At most this many.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// Voicemail left for you.
    #[command(subcommand)]
    Voicemail(VoicemailCommand),
    /// The names shown for numbers.
    #[command(subcommand)]
    Contacts(ContactsCommand),
    /// Connect your Twilio account: an API key, a TwiML App and your number, from the Account
    /// SID and Auth Token (typed, or TWILIO_AUTH_TOKEN). Also --undo and --repair.
    Setup(setup::SetupArgs),
    /// Put NUMBER in the dial pad of the running Dialtone (starting it if it is not running).
    /// It waits for a press of Call, unless "Call at once when another program hands me a
    /// number" is on in Settings.
    Call {
        /// The number, as you would type it (+1 555 123 4567 needs no quotes), or a tel: link.
        #[arg(required = true, num_args = 1.., value_name = "NUMBER")]
        number: Vec<String>,
    },
    /// Answer the call ringing in the running Dialtone.
    Answer,
    /// Hang up the running Dialtone's call, or decline the one ringing.
    Hangup,
    /// Mute the running Dialtone's call, or unmute it.
    Mute,
}

#[derive(Debug, Subcommand)]
pub enum VoicemailCommand {
    /// The messages, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// Every contact with its numbers (E.164).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add the contacts of a vCard file (2.1, 3.0 or 4.0, as Google, Apple or Outlook export
    /// them); numbers written without a country code get your Twilio number's.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
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

/// Runs `command`; a failure is one line on stderr (the problem and the fix) and exit code 1.
/// The commands for the running app (`call`, `answer`, …) hand it the request, or run
/// `start_desktop` when this launch has to become it.
pub fn run(
    command: Command,
    options: &Options,
    page_assets: &dyn Fn() -> Arc<dyn PageAssets>,
    start_desktop: &dyn Fn(Handoff) -> ExitCode,
) -> ExitCode {
    let bus = InstanceBus::default();
    let result = match command {
        Command::Call { number } => return call::run(Handoff::dial(&number), &bus, start_desktop),
        Command::Answer => return remote::run(PhoneCommand::Answer, &bus, start_desktop),
        Command::Hangup => return remote::run(PhoneCommand::HangUp, &bus, start_desktop),
        Command::Mute => return remote::run(PhoneCommand::ToggleMute, &bus, start_desktop),
        Command::Serve {
            port,
            insecure_skip_signature_check,
        } => serve::run(options, port, insecure_skip_signature_check).map_err(|e| e.to_string()),
        Command::Token { ttl } => token::run(options, ttl).map_err(|e| e.to_string()),
        Command::Config(command) => config::run(options, command).map_err(|e| e.to_string()),
        Command::Phone { no_open, port } => {
            phone::run(options, page_assets(), no_open, port).map_err(|e| e.to_string())
        }
        Command::Doctor => return doctor::run(options),
        Command::History {
            json,
            missed,
            limit,
        } => history::run(options, json, missed, limit).map_err(|e| e.to_string()),
        Command::Voicemail(VoicemailCommand::List { json }) => {
            voicemail::list(options, json).map_err(|e| e.to_string())
        }
        Command::Contacts(ContactsCommand::List { json }) => {
            contacts::list(options, json).map_err(|e| e.to_string())
        }
        Command::Contacts(ContactsCommand::Import { file }) => {
            contacts::import(options, &file).map_err(|e| e.to_string())
        }
        Command::Setup(args) => setup::run(options, args).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dialtone: {message}");
            ExitCode::FAILURE
        }
    }
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
