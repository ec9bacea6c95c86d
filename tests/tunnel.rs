//! The public URL finds itself: local stand-ins for the ngrok agent's API and cloudflared's
//! metrics server, answering as the real ones do (`twilio-rest.md` §2: ngrok's `agent/api.mdx`;
//! cloudflared's `metrics/metrics.go`, whose handlers write without a content type, so Go sends
//! `text/plain`), and the re-pointing when a tunnel's URL changes, against the simulator.

mod twilio_sim;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use dialtone::backend::{Backend, ConnectQuery};
use dialtone::settings::{Environment, Field, MemoryKeychain, SettingsFile, Store};
use dialtone::setup::TwilioApi;
use dialtone::tunnel::{Agent, Discovery, Tunnel};
use dialtone::webhook_server::{PublicUrlSource, ServerState};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use twilio_sim::*;

/// What a stand-in agent says, changeable while it runs.
#[derive(Clone)]
struct Agentish {
    public: Arc<Mutex<String>>,
    target: Arc<Mutex<String>>,
}

impl Agentish {
    fn new(public: &str, target: &str) -> Self {
        Self {
            public: Arc::new(Mutex::new(public.into())),
            target: Arc::new(Mutex::new(target.into())),
        }
    }
    fn set_public(&self, public: &str) {
        *self.public.lock().unwrap() = public.into();
    }
}

async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

/// The ngrok agent: `GET /api/tunnels`, an https tunnel (v3), plus another one elsewhere.
async fn ngrok(agent: Agentish) -> String {
    async fn tunnels(State(a): State<Agentish>) -> impl IntoResponse {
        let public = a.public.lock().unwrap().clone();
        let addr = a.target.lock().unwrap().clone();
        axum::Json(json!({
            "tunnels": [
                {"name": "blog", "uri": "/api/tunnels/blog", "public_url": "https://blog.ngrok.app", "proto": "https",
                 "config": {"addr": "http://localhost:8080", "inspect": true},
                 "metrics": {"conns": {"count": 0}, "http": {"count": 0}}},
                {"name": "command_line", "uri": "/api/tunnels/command_line", "public_url": public, "proto": "https",
                 "config": {"addr": addr, "inspect": true},
                 "metrics": {"conns": {"count": 0}, "http": {"count": 0}}},
            ],
            "uri": "/api/tunnels",
        }))
    }
    let address = serve(
        Router::new()
            .route("/api/tunnels", get(tunnels))
            .with_state(agent),
    )
    .await;
    format!("http://{address}")
}

/// cloudflared's metrics server: `/quicktunnel` and `/config`, as text/plain like Go writes them.
async fn cloudflared(agent: Agentish) -> String {
    async fn quick(State(a): State<Agentish>) -> impl IntoResponse {
        let hostname = a.public.lock().unwrap().clone();
        (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(r#"{{"hostname":"{hostname}"}}"#),
        )
    }
    async fn config(State(a): State<Agentish>) -> impl IntoResponse {
        let service = a.target.lock().unwrap().clone();
        (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            json!({"version": 0, "config": {"ingress": [{"hostname": "", "path": null, "rewrite": "", "service": service, "Handlers": null, "originRequest": {}}], "warp-routing": {"connectTimeout": 0}, "originRequest": {}}}).to_string(),
        )
    }
    let router = Router::new()
        .route("/quicktunnel", get(quick))
        .route("/config", get(config))
        .route("/metrics", get(|| async { "# HELP build_info\n" }))
        .with_state(agent);
    serve(router).await.to_string()
}

/// A port nothing listens on.
fn closed_port() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("127.0.0.1:{}", l.local_addr().unwrap().port())
}

#[tokio::test]
async fn each_agent_is_found_when_its_tunnel_goes_to_our_port() {
    let ngrok_api = ngrok(Agentish::new(
        "https://d95211d2.ngrok.app",
        "http://localhost:3000",
    ))
    .await;
    let cf = cloudflared(Agentish::new(
        "seasonal-deck-organisms.trycloudflare.com",
        "http://localhost:3000",
    ))
    .await;

    let found = Discovery::new(Some(&ngrok_api), Some(&closed_port()))
        .find(3000)
        .await;
    assert_eq!(
        found.tunnel,
        Some(Tunnel {
            public_base: "https://d95211d2.ngrok.app".into(),
            agent: Agent::Ngrok
        })
    );
    assert!(
        found
            .notes
            .iter()
            .any(|n| n.contains("blog.ngrok.app") && n.contains("8080")),
        "{:?}",
        found.notes
    );

    let found = Discovery::new(Some(&format!("http://{}", closed_port())), Some(&cf))
        .find(3000)
        .await;
    assert_eq!(
        found.tunnel,
        Some(Tunnel {
            public_base: "https://seasonal-deck-organisms.trycloudflare.com".into(),
            agent: Agent::Cloudflared
        })
    );

    // Both running: ngrok first, every time.
    let both = Discovery::new(Some(&ngrok_api), Some(&cf));
    assert_eq!(both.find(3000).await.tunnel.unwrap().agent, Agent::Ngrok);

    // Neither forwards to 3001: nothing, and the notes say why.
    let found = both.find(3001).await;
    assert_eq!(found.tunnel, None);
    assert!(
        found.notes.iter().any(|n| n.contains("ngrok http 3001")),
        "{:?}",
        found.notes
    );
    assert!(
        found
            .notes
            .iter()
            .any(|n| n.contains("cloudflared tunnel --url http://127.0.0.1:3001")),
        "{:?}",
        found.notes
    );
}

#[tokio::test]
async fn a_tunnel_elsewhere_or_without_https_does_not_count() {
    let plain = ngrok(Agentish::new(
        "http://plain.ngrok.app",
        "http://localhost:3000",
    ))
    .await;
    let remote = ngrok(Agentish::new(
        "https://x.ngrok.app",
        "http://192.168.1.9:3000",
    ))
    .await;
    for api in [plain, remote] {
        let found = Discovery::new(Some(&api), Some(&closed_port()))
            .find(3000)
            .await;
        assert_eq!(found.tunnel, None, "{api}: {:?}", found.notes);
    }
    // An agent answering with something else entirely is no tunnel either.
    let junk =
        serve(Router::new().route("/api/tunnels", get(|| async { "<html>not json</html>" }))).await;
    let found = Discovery::new(Some(&format!("http://{junk}")), Some(&closed_port()))
        .find(3000)
        .await;
    assert_eq!(found.tunnel, None);
}

#[tokio::test]
async fn a_hung_agent_costs_one_timeout_not_the_app() {
    // Accepts connections and never answers.
    let hung = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = hung.local_addr().unwrap();
    let _held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = hung.accept().await {
            open.push(socket);
        }
    });
    let discovery = Discovery::new(
        Some(&format!("http://{address}")),
        Some(&address.to_string()),
    )
    .with_timeout(Duration::from_millis(200));
    let found = tokio::time::timeout(Duration::from_secs(20), discovery.find(3000))
        .await
        .expect("every request to an agent has a timeout");
    assert_eq!(found.tunnel, None);
}

/// One HTTP/1.1 request on an open (keep-alive) connection; the status.
async fn post_on(
    stream: &mut tokio::net::TcpStream,
    host: &str,
    body: &str,
    signature: &str,
) -> u16 {
    let request = format!(
        "POST /handle_calls HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: {signature}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        stream.read_exact(&mut byte).await.unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await.unwrap();
    head[9..12].parse().unwrap()
}

fn inbound() -> (Vec<(String, String)>, String) {
    let form: Vec<(String, String)> = [
        ("AccountSid", ACCOUNT_SID),
        ("CallSid", "CA00000000000000000000000000000001"),
        ("From", "+447700900123"),
        ("To", NUMBER),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&form)
        .finish();
    (form, body)
}

#[tokio::test]
async fn a_tunnel_that_restarts_on_a_new_url_is_followed_without_dropping_the_listener() {
    let sim = Sim::before_setup(NUMBER, json!({}));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let agent = Agentish::new(
        "https://first.ngrok-free.app",
        &format!("http://localhost:{port}"),
    );
    let ngrok_api = ngrok(agent.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let backend = Arc::new(
        Backend::new(store, Environment::default())
            .with_twilio_api(TwilioApi::new(&sim.rest))
            .with_tunnel_discovery(Discovery::new(Some(&ngrok_api), Some(&closed_port())))
            .with_tunnel_look_every(Duration::from_millis(100)),
    );
    backend
        .save_settings(&BTreeMap::from([(Field::Port, port.to_string())]))
        .await
        .unwrap();
    let follower = tokio::spawn(backend.clone().follow_tunnel());

    let result = backend
        .setup_connect(
            serde_json::from_value::<ConnectQuery>(json!({
                "accountSid": ACCOUNT_SID, "authToken": AUTH_TOKEN, "number": NUMBER,
            }))
            .unwrap(),
        )
        .await
        .unwrap();
    let app = result.connected.application_sid.clone();
    assert_eq!(
        result.connected.voice_url.as_deref(),
        Some("https://first.ngrok-free.app/handle_calls"),
        "the wizard used the tunnel it found"
    );
    let status = backend.webhook_status().unwrap();
    assert_eq!(status.state, ServerState::Listening);
    assert_eq!(status.public_url_source, Some(PublicUrlSource::Tunnel));
    let address = status.address.clone().unwrap();
    let saved = backend.settings_status().unwrap();
    let public_url = serde_json::to_value(&saved).unwrap()["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "public_url")
        .unwrap()
        .clone();
    assert_eq!(
        public_url["set"], false,
        "a found URL is not saved as configured: {public_url}"
    );

    let (form, body) = inbound();
    let signed = |url: &str| dialtone::signature::compute(AUTH_TOKEN, url, &form);
    let mut connection = tokio::net::TcpStream::connect(&address).await.unwrap();
    assert_eq!(
        post_on(
            &mut connection,
            &address,
            &body,
            &signed("https://first.ngrok-free.app/handle_calls")
        )
        .await,
        200
    );

    // The free tunnel restarts with a new URL.
    agent.set_public("https://second.ngrok-free.app");
    let updated = format!("{}{}", sim.path(&format!("/Applications/{app}.json")), "");
    let mut seen = None;
    for _ in 0..200 {
        let requests = sim.rest_requests().await;
        seen = requests.into_iter().find(|r| {
            r["method"] == "POST"
                && r["path"] == updated.as_str()
                && r["form"].as_array().unwrap().contains(&json!([
                    "VoiceUrl",
                    "https://second.ngrok-free.app/handle_calls"
                ]))
        });
        if seen.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let seen = seen.expect("the simulator's log shows the TwiML App's VoiceUrl updated");
    assert_eq!(seen["status"], 200);
    assert!(
        seen["auth"].as_str().unwrap().starts_with("key SK"),
        "with the saved API key: {seen}"
    );

    // Same listener, same connection: the new URL's signature is accepted, the old one's not.
    assert_eq!(
        post_on(
            &mut connection,
            &address,
            &body,
            &signed("https://second.ngrok-free.app/handle_calls")
        )
        .await,
        200
    );
    assert_eq!(
        post_on(
            &mut connection,
            &address,
            &body,
            &signed("https://first.ngrok-free.app/handle_calls")
        )
        .await,
        403
    );
    let status = backend.webhook_status().unwrap();
    assert_eq!(status.address.as_deref(), Some(address.as_str()));
    assert_eq!(
        status.public_url.as_deref(),
        Some("https://second.ngrok-free.app")
    );
    let calls = status
        .twilio_calls
        .expect("the card says where Twilio calls now");
    assert_eq!(calls.url, "https://second.ngrok-free.app/handle_calls");
    let state: Value = sim.state().await;
    let app_now = state["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["sid"] == app.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        app_now["voice_url"],
        "https://second.ngrok-free.app/handle_calls"
    );

    // Nothing polls Twilio: with the URL steady, no more REST requests go out.
    let before = sim.rest_requests().await.len();
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sim.rest_requests().await.len(), before);

    follower.abort();
    backend.webhook_server().stop().await;
}

#[tokio::test]
async fn a_configured_url_wins_over_a_tunnel() {
    let sim = Sim::before_setup(NUMBER, json!({}));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ngrok_api = ngrok(Agentish::new(
        "https://found.ngrok-free.app",
        &format!("http://localhost:{port}"),
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.path().join("settings.json")),
    );
    let backend = Arc::new(
        Backend::new(store, Environment::default())
            .with_twilio_api(TwilioApi::new(&sim.rest))
            .with_tunnel_discovery(Discovery::new(Some(&ngrok_api), Some(&closed_port())))
            .with_tunnel_look_every(Duration::from_millis(100)),
    );
    backend
        .save_settings(&BTreeMap::from([(Field::Port, port.to_string())]))
        .await
        .unwrap();
    let result = backend
        .setup_connect(
            serde_json::from_value::<ConnectQuery>(json!({
                "accountSid": ACCOUNT_SID, "authToken": AUTH_TOKEN, "number": NUMBER,
                "publicUrl": "https://static.example.com/handle_calls",
            }))
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        result.connected.voice_url.as_deref(),
        Some("https://static.example.com/handle_calls")
    );
    let follower = tokio::spawn(backend.clone().follow_tunnel());
    // The follower sees the tunnel, and leaves Twilio on the configured URL.
    for _ in 0..100 {
        if backend.webhook_status().unwrap().tunnel.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = backend.webhook_status().unwrap();
    assert_eq!(
        status.tunnel.unwrap().public_base,
        "https://found.ngrok-free.app"
    );
    assert_eq!(
        status.public_url.as_deref(),
        Some("https://static.example.com/handle_calls")
    );
    assert_eq!(status.public_url_source, Some(PublicUrlSource::Configured));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let app = &result.connected.application_sid;
    let repointed = sim
        .rest_requests()
        .await
        .into_iter()
        .filter(|r| {
            r["method"] == "POST"
                && r["path"] == sim.path(&format!("/Applications/{app}.json")).as_str()
        })
        .count();
    assert_eq!(repointed, 0, "the configured URL stays");
    follower.abort();
    backend.webhook_server().stop().await;
}
