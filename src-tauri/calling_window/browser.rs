//! Finding and opening a browser that can carry calls.
//!
//! Chromium-family browsers open the page as a chrome-less app window (`--app=URL`) with a
//! profile of our own, so the microphone permission is remembered between launches (the
//! listener keeps a stable port for the same reason: permissions are per origin).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Stdio;

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
    #[error("no data folder for the calling window's browser profile: set DIALTONE_DATA_DIR to a writable folder")]
    NoDataDir,
    #[error("the calling window's browser profile folder {path} could not be created: {source}")]
    Profile {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// How the window was opened.
pub struct Opened {
    /// A name for the UI: `Chromium`, or `default browser`.
    pub browser: String,
    /// The process when we started one ourselves.
    pub process: Option<BrowserProcess>,
}

/// What `DIALTONE_BROWSER` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserSetting {
    /// Unset: the first Chromium-family browser on `PATH`, else the default browser.
    Find,
    /// A browser command of the user's (or the tests') choosing, run as a Chromium.
    Command(PathBuf),
    /// `none`: open nothing (tests, headless runs).
    Nothing,
}

impl BrowserSetting {
    pub fn parse(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            None | Some("") => Self::Find,
            Some("none") => Self::Nothing,
            Some(command) => Self::Command(PathBuf::from(command)),
        }
    }
}

/// The browser for `setting`, looking on `search_path` (`PATH`) when it says to find one.
pub fn choose(setting: &BrowserSetting, search_path: Option<&OsStr>) -> Choice {
    match setting {
        BrowserSetting::Nothing => Choice::Nothing,
        BrowserSetting::Command(command) => Choice::Chromium(command.clone()),
        BrowserSetting::Find => CANDIDATES
            .iter()
            .find_map(|name| which(name, search_path))
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

fn which(name: &str, search_path: Option<&OsStr>) -> Option<PathBuf> {
    std::env::split_paths(search_path?)
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
        // The ringtone must sound in a window nobody has clicked yet (opened at login, or
        // behind others): Chromium's default autoplay policy keeps a page silent until the
        // user interacts with it.
        "--autoplay-policy=no-user-gesture-required".into(),
        // The profile keeps no password and no lasting cookie (the session cookie dies with
        // the browser), so Chromium needs no key from the Secret Service. Without this it opens
        // a keyring session at every start: a locked keyring asks to be unlocked for nothing,
        // and gnome-keyring (42 on Debian 12, 50 elsewhere) now and then aborts when a client goes
        // away during that handshake, taking every saved secret of the session offline.
        "--password-store=basic".into(),
    ]
}

/// Opens `url` as `choice` says. The browser gets `env` and nothing else of our environment:
/// Dialtone's may hold the Auth Token and the API key secret (from the environment or a
/// `.env`), and a browser has no business with them.
pub fn open(
    choice: &Choice,
    url: &str,
    profile: &Path,
    env: &[(OsString, OsString)],
) -> Result<Opened, OpenError> {
    let (name, program, args) = match choice {
        Choice::Nothing => {
            return Ok(Opened {
                browser: "none (DIALTONE_BROWSER=none)".into(),
                process: None,
            })
        }
        Choice::Chromium(binary) => (
            binary.file_name().map_or_else(
                || binary.display().to_string(),
                |n| product_name(&n.to_string_lossy()),
            ),
            binary.clone(),
            chromium_args(url, profile),
        ),
        Choice::DefaultBrowser => {
            let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
                ("open", vec![url])
            } else if cfg!(windows) {
                ("cmd", vec!["/C", "start", "", url])
            } else {
                ("xdg-open", vec![url])
            };
            (
                "default browser".to_owned(),
                PathBuf::from(program),
                args.into_iter().map(str::to_owned).collect(),
            )
        }
    };
    let mut command = tokio::process::Command::new(&program);
    command.args(&args).env_clear().envs(env.iter().cloned());
    let process =
        BrowserProcess::spawn(command).map_err(|source| match (choice, source.kind()) {
            (Choice::DefaultBrowser, std::io::ErrorKind::NotFound) => OpenError::NoBrowser,
            _ => OpenError::Spawn {
                browser: name.clone(),
                source,
            },
        })?;
    Ok(Opened {
        browser: name,
        process: Some(process),
    })
}

/// How a browser process ended.
#[derive(Debug, Clone)]
pub struct Exit {
    pub status: std::process::ExitStatus,
    /// The last line it printed on stderr, if any (Chromium says there why it stopped).
    pub last_line: Option<String>,
}

impl Exit {
    /// "exit status 1: Running as root without --no-sandbox is not supported…"
    pub fn describe(&self) -> String {
        match &self.last_line {
            Some(line) => format!("{}: {line}", self.status),
            None => self.status.to_string(),
        }
    }
}

/// A browser process we started: its stderr is drained (keeping the last line) and its exit
/// watched, so the app can say why a browser stopped at once, and close it when the app quits.
pub struct BrowserProcess {
    /// The process ID, to find its windows (see `desktop::phone_window`); `None` once the
    /// OS has reaped it before we asked.
    pid: Option<u32>,
    kill: Option<tokio::sync::oneshot::Sender<()>>,
    exit: tokio::sync::watch::Receiver<Option<Exit>>,
}

/// Long lines are cut: a reason fits in a sentence.
const LAST_LINE_MAX: usize = 300;

impl BrowserProcess {
    fn spawn(mut command: tokio::process::Command) -> std::io::Result<Self> {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let stderr = child.stderr.take();
        let pid = child.id();
        let (kill, killed) = tokio::sync::oneshot::channel::<()>();
        let (exited, exit) = tokio::sync::watch::channel(None);
        tokio::spawn(async move {
            let reader = tokio::spawn(last_line(stderr));
            let status = tokio::select! {
                status = child.wait() => status,
                _ = killed => {
                    let _ = child.start_kill();
                    child.wait().await
                }
            };
            // The reader ends at EOF, which follows the exit unless a child of the browser
            // still holds the pipe: then the reason is not worth waiting for.
            let last_line = tokio::time::timeout(std::time::Duration::from_millis(500), reader)
                .await
                .ok()
                .and_then(Result::ok)
                .flatten();
            if let Ok(status) = status {
                let _ = exited.send(Some(Exit { status, last_line }));
            }
        });
        Ok(Self {
            pid,
            kill: Some(kill),
            exit,
        })
    }

    /// Follows the exit: `None` while the process runs.
    pub fn exit_watch(&self) -> tokio::sync::watch::Receiver<Option<Exit>> {
        self.exit.clone()
    }

    pub fn is_running(&self) -> bool {
        self.exit.borrow().is_none()
    }

    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// Resolves when the process has exited (at once if it already has).
    pub async fn exited(&self) -> Option<Exit> {
        let mut exit = self.exit.clone();
        exit.wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|e| e.clone())
    }

    /// Stops the process if it is still running, and waits (a few seconds at most) for it.
    pub async fn close(mut self) {
        if let Some(kill) = self.kill.take() {
            let _ = kill.send(());
        }
        let _ = tokio::time::timeout(std::time::Duration::from_secs(3), self.exited()).await;
    }
}

async fn last_line(stderr: Option<tokio::process::ChildStderr>) -> Option<String> {
    use tokio::io::AsyncBufReadExt as _;
    let mut lines = tokio::io::BufReader::new(stderr?).lines();
    let mut last = None;
    while let Ok(Some(line)) = lines.next_line().await {
        let line = line.trim();
        if !line.is_empty() {
            last = Some(line.chars().take(LAST_LINE_MAX).collect::<String>());
        }
    }
    last
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
        assert!(
            args.contains(&"--autoplay-policy=no-user-gesture-required".to_owned()),
            "the ringtone plays before the window was ever clicked"
        );
        assert!(
            args.contains(&"--password-store=basic".to_owned()),
            "the calling window never touches the user's keyring"
        );
    }

    #[test]
    fn which_finds_executables_on_path() {
        let path = OsString::from("/usr/bin:/bin");
        assert!(which("sh", Some(&path)).is_some());
        assert!(which("surely-not-a-browser-dialtone", Some(&path)).is_none());
        assert!(which("sh", None).is_none(), "no PATH, nothing found");
    }

    #[test]
    fn the_setting_names_a_command_nothing_or_a_search() {
        assert_eq!(BrowserSetting::parse(None), BrowserSetting::Find);
        assert_eq!(
            BrowserSetting::parse(Some(" none ")),
            BrowserSetting::Nothing
        );
        assert_eq!(
            BrowserSetting::parse(Some("/opt/chrome")),
            BrowserSetting::Command("/opt/chrome".into())
        );
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_browser_that_stops_at_once_says_why_and_sees_only_its_allowed_environment() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("env.txt");
        let script = dir.path().join("browser.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nenv > '{}'\necho 'some noise' >&2\necho 'Running as root without --no-sandbox is not supported.' >&2\nexit 1\n",
                dump.display()
            ),
        )
        .unwrap();
        let mut permissions = std::fs::metadata(&script).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
        std::fs::set_permissions(&script, permissions).unwrap();
        let env = vec![
            (OsString::from("PATH"), OsString::from("/usr/bin:/bin")),
            (OsString::from("LANG"), OsString::from("C.UTF-8")),
        ];
        let opened = open(
            &Choice::Chromium(script),
            "http://127.0.0.1:1/launch",
            dir.path(),
            &env,
        )
        .unwrap();
        let exit = opened.process.unwrap().exited().await.unwrap();
        assert!(!exit.status.success());
        assert_eq!(
            exit.last_line.as_deref(),
            Some("Running as root without --no-sandbox is not supported.")
        );
        assert!(
            exit.describe().contains("exit status: 1"),
            "{}",
            exit.describe()
        );
        let seen = std::fs::read_to_string(&dump).unwrap();
        let names: std::collections::BTreeSet<&str> = seen
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, _)| k))
            .filter(|k| *k != "PWD" && *k != "SHLVL" && *k != "_")
            .collect();
        assert_eq!(names, ["LANG", "PATH"].into(), "{seen}");
    }
}
