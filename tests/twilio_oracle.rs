//! The request bodies our REST client sends equal twilio-python's for the same calls: both run
//! against one simulator, and its event log records what each sent (tests/oracle/rest_requests.py).

mod common;
mod twilio_sim;

use std::io::Write as _;
use std::process::{Command, Stdio};

use dialtone::secret::Secret;
use dialtone::twilio::{AppParams, CallFilter, Client, ClientOptions, Credentials, NumberUpdate};
use serde_json::{json, Value};
use twilio_sim::*;

/// What identifies a request for the comparison: method, path, the form (order aside: Twilio
/// reads a form by name) and the query, less `PageSize` (each client picks its own).
fn shape(r: &Value) -> Value {
    let mut form: Vec<Value> = r["form"].as_array().cloned().unwrap_or_default();
    form.sort_by_key(|p| p.to_string());
    let mut query: Vec<(String, String)> =
        form_urlencoded::parse(r["query"].as_str().unwrap_or_default().as_bytes())
            .into_owned()
            .filter(|(k, _)| k != "PageSize")
            .collect();
    query.sort();
    json!({"method": r["method"], "path": r["path"], "form": form, "query": query})
}

#[tokio::test]
async fn our_requests_are_twilio_pythons() {
    let call = "CA".to_string() + &"2".repeat(32);
    let sim = Sim::start(json!({"calls": [{"sid": call, "from": "+15559876543", "to": NUMBER}]}));
    let options = ClientOptions {
        page_size: 50,
        ..ClientOptions::default()
    };
    let credentials = Credentials::auth_token(ACCOUNT_SID, Secret::new(AUTH_TOKEN)).unwrap();
    let client = Client::new(&sim.rest, credentials, options).unwrap();
    let number = client
        .list_incoming_phone_numbers(Some(NUMBER))
        .await
        .unwrap()[0]
        .sid
        .clone();
    let skip = sim.rest_requests().await.len();

    // Ours.
    client.fetch_account().await.unwrap();
    client
        .list_incoming_phone_numbers(Some("+1555"))
        .await
        .unwrap();
    client
        .update_incoming_phone_number(
            &number,
            &NumberUpdate {
                voice_url: Some("https://old.example/voice".into()),
                voice_method: Some("GET".into()),
                voice_fallback_url: Some(String::new()),
                voice_application_sid: Some(APP_SID.into()),
                status_callback: Some("https://status.example/cb".into()),
                status_callback_method: Some("POST".into()),
                ..NumberUpdate::default()
            },
        )
        .await
        .unwrap();
    client
        .create_application(&AppParams {
            friendly_name: Some("Dialtone (this machine)".into()),
            voice_url: Some("https://abc123.ngrok.app/handle_calls".into()),
            voice_method: Some("POST".into()),
            status_callback: Some("https://abc123.ngrok.app/status".into()),
            voice_caller_id_lookup: Some(true),
            ..AppParams::default()
        })
        .await
        .unwrap();
    client
        .update_application(
            APP_SID,
            &AppParams {
                voice_url: Some("https://def456.ngrok.app/handle_calls".into()),
                voice_fallback_url: Some(String::new()),
                ..AppParams::default()
            },
        )
        .await
        .unwrap();
    client
        .list_applications(Some("Dialtone (this machine)"))
        .await
        .unwrap();
    client.create_key("Dialtone on this machine").await.unwrap();
    client
        .list_calls(&CallFilter {
            to: Some(NUMBER.into()),
            from: Some("+15559876543".into()),
            started_on_or_after: Some("2026-01-01".into()),
            started_on_or_before: Some("2036-12-31".into()),
        })
        .await
        .unwrap();
    client.list_recordings(Some(&call)).await.unwrap();
    client.list_outgoing_caller_ids().await.unwrap();
    let ours: Vec<Value> = sim.rest_requests().await[skip..]
        .iter()
        .map(shape)
        .collect();

    // twilio-python's, for the same calls.
    let ops = json!([
        {"op": "fetch_account"},
        {"op": "list_numbers", "args": {"phone_number": "+1555"}},
        {"op": "update_number", "sid": number, "args": {
            "voice_url": "https://old.example/voice", "voice_method": "GET", "voice_fallback_url": "",
            "voice_application_sid": APP_SID, "status_callback": "https://status.example/cb",
            "status_callback_method": "POST"}},
        {"op": "create_app", "args": {"friendly_name": "Dialtone (this machine)",
            "voice_url": "https://abc123.ngrok.app/handle_calls", "voice_method": "POST",
            "status_callback": "https://abc123.ngrok.app/status", "voice_caller_id_lookup": true}},
        {"op": "update_app", "sid": APP_SID, "args": {
            "voice_url": "https://def456.ngrok.app/handle_calls", "voice_fallback_url": ""}},
        {"op": "list_apps", "args": {"friendly_name": "Dialtone (this machine)"}},
        {"op": "create_key", "args": {"friendly_name": "Dialtone on this machine"}},
        {"op": "list_calls", "args": {"to": NUMBER, "from_": "+15559876543",
            "start_time_after": "2026-01-01", "start_time_before": "2036-12-31"}},
        {"op": "list_recordings", "args": {"call_sid": call}},
        {"op": "list_caller_ids"},
    ]);
    let before = sim.rest_requests().await.len();
    let mut child = Command::new(common::oracle_python())
        .arg(common::repo_root().join("tests/oracle/rest_requests.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the oracle's python starts");
    let input =
        json!({"base": sim.rest, "account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "ops": ops});
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "twilio-python failed");
    let theirs: Vec<Value> = sim.rest_requests().await[before..]
        .iter()
        .map(shape)
        .collect();

    assert_eq!(
        ours.len(),
        theirs.len(),
        "ours {ours:#?}\ntheirs {theirs:#?}"
    );
    for (o, t) in ours.iter().zip(&theirs) {
        assert_eq!(o, t);
    }
}
