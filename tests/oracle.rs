//! Our tokens, signatures and TwiML against twilio-python's (tests/oracle/oracle.py).

mod common;

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use axum::http::StatusCode;
use common::*;
use dialtone::phone_number::E164;
use dialtone::settings::TokenSettings;
use dialtone::webhook::routing::{self, Refusal, Route};
use dialtone::webhook::{self, Context};
use dialtone::{signature, token};
use serde_json::{json, Value};
use tower::ServiceExt as _;

#[test]
fn tokens_decode_to_the_same_header_and_claims_as_twilio_python() {
    let mut cases = Vec::new();
    for (identity, ttl, now) in [
        (IDENTITY, 3600, 1_700_000_000u64),
        ("alice", 60, 1_800_000_123),
        (&*"x_9".repeat(40), 86_400, 2_000_000_000),
    ] {
        let settings = TokenSettings {
            identity: identity.to_owned(),
            ..token_settings()
        };
        let ours = token::mint(&settings, UNIX_EPOCH + Duration::from_secs(now), ttl).unwrap();
        cases.push(json!({
            "op": "token", "account_sid": ACCOUNT_SID, "api_key_sid": API_KEY_SID,
            "secret": API_KEY_SECRET, "identity": identity, "app_sid": APP_SID,
            "ttl": ttl, "now": now, "ours": ours.token,
        }));
    }
    for (case, answer) in cases.iter().zip(ask_oracle(&cases)) {
        assert!(
            answer.get("ours_error").is_none(),
            "PyJWT refused our token: {answer}"
        );
        assert_eq!(
            answer["ours"]["header"], answer["theirs"]["header"],
            "{case}"
        );
        assert_eq!(
            answer["ours"]["claims"], answer["theirs"]["claims"],
            "{case}"
        );
        assert_eq!(answer["ours"]["header"]["cty"], "twilio-fpa;v=1");
        assert_eq!(
            answer["ours"]["claims"]["grants"]["identity"],
            case["identity"]
        );
    }
}

#[test]
fn a_token_signed_with_another_secret_is_refused_by_pyjwt() {
    let settings = TokenSettings {
        api_key_secret: dialtone::secret::Secret::new("not-the-secret"),
        ..token_settings()
    };
    let ours = token::mint(
        &settings,
        UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        3600,
    )
    .unwrap();
    let answer = &ask_oracle(&[json!({
        "op": "token", "account_sid": ACCOUNT_SID, "api_key_sid": API_KEY_SID,
        "secret": API_KEY_SECRET, "identity": IDENTITY, "app_sid": APP_SID,
        "ttl": 3600, "now": 1_700_000_000u64, "ours": ours.token,
    })])[0];
    assert!(
        answer["ours_error"].as_str().unwrap().contains("Signature"),
        "{answer}"
    );
}

/// Values that have broken signature code elsewhere: unicode, `+`, `&`, `=`, `%`, spaces,
/// empty strings, and names that sort differently by case.
const VALUES: &[&str] = &[
    "",
    "+15557654321",
    "client:alice",
    "José Núñez",
    "東京",
    "emoji 📞",
    "a&b=c",
    "100%",
    " lead",
    "trail ",
    "x+y",
    "line\nbreak",
    "quote\"s",
    "<Number>",
    "ringing",
];
const NAMES: &[&str] = &[
    "To", "From", "Caller", "CallSid", "Digits", "phone", "a", "Z", "To", "ñame",
];
const URLS: &[&str] = &[
    "https://abc123.ngrok.app/handle_calls",
    "https://abc123.ngrok.app:443/handle_calls",
    "https://abc123.ngrok.app:8443/handle_calls",
    "http://abc123.ngrok.app/handle_calls",
    "http://abc123.ngrok.app:80/handle_calls",
    "https://abc123.ngrok.app/handle_calls?token=x%20y&a=1",
    "https://abc123.ngrok.app/handle_calls?b=2&a=%27q%27",
];

fn generated_params(rng: &mut Rng) -> Vec<(String, String)> {
    (0..rng.below(8))
        .map(|_| {
            (
                (*rng.pick(NAMES)).to_owned(),
                (*rng.pick(VALUES)).to_owned(),
            )
        })
        .collect()
}

#[test]
fn signatures_and_decisions_match_twilio_python() {
    let mut rng = Rng::new(0x5eed);
    let mut signing = Vec::new();
    for _ in 0..300 {
        signing.push(json!({
            "op": "sign", "auth_token": AUTH_TOKEN, "url": rng.pick(URLS),
            "params": generated_params(&mut rng),
        }));
    }
    let signatures = ask_oracle(&signing);

    let mut checks = Vec::new();
    for (case, theirs) in signing.iter().zip(&signatures) {
        let url = case["url"].as_str().unwrap();
        let params: Vec<(String, String)> = serde_json::from_value(case["params"].clone()).unwrap();
        assert_eq!(
            signature::compute(AUTH_TOKEN, url, &params),
            theirs.as_str().unwrap(),
            "{case}"
        );
        // Then the same signature checked against other URLs, other params and other tokens:
        // where twilio-python accepts, we accept, and where it refuses, we refuse.
        let mut tampered = params.clone();
        match tampered.first_mut() {
            Some(first) => first.1.push('1'),
            None => tampered.push(("To".into(), String::new())),
        }
        for (check_url, check_params, token) in [
            (url, &params, AUTH_TOKEN),
            (*rng.pick(URLS), &params, AUTH_TOKEN),
            (url, &tampered, AUTH_TOKEN),
            (url, &params, "ffffffffffffffffffffffffffffffff"),
        ] {
            checks.push(json!({
                "op": "validate", "auth_token": token, "url": check_url,
                "params": check_params, "signature": theirs,
            }));
        }
    }
    let verdicts = ask_oracle(&checks);
    let mut accepted = 0;
    for (check, verdict) in checks.iter().zip(verdicts) {
        let params: Vec<(String, String)> =
            serde_json::from_value(check["params"].clone()).unwrap();
        let ours = signature::validate(
            check["auth_token"].as_str().unwrap(),
            check["url"].as_str().unwrap(),
            &params,
            check["signature"].as_str().unwrap(),
        );
        assert_eq!(ours, verdict.as_bool().unwrap(), "{check}");
        accepted += usize::from(ours);
    }
    // Both outcomes must be exercised, or the comparison proves nothing.
    assert!(
        accepted > 300 && accepted < checks.len() - 300,
        "accepted {accepted} of {}",
        checks.len()
    );
}

/// Twilio-python signs; our HTTP listener decides. A valid signature gets TwiML, any change
/// to the request gets 403.
#[tokio::test]
async fn the_listener_accepts_exactly_what_twilio_python_signs() {
    let state = Arc::new(Context::new(webhook_settings(), true, Default::default()));
    let app = webhook::router(state);
    let mut rng = Rng::new(42);
    let mut forms = Vec::new();
    for i in 0..60 {
        let mut form = if i % 2 == 0 {
            outbound_form(UK_NUMBER)
        } else {
            inbound_form("+15557654321")
        };
        form.extend(generated_params(&mut rng));
        let query = *rng.pick(&["", "?a=1", "?x=%20y&b=2"]);
        forms.push((form, query));
    }
    let requests: Vec<Value> = forms
        .iter()
        .map(|(form, query)| json!({"op": "sign", "auth_token": AUTH_TOKEN, "url": format!("{PUBLIC_URL}{query}"), "params": form}))
        .collect();
    let signatures = ask_oracle(&requests);
    for ((form, query), sig) in forms.iter().zip(signatures) {
        let sig = sig.as_str().unwrap();
        let send = |body: String, query: &str, sig: &str| {
            form_request(&format!("/handle_calls{query}"), body, Some(sig))
        };
        let ok = app
            .clone()
            .oneshot(send(encode_form(form), query, sig))
            .await
            .unwrap();
        assert_eq!(ok.status(), StatusCode::OK, "{form:?} {query}");
        let other_query = if query.is_empty() { "?a=1" } else { "" };
        let moved = app
            .clone()
            .oneshot(send(encode_form(form), other_query, sig))
            .await
            .unwrap();
        assert_eq!(moved.status(), StatusCode::FORBIDDEN);
        let mut changed = form.clone();
        changed.push(("To".into(), "+19005550100".into()));
        let tampered = app
            .clone()
            .oneshot(send(encode_form(&changed), query, sig))
            .await
            .unwrap();
        assert_eq!(tampered.status(), StatusCode::FORBIDDEN);
    }
}

#[test]
fn twiml_parses_to_the_same_tree_as_twilio_python() {
    let settings = webhook_settings();
    let cases: Vec<(Route, Value)> = vec![
        (
            Route::Outbound {
                to: E164::parse(UK_NUMBER).unwrap(),
            },
            json!({"case": "outbound", "caller_id": NUMBER, "to": UK_NUMBER, "time_limit": MAX_CALL_SECONDS, "action": "dial_status"}),
        ),
        (
            Route::Inbound {
                caller_id: Some(E164::parse("+15557654321").unwrap()),
            },
            json!({"case": "inbound", "caller_id": "+15557654321", "identity": IDENTITY, "timeout": 25, "time_limit": MAX_CALL_SECONDS, "action": "dial_status"}),
        ),
        (
            Route::Inbound { caller_id: None },
            json!({"case": "inbound", "identity": IDENTITY, "timeout": 25, "time_limit": MAX_CALL_SECONDS, "action": "dial_status"}),
        ),
        (
            Route::Rejected { reason: "test" },
            json!({"case": "reject"}),
        ),
        (
            Route::EchoTest,
            json!({"case": "verbs", "verbs": [["echo", null, {}]]}),
        ),
    ];
    let mut requests = Vec::new();
    for (route, case) in &cases {
        let mut request = case.clone();
        request["op"] = json!("twiml");
        request["ours"] = json!(routing::twiml(route, &settings, 25));
        requests.push(request);
    }
    // The refusals: their spoken text comes from our route, so send it along.
    for reason in [
        Refusal::NotANumber,
        Refusal::CountryNotAllowed { code: 882 },
        Refusal::TollFraudRisk {
            number: E164::parse("+447012345678").unwrap(),
            risk: dialtone::webhook::routing::Risk::PersonalNumber,
        },
    ] {
        let ours = routing::twiml(&Route::OutboundRefused { reason }, &settings, 25);
        let text = ours
            .split("<Say>")
            .nth(1)
            .unwrap()
            .split("</Say>")
            .next()
            .unwrap()
            .to_owned();
        requests.push(json!({"op": "twiml", "case": "refused", "text": text, "ours": ours}));
    }
    for (request, answer) in requests.iter().zip(ask_oracle(&requests)) {
        assert_eq!(answer["same_tree"], true, "{request} vs {answer}");
        assert_eq!(answer["theirs"], request["ours"], "byte-for-byte too");
    }
}
