//! Undo ("Disconnect this number", `dialtone setup --undo`): the number gets back the voice
//! configuration it had before Dialtone took it (a trunk re-sent as `TrunkSid`, since binding
//! cleared it), and the TwiML App and API key Dialtone created are deleted. Then the settings
//! that named them are cleared. The Account SID and Auth Token stay: they are the user's own,
//! still valid, and the next set-up starts from them.
//!
//! Every step is tried even when one fails; the record is deleted only when all succeeded, so
//! undo can be run again for the rest. Something already gone at Twilio counts as undone.

use super::{describe_voice, Approve, Change, SetupEnv, SetupError, SetupRecord, Step};
use crate::i18n::Text;
use crate::secret::Secret;
use crate::settings::Field;
use crate::twilio::{ApiError, Credentials, TwilioError};

/// What undo did, each in words to be (the UI renders them in its language).
#[derive(Debug, Clone)]
pub struct Undone {
    pub done: Vec<Text>,
}

/// "delete the TwiML App: …": a step of undo that failed, and why.
fn step_failed(step: Step, error: &TwilioError) -> Text {
    Text::new("setup-undo-step-failed")
        .message("step", step.text())
        .message("reason", error.text())
}

fn gone(e: &TwilioError) -> bool {
    matches!(e, TwilioError::Api(ApiError { status: 404, .. }))
}

/// The Auth Token client for the recorded account, from the saved settings.
fn auth_client(
    env: &SetupEnv<'_>,
    record: &SetupRecord,
) -> Result<crate::twilio::Client, SetupError> {
    let saved = env.store.load()?;
    let token = saved.get(&Field::AuthToken).ok_or_else(|| {
        SetupError::NeedsSettings(
            "the Auth Token is not saved, and undo needs it to delete the API key: save it in Settings (or `dialtone config set auth_token`) and try again".into(),
        )
    })?;
    let credentials = Credentials::auth_token(&record.account_sid, Secret::new(token.clone()))
        .map_err(SetupError::twilio(Step::RestoreNumber))?;
    env.api
        .client(credentials)
        .map_err(SetupError::twilio(Step::RestoreNumber))
}

pub async fn undo(env: &SetupEnv<'_>, approve: &mut dyn Approve) -> Result<Undone, SetupError> {
    let Some(record) = env.record.load()? else {
        return Err(SetupError::NotSetUp {
            path: env.record.path().to_owned(),
        });
    };
    let client = auth_client(env, &record)?;
    let (mut done, mut failed) = (Vec::new(), Vec::new());
    let mut declined = None;
    let mut ask = |change: Change| -> bool {
        let yes = approve.approve(&change);
        if !yes && declined.is_none() {
            declined = Some(change.to_string());
        }
        yes
    };

    if let Some(number) = &record.number {
        let to = describe_voice(&number.previous);
        if ask(Change::RestoreNumber {
            number: number.phone_number.clone(),
            to: to.clone(),
        }) {
            match client
                .update_incoming_phone_number(&number.sid, &number.previous.restore())
                .await
            {
                Ok(_) => done.push(super::connect::number_restored(&number.phone_number, &to)),
                Err(e) if gone(&e) => done.push(
                    Text::new("setup-undone-number-gone").arg("number", &number.phone_number),
                ),
                Err(e) => failed.push(step_failed(Step::RestoreNumber, &e)),
            }
        }
    }
    if let Some(app) = &record.application {
        if ask(Change::DeleteApp {
            sid: app.sid.clone(),
        }) {
            match client.delete_application(&app.sid).await {
                Ok(()) => done.push(Text::new("setup-undone-app").arg("sid", &app.sid)),
                Err(e) if gone(&e) => {
                    done.push(Text::new("setup-undone-app-gone").arg("sid", &app.sid))
                }
                Err(e) => failed.push(step_failed(Step::DeleteApp, &e)),
            }
        }
    }
    if let Some(key) = &record.key {
        if ask(Change::DeleteKey {
            sid: key.sid.clone(),
        }) {
            match client.delete_key(&key.sid).await {
                Ok(()) => done.push(Text::new("setup-undone-key").arg("sid", &key.sid)),
                Err(e) if gone(&e) => {
                    done.push(Text::new("setup-undone-key-gone").arg("sid", &key.sid))
                }
                Err(e) => failed.push(step_failed(Step::DeleteKey, &e)),
            }
        }
    }
    if let Some(what) = declined {
        failed.push(Text::new("setup-undo-declined").arg("what", what));
    }
    if !failed.is_empty() {
        return Err(SetupError::UndoIncomplete { done, failed });
    }

    // The settings that named what is now gone.
    let saved = env.store.load()?;
    let named = |field: Field, value: Option<&str>| {
        value.is_some() && saved.get(&field).map(String::as_str) == value
    };
    let mut clear = Vec::new();
    if named(
        Field::ApiKeySid,
        record.key.as_ref().map(|k| k.sid.as_str()),
    ) {
        clear.extend([Field::ApiKeySid, Field::ApiKeySecret]);
    }
    if named(
        Field::TwimlAppSid,
        record.application.as_ref().map(|a| a.sid.as_str()),
    ) {
        clear.push(Field::TwimlAppSid);
    }
    if named(
        Field::TwilioNumber,
        record.number.as_ref().map(|n| n.phone_number.as_str()),
    ) {
        clear.push(Field::TwilioNumber);
    }
    env.store.delete(&clear)?;
    env.record.delete()?;
    Ok(Undone { done })
}
