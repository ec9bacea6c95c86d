//! Twilio's REST API (2010-04-01), the part Dialtone uses: the account, its numbers, API keys,
//! TwiML Apps, verified caller IDs, calls and recordings. Plain HTTP on its own loopback port
//! (`--rest-port`); the app reaches it through `DIALTONE_TWILIO_API_BASE`.
//!
//! Every request passes one guard ([`guard`]) before any route: injected faults, HTTP Basic auth
//! (Account SID + Auth Token, or an API key SID + secret), the account in the path, what a
//! Standard key may not reach, and the event log entry.

pub mod error;
pub mod media;
pub mod page;
pub mod store;

use crate::sim::Sim;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use base64::Engine;
use error::RestError;
use serde_json::{json, Map, Value};
use std::sync::Arc;
use store::{is_sid, rfc2822, Store, API};

type Result<T> = std::result::Result<T, RestError>;

/// The form body of a POST, in order, as the guard parsed it.
#[derive(Clone, Default)]
struct FormFields(Vec<(String, String)>);

pub fn router(sim: Arc<Sim>) -> Router {
    let acct = format!("{API}/Accounts/{{account}}");
    Router::new()
        .route(&format!("{API}/Accounts/{{file}}"), get(fetch_account))
        .route(
            &format!("{acct}/IncomingPhoneNumbers.json"),
            get(list_numbers),
        )
        .route(
            &format!("{acct}/IncomingPhoneNumbers/{{file}}"),
            get(fetch_number).post(update_number),
        )
        .route(
            &format!("{acct}/Keys.json"),
            get(list_keys).post(create_key),
        )
        .route(
            &format!("{acct}/Keys/{{file}}"),
            get(fetch_key).delete(delete_key),
        )
        .route(
            &format!("{acct}/Applications.json"),
            get(list_applications).post(create_application),
        )
        .route(
            &format!("{acct}/Applications/{{file}}"),
            get(fetch_application)
                .post(update_application)
                .delete(delete_application),
        )
        .route(
            &format!("{acct}/OutgoingCallerIds.json"),
            get(list_caller_ids),
        )
        .route(&format!("{acct}/Calls.json"), get(list_calls))
        .route(&format!("{acct}/Calls/{{file}}"), get(fetch_call))
        .route(&format!("{acct}/Recordings.json"), get(list_recordings))
        .route(
            &format!("{acct}/Recordings/{{file}}"),
            get(fetch_recording).delete(delete_recording),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(sim.clone(), guard))
        .with_state(sim)
}

pub async fn serve(sim: Arc<Sim>, listener: tokio::net::TcpListener) {
    let _ = axum::serve(listener, router(sim)).await;
}

async fn not_found(uri: Uri) -> RestError {
    RestError::not_found(uri.path())
}

async fn method_not_allowed() -> RestError {
    RestError::new(405, 20004, "Method not allowed")
}

// ---------------------------------------------------------------------- the guard

/// Who the credentials belong to.
enum Caller {
    Account,
    Key { sid: String, main: bool },
}

async fn guard(State(sim): State<Arc<Sim>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let method = parts.method.clone();
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().unwrap_or_default().to_string();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let form: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();

    let fault = take_fault(&sim, &method, &path);
    let caller = authenticate(&sim, parts.headers.get(header::AUTHORIZATION));
    let before = fault.as_ref().filter(|f| !f.after);
    let outcome: std::result::Result<(), RestError> = async {
        if let Some(f) = before {
            inject(f).await?;
        }
        let caller = caller.as_ref().ok_or_else(RestError::authenticate)?;
        check_scope(&sim, caller, &path)
    }
    .await;
    let auth = match &caller {
        Some(Caller::Account) => "account".to_string(),
        Some(Caller::Key { sid, .. }) => format!("key {sid}"),
        None => "refused".to_string(),
    };
    let response = match outcome {
        Err(e) => e.into_response(),
        Ok(()) => {
            let mut req = Request::from_parts(parts, Body::from(bytes));
            req.extensions_mut().insert(FormFields(form.clone()));
            let done = next.run(req).await;
            match fault.as_ref().filter(|f| f.after) {
                Some(f) => match inject(f).await {
                    Err(e) => e.into_response(),
                    Ok(()) => done,
                },
                None => done,
            }
        }
    };
    // No field this API takes is a secret; any field that looks like one is left out anyway.
    let logged: Vec<Value> = form
        .iter()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.contains("secret") && !k.contains("token") && !k.contains("password")
        })
        .map(|(k, v)| json!([k, v]))
        .collect();
    sim.log(
        "rest",
        json!({"method": method.as_str(), "path": path, "query": query, "form": logged,
               "status": response.status().as_u16(), "auth": auth,
               "fault": fault.map(|f| f.status)}),
    );
    response
}

/// Waits as the fault says, then fails as it says (status 0: no failure).
async fn inject(f: &store::Fault) -> Result<()> {
    if f.stall_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(f.stall_ms)).await;
    }
    match f.status {
        0 => Ok(()),
        status => Err(RestError::injected(status, f.retry_after)),
    }
}

fn take_fault(sim: &Sim, method: &Method, path: &str) -> Option<store::Fault> {
    let mut rest = sim.rest.lock().unwrap();
    let f = rest.faults.iter_mut().find(|f| {
        f.remaining > 0
            && path.starts_with(&f.path)
            && f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
    })?;
    f.remaining -= 1;
    let taken = f.clone();
    rest.faults.retain(|f| f.remaining > 0);
    Some(taken)
}

fn authenticate(sim: &Sim, value: Option<&header::HeaderValue>) -> Option<Caller> {
    let encoded = value?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let (user, pass) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
    let rest = sim.rest.lock().unwrap();
    if user == rest.account_sid && pass == rest.auth_token {
        return Some(Caller::Account);
    }
    rest.keys
        .iter()
        .find(|k| k.sid == user && k.secret == pass)
        .map(|k| Caller::Key {
            sid: k.sid.clone(),
            main: k.main,
        })
}

/// The path's account must be the caller's, and a Standard key reaches neither the account
/// itself nor `/Keys` (Twilio answers 20003 then, as for wrong credentials).
fn check_scope(sim: &Sim, caller: &Caller, path: &str) -> Result<()> {
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let account_sid = sim.rest.lock().unwrap().account_sid.clone();
    if let Some(account) = segs.get(2) {
        if segs.get(1) == Some(&"Accounts") && account.trim_end_matches(".json") != account_sid {
            return Err(RestError::authenticate());
        }
    }
    let restricted = segs.len() == 3 || segs.get(3).is_some_and(|s| s.starts_with("Keys"));
    match caller {
        Caller::Key { main: false, .. } if restricted => Err(RestError::authenticate()),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------- helpers

fn strip<'a>(file: &'a str, ext: &str) -> Option<&'a str> {
    file.strip_suffix(ext)
}

fn query_pairs(raw: &Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

fn q<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The filters of `names` present in `query`, in the order given, for the page URIs.
fn filters(query: &[(String, String)], names: &[&str]) -> Vec<(String, String)> {
    query
        .iter()
        .filter(|(k, _)| names.contains(&k.as_str()))
        .cloned()
        .collect()
}

fn check_page_size(query: &[(String, String)]) -> Result<()> {
    match q(query, "PageSize").map(str::parse::<usize>) {
        Some(Ok(n)) if n > page::MAX_PAGE_SIZE => {
            Err(RestError::bad_request(20007, "Page size too large"))
        }
        Some(Err(_)) => Err(RestError::bad_request(
            20422,
            "PageSize must be a whole number",
        )),
        _ => Ok(()),
    }
}

fn list(
    items: &[Map<String, Value>],
    key: &str,
    path: &str,
    query: &[(String, String)],
    names: &[&str],
) -> Result<Json<Value>> {
    check_page_size(query)?;
    Ok(Json(page::page(
        items,
        key,
        path,
        &filters(query, names),
        query,
    )))
}

/// `PhoneNumber` filters match part of a number, with `*` for any one digit.
fn number_matches(number: &str, pattern: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = number.chars().collect();
    if p.is_empty() {
        return true;
    }
    (0..=n.len().saturating_sub(p.len())).any(|i| {
        p.len() <= n.len()
            && p.iter()
                .zip(&n[i..])
                .all(|(pc, nc)| *pc == *nc || (*pc == '*' && nc.is_ascii_digit()))
    })
}

/// What a form field may hold.
#[derive(Clone, Copy)]
enum Kind {
    Url,
    Method,
    Bool,
    Text,
    AppSid,
    TrunkSid,
}

const NUMBER_FIELDS: &[(&str, &str, Kind)] = &[
    ("ApiVersion", "api_version", Kind::Text),
    ("FriendlyName", "friendly_name", Kind::Text),
    ("VoiceUrl", "voice_url", Kind::Url),
    ("VoiceMethod", "voice_method", Kind::Method),
    ("VoiceFallbackUrl", "voice_fallback_url", Kind::Url),
    ("VoiceFallbackMethod", "voice_fallback_method", Kind::Method),
    ("StatusCallback", "status_callback", Kind::Url),
    (
        "StatusCallbackMethod",
        "status_callback_method",
        Kind::Method,
    ),
    ("VoiceCallerIdLookup", "voice_caller_id_lookup", Kind::Bool),
    ("VoiceApplicationSid", "voice_application_sid", Kind::AppSid),
    ("TrunkSid", "trunk_sid", Kind::TrunkSid),
    ("SmsUrl", "sms_url", Kind::Url),
    ("SmsMethod", "sms_method", Kind::Method),
    ("SmsFallbackUrl", "sms_fallback_url", Kind::Url),
    ("SmsFallbackMethod", "sms_fallback_method", Kind::Method),
    ("SmsApplicationSid", "sms_application_sid", Kind::AppSid),
    ("VoiceReceiveMode", "voice_receive_mode", Kind::Text),
];

const APPLICATION_FIELDS: &[(&str, &str, Kind)] = &[
    ("ApiVersion", "api_version", Kind::Text),
    ("FriendlyName", "friendly_name", Kind::Text),
    ("VoiceUrl", "voice_url", Kind::Url),
    ("VoiceMethod", "voice_method", Kind::Method),
    ("VoiceFallbackUrl", "voice_fallback_url", Kind::Url),
    ("VoiceFallbackMethod", "voice_fallback_method", Kind::Method),
    ("StatusCallback", "status_callback", Kind::Url),
    (
        "StatusCallbackMethod",
        "status_callback_method",
        Kind::Method,
    ),
    ("VoiceCallerIdLookup", "voice_caller_id_lookup", Kind::Bool),
    ("SmsUrl", "sms_url", Kind::Url),
    ("SmsMethod", "sms_method", Kind::Method),
    ("SmsFallbackUrl", "sms_fallback_url", Kind::Url),
    ("SmsFallbackMethod", "sms_fallback_method", Kind::Method),
    ("SmsStatusCallback", "sms_status_callback", Kind::Url),
    (
        "MessageStatusCallback",
        "message_status_callback",
        Kind::Url,
    ),
    (
        "PublicApplicationConnectEnabled",
        "public_application_connect_enabled",
        Kind::Bool,
    ),
];

/// Checks every known field of `form` first and only then says what to change, so a request
/// with one bad value changes nothing. Unknown fields are ignored, as Twilio ignores them.
fn changes(
    store: &Store,
    form: &[(String, String)],
    fields: &[(&str, &'static str, Kind)],
) -> Result<Vec<(&'static str, Value)>> {
    let mut out = vec![];
    for (name, value) in form {
        let Some((_, key, kind)) = fields.iter().find(|(n, _, _)| n == name) else {
            continue;
        };
        let v = match kind {
            Kind::Text => json!(value),
            Kind::Url if value.is_empty() => json!(""),
            Kind::Url => {
                let ok = url::Url::parse(value)
                    .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
                if !ok {
                    return Err(RestError::bad_request(
                        21402,
                        format!("{name} is not a valid URL: {value}"),
                    ));
                }
                json!(value)
            }
            Kind::Method => match value.to_ascii_uppercase().as_str() {
                m @ ("GET" | "POST") => json!(m),
                _ => {
                    return Err(RestError::bad_request(
                        21403,
                        format!("{name} must be GET or POST, not {value}"),
                    ))
                }
            },
            Kind::Bool => match value.to_ascii_lowercase().as_str() {
                "true" => json!(true),
                "false" => json!(false),
                _ => {
                    return Err(RestError::bad_request(
                        20422,
                        format!("{name} must be true or false, not {value}"),
                    ))
                }
            },
            Kind::AppSid if value.is_empty() => json!(""),
            Kind::AppSid => {
                if !is_sid(value, "AP") {
                    return Err(RestError::bad_request(
                        20422,
                        format!("{name} must be AP followed by 32 hexadecimal digits"),
                    ));
                }
                if !store.has_application(value) {
                    return Err(RestError::bad_request(
                        21420,
                        format!("ApplicationSid is not accessible: {value}"),
                    ));
                }
                json!(value)
            }
            Kind::TrunkSid if value.is_empty() => Value::Null,
            Kind::TrunkSid => {
                if !is_sid(value, "TK") {
                    return Err(RestError::bad_request(
                        20422,
                        format!("{name} must be TK followed by 32 hexadecimal digits"),
                    ));
                }
                json!(value)
            }
        };
        out.push((*key, v));
    }
    Ok(out)
}

fn apply(target: &mut Map<String, Value>, changes: Vec<(&'static str, Value)>) {
    for (key, value) in changes {
        // Twilio: setting a voice application deletes the trunk, and setting a trunk deletes the
        // voice application (`twilio.md` §8.2).
        match (key, value.as_str()) {
            ("voice_application_sid", Some(s)) if !s.is_empty() => {
                target.insert("trunk_sid".into(), Value::Null);
            }
            ("trunk_sid", Some(s)) if !s.is_empty() => {
                target.insert("voice_application_sid".into(), json!(""));
            }
            _ => {}
        }
        target.insert(key.into(), value);
    }
    target.insert("date_updated".into(), json!(rfc2822(crate::sim::now_s())));
}

// ---------------------------------------------------------------------- the account

async fn fetch_account(
    State(sim): State<Arc<Sim>>,
    Path(file): Path<String>,
    uri: Uri,
) -> Result<Json<Value>> {
    let rest = sim.rest.lock().unwrap();
    match strip(&file, ".json") {
        Some(sid) if sid == rest.account_sid => Ok(Json(Value::Object(rest.account.clone()))),
        _ => Err(RestError::not_found(uri.path())),
    }
}

// ---------------------------------------------------------------------- numbers

async fn list_numbers(
    State(sim): State<Arc<Sim>>,
    RawQuery(raw): RawQuery,
    uri: Uri,
) -> Result<Json<Value>> {
    let query = query_pairs(&raw);
    let rest = sim.rest.lock().unwrap();
    let number = q(&query, "PhoneNumber").unwrap_or_default();
    let name = q(&query, "FriendlyName");
    let rows: Vec<_> = rest
        .numbers
        .iter()
        .filter(|n| number_matches(n["phone_number"].as_str().unwrap_or_default(), number))
        .filter(|n| name.is_none_or(|f| n["friendly_name"] == f))
        .cloned()
        .collect();
    list(
        &rows,
        "incoming_phone_numbers",
        uri.path(),
        &query,
        &["PhoneNumber", "FriendlyName", "Beta", "Origin"],
    )
}

async fn fetch_number(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<Json<Value>> {
    let rest = sim.rest.lock().unwrap();
    strip(&file, ".json")
        .and_then(|sid| rest.numbers.iter().find(|n| n["sid"] == sid))
        .map(|n| Json(Value::Object(n.clone())))
        .ok_or_else(|| RestError::not_found(uri.path()))
}

async fn update_number(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    Extension(FormFields(form)): Extension<FormFields>,
    uri: Uri,
) -> Result<Json<Value>> {
    let mut rest = sim.rest.lock().unwrap();
    let sid = strip(&file, ".json").unwrap_or_default().to_string();
    if !rest.numbers.iter().any(|n| n["sid"] == sid.as_str()) {
        return Err(RestError::not_found(uri.path()));
    }
    let changes = changes(&rest, &form, NUMBER_FIELDS)?;
    let n = rest.number_mut(&sid).expect("checked above");
    apply(n, changes);
    Ok(Json(Value::Object(n.clone())))
}

// ---------------------------------------------------------------------- keys

async fn list_keys(
    State(sim): State<Arc<Sim>>,
    RawQuery(raw): RawQuery,
    uri: Uri,
) -> Result<Json<Value>> {
    let query = query_pairs(&raw);
    let rest = sim.rest.lock().unwrap();
    let rows: Vec<_> = rest
        .keys
        .iter()
        .map(|k| match Store::key_json(k) {
            Value::Object(m) => m,
            _ => Map::new(),
        })
        .collect();
    list(&rows, "keys", uri.path(), &query, &[])
}

async fn create_key(
    State(sim): State<Arc<Sim>>,
    Extension(FormFields(form)): Extension<FormFields>,
) -> (StatusCode, Json<Value>) {
    let name = q(&form, "FriendlyName").unwrap_or_default().to_string();
    let key = sim.rest.lock().unwrap().add_key(None, &name, None, false);
    let mut body = Store::key_json(&key);
    // The secret is in this answer only; Twilio never shows it again.
    body["secret"] = json!(key.secret);
    (StatusCode::CREATED, Json(body))
}

async fn fetch_key(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<Json<Value>> {
    let rest = sim.rest.lock().unwrap();
    strip(&file, ".json")
        .and_then(|sid| rest.keys.iter().find(|k| k.sid == sid))
        .map(|k| Json(Store::key_json(k)))
        .ok_or_else(|| RestError::not_found(uri.path()))
}

async fn delete_key(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<StatusCode> {
    let mut rest = sim.rest.lock().unwrap();
    let sid = strip(&file, ".json").unwrap_or_default();
    let before = rest.keys.len();
    rest.keys.retain(|k| k.sid != sid);
    if rest.keys.len() == before {
        return Err(RestError::not_found(uri.path()));
    }
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------- applications

async fn list_applications(
    State(sim): State<Arc<Sim>>,
    RawQuery(raw): RawQuery,
    uri: Uri,
) -> Result<Json<Value>> {
    let query = query_pairs(&raw);
    let rest = sim.rest.lock().unwrap();
    let name = q(&query, "FriendlyName");
    let rows: Vec<_> = rest
        .applications
        .iter()
        .filter(|a| name.is_none_or(|f| a["friendly_name"] == f))
        .cloned()
        .collect();
    list(&rows, "applications", uri.path(), &query, &["FriendlyName"])
}

async fn create_application(
    State(sim): State<Arc<Sim>>,
    Extension(FormFields(form)): Extension<FormFields>,
) -> Result<(StatusCode, Json<Value>)> {
    let mut rest = sim.rest.lock().unwrap();
    let changes = changes(&rest, &form, APPLICATION_FIELDS)?;
    let created = rest.add_application(None, &json!({}))?;
    let sid = created["sid"].as_str().unwrap_or_default().to_string();
    let app = rest
        .applications
        .iter_mut()
        .find(|a| a["sid"] == sid.as_str())
        .expect("just added");
    apply(app, changes);
    Ok((StatusCode::CREATED, Json(Value::Object(app.clone()))))
}

async fn fetch_application(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<Json<Value>> {
    let rest = sim.rest.lock().unwrap();
    strip(&file, ".json")
        .and_then(|sid| rest.applications.iter().find(|a| a["sid"] == sid))
        .map(|a| Json(Value::Object(a.clone())))
        .ok_or_else(|| RestError::not_found(uri.path()))
}

async fn update_application(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    Extension(FormFields(form)): Extension<FormFields>,
    uri: Uri,
) -> Result<Json<Value>> {
    let mut rest = sim.rest.lock().unwrap();
    let sid = strip(&file, ".json").unwrap_or_default().to_string();
    if !rest.has_application(&sid) {
        return Err(RestError::not_found(uri.path()));
    }
    let changes = changes(&rest, &form, APPLICATION_FIELDS)?;
    let app = rest
        .applications
        .iter_mut()
        .find(|a| a["sid"] == sid.as_str())
        .expect("checked above");
    apply(app, changes);
    Ok(Json(Value::Object(app.clone())))
}

async fn delete_application(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<StatusCode> {
    let mut rest = sim.rest.lock().unwrap();
    let sid = strip(&file, ".json").unwrap_or_default();
    let before = rest.applications.len();
    rest.applications.retain(|a| a["sid"] != sid);
    if rest.applications.len() == before {
        return Err(RestError::not_found(uri.path()));
    }
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------- caller IDs

async fn list_caller_ids(
    State(sim): State<Arc<Sim>>,
    RawQuery(raw): RawQuery,
    uri: Uri,
) -> Result<Json<Value>> {
    let query = query_pairs(&raw);
    let rest = sim.rest.lock().unwrap();
    let number = q(&query, "PhoneNumber").unwrap_or_default();
    let name = q(&query, "FriendlyName");
    let rows: Vec<_> = rest
        .caller_ids
        .iter()
        .filter(|c| number_matches(c["phone_number"].as_str().unwrap_or_default(), number))
        .filter(|c| name.is_none_or(|f| c["friendly_name"] == f))
        .cloned()
        .collect();
    list(
        &rows,
        "outgoing_caller_ids",
        uri.path(),
        &query,
        &["PhoneNumber", "FriendlyName"],
    )
}

// ---------------------------------------------------------------------- calls

/// A `StartTime` filter value: a day (`2026-12-01`, the whole day) or an instant
/// (`2026-12-01T08:30:00Z`), as seconds since the epoch: (first second, last second).
fn time_bounds(name: &str, value: &str) -> Result<(i64, i64)> {
    use time::format_description::well_known::Rfc3339;
    let bad = || {
        RestError::bad_request(
            20422,
            format!(
                "{name} must be a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ), not {value}"
            ),
        )
    };
    if let Ok(t) = time::OffsetDateTime::parse(value, &Rfc3339) {
        let s = t.unix_timestamp();
        return Ok((s, s));
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = time::Date::parse(value, &format).map_err(|_| bad())?;
    let start = day.midnight().assume_utc().unix_timestamp();
    Ok((start, start + 86_399))
}

async fn list_calls(
    State(sim): State<Arc<Sim>>,
    RawQuery(raw): RawQuery,
    uri: Uri,
) -> Result<Json<Value>> {
    let query = query_pairs(&raw);
    let mut after = i64::MIN;
    let mut before = i64::MAX;
    for (name, value) in &query {
        match name.as_str() {
            "StartTime>" => after = after.max(time_bounds(name, value)?.0),
            "StartTime<" => before = before.min(time_bounds(name, value)?.1),
            "StartTime" => {
                let (a, b) = time_bounds(name, value)?;
                after = after.max(a);
                before = before.min(b);
            }
            _ => {}
        }
    }
    let rest = sim.rest.lock().unwrap();
    let is = |row: &Map<String, Value>, field: &str, name: &str| {
        q(&query, name).is_none_or(|want| row[field] == want)
    };
    let rows: Vec<_> = rest
        .calls
        .iter()
        .filter(|c| (after..=before).contains(&c.at))
        .map(|c| &c.json)
        .filter(|c| is(c, "to", "To") && is(c, "from", "From"))
        .filter(|c| is(c, "status", "Status") && is(c, "parent_call_sid", "ParentCallSid"))
        .cloned()
        .collect();
    list(
        &rows,
        "calls",
        uri.path(),
        &query,
        &[
            "To",
            "From",
            "ParentCallSid",
            "Status",
            "StartTime",
            "StartTime<",
            "StartTime>",
        ],
    )
}

async fn fetch_call(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<Json<Value>> {
    let rest = sim.rest.lock().unwrap();
    strip(&file, ".json")
        .and_then(|sid| rest.calls.iter().find(|c| c.json["sid"] == sid))
        .map(|c| Json(Value::Object(c.json.clone())))
        .ok_or_else(|| RestError::not_found(uri.path()))
}

// ---------------------------------------------------------------------- recordings

async fn list_recordings(
    State(sim): State<Arc<Sim>>,
    RawQuery(raw): RawQuery,
    uri: Uri,
) -> Result<Json<Value>> {
    let query = query_pairs(&raw);
    let rest = sim.rest.lock().unwrap();
    let call = q(&query, "CallSid");
    let rows: Vec<_> = rest
        .recordings
        .iter()
        .map(|r| &r.json)
        .filter(|r| call.is_none_or(|c| r["call_sid"] == c))
        .cloned()
        .collect();
    list(
        &rows,
        "recordings",
        uri.path(),
        &query,
        &["CallSid", "ConferenceSid"],
    )
}

/// `RE….json` is the resource; `RE….wav` and `RE….mp3` are its audio.
async fn fetch_recording(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<Response> {
    let (sid, ext) = file.rsplit_once('.').unwrap_or((&file, ""));
    let rest = sim.rest.lock().unwrap();
    let rec = rest
        .recordings
        .iter()
        .find(|r| r.json["sid"] == sid)
        .ok_or_else(|| RestError::not_found(uri.path()))?;
    let seconds: u32 = rec.json["duration"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    match ext {
        "json" => Ok(Json(Value::Object(rec.json.clone())).into_response()),
        "wav" => Ok(audio(
            "audio/x-wav",
            media::wav(seconds, media::tone_of(sid)),
        )),
        "mp3" => Ok(audio("audio/mpeg", media::mp3(seconds))),
        _ => Err(RestError::not_found(uri.path())),
    }
}

fn audio(content_type: &'static str, bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], Bytes::from(bytes)).into_response()
}

async fn delete_recording(
    State(sim): State<Arc<Sim>>,
    Path((_, file)): Path<(String, String)>,
    uri: Uri,
) -> Result<StatusCode> {
    let mut rest = sim.rest.lock().unwrap();
    let sid = strip(&file, ".json").unwrap_or_default();
    let before = rest.recordings.len();
    rest.recordings.retain(|r| r.json["sid"] != sid);
    if rest.recordings.len() == before {
        return Err(RestError::not_found(uri.path()));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_number_filter_matches_parts_and_wildcards() {
        assert!(number_matches("+15551234567", "+1555"));
        assert!(number_matches("+15551234567", "4567"));
        assert!(number_matches("+15551234567", "555*23"));
        assert!(!number_matches("+15551234567", "+1666"));
        assert!(number_matches("+15551234567", ""));
    }

    #[test]
    fn start_time_bounds_cover_the_whole_day() {
        let (a, b) = time_bounds("StartTime", "2026-12-01").unwrap();
        assert_eq!(b - a, 86_399);
        assert!(time_bounds("StartTime", "yesterday").is_err());
        let (x, y) = time_bounds("StartTime>", "2026-12-01T08:30:00Z").unwrap();
        assert_eq!(x, y);
    }
}
