//! Twilio's Recordings API, as much as voicemail needs: a recording's audio and its deletion.
//!
//! [`RecordingsApi`] is the seam: the voicemail inbox only ever talks to it, and the tests put
//! a local stand-in behind it. [`HttpRecordings`] is a small client for it until the Twilio
//! REST client (`src-tauri/twilio`, branch `twilio`) lands; then an `impl RecordingsApi for
//! twilio::Client` (its `fetch_recording_media` and `delete_recording`) replaces this one in
//! [`default_factory`], and nothing else changes.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Once};
use std::time::Duration;

use crate::secret::Secret;

/// Twilio's production API.
pub const TWILIO_API_BASE: &str = "https://api.twilio.com";

/// Voicemail is capped at minutes; anything this large is not a recording.
pub const MAX_MEDIA_BYTES: usize = 64 * 1024 * 1024;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A recording's audio.
#[derive(Clone, PartialEq, Eq)]
pub struct RecordingMedia {
    /// `audio/mpeg` or `audio/wav` (or what Twilio said).
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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordingsError {
    #[error("Twilio has no recording {sid} (it may have been deleted in the Twilio Console)")]
    NotFound { sid: String },
    #[error("Twilio refused the API key (error {code}): check the API Key SID and API Key Secret in Settings")]
    Unauthorized { code: u32 },
    #[error("Twilio answered HTTP {status} (error {code}: {message})")]
    Twilio {
        status: u16,
        code: u32,
        message: String,
    },
    #[error("Twilio could not be reached ({0}); check the internet connection and try again")]
    Unreachable(String),
    #[error("{0}")]
    Setup(String),
}

/// What voicemail asks of Twilio.
pub trait RecordingsApi: Send + Sync {
    /// The audio (MP3, or WAV where MP3 is refused, as with encrypted recordings).
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

/// Builds the API for the current credentials (read from the keychain at each use, so a key
/// changed in Settings is used at once).
pub type RecordingsApiFactory =
    Arc<dyn Fn(RestCredentials) -> Result<Arc<dyn RecordingsApi>, RecordingsError> + Send + Sync>;

/// The real Twilio, through [`HttpRecordings`]; the place the `twilio` branch's client plugs in.
pub fn default_factory() -> RecordingsApiFactory {
    Arc::new(|credentials| {
        Ok(Arc::new(HttpRecordings::new(TWILIO_API_BASE, credentials)?) as Arc<dyn RecordingsApi>)
    })
}

/// A factory for a stand-in at `base` (tests).
pub fn factory_for(base: &str) -> RecordingsApiFactory {
    let base = base.to_owned();
    Arc::new(move |credentials| {
        Ok(Arc::new(HttpRecordings::new(&base, credentials)?) as Arc<dyn RecordingsApi>)
    })
}

/// Recording media and deletes over HTTPS with Basic auth (API key SID and secret).
pub struct HttpRecordings {
    http: reqwest::Client,
    base: url::Url,
    credentials: RestCredentials,
}

fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err: another part of the process installed one first, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl HttpRecordings {
    /// `base` is Twilio's, or a local stand-in on loopback (plain http only there, since the
    /// credentials would otherwise cross the network readable).
    pub fn new(base: &str, credentials: RestCredentials) -> Result<Self, RecordingsError> {
        let url = url::Url::parse(base)
            .map_err(|_| RecordingsError::Setup(format!("{base} is not a URL")))?;
        let loopback = matches!(url.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback());
        if !(url.scheme() == "https" || (url.scheme() == "http" && loopback)) {
            return Err(RecordingsError::Setup(format!(
                "{base} must be https (plain http only to 127.0.0.1)"
            )));
        }
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            // Media may be handed out from another host; reqwest drops the Authorization
            // header when a redirect leaves the host, so the key never follows it.
            .redirect(reqwest::redirect::Policy::limited(3))
            .user_agent(concat!("dialtone/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| RecordingsError::Setup(e.to_string()))?;
        Ok(Self {
            http,
            base: url,
            credentials,
        })
    }

    fn url(&self, sid: &str, extension: &str) -> Result<url::Url, RecordingsError> {
        let valid = sid.len() == 34
            && sid.starts_with("RE")
            && sid[2..].bytes().all(|b| b.is_ascii_hexdigit());
        if !valid {
            return Err(RecordingsError::Setup(format!(
                "{sid:?} is not a recording SID (RE followed by 32 hex digits)"
            )));
        }
        let path = format!(
            "/2010-04-01/Accounts/{}/Recordings/{sid}.{extension}",
            self.credentials.account_sid
        );
        self.base
            .join(&path)
            .map_err(|e| RecordingsError::Setup(e.to_string()))
    }

    fn request(&self, method: reqwest::Method, url: url::Url) -> reqwest::RequestBuilder {
        self.http.request(method, url).basic_auth(
            &self.credentials.api_key_sid,
            Some(self.credentials.api_key_secret.expose()),
        )
    }

    async fn get(&self, sid: &str, extension: &str) -> Result<RecordingMedia, RecordingsError> {
        let response = self
            .request(reqwest::Method::GET, self.url(sid, extension)?)
            .send()
            .await
            .map_err(unreachable)?;
        if !response.status().is_success() {
            return Err(error_of(sid, response).await);
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_MEDIA_BYTES as u64)
        {
            return Err(RecordingsError::Setup(
                "the recording is too large to keep".into(),
            ));
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map_or_else(
                || {
                    if extension == "wav" {
                        "audio/wav"
                    } else {
                        "audio/mpeg"
                    }
                    .to_owned()
                },
                str::to_owned,
            );
        let bytes = response.bytes().await.map_err(unreachable)?;
        if bytes.len() > MAX_MEDIA_BYTES {
            return Err(RecordingsError::Setup(
                "the recording is too large to keep".into(),
            ));
        }
        Ok(RecordingMedia {
            content_type,
            bytes: bytes.to_vec(),
        })
    }
}

/// 16109: the recording is encrypted, so Twilio serves it only as WAV.
const MP3_UNAVAILABLE: u32 = 16109;

impl RecordingsApi for HttpRecordings {
    fn fetch_media<'a>(
        &'a self,
        sid: &'a str,
    ) -> BoxFuture<'a, Result<RecordingMedia, RecordingsError>> {
        Box::pin(async move {
            match self.get(sid, "mp3").await {
                Err(RecordingsError::Twilio {
                    code: MP3_UNAVAILABLE,
                    ..
                }) => self.get(sid, "wav").await,
                other => other,
            }
        })
    }

    fn delete<'a>(&'a self, sid: &'a str) -> BoxFuture<'a, Result<(), RecordingsError>> {
        Box::pin(async move {
            let response = self
                .request(reqwest::Method::DELETE, self.url(sid, "json")?)
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(unreachable)?;
            if response.status().is_success() {
                return Ok(());
            }
            match error_of(sid, response).await {
                RecordingsError::NotFound { .. } => Ok(()),
                other => Err(other),
            }
        })
    }
}

fn unreachable(e: reqwest::Error) -> RecordingsError {
    // The innermost cause reads best ("Connection refused"); none holds a credential.
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        reason = s.to_string();
        source = s.source();
    }
    RecordingsError::Unreachable(reason)
}

/// Twilio's error body: `{"code", "message", "more_info", "status"}`.
async fn error_of(sid: &str, response: reqwest::Response) -> RecordingsError {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    let code = body["code"]
        .as_u64()
        .and_then(|c| u32::try_from(c).ok())
        .unwrap_or(u32::from(status));
    let message = body["message"]
        .as_str()
        .unwrap_or("no message")
        .chars()
        .take(300)
        .collect();
    match status {
        404 => RecordingsError::NotFound {
            sid: sid.to_owned(),
        },
        401 | 403 => RecordingsError::Unauthorized { code },
        _ => RecordingsError::Twilio {
            status,
            code,
            message,
        },
    }
}
