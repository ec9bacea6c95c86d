//! The calling window's API for recents, voicemail and contacts: the same operations as the
//! app window's IPC commands, for the phone page in a browser. Every route sits behind the
//! session guard ([`super::session::api`], applied in [`super::routes`]); audio leaves only as
//! bytes, never as a Twilio URL or credential.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde::Deserialize;

use super::CallingWindow;
use crate::backend::{blocking, BackendError, ErrorKind};
use crate::journal::greeting::MAX_GREETING_BYTES;
use crate::journal::{ContactDraft, HistoryFilter};

/// A vCard export of a few thousand contacts, without photos, fits in this.
const MAX_VCARD_BYTES: usize = 8 * 1024 * 1024;

pub fn routes() -> Router<Arc<CallingWindow>> {
    Router::new()
        .route("/api/history", get(history).delete(clear_history))
        .route("/api/history/status", get(history_status))
        .route("/api/voicemail", get(voicemails))
        .route("/api/voicemail/{sid}/audio", get(voicemail_audio))
        .route("/api/voicemail/{sid}/heard", post(mark_heard))
        .route("/api/voicemail/{sid}/save", post(save))
        .route("/api/voicemail/{sid}", delete(delete_voicemail))
        .route(
            "/api/voicemail-greeting",
            put(set_greeting)
                .delete(clear_greeting)
                .layer(DefaultBodyLimit::max(MAX_GREETING_BYTES + 1024)),
        )
        .route("/api/contacts", get(contacts).post(add_contact))
        .route(
            "/api/contacts/{id}",
            put(edit_contact).delete(delete_contact),
        )
        .route(
            "/api/contacts/import",
            post(import_contacts).layer(DefaultBodyLimit::max(MAX_VCARD_BYTES)),
        )
        .route("/api/caller-name", get(caller_name))
}

fn answer<T: serde::Serialize>(result: Result<T, BackendError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => failure(error),
    }
}

fn failure(error: BackendError) -> Response {
    let status = match error.kind {
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Twilio => StatusCode::BAD_GATEWAY,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, Json(error)).into_response()
}

fn done(result: Result<(), BackendError>) -> Response {
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => failure(error),
    }
}

/// A JSON body, read strictly (the contract's shapes, no more).
fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Box<Response>> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return Err(Box::new(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response()));
    }
    serde_json::from_slice(body).map_err(|e| {
        Box::new(
            (
                StatusCode::BAD_REQUEST,
                Json(BackendError::new(
                    ErrorKind::Invalid,
                    format!("the request is malformed: {e}"),
                )),
            )
                .into_response(),
        )
    })
}

async fn history(
    State(window): State<Arc<CallingWindow>>,
    Query(filter): Query<HistoryFilter>,
) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.history(filter)).await)
}

async fn clear_history(State(window): State<Arc<CallingWindow>>) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.clear_history()).await)
}

async fn history_status(State(window): State<Arc<CallingWindow>>) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || Ok(backend.history_status())).await)
}

async fn voicemails(State(window): State<Arc<CallingWindow>>) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.voicemails()).await)
}

async fn voicemail_audio(
    State(window): State<Arc<CallingWindow>>,
    Path(sid): Path<String>,
) -> Response {
    match window.backend.voicemail_audio(&sid).await {
        Ok(media) => (
            [(header::CONTENT_TYPE, media.content_type.clone())],
            media.bytes,
        )
            .into_response(),
        Err(error) => failure(error),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Heard {
    heard: bool,
}

async fn mark_heard(
    State(window): State<Arc<CallingWindow>>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let heard: Heard = match json_body(&headers, &body) {
        Ok(heard) => heard,
        Err(refusal) => return *refusal,
    };
    let backend = window.backend.clone();
    done(blocking(move || backend.mark_voicemail_heard(&sid, heard.heard)).await)
}

async fn save(State(window): State<Arc<CallingWindow>>, Path(sid): Path<String>) -> Response {
    answer(window.backend.save_voicemail(&sid).await)
}

async fn delete_voicemail(
    State(window): State<Arc<CallingWindow>>,
    Path(sid): Path<String>,
) -> Response {
    done(window.backend.delete_voicemail(&sid).await)
}

async fn set_greeting(State(window): State<Arc<CallingWindow>>, body: Bytes) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.set_voicemail_greeting(&body)).await)
}

async fn clear_greeting(State(window): State<Arc<CallingWindow>>) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.clear_voicemail_greeting()).await)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Search {
    query: Option<String>,
}

async fn contacts(
    State(window): State<Arc<CallingWindow>>,
    Query(search): Query<Search>,
) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.contacts(search.query.as_deref())).await)
}

async fn add_contact(
    State(window): State<Arc<CallingWindow>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let draft: ContactDraft = match json_body(&headers, &body) {
        Ok(draft) => draft,
        Err(refusal) => return *refusal,
    };
    let backend = window.backend.clone();
    answer(blocking(move || backend.add_contact(draft)).await)
}

async fn edit_contact(
    State(window): State<Arc<CallingWindow>>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let draft: ContactDraft = match json_body(&headers, &body) {
        Ok(draft) => draft,
        Err(refusal) => return *refusal,
    };
    let backend = window.backend.clone();
    answer(blocking(move || backend.edit_contact(id, draft)).await)
}

async fn delete_contact(State(window): State<Arc<CallingWindow>>, Path(id): Path<i64>) -> Response {
    let backend = window.backend.clone();
    done(blocking(move || backend.delete_contact(id)).await)
}

async fn import_contacts(State(window): State<Arc<CallingWindow>>, body: Bytes) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.import_contacts(&body)).await)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Number {
    number: String,
}

async fn caller_name(
    State(window): State<Arc<CallingWindow>>,
    Query(number): Query<Number>,
) -> Response {
    let backend = window.backend.clone();
    answer(blocking(move || backend.caller_name(&number.number)).await)
}
