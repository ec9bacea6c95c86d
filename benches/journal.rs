//! The journal's hot paths: Recents opening on a journal of 10,000 calls (the query the UI's
//! Recents and `dialtone history` use: all of it, the first screen, missed only), and a write
//! as the webhook makes it (one group commit, fsynced).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dialtone::journal::{
    CallRoute, DialOutcome, Direction, HistoryFilter, Journal, RecordingReport, RoutedCall,
};

const CALLS: u32 = 10_000;

fn filled(dir: &std::path::Path) -> Journal {
    let journal = Journal::open(&dir.join("calls.sqlite3"));
    let mut pending = Vec::new();
    for n in 0..CALLS {
        let call_sid = format!("CA{n:032x}");
        let inbound = n % 3 != 0;
        let call = RoutedCall {
            call_sid: call_sid.clone(),
            direction: if inbound {
                Direction::Inbound
            } else {
                Direction::Outbound
            },
            number: format!("+1555{:07}", n % 500),
            started_at: 1_700_000_000_000 + i64::from(n) * 60_000,
            route: if inbound {
                CallRoute::Ring
            } else {
                CallRoute::Dial
            },
            caller_name: None,
        };
        let status = ["completed", "no-answer", "busy", "completed", "canceled"][n as usize % 5];
        pending.push(journal.record_outcome(
            call,
            DialOutcome {
                dial_status: status.into(),
                dial_call_sid: Some(format!("CA{:032x}", n + 1_000_000)),
                duration_secs: Some(i64::from(n % 300)),
                at: 1_700_000_000_000 + i64::from(n) * 60_000 + 30_000,
            },
        ));
        if inbound && status == "no-answer" {
            pending.push(journal.record_recording(RecordingReport {
                recording_sid: format!("RE{n:032x}"),
                call_sid,
                duration_secs: 9,
                status: "completed".into(),
                at: 1_700_000_000_000 + i64::from(n) * 60_000 + 50_000,
            }));
        }
    }
    for write in pending {
        write.wait().unwrap();
    }
    for n in 0..200u32 {
        journal
            .add_contact(
                dialtone::journal::ContactDraft {
                    name: format!("Contact {n}"),
                    numbers: vec![dialtone::journal::ContactNumber {
                        number: format!("+1555{:07}", n * 2),
                        label: None,
                    }],
                },
                None,
            )
            .unwrap();
    }
    journal
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let journal = filled(dir.path());
    assert_eq!(
        journal.history(HistoryFilter::default()).unwrap().len(),
        CALLS as usize
    );
    c.bench_function("journal/recents_10000_all", |b| {
        b.iter(|| {
            journal
                .history(black_box(HistoryFilter::default()))
                .unwrap()
        })
    });
    c.bench_function("journal/recents_10000_first_100", |b| {
        b.iter(|| {
            journal
                .history(black_box(HistoryFilter {
                    missed_only: false,
                    limit: Some(100),
                }))
                .unwrap()
        })
    });
    c.bench_function("journal/recents_10000_missed", |b| {
        b.iter(|| {
            journal
                .history(black_box(HistoryFilter {
                    missed_only: true,
                    limit: None,
                }))
                .unwrap()
        })
    });
    let mut n = 0u32;
    c.bench_function("journal/one_acknowledged_write", |b| {
        b.iter(|| {
            n += 1;
            journal
                .record_routed(RoutedCall {
                    call_sid: format!("CA{:032x}", 5_000_000 + n),
                    direction: Direction::Inbound,
                    number: "+15550000000".into(),
                    started_at: 1,
                    route: CallRoute::Ring,
                    caller_name: None,
                })
                .wait()
                .unwrap()
        })
    });
}

criterion_group! {
    name = journal;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(journal);
