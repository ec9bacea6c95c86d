//! The hot paths of the core: minting a token, validating a webhook signature, rendering TwiML,
//! and one whole signed webhook through the router.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use criterion::{criterion_group, criterion_main, Criterion};
use dialtone::phone_number::{Country, E164};
use dialtone::secret::Secret;
use dialtone::settings::{TokenSettings, WebhookSettings};
use dialtone::webhook::routing::{self, Route};
use dialtone::{signature, token, webhook};

const TOKEN: &str = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const URL: &str = "https://abc123.ngrok.app/handle_calls";

fn form() -> Vec<(String, String)> {
    [
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("ApiVersion", "2010-04-01"),
        ("ApplicationSid", "AP0123456789abcdef0123456789abcdef"),
        ("CallSid", "CA0123456789abcdef0123456789abcdef"),
        ("CallStatus", "ringing"),
        ("Called", ""),
        ("Caller", "client:alice"),
        ("Direction", "inbound"),
        ("From", "client:alice"),
        ("To", "+12125550123"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

fn webhook_settings() -> WebhookSettings {
    WebhookSettings {
        account_sid: "AC0123456789abcdef0123456789abcdef".into(),
        auth_token: Some(Secret::new(TOKEN)),
        twilio_number: E164::parse("+15551234567").unwrap(),
        identity: "alice".into(),
        public_base: Some(URL.trim_end_matches("/handle_calls").into()),
        allowed_country_codes: vec![Country::parse("1").unwrap()],
        allowed_numbers: vec![],
        max_call_seconds: 14_400,
        outgoing_caller_id: None,
    }
}

fn benches(c: &mut Criterion) {
    let settings = TokenSettings {
        account_sid: "AC0123456789abcdef0123456789abcdef".into(),
        api_key_sid: "SK0123456789abcdef0123456789abcdef".into(),
        api_key_secret: Secret::new("an-api-key-secret"),
        twiml_app_sid: "AP0123456789abcdef0123456789abcdef".into(),
        identity: "alice".into(),
    };
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    c.bench_function("token/mint", |b| {
        b.iter(|| token::mint(black_box(&settings), now, 3600).unwrap())
    });

    let params = form();
    let sig = signature::compute(TOKEN, URL, &params);
    c.bench_function("signature/validate", |b| {
        b.iter(|| {
            assert!(signature::validate(
                TOKEN,
                black_box(URL),
                black_box(&params),
                &sig
            ))
        })
    });

    // What routing adds per outbound webhook: parse, region and type from the metadata.
    c.bench_function("phone_number/classify", |b| {
        b.iter(|| {
            let n = E164::parse(black_box("+447012345678")).unwrap();
            (n.region(), n.kind())
        })
    });
    let settings_for_check = webhook_settings();
    c.bench_function("routing/outbound_check", |b| {
        b.iter(|| {
            routing::route(
                routing::CallFields {
                    account_sid: "AC0123456789abcdef0123456789abcdef",
                    from: "client:alice",
                    to: black_box("+12125550123"),
                },
                &settings_for_check,
            )
        })
    });

    let webhook = webhook_settings();
    let route = Route::Outbound {
        to: E164::parse("+12125550123").unwrap(),
    };
    c.bench_function("twiml/outbound", |b| {
        b.iter(|| routing::twiml(black_box(&route), &webhook, routing::RING_TIMEOUT_SECS))
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let router = webhook::router(Arc::new(webhook::Context::new(
        webhook,
        true,
        Default::default(),
    )));
    let body = {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &params {
            s.append_pair(k, v);
        }
        s.finish()
    };
    c.bench_function("webhook/signed_request", |b| {
        b.iter(|| {
            use tower::ServiceExt as _;
            let request = axum::http::Request::post("/handle_calls")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-twilio-signature", &sig)
                .body(axum::body::Body::from(body.clone()))
                .unwrap();
            let response = runtime.block_on(router.clone().oneshot(request)).unwrap();
            assert_eq!(response.status(), 200);
        })
    });
}

criterion_group!(core, benches);
criterion_main!(core);
