//! Twilio's webhook requests as Twilio sends them: a form POST, signed with the account's Auth
//! Token over the public base plus the route's path and query (`twilio.md` §2). To the router
//! in-process, or over TCP to a running listener.

use std::net::SocketAddr;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use tower::ServiceExt as _;

use super::{body_text, encode_form, http, AUTH_TOKEN, PUBLIC_BASE};

/// Twilio's `X-Twilio-Signature` for `form` posted to `path` (with its query, if any).
pub fn twilio_signature(path: &str, form: &[(String, String)]) -> String {
    dialtone::signature::compute(AUTH_TOKEN, &format!("{PUBLIC_BASE}{path}"), form)
}

/// A form POST of `body` to `path`, with `signature` as its `X-Twilio-Signature` if any.
pub fn form_request(path: &str, body: impl Into<Body>, signature: Option<&str>) -> Request<Body> {
    let mut request =
        Request::post(path).header("content-type", "application/x-www-form-urlencoded");
    if let Some(signature) = signature {
        request = request.header("x-twilio-signature", signature);
    }
    request.body(body.into()).unwrap()
}

/// `form` POSTed to `path`, signed as Twilio signs it.
pub fn signed_request(path: &str, form: &[(String, String)]) -> Request<Body> {
    form_request(path, encode_form(form), Some(&twilio_signature(path, form)))
}

/// What `router` answers to `request`: the status and the body.
pub async fn answer(router: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    (status, body_text(response).await)
}

/// Over TCP: `body` POSTed as a form to `path` on the listener at `address`, with `signature`
/// if any; the status and the body.
pub fn post_form(
    address: SocketAddr,
    path: &str,
    body: &str,
    signature: Option<&str>,
) -> (u16, String) {
    let mut head =
        format!("POST {path} HTTP/1.1\r\ncontent-type: application/x-www-form-urlencoded");
    if let Some(signature) = signature {
        head.push_str(&format!("\r\nx-twilio-signature: {signature}"));
    }
    http(address, &head, body.as_bytes())
}

/// Over TCP: `form` POSTed to `path`, signed as Twilio signs it.
pub fn post_signed(address: SocketAddr, path: &str, form: &[(String, String)]) -> (u16, String) {
    let signature = twilio_signature(path, form);
    post_form(address, path, &encode_form(form), Some(&signature))
}
