//! Reaching the Dialtone that is already running, from another `dialtone` process, before any
//! Tauri code runs. The running app serves `tauri-plugin-single-instance`'s D-Bus method (on
//! Linux: name `<identifier>.SingleInstance`, method `org.SingleInstance.DBus.ExecuteCallback`
//! taking an argv and a working directory); this is its caller. Calling it here rather than
//! letting the plugin do it inside `tauri::Builder::build` means `dialtone call`, `answer`,
//! `hangup` and `mute` need no display and no GTK, start in milliseconds, and can tell "not
//! running" apart, which the plugin cannot (it simply becomes the first instance).
//!
//! On macOS and Windows the plugin uses a Unix socket and a window message; there the request
//! goes through `tauri::Builder::build` instead (see [`Delivery::Unknown`]).

use std::time::Duration;

/// `identifier` in `tauri.conf.json` (a test checks that they agree); the plugin derives its
/// bus name from it.
pub const APP_IDENTIFIER: &str = "app.dialtone.phone";

/// How long the running instance may take to accept a request before we give up on it.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the running instance listens: its bus name and object path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceBus {
    pub name: String,
    pub path: String,
}

impl InstanceBus {
    /// The name and path the single-instance plugin serves for the app `identifier`: the
    /// identifier plus `.SingleInstance`, and that with `.` as `/` and `-` as `_`.
    pub fn of(identifier: &str) -> Self {
        let name = format!("{identifier}.SingleInstance");
        let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
        Self { name, path }
    }
}

impl Default for InstanceBus {
    fn default() -> Self {
        Self::of(APP_IDENTIFIER)
    }
}

/// What became of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The running instance accepted it.
    Delivered,
    /// No Dialtone runs in this session.
    NotRunning,
    /// This platform cannot tell before Tauri starts: the single-instance plugin forwards the
    /// request from inside `tauri::Builder::build` if another instance runs.
    Unknown,
}

#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    #[error("there is no D-Bus session bus to look for a running Dialtone on ({0}); start Dialtone from your desktop session")]
    NoBus(String),
    #[error("the running Dialtone did not take the request ({0}); if it hangs, quit it and start it again")]
    Refused(String),
}

/// Hands `argv` (as the running instance's command line would read it) and `cwd` to the
/// running Dialtone.
#[cfg(target_os = "linux")]
pub fn hand_over(bus: &InstanceBus, argv: &[String], cwd: &str) -> Result<Delivery, InstanceError> {
    use zbus::blocking::{connection, fdo::DBusProxy};
    use zbus::names::BusName;

    let connection = connection::Builder::session()
        .map_err(|e| InstanceError::NoBus(e.to_string()))?
        .method_timeout(CALL_TIMEOUT)
        .build()
        .map_err(|e| InstanceError::NoBus(e.to_string()))?;
    let name = BusName::try_from(bus.name.as_str())
        .expect("InstanceBus::of makes a valid bus name from the app identifier");
    let running = DBusProxy::new(&connection)
        .map_err(|e| InstanceError::NoBus(e.to_string()))?
        .name_has_owner(name.clone())
        .map_err(|e| InstanceError::NoBus(e.to_string()))?;
    if !running {
        return Ok(Delivery::NotRunning);
    }
    match connection.call_method(
        Some(name),
        bus.path.as_str(),
        Some("org.SingleInstance.DBus"),
        "ExecuteCallback",
        &(argv, cwd),
    ) {
        Ok(_) => Ok(Delivery::Delivered),
        // It quit between the two calls.
        Err(zbus::Error::MethodError(error, _, _))
            if error.as_str() == "org.freedesktop.DBus.Error.ServiceUnknown"
                || error.as_str() == "org.freedesktop.DBus.Error.NameHasNoOwner" =>
        {
            Ok(Delivery::NotRunning)
        }
        Err(e) => Err(InstanceError::Refused(e.to_string())),
    }
}

/// Hands `argv` to the running Dialtone: not before Tauri on this platform.
#[cfg(not(target_os = "linux"))]
pub fn hand_over(
    _bus: &InstanceBus,
    _argv: &[String],
    _cwd: &str,
) -> Result<Delivery, InstanceError> {
    Ok(Delivery::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plugin's own derivation (tauri-plugin-single-instance 2.5.5, linux.rs).
    #[test]
    fn the_bus_name_and_path_follow_the_identifier() {
        assert_eq!(
            InstanceBus::default(),
            InstanceBus {
                name: "app.dialtone.phone.SingleInstance".into(),
                path: "/app/dialtone/phone/SingleInstance".into(),
            }
        );
        assert_eq!(
            InstanceBus::of("org.test-app.x").path,
            "/org/test_app/x/SingleInstance"
        );
    }

    #[test]
    fn the_identifier_is_the_apps() {
        let config: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json"))
            .expect("tauri.conf.json is JSON");
        assert_eq!(config["identifier"], APP_IDENTIFIER);
    }
}
