//! Finding and opening a browser that can carry calls.
//!
//! Chromium-family browsers open the page as a chrome-less app window (`--app=URL`) with a
//! profile of our own, so the microphone permission is remembered between launches (the
//! listener keeps a stable port for the same reason: permissions are per origin).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Chromium-family browsers, most likely first.
const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
    "brave-browser",
    "brave",
    "microsoft-edge-stable",
    "microsoft-edge",
];

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no web browser was found to carry calls. Install Chromium (`sudo apt install chromium`) or Google Chrome, then choose “Reopen calling window”")]
    NoBrowser,
    #[error("the calling window's launch file could not be written: {0}")]
    LaunchFile(std::io::Error),
    #[error("{browser} could not be started: {source}")]
    Spawn {
        browser: String,
        source: std::io::Error,
    },
}

/// How the window was opened.
pub struct Opened {
    /// A name for the UI: `chromium`, or `default browser`.
    pub browser: String,
    /// The browser process when we started one ourselves.
    pub child: Option<Child>,
}

/// `DIALTONE_BROWSER` (a command, or `none` to open nothing), else the first Chromium-family
/// browser on `PATH`.
pub fn choose() -> Choice {
    match std::env::var("DIALTONE_BROWSER") {
        Ok(value) if value.trim() == "none" => Choice::Nothing,
        Ok(value) if !value.trim().is_empty() => Choice::Chromium(PathBuf::from(value.trim())),
        _ => CANDIDATES
            .iter()
            .find_map(|name| which(name))
            .map_or(Choice::DefaultBrowser, Choice::Chromium),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Chromium(PathBuf),
    DefaultBrowser,
    /// Tests and headless runs: print the URL, open nothing.
    Nothing,
}

/// What the user knows the browser as, for "Open in …": the product, not the command.
fn product_name(command: &str) -> String {
    match command {
        "chromium" | "chromium-browser" => "Chromium",
        "google-chrome" | "google-chrome-stable" => "Google Chrome",
        "brave" | "brave-browser" => "Brave",
        "microsoft-edge" | "microsoft-edge-stable" => "Microsoft Edge",
        other => other,
    }
    .to_owned()
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// The arguments that make a Chromium-family browser a phone window.
pub fn chromium_args(url: &str, profile: &Path) -> Vec<String> {
    vec![
        format!("--app={url}"),
        format!("--user-data-dir={}", profile.display()),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        "--window-size=400,720".into(),
        "--class=Dialtone".into(),
        // Calls keep working when the window is behind others.
        "--disable-background-timer-throttling".into(),
        "--disable-renderer-backgrounding".into(),
    ]
}

pub fn open(choice: &Choice, url: &str, profile: &Path) -> Result<Opened, OpenError> {
    match choice {
        Choice::Nothing => Ok(Opened {
            browser: "none (DIALTONE_BROWSER=none)".into(),
            child: None,
        }),
        Choice::Chromium(binary) => {
            let name = binary.file_name().map_or_else(
                || binary.display().to_string(),
                |n| product_name(&n.to_string_lossy()),
            );
            let child = Command::new(binary)
                .args(chromium_args(url, profile))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|source| OpenError::Spawn {
                    browser: name.clone(),
                    source,
                })?;
            Ok(Opened {
                browser: name,
                child: Some(child),
            })
        }
        Choice::DefaultBrowser => {
            let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
                ("open", vec![url])
            } else if cfg!(windows) {
                ("cmd", vec!["/C", "start", "", url])
            } else {
                ("xdg-open", vec![url])
            };
            let child = Command::new(program)
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => OpenError::NoBrowser,
                    _ => OpenError::Spawn {
                        browser: program.into(),
                        source: e,
                    },
                })?;
            Ok(Opened {
                browser: "default browser".into(),
                child: Some(child),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_names_the_product_not_the_command() {
        assert_eq!(product_name("chromium-browser"), "Chromium");
        assert_eq!(product_name("google-chrome-stable"), "Google Chrome");
        assert_eq!(product_name("microsoft-edge"), "Microsoft Edge");
        assert_eq!(
            product_name("my-browser-wrapper"),
            "my-browser-wrapper",
            "a command of the user's own stays as they wrote it"
        );
    }

    #[test]
    fn chromium_gets_an_app_window_with_its_own_profile() {
        let args = chromium_args(
            "http://127.0.0.1:4000/launch?key=k",
            Path::new("/data/profile"),
        );
        assert!(args.contains(&"--app=http://127.0.0.1:4000/launch?key=k".to_owned()));
        assert!(args.contains(&"--user-data-dir=/data/profile".to_owned()));
    }

    #[test]
    fn which_finds_executables_on_path() {
        assert!(which("sh").is_some());
        assert!(which("surely-not-a-browser-dialtone").is_none());
    }
}
