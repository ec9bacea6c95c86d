//! What the journal promises about its file: a write that was acknowledged survives `kill -9`
//! at any moment (a child process writes and acknowledges, and is killed at random points), the
//! file stays intact, and a file from an older schema is migrated with its rows kept.

mod common;

use std::io::BufRead as _;
use std::process::{Command, Stdio};

use common::Rng;
use dialtone::journal::schema::{current_version, MIGRATIONS};
use dialtone::journal::{CallRoute, Direction, HistoryFilter, Journal, RoutedCall};

const CHILD_ENV: &str = "DIALTONE_TEST_JOURNAL_CHILD";

fn call(n: u64) -> RoutedCall {
    RoutedCall {
        call_sid: format!("CA{n:032x}"),
        direction: Direction::Inbound,
        number: "+15557654321".into(),
        started_at: 1_714_564_800_000 + i64::try_from(n).unwrap(),
        route: CallRoute::Ring,
        caller_name: None,
    }
}

/// The child: writes calls from several tasks at once (so batches form) and prints each one's
/// number once its write is acknowledged. Runs only when the parent starts it.
#[test]
#[ignore = "run by acknowledged_writes_survive_kill_9 as a child process"]
fn journal_writer_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (path, start) = spec.split_once('|').unwrap();
    let start: u64 = start.parse().unwrap();
    let journal = Journal::open(std::path::Path::new(path));
    assert!(journal.is_available());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let (tx, mut acks) = tokio::sync::mpsc::unbounded_channel::<u64>();
        for task in 0..8u64 {
            let journal = journal.clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                for i in 0.. {
                    let n = start + i * 8 + task;
                    journal.record_routed(call(n)).await.unwrap();
                    let _ = tx.send(n);
                }
            });
        }
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        while let Some(n) = acks.recv().await {
            writeln!(out, "{n}").unwrap();
            out.flush().unwrap();
        }
    });
}

#[test]
fn acknowledged_writes_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calls.sqlite3");
    let mut rng = Rng::new(0x5eed_f00d);
    let mut acknowledged: Vec<u64> = Vec::new();
    for round in 0..8u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "journal_writer_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(
                CHILD_ENV,
                format!("{}|{}", path.display(), round * 1_000_000),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill after a random number of acknowledgements: somewhere inside a batch, between
        // batches, or while a commit is in flight. No clock involved.
        let kill_after = 1 + rng.below(400);
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let mut seen = 0;
        while seen < kill_after {
            let Some(Ok(line)) = lines.next() else { break };
            if let Ok(n) = line.trim().parse::<u64>() {
                acknowledged.push(n);
                seen += 1;
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        assert_eq!(seen, kill_after, "round {round}: the child stopped early");
    }

    let conn = rusqlite::Connection::open(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut statement = conn.prepare("SELECT call_sid FROM calls").unwrap();
    let stored: std::collections::HashSet<String> = statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let lost: Vec<&u64> = acknowledged
        .iter()
        .filter(|n| !stored.contains(&call(**n).call_sid))
        .collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged rows lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
    assert!(stored.len() >= acknowledged.len());
    // And the journal itself opens it and reads every row.
    let journal = Journal::open(&path);
    assert!(journal.status().problem.is_none());
    assert_eq!(
        journal.history(HistoryFilter::default()).unwrap().len(),
        stored.len()
    );
}

#[test]
fn a_file_from_the_first_schema_is_migrated_with_its_calls() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calls.sqlite3");
    {
        // What Dialtone with only the first migration wrote.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO calls (call_sid, direction, number, started_at, route, dial_status, duration_secs)
             VALUES ('CA0000000000000000000000000000000a', 'inbound', '+447700900123', 1714564800000, 'ring', 'completed', 61),
                    ('CA0000000000000000000000000000000b', 'outbound', '+15557654321', 1714564900000, 'dial', 'busy', 0)",
            [],
        )
        .unwrap();
    }
    let journal = Journal::open(&path);
    assert!(journal.is_available(), "{:?}", journal.status());
    let history = serde_json::to_value(journal.history(HistoryFilter::default()).unwrap()).unwrap();
    assert_eq!(
        history,
        serde_json::json!([
            {"call_sid": "CA0000000000000000000000000000000b", "direction": "outbound", "number": "+15557654321", "name": null, "started_at": "2024-05-01T12:01:40Z", "status": "busy", "duration_secs": 0, "voicemail": null, "quality": null},
            {"call_sid": "CA0000000000000000000000000000000a", "direction": "inbound", "number": "+447700900123", "name": null, "started_at": "2024-05-01T12:00:00Z", "status": "answered", "duration_secs": 61, "voicemail": null, "quality": null}
        ])
    );
    drop(journal);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, current_version());
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('phone_legs', 'voicemails', 'contacts', 'contact_numbers')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 4);
}

#[test]
fn a_file_from_schema_2_gains_clearing_and_quality_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calls.sqlite3");
    let (call, leg) = (
        "CA0000000000000000000000000000000a",
        "CA0000000000000000000000000000000b",
    );
    {
        // What the Dialtone before issue 15 wrote: schema 2, a call answered here, a message.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(MIGRATIONS[1]).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute(
            "INSERT INTO calls (call_sid, direction, number, started_at, route, caller_name, dial_status, dial_call_sid, duration_secs)
             VALUES (?1, 'inbound', '+447700900123', 1714564800000, 'ring', 'ANA LOPEZ', 'completed', ?2, 61)",
            [call, leg],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO phone_legs (leg_sid, direction, number, seen_at, answered_at, ended_at)
             VALUES (?1, 'inbound', '+447700900123', 1714564800000, 1714564805000, 1714564866000)",
            [leg],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO voicemails (recording_sid, call_sid, duration_secs, status, received_at)
             VALUES ('RE0000000000000000000000000000000a', ?1, 9, 'completed', 1714564870000)",
            [call],
        )
        .unwrap();
    }
    let journal = Journal::open(&path);
    assert!(journal.is_available(), "{:?}", journal.status());
    let history = serde_json::to_value(journal.history(HistoryFilter::default()).unwrap()).unwrap();
    assert_eq!(
        history,
        serde_json::json!([
            {"call_sid": call, "direction": "inbound", "number": "+447700900123", "name": "ANA LOPEZ", "started_at": "2024-05-01T12:00:00Z", "status": "answered", "duration_secs": 61,
             "voicemail": {"recording_sid": "RE0000000000000000000000000000000a", "duration_secs": 9, "heard": false}, "quality": null}
        ])
    );
    // The new columns work on the migrated file: the old leg takes a quality, a clear keeps the message's caller.
    journal
        .record_quality(dialtone::journal::LegQuality {
            leg_sid: leg.into(),
            quality: dialtone::journal::CallQuality {
                codec: Some("pcmu".into()),
                average_mos: Some(4.36),
                worst_warning: None,
            },
            at: 1_714_564_960_000,
        })
        .wait()
        .unwrap();
    let quality =
        serde_json::to_value(&journal.history(HistoryFilter::default()).unwrap()[0].quality)
            .unwrap();
    assert_eq!(
        quality,
        serde_json::json!({"codec": "pcmu", "average_mos": 4.4, "worst_warning": null})
    );
    assert_eq!(journal.clear_history().unwrap().cleared, 1);
    let inbox = journal.voicemails().unwrap();
    assert_eq!(
        (
            inbox.len(),
            inbox[0].number.as_deref(),
            inbox[0].name.as_deref()
        ),
        (1, Some("+447700900123"), Some("ANA LOPEZ"))
    );
    drop(journal);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, current_version());
}
