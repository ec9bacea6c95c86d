//! A round trip through a real Secret Service, gnome-keyring on the test session's own bus
//! (`scripts/test-session.sh`): save with one process, load with the next, delete, and check
//! with `secret-tool` that the entries really are in the keychain.

mod common;

use std::process::Command;

use common::*;

/// Only the private test session's keychain, never the user's real one.
fn require_test_keychain() {
    assert!(
        test_session_bus().is_some(),
        "this test needs the private test keychain and must not touch yours: run it as `scripts/test-session.sh cargo test --test keychain` (scripts/test.sh does), which starts gnome-keyring on a D-Bus session of its own"
    );
}

fn run(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn secret_tool_lookup(service: &str, field: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", field])
        .output()
        .expect("secret-tool (libsecret-tools) is installed");
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).unwrap())
}

#[test]
fn save_restart_load_delete() {
    require_test_keychain();
    let dir = tempfile::tempdir().unwrap();
    let service = format!("dialtone-test-{}", std::process::id());

    // Save: the tutorial's .env imported in one process...
    let dotenv: String = credential_env()
        .iter()
        .map(|(k, v)| format!("{k}={v}\n"))
        .collect();
    std::fs::write(dir.path().join("tutorial.env"), dotenv).unwrap();
    let imported = run(dialtone(dir.path()).args(["config", "import", "tutorial.env"]));
    assert!(imported.contains("Now delete tutorial.env"), "{imported}");
    std::fs::remove_file(dir.path().join("tutorial.env")).unwrap();

    // ...is in the keychain, where other programs see it...
    assert_eq!(
        secret_tool_lookup(&service, "account_sid").as_deref(),
        Some(ACCOUNT_SID)
    );
    assert_eq!(
        secret_tool_lookup(&service, "api_key_secret").as_deref(),
        Some(API_KEY_SECRET)
    );
    let file = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(file.contains(NUMBER) && !file.contains(API_KEY_SECRET) && !file.contains(AUTH_TOKEN));

    // ...and a new process loads it (no environment) and can mint a token.
    let shown = run(dialtone(dir.path()).args(["config", "show"]));
    assert!(
        shown.contains(&format!(
            "account_sid            keychain       {ACCOUNT_SID}"
        )),
        "{shown}"
    );
    assert!(
        shown.contains("auth_token             keychain       (set, hidden)"),
        "{shown}"
    );
    assert!(!shown.contains(AUTH_TOKEN) && !shown.contains(API_KEY_SECRET));
    let token = run(dialtone(dir.path()).args(["token"]));
    assert_eq!(token.trim().split('.').count(), 3);

    // A secret typed on stdin replaces the stored one.
    let mut set = dialtone(dir.path())
        .args(["config", "set", "api_key_secret"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    set.stdin
        .take()
        .unwrap()
        .write_all(b"rotated-secret\n")
        .unwrap();
    assert!(set.wait_with_output().unwrap().status.success());
    assert_eq!(
        secret_tool_lookup(&service, "api_key_secret").as_deref(),
        Some("rotated-secret")
    );

    // A malformed value is refused and the stored one survives.
    let bad = dialtone(dir.path())
        .args(["config", "set", "account_sid", "AC123"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("AC followed by 32 hex digits"));
    assert_eq!(
        secret_tool_lookup(&service, "account_sid").as_deref(),
        Some(ACCOUNT_SID)
    );

    // Delete: gone from the keychain and from the next process's view.
    run(dialtone(dir.path()).args(["config", "unset", "--all"]));
    assert_eq!(secret_tool_lookup(&service, "account_sid"), None);
    assert_eq!(secret_tool_lookup(&service, "api_key_secret"), None);
    let shown = run(dialtone(dir.path()).args(["config", "show"]));
    assert!(
        shown.contains("account_sid            unset          (not set)"),
        "{shown}"
    );
}
