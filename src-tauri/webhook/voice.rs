//! The voice webhook, `POST /handle_calls`: what Twilio asks when our app places a call or
//! someone calls our number. The request has passed the signature check by the time it gets
//! here ([`super::twilio_request`]).

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::routing::{self, CallFields};
use super::twilio_request::TwilioForm;
use super::Context;
use crate::i18n::Text;

pub async fn handle_calls(State(context): State<Arc<Context>>, form: TwilioForm) -> Response {
    let (xml, outcome) = answer(&context, &form);
    context
        .activity()
        .record(axum::http::StatusCode::OK, outcome);
    ([(header::CONTENT_TYPE, "text/xml")], xml).into_response()
}

/// The TwiML for this call, and a one-line outcome for the log and the UI.
fn answer(context: &Context, form: &TwilioForm) -> (String, Text) {
    let settings = context.settings();
    let call = CallFields::from_params(form.pairs());
    let route = routing::route(call, settings);
    let xml = routing::twiml(&route, settings);
    let outcome = Text::from(&route);
    let call_sid = form.first("CallSid").unwrap_or("");
    tracing::info!(call_sid, from = call.from, to = call.to, "{outcome}");
    (xml, outcome)
}
