//! `dialtone setup`, `--undo` and `--repair`, and `dialtone doctor`'s remote checks: the real
//! binary against the simulator's Twilio, answering its questions on standard input. Saving
//! needs a real keychain, so these run in the private test session (`scripts/test-session.sh`),
//! except the one that shows what happens without a keychain.

mod common;
mod twilio_sim;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use common::{dialtone, test_session_bus, ACCOUNT_SID, AUTH_TOKEN, NUMBER};
use serde_json::{json, Value};
use twilio_sim::Sim;

fn require_test_keychain() {
    assert!(
        test_session_bus().is_some(),
        "this test saves to a keychain and must not touch yours: run it as `scripts/test-session.sh cargo test --test cli_setup` (scripts/test.sh does)"
    );
}

/// A port nothing listens on: no real ngrok or cloudflared on this machine is asked.
fn closed_port() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("127.0.0.1:{}", l.local_addr().unwrap().port())
}

fn setup_command(dir: &std::path::Path, sim: &Sim) -> Command {
    let mut command = dialtone(dir);
    command
        .env("DIALTONE_TWILIO_API_BASE", &sim.rest)
        .env("DIALTONE_NGROK_API", format!("http://{}", closed_port()))
        .env("DIALTONE_CLOUDFLARED_METRICS", closed_port());
    command
}

fn run_with_input(mut command: Command, input: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn number<'a>(state: &'a Value, phone_number: &str) -> &'a Value {
    state["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["phone_number"] == phone_number)
        .unwrap()
}

const URL: &str = "https://cli-test.ngrok.app/handle_calls";

#[tokio::test]
async fn setup_asks_before_each_change_then_wires_and_saves() {
    require_test_keychain();
    let sim = Sim::before_setup(NUMBER, json!({}));
    let dir = tempfile::tempdir().unwrap();
    let mut command = setup_command(dir.path(), &sim);
    command.args(["setup", "--account-sid", ACCOUNT_SID, "--public-url", URL]);
    // The Auth Token typed first, then "use the only number?" and a yes for each change.
    let output = run_with_input(command, &format!("{AUTH_TOKEN}\ny\ny\ny\ny\n"));
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    for question in [
        "Auth Token",
        &format!("Use {NUMBER}?"),
        "Create a Standard API key named \"Dialtone",
        "Create a TwiML App named",
        &format!("Send the calls of {NUMBER} to that TwiML App?"),
    ] {
        assert!(stderr.contains(question), "asked: {question}\n{stderr}");
    }
    assert!(
        stdout.contains(&format!("Done: calls to {NUMBER} ring Dialtone")),
        "{stdout}"
    );
    assert!(
        !stdout.contains(AUTH_TOKEN) && !stderr.contains(AUTH_TOKEN),
        "the token is never printed"
    );

    let state = sim.state().await;
    let app = state["applications"].as_array().unwrap().last().unwrap();
    assert_eq!(app["voice_url"], URL);
    assert_eq!(number(&state, NUMBER)["voice_application_sid"], app["sid"]);

    // Saved where the rest of Dialtone reads it: a token can be minted with what set-up saved,
    // and the configured URL typed on the command line is kept.
    let token = setup_command(dir.path(), &sim)
        .args(["token"])
        .output()
        .unwrap();
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
    let shown = setup_command(dir.path(), &sim)
        .args(["config", "show"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout).into_owned();
    assert!(
        shown.contains(URL) && shown.contains(app["sid"].as_str().unwrap()),
        "{shown}"
    );
    let verdict = sim
        .control(
            reqwest::Method::POST,
            "/token-check",
            json!({"token": String::from_utf8_lossy(&token.stdout).trim()}),
        )
        .await;
    assert_eq!(
        verdict["ok"], true,
        "the new key signs tokens Twilio accepts: {verdict}"
    );

    // doctor checks the wiring, and it holds.
    let doctor = setup_command(dir.path(), &sim)
        .args(["doctor"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&doctor.stdout).into_owned();
    for line in [
        "[ok  ] Twilio: the API key",
        "[ok  ] Twilio: the TwiML App",
        &format!("[ok  ] Twilio: Twilio calls {URL}"),
        &format!("[ok  ] Twilio: {NUMBER} sends its calls to the TwiML App"),
    ] {
        assert!(report.contains(line), "{line}\n{report}");
    }

    // The app deleted in the Console: doctor says so and what to do; --repair mends it.
    let app_sid = app["sid"].as_str().unwrap().to_owned();
    let client = dialtone::twilio::Client::new(
        &sim.rest,
        dialtone::twilio::Credentials::auth_token(
            ACCOUNT_SID,
            dialtone::secret::Secret::new(twilio_sim::AUTH_TOKEN),
        )
        .unwrap(),
        Default::default(),
    )
    .unwrap();
    client.delete_application(&app_sid).await.unwrap();
    let doctor = setup_command(dir.path(), &sim)
        .args(["doctor"])
        .output()
        .unwrap();
    assert!(!doctor.status.success());
    let report = String::from_utf8_lossy(&doctor.stdout).into_owned();
    assert!(
        report.contains(&format!(
            "[FAIL] Twilio: the TwiML App {app_sid} no longer exists"
        )) && report.contains("dialtone setup --repair"),
        "{report}"
    );
    let mut repair = setup_command(dir.path(), &sim);
    repair.args(["setup", "--repair"]);
    let output = run_with_input(repair, "y\ny\n");
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let after = stdout
        .split("After repair:")
        .nth(1)
        .expect("the checks again after repair");
    assert!(!after.contains("[FAIL]"), "{stdout}");
    let doctor = setup_command(dir.path(), &sim)
        .args(["doctor"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&doctor.stdout).contains("[ok  ] Twilio: the TwiML App"),
        "{}",
        String::from_utf8_lossy(&doctor.stdout)
    );

    // Undo: the number back as it was, the key and app gone.
    let mut undo = setup_command(dir.path(), &sim);
    undo.args(["setup", "--undo", "--yes"]);
    let output = run_with_input(undo, "");
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let state = sim.state().await;
    assert_eq!(number(&state, NUMBER)["voice_application_sid"], "");
    assert_eq!(
        state["applications"].as_array().unwrap().len(),
        0,
        "{state}"
    );
    assert_eq!(
        state["keys"].as_array().unwrap().len(),
        1,
        "only the user's own key is left"
    );
}

#[tokio::test]
async fn a_no_stops_set_up_and_takes_back_what_was_made() {
    require_test_keychain();
    let sim = Sim::before_setup(NUMBER, json!({}));
    let before = sim.state().await;
    let dir = tempfile::tempdir().unwrap();
    let mut command = setup_command(dir.path(), &sim);
    command
        .env("TWILIO_AUTH_TOKEN", twilio_sim::AUTH_TOKEN)
        .args([
            "setup",
            "--account-sid",
            ACCOUNT_SID,
            "--number",
            NUMBER,
            "--public-url",
            URL,
        ]);
    // Yes to the key, no to the app.
    let output = run_with_input(command, "y\nn\n");
    let (stdout, stderr) = text(&output);
    assert!(!output.status.success());
    assert!(
        stderr.contains("you declined to create a TwiML App")
            && stderr.contains("deleted the new API key"),
        "{stdout}\n{stderr}"
    );
    let after = sim.state().await;
    assert_eq!(before["keys"], after["keys"]);
    assert_eq!(before["applications"], after["applications"]);

    // Input that ends early is said as such, and changes nothing either.
    let mut command = setup_command(dir.path(), &sim);
    command
        .env("TWILIO_AUTH_TOKEN", twilio_sim::AUTH_TOKEN)
        .args(["setup", "--account-sid", ACCOUNT_SID, "--number", NUMBER]);
    let output = run_with_input(command, "");
    let (_, stderr) = text(&output);
    assert!(
        !output.status.success() && stderr.contains("standard input ended"),
        "{stderr}"
    );
    assert_eq!(before["keys"], sim.state().await["keys"]);
}

#[tokio::test]
async fn a_number_wired_elsewhere_is_taken_only_with_force() {
    require_test_keychain();
    let sim = Sim::before_setup(
        NUMBER,
        json!({"numbers": [{"phone_number": "+15550400000", "voice_url": "https://crm.example/voice"}]}),
    );
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut command = setup_command(dir.path(), &sim);
        command
            .env("TWILIO_AUTH_TOKEN", twilio_sim::AUTH_TOKEN)
            .args([
                "setup",
                "--yes",
                "--account-sid",
                ACCOUNT_SID,
                "--number",
                "+15550400000",
            ])
            .args(extra);
        run_with_input(command, "")
    };
    let refused = run(&[]);
    let (_, stderr) = text(&refused);
    assert!(!refused.status.success());
    assert!(
        stderr.contains("https://crm.example/voice") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        number(&sim.state().await, "+15550400000")["voice_url"],
        "https://crm.example/voice",
        "untouched"
    );
    let taken = run(&["--force"]);
    let (stdout, stderr) = text(&taken);
    assert!(taken.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("`dialtone setup --undo` puts that back"),
        "{stdout}"
    );
    assert!(
        stdout.contains("No public URL yet"),
        "no tunnel and none configured: {stdout}"
    );
    let mut undo = setup_command(dir.path(), &sim);
    undo.args(["setup", "--undo", "--yes"]);
    let output = run_with_input(undo, "");
    assert!(output.status.success(), "{:?}", text(&output));
    assert_eq!(
        number(&sim.state().await, "+15550400000")["voice_url"],
        "https://crm.example/voice",
        "given back"
    );
}

/// No keychain: set-up stops before the account changes, rather than wiring a phone whose
/// credentials cannot be kept.
#[tokio::test]
async fn without_a_keychain_set_up_changes_nothing() {
    let sim = Sim::before_setup(NUMBER, json!({}));
    let before = sim.state().await;
    let dir = tempfile::tempdir().unwrap();
    let mut command = setup_command(dir.path(), &sim);
    command
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("TWILIO_AUTH_TOKEN", twilio_sim::AUTH_TOKEN)
        .args([
            "setup",
            "--yes",
            "--account-sid",
            ACCOUNT_SID,
            "--number",
            NUMBER,
        ]);
    let output = run_with_input(command, "");
    let (_, stderr) = text(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("keychain could not be reached"), "{stderr}");
    let after = sim.state().await;
    assert_eq!(before["keys"], after["keys"]);
    assert_eq!(before["applications"], after["applications"]);

    // And the Auth Token is never an argument.
    let output = dialtone(dir.path())
        .args(["setup", "--auth-token", AUTH_TOKEN])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unexpected argument"));
}
