//! Steps 3 to 5: an API key named after the app and the machine, Dialtone's own TwiML App
//! pointing at the public voice URL, the number bound to it, and everything saved.
//!
//! Each change to the account is approved first ([`Approve`]) and written down as it is made;
//! when a later step fails (or is declined) the changes are undone in reverse order and the
//! error says what failed, what was put back and what could not be. The number's old voice
//! configuration goes into the [`SetupRecord`] *before* the number is touched, so even a crash
//! between the two leaves undo able to put it back. The keychain is read before anything is
//! created: a locked keychain stops set-up while the account is still untouched.

use std::collections::BTreeMap;

use serde::Serialize;

use super::account::{caller_ids, signed_in, voice_numbers};
use super::record::{Made, TakenNumber};
use super::{
    describe_voice, now_ms, voice_url, Approve, Change, NumberWiring, SetupEnv, SetupError,
    SetupRecord, Step,
};
use crate::i18n::Text;
use crate::secret::Secret;
use crate::settings::{Field, Store};
use crate::twilio::{AppParams, Client, Credentials, NumberUpdate, TwilioError, VoiceConfig};

/// What the user chose.
#[derive(Debug, Clone)]
pub struct ConnectRequest {
    pub account_sid: String,
    pub auth_token: Secret,
    /// E.164, one of the account's voice numbers.
    pub number: String,
    /// E.164; `None` is the number itself.
    pub caller_id: Option<String>,
    /// The public base the TwiML App should call (a configured URL, or a tunnel found running);
    /// `None` leaves the Voice URL to [`super::repoint`], which sets it once a tunnel runs.
    pub public_base: Option<String>,
    /// A URL the user typed (`--public-url`, the wizard's field), saved as the configured
    /// public URL. A URL that was only discovered is never saved: re-pointing would stop.
    pub save_public_url: Option<String>,
    /// The user confirmed taking over a number that is wired elsewhere.
    pub take_over: bool,
}

/// What set-up did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Connected {
    pub number: String,
    pub application_sid: String,
    pub key_sid: String,
    pub voice_url: Option<String>,
    pub caller_id: String,
    /// What the number did before, when it was wired elsewhere (undo puts it back).
    pub replaced: Option<String>,
    pub reused_key: bool,
    pub reused_app: bool,
    /// Things that went wrong after the set-up itself succeeded (an old key not deleted).
    pub notes: Vec<String>,
}

/// One change made to the account, and how to take it back.
enum Done {
    CreatedKey {
        sid: String,
    },
    CreatedApp {
        sid: String,
    },
    PointedApp {
        sid: String,
        before: AppParams,
    },
    BoundNumber {
        sid: String,
        number: String,
        before: VoiceConfig,
    },
    WroteRecord {
        before: Option<Box<SetupRecord>>,
    },
    SavedSettings {
        before: BTreeMap<Field, Option<String>>,
    },
}

#[derive(Default)]
struct Journal {
    done: Vec<Done>,
}

impl Journal {
    /// Takes every change back, newest first: (what was put back, what could not be).
    async fn roll_back(self, client: &Client, env: &SetupEnv<'_>) -> (Vec<Text>, Vec<Text>) {
        let (mut undone, mut left) = (Vec::new(), Vec::new());
        for done in self.done.into_iter().rev() {
            let (what, result): (Option<Text>, Result<(), Text>) = match done {
                Done::CreatedKey { sid } => (
                    Some(Text::new("setup-undone-new-key").arg("sid", &sid)),
                    client.delete_key(&sid).await.map_err(|e| e.text()),
                ),
                Done::CreatedApp { sid } => (
                    Some(Text::new("setup-undone-new-app").arg("sid", &sid)),
                    client.delete_application(&sid).await.map_err(|e| e.text()),
                ),
                Done::PointedApp { sid, before } => (
                    Some(Text::new("setup-undone-app-url").arg("sid", &sid)),
                    client
                        .update_application(&sid, &before)
                        .await
                        .map(|_| ())
                        .map_err(|e| e.text()),
                ),
                Done::BoundNumber {
                    sid,
                    number,
                    before,
                } => (
                    Some(number_restored(&number, &describe_voice(&before))),
                    client
                        .update_incoming_phone_number(&sid, &before.restore())
                        .await
                        .map(|_| ())
                        .map_err(|e| e.text()),
                ),
                Done::WroteRecord { before } => (
                    None,
                    env.record.restore(before.as_deref()).map_err(|e| e.text()),
                ),
                Done::SavedSettings { before } => (
                    None,
                    restore_settings(env.store, &before).map_err(|e| Text::from(&e)),
                ),
            };
            match (what, result) {
                (None, Ok(())) => {}
                (Some(what), Ok(())) => undone.push(what),
                (None, Err(why)) => left.push(why),
                (Some(what), Err(why)) => left.push(
                    Text::new("setup-undo-did-not-happen")
                        .message("what", what)
                        .message("why", why),
                ),
            }
        }
        (undone, left)
    }
}

/// Puts saved settings back as they were (`None`: not saved).
/// "+1… sends its calls to … again": a number given back its old voice configuration.
pub(super) fn number_restored(number: &str, voice: &str) -> Text {
    Text::new("setup-undone-number")
        .arg("number", number)
        .arg("voice", voice)
}

fn restore_settings(
    store: &Store,
    before: &BTreeMap<Field, Option<String>>,
) -> Result<(), crate::settings::StoreError> {
    let put: BTreeMap<Field, String> = before
        .iter()
        .filter_map(|(f, v)| Some((*f, v.clone()?)))
        .collect();
    let gone: Vec<Field> = before
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(f, _)| *f)
        .collect();
    store.save(&put)?;
    store.delete(&gone)
}

/// Runs the steps, rolling back on failure.
pub async fn connect(
    env: &SetupEnv<'_>,
    request: &ConnectRequest,
    approve: &mut dyn Approve,
) -> Result<Connected, SetupError> {
    let number = Field::TwilioNumber.normalize(&request.number)?;
    let caller_id = match &request.caller_id {
        Some(c) if !c.trim().is_empty() => {
            Field::TwilioNumber
                .normalize(c)
                .map_err(|_| SetupError::CallerIdNotAllowed {
                    caller_id: c.trim().to_owned(),
                    choices: "a number in E.164 form".into(),
                })?
        }
        _ => number.clone(),
    };
    if let Some(url) = &request.save_public_url {
        Field::PublicUrl.normalize(url)?;
    }
    // The keychain first: when it is locked, stop before the account changes.
    let saved = env.store.load()?;
    let (client, account) = signed_in(env, &request.account_sid, &request.auth_token).await?;
    let all = client
        .list_incoming_phone_numbers(None)
        .await
        .map_err(SetupError::twilio(Step::ListNumbers))?;
    let voice = voice_numbers(&all)?;
    let Some(chosen) = voice.iter().find(|n| n.phone_number == number).copied() else {
        return Err(SetupError::NoSuchNumber {
            number,
            choices: voice
                .iter()
                .map(|n| n.phone_number.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let choices = caller_ids(&client, &all).await?;
    if !choices.iter().any(|c| c.phone_number == caller_id) {
        return Err(SetupError::CallerIdNotAllowed {
            caller_id,
            choices: choices
                .iter()
                .map(|c| c.phone_number.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let before_record = env.record.load()?;
    let ours = before_record
        .clone()
        .filter(|r| r.account_sid == account.sid);
    let our_app = ours
        .as_ref()
        .and_then(|r| r.application.as_ref())
        .map(|a| a.sid.clone());
    let wiring = NumberWiring::of(&chosen.voice, our_app.as_deref());
    let replaced = match &wiring {
        NumberWiring::Elsewhere(what) if !request.take_over => {
            return Err(SetupError::NeedsConfirmation {
                number,
                wired_to: what.clone(),
            })
        }
        NumberWiring::Elsewhere(what) => Some(what.clone()),
        _ => None,
    };

    let mut journal = Journal::default();
    let steps = Steps {
        env,
        request,
        client: &client,
        account_sid: &account.sid,
        saved: &saved,
    };
    match steps
        .run(
            &mut journal,
            approve,
            Plan {
                ours,
                before_record,
                chosen: (*chosen).clone(),
                wiring,
                replaced,
                caller_id,
                caller_ids: choices.into_iter().map(|c| c.phone_number).collect(),
            },
        )
        .await
    {
        Ok(done) => Ok(done),
        Err(cause) if journal.done.is_empty() => Err(cause),
        Err(cause) => {
            let (undone, left) = journal.roll_back(&client, env).await;
            Err(SetupError::RolledBack {
                cause: Box::new(cause),
                undone,
                left,
            })
        }
    }
}

/// What the checks before the first change found out.
struct Plan {
    /// The record of an earlier set-up of this account.
    ours: Option<SetupRecord>,
    /// The record as it is on disk (possibly of another account), put back on failure.
    before_record: Option<SetupRecord>,
    chosen: crate::twilio::IncomingPhoneNumber,
    wiring: NumberWiring,
    replaced: Option<String>,
    caller_id: String,
    caller_ids: Vec<String>,
}

struct Steps<'a> {
    env: &'a SetupEnv<'a>,
    request: &'a ConnectRequest,
    client: &'a Client,
    account_sid: &'a str,
    saved: &'a BTreeMap<Field, String>,
}

impl Steps<'_> {
    fn ask(approve: &mut dyn Approve, change: Change) -> Result<(), SetupError> {
        if approve.approve(&change) {
            Ok(())
        } else {
            Err(SetupError::Declined(change.to_string()))
        }
    }

    /// The key of an earlier set-up, if its secret is still saved and Twilio still accepts it.
    async fn reusable_key(
        &self,
        ours: Option<&SetupRecord>,
        number_sid: &str,
    ) -> Result<Option<(String, Secret)>, SetupError> {
        let Some(made) = ours.and_then(|r| r.key.as_ref()) else {
            return Ok(None);
        };
        if self.saved.get(&Field::ApiKeySid) != Some(&made.sid) {
            return Ok(None);
        }
        let Some(secret) = self.saved.get(&Field::ApiKeySecret) else {
            return Ok(None);
        };
        let secret = Secret::new(secret.clone());
        let credentials = Credentials::api_key(self.account_sid, &made.sid, secret.clone())
            .map_err(SetupError::twilio(Step::CheckKey))?;
        let with_key = self
            .env
            .api
            .client(credentials)
            .map_err(SetupError::twilio(Step::CheckKey))?;
        match with_key.fetch_incoming_phone_number(number_sid).await {
            Ok(_) => Ok(Some((made.sid.clone(), secret))),
            Err(TwilioError::Api(e)) if e.status == 401 => Ok(None),
            Err(e) => Err(SetupError::twilio(Step::CheckKey)(e)),
        }
    }

    async fn run(
        &self,
        journal: &mut Journal,
        approve: &mut dyn Approve,
        plan: Plan,
    ) -> Result<Connected, SetupError> {
        let client = self.client;
        let name = self.env.friendly_name();
        let voice = self.request.public_base.as_deref().map(voice_url);
        let chosen = &plan.chosen;

        // The API key: the one set-up made before, while it works; else a new one.
        let (key_sid, new_secret, reused_key) =
            match self.reusable_key(plan.ours.as_ref(), &chosen.sid).await? {
                Some((sid, _)) => (sid, None, true),
                None => {
                    Self::ask(approve, Change::CreateKey { name: name.clone() })?;
                    let key = client
                        .create_key(&name)
                        .await
                        .map_err(SetupError::twilio(Step::CreateKey))?;
                    journal.done.push(Done::CreatedKey {
                        sid: key.sid.clone(),
                    });
                    (key.sid, Some(key.secret), false)
                }
            };

        // The TwiML App: the one set-up made before (by its SID), else a new one.
        let earlier_app = match plan.ours.as_ref().and_then(|r| r.application.as_ref()) {
            Some(made) => match client.fetch_application(&made.sid).await {
                Ok(app) => Some(app),
                Err(TwilioError::Api(e)) if e.status == 404 => None,
                Err(e) => return Err(SetupError::twilio(Step::FindApp)(e)),
            },
            None => None,
        };
        let (app_sid, app_name, reused_app) = match earlier_app {
            Some(app) => {
                if let Some(url) = &voice {
                    let right = app.voice_url.as_deref() == Some(url.as_str())
                        && app.voice_method.as_deref().unwrap_or("POST") == "POST";
                    if !right {
                        Self::ask(
                            approve,
                            Change::PointApp {
                                sid: app.sid.clone(),
                                voice_url: url.clone(),
                            },
                        )?;
                        client
                            .update_application(&app.sid, &point(url))
                            .await
                            .map_err(SetupError::twilio(Step::PointApp))?;
                        journal.done.push(Done::PointedApp {
                            sid: app.sid.clone(),
                            before: AppParams {
                                voice_url: Some(app.voice_url.clone().unwrap_or_default()),
                                voice_method: app.voice_method.clone(),
                                ..AppParams::default()
                            },
                        });
                    }
                }
                let name = app.friendly_name.clone().unwrap_or_else(|| name.clone());
                (app.sid, name, true)
            }
            None => {
                Self::ask(
                    approve,
                    Change::CreateApp {
                        name: name.clone(),
                        voice_url: voice.clone(),
                    },
                )?;
                let params = AppParams {
                    friendly_name: Some(name.clone()),
                    voice_url: voice.clone(),
                    voice_method: Some("POST".into()),
                    ..AppParams::default()
                };
                let app = client
                    .create_application(&params)
                    .await
                    .map_err(SetupError::twilio(Step::CreateApp))?;
                journal.done.push(Done::CreatedApp {
                    sid: app.sid.clone(),
                });
                (app.sid, name.clone(), false)
            }
        };

        // Written down before the number is touched. A number taken over again keeps the
        // configuration it had before Dialtone first took it.
        let earlier_number = plan
            .ours
            .as_ref()
            .and_then(|r| r.number.clone())
            .filter(|n| n.sid == chosen.sid);
        let previous = match (&plan.wiring, earlier_number) {
            (NumberWiring::Dialtone, Some(n)) => n.previous,
            (NumberWiring::Free, Some(n)) => n.previous,
            _ => chosen.voice.clone(),
        };
        let mut record = SetupRecord::new(self.account_sid);
        record.key = Some(Made {
            sid: key_sid.clone(),
            friendly_name: name.clone(),
        });
        record.application = Some(Made {
            sid: app_sid.clone(),
            friendly_name: app_name,
        });
        record.number = Some(TakenNumber {
            sid: chosen.sid.clone(),
            phone_number: chosen.phone_number.clone(),
            previous,
        });
        record.caller_id = (plan.caller_id != chosen.phone_number).then(|| plan.caller_id.clone());
        record.caller_ids = plan.caller_ids.clone();
        if let Some(url) = &voice {
            record.voice_url = Some(url.clone());
            record.voice_url_set_at = Some(now_ms());
        }
        self.env.record.save(&record)?;
        journal.done.push(Done::WroteRecord {
            before: plan.before_record.clone().map(Box::new),
        });

        // The number.
        if chosen.voice.voice_application_sid.as_deref() != Some(app_sid.as_str()) {
            Self::ask(
                approve,
                Change::BindNumber {
                    number: chosen.phone_number.clone(),
                    replaces: plan.replaced.clone(),
                },
            )?;
            let bind = NumberUpdate {
                voice_application_sid: Some(app_sid.clone()),
                ..NumberUpdate::default()
            };
            client
                .update_incoming_phone_number(&chosen.sid, &bind)
                .await
                .map_err(SetupError::twilio(Step::BindNumber))?;
            journal.done.push(Done::BoundNumber {
                sid: chosen.sid.clone(),
                number: chosen.phone_number.clone(),
                before: chosen.voice.clone(),
            });
        }

        // A number an earlier set-up took, now given up for this one, gets its old life back.
        let mut notes = Vec::new();
        if let Some(old) = plan
            .ours
            .as_ref()
            .and_then(|r| r.number.as_ref())
            .filter(|n| n.sid != chosen.sid)
        {
            Self::ask(
                approve,
                Change::RestoreNumber {
                    number: old.phone_number.clone(),
                    to: describe_voice(&old.previous),
                },
            )?;
            if let Err(e) = client
                .update_incoming_phone_number(&old.sid, &old.previous.restore())
                .await
            {
                notes.push(format!(
                    "{} still sends its calls to Dialtone's TwiML App ({e}); change it in the Twilio Console",
                    old.phone_number
                ));
            }
        }

        // Saved last, so a refused keychain leaves nothing half set up.
        let mut changes = BTreeMap::from([
            (Field::AccountSid, self.account_sid.to_owned()),
            (
                Field::AuthToken,
                Field::AuthToken.normalize(self.request.auth_token.expose())?,
            ),
            (Field::ApiKeySid, key_sid.clone()),
            (Field::TwimlAppSid, app_sid.clone()),
            (Field::TwilioNumber, chosen.phone_number.clone()),
        ]);
        if let Some(secret) = &new_secret {
            changes.insert(Field::ApiKeySecret, secret.expose().to_owned());
        }
        if let Some(url) = &self.request.save_public_url {
            changes.insert(Field::PublicUrl, Field::PublicUrl.normalize(url)?);
        }
        let before: BTreeMap<Field, Option<String>> = changes
            .keys()
            .map(|f| (*f, self.saved.get(f).cloned()))
            .collect();
        journal.done.push(Done::SavedSettings { before });
        self.env.store.save(&changes)?;

        // The key an earlier set-up made and this one replaced is of no use any more.
        if let Some(old) = plan
            .ours
            .as_ref()
            .and_then(|r| r.key.as_ref())
            .filter(|k| k.sid != key_sid)
        {
            match client.delete_key(&old.sid).await {
                Ok(()) | Err(TwilioError::Api(crate::twilio::ApiError { status: 404, .. })) => {}
                Err(e) => notes.push(format!(
                    "the old API key {} could not be deleted ({e}); delete it in the Twilio Console",
                    old.sid
                )),
            }
        }

        Ok(Connected {
            number: chosen.phone_number.clone(),
            application_sid: app_sid,
            key_sid,
            voice_url: voice,
            caller_id: plan.caller_id,
            replaced: plan.replaced,
            reused_key,
            reused_app,
            notes,
        })
    }
}

/// The update that points a TwiML App at `voice_url`.
pub fn point(voice_url: &str) -> AppParams {
    AppParams {
        voice_url: Some(voice_url.to_owned()),
        voice_method: Some("POST".into()),
        ..AppParams::default()
    }
}
