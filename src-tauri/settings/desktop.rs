//! The desktop preferences (issue 14): calling at once when another program hands Dialtone a
//! number, launching at login, and the global shortcuts. Their values live in the settings
//! file like any preference; this module gives their shapes (on/off, a key combination) and
//! the typed view the desktop shell applies.

use std::str::FromStr as _;

use global_hotkey::hotkey::{Code, HotKey, Modifiers};

use super::{Field, Settings};
use crate::phone_control::PhoneCommand;

/// `true`/`false` from the ways people write on and off; `None` for anything else.
pub fn parse_switch(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Some(true),
        "false" | "off" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// A global shortcut as written in settings (`Ctrl+Alt+A`, `control + alt + KeyA`, `F9`),
/// in one canonical spelling: modifiers as `Ctrl`, `Alt`, `Shift`, `Super` in that order,
/// then the key (`A`, `5`, `F9`, `Space`, `ArrowUp`…). The spelling parses back to the same
/// combination. Refused: what global-hotkey cannot read, and a plain key without Ctrl, Alt or
/// Super, which would take that key from every other program (function keys may stand alone).
pub fn normalize_shortcut(value: &str) -> Option<String> {
    let hotkey = HotKey::from_str(value.trim()).ok()?;
    let takes_typing = !hotkey
        .mods
        .intersects(Modifiers::CONTROL | Modifiers::ALT | Modifiers::SUPER);
    if takes_typing && !is_function_key(hotkey.key) {
        return None;
    }
    Some(shortcut_text(&hotkey))
}

fn is_function_key(key: Code) -> bool {
    use Code::*;
    matches!(
        key,
        F1 | F2
            | F3
            | F4
            | F5
            | F6
            | F7
            | F8
            | F9
            | F10
            | F11
            | F12
            | F13
            | F14
            | F15
            | F16
            | F17
            | F18
            | F19
            | F20
            | F21
            | F22
            | F23
            | F24
    )
}

fn shortcut_text(hotkey: &HotKey) -> String {
    let mut text = String::new();
    for (modifier, name) in [
        (Modifiers::CONTROL, "Ctrl+"),
        (Modifiers::ALT, "Alt+"),
        (Modifiers::SHIFT, "Shift+"),
        (Modifiers::SUPER, "Super+"),
    ] {
        if hotkey.mods.contains(modifier) {
            text.push_str(name);
        }
    }
    let key = hotkey.key.to_string();
    let short = key
        .strip_prefix("Key")
        .or_else(|| key.strip_prefix("Digit"))
        .unwrap_or(&key);
    text.push_str(short);
    text
}

/// A global shortcut that is set, and what it asks of the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcut {
    pub field: Field,
    /// Canonical, e.g. `Ctrl+Alt+A` (see [`normalize_shortcut`]).
    pub keys: String,
    pub command: PhoneCommand,
}

/// The global shortcut settings and the command each one sends.
pub const SHORTCUTS: [(Field, PhoneCommand); 3] = [
    (Field::ShortcutAnswer, PhoneCommand::Answer),
    (Field::ShortcutHangUp, PhoneCommand::HangUp),
    (Field::ShortcutMute, PhoneCommand::ToggleMute),
];

/// The desktop preferences in effect. A malformed stored value counts as off (the settings
/// panel shows the problem next to the field).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesktopPreferences {
    /// A number from another program is dialled at once instead of waiting for Call.
    pub call_at_once: bool,
    pub launch_at_login: bool,
    /// Calls go straight to voicemail: the tray's check item shows it.
    pub do_not_disturb: bool,
    /// Closing the app window hides it (where a tray is shown) instead of quitting.
    pub close_to_tray: bool,
    /// The shortcuts that are set, in [`SHORTCUTS`] order.
    pub shortcuts: Vec<Shortcut>,
}

impl DesktopPreferences {
    pub fn of(settings: &Settings) -> Self {
        let valid = |field: Field| settings.valid(field);
        let switch = |field| valid(field).and_then(parse_switch).unwrap_or(false);
        Self {
            call_at_once: switch(Field::CallAtOnce),
            launch_at_login: switch(Field::LaunchAtLogin),
            do_not_disturb: switch(Field::DoNotDisturb),
            close_to_tray: valid(Field::CloseToTray)
                .and_then(parse_switch)
                .unwrap_or(true),
            shortcuts: SHORTCUTS
                .iter()
                .filter_map(|(field, command)| {
                    Some(Shortcut {
                        field: *field,
                        keys: valid(*field)?.to_owned(),
                        command: command.clone(),
                    })
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Environment;
    use std::collections::BTreeMap;

    #[test]
    fn switches_read_the_usual_spellings() {
        for on in ["true", "On", " YES ", "1"] {
            assert_eq!(parse_switch(on), Some(true), "{on}");
        }
        for off in ["false", "OFF", "no", "0"] {
            assert_eq!(parse_switch(off), Some(false), "{off}");
        }
        for neither in ["", "maybe", "2", "enabled"] {
            assert_eq!(parse_switch(neither), None, "{neither}");
        }
    }

    #[test]
    fn shortcuts_get_one_spelling_that_parses_back() {
        for (typed, canonical) in [
            ("ctrl+alt+a", "Ctrl+Alt+A"),
            ("Control + Alt + KeyA", "Ctrl+Alt+A"),
            ("alt+ctrl+a", "Ctrl+Alt+A"),
            ("shift+super+5", "Shift+Super+5"),
            ("CmdOrCtrl+Shift+H", "Ctrl+Shift+H"),
            ("ctrl+alt+space", "Ctrl+Alt+Space"),
            ("ctrl+alt+up", "Ctrl+Alt+ArrowUp"),
            ("Ctrl+Alt+Numpad1", "Ctrl+Alt+Numpad1"),
            (" F9 ", "F9"),
            ("shift+F12", "Shift+F12"),
        ] {
            let text = normalize_shortcut(typed).unwrap_or_else(|| panic!("{typed}"));
            assert_eq!(text, canonical, "{typed}");
            let again = HotKey::from_str(&text).unwrap();
            assert_eq!(again, HotKey::from_str(typed.trim()).unwrap(), "{typed}");
            assert_eq!(normalize_shortcut(&text).as_deref(), Some(canonical));
        }
    }

    #[test]
    fn shortcuts_that_would_take_typing_or_do_not_parse_are_refused() {
        for bad in [
            "a",
            "shift+a",
            "space",
            "ctrl+alt",
            "ctrl+a+b",
            "ctrl++a",
            "ctrl+alt+ä",
            "hyper+a",
            "",
        ] {
            assert_eq!(normalize_shortcut(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn preferences_come_from_the_settings_and_malformed_ones_are_off() {
        let saved = BTreeMap::from([
            (Field::CallAtOnce, "yes".to_owned()),
            (Field::ShortcutAnswer, "ctrl+alt+a".to_owned()),
            (Field::ShortcutMute, "just m".to_owned()),
        ]);
        let env = Environment::from_vars([("DIALTONE_LAUNCH_AT_LOGIN", "on")]);
        let prefs = DesktopPreferences::of(&Settings::resolve(&env, &saved));
        assert!(prefs.call_at_once && prefs.launch_at_login);
        assert_eq!(
            prefs.shortcuts,
            vec![Shortcut {
                field: Field::ShortcutAnswer,
                keys: "Ctrl+Alt+A".into(),
                command: PhoneCommand::Answer,
            }]
        );
        let none = DesktopPreferences::of(&Settings::resolve(
            &Environment::default(),
            &BTreeMap::new(),
        ));
        assert_eq!(
            none,
            DesktopPreferences {
                close_to_tray: true,
                ..DesktopPreferences::default()
            },
            "all off by default, but for closing to the tray"
        );
    }
}
