//! Carrying out in the running app what another launch, a link, or a global shortcut asked for
//! ([`crate::handoff::Handoff`]): come forward, put a number in the dial pad (opening the
//! calling window if it was closed), or pass a command to the phone.

use std::sync::Arc;

use tauri::{AppHandle, Manager as _, Runtime};

use super::CallingWindowSlot;
use crate::backend::{blocking, Backend};
use crate::handoff::Handoff;
use crate::phone_control::PhoneCommand;

/// What another launch handed over the session bus (the single-instance plugin's callback).
/// It is input from another program: anything but a well-formed request is logged and
/// dropped.
pub fn received<R: Runtime>(app: &AppHandle<R>, argv: &[String]) {
    match Handoff::from_argv(argv) {
        Ok(handoff) => carry_out(app, handoff),
        Err(e) => tracing::warn!("another launch asked for something Dialtone cannot do: {e}"),
    }
}

/// Carries `handoff` out on the async runtime: the single-instance plugin calls from its bus
/// thread, and opening the calling window needs the runtime.
pub fn carry_out<R: Runtime>(app: &AppHandle<R>, handoff: Handoff) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let backend = app.state::<Arc<Backend>>().inner().clone();
        match handoff {
            Handoff::Show => {
                tracing::info!("another launch of Dialtone: bringing this one forward");
                super::show_phone(&app);
            }
            Handoff::Dial(number) => {
                let prefs = backend.clone();
                let now = blocking(move || prefs.desktop_preferences())
                    .await
                    .map(|p| p.call_at_once)
                    .unwrap_or_else(|e| {
                        tracing::warn!("the settings could not be read, so the number waits for a press of Call: {}", e.message);
                        false
                    });
                tracing::info!(
                    "another program handed over a number to {}",
                    if now {
                        "call at once"
                    } else {
                        "put in the dial pad"
                    }
                );
                backend.control().send(PhoneCommand::Dial { number, now });
                bring_phone_forward(&app);
            }
            Handoff::Phone(command) => {
                if backend.phone().current().is_none() {
                    tracing::warn!(
                        "asked to {}, but no phone window is open to do it",
                        command.describe()
                    );
                } else {
                    tracing::info!("asked to {}", command.describe());
                }
                backend.control().send(command);
            }
        }
    });
}

/// The window that carries calls: the calling window once the app has opened one (reopened
/// when it was closed; a browser still starting gets the number when its page connects), else
/// the app window.
fn bring_phone_forward<R: Runtime>(app: &AppHandle<R>) {
    match app.state::<CallingWindowSlot>().get() {
        Some(window) if !window.link().status().connected && !window.browser_running() => {
            tracing::info!("the calling window is closed: opening it for the number");
            // A failure is in the window's status, which the app window shows.
            let _ = window.open();
        }
        _ => super::show_phone(app),
    }
}
