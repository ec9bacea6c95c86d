//! Everything Dialtone takes from its process environment, read once at start into typed
//! values. Modules below the composition root get what they need from here as parameters and
//! never read the environment themselves, so tests can build any configuration.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::backend::Backend;
use crate::calling_window::{self, browser::BrowserSetting};
use crate::desktop::{self, shortcuts::ShortcutSupport};
use crate::handoff::Handoff;
use crate::journal::Journal;
use crate::settings::{DotenvError, Environment, Store, StoreError};
use crate::setup::TwilioApi;
use crate::tunnel::Discovery;

/// The calling window's port when `DIALTONE_PHONE_PORT` does not say otherwise. Stable,
/// because the browser remembers the microphone permission per origin.
pub const DEFAULT_PHONE_PORT: u16 = 47_300;

/// The OS folders Dialtone would use without overrides (`None` where the OS has none).
#[derive(Debug, Clone, Default)]
pub struct OsDirs {
    pub config: Option<PathBuf>,
    pub data: Option<PathBuf>,
    /// Where a saved voicemail goes.
    pub downloads: Option<PathBuf>,
}

impl OsDirs {
    /// `~/.config/dialtone` and `~/.local/share/dialtone` on Linux, and the platform's
    /// equivalents elsewhere.
    pub fn of_this_user() -> Self {
        let dirs = directories::ProjectDirs::from("app", "dialtone", "dialtone");
        let user = directories::UserDirs::new();
        Self {
            config: dirs.as_ref().map(|d| d.config_dir().to_path_buf()),
            data: dirs.as_ref().map(|d| d.data_dir().to_path_buf()),
            downloads: user.as_ref().and_then(|u| {
                u.download_dir()
                    .map(Path::to_path_buf)
                    .or_else(|| Some(u.home_dir().to_path_buf()))
            }),
        }
    }
}

/// Typed options for one process.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where `settings.json` lives: `DIALTONE_CONFIG_DIR`, else the OS config folder.
    pub config_dir: Option<PathBuf>,
    /// Where the calling window's browser profile, the call journal (`calls.sqlite3`), the
    /// voicemail cache and the recorded greeting live: `DIALTONE_DATA_DIR`, else the OS data
    /// folder.
    pub data_dir: Option<PathBuf>,
    /// Where a saved voicemail goes: the OS Downloads folder (else home).
    pub downloads_dir: Option<PathBuf>,
    /// Keychain entries are filed under this service: `DIALTONE_KEYCHAIN_SERVICE`, else
    /// `dialtone`. Tests set their own so they never touch a user's real entries.
    pub keychain_service: String,
    /// `DIALTONE_PHONE_PORT`, else [`DEFAULT_PHONE_PORT`].
    pub phone_port: u16,
    /// `DIALTONE_BROWSER`: a browser command, `none`, or unset (find one).
    pub browser: BrowserSetting,
    /// `DIALTONE_UI_DIR`: serve a UI build from disk instead of the embedded one.
    pub ui_dir: Option<PathBuf>,
    /// `DIALTONE_TOKEN_TTL_SECS`: shorter-lived tokens, so tests can watch renewals.
    pub token_ttl_secs: Option<u64>,
    /// `DIALTONE_TEST_CONNECT_SRC`: extra CSP `connect-src` for the calling window (the
    /// end-to-end tests' Twilio simulator).
    pub test_connect_src: String,
    /// The settings variables (`TWILIO_*`, `DIALTONE_PORT`, …) of the process environment;
    /// the values are kept redacted in `Debug`.
    pub settings_env: Environment,
    /// `PATH`, where browsers are looked for.
    pub search_path: Option<OsString>,
    /// What a browser we start may see of our environment (see [`BROWSER_ENV`]).
    pub browser_env: Vec<(OsString, OsString)>,
    /// The working directory, where the command line looks for a `.env` file.
    pub working_dir: Option<PathBuf>,
    /// The OS's languages, best first (`sys-locale`): the app window's language when the
    /// `language` setting is `auto`. Empty (English) unless read by [`Options::from_env`].
    pub system_languages: Vec<String>,
    /// Whether the session lets apps take global shortcuts (X11 yes, Wayland no), from
    /// `WAYLAND_DISPLAY`, `XDG_SESSION_TYPE` and `DISPLAY`.
    pub shortcut_support: ShortcutSupport,
    /// `HOME` and `XDG_CONFIG_HOME`: launch at login writes under the first, desktops read
    /// under the second.
    pub home_dir: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
    /// `DIALTONE_TWILIO_API_BASE`: where every REST call goes (the tests' simulator,
    /// `http://127.0.0.1:PORT`); default `https://api.twilio.com`.
    pub twilio_api_base: String,
    /// `DIALTONE_NGROK_API`: the ngrok agent's local API; default `http://127.0.0.1:4040`.
    pub ngrok_api: Option<String>,
    /// `DIALTONE_CLOUDFLARED_METRICS`: cloudflared's metrics server as `host:port`; default
    /// 127.0.0.1 on ports 20241 to 20245.
    pub cloudflared_metrics: Option<String>,
    /// `TAURI_WEBVIEW_AUTOMATION=true`: tauri-driver runs the app for a WebDriver session,
    /// which needs the app window (see [`desktop::Integration::webdriver`]).
    pub webdriver: bool,
    /// This computer's name, for the API key and TwiML App set-up creates. From the OS, not
    /// the environment; empty in [`Options::from_vars`].
    pub machine_name: String,
}

/// The variables a browser we start inherits: display, session bus, sound server, locale,
/// home and XDG folders, proxies. Everything else (the Twilio credentials above all, when they
/// come from the environment) is withheld. `LC_*` and `DIALTONE_TEST_BROWSER_*` (the test
/// suite's stand-in browser) pass by prefix.
pub const BROWSER_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "TMPDIR",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_RUNTIME_DIR",
    "XDG_SESSION_TYPE",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
    "XDG_DATA_DIRS",
    "XDG_CONFIG_DIRS",
    "PULSE_SERVER",
    "PULSE_RUNTIME_PATH",
    "PIPEWIRE_RUNTIME_DIR",
    "GDK_BACKEND",
    "GDK_SCALE",
    "GDK_DPI_SCALE",
    "GTK_THEME",
    "LANG",
    "LANGUAGE",
    "TZ",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
];

fn browser_may_see(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    BROWSER_ENV.contains(&name)
        || name.starts_with("LC_")
        || name.starts_with("DIALTONE_TEST_BROWSER_")
}

impl Options {
    /// The options of this process.
    pub fn from_env() -> Self {
        let mut options = Self::from_vars(std::env::vars_os(), OsDirs::of_this_user());
        options.working_dir = std::env::current_dir().ok();
        options.system_languages = crate::i18n::system_languages();
        options.machine_name = gethostname::gethostname().to_string_lossy().into_owned();
        options
    }

    /// The options `vars` describe; `os_dirs` fills in the folders they do not name.
    pub fn from_vars(
        vars: impl IntoIterator<Item = (OsString, OsString)>,
        os_dirs: OsDirs,
    ) -> Self {
        let vars: Vec<(OsString, OsString)> = vars.into_iter().collect();
        let text = |name: &str| {
            vars.iter()
                .rev()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.to_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let path = |name: &str| {
            vars.iter()
                .rev()
                .find(|(k, v)| k == name && !v.is_empty())
                .map(|(_, v)| PathBuf::from(v))
        };
        Self {
            config_dir: path("DIALTONE_CONFIG_DIR").or(os_dirs.config),
            data_dir: path("DIALTONE_DATA_DIR").or(os_dirs.data),
            downloads_dir: os_dirs.downloads,
            keychain_service: text("DIALTONE_KEYCHAIN_SERVICE")
                .unwrap_or(crate::settings::OsKeychain::DEFAULT_SERVICE)
                .to_owned(),
            phone_port: text("DIALTONE_PHONE_PORT")
                .and_then(|p| p.parse().ok())
                .unwrap_or(DEFAULT_PHONE_PORT),
            browser: BrowserSetting::parse(text("DIALTONE_BROWSER")),
            ui_dir: path("DIALTONE_UI_DIR"),
            token_ttl_secs: text("DIALTONE_TOKEN_TTL_SECS").and_then(|t| t.parse().ok()),
            test_connect_src: text("DIALTONE_TEST_CONNECT_SRC").unwrap_or("").to_owned(),
            settings_env: Environment::from_vars(
                vars.iter()
                    .filter_map(|(k, v)| Some((k.to_str()?.to_owned(), v.to_str()?.to_owned()))),
            ),
            search_path: vars
                .iter()
                .rev()
                .find(|(k, _)| k == "PATH")
                .map(|(_, v)| v.clone()),
            browser_env: vars
                .iter()
                .filter(|(k, _)| browser_may_see(k))
                .cloned()
                .collect(),
            working_dir: None,
            system_languages: Vec::new(),
            shortcut_support: ShortcutSupport::of_session(
                text("WAYLAND_DISPLAY"),
                text("XDG_SESSION_TYPE"),
                text("DISPLAY"),
            ),
            home_dir: path("HOME"),
            xdg_config_home: path("XDG_CONFIG_HOME"),
            twilio_api_base: text("DIALTONE_TWILIO_API_BASE")
                .unwrap_or(crate::twilio::TWILIO_API_BASE)
                .to_owned(),
            ngrok_api: text("DIALTONE_NGROK_API").map(str::to_owned),
            cloudflared_metrics: text("DIALTONE_CLOUDFLARED_METRICS").map(str::to_owned),
            webdriver: text("TAURI_WEBVIEW_AUTOMATION") == Some("true"),
            machine_name: String::new(),
        }
    }

    /// The saved settings: the OS keychain under [`Options::keychain_service`] and the
    /// settings file in [`Options::config_dir`].
    pub fn store(&self) -> Result<Store, StoreError> {
        Store::for_user(self.config_dir.as_deref(), &self.keychain_service)
    }

    /// The environment's settings plus, for the command line, `./.env` under them.
    pub fn environment_with_dotenv(&self) -> Result<Environment, DotenvError> {
        match &self.working_dir {
            Some(dir) => self.settings_env.clone().with_dotenv(dir),
            None => Ok(self.settings_env.clone()),
        }
    }

    /// The call journal in [`Options::data_dir`]; unavailable (with the reason), never an
    /// error, when it cannot be opened.
    pub fn journal(&self) -> Journal {
        Journal::open_in(self.data_dir.as_deref())
    }

    /// Where Dialtone's REST calls go.
    pub fn twilio_api(&self) -> TwilioApi {
        TwilioApi::new(&self.twilio_api_base)
    }

    /// Where running tunnels are looked for.
    pub fn tunnel_discovery(&self) -> Discovery {
        Discovery::new(
            self.ngrok_api.as_deref(),
            self.cloudflared_metrics.as_deref(),
        )
    }

    /// The backend over the saved settings and `env`, keeping calls in [`Options::journal`].
    pub fn backend(&self, env: Environment) -> Result<Backend, StoreError> {
        let backend = Backend::new(self.store()?, env)
            .with_journal(
                self.journal(),
                self.data_dir.as_deref(),
                self.downloads_dir.clone(),
            )
            .with_twilio_api(self.twilio_api())
            .with_tunnel_discovery(self.tunnel_discovery())
            .with_machine_name(&self.machine_name)
            .with_twilio_rest_base(&self.twilio_api_base)
            .with_system_languages(self.system_languages.clone());
        Ok(match self.token_ttl_secs {
            Some(ttl) => backend.with_token_ttl(ttl),
            None => backend,
        })
    }

    /// What the desktop integration needs, with what this launch asked for.
    pub fn desktop(&self, handoff: Handoff) -> desktop::Integration {
        desktop::Integration {
            handoff,
            shortcuts: self.shortcut_support,
            autostart_note: desktop::autostart::folder_note(
                self.home_dir.as_deref(),
                self.xdg_config_home.as_deref(),
            ),
            instance_id: None,
            webdriver: self.webdriver,
        }
    }

    /// What the calling window needs.
    pub fn calling_window(&self) -> calling_window::Config {
        calling_window::Config {
            port: self.phone_port,
            data_dir: self.data_dir.clone(),
            browser: self.browser.clone(),
            search_path: self.search_path.clone(),
            browser_env: self.browser_env.clone(),
            extra_connect_src: self.test_connect_src.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Field;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(OsString, OsString)> {
        pairs
            .iter()
            .map(|(k, v)| (OsString::from(k), OsString::from(v)))
            .collect()
    }

    #[test]
    fn switches_are_read_once_with_defaults() {
        let os = OsDirs {
            config: Some("/os/config".into()),
            data: Some("/os/data".into()),
            downloads: None,
        };
        let defaults = Options::from_vars(vars(&[]), os.clone());
        assert_eq!(defaults.config_dir, Some(PathBuf::from("/os/config")));
        assert_eq!(defaults.phone_port, DEFAULT_PHONE_PORT);
        assert_eq!(defaults.keychain_service, "dialtone");
        assert_eq!(defaults.browser, BrowserSetting::Find);
        let set = Options::from_vars(
            vars(&[
                ("DIALTONE_CONFIG_DIR", "/t/config"),
                ("DIALTONE_DATA_DIR", "/t/data"),
                ("DIALTONE_KEYCHAIN_SERVICE", "dialtone-test"),
                ("DIALTONE_PHONE_PORT", " 4100 "),
                ("DIALTONE_BROWSER", "none"),
                ("DIALTONE_TOKEN_TTL_SECS", "60"),
                ("DIALTONE_UI_DIR", "/t/ui"),
            ]),
            os,
        );
        assert_eq!(set.config_dir, Some(PathBuf::from("/t/config")));
        assert_eq!(set.data_dir, Some(PathBuf::from("/t/data")));
        assert_eq!(set.keychain_service, "dialtone-test");
        assert_eq!(set.phone_port, 4100);
        assert_eq!(set.browser, BrowserSetting::Nothing);
        assert_eq!(set.token_ttl_secs, Some(60));
        assert_eq!(set.ui_dir, Some(PathBuf::from("/t/ui")));
    }

    #[test]
    fn the_twilio_and_tunnel_switches_are_read_here() {
        let defaults = Options::from_vars(vars(&[]), OsDirs::default());
        assert_eq!(defaults.twilio_api_base, "https://api.twilio.com");
        assert_eq!(
            (defaults.ngrok_api, defaults.cloudflared_metrics),
            (None, None)
        );
        let set = Options::from_vars(
            vars(&[
                ("DIALTONE_TWILIO_API_BASE", "http://127.0.0.1:9900"),
                ("DIALTONE_NGROK_API", "http://127.0.0.1:4041"),
                ("DIALTONE_CLOUDFLARED_METRICS", "127.0.0.1:20300"),
            ]),
            OsDirs::default(),
        );
        assert_eq!(set.twilio_api().base, "http://127.0.0.1:9900");
        assert_eq!(set.ngrok_api.as_deref(), Some("http://127.0.0.1:4041"));
        assert_eq!(set.cloudflared_metrics.as_deref(), Some("127.0.0.1:20300"));
    }

    #[test]
    fn a_browser_sees_the_desktop_but_no_credentials() {
        let options = Options::from_vars(
            vars(&[
                ("DISPLAY", ":0"),
                ("LC_TIME", "ja_JP.UTF-8"),
                ("https_proxy", "http://proxy:3128"),
                ("TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef"),
                ("TWILIO_API_KEY_SECRET", "shh"),
                ("AWS_SECRET_ACCESS_KEY", "also-not-for-browsers"),
                ("DIALTONE_TEST_BROWSER_PIDFILE", "/tmp/pid"),
            ]),
            OsDirs::default(),
        );
        let names: Vec<&OsStr> = options
            .browser_env
            .iter()
            .map(|(k, _)| k.as_os_str())
            .collect();
        assert_eq!(
            names,
            [
                "DISPLAY",
                "LC_TIME",
                "https_proxy",
                "DIALTONE_TEST_BROWSER_PIDFILE"
            ]
        );
        assert!(options.settings_env.get(Field::AuthToken).is_some());
        assert!(options.settings_env.get(Field::ApiKeySecret).is_some());
        assert!(!format!("{options:?}").contains("0123456789abcdef"));
    }

    /// The desktop app takes `settings_env` as it is; only the command line adds `./.env`.
    #[test]
    fn only_the_command_line_reads_the_working_folders_dotenv() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env"), "TWILIO_NUMBER=+15557654321\n").unwrap();
        let mut options = Options::from_vars(vars(&[]), OsDirs::default());
        options.working_dir = Some(dir.path().to_owned());
        assert_eq!(options.settings_env.get(Field::TwilioNumber), None);
        let cli = options.environment_with_dotenv().unwrap();
        assert_eq!(cli.get(Field::TwilioNumber), Some("+15557654321"));
    }
}
