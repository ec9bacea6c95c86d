//! Finds a running tunnel that forwards to Dialtone's webhook listener, so the public URL finds
//! itself (`twilio-rest.md` §2):
//!
//! - **ngrok**: the agent's local API, `GET /api/tunnels` on `http://127.0.0.1:4040`
//!   (`DIALTONE_NGROK_API`): each tunnel's `public_url` and `config.addr`, where it forwards.
//! - **cloudflared**: a quick tunnel's metrics server on the first free port of 20241–20245
//!   (`DIALTONE_CLOUDFLARED_METRICS=host:port` names one): `GET /quicktunnel` is
//!   `{"hostname": "…trycloudflare.com"}`, and `GET /config` the ingress rules the tunnel
//!   forwards to (`cloudflare/cloudflared`, `metrics/metrics.go` and the orchestrator's
//!   versioned config), each with its `service` URL.
//!
//! Only an `https` tunnel whose target is our port on this machine counts: anything else would
//! hand Twilio a URL that does not reach us. The agents are asked on loopback only, never
//! through a proxy, and every request has a short timeout. Whoever answers on those ports
//! decides where Twilio's webhooks go, so an agent address that is not loopback is refused.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use url::{Host, Url};

use crate::settings::field::public_base;

/// Where the ngrok agent serves its API unless `web_addr` moved it.
pub const DEFAULT_NGROK_API: &str = "http://127.0.0.1:4040";
/// The ports cloudflared's metrics server tries, first free one wins (TUN-8737, 2024.12.0).
pub const CLOUDFLARED_METRICS_PORTS: std::ops::RangeInclusive<u16> = 20241..=20245;
/// How long one agent may take to answer. They are local processes: a slower one is hung.
pub const AGENT_TIMEOUT: Duration = Duration::from_millis(1500);

/// The program that runs a tunnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Agent {
    Ngrok,
    Cloudflared,
}

impl std::fmt::Display for Agent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Agent::Ngrok => "ngrok",
            Agent::Cloudflared => "cloudflared",
        })
    }
}

/// A tunnel that forwards to our port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tunnel {
    /// `https://abc.ngrok.app`: the public base, without a trailing `/`.
    pub public_base: String,
    pub agent: Agent,
}

/// What one look found: the tunnel, and why others did not count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub tunnel: Option<Tunnel>,
    /// E.g. "ngrok's tunnel https://x.ngrok.app forwards to port 8080, not 3000".
    pub notes: Vec<String>,
}

/// Where to look.
#[derive(Debug, Clone)]
pub struct Discovery {
    /// The ngrok agent's API base; `None` when the switch named no usable address.
    ngrok: Option<Url>,
    /// cloudflared metrics servers, `host:port`.
    cloudflared: Vec<String>,
    /// Switches that could not be used, said once per look.
    problems: Vec<String>,
    timeout: Duration,
}

impl Default for Discovery {
    fn default() -> Self {
        Self::new(None, None)
    }
}

fn is_loopback(host: Option<Host<&str>>) -> bool {
    match host {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

impl Discovery {
    /// `ngrok_api` is `DIALTONE_NGROK_API` (default [`DEFAULT_NGROK_API`]); `cloudflared` is
    /// `DIALTONE_CLOUDFLARED_METRICS` as `host:port` (default: 127.0.0.1 on each port of
    /// [`CLOUDFLARED_METRICS_PORTS`]).
    pub fn new(ngrok_api: Option<&str>, cloudflared: Option<&str>) -> Self {
        let mut problems = Vec::new();
        let ngrok_text = ngrok_api.unwrap_or(DEFAULT_NGROK_API);
        let ngrok = match Url::parse(ngrok_text) {
            Ok(url) if url.scheme() == "http" && is_loopback(url.host()) => Some(url),
            _ => {
                problems.push(format!(
                    "DIALTONE_NGROK_API={ngrok_text} is not used: it must be http:// on this computer, e.g. {DEFAULT_NGROK_API}"
                ));
                None
            }
        };
        let cloudflared = match cloudflared {
            None => CLOUDFLARED_METRICS_PORTS
                .map(|port| format!("127.0.0.1:{port}"))
                .collect(),
            Some(address) => match Url::parse(&format!("http://{}", address.trim())) {
                Ok(url) if is_loopback(url.host()) && url.port().is_some() && url.path() == "/" => {
                    vec![address.trim().to_owned()]
                }
                _ => {
                    problems.push(format!(
                        "DIALTONE_CLOUDFLARED_METRICS={address} is not used: it must be host:port on this computer, e.g. 127.0.0.1:20241"
                    ));
                    Vec::new()
                }
            },
        };
        Self {
            ngrok,
            cloudflared,
            problems,
            timeout: AGENT_TIMEOUT,
        }
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn http(&self) -> Option<reqwest::Client> {
        crate::twilio::install_crypto_provider();
        reqwest::Client::builder()
            .no_proxy()
            .connect_timeout(self.timeout)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .ok()
    }

    /// Asks every agent at once; the first https tunnel to `port` wins (ngrok before
    /// cloudflared, each in its own order).
    pub async fn find(&self, port: u16) -> Found {
        let mut found = Found {
            tunnel: None,
            notes: self.problems.clone(),
        };
        let Some(http) = self.http() else {
            found
                .notes
                .push("no HTTP client could be made to ask the tunnel agents".into());
            return found;
        };
        let mut asks = tokio::task::JoinSet::new();
        if let Some(api) = self.ngrok.clone() {
            let http = http.clone();
            asks.spawn(async move { (0, ask_ngrok(&http, &api, port).await) });
        }
        for (i, address) in self.cloudflared.iter().cloned().enumerate() {
            let http = http.clone();
            asks.spawn(async move { (i + 1, ask_cloudflared(&http, &address, port).await) });
        }
        let mut answers = Vec::new();
        while let Some(answer) = asks.join_next().await {
            if let Ok(answer) = answer {
                answers.push(answer);
            }
        }
        answers.sort_by_key(|(order, _)| *order);
        for (_, answer) in answers {
            found.notes.extend(answer.notes);
            if found.tunnel.is_none() {
                found.tunnel = answer.tunnel;
            }
        }
        found
    }
}

/// Answers of one agent.
struct Answer {
    tunnel: Option<Tunnel>,
    notes: Vec<String>,
}

async fn get_json(http: &reqwest::Client, url: &str) -> Option<Value> {
    let response = http.get(url).send().await.ok()?;
    if !response.status().is_success() {
        return None;
    }
    response.json().await.ok()
}

/// The port `target` (a tunnel's target: `3000`, `localhost:3000`, `http://127.0.0.1:3000`)
/// forwards to, when it is on this machine.
pub fn local_port(target: &str) -> Option<u16> {
    let target = target.trim();
    if let Ok(port) = target.parse::<u16>() {
        return Some(port);
    }
    let url = if target.contains("://") {
        Url::parse(target).ok()?
    } else {
        Url::parse(&format!("http://{target}")).ok()?
    };
    if !matches!(url.scheme(), "http" | "https") || !is_loopback(url.host()) {
        return None;
    }
    url.port_or_known_default()
}

/// ngrok's `GET /api/tunnels`.
pub fn ngrok_tunnels(body: &Value, port: u16) -> (Option<Tunnel>, Vec<String>) {
    let mut notes = Vec::new();
    let tunnels = body.get("tunnels").and_then(Value::as_array);
    for tunnel in tunnels.into_iter().flatten() {
        let Some(url) = tunnel.get("public_url").and_then(Value::as_str) else {
            continue;
        };
        let addr = tunnel
            .pointer("/config/addr")
            .and_then(Value::as_str)
            .unwrap_or("");
        if local_port(addr) != Some(port) {
            notes.push(format!(
                "ngrok's tunnel {url} forwards to {addr}, not to Dialtone's port {port}: start it with `ngrok http {port}`"
            ));
            continue;
        }
        match public_base(url) {
            Some(base) => {
                return (
                    Some(Tunnel {
                        public_base: base,
                        agent: Agent::Ngrok,
                    }),
                    notes,
                )
            }
            // ngrok v2 opens an http twin of each https tunnel: skipped without a word.
            None if url.starts_with("http://") => {}
            None => notes.push(format!(
                "ngrok's tunnel {url} is not an https URL Twilio can call"
            )),
        }
    }
    (None, notes)
}

/// cloudflared's `GET /quicktunnel` and `GET /config`.
pub fn cloudflared_tunnel(
    quicktunnel: &Value,
    config: Option<&Value>,
    port: u16,
) -> (Option<Tunnel>, Vec<String>) {
    let hostname = quicktunnel
        .get("hostname")
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or("");
    if hostname.is_empty() {
        // Not a quick tunnel (a named tunnel has its own, stable hostname: configure it).
        return (None, Vec::new());
    }
    let url = format!("https://{hostname}");
    let services: Vec<&str> = config
        .and_then(|c| c.pointer("/config/ingress"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|rule| rule.get("service").and_then(Value::as_str))
        .collect();
    if services.is_empty() {
        return (
            None,
            vec![format!(
                "cloudflared's quick tunnel {url} does not say where it forwards, so Dialtone does not use it; set it as the public URL if it forwards to port {port}"
            )],
        );
    }
    if !services.iter().any(|s| local_port(s) == Some(port)) {
        return (
            None,
            vec![format!(
                "cloudflared's tunnel {url} forwards to {}, not to Dialtone's port {port}: start it with `cloudflared tunnel --url http://127.0.0.1:{port}`",
                services.join(", ")
            )],
        );
    }
    match public_base(&url) {
        Some(base) => (
            Some(Tunnel {
                public_base: base,
                agent: Agent::Cloudflared,
            }),
            Vec::new(),
        ),
        None => (
            None,
            vec![format!(
                "cloudflared's hostname {hostname:?} is not one Twilio can call"
            )],
        ),
    }
}

async fn ask_ngrok(http: &reqwest::Client, api: &Url, port: u16) -> Answer {
    let url = api
        .join("/api/tunnels")
        .map(String::from)
        .unwrap_or_default();
    let Some(body) = get_json(http, &url).await else {
        return Answer {
            tunnel: None,
            notes: Vec::new(),
        };
    };
    let (tunnel, notes) = ngrok_tunnels(&body, port);
    Answer { tunnel, notes }
}

async fn ask_cloudflared(http: &reqwest::Client, address: &str, port: u16) -> Answer {
    let Some(quick) = get_json(http, &format!("http://{address}/quicktunnel")).await else {
        return Answer {
            tunnel: None,
            notes: Vec::new(),
        };
    };
    let config = get_json(http, &format!("http://{address}/config")).await;
    let (tunnel, notes) = cloudflared_tunnel(&quick, config.as_ref(), port);
    Answer { tunnel, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn targets_on_this_machine_have_a_port() {
        for (target, port) in [
            ("3000", Some(3000)),
            ("localhost:3000", Some(3000)),
            ("http://localhost:3000", Some(3000)),
            ("https://127.0.0.1:3443", Some(3443)),
            ("http://[::1]:3000", Some(3000)),
            ("http://localhost", Some(80)),
            ("http://192.168.1.5:3000", None),
            ("http://example.com:3000", None),
            ("unix:/tmp/sock", None),
            ("", None),
        ] {
            assert_eq!(local_port(target), port, "{target}");
        }
    }

    #[test]
    fn ngrok_counts_only_https_tunnels_to_our_port() {
        // The shape of ngrok's docs (agent/api.mdx), v2 with its http twin.
        let body = json!({"tunnels": [
            {"name": "other", "public_url": "https://other.ngrok.app", "proto": "https", "config": {"addr": "http://localhost:8080", "inspect": true}},
            {"name": "command_line (http)", "public_url": "http://d95211d2.ngrok.app", "proto": "http", "config": {"addr": "http://localhost:3000"}},
            {"name": "command_line", "public_url": "https://d95211d2.ngrok.app", "proto": "https", "config": {"addr": "http://localhost:3000", "inspect": true}}
        ], "uri": "/api/tunnels"});
        let (tunnel, notes) = ngrok_tunnels(&body, 3000);
        assert_eq!(
            tunnel,
            Some(Tunnel {
                public_base: "https://d95211d2.ngrok.app".into(),
                agent: Agent::Ngrok
            })
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("forwards to http://localhost:8080"),
            "{notes:?}"
        );
        assert_eq!(ngrok_tunnels(&body, 4000).0, None);
        assert_eq!(ngrok_tunnels(&json!({"tunnels": []}), 3000), (None, vec![]));
    }

    #[test]
    fn cloudflared_counts_only_a_quick_tunnel_to_our_port() {
        let quick = json!({"hostname": "word-word-word.trycloudflare.com"});
        let config = json!({"version": 0, "config": {"ingress": [{"hostname": "", "path": null, "service": "http://localhost:3000", "originRequest": {}}], "warp-routing": {}, "originRequest": {}}});
        assert_eq!(
            cloudflared_tunnel(&quick, Some(&config), 3000).0,
            Some(Tunnel {
                public_base: "https://word-word-word.trycloudflare.com".into(),
                agent: Agent::Cloudflared
            })
        );
        let (none, notes) = cloudflared_tunnel(&quick, Some(&config), 3001);
        assert!(
            none.is_none() && notes[0].contains("not to Dialtone's port 3001"),
            "{notes:?}"
        );
        let (none, notes) = cloudflared_tunnel(&quick, None, 3000);
        assert!(
            none.is_none() && notes[0].contains("does not say where"),
            "{notes:?}"
        );
        assert_eq!(
            cloudflared_tunnel(&json!({"hostname": ""}), Some(&config), 3000),
            (None, vec![])
        );
    }

    #[test]
    fn agents_elsewhere_than_this_machine_are_refused() {
        let d = Discovery::new(Some("http://192.168.1.2:4040"), Some("example.com:20241"));
        assert!(d.ngrok.is_none() && d.cloudflared.is_empty());
        assert_eq!(d.problems.len(), 2, "{:?}", d.problems);
        let d = Discovery::new(Some("http://localhost:4041"), Some("127.0.0.1:20300"));
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.cloudflared, vec!["127.0.0.1:20300".to_owned()]);
        assert_eq!(Discovery::default().cloudflared.len(), 5);
    }
}
