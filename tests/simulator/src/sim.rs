//! Shared state and the call flows: what Twilio's cloud does between the SDK, the webhook and the far end.

use crate::auth::{self, TokenInfo};
use crate::codec::Codec;
use crate::media::MediaPeer;
use crate::rest::store::Store;
use crate::twiml::{self, Target, Verb};
use crate::webhook;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, Notify};

mod recovery;

pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_micros() as f64
        / 1000.0
}
pub fn now_s() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}
pub fn new_sid(prefix: &str) -> String {
    format!("{prefix}{:032x}", rand::random::<u128>())
}

#[derive(Debug, Clone)]
pub struct Config {
    pub signal_port: u16,
    pub control_port: u16,
    pub account_sid: String,
    pub auth_token: String,
    pub api_key_sid: String,
    pub api_key_secret: String,
    pub app_sid: String,
    pub number: String,
    /// Where the simulator POSTs (the local listener).
    pub webhook_url: String,
    /// The URL it signs (what Twilio would have requested).
    pub public_url: String,
    pub tone_hz: f64,
    /// The codec calls run on until `POST /phone {codec}` says otherwise.
    pub codec: Codec,
    /// Fault injection, to prove the end-to-end tests fail when a flow breaks:
    /// `drop-dtmf`, `no-cancel`, `silent`, `ignore-relisten`, `no-reinvite-answer`,
    /// `no-reconnect-token`, `wrong-codec`.
    pub fault: String,
    /// The REST API's port (plain HTTP on loopback; 0 picks a free one).
    pub rest_port: u16,
    /// More of the account's state for the REST API (`Store::seed`'s shape), from `--rest-seed`.
    pub rest_seed: Option<Value>,
}

pub struct Conn {
    pub tx: mpsc::UnboundedSender<String>,
    pub token: Option<TokenInfo>,
    pub registered: bool,
    pub expired_sent: bool,
    /// `listen.reconnectTimeout`: how long (s) a call outlives this socket, waiting for the SDK
    /// to come back with its reconnect token. 0 ends the call with the socket.
    pub reconnect_timeout: u64,
    /// Notified to cut the socket at once, as a network drop would (the signaling-drop fault).
    pub kill: Arc<Notify>,
}

pub struct CallRec {
    pub sid: String,
    pub parent: Option<String>,
    pub direction: &'static str,
    /// The signaling connection the call's messages go to; a signaling reconnect moves it.
    pub conn: AtomicU64,
    /// The token the SDK must show to take the call over on a new connection; a new one is
    /// issued on each reconnect (`answer.reconnect` / `invite.reconnect`).
    pub reconnect_token: Mutex<Option<String>>,
    pub from: String,
    pub to: String,
    pub status: Mutex<String>,
    pub changed: Notify,
    pub peer: Mutex<Option<Arc<MediaPeer>>>,
    /// For calls from the app: the SDK's temporary id (TJ…) until it has been told the CallSid
    /// in a `ringing` or `answer`; the SDK ignores messages addressed to a CallSid it has not seen.
    pub outbound_id: Option<String>,
    pub announced: std::sync::atomic::AtomicBool,
}

impl CallRec {
    pub fn conn_id(&self) -> u64 {
        self.conn.load(Ordering::SeqCst)
    }
    /// The callsid the SDK recognises for this call right now.
    pub fn sdk_sid(&self) -> String {
        match &self.outbound_id {
            Some(tj) if !self.announced.load(std::sync::atomic::Ordering::SeqCst) => tj.clone(),
            _ => self.sid.clone(),
        }
    }
    fn announce(&self) {
        self.announced
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }
    pub fn status(&self) -> String {
        self.status.lock().unwrap().clone()
    }
    pub(crate) fn set_status(&self, s: &str) {
        *self.status.lock().unwrap() = s.to_string();
        self.changed.notify_waiters();
    }
    fn peer(&self) -> Option<Arc<MediaPeer>> {
        self.peer.lock().unwrap().clone()
    }
    pub(crate) fn is_over(&self) -> bool {
        matches!(
            self.status().as_str(),
            "completed" | "canceled" | "rejected" | "busy" | "no-answer" | "failed"
        )
    }
}

pub struct Phone {
    pub mode: String,
    pub answer_delay_ms: u64,
    /// The codec the next calls run on, both ways.
    pub codec: Codec,
}

#[derive(Default)]
struct Inner {
    events: Vec<Value>,
    conns: HashMap<u64, Conn>,
    calls: HashMap<String, Arc<CallRec>>,
    aliases: HashMap<String, String>,
    next_conn: u64,
}

pub struct Sim {
    pub cfg: Config,
    inner: Mutex<Inner>,
    pub phone: Mutex<Phone>,
    /// The account as the REST API sees it; its keys also sign the access tokens we accept.
    pub rest: Mutex<Store>,
    /// While set and in the future, new signaling connections are cut at once (a network
    /// outage, see `recovery.rs`).
    signal_blocked_until: Mutex<Option<tokio::time::Instant>>,
}

impl Sim {
    pub fn new(cfg: Config) -> anyhow::Result<Arc<Sim>> {
        let store = Self::initial_store(&cfg)?;
        Ok(Arc::new(Sim {
            inner: Mutex::new(Inner::default()),
            phone: Mutex::new(Phone {
                mode: "answer".into(),
                answer_delay_ms: 1000,
                codec: cfg.codec,
            }),
            cfg,
            rest: Mutex::new(store),
            signal_blocked_until: Mutex::new(None),
        }))
    }

    /// The account from the credentials the app is given: its Standard key, its TwiML App (pointing
    /// at the public URL) and its number bound to that app, as a finished set-up leaves them; then
    /// whatever `--rest-seed` adds.
    fn initial_store(cfg: &Config) -> anyhow::Result<Store> {
        let mut store = Store::new(&cfg.account_sid, &cfg.auth_token);
        store.add_key(
            Some(&cfg.api_key_sid),
            "dialtone",
            Some(&cfg.api_key_secret),
            false,
        );
        let mut number = json!({});
        if crate::rest::store::is_sid(&cfg.app_sid, "AP") {
            store
                .add_application(
                    Some(&cfg.app_sid),
                    &json!({"friendly_name": "Dialtone", "voice_url": cfg.public_url, "voice_method": "POST"}),
                )
                .map_err(|e| anyhow::anyhow!(e.message))?;
            number = json!({"voice_application_sid": cfg.app_sid});
        }
        // An empty TWILIO_NUMBER: an account with no number of its own yet.
        if !cfg.number.is_empty() {
            store.add_number(&cfg.number, &number);
        }
        if let Some(seed) = &cfg.rest_seed {
            store
                .seed(seed)
                .map_err(|e| anyhow::anyhow!("--rest-seed: {e}"))?;
        }
        Ok(store)
    }

    /// The signaling side's token check, against the account's keys as they are now.
    pub fn check_token(&self, token: &str) -> Result<TokenInfo, auth::TokenError> {
        let lookup = |sid: &str| self.rest.lock().unwrap().key_secret(sid);
        auth::check_token(token, &self.cfg.account_sid, &lookup, now_s())
    }

    /// The codec a new call's media peer speaks: the phone's choice, or under the
    /// `wrong-codec` fault the other one, to prove the tests check what was negotiated.
    fn call_codec(&self) -> Codec {
        let chosen = self.phone.lock().unwrap().codec;
        match (self.cfg.fault.as_str(), chosen) {
            ("wrong-codec", Codec::Opus) => Codec::Pcmu,
            ("wrong-codec", Codec::Pcmu) => Codec::Opus,
            _ => chosen,
        }
    }

    fn tone(&self) -> f64 {
        if self.cfg.fault == "silent" {
            0.0
        } else {
            self.cfg.tone_hz
        }
    }

    pub fn log(&self, kind: &str, fields: Value) {
        let mut inner = self.inner.lock().unwrap();
        let mut ev = json!({"seq": inner.events.len(), "t_ms": now_ms(), "kind": kind});
        if let (Some(e), Value::Object(f)) = (ev.as_object_mut(), fields) {
            e.extend(f);
        }
        eprintln!("[sim] {ev}");
        inner.events.push(ev);
    }

    pub fn events_since(&self, since: usize) -> Vec<Value> {
        self.inner
            .lock()
            .unwrap()
            .events
            .iter()
            .skip(since)
            .cloned()
            .collect()
    }

    pub fn add_conn(&self, tx: mpsc::UnboundedSender<String>, kill: Arc<Notify>) -> u64 {
        let mut inner = self.inner.lock().unwrap();
        inner.next_conn += 1;
        let id = inner.next_conn;
        inner.conns.insert(
            id,
            Conn {
                tx,
                token: None,
                registered: false,
                expired_sent: false,
                reconnect_timeout: 0,
                kill,
            },
        );
        id
    }

    pub fn remove_conn(self: &Arc<Self>, id: u64) {
        let reconnect_timeout = self
            .inner
            .lock()
            .unwrap()
            .conns
            .remove(&id)
            .map_or(0, |c| c.reconnect_timeout);
        self.log("ws-close", json!({"conn": id}));
        self.signaling_lost(id, reconnect_timeout);
    }

    pub fn send(&self, conn_id: u64, kind: &str, payload: Value) {
        let msg = json!({"type": kind, "version": "1.6", "payload": payload}).to_string();
        if let Some(c) = self.inner.lock().unwrap().conns.get(&conn_id) {
            let _ = c.tx.send(msg);
        }
    }

    pub fn registrations(&self) -> Value {
        let inner = self.inner.lock().unwrap();
        Value::Array(
            inner
                .conns
                .iter()
                .map(|(id, c)| {
                    json!({"conn": id, "identity": c.token.as_ref().and_then(|t| t.identity.clone()),
                           "registered": c.registered, "exp": c.token.as_ref().map(|t| t.exp)})
                })
                .collect(),
        )
    }

    pub fn find_call(&self, sid: &str) -> Option<Arc<CallRec>> {
        let inner = self.inner.lock().unwrap();
        let key = inner
            .aliases
            .get(sid)
            .cloned()
            .unwrap_or_else(|| sid.to_string());
        inner.calls.get(&key).cloned()
    }

    fn add_call(&self, rec: Arc<CallRec>, aliases: &[&str]) {
        let mut inner = self.inner.lock().unwrap();
        for a in aliases {
            inner.aliases.insert(a.to_string(), rec.sid.clone());
        }
        inner.calls.insert(rec.sid.clone(), rec);
    }

    pub fn call_json(&self, rec: &CallRec, windows: usize) -> Value {
        json!({
            "call_sid": rec.sid, "parent": rec.parent, "direction": rec.direction, "from": rec.from, "to": rec.to,
            "status": rec.status(), "media": rec.peer().map(|p| p.snapshot(windows)),
        })
    }

    pub fn calls_json(&self) -> Value {
        let calls: Vec<Arc<CallRec>> = self.inner.lock().unwrap().calls.values().cloned().collect();
        Value::Array(calls.iter().map(|c| self.call_json(c, 5)).collect())
    }

    /// Once a second: a token that has run out is answered with 31205 and the registration is dropped.
    pub fn check_expiry(&self, conn_id: u64) {
        let expired = {
            let mut inner = self.inner.lock().unwrap();
            match inner.conns.get_mut(&conn_id) {
                Some(c)
                    if !c.expired_sent && c.token.as_ref().is_some_and(|t| t.exp <= now_s()) =>
                {
                    c.expired_sent = true;
                    c.registered = false;
                    true
                }
                _ => false,
            }
        };
        if expired {
            self.log("token-expired", json!({"conn": conn_id}));
            self.send(
                conn_id,
                "error",
                json!({"error": {"code": 31205, "message": "JWT token has expired"}}),
            );
        }
    }

    // ------------------------------------------------------------------ signaling from the SDK

    pub fn handle(self: &Arc<Self>, conn_id: u64, kind: &str, payload: Value) {
        match kind {
            "listen" => self.on_listen(conn_id, &payload),
            "register" => self.on_register(conn_id, &payload),
            "invite" if payload.get("reconnect").is_some() => {
                self.on_reconnect_invite(conn_id, &payload)
            }
            "invite" => {
                let sim = self.clone();
                tokio::spawn(async move { sim.outbound(conn_id, payload).await });
            }
            "reinvite" => {
                let sim = self.clone();
                tokio::spawn(async move { sim.on_reinvite(conn_id, payload).await });
            }
            "answer" => {
                let sim = self.clone();
                tokio::spawn(async move { sim.on_answer(payload).await });
            }
            "reject" => {
                let sid = payload["callsid"].as_str().unwrap_or_default();
                self.log("reject", json!({"call_sid": sid, "by": "app"}));
                if let Some(c) = self.find_call(sid) {
                    c.set_status("rejected");
                }
            }
            "hangup" => {
                let sid = payload["callsid"].as_str().unwrap_or_default().to_string();
                self.log("hangup", json!({"call_sid": sid, "by": "app"}));
                if let Some(c) = self.find_call(&sid) {
                    let st = c.status();
                    c.set_status(if st == "in-progress" {
                        "completed"
                    } else {
                        "canceled"
                    });
                    if let Some(p) = c.peer() {
                        tokio::spawn(async move { p.close().await });
                    }
                }
            }
            "dtmf" if self.cfg.fault == "drop-dtmf" => {}
            "dtmf" => {
                let sid = payload["callsid"].as_str().unwrap_or_default();
                let digits = payload["dtmf"].as_str().unwrap_or_default();
                for d in digits.chars() {
                    self.log(
                        "dtmf",
                        json!({"call_sid": sid, "digit": d.to_string(), "via": "signaling"}),
                    );
                }
            }
            other => self.log(
                "message",
                json!({"conn": conn_id, "type": other, "payload": payload}),
            ),
        }
    }

    fn on_listen(&self, conn_id: u64, payload: &Value) {
        let token = payload["token"].as_str().unwrap_or_default();
        if self.cfg.fault == "ignore-relisten"
            && self
                .inner
                .lock()
                .unwrap()
                .conns
                .get(&conn_id)
                .is_some_and(|c| c.token.is_some())
        {
            self.log(
                "listen-ignored",
                json!({"conn": conn_id, "fault": "ignore-relisten"}),
            );
            return;
        }
        match self.check_token(token) {
            Ok(info) => {
                let ttl = info.exp - now_s();
                let identity = info.identity.clone();
                // The SDK sends min(ceil(maxCallSignalingTimeoutMs / 1000), 30).
                let reconnect_timeout = payload["reconnectTimeout"].as_u64().unwrap_or(0).min(30);
                if let Some(conn) = self.inner.lock().unwrap().conns.get_mut(&conn_id) {
                    conn.token = Some(info);
                    conn.expired_sent = false;
                    conn.reconnect_timeout = reconnect_timeout;
                }
                self.log(
                    "listen",
                    json!({"conn": conn_id, "identity": identity, "ttl": ttl, "reconnect_timeout": reconnect_timeout}),
                );
                self.send(
                    conn_id,
                    "connected",
                    json!({"region": "gll", "edge": "roaming", "token": {"identity": identity, "ttl": ttl}}),
                );
            }
            Err(e) => {
                self.log(
                    "token-rejected",
                    json!({"conn": conn_id, "code": e.code, "message": e.message}),
                );
                self.send(
                    conn_id,
                    "error",
                    json!({"error": {"code": e.code, "message": e.message}}),
                );
            }
        }
    }

    fn on_register(&self, conn_id: u64, payload: &Value) {
        let want = payload
            .pointer("/media/audio")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let outcome = {
            let mut inner = self.inner.lock().unwrap();
            let Some(conn) = inner.conns.get_mut(&conn_id) else {
                return;
            };
            match &conn.token {
                None => Err((31204, "register before a valid listen")),
                Some(t) if t.exp <= now_s() => Err((31205, "JWT token has expired")),
                Some(t) if want && !t.incoming => Err((31204, "token has no incoming grant")),
                Some(t) if want && t.identity.is_none() => Err((31204, "token has no identity")),
                Some(_) => {
                    let was = conn.registered;
                    conn.registered = want;
                    Ok(was)
                }
            }
        };
        match outcome {
            Ok(was) => {
                if was != want {
                    self.log("register", json!({"conn": conn_id, "registered": want}));
                }
                self.send(conn_id, if want { "ready" } else { "offline" }, json!({}));
            }
            Err((code, message)) => {
                self.log(
                    "register-refused",
                    json!({"conn": conn_id, "code": code, "message": message}),
                );
                self.send(
                    conn_id,
                    "error",
                    json!({"error": {"code": code, "message": message}}),
                );
            }
        }
    }

    async fn on_answer(self: Arc<Self>, payload: Value) {
        let sid = payload["callsid"].as_str().unwrap_or_default().to_string();
        let sdp = payload["sdp"].as_str().unwrap_or_default().to_string();
        let Some(call) = self.find_call(&sid) else {
            self.log("answer-unknown-call", json!({"call_sid": sid}));
            return;
        };
        if call.status() != "ringing" {
            self.log(
                "answer-late",
                json!({"call_sid": sid, "status": call.status()}),
            );
            return;
        }
        if let Some(p) = call.peer() {
            if let Err(e) = p.accept_answer(&sdp).await {
                self.log(
                    "media-error",
                    json!({"call_sid": sid, "error": e.to_string()}),
                );
            }
        }
        call.set_status("in-progress");
        self.log("answered", json!({"call_sid": sid, "by": "app"}));
    }

    // ------------------------------------------------------------------ outgoing call from the app

    async fn outbound(self: Arc<Self>, conn_id: u64, payload: Value) {
        let t_invite = now_ms();
        let tj = payload["callsid"].as_str().unwrap_or_default().to_string();
        let offer = payload["sdp"].as_str().unwrap_or_default().to_string();
        let raw_params = payload
            .pointer("/twilio/params")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let custom: Vec<(String, String)> = form_urlencoded::parse(raw_params.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let token = self
            .inner
            .lock()
            .unwrap()
            .conns
            .get(&conn_id)
            .and_then(|c| c.token.clone());
        let sid = new_sid("CA");
        let to = custom
            .iter()
            .find(|(k, _)| k == "To")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let identity = token
            .as_ref()
            .and_then(|t| t.identity.clone())
            .unwrap_or_else(|| "Anonymous".into());
        let from = format!("client:{identity}");
        let call = Arc::new(CallRec {
            sid: sid.clone(),
            parent: None,
            direction: "from-app",
            conn: AtomicU64::new(conn_id),
            reconnect_token: Mutex::new(None),
            from: from.clone(),
            to: to.clone(),
            status: Mutex::new("queued".into()),
            changed: Notify::new(),
            peer: Mutex::new(None),
            outbound_id: Some(tj.clone()),
            announced: Default::default(),
        });
        self.add_call(call.clone(), &[&tj]);
        self.log("invite", json!({"conn": conn_id, "t_ms": t_invite, "call_sid": sid, "outbound_id": tj, "params": raw_params, "to": to}));

        let Some(app_sid) = token.as_ref().and_then(|t| t.outgoing_app.clone()) else {
            self.fail_app_call(&call, 31204, "token has no outgoing grant");
            return;
        };
        // Twilio requests the Voice URL of the TwiML App the token names, as the account has
        // it now (so a set-up or a re-pointing made through the REST API applies at once).
        let voice_url = {
            let rest = self.rest.lock().unwrap();
            if !rest.has_application(&app_sid) {
                None
            } else {
                Some(rest.application_voice_url(&app_sid))
            }
        };
        let voice_url = match voice_url {
            None => {
                self.fail_app_call(
                    &call,
                    31000,
                    "21218: the token's outgoing application_sid is not a TwiML app of this account",
                );
                return;
            }
            Some(None) => {
                self.fail_app_call(&call, 31005, "11100: the TwiML App has no Voice URL");
                return;
            }
            Some(Some(url)) => url,
        };
        let mut form: Vec<(String, String)> = vec![
            ("AccountSid".into(), self.cfg.account_sid.clone()),
            ("ApiVersion".into(), "2010-04-01".into()),
            ("ApplicationSid".into(), app_sid),
            ("CallSid".into(), sid.clone()),
            ("CallStatus".into(), "ringing".into()),
            ("Called".into(), String::new()),
            ("Caller".into(), from.clone()),
            ("Direction".into(), "inbound".into()),
            ("From".into(), from.clone()),
        ];
        if !custom.iter().any(|(k, _)| k == "To") {
            form.push(("To".into(), String::new()));
        }
        form.extend(custom.iter().cloned());
        let verbs = match self.fetch_twiml(&sid, &voice_url, &form, false).await {
            Ok(v) => v,
            Err(msg) => {
                self.fail_app_call(&call, 31005, &msg);
                return;
            }
        };
        call.set_status("ringing");
        for verb in verbs {
            if call.is_over() {
                return;
            }
            match verb {
                Verb::Say(text) => {
                    // Twilio answers the call to speak; the simulator's "speech" is its tone.
                    if call.peer().is_none() && !self.connect_app_call(&call, &offer).await {
                        return;
                    }
                    self.log("say", json!({"call_sid": sid, "text": text}));
                    let _ = self
                        .wait_over(&call, Duration::from_millis(1000 + 40 * text.len() as u64))
                        .await;
                }
                Verb::Echo => {
                    // Twilio answers and loops the caller's audio back until they hang up.
                    if call.peer().is_none() && !self.connect_app_call(&call, &offer).await {
                        return;
                    }
                    let echoing = self.cfg.fault != "no-echo";
                    if let Some(peer) = call.peer().filter(|_| echoing) {
                        peer.start_echo();
                    }
                    self.log("echo", json!({"call_sid": sid, "echoing": echoing}));
                    while !call.is_over() {
                        let _ = self.wait_over(&call, Duration::from_secs(3600)).await;
                    }
                }
                Verb::Hangup => break,
                Verb::Reject { reason } => {
                    self.log("twiml-reject", json!({"call_sid": sid, "reason": reason}));
                    let code = if reason == "busy" { 31486 } else { 31603 };
                    self.fail_app_call(&call, code, "Call rejected by TwiML");
                    return;
                }
                Verb::Dial {
                    caller_id,
                    targets,
                    timeout,
                    answer_on_bridge,
                    action,
                } => {
                    let Some(target) = targets.first().cloned() else {
                        continue;
                    };
                    match target {
                        Target::Number(number) => {
                            self.log("dial", json!({"call_sid": sid, "number": number, "caller_id": caller_id, "answer_on_bridge": answer_on_bridge}));
                            let allowed = caller_id
                                .as_deref()
                                .is_some_and(|c| self.rest.lock().unwrap().may_call_from(c));
                            if !allowed {
                                self.fail_app_call(
                                    &call,
                                    31005,
                                    "13214: callerId must be a Twilio number or a verified caller ID of the account",
                                );
                                return;
                            }
                            let e164 = number.starts_with('+')
                                && (8..=16).contains(&number.len())
                                && number[1..].chars().all(|c| c.is_ascii_digit());
                            if !e164 {
                                self.fail_app_call(&call, 31005, "13224: invalid phone number");
                                return;
                            }
                            let started = now_s();
                            let answered_secs = self.dial_phone(&call, &offer, timeout).await;
                            self.dialled_out(
                                &call,
                                &form,
                                &number,
                                caller_id.as_deref(),
                                action
                                    .as_deref()
                                    .map(|a| crate::caller::resolve(&voice_url, a)),
                                started,
                                answered_secs,
                            )
                            .await;
                        }
                        Target::Client { identity, .. } => {
                            self.log(
                                "dial-client-unsupported",
                                json!({"call_sid": sid, "identity": identity}),
                            );
                        }
                    }
                }
                Verb::Play(_) | Verb::Record(_) => self.log(
                    "twiml-ignored",
                    json!({"call_sid": sid, "verb": "Play/Record on a call from the app"}),
                ),
                Verb::Other(name) => {
                    self.log("twiml-ignored", json!({"call_sid": sid, "verb": name}))
                }
            }
        }
        if !call.is_over() {
            call.set_status("completed");
            self.log("hangup", json!({"call_sid": sid, "by": "twilio"}));
            self.send(call.conn_id(), "hangup", json!({"callsid": call.sdk_sid()}));
        }
        if let Some(p) = call.peer() {
            p.close().await;
        }
    }

    /// Answers the app's call with the simulator's media peer. False if the call ended or media failed.
    async fn connect_app_call(self: &Arc<Self>, call: &Arc<CallRec>, offer: &str) -> bool {
        let sid = call.sid.clone();
        let peer =
            match MediaPeer::new(self.clone(), sid.clone(), self.tone(), self.call_codec()).await {
                Ok(p) => p,
                Err(e) => {
                    self.fail_app_call(call, 31000, &format!("media: {e}"));
                    return false;
                }
            };
        *call.peer.lock().unwrap() = Some(peer.clone());
        let answer = match peer.answer(offer).await {
            Ok(a) => a,
            Err(e) => {
                peer.close().await;
                self.fail_app_call(call, 31000, &format!("media: {e}"));
                return false;
            }
        };
        if call.is_over() {
            peer.close().await;
            return false;
        }
        call.set_status("in-progress");
        let mut payload = json!({"callsid": sid, "sdp": answer});
        if let Some(token) = self.issue_reconnect_token(call) {
            payload["reconnect"] = json!(token);
        }
        self.log(
            "answer-sent",
            json!({"call_sid": sid, "codec": peer.codec.name(), "sdp": payload["sdp"]}),
        );
        self.send(call.conn_id(), "answer", payload);
        call.announce();
        true
    }

    fn fail_app_call(&self, call: &CallRec, code: u32, message: &str) {
        call.set_status("failed");
        self.log(
            "call-failed",
            json!({"call_sid": call.sid, "code": code, "message": message}),
        );
        self.send(
            call.conn_id(),
            "hangup",
            json!({"callsid": call.sdk_sid(), "error": {"code": code, "message": message}}),
        );
    }

    /// `<Dial><Number>`: the simulated phone rings, then answers / is busy / never answers.
    /// After `<Dial><Number>` from the app: the two legs go into the REST API's Calls list
    /// and the `<Dial action>` is requested with how the dialled leg ended (the call is over by
    /// then, so the TwiML it answers is not run).
    #[allow(clippy::too_many_arguments)]
    async fn dialled_out(
        &self,
        call: &Arc<CallRec>,
        form: &[(String, String)],
        number: &str,
        caller_id: Option<&str>,
        action_url: Option<String>,
        started: i64,
        answered_secs: u64,
    ) {
        let status = match call.status().as_str() {
            "busy" => "busy",
            "no-answer" => "no-answer",
            "failed" => "failed",
            _ if self.was_answered(&call.sid) => "completed",
            _ => "canceled",
        };
        let child = new_sid("CA");
        {
            let mut rest = self.rest.lock().unwrap();
            rest.add_call(&json!({
                "sid": call.sid, "from": call.from, "to": number, "status": "completed",
                "direction": "inbound", "start_time": started, "duration": now_s() - started,
            }));
            rest.add_call(&json!({
                "sid": child, "parent_call_sid": call.sid, "from": caller_id, "to": number,
                "status": status, "direction": "outbound-dial", "start_time": started,
                "duration": answered_secs,
            }));
        }
        let Some(url) = action_url else { return };
        let mut form: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| {
                let v = if k == "CallStatus" {
                    "completed".to_string()
                } else {
                    v.clone()
                };
                (k.clone(), v)
            })
            .collect();
        form.push(("DialBridged".into(), (status == "completed").to_string()));
        form.push(("DialCallDuration".into(), answered_secs.to_string()));
        form.push(("DialCallSid".into(), child));
        form.push(("DialCallStatus".into(), status.into()));
        let _ = self.callback(&call.sid, "dial-action", &url, &form).await;
    }

    fn was_answered(&self, sid: &str) -> bool {
        self.inner
            .lock()
            .unwrap()
            .events
            .iter()
            .any(|e| e["kind"] == "answered" && e["call_sid"] == sid)
    }

    /// Rings the simulated phone; how long the call was up once answered (0: it was not).
    async fn dial_phone(self: &Arc<Self>, call: &Arc<CallRec>, offer: &str, timeout: u64) -> u64 {
        let sid = call.sid.clone();
        self.send(call.conn_id(), "ringing", json!({"callsid": sid}));
        call.announce();
        self.log("ringing", json!({"call_sid": sid}));
        let (mode, delay) = {
            let p = self.phone.lock().unwrap();
            (p.mode.clone(), p.answer_delay_ms)
        };
        let wait = match mode.as_str() {
            "busy" => 500,
            "no-answer" => timeout * 1000,
            _ => delay,
        };
        if self.wait_over(call, Duration::from_millis(wait)).await {
            return 0; // the app hung up while it rang
        }
        match mode.as_str() {
            "busy" => {
                call.set_status("busy");
                self.log("phone-busy", json!({"call_sid": sid}));
                self.send(
                    call.conn_id(),
                    "hangup",
                    json!({"callsid": sid, "error": {"code": 31486, "message": "Busy Here"}}),
                );
                return 0;
            }
            "no-answer" => {
                call.set_status("no-answer");
                self.log("phone-no-answer", json!({"call_sid": sid}));
                self.send(call.conn_id(), "hangup", json!({"callsid": sid}));
                return 0;
            }
            _ => {}
        }
        if !self.connect_app_call(call, offer).await {
            return 0;
        }
        self.log("answered", json!({"call_sid": sid, "by": "phone"}));
        let answered = std::time::Instant::now();
        // Stay until one side hangs up.
        while !call.is_over() {
            let _ = self.wait_over(call, Duration::from_secs(3600)).await;
        }
        answered.elapsed().as_secs()
    }

    /// Waits up to `d`; true if the call ended meanwhile.
    pub(crate) async fn wait_over(&self, call: &CallRec, d: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + d;
        loop {
            if call.is_over() {
                return true;
            }
            let notified = call.changed.notified();
            if call.is_over() {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return call.is_over();
            }
        }
    }

    /// POSTs the webhook signed for `url` (the Voice URL Twilio requests) to the local
    /// listener: the simulator stands in for the tunnel too, delivering every public URL to
    /// `--webhook`.
    async fn fetch_twiml(
        &self,
        sid: &str,
        url: &str,
        form: &[(String, String)],
        forge: bool,
    ) -> Result<Vec<Verb>, String> {
        let key = if forge {
            format!("{}-forged", self.cfg.auth_token)
        } else {
            self.cfg.auth_token.clone()
        };
        let sig = auth::signature(&key, url, form);
        let started = now_ms();
        let res = webhook::post_form(&self.cfg.webhook_url, form, &sig).await;
        match res {
            Ok((status, body)) => {
                self.log(
                    "webhook",
                    json!({"call_sid": sid, "url": url, "status": status, "body": body, "forged": forge, "ms": now_ms() - started,
                           "params": form.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>()}),
                );
                if status != 200 {
                    return Err(format!("11200/11217: webhook answered HTTP {status}"));
                }
                twiml::parse(&body).map_err(|e| {
                    self.log("twiml-error", json!({"call_sid": sid, "error": e}));
                    e
                })
            }
            Err(e) => {
                self.log(
                    "webhook",
                    json!({"call_sid": sid, "error": e.to_string(), "forged": forge}),
                );
                Err(format!("11200: {e}"))
            }
        }
    }

    // ------------------------------------------------------------------ a simulated caller rings our number

    pub async fn inbound(
        self: Arc<Self>,
        parent: String,
        from: String,
        caller_name: Option<String>,
        forge: bool,
    ) {
        let country = |n: &str| {
            if n.starts_with("+1") {
                "US"
            } else if n.starts_with("+44") {
                "GB"
            } else {
                ""
            }
        };
        let number = self.cfg.number.clone();
        let mut form: Vec<(String, String)> = vec![
            ("AccountSid".into(), self.cfg.account_sid.clone()),
            ("ApiVersion".into(), "2010-04-01".into()),
            ("CallSid".into(), parent.clone()),
            ("CallStatus".into(), "ringing".into()),
            ("Called".into(), number.clone()),
            ("CalledCountry".into(), country(&number).into()),
            ("Caller".into(), from.clone()),
            ("CallerCountry".into(), country(&from).into()),
            ("Direction".into(), "inbound".into()),
            ("From".into(), from.clone()),
            ("FromCountry".into(), country(&from).into()),
            ("To".into(), number.clone()),
            ("ToCountry".into(), country(&number).into()),
        ];
        if let Some(n) = &caller_name {
            form.push(("CallerName".into(), n.clone()));
        }
        let parent_rec = Arc::new(CallRec {
            sid: parent.clone(),
            parent: None,
            direction: "caller",
            conn: AtomicU64::new(0),
            reconnect_token: Mutex::new(None),
            from: from.clone(),
            to: number.clone(),
            status: Mutex::new("ringing".into()),
            changed: Notify::new(),
            peer: Mutex::new(None),
            outbound_id: None,
            announced: Default::default(),
        });
        self.add_call(parent_rec.clone(), &[]);
        self.log(
            "inbound",
            json!({"call_sid": parent, "from": from, "forged": forge}),
        );
        let started = now_s();
        let voice_url = self.rest.lock().unwrap().number_voice_url(&number);
        let voice_url = match voice_url {
            Ok(url) => url,
            Err(msg) => {
                parent_rec.set_status("failed");
                self.log("call-failed", json!({"call_sid": parent, "message": msg}));
                return;
            }
        };
        let verbs = match self.fetch_twiml(&parent, &voice_url, &form, forge).await {
            Ok(v) => v,
            Err(msg) => {
                parent_rec.set_status("failed");
                self.log("call-failed", json!({"call_sid": parent, "message": msg}));
                // Twilio answers the caller itself ("an application error has occurred") and
                // lists the call as completed: the caller reached Twilio, not us.
                self.rest.lock().unwrap().add_call(&json!({
                    "sid": parent, "from": from, "to": number, "status": "completed",
                    "direction": "inbound", "start_time": started, "duration": 0,
                    "caller_name": caller_name,
                }));
                return;
            }
        };
        // Relative URLs in its TwiML resolve against the URL Twilio requested.
        self.run_for_caller(&parent_rec, &form, verbs, voice_url)
            .await;
        if !parent_rec.is_over() {
            parent_rec.set_status("completed");
        }
        self.rest.lock().unwrap().add_call(&json!({
            "sid": parent, "from": from, "to": number, "status": parent_rec.status(),
            "direction": "inbound", "start_time": started, "duration": now_s() - started,
            "caller_name": caller_name,
        }));
    }

    pub(crate) async fn ring_client(
        self: &Arc<Self>,
        parent: &Arc<CallRec>,
        identity: &str,
        caller: &str,
        params: &[(String, String)],
        timeout: u64,
    ) -> crate::caller::DialResult {
        use crate::caller::DialResult;
        let failed = DialResult {
            child: None,
            status: "failed",
            duration_secs: 0,
        };
        let conn_id = {
            let inner = self.inner.lock().unwrap();
            inner
                .conns
                .iter()
                .filter(|(_, c)| {
                    c.registered
                        && c.token.as_ref().and_then(|t| t.identity.as_deref()) == Some(identity)
                })
                .map(|(id, _)| *id)
                .max()
        };
        let Some(conn_id) = conn_id else {
            self.log(
                "client-unavailable",
                json!({"call_sid": parent.sid, "identity": identity}),
            );
            return DialResult {
                child: None,
                status: "no-answer",
                duration_secs: 0,
            };
        };
        let started = now_s();
        let child = new_sid("CA");
        let call = Arc::new(CallRec {
            sid: child.clone(),
            parent: Some(parent.sid.clone()),
            direction: "to-app",
            conn: AtomicU64::new(conn_id),
            reconnect_token: Mutex::new(None),
            from: caller.to_string(),
            to: format!("client:{identity}"),
            status: Mutex::new("queued".into()),
            changed: Notify::new(),
            peer: Mutex::new(None),
            outbound_id: None,
            announced: Default::default(),
        });
        self.add_call(call.clone(), &[]);
        self.inner
            .lock()
            .unwrap()
            .aliases
            .insert(parent.sid.clone(), child.clone());
        let peer = match MediaPeer::new(self.clone(), child.clone(), self.tone(), self.call_codec())
            .await
        {
            Ok(p) => p,
            Err(e) => {
                self.log(
                    "media-error",
                    json!({"call_sid": child, "error": e.to_string()}),
                );
                return failed;
            }
        };
        *call.peer.lock().unwrap() = Some(peer.clone());
        let offer = match peer.offer().await {
            Ok(o) => o,
            Err(e) => {
                self.log(
                    "media-error",
                    json!({"call_sid": child, "error": e.to_string()}),
                );
                return failed;
            }
        };
        let custom: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params.iter())
            .finish();
        call.set_status("ringing");
        let mut invite = json!({"callsid": child, "sdp": offer, "parameters": {
            "CallSid": child, "AccountSid": self.cfg.account_sid, "From": caller,
            "To": format!("client:{identity}"), "Params": custom}});
        if let Some(token) = self.issue_reconnect_token(&call) {
            invite["reconnect"] = json!(token);
        }
        // Stamped before the invite leaves, so "invite to incoming view" never comes out
        // negative when this thread is descheduled between the two.
        self.log("ring-client", json!({"call_sid": child, "parent": parent.sid, "identity": identity, "from": caller, "conn": conn_id}));
        self.send(conn_id, "invite", invite);
        // Ring until answered, rejected, cancelled by the caller, or the Dial timeout.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
        while call.status() == "ringing" {
            let n = call.changed.notified();
            if call.status() != "ringing" {
                break;
            }
            if tokio::time::timeout_at(deadline, n).await.is_err() {
                break;
            }
        }
        let mut answered_secs = 0;
        let status: &'static str = match call.status().as_str() {
            "ringing" => {
                // The <Dial timeout> ran out: the caller stays on the line for what follows.
                call.set_status("no-answer");
                self.log("no-answer", json!({"call_sid": child}));
                self.send(call.conn_id(), "cancel", json!({"callsid": child}));
                peer.close().await;
                "no-answer"
            }
            "in-progress" => {
                let answered = now_s();
                parent.set_status("in-progress");
                while !call.is_over() {
                    let _ = self.wait_over(&call, Duration::from_secs(3600)).await;
                }
                answered_secs = (now_s() - answered).max(0) as u64;
                parent.set_status("completed");
                peer.close().await;
                "completed"
            }
            // Declined on the phone: `<Dial>` ends busy (the Voice SDK's reject, 31486).
            "rejected" => {
                peer.close().await;
                "busy"
            }
            // The caller hung up while it rang.
            "canceled" => {
                parent.set_status("completed");
                peer.close().await;
                "canceled"
            }
            other => {
                parent.set_status(if other == "busy" { "busy" } else { "failed" });
                peer.close().await;
                "failed"
            }
        };
        let leg_status = if status == "canceled" || status == "busy" {
            status
        } else if call.status() == "no-answer" {
            "no-answer"
        } else {
            "completed"
        };
        self.rest.lock().unwrap().add_call(&json!({
            "sid": child, "parent_call_sid": parent.sid, "from": caller,
            "to": format!("client:{identity}"), "status": leg_status, "direction": "outbound-dial",
            "start_time": started, "duration": answered_secs,
        }));
        DialResult {
            child: Some(child),
            status,
            duration_secs: answered_secs,
        }
    }

    /// The far end (simulated phone or caller) hangs up: cancel if still ringing, hang up if answered.
    pub fn far_end_hangup(&self, sid: &str) -> Result<String, String> {
        let call = self.find_call(sid).ok_or("no such call")?;
        let st = call.status();
        let (kind, status) = match st.as_str() {
            "ringing" | "queued" if call.direction == "to-app" && self.cfg.fault == "no-cancel" => {
                return Ok("nothing (fault no-cancel)".into())
            }
            "ringing" | "queued" if call.direction == "to-app" => ("cancel", "canceled"),
            "in-progress" | "ringing" | "queued" => ("hangup", "completed"),
            _ => return Err(format!("call is {st}")),
        };
        call.set_status(status);
        self.log(kind, json!({"call_sid": call.sid, "by": "far-end"}));
        self.send(call.conn_id(), kind, json!({"callsid": call.sdk_sid()}));
        if let Some(p) = call.peer() {
            tokio::spawn(async move { p.close().await });
        }
        Ok(kind.to_string())
    }

    pub fn set_tone(&self, sid: &str, hz: f64) -> bool {
        match self.find_call(sid).and_then(|c| c.peer()) {
            Some(p) => {
                *p.tone_hz.lock().unwrap() = hz;
                true
            }
            None => false,
        }
    }

    /// Sends an arbitrary webhook (optionally with a wrong signature) and reports what came back; executes nothing.
    /// Signed for `url`, else for the Voice URL a call to our number requests now.
    pub async fn raw_webhook(
        &self,
        form: Vec<(String, String)>,
        forge: bool,
        url: Option<String>,
    ) -> Value {
        let key = if forge {
            format!("{}-forged", self.cfg.auth_token)
        } else {
            self.cfg.auth_token.clone()
        };
        let url = url.unwrap_or_else(|| {
            self.rest
                .lock()
                .unwrap()
                .number_voice_url(&self.cfg.number)
                .unwrap_or_else(|_| self.cfg.public_url.clone())
        });
        let sig = auth::signature(&key, &url, &form);
        match webhook::post_form(&self.cfg.webhook_url, &form, &sig).await {
            Ok((status, body)) => {
                self.log("raw-webhook", json!({"status": status, "forged": forge}));
                json!({"status": status, "body": body})
            }
            Err(e) => json!({"error": e.to_string()}),
        }
    }
}
