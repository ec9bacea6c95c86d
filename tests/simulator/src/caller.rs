//! A simulated caller's call to our number after the voice webhook answered: the TwiML it runs
//! (`<Dial>` with its `action`, `<Say>`, `<Play>`, `<Record>`), the callbacks Twilio sends on
//! the way (`<Dial action>`, `<Record action>`, `recordingStatusCallback`), and the message the
//! caller leaves: a tone of a known pitch, stored as a recording the REST API serves.
//!
//! Every callback is signed like the voice webhook, for its public URL (relative URLs resolve
//! against the URL of the document that named them, as Twilio resolves them), and POSTed to
//! the same path on the local listener: the simulator stands in for the tunnel too.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use serde_json::json;

use crate::auth;
use crate::rest::store::rfc2822;
use crate::sim::{now_ms, now_s, CallRec, Sim};
use crate::twiml::{self, Record, Target, Verb};
use crate::webhook;

/// What the caller says when `<Record>` starts: `secs` of a `hz` tone, then they hang up. A
/// message longer than `maxLength` is cut there and the caller stays on the line. `secs: 0`
/// stays silent (an empty recording: no action request, the next verb runs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Message {
    pub secs: u64,
    pub hz: f64,
}

impl Default for Message {
    fn default() -> Self {
        Message { secs: 3, hz: 523.0 }
    }
}

/// The message each simulated caller will leave, by parent CallSid (`POST /inbound`).
static MESSAGES: LazyLock<Mutex<HashMap<String, Message>>> = LazyLock::new(Default::default);

pub fn set_message(call_sid: &str, message: Message) {
    MESSAGES
        .lock()
        .unwrap()
        .insert(call_sid.to_string(), message);
}

fn message_for(call_sid: &str) -> Message {
    MESSAGES
        .lock()
        .unwrap()
        .get(call_sid)
        .copied()
        .unwrap_or_default()
}

/// How a `<Dial>` ended, for its `action`.
#[derive(Debug, Clone)]
pub struct DialResult {
    /// The dialled leg, when one was made.
    pub child: Option<String>,
    /// `completed`, `busy`, `no-answer`, `failed` or `canceled` (`twilio.md` §3.4).
    pub status: &'static str,
    pub duration_secs: u64,
}

/// `rel` resolved against the document URL `doc`, as Twilio resolves TwiML URLs.
pub fn resolve(doc: &str, rel: &str) -> String {
    url::Url::parse(doc)
        .and_then(|d| d.join(rel))
        .map(String::from)
        .unwrap_or_else(|_| rel.to_string())
}

/// The call's own parameters with `CallStatus` as it is now.
fn with_status(base: &[(String, String)], status: &str) -> Vec<(String, String)> {
    base.iter()
        .map(|(k, v)| {
            if k == "CallStatus" {
                (k.clone(), status.to_string())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

fn pair(k: &str, v: impl ToString) -> (String, String) {
    (k.to_string(), v.to_string())
}

impl Sim {
    /// Where a public URL arrives on this machine: the same path and query on the local
    /// listener's origin.
    pub fn local_url(&self, public: &str) -> String {
        let (Ok(public), Ok(mut local)) = (
            url::Url::parse(public),
            url::Url::parse(&self.cfg.webhook_url),
        ) else {
            return self.cfg.webhook_url.clone();
        };
        local.set_path(public.path());
        local.set_query(public.query());
        local.to_string()
    }

    /// POSTs one callback signed for `url`; the TwiML it answered (empty when it answered none).
    pub async fn callback(
        &self,
        call_sid: &str,
        kind: &str,
        url: &str,
        form: &[(String, String)],
    ) -> Result<Vec<Verb>, String> {
        let sig = auth::signature(&self.cfg.auth_token, url, form);
        let started = now_ms();
        let res = webhook::post_form(&self.local_url(url), form, &sig).await;
        let params: Vec<_> = form.iter().map(|(k, v)| json!([k, v])).collect();
        match res {
            Ok((status, body)) => {
                self.log(
                    "callback",
                    json!({"call_sid": call_sid, "callback": kind, "url": url, "status": status,
                           "body": body, "ms": now_ms() - started, "params": params}),
                );
                // Any 2xx will do for Twilio; a 204 is an empty document.
                if !(200..300).contains(&status) {
                    return Err(format!("11200: {kind} answered HTTP {status}"));
                }
                if body.trim().is_empty() {
                    return Ok(vec![]);
                }
                twiml::parse(&body).map_err(|e| {
                    self.log("twiml-error", json!({"call_sid": call_sid, "error": e}));
                    e
                })
            }
            Err(e) => {
                self.log(
                    "callback",
                    json!({"call_sid": call_sid, "callback": kind, "url": url, "error": e.to_string(), "params": params}),
                );
                Err(format!("11200: {e}"))
            }
        }
    }

    /// Runs the caller's TwiML, starting with the voice webhook's answer `verbs` fetched from
    /// `doc`. Returns when the document ends, a verb ends the call, or the caller hangs up.
    pub async fn run_for_caller(
        self: &Arc<Self>,
        parent: &Arc<CallRec>,
        base_form: &[(String, String)],
        verbs: Vec<Verb>,
        doc: String,
    ) {
        let mut queue: VecDeque<Verb> = verbs.into();
        let mut doc = doc;
        while let Some(verb) = queue.pop_front() {
            if parent.is_over() {
                return;
            }
            match verb {
                Verb::Say(text) => self.log("say", json!({"call_sid": parent.sid, "text": text})),
                Verb::Play(url) => self.play(&parent.sid, &resolve(&doc, &url)).await,
                Verb::Hangup => return,
                Verb::Reject { reason } => {
                    parent.set_status(if reason == "busy" { "busy" } else { "rejected" });
                    self.log(
                        "twiml-reject",
                        json!({"call_sid": parent.sid, "reason": reason}),
                    );
                    return;
                }
                Verb::Dial {
                    caller_id,
                    targets,
                    timeout,
                    action,
                    ..
                } => {
                    let mut result = None;
                    for t in targets {
                        if let Target::Client { identity, params } = t {
                            let shown = caller_id.clone().unwrap_or_else(|| parent.from.clone());
                            result = Some(
                                self.ring_client(parent, &identity, &shown, &params, timeout)
                                    .await,
                            );
                            break;
                        }
                        self.log(
                            "dial-number-from-caller-unsupported",
                            json!({"call_sid": parent.sid}),
                        );
                    }
                    let Some(action) = action else { continue };
                    let result = result.unwrap_or(DialResult {
                        child: None,
                        status: "failed",
                        duration_secs: 0,
                    });
                    let url = resolve(&doc, &action);
                    let status = if parent.is_over() {
                        "completed"
                    } else {
                        "in-progress"
                    };
                    let mut form = with_status(base_form, status);
                    form.push(pair("DialBridged", result.status == "completed"));
                    form.push(pair("DialCallDuration", result.duration_secs));
                    if let Some(child) = &result.child {
                        form.push(pair("DialCallSid", child));
                    }
                    form.push(pair("DialCallStatus", result.status));
                    match self.callback(&parent.sid, "dial-action", &url, &form).await {
                        Ok(next) if !parent.is_over() => {
                            queue = next.into();
                            doc = url;
                        }
                        _ => return,
                    }
                }
                Verb::Record(record) => {
                    let Some(next) = self.record(parent, base_form, &doc, &record).await else {
                        continue;
                    };
                    match next {
                        Some((verbs, url)) if !parent.is_over() => {
                            queue = verbs.into();
                            doc = url;
                        }
                        _ => return,
                    }
                }
                Verb::Echo => self.log(
                    "twiml-ignored",
                    json!({"call_sid": parent.sid, "verb": "Echo on a caller's call"}),
                ),
                Verb::Other(name) => self.log(
                    "twiml-ignored",
                    json!({"call_sid": parent.sid, "verb": name}),
                ),
            }
        }
    }

    /// `<Play>`: Twilio fetches the audio with a GET signed for its URL (no parameters).
    async fn play(&self, call_sid: &str, url: &str) {
        let sig = auth::signature(&self.cfg.auth_token, url, &[]);
        match webhook::get_signed(&self.local_url(url), &sig).await {
            Ok((status, content_type, bytes)) => self.log(
                "play",
                json!({"call_sid": call_sid, "url": url, "status": status, "content_type": content_type, "bytes": bytes}),
            ),
            Err(e) => self.log(
                "play",
                json!({"call_sid": call_sid, "url": url, "error": e.to_string()}),
            ),
        }
    }

    /// `<Record>`: the caller speaks (their [`Message`]), the recording is stored, then the
    /// `action` and the `recordingStatusCallback` are sent. `None`: nothing was recorded, go on
    /// with the next verb. `Some(None)`: the call ends here. `Some(Some(..))`: the action's TwiML.
    async fn record(
        self: &Arc<Self>,
        parent: &Arc<CallRec>,
        base_form: &[(String, String)],
        doc: &str,
        record: &Record,
    ) -> Option<Option<(Vec<Verb>, String)>> {
        let message = message_for(&parent.sid);
        self.log(
            "record-start",
            json!({"call_sid": parent.sid, "max_length": record.max_length, "beep": record.play_beep}),
        );
        if message.secs == 0 {
            // Silence until `<Record timeout>`: Twilio sends no action for an empty recording
            // and the next verb runs.
            self.log("record-empty", json!({"call_sid": parent.sid}));
            return None;
        }
        let spoken = message.secs.min(record.max_length);
        let hangs_up = message.secs <= record.max_length;
        let started = now_s();
        let _ = self.wait_over(parent, Duration::from_secs(spoken)).await;
        let (recording_sid, recording_url) = {
            let mut rest = self.rest.lock().unwrap();
            let rec = rest.add_recording(&json!({
                "call_sid": parent.sid, "duration": spoken, "status": "completed",
                "source": "RecordVerb", "start_time": started,
            }));
            let sid = rec["sid"].as_str().unwrap_or_default().to_string();
            crate::rest::media::set_tone(&sid, message.hz);
            (
                sid,
                rec["media_url"].as_str().unwrap_or_default().to_string(),
            )
        };
        self.log(
            "recorded",
            json!({"call_sid": parent.sid, "recording_sid": recording_sid, "duration": spoken, "hz": message.hz}),
        );
        if hangs_up {
            parent.set_status("completed");
        }
        // Without `action` Twilio requests the current document again.
        let action_url = resolve(doc, record.action.as_deref().unwrap_or(doc));
        let mut form = with_status(
            base_form,
            if hangs_up { "completed" } else { "in-progress" },
        );
        form.push(pair("Digits", if hangs_up { "hangup" } else { "" }));
        form.push(pair("RecordingDuration", spoken));
        form.push(pair("RecordingSid", &recording_sid));
        form.push(pair("RecordingUrl", &recording_url));
        let next = self
            .callback(&parent.sid, "record-action", &action_url, &form)
            .await;
        // Once the recording is processed, after the action.
        if let Some(cb) = &record.recording_status_callback {
            let url = resolve(doc, cb);
            let form = vec![
                pair("AccountSid", &self.cfg.account_sid),
                pair("CallSid", &parent.sid),
                pair("ErrorCode", 0),
                pair("RecordingChannels", 1),
                pair("RecordingDuration", spoken),
                pair("RecordingSid", &recording_sid),
                pair("RecordingSource", "RecordVerb"),
                pair("RecordingStartTime", rfc2822(started)),
                pair("RecordingStatus", "completed"),
                pair("RecordingUrl", &recording_url),
            ];
            let _ = self
                .callback(&parent.sid, "recording-status", &url, &form)
                .await;
        }
        if hangs_up {
            return Some(None);
        }
        if record.action.is_none() {
            // Twilio would run the same document again and loop; a test never wants that.
            self.log("record-loop-stopped", json!({"call_sid": parent.sid}));
            return Some(None);
        }
        Some(next.ok().map(|verbs| (verbs, action_url)))
    }
}
