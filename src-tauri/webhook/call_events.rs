//! The routes Twilio calls about a call already under way, each behind the signature check:
//!
//! - `POST /dial_status`, the `<Dial action>`: how the dialled leg ended. Journaled; an
//!   incoming call nobody answered gets voicemail ([`super::answering`]).
//! - `POST /voicemail/recorded`, the `<Record action>`: the caller left a message.
//! - `POST /voicemail/status`, the `recordingStatusCallback`: the recording is ready (or absent).
//! - `GET /voicemail/greeting`: the user's recorded greeting, for `<Play>`.
//!
//! A forged request never gets here (403 at the gate), so it changes nothing.

use crate::i18n::Text;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::answering;
use super::routing::{self, CallFields, Route};
use super::twilio_request::TwilioForm;
use super::Context;
use crate::journal::{CallRoute, DialOutcome, Direction, Pending, RecordingReport, RoutedCall};

/// How long a webhook waits for its journal write before answering Twilio anyway (Twilio gives
/// up after 15 s; the call matters more than its record).
pub const JOURNAL_WAIT: Duration = Duration::from_secs(3);

/// Waits for a journal write, bounded; a failure is logged, never an error for Twilio.
pub async fn journaled(what: &str, write: Pending<()>) {
    match tokio::time::timeout(JOURNAL_WAIT, std::future::IntoFuture::into_future(write)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!("{what} not journaled: {e}"),
        Err(_) => {
            tracing::warn!("{what} not journaled within {JOURNAL_WAIT:?}; answered Twilio anyway")
        }
    }
}

fn xml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/xml")], body).into_response()
}

/// Twilio's values are short; a longer one is not Twilio's and is cut, not stored whole.
fn bounded(value: &str) -> String {
    value.chars().take(64).collect()
}

/// A `CA…`/`RE…` SID: two letters and 32 hex digits.
fn is_sid(value: &str, prefix: &str) -> bool {
    value.len() == 34
        && value.starts_with(prefix)
        && value[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The call as the voice webhook routes it, for the journal; `None` without a CallSid.
pub fn routed_call(
    form: &TwilioForm,
    route: &Route,
    do_not_disturb: bool,
    now: i64,
) -> Option<RoutedCall> {
    let call_sid = form
        .first("CallSid")
        .filter(|s| is_sid(s, "CA"))?
        .to_owned();
    let fields = CallFields::from_params(form.pairs());
    let (direction, number, route) = match route {
        // A set-up test is no call of the user's: it stays out of Recents.
        Route::EchoTest => return None,
        Route::Outbound { to } => (Direction::Outbound, to.to_string(), CallRoute::Dial),
        Route::OutboundRefused { .. } => {
            (Direction::Outbound, bounded(fields.to), CallRoute::Refused)
        }
        Route::Inbound { .. } => (
            Direction::Inbound,
            bounded(if fields.from.is_empty() {
                "anonymous"
            } else {
                fields.from
            }),
            if do_not_disturb {
                CallRoute::Voicemail
            } else {
                CallRoute::Ring
            },
        ),
        Route::Rejected { .. } if fields.from.starts_with("client:") => {
            (Direction::Outbound, bounded(fields.to), CallRoute::Refused)
        }
        Route::Rejected { .. } => (Direction::Inbound, bounded(fields.from), CallRoute::Refused),
    };
    let caller_name = (direction == Direction::Inbound)
        .then(|| {
            form.first("CallerName")
                .map(|n| n.chars().take(100).collect())
        })
        .flatten();
    Some(RoutedCall {
        call_sid,
        direction,
        number,
        started_at: now,
        route,
        caller_name,
    })
}

/// `POST /dial_status`.
pub async fn dial_status(State(context): State<Arc<Context>>, form: TwilioForm) -> Response {
    let settings = context.settings();
    let route = routing::route(CallFields::from_params(form.pairs()), settings);
    let status = form.first("DialCallStatus").unwrap_or("").to_owned();
    let now = context.now();
    let known = matches!(
        status.as_str(),
        "completed" | "answered" | "busy" | "no-answer" | "failed" | "canceled"
    );
    match (known, routed_call(&form, &route, false, now)) {
        (true, Some(mut call)) => {
            let duration = form
                .first("DialCallDuration")
                .and_then(|d| d.parse::<i64>().ok())
                .filter(|d| (0..=86_400 * 7).contains(d));
            // The voice webhook's own record is usually there; this one stands in when not.
            call.started_at = now - duration.unwrap_or(0) * 1000;
            let outcome = DialOutcome {
                dial_status: status.clone(),
                dial_call_sid: form
                    .first("DialCallSid")
                    .filter(|s| is_sid(s, "CA"))
                    .map(str::to_owned),
                duration_secs: duration,
                at: now,
            };
            if let Some(journal) = context.journal() {
                journaled("the call's outcome", journal.record_outcome(call, outcome)).await;
            }
        }
        _ => tracing::warn!(
            status,
            "a dial action without a known DialCallStatus or CallSid; nothing journaled"
        ),
    }
    let answered = matches!(status.as_str(), "completed" | "answered");
    let (body, outcome) = match route {
        Route::Inbound { .. } if !answered => (
            context.answering().unanswered(context.greeting().is_set()),
            if context.answering().voicemail.is_some() {
                Text::new("outcome-unanswered-voicemail").arg("status", &status)
            } else {
                Text::new("outcome-unanswered").arg("status", &status)
            },
        ),
        _ => (
            answering::hang_up(),
            Text::new("outcome-call-ended").arg("status", &status),
        ),
    };
    context.activity().record(StatusCode::OK, outcome);
    xml(body)
}

fn recording_report(form: &TwilioForm, status: &str, now: i64) -> Option<RecordingReport> {
    let recording_sid = form.first("RecordingSid").filter(|s| is_sid(s, "RE"))?;
    let call_sid = form.first("CallSid").filter(|s| is_sid(s, "CA"))?;
    let duration_secs = form
        .first("RecordingDuration")
        .and_then(|d| d.parse::<i64>().ok())
        .unwrap_or(0)
        .clamp(0, 86_400);
    Some(RecordingReport {
        recording_sid: recording_sid.to_owned(),
        call_sid: call_sid.to_owned(),
        duration_secs,
        status: status.to_owned(),
        at: now,
    })
}

/// `POST /voicemail/recorded`: the `<Record action>`. The recording may not be ready yet; its
/// status callback says when it is.
pub async fn recorded(State(context): State<Arc<Context>>, form: TwilioForm) -> Response {
    if let (Some(report), Some(journal)) = (
        recording_report(&form, "in-progress", context.now()),
        context.journal(),
    ) {
        journaled("the voicemail", journal.record_recording(report)).await;
    }
    context
        .activity()
        .record(StatusCode::OK, Text::new("outcome-voicemail-left"));
    xml(context.answering().recorded())
}

/// `POST /voicemail/status`: the `recordingStatusCallback`.
pub async fn recording_status(State(context): State<Arc<Context>>, form: TwilioForm) -> Response {
    let status = form.first("RecordingStatus").unwrap_or("");
    if !matches!(status, "in-progress" | "completed" | "absent" | "failed") {
        return (StatusCode::BAD_REQUEST, "unknown RecordingStatus\n").into_response();
    }
    let Some(report) = recording_report(&form, status, context.now()) else {
        return (
            StatusCode::BAD_REQUEST,
            "RecordingSid and CallSid are required\n",
        )
            .into_response();
    };
    if let Some(journal) = context.journal() {
        journaled("the voicemail's status", journal.record_recording(report)).await;
    }
    context.activity().record(
        StatusCode::NO_CONTENT,
        Text::new("outcome-voicemail-recording").arg("status", status),
    );
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /voicemail/greeting`: the user's recorded greeting.
pub async fn greeting(State(context): State<Arc<Context>>, _signed: TwilioForm) -> Response {
    let greeting = context.greeting().clone();
    match tokio::task::spawn_blocking(move || greeting.load())
        .await
        .ok()
        .flatten()
    {
        Some((kind, bytes)) => {
            ([(header::CONTENT_TYPE, kind.content_type())], bytes).into_response()
        }
        None => (StatusCode::NOT_FOUND, "no recorded greeting\n").into_response(),
    }
}
