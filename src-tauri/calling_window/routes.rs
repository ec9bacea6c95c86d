//! The calling window's routes. `/launch` trades the one-time secret for a session; every
//! other route sits behind [`super::session`]: the API under `/api/`, the page's files as the
//! fallback.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt as _;

use super::guard::Guard;
use super::page_link::PageEvent;
use super::{assets, session, CallingWindow};
use crate::backend::{blocking, AccountQuery, BackendError, ConnectQuery, ErrorKind};
use crate::i18n::{self, Language, Text};
use crate::phone_status::PhoneStatus;
use crate::settings::Field;

pub fn router(window: Arc<CallingWindow>) -> Router {
    let api = Router::new()
        .route("/api/token", get(token))
        .route("/api/settings", get(settings).post(save_settings))
        .route("/api/import", post(import_env))
        .route("/api/webhook", get(webhook))
        .route("/api/setup", get(setup_status))
        .route("/api/setup/account", post(setup_account))
        .route("/api/setup/connect", post(setup_connect))
        .route("/api/setup/disconnect", post(setup_disconnect))
        .route("/api/setup/wiring", get(check_wiring))
        .route("/api/setup/repair", post(repair_wiring))
        .route("/api/setup/caller-id", post(set_caller_id))
        .route("/api/state", post(report_state))
        .route("/api/events", get(events))
        .merge(super::journal_api::routes())
        .route_layer(middleware::from_fn_with_state(window.clone(), session::api));
    Router::new()
        .route("/launch", get(launch))
        .merge(api)
        .fallback(get(asset).layer(middleware::from_fn_with_state(
            window.clone(),
            session::page,
        )))
        .layer(DefaultBodyLimit::max(16 * 1024))
        .layer(middleware::map_response_with_state(
            window.clone(),
            security_headers,
        ))
        .with_state(window)
}

/// Headers on every response: no framing, no sniffing, no referrer, no caching of tokens,
/// and never a CORS header, so other origins cannot read anything.
async fn security_headers(
    State(window): State<Arc<CallingWindow>>,
    mut response: Response,
) -> Response {
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&window.csp()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    for (name, value) in [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("microphone=(self), camera=(), geolocation=()"),
    );
    response
}

/// The language of the words this listener sends a browser: the `language` setting when it
/// names one, else the browser's `Accept-Language` (which the page's `navigator.languages`
/// follows too), else English.
pub fn reader_language(window: &CallingWindow, headers: &HeaderMap) -> Language {
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(i18n::accepted_languages)
        .unwrap_or_default();
    window.backend.language_for(&accepted)
}

/// The launch page: refreshes to `/` at once, saying so in the reader's language.
fn launch_page(language: Language) -> String {
    format!(
        "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/\"><link rel=\"icon\" href=\"data:,\"><title>Dialtone</title><p>{opening}</p></html>",
        lang = language.code(),
        opening = html_text(&Text::new("launch-opening").render(language)),
    )
}

/// Text for an HTML page: the catalogs hold no markup, but their text is escaped all the same.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Trades the one-time secret for the session cookie and sends the browser to `/`, which
/// takes the secret out of the address bar and history.
async fn launch(
    State(window): State<Arc<CallingWindow>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let language = reader_language(&window, &headers);
    if let Err(refusal) = window.guard.check_origin(&headers, false) {
        return session::refuse(refusal, false, language);
    }
    let key = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "key")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    match window.guard.exchange(&key) {
        Ok(session) => {
            window.forget_launch_file();
            let cookie = HeaderValue::from_str(&Guard::set_cookie(&session))
                .expect("hex session ids are valid header values");
            // A page that refreshes to `/`, not a redirect: the browser may have come here from
            // the launch file (a cross-site navigation, on which a redirect would not carry the
            // SameSite=Strict cookie), while the page's own refresh is same-origin. Either way
            // the secret leaves the address bar.
            (
                StatusCode::OK,
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    ),
                    (header::SET_COOKIE, cookie),
                ],
                launch_page(language),
            )
                .into_response()
        }
        Err(_) => (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            Text::new("launch-used").render(language),
        )
            .into_response(),
    }
}

fn api_result<T: serde::Serialize>(result: Result<T, BackendError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => (StatusCode::UNPROCESSABLE_ENTITY, Json(error)).into_response(),
    }
}

/// The language of an API answer, read off the request (see [`reader_language`]) on the
/// blocking pool with the rest of the work.
fn api_language(headers: &HeaderMap) -> Vec<String> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(i18n::accepted_languages)
        .unwrap_or_default()
}

// Keychain reads are D-Bus round trips: the handlers keep them off the async workers.

async fn token(State(window): State<Arc<CallingWindow>>, headers: HeaderMap) -> Response {
    if let Err(refusal) = window.guard.take_token_permit() {
        return session::refuse(refusal, true, reader_language(&window, &headers));
    }
    let backend = window.backend.clone();
    let accepted = api_language(&headers);
    api_result(blocking(move || backend.token_in(backend.language_for(&accepted))).await)
}

async fn settings(State(window): State<Arc<CallingWindow>>, headers: HeaderMap) -> Response {
    let backend = window.backend.clone();
    let accepted = api_language(&headers);
    api_result(blocking(move || backend.settings_status_in(backend.language_for(&accepted))).await)
}

async fn webhook(State(window): State<Arc<CallingWindow>>, headers: HeaderMap) -> Response {
    let backend = window.backend.clone();
    let accepted = api_language(&headers);
    api_result(blocking(move || backend.webhook_status_in(backend.language_for(&accepted))).await)
}

async fn report_state(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(report): JsonBody<PhoneStatus>,
) -> Response {
    if let Err(why) = report.validate() {
        return (
            StatusCode::BAD_REQUEST,
            Json(BackendError::new(ErrorKind::Invalid, why)),
        )
            .into_response();
    }
    window.link.report(report);
    StatusCode::NO_CONTENT.into_response()
}

/// A write's body: JSON, or the request is refused. A page of another origin can send a form
/// (`application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`) without asking
/// first; JSON it can only send after a CORS preflight, which this listener never answers.
/// Together with the session cookie (SameSite=Strict) and the same-origin check in front of
/// every API route, this keeps every write to the page's own origin.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        let refuse = |status: StatusCode, why: String| {
            (status, Json(BackendError::new(ErrorKind::Invalid, why))).into_response()
        };
        if !is_json {
            return Err(refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the request as JSON (Content-Type: application/json)".into(),
            ));
        }
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| refuse(e.status(), e.body_text()))?;
        serde_json::from_slice(&body).map(JsonBody).map_err(|e| {
            refuse(
                StatusCode::BAD_REQUEST,
                format!("the request is not what this route takes: {e}"),
            )
        })
    }
}

async fn save_settings(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(changes): JsonBody<BTreeMap<Field, String>>,
) -> Response {
    let saved = window.backend.save_settings(&changes).await;
    if saved.is_ok() {
        window.saved_settings();
    }
    api_result(saved)
}

#[derive(serde::Deserialize)]
struct ImportBody {
    contents: String,
}

async fn import_env(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(body): JsonBody<ImportBody>,
) -> Response {
    let imported = window.backend.import_env(&body.contents).await;
    if imported.is_ok() {
        window.saved_settings();
    }
    api_result(imported)
}

// The set-up wizard. The page that asked restarts its own phone afterwards, so no `settings`
// event goes back to it.

async fn setup_status(State(window): State<Arc<CallingWindow>>) -> Response {
    let backend = window.backend.clone();
    api_result(blocking(move || backend.setup_status()).await)
}

async fn setup_account(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(query): JsonBody<AccountQuery>,
) -> Response {
    api_result(window.backend.setup_account(query).await)
}

async fn setup_connect(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(query): JsonBody<ConnectQuery>,
) -> Response {
    api_result(window.backend.setup_connect(query).await)
}

#[derive(serde::Deserialize)]
struct Nothing {}

async fn setup_disconnect(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(Nothing {}): JsonBody<Nothing>,
) -> Response {
    api_result(window.backend.setup_disconnect().await)
}

async fn check_wiring(State(window): State<Arc<CallingWindow>>) -> Response {
    api_result(window.backend.check_wiring().await)
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepairBody {
    #[serde(default)]
    take_over: bool,
}

async fn repair_wiring(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(body): JsonBody<RepairBody>,
) -> Response {
    api_result(window.backend.repair_wiring(body.take_over).await)
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CallerIdBody {
    caller_id: String,
}

async fn set_caller_id(
    State(window): State<Arc<CallingWindow>>,
    JsonBody(body): JsonBody<CallerIdBody>,
) -> Response {
    api_result(window.backend.set_caller_id(body.caller_id).await)
}

/// The page's lifeline: while this stream is open the page counts as connected. Keep-alive
/// comments make a vanished browser show up as a failed write within seconds. It carries the
/// app's named events (`settings`, `webhook`, `journal`: the page rereads what changed;
/// `open-at`: where a clicked notification opens the phone, as JSON) and the phone's
/// commands (`command`, with the command as JSON). A number that waited for a phone window
/// (the window was closed, or still loading) comes right after `hello`, then where to open the
/// phone if a click waited for a page; each is taken, so it is not carried out twice.
async fn events(State(window): State<Arc<CallingWindow>>) -> Response {
    use tokio::sync::broadcast::error::RecvError;
    let connection = window.link.connect();
    let (page_events, waiting_open_at) = window.link.page_events();
    let sources = (page_events, window.backend.control().subscribe());
    let control = window.backend.control().clone();
    let waiting_dial = control
        .take_waiting_dial()
        .and_then(|command| Event::default().event("command").json_data(&command).ok());
    let waiting_open_at = waiting_open_at.map(|at| {
        let event = PageEvent::OpenAt(at);
        Event::default().event(event.name()).data(event.data())
    });
    let hello = futures_util::stream::iter(
        std::iter::once(Event::default().event("hello").data("connected"))
            .chain(waiting_dial)
            .chain(waiting_open_at)
            .map(Ok::<_, Infallible>),
    );
    let events = futures_util::stream::unfold(sources, move |(mut names, mut commands)| {
        let control = control.clone();
        async move {
            loop {
                let event = tokio::select! {
                    name = names.recv() => match name {
                        Ok(event) => Event::default().event(event.name()).data(event.data()),
                        // A page that missed events only needs the latest: it refetches everything.
                        Err(RecvError::Lagged(_)) => continue,
                        Err(RecvError::Closed) => return None,
                    },
                    command = commands.recv() => match command {
                        Ok(command) => {
                            if matches!(command, crate::phone_control::PhoneCommand::Dial { .. }) {
                                // Delivered here, so it no longer waits for another window.
                                control.take_waiting_dial();
                            }
                            match Event::default().event("command").json_data(&command) {
                                Ok(event) => event,
                                Err(_) => continue,
                            }
                        }
                        // A command that old is better lost than carried out late.
                        Err(RecvError::Lagged(_)) => continue,
                        Err(RecvError::Closed) => return None,
                    },
                };
                return Some((Ok(event), (names, commands)));
            }
        }
    });
    let stream = hello.chain(events).map(move |event| {
        let _held_until_the_stream_drops = &connection;
        event
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(5)))
        .into_response()
}

async fn asset(State(window): State<Arc<CallingWindow>>, uri: Uri, headers: HeaderMap) -> Response {
    let path = match uri.path() {
        "/" => "/index.html",
        other => other,
    };
    match window.assets.get(path) {
        Some(bytes) => (
            [(header::CONTENT_TYPE, assets::mime_type(path))],
            bytes.into_owned(),
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            Text::new("page-not-found").render(reader_language(&window, &headers)),
        )
            .into_response(),
    }
}
