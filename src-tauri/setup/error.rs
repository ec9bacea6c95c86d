//! How set-up fails, in words that say what happened, what was put back, and what to do.

use std::fmt;
use std::path::PathBuf;

use super::record::RecordError;
use crate::i18n::Text;
use crate::settings::{Field, InvalidValue, StoreError};
use crate::twilio::TwilioError;

/// The step of set-up (or undo) that was under way, for "could not …" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CheckAccount,
    ListNumbers,
    ListCallerIds,
    CheckKey,
    CreateKey,
    FindApp,
    CreateApp,
    PointApp,
    FindNumber,
    BindNumber,
    RestoreNumber,
    DeleteApp,
    DeleteKey,
}

impl Step {
    /// What was being done, as a verb phrase: "could not { step }".
    pub fn text(self) -> Text {
        Text::new(match self {
            Step::CheckAccount => "setup-step-check-account",
            Step::ListNumbers => "setup-step-list-numbers",
            Step::ListCallerIds => "setup-step-list-caller-ids",
            Step::CheckKey => "setup-step-check-key",
            Step::CreateKey => "setup-step-create-key",
            Step::FindApp => "setup-step-find-app",
            Step::CreateApp => "setup-step-create-app",
            Step::PointApp => "setup-step-point-app",
            Step::FindNumber => "setup-step-find-number",
            Step::BindNumber => "setup-step-bind-number",
            Step::RestoreNumber => "setup-step-restore-number",
            Step::DeleteApp => "setup-step-delete-app",
            Step::DeleteKey => "setup-step-delete-key",
        })
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

/// Its words are catalog messages (`setup-failed-*`, [`SetupError::text`]): the wizard shows
/// them in the user's language, `Display` in English for logs and the CLI.
#[derive(Debug)]
pub enum SetupError {
    Invalid(InvalidValue),
    WrongCredentials,
    AccountNotActive {
        status: String,
    },
    NoVoiceNumber {
        /// Numbers the account has that cannot take voice calls.
        without_voice: usize,
    },
    NoSuchNumber {
        number: String,
        choices: String,
    },
    NeedsConfirmation {
        number: String,
        wired_to: String,
    },
    CallerIdNotAllowed {
        caller_id: String,
        choices: String,
    },
    /// The command line's prompt was answered no (the wizard approves everything it shows).
    Declined(String),
    NotSetUp {
        path: PathBuf,
    },
    /// A saved setting that undo, repair or the remote check needs is missing or malformed.
    NeedsSettings(String),
    Twilio {
        step: Step,
        source: TwilioError,
    },
    Store(StoreError),
    Record(RecordError),
    /// A step failed after others had changed the account: what was put back, and what not.
    RolledBack {
        cause: Box<SetupError>,
        undone: Vec<Text>,
        left: Vec<Text>,
    },
    /// Undo did what it could; `failed` says what is left to do by hand.
    UndoIncomplete {
        done: Vec<Text>,
        failed: Vec<Text>,
    },
}

impl From<InvalidValue> for SetupError {
    fn from(invalid: InvalidValue) -> Self {
        SetupError::Invalid(invalid)
    }
}

impl From<StoreError> for SetupError {
    fn from(error: StoreError) -> Self {
        SetupError::Store(error)
    }
}

impl From<RecordError> for SetupError {
    fn from(error: RecordError) -> Self {
        SetupError::Record(error)
    }
}

impl SetupError {
    pub fn twilio(step: Step) -> impl FnOnce(TwilioError) -> SetupError {
        move |source| SetupError::Twilio { step, source }
    }

    /// The setting the user should look at, when there is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            SetupError::Invalid(invalid) => Some(invalid.field),
            SetupError::WrongCredentials => Some(Field::AuthToken),
            SetupError::NoSuchNumber { .. } => Some(Field::TwilioNumber),
            SetupError::RolledBack { cause, .. } => cause.field(),
            _ => None,
        }
    }

    /// The Twilio error code behind this, if Twilio answered with one.
    pub fn twilio_code(&self) -> Option<u32> {
        match self {
            SetupError::Twilio { source, .. } => source.code(),
            SetupError::RolledBack { cause, .. } => cause.twilio_code(),
            _ => None,
        }
    }

    /// What happened, what was put back and what to do, in words to be.
    pub fn text(&self) -> Text {
        match self {
            SetupError::Invalid(invalid) => Text::from(invalid),
            SetupError::WrongCredentials => Text::new("setup-failed-credentials"),
            SetupError::AccountNotActive { status } => {
                Text::new("setup-failed-account-inactive").arg("status", status)
            }
            SetupError::NoVoiceNumber { without_voice } => {
                Text::new("setup-failed-no-voice-number").number("others", *without_voice as f64)
            }
            SetupError::NoSuchNumber { number, choices } => {
                Text::new("setup-failed-no-such-number")
                    .arg("number", number)
                    .arg("choices", choices)
            }
            SetupError::NeedsConfirmation { number, wired_to } => {
                Text::new("setup-failed-needs-confirmation")
                    .arg("number", number)
                    .arg("wired", wired_to)
            }
            SetupError::CallerIdNotAllowed { caller_id, choices } => {
                Text::new("setup-failed-caller-id")
                    .arg("caller", caller_id)
                    .arg("choices", choices)
            }
            SetupError::Declined(what) => Text::new("setup-failed-declined").arg("what", what),
            SetupError::NotSetUp { path } => {
                Text::new("setup-failed-not-set-up").arg("path", path.display())
            }
            SetupError::NeedsSettings(words) => Text::plain(words),
            SetupError::Twilio { step, source } => Text::new("setup-failed-step")
                .message("step", step.text())
                .message("reason", source.text()),
            SetupError::Store(error) => Text::from(error),
            SetupError::Record(error) => error.text(),
            SetupError::RolledBack {
                cause,
                undone,
                left,
            } => {
                let mut text = Text::new("setup-failed-stopped").message("cause", cause.text());
                if undone.is_empty() && left.is_empty() {
                    text = then(text, Text::new("setup-failed-nothing-changed"));
                }
                if !undone.is_empty() {
                    text = then(
                        text,
                        Text::new("setup-failed-put-back").message("items", list(undone)),
                    );
                }
                if !left.is_empty() {
                    text = then(
                        text,
                        Text::new("setup-failed-left").message("items", list(left)),
                    );
                }
                text
            }
            SetupError::UndoIncomplete { done, failed } => {
                let mut text = Text::new("setup-undo-unfinished").message("items", list(failed));
                if !done.is_empty() {
                    text = then(
                        text,
                        Text::new("setup-undo-done").message("items", list(done)),
                    );
                }
                then(text, Text::new("setup-undo-try-again"))
            }
        }
    }
}

/// One sentence after another.
fn then(first: Text, second: Text) -> Text {
    Text::new("sentence-then")
        .message("first", first)
        .message("second", second)
}

/// Things done (or not), as one list: "a; b".
fn list(items: &[Text]) -> Text {
    crate::i18n::errors::joined(items.iter().cloned())
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for SetupError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SetupError::Invalid(e) => Some(e),
            SetupError::Twilio { source, .. } => Some(source),
            SetupError::Store(e) => Some(e),
            SetupError::Record(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn stopped(undone: Vec<Text>, left: Vec<Text>) -> SetupError {
        SetupError::RolledBack {
            cause: Box::new(SetupError::twilio(Step::BindNumber)(TwilioError::Setup(
                "no TLS".into(),
            ))),
            undone,
            left,
        }
    }

    #[test]
    fn a_rolled_back_set_up_says_what_was_put_back_and_what_is_left() {
        let key = Text::new("setup-undone-new-key").arg("sid", "SK1");
        let app = Text::new("setup-undone-new-app").arg("sid", "AP1");
        assert_eq!(
            stopped(vec![key.clone(), app.clone()], vec![]).to_string(),
            "set-up stopped: could not connect the number to the TwiML App: the HTTP client could \
             not be set up: no TLS. Put back as it was: deleted the new API key SK1; deleted the \
             new TwiML App AP1. Nothing was saved."
        );
        assert_eq!(
            stopped(vec![], vec![]).to_string(),
            "set-up stopped: could not connect the number to the TwiML App: the HTTP client could \
             not be set up: no TLS. Nothing had been changed in your Twilio account yet, and \
             nothing was saved."
        );
        let ja = stopped(vec![key], vec![app]).text().render(Language::Ja);
        assert_eq!(
            ja,
            "初期設定を中止しました：番号とTwiML Appの接続ができませんでした：HTTPクライアントを準備できませんでした：no TLS。\
             元に戻したもの：新しいAPIキーSK1を削除しました。何も保存していません。\
             元に戻せなかったもの（Twilio Consoleで戻してください）：新しいTwiML App AP1を削除しました。"
        );
    }

    #[test]
    fn the_number_count_reads_as_a_phrase_in_each_language() {
        let none = |n| SetupError::NoVoiceNumber { without_voice: n };
        assert!(none(0)
            .to_string()
            .starts_with("this Twilio account has no phone number that can take voice calls. Buy"));
        assert!(none(1)
            .to_string()
            .contains("voice calls, only one without voice. Buy"));
        assert!(none(3)
            .to_string()
            .contains("voice calls, only 3 without voice. Buy"));
        assert!(none(3)
            .text()
            .render(Language::Ja)
            .contains("（音声に対応していない番号が3件あります）"));
    }
}
