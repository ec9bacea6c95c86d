//! Launch at login through `tauri-plugin-autostart`, checked the way a desktop login reads the
//! entry: with `dex` (Debian's XDG autostart runner) in the private test session's HOME. A
//! file of its own, so no other test's app removes the entry while this one looks at it.

mod common;

use std::process::Command;
use std::sync::Arc;

use common::*;
use dialtone::backend::Backend;
use dialtone::calling_window::DirAssets;
use dialtone::desktop::shortcuts::ShortcutSupport;
use dialtone::desktop::Integration;
use dialtone::handoff::Handoff;
use dialtone::settings::{Environment, Field, MemoryKeychain, SettingsFile, Store};
use serde_json::Value;
use tauri::test::{mock_builder, MockRuntime};
use tauri::Manager as _;

/// The app with the integration, its settings file saying `launch_at_login`.
fn start(dir: &std::path::Path, launch_at_login: &str) -> tauri::App<MockRuntime> {
    let store = Store::new(
        Box::<MemoryKeychain>::default(),
        SettingsFile::new(dir.join("settings.json")),
    );
    store
        .save(&[(Field::LaunchAtLogin, launch_at_login.to_owned())].into())
        .unwrap();
    let backend = Arc::new(Backend::new(store, Environment::default()));
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let config_home = std::env::var_os("XDG_CONFIG_HOME").map(std::path::PathBuf::from);
    let integration = Integration {
        handoff: Handoff::Show,
        shortcuts: ShortcutSupport::NoDisplay,
        autostart_note: dialtone::desktop::autostart::folder_note(
            home.as_deref(),
            config_home.as_deref(),
        ),
        // Its own bus name each time: a second app on a name still held would hand over to
        // the first and end this process.
        instance_id: Some(format!(
            "app.dialtone.login_test_{}_{launch_at_login}",
            std::process::id()
        )),
        webdriver: false,
    };
    let base = dialtone::desktop::integration::add(mock_builder(), integration);
    dialtone::desktop::builder(
        base,
        backend,
        Arc::new(DirAssets(dir.to_owned())),
        dialtone::calling_window::Config {
            data_dir: Some(dir.join("data")),
            browser: dialtone::calling_window::browser::BrowserSetting::Nothing,
            ..Default::default()
        },
    )
    .build(tauri::generate_context!(test = true))
    .unwrap()
}

/// `dex -a -d -v` as a login in this HOME would run it: the entries it finds and what it would
/// execute, without executing anything. `XDG_CONFIG_HOME` unset, as on most desktops.
fn dex_dry_run() -> String {
    let output = Command::new("dex")
        .args(["-a", "-d", "-v"])
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_CONFIG_DIRS")
        .env("XDG_CONFIG_DIRS", "/nonexistent")
        .output()
        .expect("dex is installed (scripts/test.sh installs it)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn the_setting_writes_and_removes_the_autostart_entry() {
    assert!(
        test_session_bus().is_some(),
        "this test writes a login entry under HOME: run it in the private test session (`scripts/test-session.sh cargo test --test launch_at_login`; scripts/test.sh does)"
    );
    let home = std::path::PathBuf::from(std::env::var_os("HOME").unwrap());
    let entry = home.join(".config/autostart/Dialtone.desktop");
    let _ = std::fs::remove_file(&entry);
    let dir = tempfile::tempdir().unwrap();

    let app = start(dir.path(), "true");
    let text = std::fs::read_to_string(&entry).expect("the entry is written");
    let exe = std::env::current_exe().unwrap();
    assert!(text.contains(&format!("Exec={}", exe.display())), "{text}");
    let dex = dex_dry_run();
    assert!(
        dex.contains(&format!("Autostart file: {}", entry.display())),
        "{dex}"
    );
    assert!(
        dex.contains(&format!("Executing command: {}", exe.display())),
        "{dex}"
    );
    // The session moves XDG_CONFIG_HOME away from ~/.config, which the plugin ignores: the
    // settings panel says so next to the setting.
    let backend = app.state::<Arc<Backend>>().inner().clone();
    let status: Value = serde_json::to_value(backend.settings_status().unwrap()).unwrap();
    let field = status["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "launch_at_login")
        .unwrap()
        .clone();
    assert_eq!(field["value"], "true");
    if std::env::var_os("XDG_CONFIG_HOME").is_some_and(|c| c != home.join(".config")) {
        assert!(
            field["problem"]
                .as_str()
                .unwrap_or_default()
                .contains("XDG_CONFIG_HOME"),
            "{field}"
        );
    }
    drop(app);

    let app = start(dir.path(), "false");
    assert!(!entry.exists(), "switching it off removes the entry");
    assert!(!dex_dry_run().contains("Dialtone.desktop"));
    drop(app);
}
