//! The gateway endpoint: TLS on one port; `GET /signal` upgrades to the Voice SDK's WebSocket,
//! anything else is answered as Insights (eventgw) would be, with CORS.

use crate::sim::Sim;
use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use sha1::Digest;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

pub async fn serve(sim: Arc<Sim>, listener: TcpListener, acceptor: TlsAcceptor) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            continue;
        };
        if sim.signaling_blocked() {
            // The signaling-drop fault: the network is "down", so connections go nowhere.
            sim.log("ws-refused", json!({"fault": "signaling-drop"}));
            drop(tcp);
            continue;
        }
        let sim = sim.clone();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            let _ = tcp.set_nodelay(true);
            match acceptor.accept(tcp).await {
                Ok(tls) => {
                    if let Err(e) = handle(sim, tls).await {
                        eprintln!("[sim] connection error: {e}");
                    }
                }
                Err(e) => eprintln!("[sim] TLS handshake failed: {e}"),
            }
        });
    }
}

pub async fn read_head<S: AsyncRead + Unpin>(
    s: &mut S,
) -> anyhow::Result<(String, Vec<(String, String)>, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut tmp = [0u8; 4096];
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..i]).to_string();
            let rest = buf[i + 4..].to_vec();
            let mut lines = head.split("\r\n");
            let request_line = lines.next().unwrap_or_default().to_string();
            let headers = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
                .collect();
            return Ok((request_line, headers, rest));
        }
        let n = s.read(&mut tmp).await?;
        if n == 0 {
            anyhow::bail!("connection closed before the request head");
        }
        buf.extend_from_slice(&tmp[..n]);
        if buf.len() > 65536 {
            anyhow::bail!("request head too large");
        }
    }
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

async fn handle<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    sim: Arc<Sim>,
    mut s: S,
) -> anyhow::Result<()> {
    let (line, headers, mut rest) = read_head(&mut s).await?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let is_ws = header(&headers, "upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    if is_ws && path.starts_with("/signal") {
        let key = header(&headers, "sec-websocket-key").unwrap_or_default();
        let mut h = sha1::Sha1::new();
        h.update(key.as_bytes());
        h.update(b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
        let accept = base64::engine::general_purpose::STANDARD.encode(h.finalize());
        s.write_all(
            format!("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n")
                .as_bytes(),
        )
        .await?;
        let ws = WebSocketStream::from_raw_socket(s, Role::Server, None).await;
        return websocket(sim, ws, path).await;
    }
    // Insights / anything else: drain the body, answer 200 with CORS.
    let len: usize = header(&headers, "content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while rest.len() < len {
        let mut tmp = vec![0u8; len - rest.len()];
        let n = s.read(&mut tmp).await?;
        if n == 0 {
            break;
        }
        rest.extend_from_slice(&tmp[..n]);
    }
    let cors = "Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Headers: Content-Type, X-Twilio-Token\r\nAccess-Control-Allow-Methods: GET, POST, OPTIONS\r\n";
    let resp = if method == "OPTIONS" {
        format!("HTTP/1.1 204 No Content\r\n{cors}Content-Length: 0\r\nConnection: close\r\n\r\n")
    } else {
        format!("HTTP/1.1 200 OK\r\n{cors}Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}")
    };
    s.write_all(resp.as_bytes()).await?;
    let _ = s.shutdown().await;
    Ok(())
}

async fn websocket<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    sim: Arc<Sim>,
    ws: WebSocketStream<S>,
    path: String,
) -> anyhow::Result<()> {
    let (mut sink, mut stream) = ws.split();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let kill = Arc::new(tokio::sync::Notify::new());
    let conn_id = sim.add_conn(tx.clone(), kill.clone());
    sim.log("ws-open", json!({"conn": conn_id, "path": path}));
    let writer = tokio::spawn(async move {
        while let Some(m) = rx.recv().await {
            if sink.send(Message::Text(m.into())).await.is_err() {
                break;
            }
        }
    });
    // Heartbeat ("\n", echoed by the SDK) and token-expiry watch.
    let ticker = {
        let sim = sim.clone();
        tokio::spawn(async move {
            let mut n = 0u64;
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                n += 1;
                if n == 5 {
                    n = 0;
                    if tx.send("\n".to_string()).is_err() {
                        break;
                    }
                }
                sim.check_expiry(conn_id);
            }
        })
    };
    loop {
        let msg = tokio::select! {
            m = stream.next() => m,
            // Cut without a close frame, as a dropped network does: the browser sees 1006.
            () = kill.notified() => {
                sim.log("ws-cut", json!({"conn": conn_id}));
                break;
            }
        };
        let Some(msg) = msg else { break };
        let text = match msg {
            Ok(Message::Text(t)) => t.to_string(),
            Ok(Message::Close(_)) | Err(_) => break,
            Ok(_) => continue,
        };
        if text.trim().is_empty() {
            continue; // heartbeat echo
        }
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            sim.log("bad-message", json!({"conn": conn_id, "text": text}));
            continue;
        };
        let kind = v["type"].as_str().unwrap_or_default().to_string();
        let payload = v.get("payload").cloned().unwrap_or(Value::Null);
        sim.handle(conn_id, &kind, payload);
    }
    ticker.abort();
    writer.abort();
    sim.remove_conn(conn_id);
    Ok(())
}
