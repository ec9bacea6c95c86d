//! The webhook listener over HTTP: what Twilio gets, what forgers get, what garbage gets.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use common::*;
use dialtone::settings::{Environment, WebhookSettings};
use dialtone::signature;
use dialtone::webhook::{self, Activity, Context, ServeError};
use tower::ServiceExt as _;

fn app_with(settings: WebhookSettings, check: bool) -> (Router, Activity) {
    let activity = Activity::default();
    let state = Context::new(settings, check, activity.clone());
    (webhook::router(Arc::new(state)), activity)
}

fn app() -> Router {
    app_with(webhook_settings(), true).0
}

/// The voice webhook's request, signed as Twilio signs it.
fn signed(form: &[(String, String)]) -> Request<Body> {
    signed_request("/handle_calls", form)
}

/// The voice webhook's request with `sig`, or none.
fn post(body: impl Into<Body>, sig: Option<&str>) -> Request<Body> {
    form_request("/handle_calls", body, sig)
}

#[tokio::test]
async fn an_outbound_call_is_dialed_with_our_caller_id() {
    let (app, activity) = app_with(webhook_settings(), true);
    let response = app
        .oneshot(signed(&outbound_form(UK_NUMBER)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/xml");
    assert_eq!(
        body_text(response).await,
        r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="dial_status" answerOnBridge="true" callerId="+15551234567" timeLimit="14400"><Number>+442079460958</Number></Dial></Response>"#
    );
    let last = activity.last().unwrap();
    assert_eq!(
        (last.status, last.outcome.as_str()),
        (200, "outbound call to +442079460958")
    );
}

/// The caller ID chosen in set-up (a verified one) is what outgoing calls show; incoming calls
/// still match the number itself.
#[tokio::test]
async fn an_outbound_call_shows_the_chosen_caller_id() {
    let settings = WebhookSettings {
        outgoing_caller_id: Some(dialtone::phone_number::E164::parse("+15550009999").unwrap()),
        ..webhook_settings()
    };
    let (app, _) = app_with(settings, true);
    let xml = body_text(
        app.clone()
            .oneshot(signed(&outbound_form("+442079460958")))
            .await
            .unwrap(),
    )
    .await;
    assert!(
        xml.contains(r#"callerId="+15550009999""#)
            && xml.contains("<Number>+442079460958</Number>"),
        "{xml}"
    );
    let xml = body_text(
        app.oneshot(signed(&inbound_form("+447700900123")))
            .await
            .unwrap(),
    )
    .await;
    assert!(
        xml.contains(&format!("<Client>{IDENTITY}</Client>")),
        "{xml}"
    );
}

#[tokio::test]
async fn an_incoming_call_rings_our_client() {
    let response = app()
        .oneshot(signed(&inbound_form("+447700900123")))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let xml = body_text(response).await;
    assert!(xml.contains(r#"callerId="+447700900123""#), "{xml}");
    assert!(
        xml.contains(&format!("<Client>{IDENTITY}</Client>")),
        "{xml}"
    );
}

#[tokio::test]
async fn forged_and_unsigned_requests_get_403_and_nothing_is_dialed() {
    let (app, activity) = app_with(webhook_settings(), true);
    let form = outbound_form(UK_NUMBER);
    let unsigned = app
        .clone()
        .oneshot(post(encode_form(&form), None))
        .await
        .unwrap();
    assert_eq!(unsigned.status(), StatusCode::FORBIDDEN);
    assert!(!body_text(unsigned).await.contains("Dial"));
    assert_eq!(
        activity.last().unwrap().outcome,
        "refused (403): forbidden: no X-Twilio-Signature"
    );

    let good = signature::compute(AUTH_TOKEN, PUBLIC_URL, &form);
    let mut tampered = form.clone();
    tampered.last_mut().unwrap().1 = "+442079460999".into();
    let forged = app
        .clone()
        .oneshot(post(encode_form(&tampered), Some(&good)))
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    let wrong_key = signature::compute("ffffffffffffffffffffffffffffffff", PUBLIC_URL, &form);
    let response = app
        .clone()
        .oneshot(post(encode_form(&form), Some(&wrong_key)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let other_url = signature::compute(AUTH_TOKEN, "https://evil.example/handle_calls", &form);
    let response = app
        .oneshot(post(encode_form(&form), Some(&other_url)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn xml_in_the_destination_injects_nothing() {
    let response = app()
        .oneshot(signed(&outbound_form("</Number><Number>+19005550100")))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let xml = body_text(response).await;
    assert!(!xml.contains("<Number>") && !xml.contains("<Dial"), "{xml}");
    assert!(xml.ends_with("<Hangup /></Response>"));
}

#[tokio::test]
async fn disallowed_countries_and_strangers_are_refused() {
    let refused = body_text(
        app()
            .oneshot(signed(&outbound_form("+882345678901")))
            .await
            .unwrap(),
    )
    .await;
    assert!(
        refused.contains("country code 882") && !refused.contains("<Dial"),
        "{refused}"
    );

    let mut stranger = outbound_form("+447700900123");
    for (k, v) in &mut stranger {
        if k == "From" || k == "Caller" {
            *v = "client:mallory".into();
        }
    }
    let rejected = body_text(app().oneshot(signed(&stranger)).await.unwrap()).await;
    assert!(
        rejected.ends_with("<Response><Reject /></Response>"),
        "{rejected}"
    );
}

#[tokio::test]
async fn toll_fraud_ranges_in_allowed_countries_are_refused_and_say_how_to_allow_them() {
    for (to, kind) in [
        ("+12129761234", "premium-rate number (the 976 exchange)"),
        ("+19005550100", "premium-rate number"),
        ("+447012345678", "personal number"),
        ("+449012345678", "premium-rate number"),
        ("+448712345678", "premium-rate number"),
    ] {
        let (app, activity) = app_with(webhook_settings(), true);
        let xml = body_text(app.oneshot(signed(&outbound_form(to))).await.unwrap()).await;
        assert!(!xml.contains("<Dial"), "{to}: {xml}");
        assert!(xml.ends_with("<Hangup /></Response>"), "{to}: {xml}");
        let outcome = activity.last().unwrap().outcome;
        assert!(
            outcome.starts_with("outbound call refused: ")
                && outcome.contains(&format!("{to} is a {kind}"))
                && outcome.contains(&format!("add {to} to Allowed numbers")),
            "{outcome}"
        );
    }
    let jamaica = body_text(
        app()
            .oneshot(signed(&outbound_form("+18765550123")))
            .await
            .unwrap(),
    )
    .await;
    assert!(!jamaica.contains("<Dial"), "{jamaica}");
}

#[tokio::test]
async fn an_allowed_number_is_dialed_and_every_call_has_the_time_limit() {
    let settings = WebhookSettings {
        allowed_numbers: vec![dialtone::phone_number::E164::parse("+447012345678").unwrap()],
        max_call_seconds: 600,
        ..webhook_settings()
    };
    let (app, _) = app_with(settings, true);
    let xml = body_text(
        app.clone()
            .oneshot(signed(&outbound_form("+447012345678")))
            .await
            .unwrap(),
    )
    .await;
    assert!(
        xml.contains(r#"timeLimit="600"><Number>+447012345678</Number>"#),
        "{xml}"
    );
    let inbound = body_text(app.oneshot(signed(&inbound_form(UK_NUMBER))).await.unwrap()).await;
    assert!(inbound.contains(r#"timeLimit="600""#), "{inbound}");
}

#[tokio::test]
async fn malformed_bodies_get_400_and_wrong_types_415() {
    let bad_escape = "AccountSid=%zz";
    let sig = signature::compute(AUTH_TOKEN, PUBLIC_URL, &[]);
    let response = app().oneshot(post(bad_escape, Some(&sig))).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app()
        .oneshot(post(&b"To=\xff\xfe"[..], Some(&sig)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let json = Request::post("/handle_calls")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(
        app().oneshot(json).await.unwrap().status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let none = Request::post("/handle_calls")
        .body(Body::from("a=b"))
        .unwrap();
    assert_eq!(
        app().oneshot(none).await.unwrap().status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
}

#[tokio::test]
async fn bodies_over_64_kib_are_refused() {
    let big = format!("To={}", "1".repeat(webhook::BODY_LIMIT_BYTES));
    let response = app().oneshot(post(big, Some("x"))).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn other_routes_and_methods() {
    let health = app()
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(body_text(health).await, "ok\n");
    let get = app()
        .oneshot(Request::get("/handle_calls").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED);
    for path in [
        "/",
        "/token",
        "/api/token",
        "/launch",
        "/api/events",
        "/index.html",
        "/handle_calls/x",
    ] {
        let response = app()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn without_a_public_url_the_signed_url_is_rebuilt_from_headers() {
    let settings = WebhookSettings {
        public_base: None,
        ..webhook_settings()
    };
    let (app, activity) = app_with(settings, true);
    let form = inbound_form("+15557654321");
    let sig = signature::compute(AUTH_TOKEN, "https://tunnel.example/handle_calls?x=1", &form);
    let request = |proto: &str| {
        Request::post("/handle_calls?x=1")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "tunnel.example")
            .header("x-forwarded-proto", proto)
            .header("x-twilio-signature", &sig)
            .body(Body::from(encode_form(&form)))
            .unwrap()
    };
    assert_eq!(
        app.clone()
            .oneshot(request("https"))
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.clone().oneshot(request("http")).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // What a stranger puts in Host never reaches what the settings panel shows.
    let forged = Request::post("/handle_calls")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "<script>evil.example</script>")
        .header("x-twilio-signature", &sig)
        .body(Body::from(encode_form(&form)))
        .unwrap();
    assert_eq!(
        app.oneshot(forged).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let last = activity.last().unwrap().outcome;
    assert!(!last.contains("evil"), "{last}");
}

#[tokio::test]
async fn with_checks_off_unsigned_requests_are_answered() {
    let settings = WebhookSettings {
        auth_token: None,
        ..webhook_settings()
    };
    let (app, _) = app_with(settings, false);
    let response = app
        .oneshot(post(encode_form(&inbound_form("+15557654321")), None))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// Random bytes, random headers, truncated real forms: never a 5xx, never a panic, and never
/// a `<Dial>` without a valid signature.
#[tokio::test]
async fn garbage_never_dials_or_crashes() {
    let app = app();
    let real = encode_form(&outbound_form(UK_NUMBER));
    let mut rng = Rng::new(7);
    for i in 0..2000 {
        let body: Vec<u8> = match i % 4 {
            0 => {
                let len = rng.below(300);
                rng.bytes(len)
            }
            1 => real.as_bytes()[..rng.below(real.len())].to_vec(),
            2 => {
                let mut b = real.clone().into_bytes();
                let at = rng.below(b.len());
                b[at] = rng.next() as u8;
                b
            }
            _ => format!("{}={}&%{}", rng.next(), rng.next(), rng.below(99)).into_bytes(),
        };
        let sig_len = rng.below(40);
        let sig = String::from_utf8_lossy(&rng.bytes(sig_len)).into_owned();
        let mut request = Request::post("/handle_calls");
        if i % 5 != 0 {
            request = request.header("content-type", "application/x-www-form-urlencoded");
        }
        if let Ok(value) = axum::http::HeaderValue::from_str(&sig) {
            request = request.header("x-twilio-signature", value);
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        assert!(!response.status().is_server_error(), "case {i}");
        assert!(!body_text(response).await.contains("<Dial"), "case {i}");
    }
}

#[tokio::test]
async fn a_port_in_use_is_named_with_the_fix() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = webhook::bind(port).await.unwrap_err();
    assert!(matches!(err, ServeError::PortInUse { port: p } if p == port));
    let message = err.to_string();
    assert!(
        message.contains(&port.to_string()) && message.contains("--port"),
        "{message}"
    );
}

#[tokio::test]
async fn the_listener_binds_loopback_only_and_shuts_down_gracefully() {
    let listener = webhook::bind(0).await.unwrap();
    let address = listener.local_addr().unwrap();
    assert!(address.ip().is_loopback());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(webhook::serve(listener, app(), async {
        let _ = stopped.await;
    }));
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert!(
        tokio::net::TcpStream::connect(address).await.is_err(),
        "still listening after shutdown"
    );
}

/// Every Twilio route is signed over the public base plus its own path: a request signed for
/// one route is refused on another, whatever the body says.
#[tokio::test]
async fn a_signature_for_one_route_is_refused_on_another() {
    use dialtone::webhook::twilio_request::{TwilioForm, TwilioRoutes};
    async fn echo(form: TwilioForm) -> String {
        form.first("CallSid").unwrap_or("").to_owned()
    }
    let base = PUBLIC_URL.trim_end_matches("/handle_calls");
    let context = Arc::new(Context::new(webhook_settings(), true, Activity::default()));
    let app = TwilioRoutes::new(context)
        .post("/handle_calls", webhook::voice::handle_calls)
        .post("/dial_status", echo)
        .into_router();
    let form = inbound_form("+15557654321");
    let send = |path: &'static str, signed_for: String| {
        let sig = signature::compute(AUTH_TOKEN, &signed_for, &form);
        let request = form_request(path, encode_form(&form), Some(&sig));
        let app = app.clone();
        async move { app.oneshot(request).await.unwrap().status() }
    };
    assert_eq!(
        send("/dial_status", format!("{base}/dial_status")).await,
        StatusCode::OK
    );
    assert_eq!(
        send("/handle_calls", format!("{base}/handle_calls")).await,
        StatusCode::OK
    );
    assert_eq!(
        send("/dial_status", format!("{base}/handle_calls")).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send("/handle_calls", format!("{base}/dial_status")).await,
        StatusCode::FORBIDDEN
    );
}

/// The form only comes from the signature check: a Twilio handler mounted outside
/// `TwilioRoutes` refuses everything instead of answering unverified requests.
#[tokio::test]
async fn a_twilio_handler_outside_the_check_refuses() {
    let context = Arc::new(Context::new(webhook_settings(), true, Activity::default()));
    let app = Router::new()
        .route(
            "/handle_calls",
            axum::routing::post(webhook::voice::handle_calls),
        )
        .with_state(context);
    let response = app
        .oneshot(signed(&outbound_form("+447700900123")))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(!body_text(response).await.contains("<Dial"));
}

/// The user may paste the voice URL or the bare base: both sign the same way.
#[tokio::test]
async fn the_public_url_may_be_the_bare_base() {
    let base = PUBLIC_URL.trim_end_matches("/handle_calls");
    for configured in [PUBLIC_URL, base] {
        let settings = dialtone::settings::Settings::resolve(
            &Environment::from_vars(credential_env().into_iter().map(|(k, v)| {
                (
                    k,
                    if k == "DIALTONE_PUBLIC_URL" {
                        configured
                    } else {
                        v
                    },
                )
            })),
            &Default::default(),
        )
        .webhook_settings(true)
        .unwrap();
        assert_eq!(settings.public_base.as_deref(), Some(base), "{configured}");
        let (app, _) = app_with(settings, true);
        let response = app
            .oneshot(signed(&inbound_form("+15557654321")))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{configured}");
    }
}
