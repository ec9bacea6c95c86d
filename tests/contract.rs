//! The two sides of the IPC contract agree: the Rust error kinds and the UI's, the Rust command
//! table, the UI's command table and the capability file. Each side has one table; these tests
//! fail as soon as one of them changes alone.

mod common;

use std::collections::BTreeSet;

use common::repo_root;
use dialtone::backend::ErrorKind;

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted strings of the TypeScript array or object literal that follows `start`.
fn quoted_after(source: &str, start: &str, end: &str) -> Vec<String> {
    let from = source
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"));
    let rest = &source[from + start.len()..];
    let body = &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"))];
    body.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_error_kinds_are_the_same_on_both_sides() {
    let rust: Vec<String> = ErrorKind::ALL
        .iter()
        .map(|k| {
            serde_json::to_value(k)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let as_str: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(rust, as_str, "as_str() and serde agree");
    let ui = quoted_after(
        &read("ui/src/contract.ts"),
        "export const BACKEND_ERROR_KINDS = [",
        "] as const",
    );
    assert_eq!(
        rust, ui,
        "src-tauri/backend.rs ErrorKind vs ui/src/contract.ts BACKEND_ERROR_KINDS"
    );
}

#[test]
fn the_command_tables_and_the_capability_agree() {
    let rust: BTreeSet<String> = dialtone::desktop::commands::NAMES
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let ipc = read("ui/src/ipc.ts");
    let ui: BTreeSet<String> = quoted_after(&ipc, "export const COMMANDS = {", "} as const")
        .into_iter()
        .collect();
    assert_eq!(
        rust, ui,
        "src-tauri/desktop/command_table.rs vs COMMANDS in ui/src/ipc.ts"
    );

    let capability: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(
        rust, granted,
        "src-tauri/capabilities/main.json grants exactly the table"
    );

    // The UI invokes commands only through the table.
    let invoked = ipc.matches("call('").count() + ipc.matches("invoke('").count();
    assert_eq!(invoked, 0, "ui/src/ipc.ts names a command outside COMMANDS");
}
