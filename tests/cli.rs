//! The `dialtone` binary as users run it: `serve`, `token`, `config`, `doctor`.

mod common;

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Stdio};

use base64::Engine as _;
use common::*;
use serde_json::json;

/// A running `dialtone serve`; killed when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
    log: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_serve(dir: &std::path::Path, extra: &[&str]) -> Server {
    start_serve_with(dir, extra, &[])
}

/// `dialtone serve` with `env` besides the credentials.
fn start_serve_with(dir: &std::path::Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let mut command = dialtone(dir);
    command
        .envs(credential_env())
        .envs(env.iter().copied())
        .args(["serve", "--port", "0"])
        .args(extra);
    let mut child = command.stderr(Stdio::piped()).spawn().unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, log) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let address = loop {
        let line = log
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("dialtone serve logs its address");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim_end_matches("/handle_calls").parse().unwrap();
        }
    };
    Server {
        child,
        address,
        log,
    }
}

impl Server {
    /// `body` to the voice webhook, with `signature` if any.
    fn post_voice(&self, body: &str, signature: Option<&str>) -> (u16, String) {
        post_form(self.address, "/handle_calls", body, signature)
    }
}

#[test]
fn serve_answers_twilio_python_signed_requests_and_refuses_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start_serve(dir.path(), &[]);
    let outbound = outbound_form(UK_NUMBER);
    let inbound = inbound_form("+447700900123");
    let signatures = ask_oracle(&[
        json!({"op": "sign", "auth_token": AUTH_TOKEN, "url": PUBLIC_URL, "params": outbound}),
        json!({"op": "sign", "auth_token": AUTH_TOKEN, "url": PUBLIC_URL, "params": inbound}),
    ]);
    let (out_sig, in_sig) = (
        signatures[0].as_str().unwrap(),
        signatures[1].as_str().unwrap(),
    );

    let (status, xml) = server.post_voice(&encode_form(&outbound), Some(out_sig));
    assert_eq!(status, 200);
    assert!(
        xml.contains("<Number>+442079460958</Number>")
            && xml.contains(r#"callerId="+15551234567""#),
        "{xml}"
    );
    let (status, xml) = server.post_voice(&encode_form(&inbound), Some(in_sig));
    assert_eq!(status, 200);
    assert!(
        xml.contains(&format!("<Client>{IDENTITY}</Client>")),
        "{xml}"
    );

    assert_eq!(server.post_voice(&encode_form(&outbound), None).0, 403);
    let tampered = encode_form(&outbound).replace("442079460958", "442079460999");
    assert_eq!(server.post_voice(&tampered, Some(out_sig)).0, 403);
    for garbage in ["%", "\u{0}\u{1}", "To=%E2%82", "&&&==", ""] {
        let status = server.post_voice(garbage, Some(out_sig)).0;
        assert!(status == 400 || status == 403, "{garbage:?} got {status}");
    }
    let (status, body) = http(server.address, "GET /healthz HTTP/1.1", b"");
    assert_eq!(
        (status, body.as_str()),
        (200, "ok\n"),
        "still alive after garbage"
    );

    // SIGTERM: a graceful stop with exit code 0.
    let pid = server.child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    // Everything it wrote: the reader thread ends at the pipe's end, after the exit.
    let log: Vec<String> = server.log.iter().collect();
    let log = log.join("\n");
    assert!(log.contains("refused webhook"), "{log}");
    assert!(
        !log.contains(AUTH_TOKEN) && !log.contains(API_KEY_SECRET),
        "a secret reached the log"
    );
}

#[test]
fn serve_without_an_auth_token_refuses_to_start_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let output = dialtone(dir.path())
        .envs(
            credential_env()
                .into_iter()
                .filter(|(k, _)| *k != "TWILIO_AUTH_TOKEN"),
        )
        .args(["serve", "--port", "0"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Auth Token (TWILIO_AUTH_TOKEN)"),
        "{stderr}"
    );
}

#[test]
fn serve_with_the_check_off_warns_on_every_request() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_serve(dir.path(), &["--insecure-skip-signature-check"]);
    for _ in 0..2 {
        let (status, _) = server.post_voice(&encode_form(&inbound_form("+15557654321")), None);
        assert_eq!(status, 200);
    }
    // The log reaches us through a pipe and a reader thread: wait for it, not a fixed time.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut warnings = 0;
    while warnings < 2 {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match server.log.recv_timeout(left) {
            Ok(line) if line.contains("SIGNATURE CHECK IS OFF") => warnings += 1,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    assert_eq!(warnings, 2, "one warning per request");
}

/// `serve` has no window, so no reader's language: callers hear the `language` setting's,
/// else the system's (`LANG`).
#[test]
fn serve_speaks_the_language_setting_else_the_systems() {
    let call = inbound_form("+447700900123");
    for (env, japanese) in [
        (&[("LANG", "ja_JP.UTF-8")][..], true),
        (
            &[("LANG", "ja_JP.UTF-8"), ("DIALTONE_LANGUAGE", "en")],
            false,
        ),
        (
            &[("LANG", "en_US.UTF-8"), ("DIALTONE_LANGUAGE", "ja")],
            true,
        ),
        (&[("LANG", "en_US.UTF-8")], false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        // Straight to voicemail, whose greeting is spoken in the language.
        let env = [env, &[("DIALTONE_DO_NOT_DISTURB", "true")]].concat();
        let server = start_serve_with(dir.path(), &[], &env);
        let (status, xml) = post_signed(server.address, "/handle_calls", &call);
        assert_eq!(status, 200, "{env:?}: {xml}");
        assert!(xml.contains("<Record"), "{env:?}: {xml}");
        assert_eq!(
            xml.contains(r#"language="ja-JP""#),
            japanese,
            "{env:?}: {xml}"
        );
    }
}

#[test]
fn serve_on_a_busy_port_says_which_and_how_to_pick_another() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = dialtone(dir.path())
        .envs(credential_env())
        .args(["serve", "--port", &port])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {port} is already in use")) && stderr.contains("--port"),
        "{stderr}"
    );
}

#[test]
fn token_prints_a_token_with_our_claims() {
    let dir = tempfile::tempdir().unwrap();
    let output = dialtone(dir.path())
        .envs(credential_env())
        .args(["token", "--ttl", "120"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let token = String::from_utf8(output.stdout).unwrap();
    let payload = token.trim().split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["iss"], API_KEY_SID);
    assert_eq!(claims["sub"], ACCOUNT_SID);
    assert_eq!(claims["grants"]["identity"], IDENTITY);
    assert_eq!(
        claims["grants"]["voice"]["outgoing"]["application_sid"],
        APP_SID
    );
    assert_eq!(claims["grants"]["voice"]["incoming"]["allow"], true);
    let lifetime = claims["exp"].as_u64().unwrap()
        - claims["jti"]
            .as_str()
            .unwrap()
            .rsplit('-')
            .next()
            .unwrap()
            .parse::<u64>()
            .unwrap();
    assert_eq!(lifetime, 120);
}

#[test]
fn token_errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let too_long = dialtone(dir.path())
        .envs(credential_env())
        .args(["token", "--ttl", "90000"])
        .output()
        .unwrap();
    assert!(!too_long.status.success());
    assert!(String::from_utf8_lossy(&too_long.stderr).contains("24 hours"));

    let missing = dialtone(dir.path())
        .env("TWILIO_ACCOUNT_SID", "ACnope")
        .args(["token"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("TWILIO_API_KEY_SECRET")
            && stderr.contains("Account SID (account_sid) is not valid"),
        "{stderr}"
    );
}

#[test]
fn a_dotenv_in_the_working_directory_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let dotenv: String = credential_env()
        .iter()
        .map(|(k, v)| format!("{k}={v}\n"))
        .collect();
    std::fs::write(dir.path().join(".env"), dotenv).unwrap();
    let output = dialtone(dir.path()).args(["token"]).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `config show` names the `.env` a value came from: a forgotten file in the working folder
/// should be easy to spot.
#[test]
fn config_show_names_the_dotenv_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), "TWILIO_NUMBER=+15557654321\n").unwrap();
    let output = dialtone(dir.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("twilio_number"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let expected = format!(".env ({})", dir.path().join(".env").display());
    assert!(line.contains(&expected), "{line}");
}

/// A client that sent its headers and then stalls in the body must not keep `serve` alive
/// after SIGTERM: it waits a few seconds for requests in flight, then exits.
#[test]
fn sigterm_stops_serve_in_seconds_while_a_client_stalls() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let mut server = start_serve(dir.path(), &[]);
    let mut stalled = std::net::TcpStream::connect(server.address).unwrap();
    stalled
        .write_all(b"POST /handle_calls HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 5000\r\n\r\nAccountSid=AC")
        .unwrap();
    // The server has the stalled request once it answers another one.
    assert_eq!(http(server.address, "GET /healthz HTTP/1.1", b"").0, 200);
    let started = std::time::Instant::now();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap()
        .success());
    let deadline = started + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "serve is still running 20 s after SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let log: Vec<String> = server.log.iter().collect();
    assert!(
        log.iter().any(|l| l.contains("still busy")),
        "the log says it closed the stalled connection: {log:?}"
    );
    drop(stalled);
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["token", "--help"],
        &["config", "--help"],
        &["config", "show", "--help"],
        &["config", "set", "--help"],
        &["config", "import", "--help"],
        &["config", "unset", "--help"],
        &["doctor", "--help"],
    ] {
        let output = dialtone(dir.path()).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

/// With no Secret Service at all, saving fails loudly and nothing is written in plain text.
#[test]
fn no_keychain_means_a_clear_error_and_no_plaintext_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let output = dialtone(dir.path())
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .args(["config", "set", "api_key_secret", "not-saved-anywhere"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("keychain could not be reached") && stderr.contains("Secret Service"),
        "{stderr}"
    );
    assert!(!dir.path().join("settings.json").exists());

    // The environment still works without a keychain.
    let token = dialtone(dir.path())
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .envs(credential_env())
        .args(["token"])
        .output()
        .unwrap();
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
}

#[test]
fn doctor_passes_with_complete_settings_and_fails_without() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dialtone(dir.path()).args(["doctor"]).output().unwrap();
    assert!(!empty.status.success());
    let report = String::from_utf8_lossy(&empty.stdout);
    assert!(report.contains("[FAIL] Account SID: not set"), "{report}");
}
