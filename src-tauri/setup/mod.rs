//! The set-up wizard's logic, in plain Rust over the REST client ([`crate::twilio`]): from an
//! Account SID and Auth Token to a wired phone, and back.
//!
//! - [`account`]: step 1 and 2: the credentials checked by fetching the account, the voice
//!   numbers (all pages) and caller IDs to choose from.
//! - [`connect`]: step 3 to 5: an API key, Dialtone's own TwiML App, the number bound to it
//!   (its old configuration recorded first), everything saved; a failure rolls back.
//! - [`undo`]: the number's old configuration back, the key and the app deleted.
//! - [`wiring`]: the remote checks (`dialtone doctor`, the listener card) and their repair.
//! - [`repoint`]: keeps the TwiML App's Voice URL on a tunnel whose URL changes.
//! - [`record`]: what set-up made and replaced, on disk.
//!
//! Nothing here reads the environment or talks to a window: the command line and the backend
//! pass in what a step needs ([`SetupEnv`]) and, where the user should agree to each change to
//! the account, an [`Approve`].

pub mod account;
pub mod connect;
mod error;
pub mod record;
pub mod repoint;
pub mod undo;
pub mod wiring;

use std::fmt;

use serde::Serialize;

pub use error::{SetupError, Step};
pub use record::{RecordError, RecordFile, SetupRecord};

use crate::settings::{field::VOICE_PATH, Store};
use crate::twilio::{
    Client, ClientOptions, Credentials, TwilioError, VoiceConfig, TWILIO_API_BASE,
};

/// The settings set-up saves; one set in the environment overrides what it saved.
pub const SAVED_FIELDS: [crate::settings::Field; 6] = [
    crate::settings::Field::AccountSid,
    crate::settings::Field::AuthToken,
    crate::settings::Field::ApiKeySid,
    crate::settings::Field::ApiKeySecret,
    crate::settings::Field::TwimlAppSid,
    crate::settings::Field::TwilioNumber,
];

/// What the API key and the TwiML App are called: the app and the machine, so a user with
/// several computers can tell them apart in the Console. Never used to recognise them: set-up
/// finds its own by the SIDs in its [`SetupRecord`].
pub fn friendly_name(machine: &str) -> String {
    let machine: String = machine
        .chars()
        .filter(|c| !c.is_control())
        .take(48)
        .collect();
    if machine.trim().is_empty() {
        "Dialtone".to_owned()
    } else {
        format!("Dialtone on {}", machine.trim())
    }
}

/// Where Dialtone's REST calls go (`https://api.twilio.com`, or `DIALTONE_TWILIO_API_BASE`)
/// and with which timeouts and retries.
#[derive(Debug, Clone)]
pub struct TwilioApi {
    pub base: String,
    pub options: ClientOptions,
}

impl Default for TwilioApi {
    fn default() -> Self {
        Self {
            base: TWILIO_API_BASE.to_owned(),
            options: ClientOptions::default(),
        }
    }
}

impl TwilioApi {
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into(),
            options: ClientOptions::default(),
        }
    }

    pub fn client(&self, credentials: Credentials) -> Result<Client, TwilioError> {
        Client::new(&self.base, credentials, self.options.clone())
    }
}

/// What a set-up step needs from around it.
#[derive(Clone, Copy)]
pub struct SetupEnv<'a> {
    pub api: &'a TwilioApi,
    pub store: &'a Store,
    pub record: &'a RecordFile,
    /// This computer's name, for the names of what set-up creates.
    pub machine: &'a str,
}

impl SetupEnv<'_> {
    pub fn friendly_name(&self) -> String {
        friendly_name(self.machine)
    }
}

/// The voice webhook's URL under a public base.
pub fn voice_url(public_base: &str) -> String {
    format!("{public_base}{VOICE_PATH}")
}

/// One change to the Twilio account, as it is put to the user before it is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Change {
    CreateKey {
        name: String,
    },
    CreateApp {
        name: String,
        voice_url: Option<String>,
    },
    PointApp {
        sid: String,
        voice_url: String,
    },
    BindNumber {
        number: String,
        /// What the number did before, when it was wired elsewhere.
        replaces: Option<String>,
    },
    RestoreNumber {
        number: String,
        to: String,
    },
    DeleteApp {
        sid: String,
    },
    DeleteKey {
        sid: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::CreateKey { name } => write!(f, "create a Standard API key named \"{name}\""),
            Change::CreateApp {
                name,
                voice_url: Some(url),
            } => write!(
                f,
                "create a TwiML App named \"{name}\" whose Voice URL is {url} (POST)"
            ),
            Change::CreateApp {
                name,
                voice_url: None,
            } => write!(
                f,
                "create a TwiML App named \"{name}\" (its Voice URL follows once a tunnel runs)"
            ),
            Change::PointApp { sid, voice_url } => {
                write!(
                    f,
                    "set the Voice URL of the TwiML App {sid} to {voice_url} (POST)"
                )
            }
            Change::BindNumber {
                number,
                replaces: Some(was),
            } => write!(
                f,
                "send the calls of {number} to that TwiML App instead of {was}"
            ),
            Change::BindNumber {
                number,
                replaces: None,
            } => write!(f, "send the calls of {number} to that TwiML App"),
            Change::RestoreNumber { number, to } => {
                write!(f, "give {number} back its old voice configuration: {to}")
            }
            Change::DeleteApp { sid } => write!(f, "delete Dialtone's TwiML App {sid}"),
            Change::DeleteKey { sid } => write!(f, "delete Dialtone's API key {sid}"),
        }
    }
}

/// Asked before each change to the account. The command line asks the user (unless `--yes`);
/// the wizard in the window has shown the plan and the user pressed Connect, so it approves all.
pub trait Approve: Send {
    fn approve(&mut self, change: &Change) -> bool;
}

/// Approves every change.
pub struct ApproveAll;

impl Approve for ApproveAll {
    fn approve(&mut self, _change: &Change) -> bool {
        true
    }
}

/// Twilio's own demo answer, which a new number starts with: not "wired elsewhere".
const DEMO_VOICE_URLS: &[&str] = &[
    "https://demo.twilio.com/welcome/voice/",
    "https://demo.twilio.com/welcome/voice",
    "http://demo.twilio.com/welcome/voice/",
    "http://demo.twilio.com/welcome/voice",
];

/// Where a number sends its calls, as set-up sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "camelCase")]
pub enum NumberWiring {
    /// Nothing configured.
    Free,
    /// Twilio's demo answer, as a new number has.
    Demo,
    /// Already bound to Dialtone's own TwiML App.
    Dialtone,
    /// Somewhere else: taking it over needs the user's confirmation.
    Elsewhere(String),
}

impl NumberWiring {
    /// `our_app` is the TwiML App Dialtone made for this account, if any.
    pub fn of(voice: &VoiceConfig, our_app: Option<&str>) -> Self {
        if let Some(trunk) = &voice.trunk_sid {
            return NumberWiring::Elsewhere(format!("the SIP trunk {trunk}"));
        }
        if let Some(app) = &voice.voice_application_sid {
            return if Some(app.as_str()) == our_app {
                NumberWiring::Dialtone
            } else {
                NumberWiring::Elsewhere(format!("the TwiML App {app}"))
            };
        }
        match &voice.voice_url {
            None => NumberWiring::Free,
            Some(url) if DEMO_VOICE_URLS.contains(&url.as_str()) => NumberWiring::Demo,
            Some(url) => NumberWiring::Elsewhere(format!("the URL {}", shown_url(url))),
        }
    }
}

/// A URL for messages: without a user name or password it may carry.
pub fn shown_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        Err(_) => "a URL that is not well formed".to_owned(),
    }
}

/// A voice configuration in words, for undo's "give it back" line.
pub fn describe_voice(voice: &VoiceConfig) -> String {
    match NumberWiring::of(voice, None) {
        NumberWiring::Free => "no voice configuration".to_owned(),
        NumberWiring::Demo => "Twilio's demo answer".to_owned(),
        NumberWiring::Dialtone => unreachable!("no app of ours was given"),
        NumberWiring::Elsewhere(what) => what,
    }
}

/// Now, in Unix milliseconds.
pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_free_demo_ours_or_elsewhere() {
        const OURS: &str = "AP0123456789abcdef0123456789abcdef";
        let ours = OURS;
        let with = |f: fn(&mut VoiceConfig)| {
            let mut v = VoiceConfig::default();
            f(&mut v);
            NumberWiring::of(&v, Some(ours))
        };
        assert_eq!(with(|_| {}), NumberWiring::Free);
        assert_eq!(
            with(|v| v.voice_url = Some("https://demo.twilio.com/welcome/voice/".into())),
            NumberWiring::Demo
        );
        assert_eq!(
            with(|v| v.voice_application_sid = Some(OURS.into())),
            NumberWiring::Dialtone
        );
        assert_eq!(
            with(|v| v.voice_url = Some("https://me:pw@crm.example/voice".into())),
            NumberWiring::Elsewhere("the URL https://crm.example/voice".into()),
            "a password in the old URL is not repeated"
        );
        assert!(matches!(
            with(|v| v.trunk_sid = Some("TK1".into())),
            NumberWiring::Elsewhere(t) if t.contains("SIP trunk")
        ));
        assert!(matches!(
            with(|v| v.voice_application_sid = Some("AP9".into())),
            NumberWiring::Elsewhere(t) if t.contains("TwiML App AP9")
        ));
    }

    #[test]
    fn names_carry_the_machine() {
        assert_eq!(friendly_name("kitchen-pc"), "Dialtone on kitchen-pc");
        assert_eq!(friendly_name(" "), "Dialtone");
        assert_eq!(friendly_name("a\nb"), "Dialtone on ab");
    }
}
