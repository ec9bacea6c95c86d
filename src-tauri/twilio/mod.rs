//! A client for Twilio's REST API (2010-04-01): the calls Dialtone's set-up and voicemail need.
//!
//! Plain Rust, no Tauri. The base URL is a parameter (the app passes `https://api.twilio.com`
//! or its `DIALTONE_TWILIO_API_BASE` test switch); nothing here reads the environment. Requests
//! are form-encoded with Basic auth ([`Credentials`]), lists follow every page, timeouts bound
//! each request, and 429/5xx answers are retried as [`retry`] explains. Errors name the fix in
//! plain words ([`TwilioError`]) and never hold a credential.
//!
//! Hand-written rather than a crate: Twilio ships no Rust SDK, and none of the community crates
//! is current, small and rustls-based (`twilio-rest.md` §1.6); these calls are a dozen forms and
//! a few JSON shapes.

mod client;
mod credentials;
mod error;
mod resources;
pub mod retry;

pub use client::{install_crypto_provider, Client, ClientOptions, TWILIO_API_BASE};
pub use credentials::{is_sid, Credentials};
pub use error::{ApiError, BaseUrlProblem, TwilioError};
pub use resources::{
    Account, AppParams, Application, Call, CallFilter, Capabilities, IncomingPhoneNumber, Key,
    Media, MediaFormat, NewKey, NumberUpdate, OutgoingCallerId, Recording, VoiceConfig,
};

use client::Body;
use credentials::check_sid;
use reqwest::Method;
use retry::Idempotency;

impl Client {
    /// The account itself: a check that the Account SID and Auth Token are right. A Standard
    /// API key gets 20003 here by design.
    pub async fn fetch_account(&self) -> Result<Account, TwilioError> {
        let path = format!("/2010-04-01/Accounts/{}.json", self.account_sid());
        self.call(Method::GET, &path, Body::None, Idempotency::Repeatable)
            .await
    }

    /// Every number of the account, or those whose number contains `phone_number` (Twilio
    /// matches parts, `*` standing for any digit). Voice capability is in `capabilities.voice`.
    pub async fn list_incoming_phone_numbers(
        &self,
        phone_number: Option<&str>,
    ) -> Result<Vec<IncomingPhoneNumber>, TwilioError> {
        let query: Vec<_> = phone_number
            .map(|n| ("PhoneNumber", n.to_owned()))
            .into_iter()
            .collect();
        self.list(
            &self.account_path("/IncomingPhoneNumbers.json"),
            "incoming_phone_numbers",
            &query,
        )
        .await
    }

    pub async fn fetch_incoming_phone_number(
        &self,
        sid: &str,
    ) -> Result<IncomingPhoneNumber, TwilioError> {
        check_sid("phone number SID", sid, "PN")?;
        let path = self.account_path(&format!("/IncomingPhoneNumbers/{sid}.json"));
        self.call(Method::GET, &path, Body::None, Idempotency::Repeatable)
            .await
    }

    /// Changes a number's voice configuration; the number as it is afterwards.
    pub async fn update_incoming_phone_number(
        &self,
        sid: &str,
        update: &NumberUpdate,
    ) -> Result<IncomingPhoneNumber, TwilioError> {
        check_sid("phone number SID", sid, "PN")?;
        let path = self.account_path(&format!("/IncomingPhoneNumbers/{sid}.json"));
        let form = update.form();
        self.call(
            Method::POST,
            &path,
            Body::Form(&form),
            Idempotency::Repeatable,
        )
        .await
    }

    /// A Standard API key; its secret is in this answer only. Needs the Auth Token.
    pub async fn create_key(&self, friendly_name: &str) -> Result<NewKey, TwilioError> {
        let form = [("FriendlyName", friendly_name.to_owned())];
        self.call(
            Method::POST,
            &self.account_path("/Keys.json"),
            Body::Form(&form),
            Idempotency::Once,
        )
        .await
    }

    pub async fn list_keys(&self) -> Result<Vec<Key>, TwilioError> {
        self.list(&self.account_path("/Keys.json"), "keys", &[])
            .await
    }

    pub async fn delete_key(&self, sid: &str) -> Result<(), TwilioError> {
        check_sid("API key SID", sid, "SK")?;
        self.delete(&self.account_path(&format!("/Keys/{sid}.json")))
            .await
    }

    pub async fn create_application(&self, params: &AppParams) -> Result<Application, TwilioError> {
        let form = params.form();
        self.call(
            Method::POST,
            &self.account_path("/Applications.json"),
            Body::Form(&form),
            Idempotency::Once,
        )
        .await
    }

    /// Every TwiML App, or those named exactly `friendly_name`.
    pub async fn list_applications(
        &self,
        friendly_name: Option<&str>,
    ) -> Result<Vec<Application>, TwilioError> {
        let query: Vec<_> = friendly_name
            .map(|n| ("FriendlyName", n.to_owned()))
            .into_iter()
            .collect();
        self.list(
            &self.account_path("/Applications.json"),
            "applications",
            &query,
        )
        .await
    }

    pub async fn fetch_application(&self, sid: &str) -> Result<Application, TwilioError> {
        check_sid("TwiML App SID", sid, "AP")?;
        let path = self.account_path(&format!("/Applications/{sid}.json"));
        self.call(Method::GET, &path, Body::None, Idempotency::Repeatable)
            .await
    }

    pub async fn update_application(
        &self,
        sid: &str,
        params: &AppParams,
    ) -> Result<Application, TwilioError> {
        check_sid("TwiML App SID", sid, "AP")?;
        let path = self.account_path(&format!("/Applications/{sid}.json"));
        let form = params.form();
        self.call(
            Method::POST,
            &path,
            Body::Form(&form),
            Idempotency::Repeatable,
        )
        .await
    }

    pub async fn delete_application(&self, sid: &str) -> Result<(), TwilioError> {
        check_sid("TwiML App SID", sid, "AP")?;
        self.delete(&self.account_path(&format!("/Applications/{sid}.json")))
            .await
    }

    /// The account's verified caller IDs: numbers it may call from besides its own.
    pub async fn list_outgoing_caller_ids(&self) -> Result<Vec<OutgoingCallerId>, TwilioError> {
        self.list(
            &self.account_path("/OutgoingCallerIds.json"),
            "outgoing_caller_ids",
            &[],
        )
        .await
    }

    /// Calls, newest first.
    pub async fn list_calls(&self, filter: &CallFilter) -> Result<Vec<Call>, TwilioError> {
        self.list(&self.account_path("/Calls.json"), "calls", &filter.query())
            .await
    }

    /// Recordings, newest first; of one call when `call_sid` is given.
    pub async fn list_recordings(
        &self,
        call_sid: Option<&str>,
    ) -> Result<Vec<Recording>, TwilioError> {
        if let Some(sid) = call_sid {
            check_sid("call SID", sid, "CA")?;
        }
        let query: Vec<_> = call_sid
            .map(|s| ("CallSid", s.to_owned()))
            .into_iter()
            .collect();
        self.list(&self.account_path("/Recordings.json"), "recordings", &query)
            .await
    }

    pub async fn fetch_recording(&self, sid: &str) -> Result<Recording, TwilioError> {
        check_sid("recording SID", sid, "RE")?;
        let path = self.account_path(&format!("/Recordings/{sid}.json"));
        self.call(Method::GET, &path, Body::None, Idempotency::Repeatable)
            .await
    }

    pub async fn delete_recording(&self, sid: &str) -> Result<(), TwilioError> {
        check_sid("recording SID", sid, "RE")?;
        self.delete(&self.account_path(&format!("/Recordings/{sid}.json")))
            .await
    }

    /// A recording's audio, fetched with the same credentials.
    pub async fn fetch_recording_media(
        &self,
        sid: &str,
        format: MediaFormat,
    ) -> Result<Media, TwilioError> {
        check_sid("recording SID", sid, "RE")?;
        let path = self.account_path(&format!("/Recordings/{sid}.{}", format.extension()));
        let (content_type, bytes) = self.bytes(&path).await?;
        Ok(Media {
            content_type,
            bytes,
        })
    }
}
