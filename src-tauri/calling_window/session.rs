//! The calling window's guard as middleware: every page and API route is behind it by
//! construction (see [`super::routes`]), so no handler checks the session itself.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::guard::Refusal;
use super::CallingWindow;
use crate::backend::{BackendError, ErrorKind};
use crate::i18n::{Language, Text};

/// API routes: our `Host`, same-origin fetch metadata, and a session cookie. Refusals are
/// JSON in the contract's `{kind, message}` shape.
pub async fn api(
    State(window): State<Arc<CallingWindow>>,
    request: Request,
    next: Next,
) -> Response {
    match window.admit(request.headers(), true) {
        Ok(()) => next.run(request).await,
        Err(refusal) => refuse(
            refusal,
            true,
            super::routes::reader_language(&window, request.headers()),
        ),
    }
}

/// The page and its files: our `Host` and a session cookie. Refusals are plain text, for a
/// person looking at a browser tab.
pub async fn page(
    State(window): State<Arc<CallingWindow>>,
    request: Request,
    next: Next,
) -> Response {
    match window.admit(request.headers(), false) {
        Ok(()) => next.run(request).await,
        Err(refusal) => refuse(
            refusal,
            false,
            super::routes::reader_language(&window, request.headers()),
        ),
    }
}

/// A refusal, in `language` (the reader's: see [`super::routes::reader_language`]).
pub fn refuse(refusal: Refusal, api: bool, language: Language) -> Response {
    let (status, kind, message) = match refusal {
        Refusal::NoSession => (
            StatusCode::UNAUTHORIZED,
            ErrorKind::Session,
            Text::new("refusal-no-session"),
        ),
        Refusal::Forbidden => (
            StatusCode::FORBIDDEN,
            ErrorKind::Forbidden,
            Text::new("refusal-forbidden"),
        ),
        Refusal::RateLimited => (
            StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::RateLimited,
            Text::new("refusal-rate-limited"),
        ),
    };
    let mut response = if api {
        let error = BackendError::text(kind, message).in_language(language);
        (status, Json(error)).into_response()
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message.render(language),
        )
            .into_response()
    };
    if refusal == Refusal::RateLimited {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("6"));
    }
    response
}
