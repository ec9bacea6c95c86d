//! `dialtone doctor`: one check per thing that can stop the phone from working, each with
//! the fix.

use std::process::ExitCode;

use crate::app::Options;
use crate::settings::{field, Field, Settings, Source, Store};
use crate::setup::{wiring, RecordFile, SetupEnv};
use crate::{loader, token};

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Ok,
    Warn,
    Fail,
}

struct Report {
    failures: usize,
}

impl Report {
    fn line(&mut self, verdict: Verdict, what: &str, detail: &str) {
        let mark = match verdict {
            Verdict::Ok => "ok  ",
            Verdict::Warn => "warn",
            Verdict::Fail => {
                self.failures += 1;
                "FAIL"
            }
        };
        println!("[{mark}] {what}: {detail}");
    }
}

pub fn run(options: &Options) -> ExitCode {
    let mut report = Report { failures: 0 };
    let store = match options.store() {
        Ok(store) => store,
        Err(e) => {
            report.line(Verdict::Fail, "settings", &e.to_string());
            return ExitCode::FAILURE;
        }
    };

    match store.keychain.get(Field::AccountSid) {
        Ok(_) => report.line(Verdict::Ok, "keychain", &store.keychain.describe()),
        Err(e) => report.line(Verdict::Fail, "keychain", &e.to_string()),
    }

    let loaded = match options
        .environment_with_dotenv()
        .map_err(|e| e.to_string())
        .and_then(|env| loader::resolve(&store, &env).map_err(|e| e.to_string()))
    {
        Ok(loaded) => loaded,
        Err(e) => {
            report.line(Verdict::Fail, "settings", &e);
            return ExitCode::FAILURE;
        }
    };
    let settings = &loaded.settings;
    for entry in settings.iter() {
        let source = match entry.source {
            Source::Environment => "from the environment",
            Source::Dotenv => "from ./.env",
            Source::Keychain => "from the keychain",
            Source::SettingsFile => "from the settings file",
            Source::Default => "default",
            Source::Unset => "not set",
        };
        let what = entry.field.label();
        match (&entry.problem, entry.is_set()) {
            (Some(problem), _) => report.line(Verdict::Fail, what, &problem.to_string()),
            (None, true) => report.line(Verdict::Ok, what, source),
            (None, false) if entry.field == Field::PublicUrl => report.line(
                Verdict::Warn,
                what,
                "not set: signatures are checked against a URL rebuilt from request headers; set it to the https URL your tunnel gives",
            ),
            (None, false) if entry.field == Field::AuthToken => report.line(
                Verdict::Fail,
                what,
                "not set: without it webhooks cannot be verified, so the webhook listener will not start. Copy it from Twilio Console > Account Info",
            ),
            (None, false) => report.line(
                Verdict::Fail,
                what,
                &format!("not set: {} (or {})", entry.field.expected_shape(), entry.field.env_var()),
            ),
        }
    }

    if let Ok(port) = settings.port() {
        match std::net::TcpListener::bind(("127.0.0.1", port)) {
            Ok(_) => report.line(Verdict::Ok, "port", &format!("127.0.0.1:{port} is free")),
            Err(e) => report.line(
                Verdict::Fail,
                "port",
                &format!("127.0.0.1:{port} cannot be used ({e}); if Dialtone is already running that is expected, otherwise pick another port"),
            ),
        }
    }

    let journal = options.journal().status();
    match (journal.available, &journal.problem) {
        (true, None) => report.line(
            Verdict::Ok,
            "call history",
            journal.path.as_deref().unwrap_or(""),
        ),
        (true, Some(notice)) => report.line(Verdict::Warn, "call history", notice),
        (false, why) => report.line(
            Verdict::Fail,
            "call history",
            &format!(
                "unavailable: {} (calls still work; they are not recorded)",
                why.as_deref().unwrap_or("unknown reason")
            ),
        ),
    }

    match settings.token_settings() {
        Ok(token_settings) => {
            match token::mint(
                &token_settings,
                std::time::SystemTime::now(),
                token::DEFAULT_TTL_SECS,
            ) {
                Ok(_) => report.line(
                    Verdict::Ok,
                    "access token",
                    "minted locally (Twilio checks it when the phone registers)",
                ),
                Err(e) => report.line(Verdict::Fail, "access token", &e.to_string()),
            }
        }
        Err(e) => report.line(Verdict::Fail, "access token", &loaded.explain(e)),
    }

    remote_checks(options, &store, settings, &mut report);

    if report.failures == 0 {
        println!("\nAll checks passed.");
        ExitCode::SUCCESS
    } else {
        println!("\n{} check(s) failed.", report.failures);
        ExitCode::FAILURE
    }
}

/// The public URL in effect (configured, else a tunnel running now), then the wiring in the
/// Twilio account: the key authenticates, the TwiML App calls that URL, the number is bound.
fn remote_checks(options: &Options, store: &Store, settings: &Settings, report: &mut Report) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            report.line(
                Verdict::Fail,
                "Twilio",
                &format!("could not start the checks: {e}"),
            );
            return;
        }
    };
    runtime.block_on(async {
        let port = settings.port().ok();
        let entry = settings.get(Field::PublicUrl);
        let configured = entry
            .display_value()
            .filter(|_| entry.problem.is_none())
            .and_then(field::public_base);
        let public_base = match (configured, port) {
            (Some(base), _) => Some(base),
            (None, Some(port)) => {
                let found = options.tunnel_discovery().find(port).await;
                for note in &found.notes {
                    report.line(Verdict::Warn, "tunnel", note);
                }
                match found.tunnel {
                    Some(tunnel) => {
                        report.line(
                            Verdict::Ok,
                            "tunnel",
                            &format!("{} forwards {} to port {port}; Dialtone follows it", tunnel.agent, tunnel.public_base),
                        );
                        Some(tunnel.public_base)
                    }
                    None => {
                        report.line(
                            Verdict::Warn,
                            "tunnel",
                            &format!("none found forwarding to port {port} (ngrok's API at {}, cloudflared's metrics on 20241-20245)", crate::tunnel::DEFAULT_NGROK_API),
                        );
                        None
                    }
                }
            }
            (None, None) => None,
        };
        let api = options.twilio_api();
        let record = RecordFile::beside(store.file.path());
        let env = SetupEnv {
            api: &api,
            store,
            record: &record,
            machine: &options.machine_name,
        };
        let wiring = wiring::check(&env, settings, public_base.as_deref(), port).await;
        for check in &wiring.checks {
            if check.ok {
                report.line(Verdict::Ok, "Twilio", &check.summary);
            } else {
                let fix = check.fix.as_deref().unwrap_or("");
                report.line(Verdict::Fail, "Twilio", &format!("{}. {fix}", check.summary));
            }
        }
    });
}
