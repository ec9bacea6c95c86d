//! `dialtone answer`, `dialtone hangup` and `dialtone mute`: for scripts, headset tools and
//! window-manager key bindings. They only ask the running Dialtone; with none running there is
//! no call, and they say so (exit code 1) rather than start one. One file for the three: they
//! differ only in the command they carry.

use std::process::ExitCode;

use crate::handoff::Handoff;
use crate::phone_control::PhoneCommand;
use crate::running_instance::{self, Delivery, InstanceBus};

/// Asks the running Dialtone to carry out `command`. Where that cannot be checked before
/// Tauri starts (macOS, Windows), `start_desktop` runs, and the single-instance plugin hands
/// the request over or the app says it was not running.
pub fn run(
    command: PhoneCommand,
    bus: &InstanceBus,
    start_desktop: &dyn Fn(Handoff) -> ExitCode,
) -> ExitCode {
    let handoff = Handoff::Phone(command);
    match running_instance::hand_over(bus, &handoff.argv(), &super::call::working_dir()) {
        Ok(Delivery::Delivered) => ExitCode::SUCCESS,
        Ok(Delivery::NotRunning) => {
            eprintln!("dialtone: {}", not_running(&handoff));
            ExitCode::FAILURE
        }
        Ok(Delivery::Unknown) => start_desktop(handoff),
        Err(e) => {
            eprintln!("dialtone: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What `dialtone answer` and friends say when Dialtone is not running.
pub fn not_running(handoff: &Handoff) -> String {
    let what = match handoff {
        Handoff::Phone(PhoneCommand::Answer) => "answer",
        Handoff::Phone(PhoneCommand::ToggleMute) => "mute",
        _ => "hang up",
    };
    format!("Dialtone is not running, so there is no call to {what}. Start Dialtone first (run dialtone, or open it from your desktop's menu).")
}
