//! `dialtone call NUMBER`, `dialtone LINK` and a plain `dialtone`: hand the launch to the
//! Dialtone that is running, or, when none is, become it with the request waiting (a number
//! lands in the dial pad once the phone window is up).

use std::process::ExitCode;

use crate::handoff::{Handoff, HandoffError};
use crate::running_instance::{self, Delivery, InstanceBus, InstanceError};

/// Runs the request: forwarded, or `start_desktop` with it.
pub fn run(
    handoff: Result<Handoff, HandoffError>,
    bus: &InstanceBus,
    start_desktop: &dyn Fn(Handoff) -> ExitCode,
) -> ExitCode {
    let handoff = match handoff {
        Ok(handoff) => handoff,
        Err(e) => {
            eprintln!("dialtone: {e}");
            return ExitCode::FAILURE;
        }
    };
    match running_instance::hand_over(bus, &handoff.argv(), &working_dir()) {
        Ok(Delivery::Delivered) => {
            tracing::debug!("handed to the running Dialtone: {handoff:?}");
            ExitCode::SUCCESS
        }
        Ok(Delivery::NotRunning | Delivery::Unknown) => start_desktop(handoff),
        // As the single-instance plugin does: without a bus there is no other instance to
        // find, so this one starts.
        Err(InstanceError::NoBus(why)) => {
            tracing::warn!("no session bus, so this Dialtone cannot find another one: {why}");
            start_desktop(handoff)
        }
        Err(e) => {
            eprintln!("dialtone: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(super) fn working_dir() -> String {
    std::env::current_dir()
        .map(|dir| dir.to_string_lossy().into_owned())
        .unwrap_or_default()
}
