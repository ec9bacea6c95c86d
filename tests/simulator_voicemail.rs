//! Voicemail through the simulator: a caller rings our number, the phone does not answer, and
//! the simulator does what Twilio does (`twilio-rest.md` §3): it requests the `<Dial action>`
//! with `DialCallStatus`, runs the voicemail TwiML Dialtone answers (`<Play>` of the recorded
//! greeting fetched signed, `<Record>`), the caller speaks a known tone, and the `<Record
//! action>` and the recording status callback reach Dialtone's real webhook router over HTTP,
//! every request signed. The journal then has the call as missed with its voicemail, and the
//! Recordings API serves the caller's tone.

mod twilio_sim;

use std::sync::Arc;

use dialtone::journal::greeting::Greeting;
use dialtone::journal::{CallStatus, Direction, HistoryFilter, Journal};
use dialtone::phone_number::E164;
use dialtone::secret::Secret;
use dialtone::settings::WebhookSettings;
use dialtone::twilio::{Client, ClientOptions, Credentials, MediaFormat};
use dialtone::webhook::{self, answering::Answering, Context};
use reqwest::Method;
use serde_json::{json, Value};
use twilio_sim::*;

const CALLER: &str = "+15557654321";
/// What the simulated caller says into the recording.
const MESSAGE_HZ: f64 = 523.0;

fn settings() -> WebhookSettings {
    WebhookSettings {
        account_sid: ACCOUNT_SID.into(),
        auth_token: Some(Secret::new(AUTH_TOKEN)),
        twilio_number: E164::parse(NUMBER).unwrap(),
        identity: "dialtone_15551234567".into(),
        public_base: Some("https://abc123.ngrok.app".into()),
        allowed_country_codes: vec![],
        allowed_numbers: vec![],
        max_call_seconds: 14_400,
        outgoing_caller_id: None,
    }
}

/// 8 kHz 16-bit PCM mono: the strongest frequency, 10 Hz steps (Goertzel).
fn dominant_hz(wav: &[u8]) -> f64 {
    assert_eq!(&wav[..4], b"RIFF");
    let samples: Vec<f64> = wav[44..]
        .chunks_exact(2)
        .take(8000)
        .map(|b| f64::from(i16::from_le_bytes([b[0], b[1]])))
        .collect();
    let power = |hz: f64| {
        let w = 2.0 * std::f64::consts::PI * hz / 8000.0;
        let (mut s1, mut s2) = (0.0, 0.0);
        for x in &samples {
            let s = x + 2.0 * w.cos() * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        s1 * s1 + s2 * s2 - 2.0 * w.cos() * s1 * s2
    };
    (10..=350)
        .map(|i| f64::from(i) * 10.0)
        .max_by(|a, b| power(*a).total_cmp(&power(*b)))
        .unwrap()
}

fn param<'a>(event: &'a Value, name: &str) -> Option<&'a str> {
    event["params"]
        .as_array()?
        .iter()
        .find(|p| p[0] == name)
        .and_then(|p| p[1].as_str())
}

/// Dialtone's webhook on a loopback port, journaling into a fresh file, with a recorded greeting.
async fn dialtone_webhook() -> (tempfile::TempDir, Journal, String) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    let greeting = Greeting::new(Some(dir.path().to_owned()));
    let mut wav = b"RIFF\x24\x00\x00\x00WAVEfmt ".to_vec();
    wav.resize(2000, 0);
    greeting.save(&wav).unwrap();
    let context = Context::new(settings(), true, Default::default())
        .with_answering(Answering {
            ring_secs: 5,
            ..Answering::default()
        })
        .with_journal(journal.clone(), greeting);
    let listener = webhook::bind(0).await.unwrap();
    let url = format!("http://{}/handle_calls", listener.local_addr().unwrap());
    let router = webhook::router(Arc::new(context));
    tokio::spawn(webhook::serve(listener, router, std::future::pending()));
    (dir, journal, url)
}

#[tokio::test]
async fn an_unanswered_call_leaves_a_voicemail_that_the_recordings_api_serves() {
    let (_dir, journal, url) = dialtone_webhook().await;
    let sim = Sim::start_for(json!({}), &url);
    // Nobody is registered as the identity: the <Dial><Client> ends no-answer at once.
    let call = sim
        .control(
            Method::POST,
            "/inbound",
            json!({"from": CALLER, "message_secs": 2, "message_hz": MESSAGE_HZ}),
        )
        .await;
    let parent = call["call_sid"].as_str().unwrap().to_owned();
    let status_callback = sim
        .wait_event("recording status callback", |e| {
            e["kind"] == "callback" && e["callback"] == "recording-status"
        })
        .await;
    let events = sim.events().await;
    let of = |kind: &str, callback: Option<&str>| -> Vec<&Value> {
        events
            .iter()
            .filter(|e| e["kind"] == kind && callback.is_none_or(|c| e["callback"] == c))
            .collect()
    };

    // The <Dial action>: signed for the public URL it resolves to, answered with voicemail.
    let dial = of("callback", Some("dial-action"));
    assert_eq!(dial.len(), 1, "{events:#?}");
    assert_eq!(dial[0]["url"], "https://abc123.ngrok.app/dial_status");
    assert_eq!(dial[0]["status"], 200, "{:?}", dial[0]);
    assert_eq!(param(dial[0], "DialCallStatus"), Some("no-answer"));
    assert_eq!(param(dial[0], "CallSid"), Some(parent.as_str()));
    let body = dial[0]["body"].as_str().unwrap();
    assert!(
        body.contains("<Play>voicemail/greeting</Play><Record "),
        "{body}"
    );
    // <Play>: the greeting fetched with a GET signed for its URL.
    let play = of("play", None);
    assert_eq!(play.len(), 1);
    assert_eq!(
        play[0]["url"],
        "https://abc123.ngrok.app/voicemail/greeting"
    );
    assert_eq!(
        (play[0]["status"].as_u64(), play[0]["bytes"].as_u64()),
        (Some(200), Some(2000))
    );
    // <Record>: the message, its action and its status callback, all accepted.
    let recorded = of("recorded", None);
    let recording_sid = recorded[0]["recording_sid"].as_str().unwrap().to_owned();
    let action = of("callback", Some("record-action"));
    assert_eq!(
        action[0]["url"],
        "https://abc123.ngrok.app/voicemail/recorded"
    );
    assert_eq!(action[0]["status"], 200);
    assert_eq!(
        param(action[0], "RecordingSid"),
        Some(recording_sid.as_str())
    );
    assert_eq!(param(action[0], "RecordingDuration"), Some("2"));
    assert_eq!(param(action[0], "Digits"), Some("hangup"));
    assert_eq!(
        status_callback["url"],
        "https://abc123.ngrok.app/voicemail/status"
    );
    assert!(
        (200..300).contains(&status_callback["status"].as_u64().unwrap()),
        "{status_callback:?}"
    );
    assert_eq!(
        param(&status_callback, "RecordingStatus"),
        Some("completed")
    );
    assert_eq!(param(&status_callback, "CallSid"), Some(parent.as_str()));

    // The journal: missed, with its voicemail; and in the inbox.
    let history = journal.history(HistoryFilter::default()).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    let entry = &history[0];
    assert_eq!(
        (
            entry.call_sid.as_str(),
            entry.direction,
            entry.number.as_str(),
            entry.status
        ),
        (
            parent.as_str(),
            Direction::Inbound,
            CALLER,
            CallStatus::Missed
        )
    );
    let voicemail = entry.voicemail.as_ref().unwrap();
    assert_eq!(
        (
            voicemail.recording_sid.as_str(),
            voicemail.duration_secs,
            voicemail.heard
        ),
        (recording_sid.as_str(), 2, false)
    );
    assert_eq!(
        journal.voicemails().unwrap()[0].recording_sid,
        recording_sid
    );

    // The Recordings API has it, and its audio is what the caller said.
    let client = Client::new(
        &sim.rest,
        Credentials::api_key(ACCOUNT_SID, API_KEY_SID, Secret::new(API_KEY_SECRET)).unwrap(),
        ClientOptions::default(),
    )
    .unwrap();
    let recording = client.fetch_recording(&recording_sid).await.unwrap();
    assert_eq!(
        (
            recording.call_sid.as_deref(),
            recording.duration.as_deref(),
            recording.status.as_deref(),
            recording.source.as_deref()
        ),
        (
            Some(parent.as_str()),
            Some("2"),
            Some("completed"),
            Some("RecordVerb")
        )
    );
    let media = client
        .fetch_recording_media(&recording_sid, MediaFormat::Wav)
        .await
        .unwrap();
    let heard = dominant_hz(&media.bytes);
    assert!(
        (heard - MESSAGE_HZ).abs() <= 10.0,
        "the recording is {heard} Hz, the caller said {MESSAGE_HZ} Hz"
    );
    assert_eq!(
        media.bytes.len(),
        44 + 2 * 8000 * 2,
        "2 s of 8 kHz 16-bit PCM"
    );
    // The call is in the Calls list as Twilio lists it.
    let calls = client
        .list_calls(&dialtone::twilio::CallFilter {
            to: Some(NUMBER.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].sid.as_str(), calls[0].status.as_deref()),
        (parent.as_str(), Some("completed"))
    );
}

#[tokio::test]
async fn a_caller_who_says_nothing_leaves_no_voicemail() {
    let (_dir, journal, url) = dialtone_webhook().await;
    let sim = Sim::start_for(json!({}), &url);
    sim.control(
        Method::POST,
        "/inbound",
        json!({"from": CALLER, "message_secs": 0}),
    )
    .await;
    sim.wait_event("an empty recording", |e| e["kind"] == "record-empty")
        .await;
    // Twilio sends no action for an empty recording: the next verb runs.
    sim.wait_event("the no-message words", |e| {
        e["kind"] == "say"
            && e["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("No message"))
    })
    .await;
    let events = sim.events().await;
    assert!(!events
        .iter()
        .any(|e| e["callback"] == "record-action" || e["callback"] == "recording-status"));
    let history = journal.history(HistoryFilter::default()).unwrap();
    assert_eq!(
        (history[0].status, history[0].voicemail.is_none()),
        (CallStatus::Missed, true)
    );
}
