//! "Test my set-up"'s reserved destination through the real webhook router: only our own app,
//! on our own account, with a good signature, gets `<Echo />`; everyone else is refused as any
//! other call of theirs would be, nothing is ever dialled, and the test stays out of Recents.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::Router;
use common::*;
use dialtone::journal::greeting::Greeting;
use dialtone::journal::{HistoryFilter, Journal};
use dialtone::signature;
use dialtone::webhook::routing::echo_test::ECHO_TEST_DESTINATION;
use dialtone::webhook::{self, Activity, Context};

const ECHO: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Response><Echo /></Response>"#;
const REJECT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Response><Reject /></Response>"#;

struct Listener {
    router: Router,
    activity: Activity,
    journal: Journal,
    _dir: tempfile::TempDir,
}

fn listener() -> Listener {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    assert!(journal.is_available(), "{:?}", journal.status());
    let activity = Activity::default();
    let context = Context::new(webhook_settings(), true, activity.clone())
        .with_journal(journal.clone(), Greeting::new(Some(dir.path().to_owned())));
    Listener {
        router: webhook::router(Arc::new(context)),
        activity,
        journal,
        _dir: dir,
    }
}

impl Listener {
    async fn post(&self, form: &[(String, String)], sig: Option<&str>) -> (StatusCode, String) {
        let request = form_request("/handle_calls", encode_form(form), sig);
        answer(&self.router, request).await
    }

    async fn signed(&self, form: &[(String, String)]) -> (StatusCode, String) {
        answer(&self.router, signed_request("/handle_calls", form)).await
    }

    fn calls_journaled(&self) -> usize {
        self.journal
            .history(HistoryFilter {
                missed_only: false,
                limit: None,
            })
            .unwrap()
            .len()
    }
}

/// `form` with every value of `name` replaced.
fn with(mut form: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    for (k, v) in &mut form {
        if k == name {
            *v = value.to_owned();
        }
    }
    form
}

#[tokio::test]
async fn our_app_gets_an_echo_and_the_test_is_not_journaled() {
    let phone = listener();
    let (status, xml) = phone.signed(&outbound_form(ECHO_TEST_DESTINATION)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(xml, ECHO);
    let last = phone.activity.last().unwrap();
    assert_eq!(
        (last.status, last.outcome.as_str()),
        (200, "set-up test call: echo")
    );
    assert_eq!(phone.calls_journaled(), 0, "a set-up test is not a call");
}

#[tokio::test]
async fn another_identity_or_account_is_rejected() {
    let phone = listener();
    for stranger in ["client:mallory", "client:dialtone_15551234567x", "client:"] {
        let form = with(
            with(outbound_form(ECHO_TEST_DESTINATION), "From", stranger),
            "Caller",
            stranger,
        );
        let (status, xml) = phone.signed(&form).await;
        assert_eq!(
            (status, xml.as_str()),
            (StatusCode::OK, REJECT),
            "{stranger}"
        );
    }
    let other_account = with(
        outbound_form(ECHO_TEST_DESTINATION),
        "AccountSid",
        "AC9999999999abcdef0123456789abcdef",
    );
    let (status, xml) = phone.signed(&other_account).await;
    assert_eq!((status, xml.as_str()), (StatusCode::OK, REJECT));
}

/// Someone outside (a PSTN caller, whatever they put in `To`) never reaches the echo: Twilio
/// only ever sends our own number as `To` for them, and anything else is not ours.
#[tokio::test]
async fn an_outside_caller_cannot_reach_it() {
    let phone = listener();
    let from_outside = with(
        with(inbound_form("+447700900123"), "To", ECHO_TEST_DESTINATION),
        "Called",
        ECHO_TEST_DESTINATION,
    );
    let (status, xml) = phone.signed(&from_outside).await;
    assert_eq!((status, xml.as_str()), (StatusCode::OK, REJECT));
    // Our number rings our app as ever, never an echo.
    let (_, xml) = phone.signed(&inbound_form("+447700900123")).await;
    assert!(xml.contains("<Client>") && !xml.contains("<Echo"), "{xml}");
}

#[tokio::test]
async fn a_forged_or_unsigned_request_gets_403() {
    let phone = listener();
    let form = outbound_form(ECHO_TEST_DESTINATION);
    let (status, xml) = phone.post(&form, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!xml.contains("Echo"), "{xml}");
    let wrong_key = signature::compute("ffffffffffffffffffffffffffffffff", PUBLIC_URL, &form);
    let (status, xml) = phone.post(&form, Some(&wrong_key)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!xml.contains("Echo"), "{xml}");
    // Signed for a number, replayed with the test destination in its place.
    let good_for_a_number = twilio_signature("/handle_calls", &outbound_form(UK_NUMBER));
    let (status, _) = phone.post(&form, Some(&good_for_a_number)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Near misses are numbers (or not) like any other destination: refused aloud, never dialled,
/// never an echo.
#[tokio::test]
async fn near_misses_are_ordinary_destinations() {
    let phone = listener();
    for near in [
        "dialtone:echo-test ",
        "DIALTONE:ECHO-TEST",
        "dialtone:echo",
        "dialtone:echo-test,+19005550100",
        "sip:echo-test@example.com",
    ] {
        let (status, xml) = phone.signed(&outbound_form(near)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !xml.contains("<Echo") && !xml.contains("<Dial") && xml.contains("<Say>"),
            "{near:?}: {xml}"
        );
    }
}
