//! The REST client (`dialtone::twilio`) against the simulator's Twilio REST API: pages, each
//! error code, retries, timeouts, and no secret in any error or `Debug` output.

mod twilio_sim;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use dialtone::secret::Secret;
use dialtone::twilio::retry::{RetryPolicy, Sleep};
use dialtone::twilio::{
    AppParams, CallFilter, Client, ClientOptions, Credentials, MediaFormat, NumberUpdate,
    TwilioError,
};
use serde_json::{json, Value};
use twilio_sim::*;

/// Records each wait instead of waiting, so the retry tests see the delays and take no time.
#[derive(Default)]
struct RecordedSleep(Mutex<Vec<Duration>>);

impl Sleep for RecordedSleep {
    fn sleep(
        &self,
        duration: Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

impl RecordedSleep {
    fn waits(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

fn token() -> Credentials {
    Credentials::auth_token(ACCOUNT_SID, Secret::new(AUTH_TOKEN)).unwrap()
}

fn key() -> Credentials {
    Credentials::api_key(ACCOUNT_SID, API_KEY_SID, Secret::new(API_KEY_SECRET)).unwrap()
}

fn client_with(
    sim: &Sim,
    credentials: Credentials,
    page_size: u32,
) -> (Client, Arc<RecordedSleep>) {
    let sleep = Arc::new(RecordedSleep::default());
    let options = ClientOptions {
        page_size,
        sleep: sleep.clone(),
        ..ClientOptions::default()
    };
    (Client::new(&sim.rest, credentials, options).unwrap(), sleep)
}

fn client(sim: &Sim) -> (Client, Arc<RecordedSleep>) {
    client_with(sim, token(), 50)
}

fn api_error(e: TwilioError) -> dialtone::twilio::ApiError {
    match e {
        TwilioError::Api(a) => a,
        other => panic!("expected Twilio's error answer, got {other:?}"),
    }
}

#[tokio::test]
async fn pages_are_followed_to_the_last_one() {
    let sim = Sim::start(json!({"numbers": [{"phone_number": "+15550100000", "count": 25}]}));
    let (client, _) = client_with(&sim, token(), 4);
    let numbers = client.list_incoming_phone_numbers(None).await.unwrap();
    assert_eq!(numbers.len(), 26);
    let mut sids: Vec<_> = numbers.iter().map(|n| n.sid.clone()).collect();
    sids.sort();
    sids.dedup();
    assert_eq!(sids.len(), 26, "no number twice");
    let pages: Vec<Value> = sim
        .rest_requests()
        .await
        .into_iter()
        .filter(|r| r["path"] == sim.path("/IncomingPhoneNumbers.json"))
        .collect();
    assert_eq!(pages.len(), 7, "26 numbers in pages of 4: {pages:?}");
    assert!(pages[0]["query"] == "PageSize=4");
    assert!(pages[6]["query"].as_str().unwrap().contains("PageToken=PA"));

    let some = client
        .list_incoming_phone_numbers(Some("+1555010001"))
        .await
        .unwrap();
    assert_eq!(some.len(), 10, "{some:?}");
    assert!(some.iter().all(|n| n.capabilities.voice));
}

#[tokio::test]
async fn the_account_is_read_with_the_auth_token_only() {
    let sim = Sim::start(json!({}));
    let (client, _) = client(&sim);
    let account = client.fetch_account().await.unwrap();
    assert_eq!(account.sid, ACCOUNT_SID);
    assert_eq!(account.status.as_deref(), Some("active"));

    let (with_key, _) = client_with(&sim, key(), 50);
    let e = api_error(with_key.fetch_account().await.unwrap_err());
    assert_eq!((e.status, e.code), (401, Some(20003)));
    assert!(with_key.list_incoming_phone_numbers(None).await.is_ok());

    // A Main key (made in the Console; here through the control API) may read the account.
    let main = sim
        .control(
            reqwest::Method::POST,
            "/rest/keys",
            json!({"friendly_name": "main", "main": true}),
        )
        .await;
    let main = Credentials::api_key(
        ACCOUNT_SID,
        main["sid"].as_str().unwrap(),
        Secret::new(main["secret"].as_str().unwrap()),
    )
    .unwrap();
    let (with_main, _) = client_with(&sim, main, 50);
    assert_eq!(with_main.fetch_account().await.unwrap().sid, ACCOUNT_SID);

    let wrong = Credentials::auth_token(ACCOUNT_SID, Secret::new("0".repeat(32))).unwrap();
    let (wrong, _) = client_with(&sim, wrong, 50);
    let e = wrong.fetch_account().await.unwrap_err();
    assert_eq!(e.code(), Some(20003));
    assert!(
        e.to_string()
            .starts_with("Twilio refused the credentials (error 20003: Authenticate"),
        "{e}"
    );
}

#[tokio::test]
async fn each_error_code_reads_in_plain_words() {
    let sim = Sim::start(json!({}));
    let (client, _) = client(&sim);
    let missing = "AP".to_string() + &"e".repeat(32);
    let e = client.fetch_application(&missing).await.unwrap_err();
    assert_eq!(e.code(), Some(20404));
    assert!(e.to_string().contains(&format!(
        "Twilio has nothing at GET {}",
        sim.path(&format!("/Applications/{missing}.json"))
    )));

    let number = client
        .list_incoming_phone_numbers(Some(NUMBER))
        .await
        .unwrap()[0]
        .clone();
    let before = sim.state().await["numbers"].clone();
    let e = client
        .update_incoming_phone_number(
            &number.sid,
            &NumberUpdate {
                voice_url: Some("https://fine.example/voice".into()),
                voice_application_sid: Some(missing.clone()),
                ..NumberUpdate::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(21420));
    assert!(
        e.to_string().contains("Use a TwiML App of this account"),
        "{e}"
    );
    let e = client
        .update_incoming_phone_number(
            &number.sid,
            &NumberUpdate {
                voice_url: Some("not a url".into()),
                ..NumberUpdate::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(21402));
    assert!(e.to_string().contains("Use a full https:// URL"), "{e}");
    assert_eq!(
        sim.state().await["numbers"],
        before,
        "a refused update changes nothing"
    );

    let e = client
        .create_application(&AppParams {
            voice_method: Some("PUT".into()),
            ..AppParams::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(21403));

    // Without retries, a 500 reads as Twilio's code and message with the fix.
    let once = ClientOptions {
        retry: RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        },
        ..ClientOptions::default()
    };
    let once = Client::new(&sim.rest, token(), once).unwrap();
    sim.fault(json!({"path": sim.path("/Keys.json"), "status": 500, "count": 1}))
        .await;
    let e = api_error(once.list_keys().await.unwrap_err());
    assert_eq!((e.status, e.code, e.attempts), (500, Some(20500), 1));
    assert!(
        TwilioError::Api(e)
            .to_string()
            .contains("error 20500: Internal Server Error"),
        "Twilio's own words are kept"
    );

    let e = client.fetch_application("AP-not-a-sid").await.unwrap_err();
    assert!(matches!(e, TwilioError::InvalidSid { .. }), "{e:?}");
}

#[tokio::test]
async fn a_429_is_retried_after_retry_after_then_succeeds() {
    let sim = Sim::start(json!({}));
    let (client, sleep) = client(&sim);
    let path = format!("/2010-04-01/Accounts/{ACCOUNT_SID}.json");
    sim.fault(json!({"path": path, "status": 429, "retry_after": 2, "count": 2}))
        .await;
    assert_eq!(client.fetch_account().await.unwrap().sid, ACCOUNT_SID);
    assert_eq!(sleep.waits(), [Duration::from_secs(2); 2]);
    let statuses: Vec<_> = sim
        .rest_requests()
        .await
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [429, 429, 200]);
}

#[tokio::test]
async fn a_5xx_is_retried_with_backoff_for_reads_and_updates_only() {
    let sim = Sim::start(json!({}));
    let (client, sleep) = client(&sim);
    sim.fault(json!({"path": sim.path("/IncomingPhoneNumbers"), "status": 503, "count": 2}))
        .await;
    let numbers = client.list_incoming_phone_numbers(None).await.unwrap();
    assert_eq!(
        sleep.waits(),
        [Duration::from_millis(500), Duration::from_millis(1000)]
    );

    sim.fault(json!({"path": sim.path("/IncomingPhoneNumbers"), "method": "POST", "status": 502, "count": 1}))
        .await;
    let updated = client
        .update_incoming_phone_number(
            &numbers[0].sid,
            &NumberUpdate {
                voice_url: Some("https://new.example/voice".into()),
                ..NumberUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        updated.voice.voice_url.as_deref(),
        Some("https://new.example/voice")
    );

    // A create may have happened before the 5xx: it is not sent again.
    let keys_before = sim.state().await["keys"].as_array().unwrap().len();
    sim.fault(json!({"path": sim.path("/Keys.json"), "method": "POST", "status": 500, "count": 1}))
        .await;
    let waits_before = sleep.waits().len();
    let e = api_error(client.create_key("dialtone").await.unwrap_err());
    assert_eq!((e.status, e.attempts), (500, 1));
    assert_eq!(sleep.waits().len(), waits_before);
    assert_eq!(
        sim.state().await["keys"].as_array().unwrap().len(),
        keys_before
    );

    // A 429 refused it before anything was done: a create is sent again.
    sim.fault(json!({"path": sim.path("/Applications.json"), "method": "POST", "status": 429, "count": 1}))
        .await;
    let app = client
        .create_application(&AppParams {
            friendly_name: Some("Dialtone".into()),
            ..AppParams::default()
        })
        .await
        .unwrap();
    let named = client.list_applications(Some("Dialtone")).await.unwrap();
    assert!(named.iter().filter(|a| a.sid == app.sid).count() == 1);
}

#[tokio::test]
async fn an_answer_lost_after_the_work_was_done() {
    let call = "CA".to_string() + &"3".repeat(32);
    let sim = Sim::start(json!({"recordings": [{"call_sid": call, "duration": 1}]}));
    let (client, sleep) = client(&sim);
    let rec = client.list_recordings(None).await.unwrap().remove(0);

    // The delete was done, its answer lost: the retry's 404 means it is gone, as asked.
    let path = sim.path(&format!("/Recordings/{}.json", rec.sid));
    sim.fault(json!({"path": path, "method": "DELETE", "status": 503, "after": true}))
        .await;
    client.delete_recording(&rec.sid).await.unwrap();
    assert_eq!(sleep.waits().len(), 1);
    assert!(sim.state().await["recordings"]
        .as_array()
        .unwrap()
        .is_empty());
    // Without a lost answer before it, a 404 is an error.
    let e = client.delete_recording(&rec.sid).await.unwrap_err();
    assert_eq!(e.code(), Some(20404));

    // A create whose answer was lost is not sent again: one key exists, and the caller is told
    // of a failure (set-up's rollback looks for what it may have made).
    let keys = sim.state().await["keys"].as_array().unwrap().len();
    sim.fault(
        json!({"path": sim.path("/Keys.json"), "method": "POST", "status": 500, "after": true}),
    )
    .await;
    let e = api_error(client.create_key("dialtone").await.unwrap_err());
    assert_eq!((e.status, e.attempts), (500, 1));
    assert_eq!(
        sim.state().await["keys"].as_array().unwrap().len(),
        keys + 1
    );
}

#[tokio::test]
async fn retries_give_up_and_say_so() {
    let sim = Sim::start(json!({}));
    let (client, sleep) = client(&sim);
    sim.fault(json!({"path": sim.path(""), "status": 503, "count": 4}))
        .await;
    let e = api_error(client.list_keys().await.unwrap_err());
    assert_eq!((e.status, e.attempts), (503, 4));
    assert_eq!(sleep.waits().len(), 3);
    let words = TwilioError::Api(e).to_string();
    assert!(words.contains("tried 4 times"), "{words}");
    assert!(words.contains("https://status.twilio.com"), "{words}");

    // Twilio asking for a long wait ends the retries at once, and the message says how long.
    let path = format!("/2010-04-01/Accounts/{ACCOUNT_SID}.json");
    sim.fault(json!({"path": path, "status": 429, "retry_after": 120, "count": 1}))
        .await;
    let waits = sleep.waits().len();
    let e = client.fetch_account().await.unwrap_err();
    assert_eq!(e.code(), Some(20429));
    assert!(e.to_string().contains("Twilio asked to wait 120 s"), "{e}");
    assert_eq!(sleep.waits().len(), waits);
}

#[tokio::test]
async fn a_stalled_answer_times_out() {
    let sim = Sim::start(json!({}));
    let sleep = Arc::new(RecordedSleep::default());
    let options = ClientOptions {
        request_timeout: Duration::from_millis(300),
        retry: RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        },
        sleep: sleep.clone(),
        ..ClientOptions::default()
    };
    let client = Client::new(&sim.rest, token(), options.clone()).unwrap();
    sim.fault(json!({"path": sim.path("/Keys.json"), "stall_ms": 30_000, "count": 2}))
        .await;
    let e = client.list_keys().await.unwrap_err();
    assert!(matches!(e, TwilioError::Timeout { .. }), "{e:?}");
    assert!(e.to_string().contains("did not answer GET"), "{e}");
    assert_eq!(
        sleep.waits().len(),
        1,
        "one retry, then the timeout is reported"
    );

    // A server that accepts the connection and never answers at all.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = silent.local_addr().unwrap();
    let hold = tokio::spawn(async move {
        let mut open = vec![];
        while let Ok((s, _)) = silent.accept().await {
            open.push(s);
        }
    });
    let client = Client::new(&format!("http://{addr}"), token(), options).unwrap();
    let e = client.fetch_account().await.unwrap_err();
    assert!(matches!(e, TwilioError::Timeout { .. }), "{e:?}");
    hold.abort();
}

#[tokio::test]
async fn nothing_listening_is_unreachable_and_names_the_switch() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let sleep = Arc::new(RecordedSleep::default());
    let options = ClientOptions {
        sleep: sleep.clone(),
        ..ClientOptions::default()
    };
    let client = Client::new(&format!("http://127.0.0.1:{port}"), token(), options).unwrap();
    let e = client.fetch_account().await.unwrap_err();
    assert!(matches!(e, TwilioError::Unreachable { .. }), "{e:?}");
    assert!(e.to_string().contains("DIALTONE_TWILIO_API_BASE"), "{e}");
    assert_eq!(
        sleep.waits().len(),
        3,
        "a connection never made is safe to retry"
    );
}

#[tokio::test]
async fn keys_apps_and_a_number_round_trip() {
    let tk = "TK".to_string() + &"f".repeat(32);
    let sim = Sim::start(
        json!({"numbers": [{"phone_number": "+15550100000", "trunk_sid": tk,
        "voice_url": "https://old.example/voice", "voice_method": "GET"}]}),
    );
    let (client, _) = client(&sim);

    // A key: created with its secret, usable at once, listed without it, deleted.
    let key = client.create_key("Dialtone on this-machine").await.unwrap();
    let (with_key, _) = client_with(
        &sim,
        Credentials::api_key(ACCOUNT_SID, &key.sid, key.secret.clone()).unwrap(),
        50,
    );
    assert!(!with_key
        .list_incoming_phone_numbers(None)
        .await
        .unwrap()
        .is_empty());
    assert!(client
        .list_keys()
        .await
        .unwrap()
        .iter()
        .any(|k| k.sid == key.sid));
    client.delete_key(&key.sid).await.unwrap();
    assert_eq!(
        with_key
            .list_incoming_phone_numbers(None)
            .await
            .unwrap_err()
            .code(),
        Some(20003)
    );

    // An app, and the number bound to it, then put back as it was.
    let app = client
        .create_application(&AppParams {
            friendly_name: Some("Dialtone".into()),
            voice_url: Some("https://abc123.ngrok.app/handle_calls".into()),
            voice_method: Some("POST".into()),
            ..AppParams::default()
        })
        .await
        .unwrap();
    let app = client
        .update_application(
            &app.sid,
            &AppParams {
                voice_url: Some("https://def456.ngrok.app/handle_calls".into()),
                ..AppParams::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        client
            .fetch_application(&app.sid)
            .await
            .unwrap()
            .voice_url
            .as_deref(),
        Some("https://def456.ngrok.app/handle_calls")
    );
    let number = client
        .list_incoming_phone_numbers(Some("+15550100000"))
        .await
        .unwrap()
        .remove(0);
    let recorded = number.voice.clone();
    let bound = client
        .update_incoming_phone_number(
            &number.sid,
            &NumberUpdate {
                voice_application_sid: Some(app.sid.clone()),
                ..NumberUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        bound.voice.voice_application_sid.as_deref(),
        Some(app.sid.as_str())
    );
    assert_eq!(
        bound.voice.trunk_sid, None,
        "binding an app clears the trunk"
    );
    let restored = client
        .update_incoming_phone_number(&number.sid, &recorded.restore())
        .await
        .unwrap();
    assert_eq!(restored.voice, recorded);
    assert_eq!(
        client
            .fetch_incoming_phone_number(&number.sid)
            .await
            .unwrap()
            .voice,
        recorded
    );
    client.delete_application(&app.sid).await.unwrap();
    assert_eq!(
        client.fetch_application(&app.sid).await.unwrap_err().code(),
        Some(20404)
    );

    // What the simulator saw: the fields we sent, no secrets.
    let updates: Vec<Value> = sim
        .rest_requests()
        .await
        .into_iter()
        .filter(|r| {
            r["method"] == "POST"
                && r["path"] == sim.path(&format!("/IncomingPhoneNumbers/{}.json", number.sid))
        })
        .map(|r| r["form"].clone())
        .collect();
    assert_eq!(updates[0], json!([["VoiceApplicationSid", app.sid]]));
    assert_eq!(
        updates[1],
        json!([
            ["VoiceUrl", "https://old.example/voice"],
            ["VoiceMethod", "GET"],
            ["VoiceFallbackUrl", ""],
            ["VoiceFallbackMethod", "POST"],
            ["VoiceApplicationSid", ""],
            ["TrunkSid", tk],
            ["StatusCallback", ""],
            ["StatusCallbackMethod", "POST"]
        ])
    );
}

#[tokio::test]
async fn caller_ids_calls_and_recordings() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let day = 86_400;
    let call = "CA".to_string() + &"1".repeat(32);
    let sim = Sim::start(json!({
        "caller_ids": [{"phone_number": "+15557654321"}],
        "calls": [
            {"sid": call, "from": "+15559876543", "to": NUMBER, "start_time": now - 3 * day, "duration": 7},
            {"from": "+15559876544", "to": NUMBER, "start_time": now - 5 * day},
            {"from": "client:dialtone_15551234567", "to": "+15557654321", "start_time": now - 4 * day},
        ],
        "recordings": [{"call_sid": call, "duration": 2}],
    }));
    let (client, _) = client_with(&sim, key(), 2);
    let ids = client.list_outgoing_caller_ids().await.unwrap();
    assert_eq!(ids[0].phone_number, "+15557654321");

    assert_eq!(
        client
            .list_calls(&CallFilter::default())
            .await
            .unwrap()
            .len(),
        3
    );
    let to_us = client
        .list_calls(&CallFilter {
            to: Some(NUMBER.into()),
            ..CallFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(to_us.len(), 2);
    let day_of = |t: i64| {
        let d = t.div_euclid(day);
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = d + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let dd = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!("{y:04}-{m:02}-{dd:02}")
    };
    let window = client
        .list_calls(&CallFilter {
            started_on_or_after: Some(day_of(now - 4 * day)),
            started_on_or_before: Some(day_of(now - 3 * day)),
            ..CallFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(window.len(), 2, "{window:?}");
    assert_eq!(window[0].sid, call, "newest first");

    let recs = client.list_recordings(Some(&call)).await.unwrap();
    assert_eq!(recs.len(), 1);
    let rec = client.fetch_recording(&recs[0].sid).await.unwrap();
    assert_eq!(rec.duration.as_deref(), Some("2"));
    let wav = client
        .fetch_recording_media(&rec.sid, MediaFormat::Wav)
        .await
        .unwrap();
    assert!(wav.content_type.starts_with("audio/"));
    assert_eq!(&wav.bytes[..4], b"RIFF");
    assert_eq!(wav.bytes.len(), 44 + 2 * 8000 * 2);
    let mp3 = client
        .fetch_recording_media(&rec.sid, MediaFormat::Mp3)
        .await
        .unwrap();
    assert_eq!(mp3.content_type, "audio/mpeg");
    client.delete_recording(&rec.sid).await.unwrap();
    assert_eq!(
        client.fetch_recording(&rec.sid).await.unwrap_err().code(),
        Some(20404)
    );
}

#[tokio::test]
async fn secrets_stay_out_of_errors_debug_and_the_logs() {
    let sim = Sim::start(json!({}));
    let (client, _) = client(&sim);
    let key = client.create_key("dialtone").await.unwrap();
    let secret = key.secret.expose().to_owned();
    let shown = [
        format!("{client:?}"),
        format!("{key:?}"),
        format!("{:?}", token()),
        format!("{:?}", client.fetch_account().await.unwrap()),
    ];
    let wrong = Credentials::auth_token(ACCOUNT_SID, Secret::new("f".repeat(32))).unwrap();
    let (wrong, _) = client_with(&sim, wrong, 50);
    let refused = wrong.fetch_account().await.unwrap_err();
    let errors = [format!("{refused}"), format!("{refused:?}")];
    for text in shown.iter().chain(&errors) {
        for s in [AUTH_TOKEN, &secret, &"f".repeat(32)] {
            assert!(!text.contains(s), "a secret in {text}");
        }
    }
    let log = serde_json::to_string(&sim.rest_requests().await).unwrap();
    assert!(!log.contains(AUTH_TOKEN) && !log.contains(&secret));
}

#[tokio::test]
async fn a_next_page_on_another_host_is_not_followed() {
    // A stand-in that answers every request with one page pointing at another host.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let serve = tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut s, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf).await;
            let body = r#"{"keys": [], "next_page_uri": "https://elsewhere.example/2010-04-01/Accounts/x/Keys.json?Page=1"}"#;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(format!("{head}{body}").as_bytes()).await;
        }
    });
    let client = Client::new(&format!("http://{addr}"), token(), ClientOptions::default()).unwrap();
    let e = client.list_keys().await.unwrap_err();
    assert!(
        e.to_string()
            .contains("leads to another host (elsewhere.example)"),
        "{e}"
    );
    serve.abort();
}

#[test]
fn plain_http_is_refused_beyond_this_machine() {
    let e = Client::new("http://api.example.com", token(), ClientOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .contains("plain http is only allowed to this machine"),
        "{e}"
    );
    assert!(Client::new("https://api.twilio.com", token(), ClientOptions::default()).is_ok());
    let e = Client::new(
        "https://user:pw@api.twilio.com",
        token(),
        ClientOptions::default(),
    )
    .unwrap_err();
    assert!(!e.to_string().contains("pw"), "{e}");
}
