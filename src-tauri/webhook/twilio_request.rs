//! The one gate in front of every route Twilio calls: the request must be a well-formed form
//! (or a bodiless GET) whose `X-Twilio-Signature` matches, computed over exactly
//! `public base + this route's path + query`. Routes are added through [`TwilioRoutes`], which
//! puts the check in front of each of them, so a new route cannot forget it; and their handlers
//! read the form through [`TwilioForm`], which only the check provides, so a handler mounted
//! anywhere else refuses every request instead of answering an unverified one.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request, State};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;

use super::{form, Context};
use crate::signature;

/// Twilio's forms are a few hundred bytes; anything near this is not Twilio.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// The routes Twilio calls. Each one gets the signature check; there is no other way in.
pub struct TwilioRoutes {
    context: Arc<Context>,
    router: Router<Arc<Context>>,
}

impl TwilioRoutes {
    pub fn new(context: Arc<Context>) -> Self {
        Self {
            context,
            router: Router::new(),
        }
    }

    /// A route Twilio POSTs a form to (voice URLs, action and status callbacks).
    pub fn post<H, T>(self, path: &str, handler: H) -> Self
    where
        H: Handler<T, Arc<Context>>,
        T: 'static,
    {
        self.route(path, post(handler))
    }

    /// A route Twilio GETs (media for `<Play>`); signed over the URL alone.
    pub fn get<H, T>(self, path: &str, handler: H) -> Self
    where
        H: Handler<T, Arc<Context>>,
        T: 'static,
    {
        self.route(path, get(handler))
    }

    /// Puts the check in front of the route's handlers (only theirs: a request with another
    /// method still gets a plain 405).
    fn route(mut self, path: &str, method: MethodRouter<Arc<Context>>) -> Self {
        let checked =
            method.route_layer(middleware::from_fn_with_state(self.context.clone(), verify));
        self.router = self.router.route(path, checked);
        self
    }

    /// The routes, each behind the check, ready to merge with unsigned ones (`/healthz`).
    pub fn into_router(self) -> Router {
        self.router
            .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
            .with_state(self.context)
    }
}

/// The form fields of a request whose signature checked out, in order, repeats included.
#[derive(Debug, Clone)]
pub struct TwilioForm(pub Arc<Vec<(String, String)>>);

impl TwilioForm {
    /// The first non-empty value of `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }
}

/// Only [`verify`] puts a form here; a handler reached any other way refuses.
impl<S: Send + Sync> FromRequestParts<S> for TwilioForm {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<TwilioForm>().cloned().ok_or((
            StatusCode::FORBIDDEN,
            "forbidden: not a verified Twilio request\n",
        ))
    }
}

/// A refusal: logged with its details, recorded for the UI with fixed text only, so a
/// stranger cannot write into the settings panel (what they put in `Host`, say).
fn refuse(context: &Context, status: StatusCode, public: &str, detail: &str) -> Response {
    tracing::warn!(status = status.as_u16(), "refused webhook: {detail}");
    context.activity().record(
        status,
        crate::i18n::errors::webhook_refusal(status.as_u16(), public),
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{public}\n"),
    )
        .into_response()
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// The check itself: form, then signature; the verified form goes to the handler.
async fn verify(State(context): State<Arc<Context>>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let has_body = parts.method != Method::GET && parts.method != Method::HEAD;
    let params = if has_body {
        if !is_form(&parts.headers) {
            return refuse(
                &context,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "expected an application/x-www-form-urlencoded body",
                "not a form post",
            );
        }
        let bytes = match Bytes::from_request(Request::from_parts(parts.clone(), body), &()).await {
            Ok(bytes) => bytes,
            Err(rejection) => {
                let status = rejection.status();
                return refuse(
                    &context,
                    status,
                    "the body could not be read",
                    &rejection.body_text(),
                );
            }
        };
        match form::parse(&bytes) {
            Ok(params) => params,
            Err(e) => {
                return refuse(
                    &context,
                    StatusCode::BAD_REQUEST,
                    "malformed form body",
                    &e.to_string(),
                )
            }
        }
    } else {
        Vec::new()
    };

    if context.check_signatures {
        if let Err(refusal) = check_signature(&context, &parts.headers, &parts.uri, &params) {
            return refuse(
                &context,
                StatusCode::FORBIDDEN,
                refusal.public,
                &refusal.detail,
            );
        }
    } else {
        tracing::warn!(
            "SIGNATURE CHECK IS OFF: this webhook was not verified. Anyone who finds your tunnel URL can place calls billed to your account. Turn the check back on as soon as you are done experimenting."
        );
    }
    tracing::debug!(path = parts.uri.path(), form = ?params, "webhook form");
    parts.extensions.insert(TwilioForm(Arc::new(params)));
    next.run(Request::from_parts(parts, Body::empty())).await
}

/// Why a signature was refused: fixed words for the UI, details for the log.
struct SignatureRefusal {
    public: &'static str,
    detail: String,
}

fn check_signature(
    context: &Context,
    headers: &HeaderMap,
    uri: &Uri,
    params: &[(String, String)],
) -> Result<(), SignatureRefusal> {
    let Some(url) = signed_url(context, headers, uri) else {
        return Err(SignatureRefusal {
            public: "forbidden",
            detail: "no Host header, so the signed URL cannot be rebuilt".into(),
        });
    };
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok());
    let token = context
        .settings
        .auth_token
        .as_ref()
        .expect("signature checks are only on with an Auth Token");
    if signature.is_some_and(|sig| signature::validate(token.expose(), &url, params, sig)) {
        return Ok(());
    }
    let (public, why) = match signature {
        None => ("forbidden: no X-Twilio-Signature", "missing"),
        Some(_) => (
            "forbidden: X-Twilio-Signature does not match (check the public URL and the Auth Token)",
            "wrong",
        ),
    };
    Err(SignatureRefusal {
        public,
        detail: format!("{why} X-Twilio-Signature for {url}; nothing was dialed"),
    })
}

/// The URL Twilio signed: the configured public base plus this request's path and query, or,
/// when no public URL is configured, one rebuilt from the tunnel's `X-Forwarded-Proto` and the
/// `Host` header.
fn signed_url(context: &Context, headers: &HeaderMap, uri: &Uri) -> Option<String> {
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
    if let Some(base) = context.signature_base() {
        return Some(format!("{base}{path_and_query}"));
    }
    let header_text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let scheme = header_text("x-forwarded-proto").unwrap_or("http");
    let host = header_text("x-forwarded-host").or_else(|| header_text("host"))?;
    let url = format!("{scheme}://{host}{path_and_query}");
    tracing::warn!(
        "no public URL is configured, so the signature was checked against {url}, rebuilt from X-Forwarded-Proto and Host. Set the public webhook URL (DIALTONE_PUBLIC_URL) to the Voice URL of your TwiML App."
    );
    Some(url)
}
