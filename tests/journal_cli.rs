//! The journal from the command line, as a user runs it: `dialtone serve` journals what Twilio
//! sends, is killed with SIGKILL right after answering, and `dialtone history --json`,
//! `voicemail list --json` and `contacts import/list` read the same file afterwards (and while
//! the listener runs). A damaged file is moved aside and `doctor` says so.

mod common;

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Stdio};

use common::*;
use serde_json::Value;

/// `dialtone serve`, killed when the test ends however it ends (a failed assertion must not
/// leave it running, holding the test harness's pipes).
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_serve(dir: &std::path::Path) -> (Serve, SocketAddr) {
    let mut child = dialtone(dir)
        .envs(credential_env())
        .args(["serve", "--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = loop {
        let line = stderr
            .next()
            .expect("dialtone serve logs its address")
            .unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim_end_matches("/handle_calls").parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in stderr {});
    (Serve(child), address)
}

fn run_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let output = dialtone(dir)
        .envs(credential_env())
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&output.stdout)))
}

/// The shape for one history entry, key by key.
fn check_shape(entry: &Value) {
    // (serde_json's map keeps keys sorted.)
    let keys: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "call_sid",
            "direction",
            "duration_secs",
            "name",
            "number",
            "quality",
            "started_at",
            "status",
            "voicemail"
        ]
    );
    assert!(entry["call_sid"].as_str().unwrap().starts_with("CA"));
    assert!(["inbound", "outbound"].contains(&entry["direction"].as_str().unwrap()));
    assert!(entry["name"].is_null() || entry["name"].is_string());
    let started = entry["started_at"].as_str().unwrap();
    assert!(
        started.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(started).is_ok(),
        "{started}"
    );
    assert!(
        ["answered", "missed", "declined", "busy", "failed", "refused"]
            .contains(&entry["status"].as_str().unwrap())
    );
    assert!(entry["duration_secs"].is_u64());
    if !entry["voicemail"].is_null() {
        let keys: Vec<&str> = entry["voicemail"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["duration_secs", "heard", "recording_sid"]);
    }
    if !entry["quality"].is_null() {
        let q = &entry["quality"];
        let keys: Vec<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["average_mos", "codec", "worst_warning"]);
        assert!(q["codec"].is_null() || q["codec"].is_string());
        assert!(q["average_mos"].is_null() || q["average_mos"].is_f64());
        assert!(q["worst_warning"].is_null() || q["worst_warning"].is_string());
    }
}

#[test]
fn history_json_carries_the_quality_the_phone_measured() {
    use dialtone::journal::{
        CallQuality, CallRoute, Direction, Journal, LegQuality, LegReport, RoutedCall,
    };
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("data").join("calls.sqlite3"));
    let (measured, unmeasured) = (
        "CA00000000000000000000000000000001",
        "CA00000000000000000000000000000002",
    );
    for (sid, at) in [
        (unmeasured, 1_714_564_800_000),
        (measured, 1_714_564_900_000),
    ] {
        journal
            .record_routed(RoutedCall {
                call_sid: sid.into(),
                direction: Direction::Outbound,
                number: "+15557654321".into(),
                started_at: at,
                route: CallRoute::Dial,
                caller_name: None,
            })
            .wait()
            .unwrap();
        journal
            .record_leg(LegReport {
                leg_sid: sid.into(),
                direction: Direction::Outbound,
                number: "+15557654321".into(),
                at,
                answered_at: Some(at + 1000),
                ended: false,
            })
            .wait()
            .unwrap();
    }
    journal
        .record_quality(LegQuality {
            leg_sid: measured.into(),
            quality: CallQuality {
                codec: Some("opus".into()),
                average_mos: Some(4.1234),
                worst_warning: Some("high-jitter".into()),
            },
            at: 1_714_564_960_000,
        })
        .wait()
        .unwrap();
    drop(journal);
    let history = run_json(dir.path(), &["history", "--json"]);
    for entry in history.as_array().unwrap() {
        check_shape(entry);
    }
    assert_eq!(
        history[0]["quality"],
        serde_json::json!({"codec": "opus", "average_mos": 4.1, "worst_warning": "high-jitter"})
    );
    assert_eq!(history[1]["call_sid"], unmeasured);
    assert!(history[1]["quality"].is_null(), "{history}");
}

#[test]
fn serve_journals_a_missed_call_that_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, address) = start_serve(dir.path());
    let call = "CA0000000000000000000000000000abcd";
    let mut form = inbound_form("+447700900123");
    for (k, v) in &mut form {
        if k == "CallSid" {
            *v = call.to_owned();
        }
    }
    let before = chrono::Utc::now().timestamp() - 1;
    let (status, xml) = post_signed(address, "/handle_calls", &form);
    assert_eq!(status, 200, "{xml}");
    // While the listener runs, the command line reads the same file.
    let live = run_json(dir.path(), &["history", "--json"]);
    assert_eq!(live.as_array().unwrap().len(), 1);

    let mut action = form.clone();
    action.extend(pairs(&[
        ("DialCallStatus", "no-answer"),
        ("DialCallSid", "CA0000000000000000000000000000abce"),
        ("DialCallDuration", "0"),
    ]));
    let (status, xml) = post_signed(address, "/dial_status", &action);
    assert!(status == 200 && xml.contains("<Record "), "{xml}");
    let recording = pairs(&[
        ("AccountSid", ACCOUNT_SID),
        ("CallSid", call),
        ("RecordingDuration", "12"),
        ("RecordingSid", "RE0000000000000000000000000000abcd"),
        ("RecordingStatus", "completed"),
        ("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0000000000000000000000000000abcd"),
    ]);
    let (status, _) = post_signed(address, "/voicemail/status", &recording);
    assert_eq!(status, 204);
    // Killed the moment Twilio got its answer: no clean shutdown, no flush.
    server.0.kill().unwrap();
    server.0.wait().unwrap();

    let history = run_json(dir.path(), &["history", "--json"]);
    let entries = history.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    check_shape(&entries[0]);
    let started = chrono::DateTime::parse_from_rfc3339(entries[0]["started_at"].as_str().unwrap())
        .unwrap()
        .timestamp();
    assert!((before..=chrono::Utc::now().timestamp()).contains(&started));
    let mut entry = entries[0].clone();
    entry.as_object_mut().unwrap().remove("started_at");
    assert_eq!(
        entry,
        serde_json::json!({"call_sid": call, "direction": "inbound", "number": "+447700900123", "name": "José Núñez", "status": "missed", "duration_secs": 0, "voicemail": {"recording_sid": "RE0000000000000000000000000000abcd", "duration_secs": 12, "heard": false}, "quality": null})
    );
    assert_eq!(
        run_json(
            dir.path(),
            &["history", "--json", "--missed", "--limit", "1"]
        ),
        history
    );
    let inbox = run_json(dir.path(), &["voicemail", "list", "--json"]);
    assert_eq!(
        inbox[0]["recording_sid"],
        "RE0000000000000000000000000000abcd"
    );
    assert_eq!(inbox[0]["number"], "+447700900123");

    // Contacts from a vCard name the caller everywhere.
    let vcf = repo_root().join("tests/fixtures/vcards/android-2.1-quoted-printable.vcf");
    let output = dialtone(dir.path())
        .envs(credential_env())
        .args(["contacts", "import"])
        .arg(&vcf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && text.contains("imported 2 contact(s)"),
        "{text}"
    );
    assert!(
        text.contains("not a phone number, left out: José Núñez: 020 7946 0958"),
        "{text}"
    );
    assert_eq!(
        run_json(dir.path(), &["contacts", "list", "--json"])[1]["name"],
        "José Núñez"
    );
    let history = run_json(dir.path(), &["history", "--json"]);
    assert_eq!(history[0]["name"], "José Núñez", "now from the contact");

    // The plain listing, for people.
    let output = dialtone(dir.path()).args(["history"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("+447700900123") && text.contains("missed") && text.contains("12 s, new"),
        "{text}"
    );
}

#[test]
fn a_damaged_history_is_moved_aside_and_doctor_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("calls.sqlite3"),
        b"PK\x03\x04 this is a zip file, not a database".repeat(100),
    )
    .unwrap();
    let output = dialtone(dir.path())
        .envs(credential_env())
        .arg("doctor")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("[warn] call history: the call history file was damaged and was moved to"),
        "{text}"
    );
    let moved: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("calls.sqlite3.damaged-"))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(
        std::fs::read(data.join(&moved[0]))
            .unwrap()
            .starts_with(b"PK"),
        "kept as it was"
    );
    assert_eq!(
        run_json(dir.path(), &["history", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn history_that_cannot_be_opened_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("calls.sqlite3")).unwrap();
    let output = dialtone(dir.path())
        .args(["history", "--json"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("call history is unavailable") && text.contains("cannot be opened"),
        "{text}"
    );
}
