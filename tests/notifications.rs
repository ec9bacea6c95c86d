//! Call notifications against a real notification server: dunst 1.9 on the private test bus
//! (`scripts/test-session.sh`) under Xvfb, printing every notification it receives
//! (`dunst -print`), with a scripted menu standing in for the user's click (`dunstctl
//! context` pipes the actions to the `dmenu` program of its config, which picks one).
//!
//! What this checks, through the real D-Bus protocol and the real server:
//! - a ringing call shows a critical, `call.incoming`, never-expiring notification with the
//!   caller's contact name and number and Answer / Decline buttons;
//! - clicking Answer (or Decline) sends that command to the phone;
//! - the notification closes when the call stops ringing (the caller gave up, or it was
//!   answered elsewhere);
//! - a missed call and a new voicemail in the journal show one notification each, and a click
//!   opens the app at that call.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dialtone::journal::{
    CallRoute, ContactDraft, ContactNumber, DialOutcome, Direction as JournalDirection, Journal,
    RecordingReport, RoutedCall,
};
use dialtone::notifications::dbus::NotificationServer;
use dialtone::notifications::follow::{self, Sources};
use dialtone::notifications::OpenAt;
use dialtone::phone_control::{PhoneCommand, PhoneControl};
use dialtone::phone_status::{
    CallState, Direction, PhoneCall, PhoneFeed, PhoneStatus, Registration, Reporter,
};

/// A bound on every wait: generous for a busy 2-core machine; a pass never waits this long.
const WAIT: Duration = Duration::from_secs(30);

struct Dunst {
    child: Child,
    /// Everything `dunst -print` wrote so far.
    printed: Arc<Mutex<String>>,
    /// The action key the scripted menu picks next.
    pick: std::path::PathBuf,
}

impl Drop for Dunst {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Dunst {
    fn start(dir: &Path) -> Self {
        let pick = dir.join("pick");
        let menu = dir.join("pick.sh");
        std::fs::write(
            &menu,
            format!(
                "#!/bin/sh\n# dunst pipes one line per action, e.g. '#Answer (Incoming call) [2,answer]'.\ngrep -m1 \",$(cat '{}')]\"\n",
                pick.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&menu, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        let config = dir.join("dunstrc");
        std::fs::write(
            &config,
            format!("[global]\n    dmenu = {}\n", menu.display()),
        )
        .unwrap();
        let mut child = Command::new("dunst")
            .args(["-config", config.to_str().unwrap(), "-print"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst runs (the dunst package; scripts/test.sh installs it)");
        let printed = Arc::new(Mutex::new(String::new()));
        let out = child.stdout.take().unwrap();
        let sink = printed.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let dunst = Self {
            child,
            printed,
            pick,
        };
        until("dunst owns org.freedesktop.Notifications", || {
            dunstctl(&["count", "displayed"]).is_some()
        });
        dunst
    }

    /// The printed records, one string each (`{` … `}`).
    fn records(&self) -> Vec<String> {
        let all = self.printed.lock().unwrap().clone();
        all.split("\n}\n")
            .filter(|r| r.contains("summary:"))
            .map(str::to_owned)
            .collect()
    }

    fn record_with(&self, summary: &str) -> Option<String> {
        self.records()
            .into_iter()
            .find(|r| r.contains(&format!("summary: '{summary}'")))
    }

    /// Clicks the button `key` of the newest notification through dunst's context menu.
    fn click(&self, key: &str) {
        std::fs::write(&self.pick, key).unwrap();
        dunstctl(&["context"]).expect("dunstctl context");
    }

    fn displayed(&self) -> usize {
        dunstctl(&["count", "displayed"])
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(usize::MAX)
    }
}

fn dunstctl(args: &[&str]) -> Option<String> {
    let out = Command::new("dunstctl").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn ringing(number: &str, sid: &str, state: CallState) -> PhoneStatus {
    PhoneStatus {
        last_call: None,
        registration: Registration::Registered,
        error: None,
        call: Some(PhoneCall {
            direction: Direction::Incoming,
            number: number.into(),
            state,
            since: None,
            call_sid: Some(sid.into()),
        }),
    }
}

fn idle() -> PhoneStatus {
    PhoneStatus {
        last_call: None,
        registration: Registration::Registered,
        error: None,
        call: None,
    }
}

#[test]
fn a_call_rings_answers_and_is_missed_through_a_real_notification_server() {
    assert!(
        common::test_session_bus().is_some() && std::env::var_os("DISPLAY").is_some(),
        "this test starts dunst on the private test bus under a display: run it as `scripts/test-session.sh xvfb-run -a cargo test --test notifications` (scripts/test.sh does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let dunst = Dunst::start(dir.path());

    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    journal
        .add_contact(
            ContactDraft {
                name: "Ada Lovelace".into(),
                numbers: vec![ContactNumber {
                    number: "+15557654321".into(),
                    label: None,
                }],
            },
            None,
        )
        .unwrap();
    let phone = PhoneFeed::default();
    let control = PhoneControl::default();
    let mut commands = control.subscribe();
    let (opened_tx, opened) = std::sync::mpsc::channel::<OpenAt>();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sources = Sources {
        phone: phone.clone(),
        control: control.clone(),
        journal: journal.clone(),
        look_every: Duration::from_millis(100),
        language: std::sync::Arc::new(|| dialtone::i18n::Language::En),
    };
    runtime.spawn(async move {
        let server = NotificationServer::connect().await.unwrap();
        follow::run(server, sources, move |at| {
            let _ = opened_tx.send(at);
        })
        .await;
    });

    // 1. A call rings: the notification, as dunst received it.
    phone.report(
        Reporter::CallingWindow,
        ringing("+15557654321", "CA01", CallState::Ringing),
    );
    until("dunst shows the incoming call", || {
        dunst.record_with("Incoming call").is_some()
    });
    let record = dunst.record_with("Incoming call").unwrap();
    for expected in [
        "appname: 'Dialtone'",
        "body: 'Ada Lovelace (+15557654321)'",
        "category: call.incoming",
        "urgency: CRITICAL",
        "timeout: 0",
        "\"answer\": \"Answer\"",
        "\"decline\": \"Decline\"",
    ] {
        assert!(record.contains(expected), "{expected} in {record}");
    }

    // 2. Answer clicked in the notification: the phone is told to answer.
    dunst.click("answer");
    let command = runtime
        .block_on(async { tokio::time::timeout(WAIT, commands.recv()).await })
        .expect("a command within the wait")
        .unwrap();
    assert_eq!(command, PhoneCommand::Answer);
    phone.report(
        Reporter::CallingWindow,
        ringing("+15557654321", "CA01", CallState::Open),
    );
    until("the notification is gone once the call is answered", || {
        dunst.displayed() == 0
    });
    phone.report(Reporter::CallingWindow, idle());

    // 3. Another call, Decline clicked.
    phone.report(
        Reporter::CallingWindow,
        ringing("+15550001111", "CA02", CallState::Ringing),
    );
    until("dunst shows the second call", || {
        dunst.records().len() == 2 && dunst.displayed() == 1
    });
    dunst.click("decline");
    let command = runtime
        .block_on(async { tokio::time::timeout(WAIT, commands.recv()).await })
        .expect("a command within the wait")
        .unwrap();
    assert_eq!(command, PhoneCommand::Decline);
    phone.report(Reporter::CallingWindow, idle());

    // 4. A third call, and the caller gives up: Dialtone closes the notification itself (no
    //    click; dunst would keep a never-expiring notification forever).
    phone.report(
        Reporter::CallingWindow,
        ringing("+15550002222", "CA03", CallState::Ringing),
    );
    until("dunst shows the third call", || {
        dunst.records().len() == 3 && dunst.displayed() == 1
    });
    phone.report(Reporter::CallingWindow, idle());
    until("the notification closes when the caller gives up", || {
        dunst.displayed() == 0
    });

    // 5. The webhook journals that third call as missed: one notification, which opens the app
    //    at that call when clicked.
    let call = RoutedCall {
        call_sid: "CA_parent_03".into(),
        direction: JournalDirection::Inbound,
        number: "+15557654321".into(),
        started_at: dialtone::journal::now_ms(),
        route: CallRoute::Ring,
        caller_name: None,
    };
    journal
        .record_outcome(
            call.clone(),
            DialOutcome {
                dial_status: "no-answer".into(),
                dial_call_sid: Some("CA03".into()),
                duration_secs: Some(0),
                at: dialtone::journal::now_ms(),
            },
        )
        .wait()
        .unwrap();
    until("dunst shows the missed call", || {
        dunst.record_with("Missed call").is_some()
    });
    let record = dunst.record_with("Missed call").unwrap();
    assert!(
        record.contains("category: call.unanswered")
            && record.contains("urgency: NORMAL")
            && record.contains("Ada Lovelace (+15557654321)"),
        "{record}"
    );
    dunst.click("default");
    let at = opened.recv_timeout(WAIT).expect("the app is opened");
    assert_eq!(
        at,
        OpenAt::Call {
            call_sid: "CA_parent_03".into()
        }
    );

    // 6. The caller left a message: one voicemail notification.
    journal
        .record_recording(RecordingReport {
            recording_sid: "RE0123456789abcdef0123456789abcdef".into(),
            call_sid: "CA_parent_03".into(),
            duration_secs: 9,
            status: "completed".into(),
            at: dialtone::journal::now_ms(),
        })
        .wait()
        .unwrap();
    until("dunst shows the voicemail", || {
        dunst.record_with("New voicemail").is_some()
    });
    std::thread::sleep(Duration::from_millis(500));
    let summaries: Vec<_> = dunst
        .records()
        .iter()
        .filter_map(|r| {
            r.lines()
                .find(|l| l.contains("summary:"))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        summaries.len(),
        5,
        "three calls, one missed call, one voicemail, each once: {summaries:?}"
    );
}
