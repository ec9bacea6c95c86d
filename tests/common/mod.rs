//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::PathBuf;
use std::process::{Command, Stdio};

use dialtone::phone_number::{Country, E164};
use dialtone::secret::Secret;
use dialtone::settings::{TokenSettings, WebhookSettings};

mod twilio_request;
#[allow(unused_imports)] // like the rest of this module: some test binaries post no webhook
pub use twilio_request::*;

pub const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const AUTH_TOKEN: &str = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
pub const API_KEY_SID: &str = "SK0123456789abcdef0123456789abcdef";
pub const API_KEY_SECRET: &str = "an-api-key-secret";
pub const APP_SID: &str = "AP0123456789abcdef0123456789abcdef";
pub const NUMBER: &str = "+15551234567";
pub const IDENTITY: &str = "dialtone_15551234567";
/// The public URL as the settings name it (the TwiML App's Voice URL).
pub const PUBLIC_URL: &str = "https://abc123.ngrok.app/handle_calls";
/// Its base, which the webhook keeps: Twilio signs each route over it plus the route's path.
pub const PUBLIC_BASE: &str = "https://abc123.ngrok.app";
/// Twilio's default `timeLimit`, which the settings default to.
pub const MAX_CALL_SECONDS: u32 = 14_400;
/// A London number in Ofcom's drama range, which libphonenumber knows as a fixed line (the
/// mobile drama range, 07700 900xxx, was never assigned and is refused as not in use).
pub const UK_NUMBER: &str = "+442079460958";

pub fn webhook_settings() -> WebhookSettings {
    WebhookSettings {
        account_sid: ACCOUNT_SID.into(),
        auth_token: Some(Secret::new(AUTH_TOKEN)),
        twilio_number: E164::parse(NUMBER).unwrap(),
        identity: IDENTITY.into(),
        public_base: Some(PUBLIC_BASE.into()),
        allowed_country_codes: vec![Country::parse("1").unwrap(), Country::parse("44").unwrap()],
        allowed_numbers: vec![],
        max_call_seconds: MAX_CALL_SECONDS,
        outgoing_caller_id: None,
    }
}

pub fn token_settings() -> TokenSettings {
    TokenSettings {
        account_sid: ACCOUNT_SID.into(),
        api_key_sid: API_KEY_SID.into(),
        api_key_secret: Secret::new(API_KEY_SECRET),
        twiml_app_sid: APP_SID.into(),
        identity: IDENTITY.into(),
    }
}

/// The environment a `dialtone` process needs, with the tutorial's variable names.
pub fn credential_env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
        ("TWILIO_API_KEY_SID", API_KEY_SID),
        ("TWILIO_API_KEY_SECRET", API_KEY_SECRET),
        ("TWIML_APP_SID", APP_SID),
        ("TWILIO_NUMBER", NUMBER),
        ("DIALTONE_PUBLIC_URL", PUBLIC_URL),
        ("DIALTONE_ALLOWED_COUNTRY_CODES", "1,44"),
    ]
}

/// A form as Twilio sends it for a call placed by our app (`twilio.md` §3.1).
pub fn outbound_form(to: &str) -> Vec<(String, String)> {
    pairs(&[
        ("AccountSid", ACCOUNT_SID),
        ("ApiVersion", "2010-04-01"),
        ("ApplicationSid", APP_SID),
        ("CallSid", "CA0123456789abcdef0123456789abcdef"),
        ("CallStatus", "ringing"),
        ("Called", ""),
        ("Caller", &format!("client:{IDENTITY}")),
        ("Direction", "inbound"),
        ("From", &format!("client:{IDENTITY}")),
        ("To", to),
    ])
}

/// A form as Twilio sends it for someone calling our number (`twilio.md` §3.2).
pub fn inbound_form(from: &str) -> Vec<(String, String)> {
    pairs(&[
        ("AccountSid", ACCOUNT_SID),
        ("ApiVersion", "2010-04-01"),
        ("CallSid", "CA00000000000000000000000000000001"),
        ("CallStatus", "ringing"),
        ("Called", NUMBER),
        ("CalledCountry", "US"),
        ("Caller", from),
        ("CallerName", "José Núñez"),
        ("Direction", "inbound"),
        ("From", from),
        ("To", NUMBER),
    ])
}

pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

pub fn encode_form(params: &[(String, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        serializer.append_pair(k, v);
    }
    serializer.finish()
}

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The oracle's interpreter: `DIALTONE_ORACLE_PYTHON`, else the venv the test script makes.
pub fn oracle_python() -> PathBuf {
    if let Some(python) = std::env::var_os("DIALTONE_ORACLE_PYTHON") {
        return python.into();
    }
    let venv = repo_root().join(".venv-oracle/bin/python");
    assert!(
        venv.exists(),
        "the twilio-python oracle is not installed: run `scripts/test.sh` once (it creates .venv-oracle), or set DIALTONE_ORACLE_PYTHON to a python with twilio==9.13.0"
    );
    venv
}

/// Sends `requests` to twilio-python (tests/oracle/oracle.py) and returns its answers in order.
pub fn ask_oracle(requests: &[serde_json::Value]) -> Vec<serde_json::Value> {
    use std::io::Write as _;
    let mut child = Command::new(oracle_python())
        .arg(repo_root().join("tests/oracle/oracle.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the oracle's python starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(requests).unwrap().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the oracle failed");
    let answers: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answers.len(), requests.len());
    answers
}

/// A small deterministic generator, so every run checks the same cases and a failure repeats.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// The D-Bus address of the private test session that `scripts/test-session.sh` starts
/// (its own bus and an empty gnome-keyring), or `None` outside one. Only that bus may be
/// reached: the user's own session bus leads to their real keychain, which a test must never
/// read (a locked one would even pop up an unlock prompt) or write.
pub fn test_session_bus() -> Option<std::ffi::OsString> {
    let session = std::env::var_os("DIALTONE_TEST_SESSION")?;
    let address = std::env::var_os("DBUS_SESSION_BUS_ADDRESS")?;
    let expected = format!("unix:path={}/", std::path::Path::new(&session).display());
    address.to_str()?.starts_with(&expected).then_some(address)
}

/// A `dialtone` command with a clean environment: only what the test passes, a private
/// settings folder, and a keychain service name no real user has. Outside the test session
/// it gets a bus that does not exist, so it sees no keychain rather than the user's.
pub fn dialtone(config_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dialtone"));
    command.env_clear().current_dir(config_dir);
    for key in ["PATH", "HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME"] {
        if let Some(value) = std::env::var_os(key) {
            command.env(key, value);
        }
    }
    command.env(
        "DBUS_SESSION_BUS_ADDRESS",
        test_session_bus().unwrap_or_else(|| "unix:path=/nonexistent/bus".into()),
    );
    command
        .env("DIALTONE_CONFIG_DIR", config_dir)
        // The call journal and the voicemail cache too, never the user's real data folder.
        .env("DIALTONE_DATA_DIR", config_dir.join("data"))
        .env(
            "DIALTONE_KEYCHAIN_SERVICE",
            format!("dialtone-test-{}", std::process::id()),
        )
        .env("RUST_LOG", "info");
    command
}

/// One HTTP/1.1 request over a fresh connection; returns (status, body).
pub fn http(address: std::net::SocketAddr, request_head: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let head = format!(
        "{request_head}\r\nhost: 127.0.0.1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let status = reply
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status in {reply:?}"));
    let body = reply
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

/// A port that was free a moment ago, for settings that refuse 0.
pub fn free_port() -> String {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string()
}

/// The whole body of an axum response, as text.
pub async fn body_text(response: axum::http::Response<axum::body::Body>) -> String {
    use http_body_util::BodyExt as _;
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}
