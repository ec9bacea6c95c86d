//! Twilio's Recordings API, as much as voicemail needs: a recording's audio and its deletion.
//!
//! [`RecordingsApi`] is the seam: the voicemail inbox only ever talks to it, and unit tests can
//! put a stand-in behind it. The app's implementation is the Twilio REST client
//! ([`crate::twilio::Client`]): one HTTP client for everything Dialtone asks of Twilio, with its
//! timeouts, retries (a 429 or a 5xx on a GET or DELETE is tried again) and errors in plain words.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::i18n::Text;
use crate::secret::Secret;
use crate::twilio::{self, MediaFormat, TwilioError};

/// Twilio's production API.
pub const TWILIO_API_BASE: &str = twilio::TWILIO_API_BASE;

/// Voicemail is capped at minutes; anything this large is not a recording.
pub const MAX_MEDIA_BYTES: usize = 64 * 1024 * 1024;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A recording's audio.
#[derive(Clone, PartialEq, Eq)]
pub struct RecordingMedia {
    /// `audio/wav` (or what Twilio said: `audio/x-wav`), `audio/mpeg` for a cached MP3.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for RecordingMedia {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "RecordingMedia({}, {} bytes)",
            self.content_type,
            self.bytes.len()
        )
    }
}

impl RecordingMedia {
    /// The file extension for this audio.
    pub fn extension(&self) -> &'static str {
        if self.content_type.contains("wav") {
            "wav"
        } else {
            "mp3"
        }
    }
}

/// Its words are catalog messages ([`RecordingsError::text`]); `Display` is the English.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordingsError {
    NotFound {
        sid: String,
    },
    /// Anything else Twilio or the way to it said, in the REST client's words (they name the
    /// fix and hold no credential).
    Twilio(Text),
    Setup(Text),
}

impl std::fmt::Display for RecordingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for RecordingsError {}

impl RecordingsError {
    pub fn text(&self) -> Text {
        match self {
            RecordingsError::NotFound { sid } => {
                Text::new("error-voicemail-recording-gone").arg("sid", sid)
            }
            RecordingsError::Twilio(text) | RecordingsError::Setup(text) => text.clone(),
        }
    }

    fn from_twilio(sid: &str, error: &TwilioError) -> Self {
        match error {
            TwilioError::Api(e) if e.status == 404 => RecordingsError::NotFound {
                sid: sid.to_owned(),
            },
            TwilioError::InvalidSid { .. } | TwilioError::BaseUrl { .. } => {
                RecordingsError::Setup(error.text())
            }
            other => RecordingsError::Twilio(other.text()),
        }
    }
}

/// What voicemail asks of Twilio.
pub trait RecordingsApi: Send + Sync {
    /// The audio.
    fn fetch_media<'a>(
        &'a self,
        sid: &'a str,
    ) -> BoxFuture<'a, Result<RecordingMedia, RecordingsError>>;
    /// Deletes it in Twilio; a recording Twilio no longer has counts as deleted.
    fn delete<'a>(&'a self, sid: &'a str) -> BoxFuture<'a, Result<(), RecordingsError>>;
}

/// The account and API key the requests authenticate with.
#[derive(Debug, Clone)]
pub struct RestCredentials {
    pub account_sid: String,
    pub api_key_sid: String,
    pub api_key_secret: Secret,
}

/// The token's settings carry the account and the API key; the rest of them (the TwiML App,
/// the identity) the REST API does not need.
impl From<crate::settings::TokenSettings> for RestCredentials {
    fn from(token: crate::settings::TokenSettings) -> Self {
        Self {
            account_sid: token.account_sid,
            api_key_sid: token.api_key_sid,
            api_key_secret: token.api_key_secret,
        }
    }
}

/// Builds the API for the current credentials (read from the keychain at each use, so a key
/// changed in Settings is used at once).
pub type RecordingsApiFactory =
    Arc<dyn Fn(RestCredentials) -> Result<Arc<dyn RecordingsApi>, RecordingsError> + Send + Sync>;

/// Twilio's REST client at `base` (`https://api.twilio.com`, or `DIALTONE_TWILIO_API_BASE`).
pub fn factory_for(base: &str) -> RecordingsApiFactory {
    let base = base.to_owned();
    Arc::new(move |credentials| Ok(Arc::new(client(&base, credentials)?) as Arc<dyn RecordingsApi>))
}

/// The real Twilio.
pub fn default_factory() -> RecordingsApiFactory {
    factory_for(TWILIO_API_BASE)
}

/// A REST client authenticated with the API key.
pub fn client(base: &str, credentials: RestCredentials) -> Result<twilio::Client, RecordingsError> {
    let setup = |e: TwilioError| RecordingsError::Setup(e.text());
    let credentials = twilio::Credentials::api_key(
        &credentials.account_sid,
        &credentials.api_key_sid,
        credentials.api_key_secret,
    )
    .map_err(setup)?;
    twilio::Client::new(base, credentials, twilio::ClientOptions::default()).map_err(setup)
}

/// WAV, not MP3: it is what Twilio records (8 kHz PCM, so nothing is lost to a transcode), it is
/// the one format Twilio serves for encrypted recordings too (MP3 gets error 16109 there), and
/// every webview plays it. The cost is size: about 16 KB a second, 2 MB for two minutes.
impl RecordingsApi for twilio::Client {
    fn fetch_media<'a>(
        &'a self,
        sid: &'a str,
    ) -> BoxFuture<'a, Result<RecordingMedia, RecordingsError>> {
        Box::pin(async move {
            let media = self
                .fetch_recording_media(sid, MediaFormat::Wav)
                .await
                .map_err(|e| RecordingsError::from_twilio(sid, &e))?;
            if media.bytes.len() > MAX_MEDIA_BYTES {
                return Err(RecordingsError::Setup(Text::new(
                    "error-voicemail-recording-too-large",
                )));
            }
            let content_type = if media.content_type.starts_with("audio/") {
                media.content_type
            } else {
                "audio/wav".to_owned()
            };
            Ok(RecordingMedia {
                content_type,
                bytes: media.bytes,
            })
        })
    }

    fn delete<'a>(&'a self, sid: &'a str) -> BoxFuture<'a, Result<(), RecordingsError>> {
        Box::pin(async move {
            match self.delete_recording(sid).await {
                Ok(()) => Ok(()),
                Err(TwilioError::Api(e)) if e.status == 404 => Ok(()),
                Err(e) => Err(RecordingsError::from_twilio(sid, &e)),
            }
        })
    }
}
