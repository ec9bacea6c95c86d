//! Network recovery, as Twilio's gateway does it (audio.md §5), and the faults that need it.
//!
//! - **Media** (ICE restart): the SDK sends `reinvite {callsid, sdp}` with the same CallSid and
//!   an offer with new ICE credentials; the call's media peer takes it and the answer goes back
//!   as `answer {callsid, sdp}`.
//! - **Signaling** (reconnect token): every `answer` to the app (outgoing) and `invite` to it
//!   (incoming) carries `reconnect`, a token. When the socket drops, an answered call outlives
//!   it for the `listen.reconnectTimeout` seconds that connection asked for; an SDK that comes
//!   back (`listen`, then `invite {callsid, reconnect, sdp}`) with the current token takes the
//!   call over on its new connection and gets `answer {callsid, reconnect: <new token>}`.
//! - **Faults**, per call through the control API: `media-drop` cuts the call's UDP both ways;
//!   `signaling-drop` cuts its socket and refuses new ones, for the seconds asked.

use super::{new_sid, now_ms, CallRec, Sim};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

impl Sim {
    /// A fresh reconnect token for `call`, replacing the last; none under `no-reconnect-token`.
    pub(super) fn issue_reconnect_token(&self, call: &CallRec) -> Option<String> {
        if self.cfg.fault == "no-reconnect-token" {
            return None;
        }
        // Opaque to the SDK; random, so an old one cannot take the call.
        let token = new_sid("RT");
        *call.reconnect_token.lock().unwrap() = Some(token.clone());
        Some(token)
    }

    /// `reinvite`: the SDK restarts ICE for a call whose media went quiet.
    pub(super) async fn on_reinvite(self: Arc<Self>, conn_id: u64, payload: Value) {
        let sid = payload["callsid"].as_str().unwrap_or_default().to_string();
        let offer = payload["sdp"].as_str().unwrap_or_default().to_string();
        let Some(call) = self.find_call(&sid) else {
            self.log(
                "reinvite-unknown-call",
                json!({"call_sid": sid, "conn": conn_id}),
            );
            return;
        };
        self.log("reinvite", json!({"call_sid": call.sid, "conn": conn_id}));
        if self.cfg.fault == "no-reinvite-answer" {
            self.log(
                "reinvite-ignored",
                json!({"call_sid": call.sid, "fault": "no-reinvite-answer"}),
            );
            return;
        }
        let Some(peer) = call.peer() else {
            self.log("reinvite-no-media", json!({"call_sid": call.sid}));
            return;
        };
        match peer.reoffer(&offer).await {
            Ok(answer) => {
                self.log("reinvite-answered", json!({"call_sid": call.sid}));
                self.send(
                    call.conn_id(),
                    "answer",
                    json!({"callsid": call.sid, "sdp": answer}),
                );
            }
            Err(e) => self.log(
                "media-error",
                json!({"call_sid": call.sid, "error": e.to_string(), "during": "reinvite"}),
            ),
        }
    }

    /// `invite` with `reconnect`: an SDK back on a new socket claims its call.
    pub(super) fn on_reconnect_invite(&self, conn_id: u64, payload: &Value) {
        let sid = payload["callsid"].as_str().unwrap_or_default();
        let token = payload["reconnect"].as_str().unwrap_or_default();
        let call = self.find_call(sid);
        let current = call
            .as_ref()
            .and_then(|c| c.reconnect_token.lock().unwrap().clone());
        let refusal = match &call {
            None => Some("no such call"),
            Some(c) if c.is_over() => Some("the call has ended"),
            Some(_) if current.as_deref() != Some(token) => {
                Some("the reconnect token is not the call's")
            }
            Some(_) => None,
        };
        if let Some(why) = refusal {
            self.log(
                "reconnect-refused",
                json!({"call_sid": sid, "conn": conn_id, "why": why}),
            );
            self.send(
                conn_id,
                "hangup",
                json!({"callsid": sid, "error": {"code": 31005, "message": format!("Reconnect failed: {why}")}}),
            );
            return;
        }
        let call = call.expect("a call that passed the checks");
        let from = call.conn.swap(conn_id, std::sync::atomic::Ordering::SeqCst);
        call.changed.notify_waiters();
        let mut answer = json!({"callsid": call.sid});
        if let Some(token) = self.issue_reconnect_token(&call) {
            answer["reconnect"] = json!(token);
        }
        self.log(
            "reconnected",
            json!({"call_sid": call.sid, "from_conn": from, "conn": conn_id}),
        );
        self.send(conn_id, "answer", answer);
    }

    /// A signaling connection closed: its answered calls wait `reconnect_timeout` seconds for
    /// the SDK to claim them from a new one, then end.
    pub(super) fn signaling_lost(self: &Arc<Self>, conn_id: u64, reconnect_timeout: u64) {
        let calls: Vec<Arc<CallRec>> = self
            .inner
            .lock()
            .unwrap()
            .calls
            .values()
            .filter(|c| c.conn_id() == conn_id && c.status() == "in-progress")
            .cloned()
            .collect();
        for call in calls {
            self.log(
                "signaling-lost",
                json!({"call_sid": call.sid, "conn": conn_id, "reconnect_timeout": reconnect_timeout}),
            );
            let sim = self.clone();
            tokio::spawn(async move {
                let deadline = tokio::time::Instant::now() + Duration::from_secs(reconnect_timeout);
                while call.conn_id() == conn_id && !call.is_over() {
                    let changed = call.changed.notified();
                    if call.conn_id() != conn_id || call.is_over() {
                        break;
                    }
                    if tokio::time::timeout_at(deadline, changed).await.is_err() {
                        break;
                    }
                }
                if call.conn_id() == conn_id && !call.is_over() {
                    call.set_status("completed");
                    sim.log(
                        "signaling-timeout",
                        json!({"call_sid": call.sid, "after_s": reconnect_timeout}),
                    );
                    if let Some(p) = call.peer() {
                        p.close().await;
                    }
                }
            });
        }
    }

    /// True while a signaling drop refuses new connections.
    pub fn signaling_blocked(&self) -> bool {
        self.signal_blocked_until
            .lock()
            .unwrap()
            .is_some_and(|t| tokio::time::Instant::now() < t)
    }

    /// Switches a fault on for one call: `media-drop` or `signaling-drop`, for `seconds`.
    pub fn start_fault(
        self: &Arc<Self>,
        sid: &str,
        kind: &str,
        seconds: f64,
    ) -> Result<Value, String> {
        if !(seconds.is_finite() && (0.0..=600.0).contains(&seconds)) {
            return Err(format!("seconds must be between 0 and 600, got {seconds}"));
        }
        let call = self.find_call(sid).ok_or("no such call")?;
        let d = Duration::from_secs_f64(seconds);
        match kind {
            "media-drop" => {
                let peer = call.peer().ok_or("the call has no media yet")?;
                peer.drop_media(d);
            }
            "signaling-drop" => {
                *self.signal_blocked_until.lock().unwrap() = Some(tokio::time::Instant::now() + d);
                let kill = self
                    .inner
                    .lock()
                    .unwrap()
                    .conns
                    .get(&call.conn_id())
                    .map(|c| c.kill.clone())
                    .ok_or("the call's signaling connection is already gone")?;
                kill.notify_one();
            }
            other => {
                return Err(format!(
                    "unknown fault {other:?}: use \"media-drop\" or \"signaling-drop\""
                ))
            }
        }
        let started = now_ms();
        self.log(
            "fault",
            json!({"call_sid": call.sid, "fault": kind, "seconds": seconds, "t_ms": started}),
        );
        let sim = self.clone();
        let (sid, fault) = (call.sid.clone(), kind.to_string());
        tokio::spawn(async move {
            tokio::time::sleep(d).await;
            sim.log("fault-end", json!({"call_sid": sid, "fault": fault}));
        });
        Ok(
            json!({"call_sid": call.sid, "fault": kind, "seconds": seconds, "started_ms": started, "ends_ms": started + seconds * 1000.0}),
        )
    }
}
