//! Steps 1 and 2: the Account SID and Auth Token are checked at once by fetching the account
//! (nothing is saved before that works), then the account's voice numbers are listed, every
//! page, with what each is wired to, and the caller IDs it may call from.

use serde::Serialize;

use super::{NumberWiring, SetupEnv, SetupError, Step};
use crate::secret::Secret;
use crate::settings::Field;
use crate::twilio::{Client, Credentials, IncomingPhoneNumber, TwilioError};

/// A number the user can pick.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NumberChoice {
    pub phone_number: String,
    pub friendly_name: Option<String>,
    pub wiring: NumberWiring,
}

/// A number calls may go out from: one of the account's, or a verified caller ID.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CallerIdChoice {
    pub phone_number: String,
    pub friendly_name: Option<String>,
    /// True for a verified caller ID (`OutgoingCallerIds`), false for a number of the account.
    pub verified: bool,
}

/// What the wizard shows after the credentials checked out.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountOverview {
    pub account_sid: String,
    pub friendly_name: Option<String>,
    /// A trial account: calls only to verified numbers, with Twilio's notice first.
    pub trial: bool,
    /// The voice-capable numbers, in Twilio's order.
    pub numbers: Vec<NumberChoice>,
    pub caller_ids: Vec<CallerIdChoice>,
    /// The number to offer first: the only one, or the one Dialtone already uses.
    pub proposed: Option<String>,
}

/// A client with the Account SID and Auth Token, once Twilio accepted them. A wrong pair is
/// [`SetupError::WrongCredentials`].
pub async fn signed_in(
    env: &SetupEnv<'_>,
    account_sid: &str,
    auth_token: &Secret,
) -> Result<(Client, crate::twilio::Account), SetupError> {
    let account_sid = Field::AccountSid.normalize(account_sid)?;
    let token = Secret::new(Field::AuthToken.normalize(auth_token.expose())?);
    let credentials = Credentials::auth_token(&account_sid, token)
        .map_err(SetupError::twilio(Step::CheckAccount))?;
    let client = env
        .api
        .client(credentials)
        .map_err(SetupError::twilio(Step::CheckAccount))?;
    let account = match client.fetch_account().await {
        Ok(account) => account,
        Err(e) if matches!(e.code(), Some(20003)) || is_status(&e, 401) => {
            return Err(SetupError::WrongCredentials)
        }
        Err(e) => return Err(SetupError::twilio(Step::CheckAccount)(e)),
    };
    match account.status.as_deref() {
        None | Some("active") => Ok((client, account)),
        Some(other) => Err(SetupError::AccountNotActive {
            status: other.to_owned(),
        }),
    }
}

fn is_status(e: &TwilioError, status: u16) -> bool {
    matches!(e, TwilioError::Api(api) if api.status == status)
}

/// The voice-capable numbers among `all`; none is [`SetupError::NoVoiceNumber`].
pub(super) fn voice_numbers(
    all: &[IncomingPhoneNumber],
) -> Result<Vec<&IncomingPhoneNumber>, SetupError> {
    let voice: Vec<_> = all.iter().filter(|n| n.capabilities.voice).collect();
    if voice.is_empty() {
        return Err(SetupError::NoVoiceNumber {
            without_voice: all.len(),
        });
    }
    Ok(voice)
}

/// Every number calls may go out from, the account's own first.
pub(super) async fn caller_ids(
    client: &Client,
    numbers: &[IncomingPhoneNumber],
) -> Result<Vec<CallerIdChoice>, SetupError> {
    let verified = client
        .list_outgoing_caller_ids()
        .await
        .map_err(SetupError::twilio(Step::ListCallerIds))?;
    let mut choices: Vec<CallerIdChoice> = numbers
        .iter()
        .map(|n| CallerIdChoice {
            phone_number: n.phone_number.clone(),
            friendly_name: n.friendly_name.clone(),
            verified: false,
        })
        .collect();
    for id in verified {
        if !choices.iter().any(|c| c.phone_number == id.phone_number) {
            choices.push(CallerIdChoice {
                phone_number: id.phone_number,
                friendly_name: id.friendly_name,
                verified: true,
            });
        }
    }
    Ok(choices)
}

/// Steps 1 and 2.
pub async fn overview(
    env: &SetupEnv<'_>,
    account_sid: &str,
    auth_token: &Secret,
) -> Result<AccountOverview, SetupError> {
    let (client, account) = signed_in(env, account_sid, auth_token).await?;
    let all = client
        .list_incoming_phone_numbers(None)
        .await
        .map_err(SetupError::twilio(Step::ListNumbers))?;
    let voice = voice_numbers(&all)?;
    let record = env.record.load()?.filter(|r| r.account_sid == account.sid);
    let our_app = record
        .as_ref()
        .and_then(|r| r.application.as_ref())
        .map(|a| a.sid.as_str());
    let numbers: Vec<NumberChoice> = voice
        .iter()
        .map(|n| NumberChoice {
            phone_number: n.phone_number.clone(),
            friendly_name: n.friendly_name.clone(),
            wiring: NumberWiring::of(&n.voice, our_app),
        })
        .collect();
    let proposed = match numbers.as_slice() {
        [only] => Some(only.phone_number.clone()),
        _ => numbers
            .iter()
            .find(|n| n.wiring == NumberWiring::Dialtone)
            .map(|n| n.phone_number.clone()),
    };
    Ok(AccountOverview {
        account_sid: account.sid,
        friendly_name: account.friendly_name,
        trial: account.kind.as_deref() == Some("Trial"),
        caller_ids: caller_ids(&client, &all).await?,
        numbers,
        proposed,
    })
}
