//! A tiny HTTP/1.1 client for POSTing webhooks to the app's loopback listener.

use anyhow::{anyhow, bail, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// POSTs `form` to `url` (plain http) with X-Twilio-Signature; returns (status, body).
pub async fn post_form(
    url: &str,
    form: &[(String, String)],
    signature: &str,
) -> Result<(u16, String)> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| anyhow!("webhook URL must be http://"))?;
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.iter())
        .finish();
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {hostport}\r\nUser-Agent: TwilioProxy/1.1\r\nAccept: */*\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: {signature}\r\n\
         I-Twilio-Idempotency-Token: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        crate::sim::new_sid(""),
        body.len()
    );
    let mut s = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        tokio::net::TcpStream::connect(hostport),
    )
    .await??;
    s.write_all(req.as_bytes()).await?;
    let mut buf = Vec::new();
    tokio::time::timeout(std::time::Duration::from_secs(15), s.read_to_end(&mut buf)).await??;
    let text = String::from_utf8_lossy(&buf).to_string();
    let Some(split) = text.find("\r\n\r\n") else {
        bail!("malformed HTTP response")
    };
    let head = &text[..split];
    let mut body = text[split + 4..].to_string();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("no status"))?;
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Ok((status, body))
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\r\n") {
        let n = usize::from_str_radix(rest[..i].trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < i + 2 + n {
            break;
        }
        out.push_str(&rest[i + 2..i + 2 + n]);
        rest = &rest[(i + 2 + n + 2).min(rest.len())..];
    }
    out
}

/// GETs `url` (plain http) with X-Twilio-Signature, as Twilio fetches a `<Play>` URL; returns
/// (status, content type, body length).
pub async fn get_signed(url: &str, signature: &str) -> Result<(u16, String, usize)> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| anyhow!("webhook URL must be http://"))?;
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {hostport}\r\nUser-Agent: TwilioProxy/1.1\r\nAccept: */*\r\n\
         X-Twilio-Signature: {signature}\r\nConnection: close\r\n\r\n"
    );
    let mut s = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        tokio::net::TcpStream::connect(hostport),
    )
    .await??;
    s.write_all(req.as_bytes()).await?;
    let mut buf = Vec::new();
    tokio::time::timeout(std::time::Duration::from_secs(15), s.read_to_end(&mut buf)).await??;
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| anyhow!("malformed HTTP response"))?;
    let head = String::from_utf8_lossy(&buf[..split]).to_string();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("no status"))?;
    let content_type = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-type")
                .then(|| v.trim().to_string())
        })
        .unwrap_or_default();
    let length = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(&String::from_utf8_lossy(&buf[split + 4..])).len()
    } else {
        buf.len() - split - 4
    };
    Ok((status, content_type, length))
}
