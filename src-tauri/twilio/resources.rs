//! The JSON Twilio answers with, read into types (field names from `twilio_api_v2010.json`), and
//! the form fields Dialtone sends. Only what Dialtone uses is read; the rest is ignored, so a new
//! field at Twilio changes nothing here. Twilio writes "not set" as `""` or `null` depending on
//! the field (`twilio.md` §8.2); both read as `None`.

use serde::{Deserialize, Deserializer, Serialize};

use crate::secret::Secret;

fn blank_is_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value: Option<String> = Option::deserialize(d)?;
    Ok(value.filter(|v| !v.is_empty()))
}

fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<Secret, D::Error> {
    String::deserialize(d).map(Secret::new)
}

/// `GET /Accounts/{AC}.json`. Twilio's answer also holds the Auth Token; it is not read.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Account {
    pub sid: String,
    pub friendly_name: Option<String>,
    /// `active`, `suspended` or `closed`.
    pub status: Option<String>,
    /// `Trial` or `Full`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Capabilities {
    #[serde(default)]
    pub voice: bool,
    #[serde(default)]
    pub sms: bool,
    #[serde(default)]
    pub mms: bool,
    #[serde(default)]
    pub fax: bool,
}

/// Where a number sends its calls: what set-up records before binding the number and puts back
/// on undo (`twilio-rest.md` §1.5). `Serialize` so set-up can keep it on disk until then.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct VoiceConfig {
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_url: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_method: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_fallback_url: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_fallback_method: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_application_sid: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub trunk_sid: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub status_callback: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub status_callback_method: Option<String>,
}

impl VoiceConfig {
    /// The update that puts this configuration back: every field sent, unset ones as `""` (which
    /// clears them). The trunk goes last, since setting the application clears it.
    pub fn restore(&self) -> NumberUpdate {
        let v = |f: &Option<String>| Some(f.clone().unwrap_or_default());
        NumberUpdate {
            voice_url: v(&self.voice_url),
            voice_method: self.voice_method.clone(),
            voice_fallback_url: v(&self.voice_fallback_url),
            voice_fallback_method: self.voice_fallback_method.clone(),
            voice_application_sid: v(&self.voice_application_sid),
            trunk_sid: self.trunk_sid.clone(),
            status_callback: v(&self.status_callback),
            status_callback_method: self.status_callback_method.clone(),
        }
    }
}

/// `IncomingPhoneNumbers/{PN}.json`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct IncomingPhoneNumber {
    pub sid: String,
    /// E.164.
    pub phone_number: String,
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub capabilities: Capabilities,
    #[serde(flatten)]
    pub voice: VoiceConfig,
}

/// `POST Keys.json`: the one answer that holds the key's secret.
#[derive(Debug, Clone, Deserialize)]
pub struct NewKey {
    pub sid: String,
    pub friendly_name: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub secret: Secret,
}

/// `Keys.json` lists keys without their secrets.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Key {
    pub sid: String,
    pub friendly_name: Option<String>,
}

/// A TwiML App (`Applications/{AP}.json`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Application {
    pub sid: String,
    pub friendly_name: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_url: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_method: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_fallback_url: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub voice_fallback_method: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub status_callback: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub status_callback_method: Option<String>,
    pub voice_caller_id_lookup: Option<bool>,
}

/// A verified caller ID (`OutgoingCallerIds.json`): a number the account may call from.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct OutgoingCallerId {
    pub sid: String,
    pub phone_number: String,
    pub friendly_name: Option<String>,
}

/// A call (`Calls.json`). Times are Twilio's RFC 2822 strings.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Call {
    pub sid: String,
    pub parent_call_sid: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub status: Option<String>,
    pub direction: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    /// Seconds, as a string (Twilio's type).
    pub duration: Option<String>,
    pub caller_name: Option<String>,
}

/// A recording (`Recordings/{RE}.json`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Recording {
    pub sid: String,
    pub call_sid: Option<String>,
    /// Seconds, as a string; `None` while Twilio is still processing it.
    pub duration: Option<String>,
    pub status: Option<String>,
    pub date_created: Option<String>,
    pub start_time: Option<String>,
    pub channels: Option<u32>,
    pub source: Option<String>,
}

/// A recording's audio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaFormat {
    Mp3,
    /// Also the one that works with recording encryption (16109).
    Wav,
}

impl MediaFormat {
    pub(super) fn extension(self) -> &'static str {
        match self {
            MediaFormat::Mp3 => "mp3",
            MediaFormat::Wav => "wav",
        }
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Media {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Media {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Media({}, {} bytes)",
            self.content_type,
            self.bytes.len()
        )
    }
}

/// Changes to a number's voice configuration. `None` leaves a field as it is; `Some("")` clears
/// it. Setting `voice_application_sid` clears the trunk at Twilio, and setting `trunk_sid`
/// clears the application (`twilio.md` §8.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberUpdate {
    pub voice_url: Option<String>,
    pub voice_method: Option<String>,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: Option<String>,
    pub voice_application_sid: Option<String>,
    pub trunk_sid: Option<String>,
    pub status_callback: Option<String>,
    pub status_callback_method: Option<String>,
}

impl NumberUpdate {
    pub(super) fn form(&self) -> Vec<(&'static str, String)> {
        fields(&[
            ("VoiceUrl", &self.voice_url),
            ("VoiceMethod", &self.voice_method),
            ("VoiceFallbackUrl", &self.voice_fallback_url),
            ("VoiceFallbackMethod", &self.voice_fallback_method),
            ("VoiceApplicationSid", &self.voice_application_sid),
            ("TrunkSid", &self.trunk_sid),
            ("StatusCallback", &self.status_callback),
            ("StatusCallbackMethod", &self.status_callback_method),
        ])
    }
}

/// A TwiML App's fields, to create one or change one (`None` leaves a field as it is).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppParams {
    pub friendly_name: Option<String>,
    pub voice_url: Option<String>,
    pub voice_method: Option<String>,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: Option<String>,
    pub status_callback: Option<String>,
    pub status_callback_method: Option<String>,
    pub voice_caller_id_lookup: Option<bool>,
}

impl AppParams {
    pub(super) fn form(&self) -> Vec<(&'static str, String)> {
        let lookup = self.voice_caller_id_lookup.map(|b| b.to_string());
        fields(&[
            ("FriendlyName", &self.friendly_name),
            ("VoiceUrl", &self.voice_url),
            ("VoiceMethod", &self.voice_method),
            ("VoiceFallbackUrl", &self.voice_fallback_url),
            ("VoiceFallbackMethod", &self.voice_fallback_method),
            ("StatusCallback", &self.status_callback),
            ("StatusCallbackMethod", &self.status_callback_method),
            ("VoiceCallerIdLookup", &lookup),
        ])
    }
}

/// Which calls to list. Days are `YYYY-MM-DD` (UTC), both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallFilter {
    pub to: Option<String>,
    pub from: Option<String>,
    pub started_on_or_after: Option<String>,
    pub started_on_or_before: Option<String>,
}

impl CallFilter {
    pub(super) fn query(&self) -> Vec<(&'static str, String)> {
        fields(&[
            ("To", &self.to),
            ("From", &self.from),
            ("StartTime>", &self.started_on_or_after),
            ("StartTime<", &self.started_on_or_before),
        ])
    }
}

/// The fields that are set, in order: Twilio's form bodies leave unset fields out.
fn fields(pairs: &[(&'static str, &Option<String>)]) -> Vec<(&'static str, String)> {
    pairs
        .iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| (*name, v.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_null_read_as_unset() {
        let n: IncomingPhoneNumber = serde_json::from_str(
            r#"{"sid":"PN1","phone_number":"+15551234567","friendly_name":null,
                "capabilities":{"voice":true},"voice_application_sid":"","voice_url":null,
                "trunk_sid":"TK1","voice_method":"POST","extra":1}"#,
        )
        .unwrap();
        assert_eq!(n.voice.voice_application_sid, None);
        assert_eq!(n.voice.voice_url, None);
        assert_eq!(n.voice.trunk_sid.as_deref(), Some("TK1"));
        assert!(n.capabilities.voice);
    }

    #[test]
    fn restore_clears_what_was_unset_and_sends_the_trunk_last() {
        let was = VoiceConfig {
            voice_url: Some("https://old.example/voice".into()),
            voice_method: Some("GET".into()),
            trunk_sid: Some("TK1".into()),
            ..VoiceConfig::default()
        };
        let form = was.restore().form();
        assert_eq!(
            form,
            vec![
                ("VoiceUrl", "https://old.example/voice".to_string()),
                ("VoiceMethod", "GET".into()),
                ("VoiceFallbackUrl", "".into()),
                ("VoiceApplicationSid", "".into()),
                ("TrunkSid", "TK1".into()),
                ("StatusCallback", "".into()),
            ]
        );
    }

    #[test]
    fn a_new_keys_secret_is_redacted_in_debug() {
        let k: NewKey =
            serde_json::from_str(r#"{"sid":"SK1","friendly_name":"x","secret":"s3cr3t-value"}"#)
                .unwrap();
        assert!(!format!("{k:?}").contains("s3cr3t"));
        assert_eq!(k.secret.expose(), "s3cr3t-value");
    }
}
