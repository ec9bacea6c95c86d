//! Control API for tests: plain HTTP + JSON on a loopback port.

use crate::codec::Codec;
use crate::sim::{new_sid, Sim};
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub async fn serve(sim: Arc<Sim>, listener: TcpListener) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            continue;
        };
        let sim = sim.clone();
        tokio::spawn(async move {
            let _ = handle(sim, tcp).await;
        });
    }
}

async fn handle(sim: Arc<Sim>, mut s: TcpStream) -> anyhow::Result<()> {
    let (line, headers, mut body) = crate::signal::read_head(&mut s).await?;
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while body.len() < len {
        let mut tmp = vec![0u8; len - body.len()];
        let n = s.read(&mut tmp).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&tmp[..n]);
    }
    let req: Value = serde_json::from_slice(&body).unwrap_or(json!({}));
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let q = |name: &str| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (status, out) = match (method.as_str(), segs.as_slice()) {
        ("GET", ["health"]) => (200, json!({"ok": true})),
        ("GET", ["events"]) => {
            let since = q("since").and_then(|v| v.parse().ok()).unwrap_or(0);
            (200, json!({"events": sim.events_since(since)}))
        }
        ("GET", ["registrations"]) => (200, sim.registrations()),
        ("GET", ["calls"]) => (200, sim.calls_json()),
        ("GET", ["calls", sid]) => match sim.find_call(sid) {
            Some(c) => (
                200,
                sim.call_json(&c, q("windows").and_then(|v| v.parse().ok()).unwrap_or(50)),
            ),
            None => (404, json!({"error": "no such call"})),
        },
        ("POST", ["calls", sid, "hangup"]) => match sim.far_end_hangup(sid) {
            Ok(kind) => (200, json!({"sent": kind})),
            Err(e) => (409, json!({"error": e})),
        },
        ("POST", ["calls", sid, "tone"]) => {
            let hz = req["hz"].as_f64().unwrap_or(0.0);
            if sim.set_tone(sid, hz) {
                (200, json!({"hz": hz}))
            } else {
                (404, json!({"error": "no media for that call"}))
            }
        }
        ("POST", ["calls", sid, "fault"]) => {
            let kind = req["kind"].as_str().unwrap_or_default();
            match sim.start_fault(sid, kind, req["seconds"].as_f64().unwrap_or(f64::NAN)) {
                Ok(v) => (200, v),
                Err(e) => (400, json!({"error": e})),
            }
        }
        ("POST", ["phone"]) => {
            let codec = req["codec"].as_str().map(Codec::parse).transpose();
            match codec {
                Err(e) => (400, json!({"error": e})),
                Ok(codec) => {
                    let mut p = sim.phone.lock().unwrap();
                    if let Some(m) = req["mode"].as_str() {
                        p.mode = m.to_string();
                    }
                    if let Some(d) = req["answer_delay_ms"].as_u64() {
                        p.answer_delay_ms = d;
                    }
                    if let Some(c) = codec {
                        p.codec = c;
                    }
                    (
                        200,
                        json!({"mode": p.mode, "answer_delay_ms": p.answer_delay_ms, "codec": p.codec.name()}),
                    )
                }
            }
        }
        ("POST", ["inbound"]) => {
            let parent = new_sid("CA");
            let from = req["from"].as_str().unwrap_or("+15559876543").to_string();
            let name = req["caller_name"].as_str().map(String::from);
            let forge = req["forge"].as_bool().unwrap_or(false);
            tokio::spawn(sim.clone().inbound(parent.clone(), from, name, forge));
            (200, json!({"call_sid": parent}))
        }
        ("POST", ["webhook"]) => {
            let form: Vec<(String, String)> = req["params"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            (
                200,
                sim.raw_webhook(
                    form,
                    req["forge"].as_bool().unwrap_or(false),
                    req["url"].as_str().map(String::from),
                )
                .await,
            )
        }
        ("GET", ["rest", "state"]) => (200, sim.rest.lock().unwrap().snapshot()),
        ("POST", ["rest", "seed"]) => match sim.rest.lock().unwrap().seed(&req) {
            Ok(created) => (200, created),
            Err(e) => (400, json!({"error": e})),
        },
        ("POST", ["rest", "release"]) => {
            let sid = req["sid"].as_str().unwrap_or_default();
            let mut rest = sim.rest.lock().unwrap();
            let before = rest.numbers.len() + rest.caller_ids.len();
            rest.numbers.retain(|n| n["sid"] != sid);
            rest.caller_ids.retain(|c| c["sid"] != sid);
            if rest.numbers.len() + rest.caller_ids.len() < before {
                (200, json!({"released": sid}))
            } else {
                (
                    404,
                    json!({"error": "no number or caller ID with that sid"}),
                )
            }
        }
        ("POST", ["rest", "keys"]) => {
            let name = req["friendly_name"].as_str().unwrap_or("seeded");
            let main = req["main"].as_bool().unwrap_or(false);
            let key = sim.rest.lock().unwrap().add_key(None, name, None, main);
            (
                200,
                json!({"sid": key.sid, "secret": key.secret, "main": key.main}),
            )
        }
        ("POST", ["rest", "faults"]) => match req["path"].as_str() {
            Some(p) => {
                let fault = crate::rest::store::Fault {
                    path: p.to_string(),
                    method: req["method"].as_str().map(String::from),
                    status: req["status"].as_u64().unwrap_or(0) as u16,
                    retry_after: req["retry_after"].as_u64(),
                    stall_ms: req["stall_ms"].as_u64().unwrap_or(0),
                    remaining: req["count"].as_u64().unwrap_or(1) as u32,
                    after: req["after"].as_bool().unwrap_or(false),
                };
                sim.rest.lock().unwrap().faults.push(fault);
                (200, json!({"ok": true}))
            }
            None => (
                400,
                json!({"error": "a fault needs a path (a prefix of the request path)"}),
            ),
        },
        ("POST", ["token-check"]) => {
            match sim.check_token(req["token"].as_str().unwrap_or_default()) {
                Ok(t) => (
                    200,
                    json!({"ok": true, "identity": t.identity, "exp": t.exp}),
                ),
                Err(e) => (
                    200,
                    json!({"ok": false, "code": e.code, "message": e.message}),
                ),
            }
        }
        _ => (
            404,
            json!({"error": "unknown route", "method": method, "path": path}),
        ),
    };
    let body = out.to_string();
    let reason = if status == 200 { "OK" } else { "Error" };
    s.write_all(
        format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .await?;
    let _ = s.shutdown().await;
    Ok(())
}
