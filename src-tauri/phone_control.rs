//! What Rust asks the phone to do. The Voice SDK lives in the UI, so a notification's Answer
//! button, the tray, `dialtone answer`, a `tel:` link or a global shortcut cannot touch the
//! call themselves: they send a [`PhoneCommand`], and the window that carries calls carries
//! it out (the app window hears the `phone-command` event, the calling window a `command`
//! event on its event stream). `ui/src/contract.ts` has the same shape.

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "camelCase", deny_unknown_fields)]
pub enum PhoneCommand {
    /// Put `number` in the dial pad; `now` places the call at once instead of waiting for a
    /// press of Call.
    Dial { number: String, now: bool },
    /// Answer the ringing incoming call.
    Answer,
    /// Decline the ringing incoming call.
    Decline,
    /// End the current call (or decline a ringing one).
    HangUp,
    /// Mute or unmute the current call.
    ToggleMute,
}

/// The longest number a command may carry: what a person might paste, with separators.
const MAX_NUMBER: usize = 64;

impl PhoneCommand {
    /// Refuses oversized input (commands may come from other programs: `tel:` links, the CLI).
    pub fn validate(&self) -> Result<(), &'static str> {
        match self {
            PhoneCommand::Dial { number, .. } if number.trim().is_empty() => {
                Err("no number to dial")
            }
            PhoneCommand::Dial { number, .. } if number.len() > MAX_NUMBER => {
                Err("the number is too long")
            }
            _ => Ok(()),
        }
    }
}

/// Carries commands to every open phone window. Cheap to clone; clones share the channel.
#[derive(Clone)]
pub struct PhoneControl {
    commands: broadcast::Sender<PhoneCommand>,
}

impl Default for PhoneControl {
    fn default() -> Self {
        Self {
            commands: broadcast::channel(16).0,
        }
    }
}

impl PhoneControl {
    /// Sends `command` to the windows following now; returns how many there are (0: no phone
    /// window is open to carry it out).
    pub fn send(&self, command: PhoneCommand) -> usize {
        self.commands.send(command).unwrap_or(0)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<PhoneCommand> {
        self.commands.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_read_and_write_as_the_ui_expects() {
        for (command, json) in [
            (
                PhoneCommand::Dial {
                    number: "+15557654321".into(),
                    now: false,
                },
                r#"{"action":"dial","number":"+15557654321","now":false}"#,
            ),
            (PhoneCommand::Answer, r#"{"action":"answer"}"#),
            (PhoneCommand::Decline, r#"{"action":"decline"}"#),
            (PhoneCommand::HangUp, r#"{"action":"hangUp"}"#),
            (PhoneCommand::ToggleMute, r#"{"action":"toggleMute"}"#),
        ] {
            assert_eq!(serde_json::to_string(&command).unwrap(), json);
            assert_eq!(serde_json::from_str::<PhoneCommand>(json).unwrap(), command);
        }
        assert!(serde_json::from_str::<PhoneCommand>(r#"{"action":"format-disk"}"#).is_err());
    }

    #[test]
    fn oversized_numbers_are_refused() {
        let long = PhoneCommand::Dial {
            number: "9".repeat(65),
            now: true,
        };
        assert!(long.validate().is_err());
        let empty = PhoneCommand::Dial {
            number: " ".into(),
            now: true,
        };
        assert!(empty.validate().is_err());
        assert!(PhoneCommand::Answer.validate().is_ok());
    }

    #[tokio::test]
    async fn every_open_window_hears_a_command() {
        let control = PhoneControl::default();
        assert_eq!(
            control.send(PhoneCommand::Answer),
            0,
            "no window follows yet"
        );
        let mut app_window = control.subscribe();
        let mut calling_window = control.subscribe();
        assert_eq!(control.send(PhoneCommand::HangUp), 2);
        assert_eq!(app_window.recv().await.unwrap(), PhoneCommand::HangUp);
        assert_eq!(calling_window.recv().await.unwrap(), PhoneCommand::HangUp);
    }
}
