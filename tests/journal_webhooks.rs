//! The call journal fed by signed webhook sequences through the real router, as Twilio sends
//! them (`twilio.md` §3, `twilio-rest.md` §3): inbound answered, no answer to voicemail,
//! declined, do-not-disturb, outbound completed and busy, refused. Forged callbacks change
//! nothing. The history is checked entry by entry, exactly as `dialtone history --json` prints
//! it, and the file is inspected with Python's own sqlite3.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::http::StatusCode;
use axum::Router;
use common::*;
use dialtone::journal::greeting::Greeting;
use dialtone::journal::{
    ContactDraft, ContactNumber, Direction, HistoryFilter, Journal, LegReport,
};
use dialtone::signature;
use dialtone::webhook::answering::Answering;
use dialtone::webhook::{self, Context};
use serde_json::{json, Value};

/// 2024-05-01T12:00:00Z.
const T0: i64 = 1_714_564_800_000;

fn sid(prefix: &str, n: u32) -> String {
    format!("{prefix}{n:032x}")
}

struct Phone {
    _dir: tempfile::TempDir,
    journal: Journal,
    router: Router,
    clock: Arc<AtomicI64>,
}

impl Phone {
    fn new(answering: Answering) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(&dir.path().join("calls.sqlite3"));
        assert!(journal.is_available(), "{:?}", journal.status());
        let clock = Arc::new(AtomicI64::new(T0));
        let now = clock.clone();
        let context = Context::new(webhook_settings(), true, Default::default())
            .with_answering(answering)
            .with_journal(journal.clone(), Greeting::new(Some(dir.path().to_owned())))
            .with_clock(move || now.load(Ordering::SeqCst));
        Self {
            router: webhook::router(Arc::new(context)),
            journal,
            clock,
            _dir: dir,
        }
    }

    fn at(&self, secs: i64) {
        self.clock.store(T0 + secs * 1000, Ordering::SeqCst);
    }

    async fn post_signed_for(
        &self,
        path: &str,
        signed_path: &str,
        form: &[(String, String)],
    ) -> (StatusCode, String) {
        let sig = twilio_signature(signed_path, form);
        self.send(path, form, Some(&sig)).await
    }

    async fn post(&self, path: &str, form: &[(String, String)]) -> (StatusCode, String) {
        answer(&self.router, signed_request(path, form)).await
    }

    async fn send(
        &self,
        path: &str,
        form: &[(String, String)],
        sig: Option<&str>,
    ) -> (StatusCode, String) {
        answer(&self.router, form_request(path, encode_form(form), sig)).await
    }

    fn history(&self, missed_only: bool) -> Value {
        let entries = self
            .journal
            .history(HistoryFilter {
                missed_only,
                limit: None,
            })
            .unwrap();
        serde_json::to_value(entries).unwrap()
    }
}

/// The standard parameters of a call someone placed to our number.
fn inbound(call_sid: &str, from: &str) -> Vec<(String, String)> {
    let mut form = inbound_form(from);
    for (k, v) in &mut form {
        if k == "CallSid" {
            *v = call_sid.to_owned();
        }
    }
    form
}

fn outbound(call_sid: &str, to: &str) -> Vec<(String, String)> {
    let mut form = outbound_form(to);
    for (k, v) in &mut form {
        if k == "CallSid" {
            *v = call_sid.to_owned();
        }
    }
    form
}

/// The `<Dial action>` request: the parent's parameters plus the dialled leg's outcome.
fn dial_action(
    mut form: Vec<(String, String)>,
    status: &str,
    child: &str,
    secs: u32,
) -> Vec<(String, String)> {
    form.retain(|(k, _)| k != "CallStatus");
    form.extend(pairs(&[
        ("CallStatus", "in-progress"),
        ("DialBridged", if secs > 0 { "true" } else { "false" }),
        ("DialCallDuration", &secs.to_string()),
        ("DialCallSid", child),
        ("DialCallStatus", status),
    ]));
    form
}

fn recording(
    call_sid: &str,
    recording_sid: &str,
    status: &str,
    secs: u32,
) -> Vec<(String, String)> {
    pairs(&[
        ("AccountSid", ACCOUNT_SID),
        ("CallSid", call_sid),
        ("RecordingChannels", "1"),
        ("RecordingDuration", &secs.to_string()),
        ("RecordingSid", recording_sid),
        ("RecordingSource", "RecordVerb"),
        ("RecordingStatus", status),
        ("RecordingUrl", &format!("https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{recording_sid}")),
    ])
}

fn record_action(call_sid: &str, recording_sid: &str, secs: u32) -> Vec<(String, String)> {
    let mut form = inbound(call_sid, "+15557654321");
    form.extend(pairs(&[
        ("Digits", "hangup"),
        ("RecordingDuration", &secs.to_string()),
        ("RecordingSid", recording_sid),
        ("RecordingUrl", &format!("https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{recording_sid}")),
    ]));
    form
}

#[tokio::test]
async fn every_kind_of_call_is_journaled_from_twilios_webhooks() {
    let phone = Phone::new(Answering::default());
    let (a, b, c, d, e, f) = (
        sid("CA", 0xa),
        sid("CA", 0xb),
        sid("CA", 0xc),
        sid("CA", 0xd),
        sid("CA", 0xe),
        sid("CA", 0xf),
    );
    let (child_a, child_b, child_c, child_d, child_e) = (
        sid("CA", 0xa1),
        sid("CA", 0xb1),
        sid("CA", 0xc1),
        sid("CA", 0xd1),
        sid("CA", 0xe1),
    );
    let message = sid("RE", 0xb);

    // A: someone calls; the phone answers (its report names the child leg); 42 s.
    let (status, xml) = phone
        .post("/handle_calls", &inbound(&a, "+447700900123"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(xml.contains(r#"<Dial action="dial_status" answerOnBridge="true" callerId="+447700900123" timeLimit="14400" timeout="30">"#), "{xml}");
    phone
        .journal
        .record_leg(LegReport {
            leg_sid: child_a.clone(),
            direction: Direction::Inbound,
            number: "+447700900123".into(),
            at: T0 + 2_000,
            answered_at: Some(T0 + 5_000),
            ended: false,
        })
        .await
        .unwrap();
    phone.at(50);
    let (status, xml) = phone
        .post(
            "/dial_status",
            &dial_action(inbound(&a, "+447700900123"), "completed", &child_a, 42),
        )
        .await;
    assert_eq!(
        (status, xml.as_str()),
        (
            StatusCode::OK,
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Hangup /></Response>"#
        )
    );

    // B: nobody answers in time; the caller leaves 7 s.
    phone.at(100);
    phone
        .post("/handle_calls", &inbound(&b, "+15557654321"))
        .await;
    phone.at(131);
    let (_, xml) = phone
        .post(
            "/dial_status",
            &dial_action(inbound(&b, "+15557654321"), "no-answer", &child_b, 0),
        )
        .await;
    assert!(xml.contains("<Say>The person you are calling is not available. Please leave a message after the tone.</Say><Record action=\"voicemail/recorded\" maxLength=\"120\" recordingStatusCallback=\"voicemail/status\" />"), "{xml}");
    phone.at(140);
    let (status, xml) = phone
        .post("/voicemail/recorded", &record_action(&b, &message, 7))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(xml.contains("<Hangup />"), "{xml}");
    assert!(
        phone.journal.voicemails().unwrap().is_empty(),
        "not in the inbox until the recording is ready"
    );
    phone.at(141);
    let (status, _) = phone
        .post(
            "/voicemail/status",
            &recording(&b, &message, "completed", 7),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // C: declined on the phone (the SDK's reject ends the <Dial> busy); no message.
    phone.at(200);
    phone
        .post("/handle_calls", &inbound(&c, "+15557654322"))
        .await;
    phone.at(204);
    let (_, xml) = phone
        .post(
            "/dial_status",
            &dial_action(inbound(&c, "+15557654322"), "busy", &child_c, 0),
        )
        .await;
    assert!(
        xml.contains("<Record "),
        "declined calls go to voicemail too: {xml}"
    );
    phone
        .post(
            "/voicemail/status",
            &recording(&c, &sid("RE", 0xc), "absent", 0),
        )
        .await;

    // D: an outgoing call, answered, 15 s. E: an outgoing call to a busy line.
    phone.at(300);
    let (_, xml) = phone
        .post("/handle_calls", &outbound(&d, "+442079460958"))
        .await;
    assert!(xml.contains(r#"<Dial action="dial_status" answerOnBridge="true" callerId="+15551234567" timeLimit="14400"><Number>+442079460958</Number>"#), "{xml}");
    phone.at(320);
    let (_, xml) = phone
        .post(
            "/dial_status",
            &dial_action(outbound(&d, "+442079460958"), "completed", &child_d, 15),
        )
        .await;
    assert!(xml.ends_with("<Response><Hangup /></Response>"), "{xml}");
    phone.at(400);
    phone
        .post("/handle_calls", &outbound(&e, "+12125550150"))
        .await;
    phone
        .post(
            "/dial_status",
            &dial_action(outbound(&e, "+12125550150"), "busy", &child_e, 0),
        )
        .await;

    // F: a destination not allowed: refused aloud, nothing dialled.
    phone.at(500);
    let (_, xml) = phone
        .post("/handle_calls", &outbound(&f, "+882345678901"))
        .await;
    assert!(xml.contains("<Say>") && !xml.contains("<Dial"), "{xml}");

    let expected = json!([
        {"call_sid": f, "direction": "outbound", "number": "+882345678901", "name": null, "started_at": "2024-05-01T12:08:20Z", "status": "refused", "duration_secs": 0, "voicemail": null, "quality": null},
        {"call_sid": e, "direction": "outbound", "number": "+12125550150", "name": null, "started_at": "2024-05-01T12:06:40Z", "status": "busy", "duration_secs": 0, "voicemail": null, "quality": null},
        {"call_sid": d, "direction": "outbound", "number": "+442079460958", "name": null, "started_at": "2024-05-01T12:05:00Z", "status": "answered", "duration_secs": 15, "voicemail": null, "quality": null},
        {"call_sid": c, "direction": "inbound", "number": "+15557654322", "name": "José Núñez", "started_at": "2024-05-01T12:03:20Z", "status": "declined", "duration_secs": 0, "voicemail": null, "quality": null},
        {"call_sid": b, "direction": "inbound", "number": "+15557654321", "name": "José Núñez", "started_at": "2024-05-01T12:01:40Z", "status": "missed", "duration_secs": 0, "voicemail": {"recording_sid": message, "duration_secs": 7, "heard": false}, "quality": null},
        {"call_sid": a, "direction": "inbound", "number": "+447700900123", "name": "José Núñez", "started_at": "2024-05-01T12:00:00Z", "status": "answered", "duration_secs": 42, "voicemail": null, "quality": null},
    ]);
    assert_eq!(phone.history(false), expected);
    assert_eq!(
        phone.history(true),
        json!([expected[4]]),
        "--missed: the incoming call nobody answered"
    );

    // A contact's name wins over Twilio's caller name.
    let journal = phone.journal.clone();
    tokio::task::spawn_blocking(move || {
        journal.add_contact(
            ContactDraft {
                name: "Bea Lopez".into(),
                numbers: vec![ContactNumber {
                    number: "(555) 765-4321".into(),
                    label: None,
                }],
            },
            dialtone::phone_number::Region::parse("US"),
        )
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(phone.history(true)[0]["name"], "Bea Lopez");
    let inbox = phone.journal.voicemails().unwrap();
    assert_eq!(
        (
            inbox.len(),
            inbox[0].name.as_deref(),
            inbox[0].number.as_deref()
        ),
        (1, Some("Bea Lopez"), Some("+15557654321"))
    );

    // The file as another SQLite sees it: intact, WAL, every call there.
    let path = phone.journal.status().path.unwrap();
    let output = std::process::Command::new("python3")
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma integrity_check').fetchone()[0], c.execute('pragma journal_mode').fetchone()[0], c.execute('select count(*) from calls').fetchone()[0], c.execute(\"select status from voicemails order by recording_sid\").fetchall())", &path])
        .output()
        .expect("python3 runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "ok wal 6 [('completed',), ('absent',)]",
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn do_not_disturb_sends_calls_straight_to_voicemail() {
    let phone = Phone::new(Answering {
        do_not_disturb: true,
        ..Answering::default()
    });
    let g = sid("CA", 0x9);
    let (_, xml) = phone
        .post("/handle_calls", &inbound(&g, "+447700900123"))
        .await;
    assert!(!xml.contains("<Dial") && xml.contains("<Record "), "{xml}");
    phone
        .post(
            "/voicemail/status",
            &recording(&g, &sid("RE", 0x9), "completed", 3),
        )
        .await;
    let history = phone.history(true);
    assert_eq!(history[0]["status"], "missed");
    assert_eq!(history[0]["voicemail"]["duration_secs"], 3);
    // Outgoing calls are not affected.
    let (_, xml) = phone
        .post("/handle_calls", &outbound(&sid("CA", 0x8), "+442079460958"))
        .await;
    assert!(xml.contains("<Dial"), "{xml}");
}

#[tokio::test]
async fn forged_callbacks_change_nothing() {
    let phone = Phone::new(Answering::default());
    let a = sid("CA", 0x1);
    phone
        .post("/handle_calls", &inbound(&a, "+447700900123"))
        .await;
    let before = phone.history(false);
    assert_eq!(before[0]["status"], "missed", "no outcome yet");

    let answered = dial_action(
        inbound(&a, "+447700900123"),
        "completed",
        &sid("CA", 0x11),
        60,
    );
    let message = recording(&a, &sid("RE", 0x1), "completed", 30);
    for (path, form) in [
        ("/dial_status", &answered),
        ("/voicemail/status", &message),
        ("/voicemail/recorded", &message),
    ] {
        // No signature, a signature with another token, one for another route, a tampered form.
        let (status, _) = phone.send(path, form, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path} unsigned");
        let wrong = signature::compute(
            "00000000000000000000000000000000",
            &format!("{PUBLIC_BASE}{path}"),
            form,
        );
        assert_eq!(
            phone.send(path, form, Some(&wrong)).await.0,
            StatusCode::FORBIDDEN,
            "{path} wrong token"
        );
        assert_eq!(
            phone.post_signed_for(path, "/handle_calls", form).await.0,
            StatusCode::FORBIDDEN,
            "{path} signed for another route"
        );
        let sig = twilio_signature(path, form);
        let mut tampered = form.clone();
        tampered.push(("RecordingDuration".into(), "1".into()));
        assert_eq!(
            phone.send(path, &tampered, Some(&sig)).await.0,
            StatusCode::FORBIDDEN,
            "{path} tampered"
        );
    }
    let (status, _) = phone
        .send(
            "/handle_calls",
            &inbound(&sid("CA", 0x2), "+15557654321"),
            Some("forged"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(phone.history(false), before, "nothing changed");
    assert!(phone.journal.voicemails().unwrap().is_empty());

    // The same requests, signed: now they count.
    phone.post("/dial_status", &answered).await;
    assert_eq!(phone.history(false)[0]["status"], "answered");
}

#[tokio::test]
async fn a_journal_that_cannot_be_opened_never_stops_a_call() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: SQLite cannot open it, and it is not "damaged".
    std::fs::create_dir(dir.path().join("calls.sqlite3")).unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    let status = journal.status();
    assert!(!status.available);
    assert!(
        status
            .problem
            .as_deref()
            .unwrap()
            .contains("cannot be opened"),
        "{status:?}"
    );
    let context = Context::new(webhook_settings(), true, Default::default())
        .with_journal(journal.clone(), Greeting::new(None));
    let router = webhook::router(Arc::new(context));
    let form = inbound(&sid("CA", 0x3), "+447700900123");
    let (status, xml) = answer(&router, signed_request("/handle_calls", &form)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(xml.contains("<Client>"), "the phone still rings");
    assert!(journal
        .history(HistoryFilter::default())
        .unwrap_err()
        .to_string()
        .contains("call history is unavailable"));
    assert!(dir.path().join("calls.sqlite3").is_dir(), "left as it was");
}
