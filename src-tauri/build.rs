// The commands the UI may invoke come from `desktop/command_table.rs`, the same list the app
// registers: declaring them makes Tauri generate one permission per command
// (`allow-get-token`, …), so a capability grants exactly these and nothing else.
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("desktop/command_table.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/desktop/command_table.rs");
    // Naming a file above turns off cargo's "rerun on any change", so the capability files
    // (compiled into the app with the plugins' permissions) are named too.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build: the capability files or tauri.conf.json are malformed");
}
