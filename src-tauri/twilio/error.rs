//! What went wrong talking to Twilio, in words that name the fix.
//!
//! Twilio's error body is `{"code", "message", "more_info", "status"}` (`twilio.md` §8.4); the
//! codes this module knows get a sentence of their own, any other is shown with Twilio's own
//! message and its `more_info` link. No message here ever holds a credential: requests carry
//! them only in the `Authorization` header, which nothing here reads back.

use std::fmt;
use std::time::Duration;

use crate::i18n::Text;

/// Its words are catalog messages (`rest-*` in `ui/src/i18n/*.ftl`, [`TwilioError::text`]):
/// the UI shows them in the user's language, `Display` in English for logs and the CLI.
#[derive(Debug)]
pub enum TwilioError {
    /// Twilio answered, with an error.
    Api(ApiError),
    Unreachable {
        host: String,
        reason: String,
        /// The base URL is not Twilio's: `DIALTONE_TWILIO_API_BASE` set it, which the message
        /// names.
        elsewhere: bool,
    },
    Timeout {
        host: String,
        what: String,
        after: Duration,
    },
    BadResponse {
        what: String,
        reason: String,
    },
    InvalidSid {
        what: &'static str,
        value: String,
        prefix: &'static str,
    },
    BaseUrl {
        url: String,
        reason: BaseUrlProblem,
    },
    Setup(String),
}

/// Why a Twilio API base URL cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseUrlProblem {
    NotAUrl,
    PlainHttpElsewhere,
    NotHttps,
    HoldsCredentials,
}

impl TwilioError {
    /// Twilio's error code, when Twilio answered with one.
    pub fn code(&self) -> Option<u32> {
        match self {
            TwilioError::Api(e) => e.code,
            _ => None,
        }
    }

    /// What happened and what to do, in words to be.
    pub fn text(&self) -> Text {
        match self {
            TwilioError::Api(e) => e.text(),
            TwilioError::Unreachable {
                host,
                reason,
                elsewhere,
            } => Text::new("rest-unreachable")
                .arg("host", host)
                .arg("reason", reason)
                .arg("elsewhere", if *elsewhere { "yes" } else { "no" }),
            TwilioError::Timeout { host, what, after } => Text::new("rest-timeout")
                .arg("host", host)
                .arg("what", what)
                .arg("seconds", after.as_secs_f32()),
            TwilioError::BadResponse { what, reason } => Text::new("rest-bad-response")
                .arg("what", what)
                .arg("reason", reason),
            TwilioError::InvalidSid {
                what,
                value,
                prefix,
            } => Text::new("rest-invalid-sid")
                .arg("what", what)
                .arg("value", format!("{value:?}"))
                .arg("prefix", prefix),
            TwilioError::BaseUrl { url, reason } => Text::new("rest-base-url")
                .arg("url", format!("{url:?}"))
                .message(
                    "reason",
                    Text::new(match reason {
                        BaseUrlProblem::NotAUrl => "rest-base-url-not-a-url",
                        BaseUrlProblem::PlainHttpElsewhere => "rest-base-url-plain-http",
                        BaseUrlProblem::NotHttps => "rest-base-url-not-https",
                        BaseUrlProblem::HoldsCredentials => "rest-base-url-credentials",
                    }),
                ),
            TwilioError::Setup(detail) => Text::new("rest-client-setup").arg("detail", detail),
        }
    }
}

impl fmt::Display for TwilioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for TwilioError {}

/// Twilio's answer to a request it did not carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    /// Twilio's code (`20003`, `20404`, `21420`, …); `None` when the body was not Twilio's JSON.
    pub code: Option<u32>,
    /// Twilio's own message.
    pub message: String,
    pub more_info: Option<String>,
    /// `GET /2010-04-01/Accounts/AC…/Applications/AP….json`: which call failed.
    pub request: String,
    /// How many times the request was sent (more than 1 after retries).
    pub attempts: u32,
    /// Twilio's `Retry-After`, when it sent one.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    /// Twilio's code (or the HTTP status), message and link: shown as Twilio wrote them.
    fn twilios_words(&self) -> String {
        let code = self
            .code
            .map(|c| format!("error {c}"))
            .unwrap_or_else(|| format!("HTTP {}", self.status));
        match &self.more_info {
            Some(link) => format!("{code}: {} (see {link})", self.message),
            None => format!("{code}: {}", self.message),
        }
    }

    /// The codes this module knows get a sentence that names the fix; any other keeps
    /// Twilio's message.
    pub fn text(&self) -> Text {
        let words = self.twilios_words();
        let id = match (self.code, self.status) {
            (Some(20003), _) | (None, 401) => "rest-api-credentials",
            (Some(20404), _) | (None, 404) => "rest-api-not-found",
            (Some(20429), _) | (None, 429) => {
                return Text::new("rest-api-rate-limited")
                    .number("tries", self.attempts)
                    .number("wait", self.retry_after.map_or(0.0, |d| d.as_secs() as f64))
            }
            (Some(21218 | 21420 | 22108), _) => "rest-api-app-sid",
            (Some(21402 | 21205 | 21502 | 11100), _) => "rest-api-url",
            (Some(21403 | 21209), _) => "rest-api-method",
            (Some(21301), _) => "rest-api-too-many-apps",
            (_, 500..=599) => {
                return Text::new("rest-api-down")
                    .number("tries", self.attempts)
                    .arg("words", words)
            }
            _ => "rest-api-refused",
        };
        Text::new(id)
            .arg("words", words)
            .arg("request", &self.request)
            .arg("status", self.status)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, code: Option<u32>, message: &str) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            more_info: code.map(|c| format!("https://www.twilio.com/docs/errors/{c}")),
            request: "GET /2010-04-01/Accounts/AC1/Applications/AP1.json".into(),
            attempts: 1,
            retry_after: None,
        }
    }

    #[test]
    fn unknown_codes_keep_twilios_message_and_link() {
        let e = err(400, Some(21999), "Something new");
        assert_eq!(
            e.to_string(),
            "Twilio refused GET /2010-04-01/Accounts/AC1/Applications/AP1.json with HTTP 400: error 21999: \
             Something new (see https://www.twilio.com/docs/errors/21999)"
        );
    }

    #[test]
    fn retries_and_retry_after_are_said_only_when_there_were_any() {
        let mut e = err(429, Some(20429), "Too many requests");
        assert_eq!(
            e.to_string(),
            "Twilio is limiting how fast this account may send requests. Wait a minute and try again"
        );
        e.attempts = 3;
        e.retry_after = Some(Duration::from_secs(30));
        assert_eq!(
            e.to_string(),
            "Twilio is limiting how fast this account may send requests (tried 3 times). Twilio \
             asked to wait 30 s. Wait a minute and try again"
        );
        let ja = e.text().render(crate::i18n::Language::Ja);
        assert!(ja.contains("（3回試行）"), "{ja}");
        assert!(ja.contains("30秒待つ"), "{ja}");
    }

    #[test]
    fn an_unreachable_twilio_names_the_switch_only_when_it_moved_the_api() {
        let unreachable = |elsewhere| TwilioError::Unreachable {
            host: "api.twilio.com".into(),
            reason: "connection refused".into(),
            elsewhere,
        };
        assert_eq!(
            unreachable(false).to_string(),
            "could not reach Twilio at api.twilio.com: connection refused. Check the internet connection"
        );
        assert_eq!(
            unreachable(true).to_string(),
            "could not reach Twilio at api.twilio.com: connection refused. Check the internet \
             connection and DIALTONE_TWILIO_API_BASE, which points Dialtone elsewhere than api.twilio.com"
        );
        assert_eq!(
            unreachable(false).text().render(crate::i18n::Language::Ja),
            "api.twilio.comのTwilioに接続できません：connection refused。インターネット接続を確認してください"
        );
    }

    #[test]
    fn known_codes_name_the_fix() {
        assert!(err(401, Some(20003), "Authenticate")
            .to_string()
            .contains("Check the Account SID and Auth Token"));
        assert!(err(404, Some(20404), "not found")
            .to_string()
            .contains("Twilio has nothing at GET /2010-04-01/Accounts/AC1/Applications/AP1.json"));
        assert!(err(400, Some(21420), "ApplicationSid is not accessible")
            .to_string()
            .contains("Use a TwiML App of this account"));
        assert!(err(503, None, "HTTP 503")
            .to_string()
            .contains("status.twilio.com"));
    }
}
