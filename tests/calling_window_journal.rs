//! The calling window's routes for recents, voicemail and contacts: behind the same session
//! guard as the rest of its API, the same JSON as the IPC commands, strict bodies.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use common::*;
use dialtone::backend::Backend;
use dialtone::calling_window::{self, CallingWindow, DirAssets};
use dialtone::journal::{CallRoute, Direction, Journal, RecordingReport, RoutedCall};
use dialtone::settings::{Environment, MemoryKeychain, SettingsFile, Store};
use serde_json::{json, Value};
use tower::ServiceExt as _;

const HOST: &str = "127.0.0.1:47998";

struct Fixture {
    window: Arc<CallingWindow>,
    app: Router,
    journal: Journal,
    _dir: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
    let data = dir.path().join("data");
    let journal = Journal::open(&data.join("calls.sqlite3"));
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let backend = Arc::new(
        Backend::new(store, Environment::from_vars(credential_env())).with_journal(
            journal.clone(),
            Some(&data),
            None,
        ),
    );
    let address: SocketAddr = HOST.parse().unwrap();
    let config = calling_window::Config {
        data_dir: Some(data),
        browser: calling_window::browser::BrowserSetting::Nothing,
        ..Default::default()
    };
    let window = CallingWindow::new(
        backend,
        Arc::new(DirAssets(dir.path().to_owned())),
        address,
        config,
    );
    Fixture {
        app: calling_window::router(window.clone()),
        window,
        journal,
        _dir: dir,
    }
}

async fn session(f: &Fixture) -> String {
    let url = f.window.launch_url();
    let path = url.trim_start_matches(&format!("http://{HOST}")).to_owned();
    let response = f
        .app
        .clone()
        .oneshot(
            Request::get(path)
                .header("host", HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    cookie.split(';').next().unwrap().to_owned()
}

async fn send(
    f: &Fixture,
    cookie: Option<&str>,
    method: &str,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("host", HOST)
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let body = match body {
        Some((content_type, bytes)) => {
            request = request.header("content-type", content_type);
            Body::from(bytes)
        }
        None => Body::empty(),
    };
    let response = f
        .app
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let text = body_text(response).await;
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[tokio::test]
async fn recents_voicemail_and_contacts_over_the_guarded_api() {
    let f = fixture();
    let call = "CA0000000000000000000000000000000a";
    f.journal
        .record_routed(RoutedCall {
            call_sid: call.into(),
            direction: Direction::Inbound,
            number: "+15557654321".into(),
            started_at: 1_714_564_800_000,
            route: CallRoute::Ring,
            caller_name: None,
        })
        .await
        .unwrap();
    f.journal
        .record_recording(RecordingReport {
            recording_sid: "RE0000000000000000000000000000000a".into(),
            call_sid: call.into(),
            duration_secs: 4,
            status: "completed".into(),
            at: 1_714_564_830_000,
        })
        .await
        .unwrap();

    // Without a session: nothing.
    for (method, path) in [
        ("GET", "/api/history"),
        ("GET", "/api/voicemail"),
        ("GET", "/api/contacts"),
        ("DELETE", "/api/contacts/1"),
        ("POST", "/api/contacts/import"),
    ] {
        assert_eq!(
            send(&f, None, method, path, None).await.0,
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
    }
    let cookie = session(&f).await;
    let c = Some(cookie.as_str());

    let (status, history) = send(&f, c, "GET", "/api/history?missedOnly=true&limit=5", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        history,
        json!([{"call_sid": call, "direction": "inbound", "number": "+15557654321", "name": null, "started_at": "2024-05-01T12:00:00Z", "status": "missed", "duration_secs": 0, "voicemail": {"recording_sid": "RE0000000000000000000000000000000a", "duration_secs": 4, "heard": false}, "quality": null}])
    );
    let (_, status_json) = send(&f, c, "GET", "/api/history/status", None).await;
    assert_eq!(
        (
            status_json["available"].clone(),
            status_json["recordedGreeting"].clone()
        ),
        (json!(true), json!(false))
    );

    // Contacts: strict JSON in, E.164 out; the history names the caller at once.
    let draft = br#"{"name": "Ana", "numbers": [{"number": "(555) 765-4321", "label": "mobile"}]}"#
        .to_vec();
    let (status, _) = send(
        &f,
        c,
        "POST",
        "/api/contacts",
        Some(("text/plain", draft.clone())),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, refused) = send(
        &f,
        c,
        "POST",
        "/api/contacts",
        Some((
            "application/json",
            br#"{"name": "Ana", "numbers": [], "admin": true}"#.to_vec(),
        )),
    )
    .await;
    assert_eq!(
        (status, refused["kind"].clone()),
        (StatusCode::BAD_REQUEST, json!("invalid"))
    );
    let (status, added) = send(
        &f,
        c,
        "POST",
        "/api/contacts",
        Some(("application/json", draft)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{added}");
    assert_eq!(
        added["numbers"],
        json!([{"number": "+15557654321", "label": "mobile"}])
    );
    let (_, name) = send(
        &f,
        c,
        "GET",
        "/api/caller-name?number=%2B1%20555%20765%204321",
        None,
    )
    .await;
    assert_eq!(name, json!("Ana"));
    assert_eq!(
        send(&f, c, "GET", "/api/history", None).await.1[0]["name"],
        "Ana"
    );
    let id = added["id"].as_i64().unwrap();
    let (status, bad) = send(
        &f,
        c,
        "PUT",
        &format!("/api/contacts/{id}"),
        Some((
            "application/json",
            br#"{"name": "Ana", "numbers": [{"number": "call me"}]}"#.to_vec(),
        )),
    )
    .await;
    assert_eq!(
        (status, bad["kind"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid"))
    );
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("\"call me\" is not a phone number"),
        "{bad}"
    );
    let vcf = std::fs::read(repo_root().join("tests/fixtures/vcards/google-3.0.vcf")).unwrap();
    let (_, report) = send(
        &f,
        c,
        "POST",
        "/api/contacts/import",
        Some(("text/vcard", vcf)),
    )
    .await;
    assert_eq!(
        (report["imported"].clone(), report["withoutNumbers"].clone()),
        (json!(2), json!(1))
    );
    let (_, found) = send(&f, c, "GET", "/api/contacts?query=mei", None).await;
    assert_eq!(found[0]["name"], "Mei Chen");
    assert_eq!(
        send(&f, c, "DELETE", &format!("/api/contacts/{id}"), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&f, c, "DELETE", &format!("/api/contacts/{id}"), None)
            .await
            .1["kind"],
        "not_found"
    );

    // Voicemail: heard, a greeting of real audio only.
    let sid = "RE0000000000000000000000000000000a";
    assert_eq!(
        send(
            &f,
            c,
            "POST",
            &format!("/api/voicemail/{sid}/heard"),
            Some(("application/json", br#"{"heard": true}"#.to_vec()))
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&f, c, "GET", "/api/voicemail", None).await.1[0]["heard"],
        true
    );
    let (status, refused) = send(
        &f,
        c,
        "PUT",
        "/api/voicemail-greeting",
        Some(("application/octet-stream", b"<script>".to_vec())),
    )
    .await;
    assert_eq!(
        (status, refused["kind"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid"))
    );
    let wav = [b"RIFF".as_slice(), &[0; 4], b"WAVEfmt ", &vec![0; 100_000]].concat();
    let (status, greeting) = send(
        &f,
        c,
        "PUT",
        "/api/voicemail-greeting",
        Some(("application/octet-stream", wav)),
    )
    .await;
    assert_eq!(
        (status, greeting["recordedGreeting"].clone()),
        (StatusCode::OK, json!(true)),
        "a 100 KB greeting fits"
    );
    assert_eq!(
        send(&f, c, "DELETE", "/api/voicemail-greeting", None)
            .await
            .1["recordedGreeting"],
        false
    );
    // Another site's page cannot use the session.
    let mut request = Request::get("/api/history")
        .header("host", HOST)
        .header("cookie", cookie.as_str())
        .header("sec-fetch-site", "same-site");
    request = request.header("origin", "http://127.0.0.1:8080");
    let response = f
        .app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn clearing_recents_over_the_guarded_api_keeps_voicemail_and_its_caller() {
    let f = fixture();
    let call = "CA0000000000000000000000000000000c";
    f.journal
        .record_routed(RoutedCall {
            call_sid: call.into(),
            direction: Direction::Inbound,
            number: "+15557654321".into(),
            started_at: 1_714_564_800_000,
            route: CallRoute::Ring,
            caller_name: Some("ANA LOPEZ".into()),
        })
        .await
        .unwrap();
    f.journal
        .record_recording(RecordingReport {
            recording_sid: "RE0000000000000000000000000000000c".into(),
            call_sid: call.into(),
            duration_secs: 4,
            status: "completed".into(),
            at: 1_714_564_830_000,
        })
        .await
        .unwrap();

    // The guard first: without a session nothing is cleared.
    assert_eq!(
        send(&f, None, "DELETE", "/api/history", None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        f.journal
            .history(dialtone::journal::HistoryFilter::default())
            .unwrap()
            .len(),
        1
    );

    let cookie = session(&f).await;
    let c = Some(cookie.as_str());
    let (status, report) = send(&f, c, "DELETE", "/api/history", None).await;
    assert_eq!((status, report), (StatusCode::OK, json!({"cleared": 1})));
    let (_, history) = send(&f, c, "GET", "/api/history", None).await;
    assert_eq!(history, json!([]));
    let (_, inbox) = send(&f, c, "GET", "/api/voicemail", None).await;
    assert_eq!(
        (
            inbox[0]["recording_sid"].clone(),
            inbox[0]["number"].clone(),
            inbox[0]["name"].clone()
        ),
        (
            json!("RE0000000000000000000000000000000c"),
            json!("+15557654321"),
            json!("ANA LOPEZ")
        ),
        "the message still says who left it: {inbox}"
    );
    // Clearing an empty list is not an error.
    let (status, report) = send(&f, c, "DELETE", "/api/history", None).await;
    assert_eq!((status, report), (StatusCode::OK, json!({"cleared": 0})));
}

/// The issue's case: `dialtone contacts import` in another process, while the calling window's
/// page is open. Its commit is noticed (`PRAGMA data_version` on the app's reader) and reaches
/// the page's event stream as `journal`, with nothing else touching the app.
#[tokio::test]
async fn a_contact_imported_by_the_command_line_reaches_the_open_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
    // Where `common::dialtone` points the command line's DIALTONE_DATA_DIR.
    let data = dir.path().join("data");
    let journal = Journal::open(&data.join(dialtone::journal::FILE_NAME));
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let backend = Arc::new(
        Backend::new(store, Environment::from_vars(credential_env())).with_journal(
            journal,
            Some(&data),
            None,
        ),
    );
    let follower = tokio::spawn(backend.follow_journal_changes());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let window = CallingWindow::start(
        backend.clone(),
        Arc::new(DirAssets(dir.path().to_owned())),
        calling_window::Config {
            port: 0,
            data_dir: Some(data),
            browser: calling_window::browser::BrowserSetting::Nothing,
            ..Default::default()
        },
        async {
            let _ = stopped.await;
        },
    )
    .await
    .unwrap();
    let host = window.address().to_string();
    let app = calling_window::router(window.clone());
    let launch = window.launch_url();
    let path = launch
        .trim_start_matches(&format!("http://{host}"))
        .to_owned();
    let get = |path: &str, cookie: Option<&str>| {
        let mut request = Request::get(path).header("host", &host);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.body(Body::empty()).unwrap()
    };
    let launched = app.clone().oneshot(get(&path, None)).await.unwrap();
    let cookie = launched.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let stream = app
        .clone()
        .oneshot(get("/api/events", Some(&cookie)))
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let mut body = stream.into_body();
    let mut text = String::new();
    let mut read_until = async |until: &str| {
        use http_body_util::BodyExt as _;
        // Bounded: a look every two seconds, so this is many looks.
        tokio::time::timeout(std::time::Duration::from_secs(30), async {
            while !text.contains(until) {
                let frame = body.frame().await.unwrap().unwrap().into_data().unwrap();
                text.push_str(&String::from_utf8_lossy(&frame));
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no {until:?} on the page's stream: {text:?}"));
        text.clone()
    };
    read_until("event: hello").await;

    let card = dir.path().join("ada.vcf");
    std::fs::write(
        &card,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nTEL;TYPE=CELL:+15557654321\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let imported = dialtone(dir.path())
        .args(["contacts", "import"])
        .arg(&card)
        .output()
        .unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let text = read_until("event: journal").await;
    assert!(text.contains("event: journal\ndata: {}"), "{text:?}");
    assert_eq!(
        backend.contacts(None).unwrap()[0].name,
        "Ada Lovelace",
        "the page's reread finds it"
    );
    follower.abort();
    let _ = stop.send(());
}
