//! Launch at login (`tauri-plugin-autostart`, auto-launch underneath): an XDG autostart entry
//! on Linux, a launch agent on macOS, a `Run` registry value on Windows. The setting is the
//! truth: on every start and save the entry is written (which also follows a moved binary) or
//! removed.
//!
//! Two traps of auto-launch 0.6 on Linux, handled here: it writes `~/.config/autostart`
//! whatever `XDG_CONFIG_HOME` says, and it writes `Exec=` unquoted, so a path with a space
//! would run something else. The first is reported next to the setting (the entry still
//! works for desktops that read `~/.config`), the second refuses to write the entry.

use std::path::{Path, PathBuf};

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Runtime};
use tauri_plugin_autostart::ManagerExt as _;

use crate::i18n::Text;

/// The name of the entry (`Dialtone.desktop` on Linux) and what login screens show.
const ENTRY_NAME: &str = "Dialtone";

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .app_name(ENTRY_NAME)
        .build()
}

/// Writes or removes the entry so that it matches `wanted`; returns the setting's problem.
/// `folder_note` is [`folder_note`] for this session.
pub fn apply<R: Runtime>(
    app: &AppHandle<R>,
    wanted: bool,
    folder_note: Option<&Text>,
) -> Option<Text> {
    let manager = app.autolaunch();
    if !wanted {
        return match manager.is_enabled() {
            Ok(false) => None,
            _ => manager
                .disable()
                .err()
                .map(|e| Text::new("autostart-off-failed").arg("detail", e)),
        };
    }
    let program = program_path(app);
    if let Some(problem) = program.as_deref().and_then(path_problem) {
        return Some(problem);
    }
    if let Err(e) = manager.enable() {
        return Some(Text::new("autostart-failed").arg("detail", e));
    }
    tracing::info!("launch at login is on");
    folder_note.cloned()
}

/// What the entry starts: the AppImage when Dialtone runs from one, as auto-launch does.
fn program_path<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    if let Some(appimage) = tauri::Manager::env(app).appimage {
        return Some(appimage.into());
    }
    let _ = app;
    std::env::current_exe().ok()
}

/// On Linux an `Exec=` line with a space in the unquoted path would run another program.
fn path_problem(program: &Path) -> Option<Text> {
    let text = program.to_string_lossy();
    (cfg!(target_os = "linux") && text.contains(char::is_whitespace))
        .then(|| Text::new("autostart-path-with-space").arg("path", text))
}

/// Where auto-launch writes the entry (`$HOME/.config/autostart`) is not where this session's
/// desktop reads it when `XDG_CONFIG_HOME` points elsewhere; say so.
pub fn folder_note(home: Option<&Path>, xdg_config_home: Option<&Path>) -> Option<Text> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let written = home?.join(".config");
    let read = xdg_config_home.filter(|p| !p.as_os_str().is_empty())?;
    (read != written).then(|| {
        Text::new("autostart-other-folder")
            .arg("written", written.join("autostart").display())
            .arg("config", read.display())
            .arg("read", read.join("autostart").display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_config_home_is_reported() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let home = Path::new("/home/ada");
        assert_eq!(folder_note(Some(home), None), None);
        assert_eq!(
            folder_note(Some(home), Some(Path::new("/home/ada/.config"))),
            None
        );
        let note = folder_note(Some(home), Some(Path::new("/data/cfg")))
            .unwrap()
            .to_string();
        assert!(
            note.contains("/home/ada/.config/autostart") && note.contains("/data/cfg/autostart"),
            "{note}"
        );
    }

    #[test]
    fn a_path_with_a_space_is_refused() {
        if !cfg!(target_os = "linux") {
            return;
        }
        assert!(path_problem(Path::new("/opt/My Apps/Dialtone.AppImage")).is_some());
        assert_eq!(path_problem(Path::new("/usr/bin/dialtone")), None);
    }
}
