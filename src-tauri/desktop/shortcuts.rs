//! Optional global shortcuts for answer, hang up and mute (`tauri-plugin-global-shortcut`,
//! global-hotkey underneath). Off until a shortcut setting is filled in. On Linux they work on
//! X11 only (an XGrabKey on the root window): Wayland lets no app take keys from others, so
//! there the settings panel says so instead. A combination another program already holds
//! is reported next to its setting; nothing crashes.

use std::collections::HashMap;
use std::str::FromStr as _;
use std::sync::Mutex;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager as _, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt as _, Shortcut, ShortcutState};

use crate::handoff::Handoff;
use crate::i18n::errors::field_label;
use crate::i18n::Text;
use crate::phone_control::PhoneCommand;
use crate::settings::desktop::Shortcut as ShortcutSetting;
use crate::settings::Field;

/// Whether this session lets an app take global shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortcutSupport {
    /// X11, macOS, Windows.
    Available,
    /// A Wayland session (even with Dialtone on XWayland, a grab there only sees keys typed
    /// into other XWayland windows).
    Wayland,
    /// Linux without a display to grab keys on.
    NoDisplay,
}

impl ShortcutSupport {
    /// From the session's `WAYLAND_DISPLAY`, `XDG_SESSION_TYPE` and `DISPLAY` (Linux); other
    /// systems always allow them.
    pub fn of_session(
        wayland_display: Option<&str>,
        session_type: Option<&str>,
        display: Option<&str>,
    ) -> Self {
        if !cfg!(target_os = "linux") {
            return Self::Available;
        }
        let set = |v: Option<&str>| v.is_some_and(|v| !v.trim().is_empty());
        if set(wayland_display) || session_type.is_some_and(|t| t.eq_ignore_ascii_case("wayland")) {
            Self::Wayland
        } else if set(display) {
            Self::Available
        } else {
            Self::NoDisplay
        }
    }

    /// Why a shortcut setting cannot work here.
    fn problem(self) -> Option<Text> {
        match self {
            Self::Available => None,
            Self::Wayland => Some(Text::new("shortcut-wayland")),
            Self::NoDisplay => Some(Text::new("shortcut-no-display")),
        }
    }
}

/// Which phone command each registered shortcut sends, by the shortcut's id.
#[derive(Default)]
struct ShortcutCommands(Mutex<HashMap<u32, PhoneCommand>>);

impl ShortcutCommands {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, PhoneCommand>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The plugin, with one handler for every shortcut: a press sends that shortcut's command.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, shortcut, event| {
            if event.state != ShortcutState::Pressed {
                return;
            }
            let command = app
                .try_state::<ShortcutCommands>()
                .and_then(|commands| commands.lock().get(&shortcut.id()).cloned());
            if let Some(command) = command {
                super::handoff::carry_out(app, Handoff::Phone(command));
            }
        })
        .build()
}

/// Registers exactly `wanted` (unregistering the rest), and returns each shortcut setting's
/// problem (`None`: active, or not set).
pub fn apply<R: Runtime>(
    app: &AppHandle<R>,
    wanted: &[ShortcutSetting],
    support: ShortcutSupport,
) -> Vec<(Field, Option<Text>)> {
    let commands = match app.try_state::<ShortcutCommands>() {
        Some(commands) => commands,
        None => {
            app.manage(ShortcutCommands::default());
            app.state::<ShortcutCommands>()
        }
    };
    let manager = app.global_shortcut();
    if let Err(e) = manager.unregister_all() {
        tracing::warn!("the previous global shortcuts could not be released: {e}");
    }
    commands.lock().clear();
    let mut problems: Vec<(Field, Option<Text>)> = crate::settings::desktop::SHORTCUTS
        .iter()
        .map(|(field, _)| (*field, None))
        .collect();
    let mut taken: Vec<&ShortcutSetting> = Vec::new();
    for setting in wanted {
        let problem = if let Some(why) = support.problem() {
            Some(why)
        } else if let Some(first) = taken.iter().find(|t| t.keys == setting.keys) {
            Some(
                Text::new("shortcut-duplicate")
                    .arg("keys", &setting.keys)
                    .message("other", field_label(first.field)),
            )
        } else {
            register(app, setting, &commands).err()
        };
        match &problem {
            None => {
                taken.push(setting);
                tracing::info!(
                    "global shortcut {} set for \"{}\"",
                    setting.keys,
                    setting.field.label()
                );
            }
            Some(why) => tracing::warn!("\"{}\": {why}", setting.field.label()),
        }
        if let Some(entry) = problems.iter_mut().find(|(f, _)| *f == setting.field) {
            entry.1 = problem;
        }
    }
    problems
}

fn register<R: Runtime>(
    app: &AppHandle<R>,
    setting: &ShortcutSetting,
    commands: &ShortcutCommands,
) -> Result<(), Text> {
    let shortcut = Shortcut::from_str(&setting.keys).map_err(|e| {
        Text::new("shortcut-unreadable")
            .arg("keys", &setting.keys)
            .arg("detail", e)
    })?;
    match app.global_shortcut().register(shortcut) {
        Ok(()) => {
            commands
                .lock()
                .insert(shortcut.id(), setting.command.clone());
            Ok(())
        }
        // global-hotkey's words for an XGrabKey refused with BadAccess: another client holds it.
        Err(e) if e.to_string().starts_with("HotKey already registered") => {
            Err(Text::new("shortcut-taken").arg("keys", &setting.keys))
        }
        Err(e) => Err(Text::new("shortcut-failed")
            .arg("keys", &setting.keys)
            .arg("detail", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wayland_sessions_are_told_apart_from_x11() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let of = ShortcutSupport::of_session;
        assert_eq!(
            of(None, Some("x11"), Some(":0")),
            ShortcutSupport::Available
        );
        assert_eq!(
            of(Some("wayland-0"), None, Some(":0")),
            ShortcutSupport::Wayland
        );
        assert_eq!(
            of(None, Some("Wayland"), Some(":1")),
            ShortcutSupport::Wayland
        );
        assert_eq!(of(Some(""), None, Some(":99")), ShortcutSupport::Available);
        assert_eq!(of(None, None, None), ShortcutSupport::NoDisplay);
        assert!(ShortcutSupport::Wayland
            .problem()
            .unwrap()
            .to_string()
            .contains("dialtone answer"));
    }
}
