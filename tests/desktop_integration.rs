//! The desktop integration on Tauri's mock runtime with its real plugins, on the private test
//! session's real D-Bus (`scripts/test-session.sh`): another launch reaches the running app
//! through `tauri-plugin-single-instance`'s bus method, called the way `dialtone call` calls
//! it (`running_instance::hand_over`), and what it hands in lands as a phone command. The
//! window may not call the plugins' own commands. The real binary under Xvfb is tested in
//! `tests/desktop/`.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use dialtone::backend::Backend;
use dialtone::calling_window::DirAssets;
use dialtone::desktop::shortcuts::ShortcutSupport;
use dialtone::desktop::Integration;
use dialtone::handoff::Handoff;
use dialtone::phone_control::PhoneCommand;
use dialtone::running_instance::{self, Delivery, InstanceBus};
use dialtone::settings::{Environment, Field, MemoryKeychain, SettingsFile, Store};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

/// Only the private test session's bus: on a user's own bus a test app would answer real
/// `dialtone` launches (and its launch-at-login step would touch the real HOME).
fn require_test_session() {
    assert!(
        test_session_bus().is_some(),
        "this test needs the private test session (its own D-Bus and HOME): run it as `scripts/test-session.sh cargo test --test desktop_integration` (scripts/test.sh does)"
    );
}

struct Fixture {
    _app: tauri::App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
    backend: Arc<Backend>,
    bus: InstanceBus,
    _dir: tempfile::TempDir,
}

/// A running app with the integration, its settings file holding `saved`, serving its own
/// single-instance bus name.
fn running_app(saved: &[(Field, &str)]) -> Fixture {
    static APPS: AtomicUsize = AtomicUsize::new(0);
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::new(dir.path().join("settings.json"));
    let store = Store::new(Box::<MemoryKeychain>::default(), file);
    let saved = saved
        .iter()
        .map(|(field, value)| (*field, (*value).to_owned()))
        .collect();
    store.save(&saved).unwrap();
    let backend = Arc::new(Backend::new(store, Environment::default()));
    let id = format!(
        "app.dialtone.test_{}_{}",
        std::process::id(),
        APPS.fetch_add(1, Ordering::SeqCst)
    );
    let integration = Integration {
        handoff: Handoff::Show,
        shortcuts: ShortcutSupport::NoDisplay,
        autostart_note: None,
        instance_id: Some(id.clone()),
        webdriver: false,
    };
    let calling_window = dialtone::calling_window::Config {
        data_dir: Some(dir.path().join("data")),
        browser: dialtone::calling_window::browser::BrowserSetting::Nothing,
        ..Default::default()
    };
    let base = dialtone::desktop::integration::add(mock_builder(), integration);
    let app = dialtone::desktop::builder(
        base,
        backend.clone(),
        Arc::new(DirAssets(dir.path().to_owned())),
        calling_window,
    )
    .build(tauri::generate_context!(test = true))
    .unwrap();
    let main = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Fixture {
        _app: app,
        main,
        backend,
        bus: InstanceBus::of(&id),
        _dir: dir,
    }
}

/// The next command the phone is asked to carry out, within 10 s.
fn next_command(commands: &mut tokio::sync::broadcast::Receiver<PhoneCommand>) -> PhoneCommand {
    tauri::async_runtime::block_on(async {
        tokio::time::timeout(Duration::from_secs(10), commands.recv())
            .await
            .expect("a command within 10 s")
            .unwrap()
    })
}

fn hand_over(f: &Fixture, handoff: &Handoff) -> Delivery {
    running_instance::hand_over(&f.bus, &handoff.argv(), "/tmp").unwrap()
}

#[test]
fn dialtone_call_puts_the_number_in_the_running_phone() {
    require_test_session();
    let f = running_app(&[]);
    let mut commands = f.backend.control().subscribe();
    let handoff = Handoff::Dial("+1 (555) 765-4321".into());
    assert_eq!(hand_over(&f, &handoff), Delivery::Delivered);
    let dial = PhoneCommand::Dial {
        number: "+1 (555) 765-4321".into(),
        now: false,
    };
    assert_eq!(
        next_command(&mut commands),
        dial,
        "waits for a press of Call"
    );
    // No phone window took it yet, so it waits for the first that comes.
    assert_eq!(f.backend.control().take_waiting_dial(), Some(dial));
}

#[test]
fn with_call_at_once_the_number_is_called() {
    require_test_session();
    let f = running_app(&[(Field::CallAtOnce, "true")]);
    let mut commands = f.backend.control().subscribe();
    assert_eq!(
        hand_over(&f, &Handoff::Dial("+15557654321".into())),
        Delivery::Delivered
    );
    assert_eq!(
        next_command(&mut commands),
        PhoneCommand::Dial {
            number: "+15557654321".into(),
            now: true
        }
    );
}

#[test]
fn answer_hangup_and_mute_reach_the_phone() {
    require_test_session();
    let f = running_app(&[]);
    let mut commands = f.backend.control().subscribe();
    for command in [
        PhoneCommand::Answer,
        PhoneCommand::HangUp,
        PhoneCommand::ToggleMute,
    ] {
        assert_eq!(
            hand_over(&f, &Handoff::Phone(command.clone())),
            Delivery::Delivered
        );
        assert_eq!(next_command(&mut commands), command);
    }
}

/// Anyone on the session bus can call the method: what it hands in is checked again here.
#[test]
fn malformed_requests_on_the_bus_are_dropped() {
    require_test_session();
    let f = running_app(&[]);
    let mut commands = f.backend.control().subscribe();
    for words in [
        &["call", "1-800-FLOWERS"][..],
        &["https://evil.example/"],
        &["config", "unset", "--all"],
        &["call", "+1555", "--", "extra;junk"],
    ] {
        let argv: Vec<String> = std::iter::once("dialtone")
            .chain(words.iter().copied())
            .map(str::to_owned)
            .collect();
        assert_eq!(
            running_instance::hand_over(&f.bus, &argv, "/tmp").unwrap(),
            Delivery::Delivered,
            "the method takes it"
        );
    }
    // Then one good request: the first command to arrive is it, so the others were dropped.
    hand_over(&f, &Handoff::Phone(PhoneCommand::Answer));
    assert_eq!(next_command(&mut commands), PhoneCommand::Answer);
    assert_eq!(f.backend.control().take_waiting_dial(), None);
}

#[test]
fn with_no_app_on_the_bus_nothing_is_running() {
    require_test_session();
    let bus = InstanceBus::of("app.dialtone.nobody_here");
    assert_eq!(
        running_instance::hand_over(&bus, &Handoff::Show.argv(), "/").unwrap(),
        Delivery::NotRunning
    );
}

#[test]
fn the_real_command_line_says_plainly_when_dialtone_is_not_running() {
    require_test_session();
    let dir = tempfile::tempdir().unwrap();
    for (command, what) in [
        ("answer", "answer"),
        ("hangup", "hang up"),
        ("mute", "mute"),
    ] {
        let output = dialtone(dir.path()).arg(command).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "Dialtone is not running, so there is no call to {what}"
            )),
            "{command}: {stderr}"
        );
    }
    let output = dialtone(dir.path())
        .args(["call", "1-800-FLOWERS"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("holds 'F'"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// The plugins bring commands of their own; the capability grants the window none of them,
/// so a page can neither switch launch at login on nor grab keys.
#[test]
fn the_window_cannot_call_the_plugins_commands() {
    require_test_session();
    let f = running_app(&[]);
    for (cmd, args) in [
        ("plugin:autostart|enable", json!({})),
        ("plugin:autostart|is_enabled", json!({})),
        (
            "plugin:global-shortcut|register",
            json!({"shortcuts": ["ctrl+alt+x"], "handler": 0}),
        ),
        ("plugin:deep-link|get_current", json!({})),
        ("plugin:deep-link|register", json!({"protocol": "tel"})),
    ] {
        let err = invoke(&f.main, cmd, args)
            .err()
            .unwrap_or_else(|| panic!("the window may call {cmd}"));
        assert!(
            err.to_string().contains("not allowed"),
            "{cmd} was not refused: {err}"
        );
    }
    // Dialtone's own command is allowed: the app window takes a waiting number with it.
    f.backend.control().send(PhoneCommand::Dial {
        number: "+15557654321".into(),
        now: false,
    });
    let taken = invoke(&f.main, "take_waiting_dial", json!({})).unwrap();
    assert_eq!(
        taken,
        json!({"action": "dial", "number": "+15557654321", "now": false})
    );
    assert_eq!(
        invoke(&f.main, "take_waiting_dial", json!({})).unwrap(),
        Value::Null,
        "taken once"
    );
}

/// What a shortcut or launch at login cannot do here is said next to the setting.
#[test]
fn shortcuts_without_an_x11_display_are_reported_next_to_the_setting() {
    require_test_session();
    let f = running_app(&[(Field::ShortcutAnswer, "ctrl+alt+a")]);
    let status = invoke(&f.main, "settings_status", json!({})).unwrap();
    let answer = status["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|field| field["name"] == "shortcut_answer")
        .unwrap()
        .clone();
    assert_eq!(answer["value"], "Ctrl+Alt+A");
    assert!(
        answer["problem"]
            .as_str()
            .unwrap_or_default()
            .contains("no X11 display"),
        "{answer}"
    );
}
