//! Twilio's error body: `{"code", "message", "more_info", "status"}` (`twilio-rest.md` §1.4). The
//! spec describes no error responses; codes and messages come from Twilio's error dictionary.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone)]
pub struct RestError {
    pub status: u16,
    pub code: u32,
    pub message: String,
    /// Seconds, sent as `Retry-After` (429 only).
    pub retry_after: Option<u64>,
}

impl RestError {
    pub fn new(status: u16, code: u32, message: impl Into<String>) -> Self {
        RestError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 401 20003, whatever was wrong with the credentials (Twilio says no more).
    pub fn authenticate() -> Self {
        Self::new(401, 20003, "Authenticate")
    }

    pub fn not_found(path: &str) -> Self {
        Self::new(
            404,
            20404,
            format!("The requested resource {path} was not found"),
        )
    }

    pub fn bad_request(code: u32, message: impl Into<String>) -> Self {
        Self::new(400, code, message)
    }

    /// A fault a test injected: 429 20429 with `Retry-After`, or a 5xx.
    pub fn injected(status: u16, retry_after: Option<u64>) -> Self {
        let (code, message) = match status {
            429 => (20429, "Too Many Requests"),
            503 => (20503, "Service Unavailable"),
            _ => (20500, "Internal Server Error"),
        };
        RestError {
            retry_after: if status == 429 { retry_after } else { None },
            ..Self::new(status, code, message)
        }
    }
}

impl IntoResponse for RestError {
    fn into_response(self) -> Response {
        let body = json!({
            "code": self.code,
            "message": self.message,
            "more_info": format!("https://www.twilio.com/docs/errors/{}", self.code),
            "status": self.status,
        });
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == 401 {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Twilio API\""),
            );
        }
        res
    }
}
