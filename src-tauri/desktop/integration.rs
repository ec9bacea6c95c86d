//! The desktop integration (issue 14): one instance, `tel:`/`callto:` links, global shortcuts
//! and launch at login, added on top of [`super::builder`] as plugins. The last one is
//! Dialtone's own: it carries out what this launch asked for and applies the desktop
//! preferences, again after every save.

use std::sync::Arc;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager as _, Runtime};

use super::shortcuts::ShortcutSupport;
use super::{autostart, deep_link, shortcuts, single_instance};
use crate::backend::Backend;
use crate::handoff::Handoff;
use crate::i18n::Text;
use crate::settings::Field;

/// What the integration takes from the composition root ([`crate::app::Options::desktop`]).
#[derive(Debug, Clone)]
pub struct Integration {
    /// What this launch asked for. A number waits for the phone window; a command for a
    /// phone (`dialtone answer` on macOS and Windows, where that is only known here) finds
    /// none running and ends the process.
    pub handoff: Handoff,
    pub shortcuts: ShortcutSupport,
    /// Why launch at login may not take effect in this session (see
    /// [`autostart::folder_note`]).
    pub autostart_note: Option<Text>,
    /// Replaces the app identifier in the single-instance bus name: tests run their own.
    pub instance_id: Option<String>,
    /// A WebDriver session drives the app (`TAURI_WEBVIEW_AUTOMATION=true`, set by
    /// tauri-driver): the app window opens at start on Linux too, where it is otherwise
    /// opened only when the calling window cannot be.
    pub webdriver: bool,
}

/// The session facts the preferences are applied with.
struct Session {
    shortcuts: ShortcutSupport,
    autostart_note: Option<Text>,
}

/// Adds the integration's plugins to `base`, the single-instance plugin first.
pub fn add<R: Runtime>(base: tauri::Builder<R>, integration: Integration) -> tauri::Builder<R> {
    let base = base.plugin(single_instance::plugin(integration.instance_id.as_deref()));
    deep_link::add(base)
        .plugin(shortcuts::plugin())
        .plugin(autostart::plugin())
        .plugin(plugin(integration))
}

fn plugin<R: Runtime>(integration: Integration) -> TauriPlugin<R> {
    tauri::plugin::Builder::new("dialtone-desktop")
        .setup(move |app, _api| {
            // The single-instance plugin, set up before this one, exits a second launch; so
            // this is the only Dialtone running.
            if integration.handoff.needs_a_running_phone() {
                eprintln!(
                    "dialtone: {}",
                    crate::cli::remote::not_running(&integration.handoff)
                );
                tauri_plugin_single_instance::destroy(app);
                std::process::exit(1);
            }
            app.manage(Session {
                shortcuts: integration.shortcuts,
                autostart_note: integration.autostart_note.clone(),
            });
            apply_preferences(app);
            deep_link::follow(app);
            if let Handoff::Dial(_) = integration.handoff {
                super::handoff::carry_out(app, integration.handoff.clone());
            }
            Ok(())
        })
        .build()
}

/// Applies the desktop preferences as saved: the global shortcuts and launch at login. What
/// does not work here is recorded as that setting's problem, for the settings panel. Call it
/// again after settings change.
pub fn apply_preferences<R: Runtime>(app: &AppHandle<R>) {
    let (Some(backend), Some(session)) =
        (app.try_state::<Arc<Backend>>(), app.try_state::<Session>())
    else {
        return; // built without the integration (the IPC tests)
    };
    let prefs = match backend.desktop_preferences() {
        Ok(prefs) => prefs,
        Err(e) => {
            tracing::warn!("the desktop preferences could not be read: {}", e.message);
            return;
        }
    };
    for (field, problem) in shortcuts::apply(app, &prefs.shortcuts, session.shortcuts) {
        backend.set_desktop_problem(field, problem);
    }
    let autostart = autostart::apply(app, prefs.launch_at_login, session.autostart_note.as_ref());
    backend.set_desktop_problem(Field::LaunchAtLogin, autostart);
}
