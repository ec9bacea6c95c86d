//! One Dialtone per session (`tauri-plugin-single-instance`): a second launch hands its
//! argv to the first and exits. On Linux `dialtone` itself does that over the session bus
//! before Tauri starts ([`crate::running_instance`]); the plugin serves the bus method that
//! call reaches, and on macOS and Windows it also makes the call itself (a Unix socket, a
//! window message) from inside `tauri::Builder::build`.

use tauri::plugin::TauriPlugin;
use tauri::Runtime;

/// The plugin, first among plugins so a second launch exits before anything else is set up.
/// `bus_id` replaces the app identifier in the bus name (tests run their own); `None` for the
/// app.
pub fn plugin<R: Runtime>(bus_id: Option<&str>) -> TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new()
        .callback(|app, argv, _cwd| super::handoff::received(app, &argv));
    match bus_id {
        Some(id) => builder.dbus_id(id),
        None => builder,
    }
    .build()
}
