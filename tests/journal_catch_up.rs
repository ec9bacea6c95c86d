//! The journal's catch-up against the simulator's Calls API: calls to and from our number that
//! happened while Dialtone was not running are journaled at the next start (a missed call shows
//! as missed), a call whose `<Dial action>` never arrived gets Twilio's outcome, and running it
//! again changes nothing.

mod common;
mod twilio_sim;

use std::sync::Arc;

use dialtone::backend::Backend;
use dialtone::journal::{CallRoute, CallStatus, Direction, HistoryFilter, Journal, RoutedCall};
use dialtone::settings::{Environment, MemoryKeychain, SettingsFile, Store};
use serde_json::json;
use twilio_sim::*;

const IDENTITY: &str = "dialtone_15551234567";

fn sid(prefix: &str, n: u32) -> String {
    format!("{prefix}{n:032x}")
}

fn now_s() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn backend(base: &str, journal: Journal, dir: &std::path::Path) -> Arc<Backend> {
    let env = [
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
        ("TWILIO_API_KEY_SID", API_KEY_SID),
        ("TWILIO_API_KEY_SECRET", API_KEY_SECRET),
        ("TWIML_APP_SID", APP_SID),
        ("TWILIO_NUMBER", NUMBER),
    ];
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.join("settings.json")),
    );
    Arc::new(
        Backend::new(store, Environment::from_vars(env))
            .with_journal(journal, Some(dir), None)
            .with_twilio_rest_base(base),
    )
}

#[tokio::test]
async fn calls_missed_while_away_are_journaled_at_the_next_start() {
    let now = now_s();
    let known_at = now - 7200;
    let sim = Sim::start(json!({"calls": [
        // Known to the journal, but the app stopped before its <Dial action>: answered here.
        {"sid": sid("CA", 1), "from": "+15557654321", "to": NUMBER, "start_time": known_at, "duration": 50},
        {"sid": sid("CA", 11), "parent_call_sid": sid("CA", 1), "from": "+15557654321", "to": format!("client:{IDENTITY}"),
         "direction": "outbound-dial", "start_time": known_at, "duration": 42},
        // While away: nobody was offered it (Twilio could not reach the webhook).
        {"sid": sid("CA", 2), "from": "+15557654322", "to": NUMBER, "start_time": now - 3600, "caller_name": "ANA LOPEZ"},
        // Placed from another device with our number as caller ID; busy.
        {"sid": sid("CA", 33), "parent_call_sid": sid("CA", 3), "from": NUMBER, "to": "+442079460958",
         "direction": "outbound-dial", "status": "busy", "start_time": now - 1800},
        // Not ours, and one older than the newest known call: neither is journaled.
        {"sid": sid("CA", 4), "from": "+15557654324", "to": "+15550000000", "start_time": now - 600},
        {"sid": sid("CA", 5), "from": "+15557654325", "to": NUMBER, "start_time": known_at - 86_400},
    ]}));
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    journal
        .record_routed(RoutedCall {
            call_sid: sid("CA", 1),
            direction: Direction::Inbound,
            number: "+15557654321".into(),
            started_at: known_at * 1000,
            route: CallRoute::Ring,
            caller_name: None,
        })
        .await
        .unwrap();
    let backend = backend(&sim.rest, journal, dir.path());

    let report = backend.catch_up_journal().await.unwrap();
    assert_eq!((report.added, report.completed), (2, 1), "{report:?}");
    let history = backend.history(HistoryFilter::default()).unwrap();
    let shown: Vec<_> = history
        .iter()
        .map(|e| {
            (
                e.call_sid.clone(),
                e.direction,
                e.number.as_str(),
                e.status,
                e.duration_secs,
                e.name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                sid("CA", 3),
                Direction::Outbound,
                "+442079460958",
                CallStatus::Busy,
                0,
                None
            ),
            (
                sid("CA", 2),
                Direction::Inbound,
                "+15557654322",
                CallStatus::Missed,
                0,
                Some("ANA LOPEZ")
            ),
            (
                sid("CA", 1),
                Direction::Inbound,
                "+15557654321",
                CallStatus::Answered,
                42,
                None
            ),
        ]
    );
    let missed = backend
        .history(HistoryFilter {
            missed_only: true,
            limit: None,
        })
        .unwrap();
    assert_eq!(missed.len(), 1);

    // The three lists, each from the newest known call less ten minutes, with the API key.
    let lists: Vec<_> = sim
        .rest_requests()
        .await
        .into_iter()
        .filter(|r| r["path"] == sim.path("/Calls.json"))
        .collect();
    assert_eq!(lists.len(), 3, "{lists:?}");
    let since = chrono_like(known_at - 600);
    for r in &lists {
        let raw = r["query"].as_str().unwrap();
        let query: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
            .into_owned()
            .collect();
        assert!(
            query.contains(&("StartTime>".to_owned(), since.clone())),
            "{query:?} lacks StartTime> {since}"
        );
        assert_eq!(r["auth"], format!("key {API_KEY_SID}"));
    }

    // Again: nothing new, nothing changed.
    let again = backend.catch_up_journal().await.unwrap();
    assert_eq!((again.added, again.completed), (0, 0));
    assert_eq!(backend.history(HistoryFilter::default()).unwrap(), history);
}

/// `YYYY-MM-DDThh:mm:ssZ`, the form twilio-python sends a `start_time_after` in.
fn chrono_like(unix_s: i64) -> String {
    let days = unix_s.div_euclid(86_400);
    let secs = unix_s.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[tokio::test]
async fn twilio_unreachable_leaves_the_journal_as_it_was_and_says_why() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    let backend = backend(&base, journal, dir.path());
    let err = backend.catch_up_journal().await.unwrap_err();
    assert!(
        err.message.contains("could not catch up")
            && err.message.contains("could not reach Twilio"),
        "{}",
        err.message
    );
    assert!(backend
        .history(HistoryFilter::default())
        .unwrap()
        .is_empty());
}

/// `dialtone serve`, headless, catches up too: a call missed while nothing listened is in
/// `dialtone history --json` once it has started.
#[test]
fn dialtone_serve_catches_up_at_start() {
    use std::io::BufRead as _;
    let sim = Sim::start(json!({"calls": [
        {"sid": sid("CA", 7), "from": "+15557654327", "to": NUMBER, "start_time": now_s() - 600},
    ]}));
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
        ("TWILIO_API_KEY_SID", API_KEY_SID),
        ("TWILIO_API_KEY_SECRET", API_KEY_SECRET),
        ("TWIML_APP_SID", APP_SID),
        ("TWILIO_NUMBER", NUMBER),
        (
            "DIALTONE_PUBLIC_URL",
            "https://abc123.ngrok.app/handle_calls",
        ),
        ("DIALTONE_TWILIO_API_BASE", sim.rest.as_str()),
    ];
    let mut serve = common::dialtone(dir.path())
        .envs(env)
        .args(["serve", "--port", "0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines = std::io::BufReader::new(serve.stderr.take().unwrap()).lines();
    let mut seen = Vec::new();
    for line in lines {
        let line = line.unwrap();
        let done = line.contains("call history caught up with Twilio: 1 calls added");
        seen.push(line);
        if done
            || seen
                .last()
                .is_some_and(|l| l.contains("could not catch up"))
        {
            break;
        }
    }
    serve.kill().unwrap();
    serve.wait().unwrap();
    assert!(
        seen.iter().any(|l| l.contains("1 calls added")),
        "{seen:#?}"
    );
    let output = common::dialtone(dir.path())
        .envs(env)
        .args(["history", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let history: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(history[0]["call_sid"], sid("CA", 7), "{history:#}");
    assert_eq!(history[0]["status"], "missed", "{history:#}");
}

#[tokio::test]
async fn a_catch_up_after_clearing_recents_does_not_bring_the_calls_back() {
    let now = now_s();
    let sim = Sim::start(json!({"calls": [
        // Both at Twilio, both journaled before the clear.
        {"sid": sid("CA", 1), "from": "+15557654321", "to": NUMBER, "start_time": now - 7200},
        {"sid": sid("CA", 22), "parent_call_sid": sid("CA", 2), "from": NUMBER, "to": "+442079460958",
         "direction": "outbound-dial", "start_time": now - 3600, "duration": 30},
    ]}));
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    let backend = backend(&sim.rest, journal.clone(), dir.path());
    let first = backend.catch_up_journal().await.unwrap();
    assert_eq!(first.added, 2, "{first:?}");

    let clearing = backend.clone();
    let cleared = tokio::task::spawn_blocking(move || clearing.clear_history())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cleared.cleared, 2);
    assert!(backend
        .history(HistoryFilter::default())
        .unwrap()
        .is_empty());

    // The next start catches up: Twilio still lists both calls, the journal keeps them away.
    let again = backend.catch_up_journal().await.unwrap();
    assert_eq!((again.added, again.completed), (0, 0), "{again:?}");
    assert!(backend
        .history(HistoryFilter::default())
        .unwrap()
        .is_empty());
    // Nor does a late <Dial action> of a call that was ringing during the clear.
    journal
        .record_outcome(
            RoutedCall {
                call_sid: sid("CA", 1),
                direction: Direction::Inbound,
                number: "+15557654321".into(),
                started_at: (now - 7200) * 1000,
                route: CallRoute::Ring,
                caller_name: None,
            },
            dialtone::journal::DialOutcome {
                dial_status: "no-answer".into(),
                dial_call_sid: None,
                duration_secs: Some(0),
                at: now * 1000,
            },
        )
        .await
        .unwrap();
    assert!(backend
        .history(HistoryFilter::default())
        .unwrap()
        .is_empty());

    // A call after the clear is journaled as ever.
    journal
        .record_routed(RoutedCall {
            call_sid: sid("CA", 3),
            direction: Direction::Inbound,
            number: "+15557654323".into(),
            started_at: (now_s() + 1) * 1000,
            route: CallRoute::Ring,
            caller_name: None,
        })
        .await
        .unwrap();
    let history = backend.history(HistoryFilter::default()).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|e| e.call_sid.clone())
            .collect::<Vec<_>>(),
        [sid("CA", 3)]
    );
}
