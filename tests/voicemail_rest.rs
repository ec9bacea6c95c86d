//! The voicemail inbox against the simulator's Recordings API (tests/simulator, checked against
//! Twilio's OpenAPI file and twilio-python by `tests/oracle/rest_oracle.py`): the audio fetched
//! as WAV with the API key through the REST client (`dialtone::twilio`), cached, saved, and
//! deleted in Twilio (the simulator's event log shows the DELETE), with retries and plain errors.

mod twilio_sim;

use std::sync::Arc;

use dialtone::backend::{Backend, ErrorKind};
use dialtone::journal::{
    CallRoute, Direction, HistoryFilter, Journal, RecordingReport, RoutedCall,
};
use dialtone::settings::{Environment, MemoryKeychain, SettingsFile, Store};
use reqwest::Method;
use serde_json::{json, Value};
use twilio_sim::*;

fn sid(prefix: &str, n: u32) -> String {
    format!("{prefix}{n:032x}")
}

/// The strongest frequency (10 Hz steps, 100–3500 Hz, Goertzel) of a 16-bit mono PCM WAV.
fn dominant_hz(wav: &[u8]) -> f64 {
    assert_eq!(&wav[..4], b"RIFF", "not a WAV");
    let rate = f64::from(u32::from_le_bytes(wav[24..28].try_into().unwrap()));
    let samples: Vec<f64> = wav[44..]
        .chunks_exact(2)
        .take(8000)
        .map(|b| f64::from(i16::from_le_bytes([b[0], b[1]])))
        .collect();
    let power = |hz: f64| {
        let w = 2.0 * std::f64::consts::PI * hz / rate;
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

struct Fixture {
    _dir: tempfile::TempDir,
    downloads: std::path::PathBuf,
    data: std::path::PathBuf,
    backend: Arc<Backend>,
}

/// A journal with three calls, each with a message; recordings `sids` (Twilio's) belong to them.
async fn fixture(base: &str, secret: &str, sids: &[String]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let downloads = dir.path().join("Downloads");
    let journal = Journal::open(&data.join("calls.sqlite3"));
    let env = [
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
        ("TWILIO_API_KEY_SID", API_KEY_SID),
        ("TWILIO_API_KEY_SECRET", secret),
        ("TWIML_APP_SID", APP_SID),
        ("TWILIO_NUMBER", NUMBER),
    ];
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let backend = Backend::new(store, Environment::from_vars(env))
        .with_journal(journal.clone(), Some(&data), Some(downloads.clone()))
        .with_twilio_rest_base(base);
    for (n, recording_sid) in (1..).zip(sids) {
        journal
            .record_routed(RoutedCall {
                call_sid: sid("CA", n),
                direction: Direction::Inbound,
                number: "+15557654321".into(),
                started_at: 1_714_564_800_000 + i64::from(n) * 60_000,
                route: CallRoute::Ring,
                caller_name: Some("Ana".into()),
            })
            .await
            .unwrap();
        journal
            .record_recording(RecordingReport {
                recording_sid: recording_sid.clone(),
                call_sid: sid("CA", n),
                duration_secs: 5,
                status: "completed".into(),
                at: 1_714_564_830_000 + i64::from(n) * 60_000,
            })
            .await
            .unwrap();
    }
    Fixture {
        _dir: dir,
        downloads,
        data,
        backend: Arc::new(backend),
    }
}

/// Two recordings in the simulator's account; their SIDs.
async fn seeded(sim: &Sim) -> Vec<String> {
    let made = sim
        .control(
            Method::POST,
            "/rest/seed",
            json!({"recordings": [{"call_sid": sid("CA", 1), "duration": 5}, {"call_sid": sid("CA", 2), "duration": 5}]}),
        )
        .await;
    made["recordings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sid"].as_str().unwrap().to_owned())
        .collect()
}

fn media_requests(requests: &[Value], sid: &str) -> Vec<String> {
    requests
        .iter()
        .filter(|r| r["path"].as_str().unwrap_or_default().contains(sid))
        .map(|r| {
            format!(
                "{} {} {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap().rsplit('/').next().unwrap(),
                r["status"]
            )
        })
        .collect()
}

#[tokio::test]
async fn the_inbox_plays_saves_and_deletes_through_twilios_api() {
    let sim = Sim::start(json!({}));
    let mut sids = seeded(&sim).await;
    // The third message's recording is not (or no longer) in Twilio: deleted in the Console.
    sids.push(sid("RE", 3));
    let f = fixture(&sim.rest, API_KEY_SECRET, &sids).await;
    let (one, two, three) = (sids[0].clone(), sids[1].clone(), sids[2].clone());

    // Played: fetched once as WAV with the API key, then from the cache in the data folder.
    let audio = f.backend.voicemail_audio(&one).await.unwrap();
    assert_eq!(audio.content_type, "audio/x-wav");
    assert_eq!(
        dominant_hz(&audio.bytes),
        440.0,
        "the simulator's recording tone"
    );
    assert_eq!(
        audio.bytes.len(),
        44 + 5 * 8000 * 2,
        "5 s of 8 kHz 16-bit PCM"
    );
    assert_eq!(
        f.backend.voicemail_audio(&one).await.unwrap().bytes,
        audio.bytes
    );
    assert_eq!(
        std::fs::read(f.data.join(format!("voicemail/{one}.wav"))).unwrap(),
        audio.bytes
    );
    let requests = sim.rest_requests().await;
    assert_eq!(
        media_requests(&requests, &one),
        [format!("GET {one}.wav 200")]
    );
    assert!(
        requests
            .iter()
            .all(|r| r["auth"] == format!("key {API_KEY_SID}")),
        "{requests:?}"
    );

    // Heard, and saved into Downloads without overwriting.
    let backend = f.backend.clone();
    let heard = one.clone();
    tokio::task::spawn_blocking(move || backend.mark_voicemail_heard(&heard, true))
        .await
        .unwrap()
        .unwrap();
    let history = f.backend.history(HistoryFilter::default()).unwrap();
    let first = history.iter().find(|e| e.call_sid == sid("CA", 1)).unwrap();
    assert!(first.voicemail.as_ref().unwrap().heard);
    let saved = f.backend.save_voicemail(&one).await.unwrap();
    let again = f.backend.save_voicemail(&one).await.unwrap();
    assert_ne!(saved.path, again.path);
    assert!(
        saved.path.starts_with(f.downloads.to_str().unwrap()) && saved.path.ends_with(".wav"),
        "{}",
        saved.path
    );
    assert!(saved.path.contains("Voicemail Ana"), "{}", saved.path);
    assert_eq!(std::fs::read(&saved.path).unwrap(), audio.bytes);

    // Deleted in Twilio (the simulator logs the DELETE and no longer has it), then here.
    f.backend.delete_voicemail(&one).await.unwrap();
    let requests = sim.rest_requests().await;
    assert_eq!(
        media_requests(&requests, &one).last().unwrap(),
        &format!("DELETE {one}.json 204")
    );
    let state = sim.state().await;
    assert!(!state["recordings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["sid"] == one.as_str()));
    assert!(!f.data.join(format!("voicemail/{one}.wav")).exists());
    let inbox: Vec<String> = f
        .backend
        .voicemails()
        .unwrap()
        .into_iter()
        .map(|v| v.recording_sid)
        .collect();
    assert_eq!(inbox, [three.clone(), two.clone()]);
    assert_eq!(
        f.backend.voicemail_audio(&one).await.unwrap_err().kind,
        ErrorKind::NotFound
    );

    // Twilio no longer has it: fetching its audio says so; a 404 on DELETE still deletes here.
    let err = f.backend.voicemail_audio(&three).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert!(
        err.message.contains("Twilio has no recording"),
        "{}",
        err.message
    );
    f.backend.delete_voicemail(&three).await.unwrap();
    assert_eq!(f.backend.voicemails().unwrap().len(), 1);
}

/// One HTTP client for Twilio: a 503 on the media is retried as every GET is.
#[tokio::test]
async fn a_passing_twilio_outage_is_retried() {
    let sim = Sim::start(json!({}));
    let sids = seeded(&sim).await;
    let f = fixture(&sim.rest, API_KEY_SECRET, &sids).await;
    sim.fault(json!({"path": sim.path(&format!("/Recordings/{}", sids[1])), "status": 503}))
        .await;
    let audio = f.backend.voicemail_audio(&sids[1]).await.unwrap();
    assert_eq!(dominant_hz(&audio.bytes), 440.0);
    assert_eq!(
        media_requests(&sim.rest_requests().await, &sids[1]),
        [
            format!("GET {}.wav 503", sids[1]),
            format!("GET {}.wav 200", sids[1])
        ]
    );
}

#[tokio::test]
async fn a_delete_that_cannot_reach_twilio_keeps_the_message() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let f = fixture(&base, API_KEY_SECRET, &[sid("RE", 1)]).await;
    let err = f.backend.delete_voicemail(&sid("RE", 1)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Twilio);
    assert!(
        err.message.contains("could not reach Twilio"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("DIALTONE_TWILIO_API_BASE"),
        "{}",
        err.message
    );
    assert_eq!(f.backend.voicemails().unwrap().len(), 1, "nothing lost");
}

#[tokio::test]
async fn a_wrong_api_key_is_named_and_never_shown() {
    let sim = Sim::start(json!({}));
    let sids = seeded(&sim).await;
    let f = fixture(&sim.rest, "not-the-secret", &sids).await;
    let err = f.backend.voicemail_audio(&sids[0]).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Twilio);
    assert!(
        err.message.contains("Twilio refused the credentials") && err.message.contains("20003"),
        "{}",
        err.message
    );
    let json = serde_json::to_string(&err).unwrap();
    assert!(!json.contains("not-the-secret"), "{json}");
}
