//! The per-call quality summary on its way from the page to the journal: the phone's reports
//! (the same `PhoneStatus` JSON the page posts) through the phone feed, the journal's follower,
//! into the real SQLite file, and out in the history.

use std::time::Duration;

use dialtone::journal::{phone_follower, CallRoute, Direction, HistoryFilter, Journal, RoutedCall};
use dialtone::phone_status::{PhoneFeed, PhoneStatus, Reporter};
use serde_json::json;

const LEG: &str = "CA00000000000000000000000000000c01";

fn report(value: serde_json::Value) -> PhoneStatus {
    let status: PhoneStatus = serde_json::from_value(value).unwrap();
    status.validate().unwrap();
    status
}

#[tokio::test]
async fn the_follower_keeps_the_quality_the_page_reports_at_call_end() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    journal
        .record_routed(RoutedCall {
            call_sid: LEG.into(),
            direction: Direction::Outbound,
            number: "+15557654321".into(),
            started_at: 1_714_564_800_000,
            route: CallRoute::Dial,
            caller_name: None,
        })
        .await
        .unwrap();
    let feed = PhoneFeed::default();
    let follower = tokio::spawn(phone_follower::follow(feed.clone(), journal.clone()));

    let open = json!({"registration": "registered", "error": null,
        "call": {"direction": "outgoing", "number": "+15557654321", "state": "open", "since": 1_714_564_801_000_u64, "callSid": LEG}});
    feed.report(Reporter::CallingWindow, report(open));
    let ended = json!({"registration": "registered", "error": null, "call": null,
        "lastCall": {"callSid": LEG, "quality": {"codec": "opus", "averageMos": 4.12, "worstWarning": "high-jitter"}}});
    feed.report(Reporter::CallingWindow, report(ended));

    // Bounded poll: the follower writes through the journal's writer thread.
    let mut quality = None;
    for _ in 0..200 {
        quality = journal.history(HistoryFilter::default()).unwrap()[0]
            .quality
            .clone();
        if quality.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(
        serde_json::to_value(quality).unwrap(),
        json!({"codec": "opus", "average_mos": 4.1, "worst_warning": "high-jitter"})
    );
    follower.abort();
}

#[test]
fn a_page_cannot_send_a_quality_that_is_not_one() {
    for bad in [
        json!({"codec": "opus", "averageMos": 7.5, "worstWarning": null}),
        json!({"codec": "<script>", "averageMos": 4.0, "worstWarning": null}),
        json!({"codec": "opus", "averageMos": 4.0, "worstWarning": "x".repeat(100)}),
    ] {
        let status: PhoneStatus = serde_json::from_value(
            json!({"registration": "registered", "error": null, "call": null,
            "lastCall": {"callSid": LEG, "quality": bad}}),
        )
        .unwrap();
        assert!(status.validate().is_err(), "{bad}");
    }
    let unknown =
        serde_json::from_value::<PhoneStatus>(json!({"registration": "registered", "call": null,
        "lastCall": {"callSid": LEG, "quality": {"codec": "opus", "jitter": 3}}}));
    assert!(unknown.is_err(), "unknown fields are refused");
}
