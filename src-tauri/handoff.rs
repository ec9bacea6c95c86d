//! What a `dialtone` launch asks of the desktop app: come forward, put a number in the dial
//! pad, or answer, hang up or mute. The same [`Handoff`] is read from this process's command
//! line (the app was not running, so this launch becomes it) and from the argv another launch
//! hands the running app over the session bus ([`crate::running_instance`]), so both paths
//! check the input the same way: another program wrote it.

use clap::Parser as _;

use crate::cli::{Cli, Command};
use crate::phone_control::{self, NumberRefused, PhoneCommand};
use crate::tel_link::{self, LinkError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handoff {
    /// Bring the phone forward (a second plain `dialtone`).
    Show,
    /// Put the number in the dial pad (`dialtone call NUMBER`, a `tel:` or `callto:` link).
    /// Checked by [`phone_control::check_number`]; the dial pad normalises it as if typed.
    Dial(String),
    /// Answer, hang up or mute: only for a phone that is already running.
    Phone(PhoneCommand),
}

#[derive(Debug, thiserror::Error)]
pub enum HandoffError {
    #[error(transparent)]
    Link(#[from] LinkError),
    #[error(transparent)]
    Number(#[from] NumberRefused),
    #[error("{0}")]
    Arguments(String),
    #[error("that command runs on its own, not in the running app")]
    NotForTheApp,
}

impl Handoff {
    /// What `cli` asks of the desktop app; `None` for the commands that run on their own
    /// (`serve`, `config`, …).
    pub fn of_cli(cli: &Cli) -> Option<Result<Self, HandoffError>> {
        let handoff = match &cli.command {
            None => match &cli.link {
                None => Ok(Handoff::Show),
                Some(link) => tel_link::number_in(link)
                    .map(Handoff::Dial)
                    .map_err(HandoffError::from),
            },
            Some(Command::Call { number }) => Self::dial(number),
            Some(Command::Answer) => Ok(Handoff::Phone(PhoneCommand::Answer)),
            Some(Command::Hangup) => Ok(Handoff::Phone(PhoneCommand::HangUp)),
            Some(Command::Mute) => Ok(Handoff::Phone(PhoneCommand::ToggleMute)),
            Some(_) => return None,
        };
        Some(handoff)
    }

    /// `dialtone call WORDS…` takes a number (its words joined by spaces, so `+1 555 123 4567`
    /// needs no quotes) or, for scripts that have one, a link.
    pub fn dial(words: &[String]) -> Result<Self, HandoffError> {
        let text = words.join(" ");
        if text.contains(':') {
            return Ok(Handoff::Dial(tel_link::number_in(&text)?));
        }
        Ok(Handoff::Dial(
            phone_control::check_number(&text)?.to_owned(),
        ))
    }

    /// Reads the argv another launch handed over (`argv[0]` is its program name).
    pub fn from_argv(argv: &[String]) -> Result<Self, HandoffError> {
        let cli = Cli::try_parse_from(argv).map_err(|e| {
            // clap's rendering without colour, first line only: it names the bad argument.
            let text = e.render().to_string();
            HandoffError::Arguments(text.lines().next().unwrap_or_default().to_owned())
        })?;
        Self::of_cli(&cli).unwrap_or(Err(HandoffError::NotForTheApp))
    }

    /// The argv that asks the running app for this: what [`Handoff::from_argv`] reads back.
    pub fn argv(&self) -> Vec<String> {
        let words: &[&str] = match self {
            Handoff::Show => &[],
            Handoff::Dial(number) => return ["dialtone", "call", number].map(str::to_owned).into(),
            Handoff::Phone(PhoneCommand::Answer) => &["answer"],
            Handoff::Phone(PhoneCommand::HangUp | PhoneCommand::Decline) => &["hangup"],
            Handoff::Phone(PhoneCommand::ToggleMute) => &["mute"],
            Handoff::Phone(PhoneCommand::Dial { number, .. }) => {
                return ["dialtone", "call", number].map(str::to_owned).into()
            }
        };
        std::iter::once("dialtone")
            .chain(words.iter().copied())
            .map(str::to_owned)
            .collect()
    }

    /// Only a running phone can answer, hang up or mute; showing and dialling can start one.
    pub fn needs_a_running_phone(&self) -> bool {
        matches!(self, Handoff::Phone(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        std::iter::once("/usr/bin/dialtone")
            .chain(words.iter().copied())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn launches_read_as_handoffs() {
        for (words, handoff) in [
            (&[][..], Handoff::Show),
            (
                &["tel:+1-555-765-4321"],
                Handoff::Dial("+15557654321".into()),
            ),
            (
                &["callto://+15557654321"],
                Handoff::Dial("+15557654321".into()),
            ),
            (
                &["call", "+15557654321"],
                Handoff::Dial("+15557654321".into()),
            ),
            (
                &["call", "+1", "(555)", "765-4321"],
                Handoff::Dial("+1 (555) 765-4321".into()),
            ),
            (
                &["call", "tel:5557654321;phone-context=+1"],
                Handoff::Dial("+15557654321".into()),
            ),
            (&["answer"], Handoff::Phone(PhoneCommand::Answer)),
            (&["hangup"], Handoff::Phone(PhoneCommand::HangUp)),
            (&["mute"], Handoff::Phone(PhoneCommand::ToggleMute)),
        ] {
            assert_eq!(
                Handoff::from_argv(&argv(words)).unwrap(),
                handoff,
                "{words:?}"
            );
            // What the running app is handed reads back the same.
            assert_eq!(Handoff::from_argv(&handoff.argv()).unwrap(), handoff);
        }
    }

    #[test]
    fn bad_input_is_refused_with_the_reason() {
        let refused = |words: &[&str]| Handoff::from_argv(&argv(words)).unwrap_err().to_string();
        assert!(refused(&["call", "1-800-FLOWERS"]).contains("'F'"));
        assert!(refused(&["https://evil.example"]).contains("not a tel: or callto: link"));
        assert!(
            refused(&["call"]).contains("required"),
            "{}",
            refused(&["call"])
        );
        assert!(refused(&["tel:+1555", "extra"]).contains("cannot be used with"));
        assert!(refused(&["--format-disk"]).contains("unexpected argument"));
        assert!(refused(&["serve"]).contains("runs on its own"));
        assert!(refused(&["call", &"5".repeat(100)]).contains("at most 64"));
    }

    #[test]
    fn only_phone_commands_need_a_running_phone() {
        assert!(Handoff::Phone(PhoneCommand::Answer).needs_a_running_phone());
        assert!(!Handoff::Dial("+15557654321".into()).needs_a_running_phone());
        assert!(!Handoff::Show.needs_a_running_phone());
    }
}
