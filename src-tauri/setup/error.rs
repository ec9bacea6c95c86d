//! How set-up fails, in words that say what happened, what was put back, and what to do.

use std::fmt;
use std::path::PathBuf;

use super::record::RecordError;
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

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::CheckAccount => "check the Account SID and Auth Token",
            Step::ListNumbers => "list the account's phone numbers",
            Step::ListCallerIds => "list the account's verified caller IDs",
            Step::CheckKey => "check the API key",
            Step::CreateKey => "create the API key",
            Step::FindApp => "find Dialtone's TwiML App",
            Step::CreateApp => "create the TwiML App",
            Step::PointApp => "set the TwiML App's Voice URL",
            Step::FindNumber => "read the number's voice configuration",
            Step::BindNumber => "connect the number to the TwiML App",
            Step::RestoreNumber => "put the number's voice configuration back",
            Step::DeleteApp => "delete the TwiML App",
            Step::DeleteKey => "delete the API key",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Invalid(#[from] InvalidValue),
    #[error("Twilio refused this Account SID and Auth Token (error 20003). Copy both again from the Twilio Console, Account Info (the Auth Token shows after you click it). Nothing was saved")]
    WrongCredentials,
    #[error("this Twilio account is {status}, so it can neither place nor take calls. Reactivate it in the Twilio Console, then run the set-up again")]
    AccountNotActive { status: String },
    #[error("this Twilio account has no phone number that can take voice calls{others}. Buy one in the Twilio Console (Phone Numbers › Buy a number, with Voice), then run the set-up again")]
    NoVoiceNumber {
        /// ", only 2 without voice" or empty.
        others: String,
    },
    #[error(
        "{number} is not a voice number of this Twilio account; its voice numbers are {choices}"
    )]
    NoSuchNumber { number: String, choices: String },
    #[error("{number} already sends its calls to {wired_to}. Dialtone takes it over only when you confirm (on the command line: --force); it records that configuration and puts it back when you disconnect")]
    NeedsConfirmation { number: String, wired_to: String },
    #[error("{caller_id} cannot be the outgoing caller ID: it is neither a number of this account nor one of its verified caller IDs (Twilio Console › Phone Numbers › Verified Caller IDs). Choose one of {choices}")]
    CallerIdNotAllowed { caller_id: String, choices: String },
    #[error("stopped: you declined to {0}")]
    Declined(String),
    #[error("nothing to undo: Dialtone has no record of a set-up made on this computer (it keeps one in {}). A set-up made by hand is undone in the Twilio Console", .path.display())]
    NotSetUp { path: PathBuf },
    /// A saved setting that undo, repair or the remote check needs is missing or malformed.
    #[error("{0}")]
    NeedsSettings(String),
    #[error("could not {step}: {source}")]
    Twilio {
        step: Step,
        #[source]
        source: TwilioError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Record(#[from] RecordError),
    /// A step failed after others had changed the account: what was put back, and what not.
    #[error("{}", rolled_back(.cause, .undone, .left))]
    RolledBack {
        cause: Box<SetupError>,
        undone: Vec<String>,
        left: Vec<String>,
    },
    /// Undo did what it could; `failed` says what is left to do by hand.
    #[error("{}", undo_incomplete(.done, .failed))]
    UndoIncomplete {
        done: Vec<String>,
        failed: Vec<String>,
    },
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
}

fn rolled_back(cause: &SetupError, undone: &[String], left: &[String]) -> String {
    let mut text = format!("set-up stopped: {cause}.");
    if undone.is_empty() && left.is_empty() {
        text.push_str(
            " Nothing had been changed in your Twilio account yet, and nothing was saved.",
        );
    }
    if !undone.is_empty() {
        text.push_str(&format!(
            " Put back as it was: {}. Nothing was saved.",
            undone.join("; ")
        ));
    }
    if !left.is_empty() {
        text.push_str(&format!(
            " Could not be put back, so do it in the Twilio Console: {}.",
            left.join("; ")
        ));
    }
    text
}

fn undo_incomplete(done: &[String], failed: &[String]) -> String {
    let mut text = format!("undo did not finish: {}.", failed.join("; "));
    if !done.is_empty() {
        text.push_str(&format!(" Done: {}.", done.join("; ")));
    }
    text.push_str(" Dialtone kept its record, so `dialtone setup --undo` (or Disconnect in Settings) tries the rest again.");
    text
}
