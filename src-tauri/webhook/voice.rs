//! The voice webhook, `POST /handle_calls`: what Twilio asks when our app places a call or
//! someone calls our number. The request has passed the signature check by the time it gets
//! here ([`super::twilio_request`]).

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::routing::{self, CallFields, Route};
use super::twilio_request::TwilioForm;
use super::Context;
use crate::i18n::Text;

/// Answers with the route's TwiML once the call is journaled (bounded: see
/// [`super::call_events::JOURNAL_WAIT`]), so a call Twilio was told about is on disk.
pub async fn handle_calls(State(context): State<Arc<Context>>, form: TwilioForm) -> Response {
    let (xml, outcome, route) = answer(&context, &form);
    if let Some(journal) = context.journal() {
        let do_not_disturb = context.answering().do_not_disturb;
        if let Some(call) =
            super::call_events::routed_call(&form, &route, do_not_disturb, context.now())
        {
            super::call_events::journaled("the call", journal.record_routed(call)).await;
        }
    }
    context
        .activity()
        .record(axum::http::StatusCode::OK, outcome);
    ([(header::CONTENT_TYPE, "text/xml")], xml).into_response()
}

/// The TwiML for this call, a one-line outcome for the log and the UI, and the route.
fn answer(context: &Context, form: &TwilioForm) -> (String, Text, Route) {
    let settings = context.settings();
    let call = CallFields::from_params(form.pairs());
    let route = routing::route(call, settings);
    let answering = context.answering();
    let do_not_disturb = answering.do_not_disturb && matches!(route, Route::Inbound { .. });
    let xml = if do_not_disturb {
        answering.do_not_disturb_twiml(context.greeting().is_set())
    } else {
        routing::twiml(&route, settings, answering.ring_secs)
    };
    let outcome = Text::from(&route);
    let outcome = if do_not_disturb {
        Text::new("outcome-do-not-disturb").message("outcome", outcome)
    } else {
        outcome
    };
    let call_sid = form.first("CallSid").unwrap_or("");
    tracing::info!(call_sid, from = call.from, to = call.to, "{outcome}");
    (xml, outcome, route)
}
