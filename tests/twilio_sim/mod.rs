//! Runs the built `twilio-sim` (tests/simulator) for the REST client tests: one simulator per
//! test, on ports the system picks, killed when the test ends.
#![allow(dead_code)] // each test binary uses a different subset

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

pub const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const AUTH_TOKEN: &str = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
pub const API_KEY_SID: &str = "SK0123456789abcdef0123456789abcdef";
pub const API_KEY_SECRET: &str = "an-api-key-secret-for-the-rest-tests";
pub const APP_SID: &str = "AP0123456789abcdef0123456789abcdef";
pub const NUMBER: &str = "+15551234567";

/// `SIM_BIN`, else `twilio-sim` in the target directory (as `tests/e2e/harness.mjs` finds it).
pub fn sim_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("SIM_BIN") {
        return bin.into();
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("debug/twilio-sim");
    assert!(
        bin.exists(),
        "{} is missing: build the simulator first (cargo build -p twilio-sim), or set SIM_BIN",
        bin.display()
    );
    bin
}

pub struct Sim {
    child: Child,
    /// `http://127.0.0.1:PORT`: the REST API's base URL.
    pub rest: String,
    control: String,
    _seed: tempfile::NamedTempFile,
}

/// The account of a finished set-up: the usual number bound to the usual app.
const SET_UP: &[(&str, &str)] = &[
    ("TWIML_APP_SID", APP_SID),
    (
        "DIALTONE_PUBLIC_URL",
        "https://abc123.ngrok.app/handle_calls",
    ),
];

impl Sim {
    /// A simulator whose account holds `seed` on top of the usual number, key and app.
    pub fn start(seed: Value) -> Sim {
        Self::start_with(SET_UP, seed)
    }

    /// An account before set-up: the number (unless `number` is empty) is wired to nothing,
    /// there is no TwiML App, and the only key is one of the user's own.
    pub fn before_setup(number: &str, seed: Value) -> Sim {
        Self::start_with(&[("TWILIO_NUMBER", number)], seed)
    }

    /// `env` on top of the credentials (a `TWILIO_NUMBER` here replaces the usual one).
    pub fn start_with(env: &[(&str, &str)], seed: Value) -> Sim {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        serde_json::to_writer(&mut file, &seed).unwrap();
        let mut child = Command::new(sim_bin())
            .args(["--port", "0", "--control-port", "0", "--rest-port", "0"])
            .arg("--rest-seed")
            .arg(file.path())
            .env_clear()
            .envs([
                ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
                ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
                ("TWILIO_API_KEY_SID", API_KEY_SID),
                ("TWILIO_API_KEY_SECRET", API_KEY_SECRET),
                ("TWILIO_NUMBER", NUMBER),
                ("SIM_WEBHOOK_URL", "http://127.0.0.1:9/handle_calls"),
            ])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("twilio-sim starts");
        let stdout = child.stdout.take().unwrap();
        let mut ports = None;
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            if let Ok(v) = serde_json::from_str::<Value>(&line) {
                ports = Some(v);
                break;
            }
        }
        let ports = ports.expect("twilio-sim printed its ports");
        Sim {
            child,
            rest: format!("http://127.0.0.1:{}", ports["rest_port"]),
            control: format!("http://127.0.0.1:{}", ports["control_port"]),
            _seed: file,
        }
    }

    pub async fn control(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        // reqwest's rustls needs a crypto provider even for plain http; the app installs ring.
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest::Client::new()
            .request(method, format!("{}{path}", self.control))
            .body(body.to_string())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The next `count` requests whose path starts with `path` answer `status` (0: answer as
    /// usual) after `stall_ms`.
    pub async fn fault(&self, fault: Value) {
        self.control(reqwest::Method::POST, "/rest/faults", fault)
            .await;
    }

    pub async fn state(&self) -> Value {
        self.control(reqwest::Method::GET, "/rest/state", json!({}))
            .await
    }

    /// The REST requests the simulator received, in order.
    pub async fn rest_requests(&self) -> Vec<Value> {
        let events = self
            .control(reqwest::Method::GET, "/events", json!({}))
            .await;
        events["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "rest")
            .cloned()
            .collect()
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/2010-04-01/Accounts/{ACCOUNT_SID}{rest}")
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
