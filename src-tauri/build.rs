/// The commands the UI may invoke. Declaring them makes Tauri generate one permission per
/// command (`allow-get-token`, …), so a capability grants exactly these and nothing else.
const COMMANDS: &[&str] = &[
    "get_token",
    "settings_status",
    "save_settings",
    "import_env",
    "listener_status",
    "open_calling_window",
    "calling_window_status",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build: the capability files or tauri.conf.json are malformed");
}
