//! The voicemail inbox against a local stand-in for Twilio's Recordings API that behaves as
//! Twilio does (`twilio-rest.md` §3.4, `twilio.md` §8.4): Basic auth with the API key, media as
//! `.mp3` (or `.wav` when the recording is encrypted, error 16109), 404 with Twilio's error body,
//! 204 on DELETE. The audio is fetched by Rust and cached; no credential reaches the page.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine as _;
use common::*;
use dialtone::backend::{Backend, ErrorKind};
use dialtone::journal::recordings_api::factory_for;
use dialtone::journal::{
    CallRoute, Direction, HistoryFilter, Journal, RecordingReport, RoutedCall,
};
use dialtone::settings::{Environment, MemoryKeychain, SettingsFile, Store};

const MP3: &[u8] = b"ID3\x04\x00\x00\x00\x00\x00\x00 an mp3 of a voicemail";
const WAV: &[u8] = b"RIFF\x24\x00\x00\x00WAVEfmt  a wav of an encrypted voicemail";

#[derive(Default)]
struct Twilio {
    /// Recording SID → encrypted?
    recordings: Mutex<BTreeMap<String, bool>>,
    requests: Mutex<Vec<String>>,
}

fn twilio_error(status: StatusCode, code: u32, message: &str) -> Response {
    (
        status,
        Json(serde_json::json!({"code": code, "message": message, "more_info": format!("https://www.twilio.com/docs/errors/{code}"), "status": status.as_u16()})),
    )
        .into_response()
}

fn authorized(headers: &HeaderMap) -> bool {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{API_KEY_SID}:{API_KEY_SECRET}"))
    );
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(expected.as_str())
}

async fn media(
    State(twilio): State<Arc<Twilio>>,
    Path((account, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    twilio.requests.lock().unwrap().push(format!("GET {file}"));
    if !authorized(&headers) || account != ACCOUNT_SID {
        return twilio_error(StatusCode::UNAUTHORIZED, 20003, "Authenticate");
    }
    let (sid, extension) = file.split_once('.').unwrap_or((&file, ""));
    let encrypted = twilio.recordings.lock().unwrap().get(sid).copied();
    match (encrypted, extension) {
        (None, _) => twilio_error(StatusCode::NOT_FOUND, 20404, &format!("The requested resource /2010-04-01/Accounts/{account}/Recordings/{file} was not found")),
        (Some(false), "mp3") => ([(header::CONTENT_TYPE, "audio/mpeg")], MP3).into_response(),
        (Some(true), "mp3") => twilio_error(StatusCode::BAD_REQUEST, 16109, "MP3 is not available for encrypted recordings"),
        (Some(_), "wav") => ([(header::CONTENT_TYPE, "audio/x-wav")], WAV).into_response(),
        (Some(_), "json") => Json(serde_json::json!({"sid": sid, "status": "completed"})).into_response(),
        _ => twilio_error(StatusCode::NOT_FOUND, 20404, "not found"),
    }
}

async fn delete(
    State(twilio): State<Arc<Twilio>>,
    Path((_, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    twilio
        .requests
        .lock()
        .unwrap()
        .push(format!("DELETE {file}"));
    if !authorized(&headers) {
        return twilio_error(StatusCode::UNAUTHORIZED, 20003, "Authenticate");
    }
    let sid = file.trim_end_matches(".json");
    match twilio.recordings.lock().unwrap().remove(sid) {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => twilio_error(
            StatusCode::NOT_FOUND,
            20404,
            "The requested resource was not found",
        ),
    }
}

async fn stand_in(twilio: Arc<Twilio>) -> String {
    let app = Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Recordings/{file}",
            get(media).delete(delete),
        )
        .with_state(twilio);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

fn sid(prefix: &str, n: u32) -> String {
    format!("{prefix}{n:032x}")
}

struct Fixture {
    _dir: tempfile::TempDir,
    downloads: std::path::PathBuf,
    data: std::path::PathBuf,
    backend: Arc<Backend>,
}

async fn fixture(base: &str, secret: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let downloads = dir.path().join("Downloads");
    let journal = Journal::open(&data.join("calls.sqlite3"));
    let mut env: Vec<(&str, &str)> = credential_env();
    env.retain(|(k, _)| *k != "TWILIO_API_KEY_SECRET");
    env.push(("TWILIO_API_KEY_SECRET", secret));
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let backend = Backend::new(store, Environment::from_vars(env))
        .with_journal(journal.clone(), Some(&data), Some(downloads.clone()))
        .with_recordings_api(factory_for(base));
    for n in [1, 2, 3] {
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
                recording_sid: sid("RE", n),
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

#[tokio::test]
async fn the_inbox_plays_saves_and_deletes_through_twilios_api() {
    let twilio = Arc::new(Twilio::default());
    twilio
        .recordings
        .lock()
        .unwrap()
        .extend([(sid("RE", 1), false), (sid("RE", 2), true)]);
    let base = stand_in(twilio.clone()).await;
    let f = fixture(&base, API_KEY_SECRET).await;
    let (one, two, three) = (sid("RE", 1), sid("RE", 2), sid("RE", 3));

    // Played: fetched once with the API key, then from the cache in the data folder.
    let audio = f.backend.voicemail_audio(&one).await.unwrap();
    assert_eq!(
        (audio.content_type.as_str(), audio.bytes.as_slice()),
        ("audio/mpeg", MP3)
    );
    assert_eq!(f.backend.voicemail_audio(&one).await.unwrap().bytes, MP3);
    assert_eq!(
        std::fs::read(f.data.join(format!("voicemail/{one}.mp3"))).unwrap(),
        MP3
    );
    // Encrypted: MP3 is refused (16109), WAV is fetched instead.
    let audio = f.backend.voicemail_audio(&two).await.unwrap();
    assert_eq!(
        (audio.content_type.as_str(), audio.bytes.as_slice()),
        ("audio/x-wav", WAV)
    );
    assert_eq!(
        *twilio.requests.lock().unwrap(),
        [
            format!("GET {one}.mp3"),
            format!("GET {two}.mp3"),
            format!("GET {two}.wav")
        ]
    );

    // Heard, and saved into Downloads without overwriting.
    let backend = f.backend.clone();
    let heard = one.clone();
    tokio::task::spawn_blocking(move || backend.mark_voicemail_heard(&heard, true))
        .await
        .unwrap()
        .unwrap();
    let history = f.backend.history(HistoryFilter::default()).unwrap();
    assert!(
        history
            .iter()
            .find(|e| e.call_sid == sid("CA", 1))
            .unwrap()
            .voicemail
            .as_ref()
            .unwrap()
            .heard
    );
    let saved = f.backend.save_voicemail(&one).await.unwrap();
    let again = f.backend.save_voicemail(&one).await.unwrap();
    assert_ne!(saved.path, again.path);
    assert!(
        saved.path.starts_with(f.downloads.to_str().unwrap()) && saved.path.ends_with(".mp3"),
        "{}",
        saved.path
    );
    assert!(saved.path.contains("Voicemail Ana"), "{}", saved.path);
    assert_eq!(std::fs::read(&saved.path).unwrap(), MP3);

    // Deleted in Twilio, then here: gone from the inbox and the cache.
    f.backend.delete_voicemail(&one).await.unwrap();
    assert!(twilio
        .requests
        .lock()
        .unwrap()
        .contains(&format!("DELETE {one}.json")));
    assert!(!twilio.recordings.lock().unwrap().contains_key(&one));
    assert!(!f.data.join(format!("voicemail/{one}.mp3")).exists());
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

    // Twilio no longer has it (deleted in the Console): a 404 on DELETE still deletes here;
    // fetching its audio says so.
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

#[tokio::test]
async fn a_delete_that_cannot_reach_twilio_keeps_the_message() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let f = fixture(&base, API_KEY_SECRET).await;
    let err = f.backend.delete_voicemail(&sid("RE", 1)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Twilio);
    assert!(
        err.message.contains("could not be reached"),
        "{}",
        err.message
    );
    assert_eq!(f.backend.voicemails().unwrap().len(), 3, "nothing lost");
}

#[tokio::test]
async fn a_wrong_api_key_is_named_and_never_shown() {
    let twilio = Arc::new(Twilio::default());
    twilio
        .recordings
        .lock()
        .unwrap()
        .insert(sid("RE", 1), false);
    let base = stand_in(twilio).await;
    let f = fixture(&base, "not-the-secret").await;
    let err = f.backend.voicemail_audio(&sid("RE", 1)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Twilio);
    assert!(
        err.message.contains("API Key SID and API Key Secret"),
        "{}",
        err.message
    );
    let json = serde_json::to_string(&err).unwrap();
    assert!(
        !json.contains("not-the-secret") && !json.contains(API_KEY_SID),
        "{json}"
    );
}

#[test]
fn plain_http_is_only_for_loopback() {
    use dialtone::journal::recordings_api::{HttpRecordings, RestCredentials};
    let credentials = RestCredentials {
        account_sid: ACCOUNT_SID.into(),
        api_key_sid: API_KEY_SID.into(),
        api_key_secret: dialtone::secret::Secret::new(API_KEY_SECRET),
    };
    assert!(HttpRecordings::new("http://api.twilio.com", credentials.clone()).is_err());
    assert!(HttpRecordings::new("https://api.twilio.com", credentials.clone()).is_ok());
    assert!(HttpRecordings::new("http://127.0.0.1:9", credentials).is_ok());
}
