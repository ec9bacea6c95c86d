//! What went wrong talking to Twilio, in words that name the fix.
//!
//! Twilio's error body is `{"code", "message", "more_info", "status"}` (`twilio.md` §8.4); the
//! codes this module knows get a sentence of their own, any other is shown with Twilio's own
//! message and its `more_info` link. No message here ever holds a credential: requests carry
//! them only in the `Authorization` header, which nothing here reads back.

use std::fmt;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum TwilioError {
    /// Twilio answered, with an error.
    #[error("{0}")]
    Api(ApiError),
    #[error("could not reach Twilio at {host}: {reason}. Check the internet connection{hint}")]
    Unreachable {
        host: String,
        reason: String,
        /// Where the base URL is not Twilio's, a word about the switch that set it.
        hint: &'static str,
    },
    #[error("Twilio at {host} did not answer {what} within {} s. Try again; if it keeps happening, check the connection or https://status.twilio.com", .after.as_secs_f32())]
    Timeout {
        host: String,
        what: String,
        after: Duration,
    },
    #[error("Twilio's answer to {what} could not be read ({reason}); this is a bug in Dialtone or a change at Twilio")]
    BadResponse { what: String, reason: String },
    #[error(
        "{what} {value:?} is not a Twilio SID: it is {prefix} followed by 32 hexadecimal digits"
    )]
    InvalidSid {
        what: &'static str,
        value: String,
        prefix: &'static str,
    },
    #[error("the Twilio API base URL {url:?} cannot be used: {reason}")]
    BaseUrl { url: String, reason: &'static str },
    #[error("the HTTP client could not be set up: {0}")]
    Setup(String),
}

impl TwilioError {
    /// Twilio's error code, when Twilio answered with one.
    pub fn code(&self) -> Option<u32> {
        match self {
            TwilioError::Api(e) => e.code,
            _ => None,
        }
    }
}

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
    fn tries(&self) -> String {
        match self.attempts {
            0 | 1 => String::new(),
            n => format!(" (tried {n} times)"),
        }
    }

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
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = self.twilios_words();
        let tries = self.tries();
        match (self.code, self.status) {
            (Some(20003), _) | (None, 401) => write!(
                f,
                "Twilio refused the credentials ({words}). Check the Account SID and Auth Token (or the \
                 API key SID and secret) in Settings; a Standard API key cannot read the account or manage keys"
            ),
            (Some(20404), _) | (None, 404) => write!(
                f,
                "Twilio has nothing at {} ({words}). The SID is wrong or it was deleted: check it in the Twilio Console",
                self.request
            ),
            (Some(20429), _) | (None, 429) => {
                let wait = self
                    .retry_after
                    .map(|d| format!(" Twilio asked to wait {} s.", d.as_secs()))
                    .unwrap_or_default();
                write!(
                    f,
                    "Twilio is limiting how fast this account may send requests{tries}.{wait} Wait a minute and try again"
                )
            }
            (Some(21218 | 21420 | 22108), _) => write!(
                f,
                "Twilio rejected the TwiML App SID ({words}). Use a TwiML App of this account: Console › Voice › TwiML Apps"
            ),
            (Some(21402 | 21205 | 21502 | 11100), _) => write!(
                f,
                "Twilio rejected a URL ({words}). Use a full https:// URL that Twilio can reach, such as the tunnel's URL plus /handle_calls"
            ),
            (Some(21403 | 21209), _) => write!(
                f,
                "Twilio rejected an HTTP method ({words}). Use GET or POST"
            ),
            (Some(21301), _) => write!(
                f,
                "this account already has Twilio's maximum of 1000 TwiML Apps ({words}). Delete unused ones in Console › Voice › TwiML Apps"
            ),
            (_, 500..=599) => write!(
                f,
                "Twilio's API is not working right now{tries} ({words}). Try again later; https://status.twilio.com says when it is back"
            ),
            _ => write!(
                f,
                "Twilio refused {} with HTTP {}: {words}",
                self.request, self.status
            ),
        }
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
