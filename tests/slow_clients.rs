//! The listeners under slow, stalled and numerous clients, with raw sockets: the webhook is
//! public through the tunnel, so a client that sends a byte and stops, or headers and then a
//! trickle, must be cut off, must not hold a shutdown or a restart, and must not crowd out
//! Twilio. Limits are shortened here (the product's are in `http_server::Limits`) so the
//! tests take seconds; `tests/cli.rs` checks the real binary with the real ones.

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use dialtone::backend::Backend;
use dialtone::http_server::{self, Limits};
use dialtone::settings::{Environment, Field, MemoryKeychain, SettingsFile, Store};
use dialtone::webhook;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

const QUICK: Limits = Limits {
    name: "test listener",
    header_read_timeout: Duration::from_secs(1),
    request_timeout: Duration::from_secs(1),
    max_connections: 400,
    shutdown_grace: Duration::from_secs(1),
};

/// How long a test waits for something that should take about a second.
const PATIENCE: Duration = Duration::from_secs(10);

struct Server {
    address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(limits: Limits) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let context = webhook::Context::new(webhook_settings(), true, Default::default());
    let router = webhook::router(Arc::new(context));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(http_server::serve(listener, router, limits, async {
        let _ = stopped.await;
    }));
    Server {
        address,
        stop: Some(stop),
        task,
    }
}

/// Reads until the server closes the connection; what it sent before closing.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut seen = Vec::new();
    let closed = tokio::time::timeout(PATIENCE, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the server kept the connection open");
    String::from_utf8_lossy(&seen).into_owned()
}

/// The voice webhook's signed request, as bytes to write at whatever pace a test wants.
fn raw_signed_request() -> Vec<u8> {
    let form = encode_form(&inbound_form("+15557654321"));
    let sig = twilio_signature("/handle_calls", &inbound_form("+15557654321"));
    format!(
        "POST /handle_calls HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\nx-twilio-signature: {sig}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{form}",
        form.len()
    )
    .into_bytes()
}

async fn answered(address: SocketAddr) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(&raw_signed_request()).await.unwrap();
    until_closed(&mut stream).await
}

#[tokio::test]
async fn a_client_that_sends_one_byte_is_cut_off() {
    let server = start(QUICK).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream.write_all(b"P").await.unwrap();
    let started = Instant::now();
    until_closed(&mut stream).await;
    assert!(started.elapsed() < PATIENCE);
    assert!(answered(server.address).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn a_connection_that_says_nothing_is_cut_off() {
    let server = start(QUICK).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    until_closed(&mut stream).await;
}

#[tokio::test]
async fn a_body_that_trickles_in_gets_408_and_the_connection_closes() {
    let server = start(QUICK).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream
        .write_all(b"POST /handle_calls HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\nAccountSid=AC")
        .await
        .unwrap();
    let reply = until_closed(&mut stream).await;
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply:?}");
}

#[tokio::test]
async fn shutdown_waits_a_bounded_time_for_a_stalled_client() {
    let mut server = start(QUICK).await;
    let mut stalled = TcpStream::connect(server.address).await.unwrap();
    stalled
        .write_all(b"POST /handle_calls HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\nA")
        .await
        .unwrap();
    // Let the server take the connection before asking it to stop.
    assert!(answered(server.address).await.starts_with("HTTP/1.1 200"));
    let started = Instant::now();
    server.stop.take().unwrap().send(()).unwrap();
    tokio::time::timeout(PATIENCE, &mut server.task)
        .await
        .expect("serve returns within its bound")
        .unwrap()
        .unwrap();
    assert!(started.elapsed() < PATIENCE);
    // The port is free again at once: a restart can bind it.
    tokio::net::TcpListener::bind(server.address).await.unwrap();
    until_closed(&mut stalled).await;
}

#[tokio::test]
async fn hundreds_of_idle_connections_do_not_crowd_out_twilio() {
    let limits = Limits {
        header_read_timeout: Duration::from_secs(30),
        ..QUICK
    };
    let server = start(limits).await;
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(TcpStream::connect(server.address).await.unwrap());
    }
    for _ in 0..20 {
        let reply = answered(server.address).await;
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply:?}");
        assert!(reply.contains("<Dial"), "{reply:?}");
    }
    drop(idle);
}

#[tokio::test]
async fn past_the_cap_new_connections_are_closed_until_some_end() {
    let limits = Limits {
        header_read_timeout: Duration::from_secs(30),
        max_connections: 5,
        ..QUICK
    };
    let server = start(limits).await;
    let mut held = Vec::new();
    for _ in 0..5 {
        let mut stream = TcpStream::connect(server.address).await.unwrap();
        // A byte each, so each is surely accepted before the next.
        stream.write_all(b"P").await.unwrap();
        held.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut refused = TcpStream::connect(server.address).await.unwrap();
    assert_eq!(
        until_closed(&mut refused).await,
        "",
        "closed without an answer"
    );
    drop(held);
    let deadline = Instant::now() + PATIENCE;
    loop {
        if answered(server.address).await.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "connections were never taken again"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Each Save in Settings restarts the webhook listener; a stalled client must not keep the
/// port (the listener down, incoming calls failing) until it gives up.
#[tokio::test]
async fn a_save_restarts_the_listener_while_a_client_stalls() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut vars: Vec<(String, String)> = credential_env()
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    vars.push(("DIALTONE_PORT".into(), port.clone()));
    let backend = Backend::new(
        Store::new(
            Box::<MemoryKeychain>::default(),
            SettingsFile::new(dir.path().join("settings.json")),
        ),
        Environment::from_vars(vars),
    );
    backend.start_webhook_server().await.unwrap();
    let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut stalled = TcpStream::connect(address).await.unwrap();
    stalled
        .write_all(b"POST /handle_calls HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\nA")
        .await
        .unwrap();
    assert!(answered(address).await.starts_with("HTTP/1.1 200"));
    let started = Instant::now();
    tokio::time::timeout(
        PATIENCE,
        backend.save_settings(&BTreeMap::from([(Field::Identity, "alice".to_owned())])),
    )
    .await
    .expect("the restart is bounded")
    .unwrap();
    assert!(started.elapsed() < PATIENCE);
    let status = backend.webhook_status().unwrap();
    assert_eq!(
        status.address.as_deref(),
        Some(address.to_string().as_str())
    );
    assert!(answered(address).await.starts_with("HTTP/1.1 200"));
    backend.webhook_server().stop().await;
}
