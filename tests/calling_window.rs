//! The calling window's listener: who gets the page and tokens, and who does not.

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use base64::Engine as _;
use common::*;
use dialtone::backend::Backend;
use dialtone::calling_window::{self, CallingWindow, DirAssets};
use dialtone::settings::{Environment, MemoryKeychain, SettingsFile, Store};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

const HOST: &str = "127.0.0.1:47999";

struct Fixture {
    window: Arc<CallingWindow>,
    backend: Arc<Backend>,
    app: Router,
    _dir: tempfile::TempDir,
}

fn fixture() -> Fixture {
    fixture_with(credential_env())
}

/// The listener over an app whose environment holds `vars` (and nothing in its keychain).
fn fixture_with(vars: Vec<(&'static str, &'static str)>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Dialtone</title>",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("assets/app.js"), "console.log(1)").unwrap();
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let backend = Arc::new(Backend::new(store, Environment::from_vars(vars)));
    let address: SocketAddr = HOST.parse().unwrap();
    let config = calling_window::Config {
        data_dir: Some(dir.path().join("data")),
        browser: calling_window::browser::BrowserSetting::Nothing,
        ..Default::default()
    };
    let window = CallingWindow::new(
        backend.clone(),
        Arc::new(DirAssets(dir.path().to_owned())),
        address,
        config,
    );
    let app = calling_window::router(window.clone());
    Fixture {
        window,
        backend,
        app,
        _dir: dir,
    }
}

fn get(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::get(path).header("host", HOST);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.body(Body::empty()).unwrap()
}

/// Opens a session the way the browser does and returns its `Cookie` header.
async fn session(f: &Fixture) -> String {
    let url = f.window.launch_url();
    let path = url.trim_start_matches(&format!("http://{HOST}"));
    let response = f.app.clone().oneshot(get(path, &[])).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    let page = body_text(response).await;
    assert!(
        page.contains(r#"http-equiv="refresh" content="0;url=/""#),
        "the page sends the browser to /, out of the launch URL: {page}"
    );
    set_cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn without_the_cookie_nothing_is_served() {
    let f = fixture();
    for path in [
        "/",
        "/index.html",
        "/assets/app.js",
        "/api/token",
        "/api/settings",
        "/api/webhook",
        "/api/events",
    ] {
        let response = f.app.clone().oneshot(get(path, &[])).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert!(!body_text(response).await.contains("eyJ"), "{path}");
    }
    let forged = f
        .app
        .clone()
        .oneshot(get("/api/token", &[("cookie", "dialtone_phone=0000")]))
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_launch_secret_works_once() {
    let f = fixture();
    let url = f.window.launch_url();
    let path = url.trim_start_matches(&format!("http://{HOST}")).to_owned();
    assert_eq!(
        f.app
            .clone()
            .oneshot(get(&path, &[]))
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        f.app
            .clone()
            .oneshot(get(&path, &[]))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        f.app
            .clone()
            .oneshot(get("/launch?key=guess", &[]))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        f.app
            .clone()
            .oneshot(get("/launch", &[]))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    // A new launch URL replaces an unused older one.
    let first = f.window.launch_url();
    let second = f.window.launch_url();
    let first = first.trim_start_matches(&format!("http://{HOST}"));
    let second = second.trim_start_matches(&format!("http://{HOST}"));
    assert_eq!(
        f.app
            .clone()
            .oneshot(get(first, &[]))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        f.app
            .clone()
            .oneshot(get(second, &[]))
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn with_the_cookie_the_page_and_a_token_are_served() {
    let f = fixture();
    let cookie = session(&f).await;
    let page = f
        .app
        .clone()
        .oneshot(get("/", &[("cookie", &cookie)]))
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(
        body_text(page).await,
        "<!doctype html><title>Dialtone</title>"
    );

    let token = f
        .app
        .clone()
        .oneshot(get(
            "/api/token",
            &[("cookie", &cookie), ("sec-fetch-site", "same-origin")],
        ))
        .await
        .unwrap();
    assert_eq!(token.status(), StatusCode::OK);
    assert_eq!(token.headers()["cache-control"], "no-store");
    let json: serde_json::Value = serde_json::from_str(&body_text(token).await).unwrap();
    let payload = json["token"].as_str().unwrap().split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["grants"]["identity"], IDENTITY);
    assert_eq!(claims["iss"], API_KEY_SID);

    let settings = body_text(
        f.app
            .clone()
            .oneshot(get("/api/settings", &[("cookie", &cookie)]))
            .await
            .unwrap(),
    )
    .await;
    assert!(
        settings.contains(NUMBER)
            && !settings.contains(AUTH_TOKEN)
            && !settings.contains(API_KEY_SECRET)
    );
}

#[tokio::test]
async fn wrong_host_and_other_origins_are_forbidden() {
    let f = fixture();
    let cookie = session(&f).await;
    for headers in [
        vec![("host", "attacker.example:47999")],
        vec![("host", "localhost:47999")],
        vec![("origin", "http://127.0.0.1:8080")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "same-site")],
        vec![("sec-fetch-site", "cross-site")],
    ] {
        let mut request = Request::get("/api/token").header("cookie", &cookie);
        if !headers.iter().any(|(k, _)| *k == "host") {
            request = request.header("host", HOST);
        }
        for (k, v) in &headers {
            request = request.header(*k, *v);
        }
        let response = f
            .app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert!(response
            .headers()
            .get("access-control-allow-origin")
            .is_none());
    }
}

#[tokio::test]
async fn no_response_ever_carries_cors_headers() {
    let f = fixture();
    let cookie = session(&f).await;
    for path in ["/", "/api/token", "/api/settings", "/nope"] {
        let response = f
            .app
            .clone()
            .oneshot(get(
                path,
                &[("cookie", &cookie), ("origin", &format!("http://{HOST}"))],
            ))
            .await
            .unwrap();
        assert!(
            !response
                .headers()
                .keys()
                .any(|k| k.as_str().starts_with("access-control-")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_new_window_ends_the_older_session() {
    let f = fixture();
    let first = session(&f).await;
    let second = session(&f).await;
    let old = f
        .app
        .clone()
        .oneshot(get("/api/token", &[("cookie", &first)]))
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = f
        .app
        .clone()
        .oneshot(get("/api/token", &[("cookie", &second)]))
        .await
        .unwrap();
    assert_eq!(new.status(), StatusCode::OK);
}

/// The secret reaches the browser in a file only this user can read, never on a command line
/// (which every local account can read), and the file goes once the secret is used.
#[cfg(unix)]
#[tokio::test]
async fn the_launch_secret_travels_in_a_private_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let f = fixture();
    f.window.open().unwrap();
    let file = f
        ._dir
        .path()
        .join("data/calling-window-profile/dialtone-launch.html");
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let page = std::fs::read_to_string(&file).unwrap();
    let url = page
        .split("url=")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let path = url.trim_start_matches(&format!("http://{HOST}"));
    assert!(path.starts_with("/launch?key="), "{page}");
    let response = f.app.clone().oneshot(get(path, &[])).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!file.exists(), "the spent secret is deleted");
}

/// The launch page, the spent-link refusal and an API error follow the browser's
/// `Accept-Language`, until the `language` setting names a language.
#[tokio::test]
async fn words_follow_the_browsers_language_then_the_setting() {
    let f = fixture_with(Vec::new());
    let ja = [("accept-language", "ja-JP,ja;q=0.9,en;q=0.8")];
    let url = f.window.launch_url();
    let path = url.trim_start_matches(&format!("http://{HOST}")).to_owned();
    let response = f.app.clone().oneshot(get(&path, &ja)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let page = body_text(response).await;
    assert!(page.contains(r#"<html lang="ja">"#), "{page}");
    assert!(page.contains("<p>電話を開いています…</p>"), "{page}");

    let spent = f.app.clone().oneshot(get(&path, &ja)).await.unwrap();
    assert_eq!(spent.status(), StatusCode::FORBIDDEN);
    let refusal = body_text(spent).await;
    assert!(
        refusal.starts_with("このリンクは使用済みです。")
            && refusal.contains("「通話ウィンドウを開き直す」"),
        "{refusal}"
    );

    // No credentials anywhere: the token request says what is missing, in Japanese.
    let with_cookie = [ja[0], ("cookie", cookie.as_str())];
    let token = f
        .app
        .clone()
        .oneshot(get("/api/token", &with_cookie))
        .await
        .unwrap();
    let error: serde_json::Value = serde_json::from_str(&body_text(token).await).unwrap();
    assert_eq!(error["kind"], "missing_settings", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("未設定の項目があります：Account SID（TWILIO_ACCOUNT_SID）、"),
        "{message}"
    );

    // The setting wins over the browser.
    f.backend
        .save_settings(&BTreeMap::from([(
            dialtone::settings::Field::Language,
            "en".to_owned(),
        )]))
        .await
        .unwrap();
    let token = f
        .app
        .clone()
        .oneshot(get("/api/token", &with_cookie))
        .await
        .unwrap();
    let error: serde_json::Value = serde_json::from_str(&body_text(token).await).unwrap();
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("missing settings: Account SID (TWILIO_ACCOUNT_SID), "),
        "{message}"
    );
    let english = f.app.clone().oneshot(get(&path, &ja)).await.unwrap();
    assert!(body_text(english)
        .await
        .starts_with("This link was already used."));
}

#[tokio::test]
async fn tokens_are_rate_limited() {
    let f = fixture();
    let cookie = session(&f).await;
    let mut statuses = BTreeMap::new();
    for _ in 0..15 {
        let status = f
            .app
            .clone()
            .oneshot(get("/api/token", &[("cookie", &cookie)]))
            .await
            .unwrap()
            .status();
        *statuses.entry(status.as_u16()).or_insert(0) += 1;
    }
    assert_eq!(statuses, BTreeMap::from([(200, 10), (429, 5)]));
}

#[tokio::test]
async fn paths_cannot_escape_the_bundle() {
    let f = fixture();
    let cookie = session(&f).await;
    for path in [
        "/../settings.json",
        "/assets/../../etc/passwd",
        "/%2e%2e/settings.json",
    ] {
        let response = f
            .app
            .clone()
            .oneshot(get(path, &[("cookie", &cookie)]))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn page_reports_reach_the_hub_and_the_stream_tracks_the_window() {
    let f = fixture();
    let cookie = session(&f).await;
    let send = |body: &str, content_type: &str| {
        let request = Request::post("/api/state")
            .header("host", HOST)
            .header("cookie", &cookie)
            .header("content-type", content_type)
            .body(Body::from(body.to_owned()))
            .unwrap();
        let app = f.app.clone();
        async move { app.oneshot(request).await.unwrap().status() }
    };

    assert!(!f.window.link().status().connected);
    let stream = f
        .app
        .clone()
        .oneshot(get("/api/events", &[("cookie", &cookie)]))
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    assert!(f.window.link().status().connected);
    let mut body = stream.into_body();
    let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("event: hello"));

    let report = r#"{"registration":"registered","call":{"direction":"incoming","number":"+15557654321","state":"ringing"}}"#;
    assert_eq!(
        send(report, "application/json").await,
        StatusCode::NO_CONTENT
    );
    assert!(f.window.link().status().report.unwrap().is_ringing_in());
    assert_eq!(
        send(report, "text/plain").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        send(r#"{"registration":"x"}"#, "application/json").await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send("not json", "application/json").await,
        StatusCode::BAD_REQUEST
    );

    drop(body);
    let status = f.window.link().status();
    assert!(
        !status.connected,
        "closing the stream means the window closed"
    );
    assert!(status.report.is_none(), "and its call with it");
    assert_eq!(
        send(report, "application/json").await,
        StatusCode::NO_CONTENT
    );
    assert!(
        f.window.link().status().report.is_none(),
        "a late report does not bring it back"
    );
}

/// Opens the page's event stream, runs `trigger`, and returns the event that follows `hello`.
async fn event_after(f: &Fixture, trigger: impl FnOnce(&CallingWindow)) -> String {
    let cookie = session(f).await;
    let stream = f
        .app
        .clone()
        .oneshot(get("/api/events", &[("cookie", &cookie)]))
        .await
        .unwrap();
    let mut body = stream.into_body();
    let hello = body.frame().await.unwrap().unwrap().into_data().unwrap();
    assert!(String::from_utf8_lossy(&hello).contains("event: hello"));
    trigger(&f.window);
    let next = body.frame().await.unwrap().unwrap().into_data().unwrap();
    String::from_utf8_lossy(&next).into_owned()
}

#[tokio::test]
async fn the_page_hears_the_phones_commands() {
    let f = fixture();
    let next = event_after(&f, |window| {
        let heard = window
            .backend()
            .control()
            .send(dialtone::phone_control::PhoneCommand::Dial {
                number: "+15557654321".into(),
                now: false,
            });
        assert_eq!(heard, 1, "the open page follows the commands");
    })
    .await;
    assert!(next.contains("event: command"), "{next:?}");
    assert!(
        next.contains(r#"data: {"action":"dial","number":"+15557654321","now":false}"#),
        "{next:?}"
    );
}

/// A number handed in while no page was open (the window closed, or still loading) comes
/// right after `hello`, and only to the first page that connects.
#[tokio::test]
async fn a_number_that_waited_comes_first_and_once() {
    let f = fixture();
    let dial = dialtone::phone_control::PhoneCommand::Dial {
        number: "+15557654321".into(),
        now: true,
    };
    assert_eq!(
        f.window.backend().control().send(dial.clone()),
        0,
        "no page follows"
    );
    let cookie = session(&f).await;
    let stream = f
        .app
        .clone()
        .oneshot(get("/api/events", &[("cookie", &cookie)]))
        .await
        .unwrap();
    let mut body = stream.into_body();
    let mut text = String::new();
    // Bounded: without the command, only keep-alive comments would follow.
    tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while !text.contains("event: command") {
            let frame = body.frame().await.unwrap().unwrap().into_data().unwrap();
            text.push_str(&String::from_utf8_lossy(&frame));
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no command after hello within 10 s: {text:?}"));
    assert!(text.starts_with("event: hello"), "{text:?}");
    assert!(
        text.contains(r#"data: {"action":"dial","number":"+15557654321","now":true}"#),
        "{text:?}"
    );
    assert_eq!(
        f.window.backend().control().take_waiting_dial(),
        None,
        "the page took it"
    );
}

/// A number the open page hears live no longer waits for the next page.
#[tokio::test]
async fn a_number_the_page_heard_does_not_wait() {
    let f = fixture();
    let next = event_after(&f, |window| {
        window
            .backend()
            .control()
            .send(dialtone::phone_control::PhoneCommand::Dial {
                number: "+15557654321".into(),
                now: false,
            });
    })
    .await;
    assert!(next.contains("event: command"), "{next:?}");
    assert_eq!(f.window.backend().control().take_waiting_dial(), None);
}

#[tokio::test]
async fn the_page_hears_when_settings_change() {
    let f = fixture();
    let next = event_after(&f, |window| window.link().settings_changed()).await;
    assert!(next.contains("event: settings"), "{next:?}");
}

#[tokio::test]
async fn the_page_hears_when_the_webhook_server_changes() {
    let f = fixture();
    let next = event_after(&f, |window| window.link().webhook_changed()).await;
    assert!(next.contains("event: webhook"), "{next:?}");
}

/// A click on a missed-call notification reaches the calling window's page as `open-at` with
/// the call, in the same JSON the app window's `open-at` event carries.
#[tokio::test]
async fn the_page_hears_where_a_notification_opens_it() {
    let f = fixture();
    let next = event_after(&f, |window| {
        window
            .link()
            .open_at(dialtone::notifications::OpenAt::Call {
                call_sid: "CA0123456789abcdef0123456789abcdef".into(),
            });
    })
    .await;
    assert!(next.contains("event: open-at"), "{next:?}");
    assert!(
        next.contains(r#"data: {"view":"call","callSid":"CA0123456789abcdef0123456789abcdef"}"#),
        "{next:?}"
    );
}

#[tokio::test]
async fn the_page_hears_when_the_journal_changes() {
    let f = fixture();
    let next = event_after(&f, |window| window.link().journal_changed()).await;
    assert!(next.contains("event: journal"), "{next:?}");
}

/// Reads the stream until `until` is in it (bounded: otherwise only keep-alives would come).
async fn read_until(body: &mut Body, until: &str) -> String {
    let mut text = String::new();
    tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while !text.contains(until) {
            let frame = body.frame().await.unwrap().unwrap().into_data().unwrap();
            text.push_str(&String::from_utf8_lossy(&frame));
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {until:?} within 10 s: {text:?}"));
    text
}

/// A notification or tray click while no page is open (the window starting, or restarting
/// after a crash) waits: the next stream opens with it, right after `hello`, and only that one.
#[tokio::test]
async fn a_click_while_no_page_is_open_opens_the_next_page_there_once() {
    let f = fixture();
    let cookie = session(&f).await;
    let voicemail = dialtone::notifications::OpenAt::Voicemail {
        recording_sid: "RE0123456789abcdef0123456789abcdef".into(),
    };
    f.window
        .link()
        .open_at(dialtone::notifications::OpenAt::Phone);
    f.window.link().open_at(voicemail);
    let open = || {
        let app = f.app.clone();
        let request = get("/api/events", &[("cookie", &cookie)]);
        async move { app.oneshot(request).await.unwrap().into_body() }
    };
    let mut first = open().await;
    let text = read_until(&mut first, "event: open-at").await;
    assert!(text.starts_with("event: hello"), "{text:?}");
    assert!(
        text.contains(
            r#"data: {"view":"voicemail","recordingSid":"RE0123456789abcdef0123456789abcdef"}"#
        ),
        "the newest request: {text:?}"
    );
    drop(first);
    // The next page (a reload) does not open there again: what follows its hello is the next
    // event sent, not the request that was already shown.
    let mut second = open().await;
    read_until(&mut second, "event: hello").await;
    f.window.link().settings_changed();
    let text = read_until(&mut second, "event: settings").await;
    assert!(!text.contains("open-at"), "shown once: {text:?}");
}

#[tokio::test]
async fn a_started_window_forwards_webhook_server_changes_to_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let mut env = credential_env()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect::<Vec<_>>();
    env.push(("DIALTONE_PORT".to_owned(), free_port()));
    let backend = Arc::new(Backend::new(store, Environment::from_vars(env)));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let config = calling_window::Config {
        port: 0,
        data_dir: Some(dir.path().join("data")),
        ..Default::default()
    };
    let window = CallingWindow::start(
        backend.clone(),
        Arc::new(DirAssets(dir.path().to_owned())),
        config,
        async {
            let _ = stopped.await;
        },
    )
    .await
    .unwrap();
    let (mut page, _) = window.link().page_events();
    backend.start_webhook_server().await.unwrap();
    let event = tokio::time::timeout(std::time::Duration::from_secs(10), page.recv())
        .await
        .expect("the page hears of the webhook server starting")
        .unwrap();
    assert_eq!(event.name(), "webhook");
    let _ = stop.send(());
    backend.webhook_server().stop().await;
}

/// The native window's CSP (tauri.conf.json) and the calling window's must allow the same
/// Twilio endpoints, or calls would work in one window and not the other.
#[test]
fn both_windows_allow_the_same_twilio_endpoints() {
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("tauri.conf.json")).unwrap(),
    )
    .unwrap();
    let native: std::collections::BTreeSet<&str> = config["app"]["security"]["csp"]["connect-src"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .filter(|s| s.contains("twilio"))
        .collect();
    let calling: std::collections::BTreeSet<&str> = calling_window::TWILIO_CONNECT_SRC
        .split_whitespace()
        .collect();
    assert_eq!(native, calling);
}

/// A fake browser: a shell script with `body`, made executable.
#[cfg(unix)]
fn fake_browser(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let script = dir.join("fake-browser.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[cfg(unix)]
fn window_with_browser(dir: &std::path::Path, script: std::path::PathBuf) -> Arc<CallingWindow> {
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.join("settings.json")),
    );
    let backend = Arc::new(Backend::new(
        store,
        Environment::from_vars(credential_env()),
    ));
    let config = calling_window::Config {
        data_dir: Some(dir.join("data")),
        browser: calling_window::browser::BrowserSetting::Command(script),
        browser_env: vec![("PATH".into(), "/usr/bin:/bin".into())],
        ..Default::default()
    };
    CallingWindow::new(
        backend,
        Arc::new(DirAssets(dir.to_owned())),
        HOST.parse().unwrap(),
        config,
    )
}

/// Chromium run as root without `--no-sandbox` exits at once; the app window must say why,
/// not just "Not open".
#[cfg(unix)]
#[tokio::test]
async fn a_browser_that_stops_at_once_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let script = fake_browser(
        dir.path(),
        "echo '[1201/090000.1:ERROR:zygote_host_impl_linux.cc(100)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180.' >&2\nexit 1",
    );
    let window = window_with_browser(dir.path(), script);
    let mut status = window.link().subscribe();
    window.open().unwrap();
    let error = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        loop {
            if let Some(error) = status.borrow_and_update().error.clone() {
                return error;
            }
            status.changed().await.unwrap();
        }
    })
    .await
    .expect("the failure is published");
    assert!(error.contains("exit status: 1"), "{error}");
    assert!(
        error.contains("Running as root without --no-sandbox"),
        "{error}"
    );
    assert!(
        error.contains("DIALTONE_BROWSER"),
        "says what to do: {error}"
    );
}

/// Every browser the window started, reopened ones included, is closed with the app.
#[cfg(unix)]
#[tokio::test]
async fn reopened_browsers_are_all_closed_with_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let pids = dir.path().join("pids");
    let script = fake_browser(
        dir.path(),
        &format!("echo $$ >> '{}'\nexec sleep 300", pids.display()),
    );
    let window = window_with_browser(dir.path(), script);
    window.open().unwrap();
    window.open().unwrap();
    let read_pids = || -> Vec<String> {
        std::fs::read_to_string(&pids)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while read_pids().len() < 2 {
        assert!(std::time::Instant::now() < deadline, "both browsers start");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    window.close_browsers().await;
    for pid in read_pids() {
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists()
                || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                    .is_ok_and(|s| s.contains(") Z ")),
            "browser {pid} outlived the app"
        );
    }
}

/// Writes (settings, import, the set-up wizard) are POSTs with a JSON body from the page's own
/// origin: a page elsewhere can send a form without asking, but a JSON body only after a CORS
/// preflight this listener never answers, and the origin checks refuse it besides.
#[tokio::test]
async fn writes_are_json_from_our_own_origin_only() {
    let f = fixture();
    let cookie = session(&f).await;
    let port = free_port();
    let write = |path: &str, content_type: &str, body: String, extra: &[(&str, &str)]| {
        let mut request = Request::post(path)
            .header("host", HOST)
            .header("content-type", content_type);
        for (k, v) in extra {
            request = request.header(*k, *v);
        }
        let request = request.body(Body::from(body)).unwrap();
        let app = f.app.clone();
        async move { app.oneshot(request).await.unwrap() }
    };
    let saved_port = || {
        let status = f.window.backend().settings_status().unwrap();
        serde_json::to_value(status).unwrap()["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|field| field["name"] == "port")
            .unwrap()["value"]
            .clone()
    };
    let with_cookie = [("cookie", cookie.as_str())];
    let mut saves = f.window.settings_saves();

    for (content_type, body) in [
        ("application/x-www-form-urlencoded", format!("port={port}")),
        (
            "multipart/form-data; boundary=x",
            format!(
                "--x\r\nContent-Disposition: form-data; name=\"port\"\r\n\r\n{port}\r\n--x--\r\n"
            ),
        ),
        ("text/plain", format!(r#"{{"port":"{port}"}}"#)),
    ] {
        let response = write("/api/settings", content_type, body, &with_cookie).await;
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert!(body_text(response).await.contains(r#""kind":"invalid""#));
    }
    let json = format!(r#"{{"port":"{port}"}}"#);
    for extra in [
        vec![
            ("cookie", cookie.as_str()),
            ("origin", "http://127.0.0.1:8080"),
        ],
        vec![
            ("cookie", cookie.as_str()),
            ("sec-fetch-site", "cross-site"),
        ],
        vec![("cookie", cookie.as_str()), ("sec-fetch-site", "same-site")],
    ] {
        let response = write("/api/settings", "application/json", json.clone(), &extra).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{extra:?}");
    }
    let response = write("/api/settings", "application/json", json.clone(), &[]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "no cookie");
    assert_ne!(
        saved_port(),
        serde_json::json!(port),
        "nothing refused was saved"
    );

    // Every write route refuses a form the same way.
    for path in [
        "/api/import",
        "/api/setup/account",
        "/api/setup/connect",
        "/api/setup/disconnect",
        "/api/setup/repair",
        "/api/setup/caller-id",
    ] {
        let response = write(
            path,
            "application/x-www-form-urlencoded",
            "a=b".into(),
            &with_cookie,
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{path}"
        );
        let get = f
            .app
            .clone()
            .oneshot(get(path, &with_cookie))
            .await
            .unwrap();
        assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }

    // The page's own JSON write goes through, and no secret comes back.
    let same_origin = [
        ("cookie", cookie.as_str()),
        ("origin", &*format!("http://{HOST}")),
        ("sec-fetch-site", "same-origin"),
    ];
    assert!(
        saves.try_recv().is_err(),
        "nothing refused counted as saved"
    );
    let response = write("/api/settings", "application/json", json, &same_origin).await;
    assert_eq!(response.status(), StatusCode::OK);
    // The desktop shell hears of it, to apply shortcuts and launch at login at once.
    assert!(saves.try_recv().is_ok(), "a save in the page is announced");
    let text = body_text(response).await;
    assert!(
        !text.contains(AUTH_TOKEN) && !text.contains(API_KEY_SECRET),
        "{text}"
    );
    assert_eq!(saved_port(), serde_json::json!(port));
    let setup = body_text(
        f.app
            .clone()
            .oneshot(get("/api/setup", &with_cookie))
            .await
            .unwrap(),
    )
    .await;
    assert!(setup.contains(r#""connected":false"#), "{setup}");
    f.window.backend().webhook_server().stop().await;
}
