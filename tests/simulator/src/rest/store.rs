//! The simulated account behind the REST API: its numbers, keys, TwiML Apps, verified caller IDs,
//! calls and recordings, and the faults a test asked for. Resources are kept as the JSON Twilio
//! answers with (field names and shapes from `twilio_api_v2010.json`), so what a client reads is
//! what was stored, and an update is a change of fields.

use super::error::RestError;
use crate::sim::{new_sid, now_s};
use serde_json::{json, Map, Value};

pub const API: &str = "/2010-04-01";
/// Twilio caps an account at 1000 TwiML Apps (`twilio.md` §8.1).
pub const MAX_APPLICATIONS: usize = 1000;

/// An API key. `main` keys may read the account and manage keys; Standard keys may not.
#[derive(Debug, Clone)]
pub struct Key {
    pub sid: String,
    pub friendly_name: String,
    pub secret: String,
    pub main: bool,
    pub created: i64,
    pub updated: i64,
}

/// The next `remaining` requests whose path starts with `path` (and whose method is `method`,
/// when given) wait `stall_ms`, then answer `status` (0: answer normally after the wait).
#[derive(Debug, Clone)]
pub struct Fault {
    pub path: String,
    pub method: Option<String>,
    pub status: u16,
    pub retry_after: Option<u64>,
    pub stall_ms: u64,
    pub remaining: u32,
    /// The request is carried out first and only its answer is replaced: an answer lost after
    /// Twilio did the work, which a client may not tell from one refused before it.
    pub after: bool,
}

/// A row with the time it sorts and filters by (seconds since the epoch) beside its JSON.
#[derive(Debug, Clone)]
pub struct Timed {
    pub at: i64,
    pub json: Map<String, Value>,
}

pub struct Store {
    pub account_sid: String,
    pub auth_token: String,
    pub account: Map<String, Value>,
    pub numbers: Vec<Map<String, Value>>,
    pub keys: Vec<Key>,
    pub applications: Vec<Map<String, Value>>,
    pub caller_ids: Vec<Map<String, Value>>,
    /// Newest first, as Twilio lists them.
    pub calls: Vec<Timed>,
    /// Newest first.
    pub recordings: Vec<Timed>,
    pub faults: Vec<Fault>,
}

/// RFC 2822, as Twilio writes dates: `Tue, 01 Dec 2026 08:30:00 +0000`.
pub fn rfc2822(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc2822)
                .ok()
        })
        .unwrap_or_default()
}

/// `(415) 555-0100` for a +1 number, as Twilio's friendly names and `*_formatted` fields read.
fn friendly(number: &str) -> String {
    match number.strip_prefix("+1") {
        Some(d) if d.len() == 10 => format!("({}) {}-{}", &d[..3], &d[3..6], &d[6..]),
        _ => number.to_string(),
    }
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Copies the fields of `overrides` (snake_case, as Twilio answers) over `base`.
fn merge(base: &mut Map<String, Value>, overrides: &Value, skip: &[&str]) {
    if let Some(o) = overrides.as_object() {
        for (k, v) in o {
            if !skip.contains(&k.as_str()) {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

pub fn is_sid(value: &str, prefix: &str) -> bool {
    value.len() == 34
        && value.starts_with(prefix)
        && value[2..].chars().all(|c| c.is_ascii_hexdigit())
}

impl Store {
    pub fn new(account_sid: &str, auth_token: &str) -> Self {
        let now = now_s();
        let base = format!("{API}/Accounts/{account_sid}");
        let sub = |name: &str| format!("{base}/{name}.json");
        let account = obj(json!({
            "auth_token": auth_token,
            "date_created": rfc2822(now), "date_updated": rfc2822(now),
            "friendly_name": "Dialtone test account",
            "owner_account_sid": account_sid, "sid": account_sid, "status": "active", "type": "Full",
            "subresource_uris": {
                "applications": sub("Applications"), "calls": sub("Calls"), "keys": sub("Keys"),
                "incoming_phone_numbers": sub("IncomingPhoneNumbers"),
                "outgoing_caller_ids": sub("OutgoingCallerIds"), "recordings": sub("Recordings"),
            },
            "uri": format!("{base}.json"),
        }));
        Store {
            account_sid: account_sid.into(),
            auth_token: auth_token.into(),
            account,
            numbers: vec![],
            keys: vec![],
            applications: vec![],
            caller_ids: vec![],
            calls: vec![],
            recordings: vec![],
            faults: vec![],
        }
    }

    pub fn base(&self) -> String {
        format!("{API}/Accounts/{}", self.account_sid)
    }

    // ------------------------------------------------------------------ keys

    pub fn add_key(
        &mut self,
        sid: Option<&str>,
        friendly_name: &str,
        secret: Option<&str>,
        main: bool,
    ) -> Key {
        let now = now_s();
        let key = Key {
            sid: sid.map(String::from).unwrap_or_else(|| new_sid("SK")),
            friendly_name: friendly_name.into(),
            secret: secret
                .map(String::from)
                .unwrap_or_else(|| format!("{:032x}", rand::random::<u128>())),
            main,
            created: now,
            updated: now,
        };
        self.keys.push(key.clone());
        key
    }

    pub fn key_secret(&self, sid: &str) -> Option<String> {
        self.keys
            .iter()
            .find(|k| k.sid == sid)
            .map(|k| k.secret.clone())
    }

    pub fn key_json(key: &Key) -> Value {
        json!({"sid": key.sid, "friendly_name": key.friendly_name,
               "date_created": rfc2822(key.created), "date_updated": rfc2822(key.updated)})
    }

    // ------------------------------------------------------------------ numbers

    /// A voice-capable local number with no voice configuration, then `overrides` on top.
    pub fn add_number(&mut self, phone_number: &str, overrides: &Value) -> Value {
        let now = now_s();
        let sid = new_sid("PN");
        let mut n = obj(json!({
            "account_sid": self.account_sid, "address_requirements": "none", "address_sid": null,
            "api_version": "2010-04-01", "beta": false,
            "capabilities": {"voice": true, "sms": true, "mms": true, "fax": false},
            "date_created": rfc2822(now), "date_updated": rfc2822(now),
            "emergency_status": "Inactive", "emergency_address_sid": null,
            "emergency_address_status": "unregistered",
            "friendly_name": friendly(phone_number), "identity_sid": null, "origin": "twilio",
            "phone_number": phone_number, "sid": sid,
            "sms_application_sid": "", "sms_fallback_method": "POST", "sms_fallback_url": "",
            "sms_method": "POST", "sms_url": "", "status_callback": "", "status_callback_method": "POST",
            "trunk_sid": null, "uri": format!("{}/IncomingPhoneNumbers/{sid}.json", self.base()),
            "voice_application_sid": "", "voice_caller_id_lookup": false,
            "voice_fallback_method": "POST", "voice_fallback_url": null,
            "voice_method": "POST", "voice_url": null, "voice_receive_mode": "voice",
            "status": "in-use", "bundle_sid": null, "type": "local",
        }));
        merge(
            &mut n,
            overrides,
            &["sid", "uri", "account_sid", "phone_number", "count"],
        );
        self.numbers.push(n.clone());
        Value::Object(n)
    }

    pub fn number_mut(&mut self, sid: &str) -> Option<&mut Map<String, Value>> {
        self.numbers.iter_mut().find(|n| n["sid"] == sid)
    }

    pub fn has_application(&self, sid: &str) -> bool {
        self.applications.iter().any(|a| a["sid"] == sid)
    }

    /// The URL Twilio requests for a call to TwiML App `sid`: its `voice_url`, if it has one.
    pub fn application_voice_url(&self, sid: &str) -> Option<String> {
        self.applications
            .iter()
            .find(|a| a["sid"] == sid)
            .and_then(|a| a["voice_url"].as_str())
            .filter(|u| !u.is_empty())
            .map(String::from)
    }

    /// The URL Twilio requests when `phone_number` is called: its TwiML App's Voice URL when it
    /// is bound to one (the number's own URL is then ignored, `twilio.md` §8.2), else its own.
    /// `Err` says why there is none, as Twilio's debugger would.
    pub fn number_voice_url(&self, phone_number: &str) -> Result<String, String> {
        let n = self
            .numbers
            .iter()
            .find(|n| n["phone_number"] == phone_number)
            .ok_or_else(|| format!("{phone_number} is not a number of this account"))?;
        if let Some(app) = n["voice_application_sid"]
            .as_str()
            .filter(|a| !a.is_empty())
        {
            return self
                .application_voice_url(app)
                .ok_or_else(|| format!("11100: the TwiML App {app} has no Voice URL"));
        }
        n["voice_url"]
            .as_str()
            .filter(|u| !u.is_empty())
            .map(String::from)
            .ok_or_else(|| "11100: the number has no voice configuration".into())
    }

    /// A `callerId` Twilio accepts: one of the account's numbers or verified caller IDs (13214).
    pub fn may_call_from(&self, number: &str) -> bool {
        self.numbers.iter().any(|n| n["phone_number"] == number)
            || self.caller_ids.iter().any(|c| c["phone_number"] == number)
    }

    // ------------------------------------------------------------------ applications

    pub fn add_application(
        &mut self,
        sid: Option<&str>,
        overrides: &Value,
    ) -> Result<Value, RestError> {
        if self.applications.len() >= MAX_APPLICATIONS {
            return Err(RestError::bad_request(
                21301,
                "Cannot create application: application limit exceeded",
            ));
        }
        let now = now_s();
        let sid = sid.map(String::from).unwrap_or_else(|| new_sid("AP"));
        let mut a = obj(json!({
            "account_sid": self.account_sid, "api_version": "2010-04-01",
            "date_created": rfc2822(now), "date_updated": rfc2822(now),
            "friendly_name": null, "message_status_callback": null, "sid": sid,
            "sms_fallback_method": "POST", "sms_fallback_url": null, "sms_method": "POST",
            "sms_status_callback": null, "sms_url": null, "status_callback": null,
            "status_callback_method": "POST",
            "uri": format!("{}/Applications/{sid}.json", self.base()),
            "voice_caller_id_lookup": false, "voice_fallback_method": "POST", "voice_fallback_url": null,
            "voice_method": "POST", "voice_url": null, "public_application_connect_enabled": true,
        }));
        merge(&mut a, overrides, &["sid", "uri", "account_sid"]);
        self.applications.push(a.clone());
        Ok(Value::Object(a))
    }

    // ------------------------------------------------------------------ caller IDs, calls, recordings

    pub fn add_caller_id(&mut self, phone_number: &str, friendly_name: Option<&str>) -> Value {
        let now = now_s();
        let sid = new_sid("PN");
        let c = obj(json!({
            "sid": sid, "date_created": rfc2822(now), "date_updated": rfc2822(now),
            "friendly_name": friendly_name.map(String::from).unwrap_or_else(|| friendly(phone_number)),
            "account_sid": self.account_sid, "phone_number": phone_number,
            "uri": format!("{}/OutgoingCallerIds/{sid}.json", self.base()),
        }));
        self.caller_ids.push(c.clone());
        Value::Object(c)
    }

    /// A finished call; `seed` gives `from`, `to`, and optionally `status`, `direction`,
    /// `start_time` (seconds since the epoch), `duration` (seconds), `parent_call_sid`.
    pub fn add_call(&mut self, seed: &Value) -> Value {
        let start = seed["start_time"].as_i64().unwrap_or_else(now_s);
        let duration = seed["duration"].as_i64().unwrap_or(0);
        let sid = seed["sid"]
            .as_str()
            .map(String::from)
            .unwrap_or_else(|| new_sid("CA"));
        let from = seed["from"].as_str().unwrap_or("+15559876543");
        let to = seed["to"].as_str().unwrap_or("+15551234567");
        let base = format!("{}/Calls/{sid}", self.base());
        let c = obj(json!({
            "sid": sid, "date_created": rfc2822(start), "date_updated": rfc2822(start + duration),
            "parent_call_sid": seed.get("parent_call_sid").cloned().unwrap_or(Value::Null),
            "account_sid": self.account_sid, "to": to, "to_formatted": friendly(to),
            "from": from, "from_formatted": friendly(from), "phone_number_sid": null,
            "status": seed["status"].as_str().unwrap_or("completed"),
            "start_time": rfc2822(start), "end_time": rfc2822(start + duration),
            "duration": duration.to_string(), "price": null, "price_unit": "USD",
            "direction": seed["direction"].as_str().unwrap_or("inbound"),
            "answered_by": null, "api_version": "2010-04-01", "forwarded_from": null,
            "group_sid": null, "caller_name": seed.get("caller_name").cloned().unwrap_or(Value::Null),
            "queue_time": "0", "trunk_sid": null, "uri": format!("{base}.json"),
            "subresource_uris": {"recordings": format!("{base}/Recordings.json")},
        }));
        let pos = self
            .calls
            .iter()
            .position(|r| r.at < start)
            .unwrap_or(self.calls.len());
        self.calls.insert(
            pos,
            Timed {
                at: start,
                json: c.clone(),
            },
        );
        Value::Object(c)
    }

    /// A recording of `call_sid`; `seed` may give `duration` (seconds), `status`, `start_time`, `source`.
    pub fn add_recording(&mut self, seed: &Value) -> Value {
        let start = seed["start_time"].as_i64().unwrap_or_else(now_s);
        let duration = seed["duration"].as_i64().unwrap_or(5);
        let sid = new_sid("RE");
        let base = format!("{}/Recordings/{sid}", self.base());
        let r = obj(json!({
            "account_sid": self.account_sid, "api_version": "2010-04-01",
            "call_sid": seed["call_sid"].as_str().map(String::from).unwrap_or_else(|| new_sid("CA")),
            "conference_sid": null, "channels": 1,
            "date_created": rfc2822(start), "date_updated": rfc2822(start + duration),
            "start_time": rfc2822(start), "price": null, "price_unit": "USD",
            "duration": duration.to_string(), "sid": sid,
            "source": seed["source"].as_str().unwrap_or("RecordVerb"),
            "status": seed["status"].as_str().unwrap_or("completed"),
            "error_code": null, "uri": format!("{base}.json"),
            "subresource_uris": {"transcriptions": format!("{base}/Transcriptions.json")},
            "encryption_details": null,
            "media_url": format!("https://api.twilio.com{base}"),
        }));
        let pos = self
            .recordings
            .iter()
            .position(|x| x.at < start)
            .unwrap_or(self.recordings.len());
        self.recordings.insert(
            pos,
            Timed {
                at: start,
                json: r.clone(),
            },
        );
        Value::Object(r)
    }

    // ------------------------------------------------------------------ seeding

    /// Adds what `seed` lists (the `--rest-seed` file and `POST /rest/seed` share this):
    /// `{"account": {...}, "numbers": [...], "applications": [...], "caller_ids": [...],
    /// "calls": [...], "recordings": [...]}`; answers with what was created, in the same shape.
    pub fn seed(&mut self, seed: &Value) -> Result<Value, String> {
        let mut out = Map::new();
        if let Some(a) = seed.get("account") {
            merge(
                &mut self.account,
                a,
                &["sid", "auth_token", "uri", "subresource_uris"],
            );
            out.insert("account".into(), Value::Object(self.account.clone()));
        }
        let list = |name: &str| {
            seed.get(name)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let mut numbers = vec![];
        for n in list("numbers") {
            let first = n["phone_number"]
                .as_str()
                .ok_or("each number needs a phone_number")?;
            let count = n["count"].as_u64().unwrap_or(1);
            for i in 0..count {
                let number = if i == 0 {
                    first.to_string()
                } else {
                    let digits: u64 = first[1..]
                        .parse()
                        .map_err(|_| "phone_number must be +digits")?;
                    format!("+{}", digits + i)
                };
                numbers.push(self.add_number(&number, &n));
            }
        }
        let mut apps = vec![];
        for a in list("applications") {
            apps.push(
                self.add_application(a["sid"].as_str(), &a)
                    .map_err(|e| e.message)?,
            );
        }
        let caller_ids: Vec<Value> = list("caller_ids")
            .iter()
            .map(|c| {
                let number = c["phone_number"].as_str().unwrap_or("+15550000000");
                self.add_caller_id(number, c["friendly_name"].as_str())
            })
            .collect();
        let calls: Vec<Value> = list("calls").iter().map(|c| self.add_call(c)).collect();
        let recordings: Vec<Value> = list("recordings")
            .iter()
            .map(|r| self.add_recording(r))
            .collect();
        for (name, v) in [
            ("numbers", numbers),
            ("applications", apps),
            ("caller_ids", caller_ids),
            ("calls", calls),
            ("recordings", recordings),
        ] {
            if !v.is_empty() {
                out.insert(name.into(), Value::Array(v));
            }
        }
        Ok(Value::Object(out))
    }

    /// Everything, for tests asserting what a client changed (the Auth Token and key secrets
    /// left out).
    pub fn snapshot(&self) -> Value {
        let mut account = self.account.clone();
        account.remove("auth_token");
        json!({
            "account": account,
            "numbers": self.numbers,
            "keys": self.keys.iter().map(|k| {
                let mut v = Store::key_json(k);
                v["main"] = json!(k.main);
                v
            }).collect::<Vec<_>>(),
            "applications": self.applications,
            "caller_ids": self.caller_ids,
            "calls": self.calls.iter().map(|c| &c.json).collect::<Vec<_>>(),
            "recordings": self.recordings.iter().map(|r| &r.json).collect::<Vec<_>>(),
            "faults": self.faults.iter().map(|f| json!({"path": f.path, "status": f.status, "remaining": f.remaining})).collect::<Vec<_>>(),
        })
    }
}
