//! What Rust asks the phone to do. The Voice SDK lives in the UI, so a notification's Answer
//! button, the tray, `dialtone answer`, a `tel:` link or a global shortcut cannot touch the
//! call themselves: they send a [`PhoneCommand`], and the window that carries calls carries
//! it out (the app window hears the `phone-command` event, the calling window a `command`
//! event on its event stream). `ui/src/contract.ts` has the same shape.
//!
//! A number to dial must not be lost when no phone window is listening yet (`dialtone call`
//! starting the app, or a `tel:` link while the calling window is closed), so the latest one
//! also waits in [`PhoneControl`] until a phone window takes it: the calling window's event
//! stream hands it over when the page connects, and the app window asks for it
//! (`take_waiting_dial`) once it follows commands.

use std::sync::{Arc, Mutex};

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
pub const MAX_NUMBER: usize = 64;

/// Why a number handed in by another program (a `tel:` link, `dialtone call`, the D-Bus
/// method) is refused. The messages say what is wrong and what a number may hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberRefused {
    #[error("there is no number to call: give one, e.g. dialtone call +15551234567")]
    Empty,
    #[error("the number is {0} characters long; a number to call has at most {MAX_NUMBER}")]
    TooLong(usize),
    #[error("the number holds {0:?}, which no phone number has: use digits, a leading +, and spaces, dashes, dots or brackets between them")]
    Character(char),
    #[error("a + only goes at the start of a number, before the country code")]
    PlaceOfPlus,
    #[error("the number has {0} digit(s); a number to call has at least 3")]
    TooFewDigits(usize),
}

/// Checks a number another program hands in, and returns it trimmed. Only what a person
/// writes for a phone number passes: digits, one leading `+`, `*` and `#`, and the visual
/// separators space, `-`, `.`, `(` and `)`. The dial pad then normalises it as if typed.
pub fn check_number(raw: &str) -> Result<&str, NumberRefused> {
    let number = raw.trim();
    if number.is_empty() {
        return Err(NumberRefused::Empty);
    }
    let length = number.chars().count();
    if length > MAX_NUMBER {
        return Err(NumberRefused::TooLong(length));
    }
    if let Some(bad) = number
        .chars()
        .find(|c| !(c.is_ascii_digit() || "+*# -.()".contains(*c)))
    {
        return Err(NumberRefused::Character(bad));
    }
    if number[1..].contains('+') {
        return Err(NumberRefused::PlaceOfPlus);
    }
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if digits < 3 {
        return Err(NumberRefused::TooFewDigits(digits));
    }
    Ok(number)
}

impl PhoneCommand {
    /// Refuses a dial command whose number [`check_number`] refuses (commands may come from
    /// other programs: `tel:` links, the command line, the session bus).
    pub fn validate(&self) -> Result<(), NumberRefused> {
        match self {
            PhoneCommand::Dial { number, .. } => check_number(number).map(|_| ()),
            _ => Ok(()),
        }
    }

    /// How the log names it.
    pub fn describe(&self) -> String {
        match self {
            PhoneCommand::Dial { number, now: false } => format!("put {number} in the dial pad"),
            PhoneCommand::Dial { number, now: true } => format!("call {number}"),
            PhoneCommand::Answer => "answer".to_owned(),
            PhoneCommand::Decline => "decline".to_owned(),
            PhoneCommand::HangUp => "hang up".to_owned(),
            PhoneCommand::ToggleMute => "mute or unmute".to_owned(),
        }
    }
}

/// Carries commands to every open phone window. Cheap to clone; clones share the channel and
/// the waiting dial.
#[derive(Clone)]
pub struct PhoneControl {
    commands: broadcast::Sender<PhoneCommand>,
    /// The latest dial command no phone window has taken yet.
    waiting_dial: Arc<Mutex<Option<PhoneCommand>>>,
}

impl Default for PhoneControl {
    fn default() -> Self {
        Self {
            commands: broadcast::channel(16).0,
            waiting_dial: Arc::default(),
        }
    }
}

impl PhoneControl {
    /// Sends `command` to the windows following now; returns how many there are (0: no phone
    /// window is open to carry it out). A dial command also waits until a phone window takes
    /// it (see [`PhoneControl::take_waiting_dial`]); a newer one replaces it.
    pub fn send(&self, command: PhoneCommand) -> usize {
        if matches!(command, PhoneCommand::Dial { .. }) {
            *self.lock() = Some(command.clone());
        }
        self.commands.send(command).unwrap_or(0)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<PhoneCommand> {
        self.commands.subscribe()
    }

    /// The dial command waiting for a phone window, which takes it: only one window fills its
    /// dial pad with it, and it is not carried out a second time.
    pub fn take_waiting_dial(&self) -> Option<PhoneCommand> {
        self.lock().take()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<PhoneCommand>> {
        self.waiting_dial
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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
    fn numbers_from_other_programs_are_checked() {
        for good in [
            "+15557654321",
            " +1 (555) 765-4321 ",
            "030.1234.5678",
            "*67 555 765 4321",
            "911",
        ] {
            assert_eq!(check_number(good), Ok(good.trim()), "{good}");
        }
        for (bad, why) in [
            ("", NumberRefused::Empty),
            ("   ", NumberRefused::Empty),
            (&"9".repeat(65), NumberRefused::TooLong(65)),
            ("1-800-FLOWERS", NumberRefused::Character('F')),
            ("+1555;rm -rf", NumberRefused::Character(';')),
            ("555\n1234", NumberRefused::Character('\n')),
            ("+1555\u{202e}1234", NumberRefused::Character('\u{202e}')),
            ("1+555", NumberRefused::PlaceOfPlus),
            ("+1", NumberRefused::TooFewDigits(1)),
            ("--", NumberRefused::TooFewDigits(0)),
        ] {
            assert_eq!(check_number(bad), Err(why), "{bad:?}");
        }
        // Counted in characters, so a long run of multi-byte junk is "too long", not a panic.
        assert_eq!(
            check_number(&"é".repeat(40)),
            Err(NumberRefused::Character('é'))
        );
        let message = check_number("1-800-FLOWERS").unwrap_err().to_string();
        assert!(
            message.contains("'F'") && message.contains("digits"),
            "{message}"
        );
    }

    #[test]
    fn dial_commands_are_validated_and_others_pass() {
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

    #[test]
    fn a_dial_waits_for_one_window_and_the_newest_wins() {
        let control = PhoneControl::default();
        let dial = |number: &str| PhoneCommand::Dial {
            number: number.into(),
            now: false,
        };
        assert_eq!(control.send(dial("+15550000001")), 0, "nobody listens yet");
        control.send(dial("+15550000002"));
        control.send(PhoneCommand::Answer);
        assert_eq!(control.take_waiting_dial(), Some(dial("+15550000002")));
        assert_eq!(control.take_waiting_dial(), None, "taken once");
    }
}
