//! `tel:` and `callto:` links (`tauri-plugin-deep-link`). The schemes are in `tauri.conf.json`
//! (`plugins.deep-link.desktop.schemes`), from which the bundler registers them with the OS:
//! the `.desktop` entry's `MimeType` on Linux, `CFBundleURLTypes` on macOS, the installer's
//! registry keys on Windows. Dialtone does not register itself at run time: taking over what
//! a click on a phone link does is the user's choice, made in the desktop's default-apps
//! settings.
//!
//! On Linux and Windows a clicked link starts `dialtone LINK`, which reaches the running app
//! like any other launch ([`crate::handoff`]); macOS delivers links as Apple events, which
//! the plugin hands to [`follow`].

use tauri::{AppHandle, Runtime};

/// Adds the plugin (its config type is private to the crate, so it cannot be named here).
pub fn add<R: Runtime>(base: tauri::Builder<R>) -> tauri::Builder<R> {
    base.plugin(tauri_plugin_deep_link::init())
}

/// Dials the links the OS sends while Dialtone runs (macOS only: elsewhere they arrive as a
/// launch's argument).
pub fn follow<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "macos")]
    {
        use tauri_plugin_deep_link::DeepLinkExt as _;
        let handle = app.clone();
        app.deep_link().on_open_url(move |event| {
            for url in event.urls() {
                match crate::tel_link::number_in(url.as_str()) {
                    Ok(number) => {
                        super::handoff::carry_out(&handle, crate::handoff::Handoff::Dial(number))
                    }
                    Err(e) => tracing::warn!("a link Dialtone cannot dial: {e}"),
                }
            }
        });
    }
    #[cfg(not(target_os = "macos"))]
    let _ = app;
}
