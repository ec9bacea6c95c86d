//! The HTTP side: one `reqwest` client with timeouts, Basic auth on every request, retries
//! ([`super::retry`]), Twilio's error body read ([`super::error`]) and pages followed.

use std::sync::{Arc, Once};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::credentials::Credentials;
use super::error::{ApiError, BaseUrlProblem, TwilioError};
use super::retry::{Failure, Idempotency, RetryPolicy, Sleep, TokioSleep};

/// Twilio's production API.
pub const TWILIO_API_BASE: &str = "https://api.twilio.com";

/// Following more pages than this means a server that never ends its list.
const MAX_PAGES: usize = 10_000;

#[derive(Clone)]
pub struct ClientOptions {
    /// Time to open the connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Time for a whole request, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// `PageSize` for lists; Twilio allows 1 to 1000.
    pub page_size: u32,
    pub sleep: Arc<dyn Sleep>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            page_size: 1000,
            sleep: Arc::new(TokioSleep),
        }
    }
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientOptions")
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("page_size", &self.page_size)
            .finish_non_exhaustive()
    }
}

/// A client for one account. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    credentials: Credentials,
    options: ClientOptions,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .field("credentials", &self.credentials)
            .field("options", &self.options)
            .finish()
    }
}

/// What a request sends besides its method and path.
#[derive(Clone, Copy)]
pub(super) enum Body<'a> {
    None,
    Form(&'a [(&'static str, String)]),
}

/// How an attempt that failed ended.
enum Last {
    Answer(reqwest::Response),
    NoAnswer(reqwest::Error),
}

/// Twilio's `Retry-After`, in seconds (the form it sends; an HTTP date is not read).
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

/// reqwest with rustls needs a process-wide crypto provider; `ring` needs no C toolchain.
/// Public for the other reqwest clients of the app (the tunnel agents).
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err means another part of the process installed one first, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Client {
    /// `base_url` is Twilio's ([`TWILIO_API_BASE`]) or, in tests, a local stand-in
    /// (`http://127.0.0.1:PORT`): plain HTTP is refused anywhere but loopback, since the
    /// credentials would cross the network readable.
    pub fn new(
        base_url: &str,
        credentials: Credentials,
        options: ClientOptions,
    ) -> Result<Self, TwilioError> {
        let base = Url::parse(base_url).map_err(|_| TwilioError::BaseUrl {
            url: base_url.to_owned(),
            reason: BaseUrlProblem::NotAUrl,
        })?;
        let loopback = match base.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d == "localhost",
            None => false,
        };
        match base.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(TwilioError::BaseUrl {
                    url: base_url.to_owned(),
                    reason: BaseUrlProblem::PlainHttpElsewhere,
                })
            }
            _ => {
                return Err(TwilioError::BaseUrl {
                    url: base_url.to_owned(),
                    reason: BaseUrlProblem::NotHttps,
                })
            }
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(TwilioError::BaseUrl {
                url: "(hidden: it holds a user name or password)".into(),
                reason: BaseUrlProblem::HoldsCredentials,
            });
        }
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dialtone/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| TwilioError::Setup(e.to_string()))?;
        Ok(Client {
            http,
            base,
            credentials,
            options,
        })
    }

    pub fn account_sid(&self) -> &str {
        self.credentials.account_sid()
    }

    /// `/2010-04-01/Accounts/{AC}` + `rest`.
    pub(super) fn account_path(&self, rest: &str) -> String {
        format!("/2010-04-01/Accounts/{}{rest}", self.account_sid())
    }

    fn host(&self) -> String {
        match (self.base.host_str(), self.base.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            _ => self.base.to_string(),
        }
    }

    fn unreachable(&self, e: &reqwest::Error) -> TwilioError {
        // The innermost cause reads best ("Connection refused (os error 111)"); none of the
        // causes holds a credential, which only ever travels in a header.
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            reason = s.to_string();
            source = s.source();
        }
        let elsewhere = self.base.as_str().trim_end_matches('/') != TWILIO_API_BASE;
        TwilioError::Unreachable {
            host: self.host(),
            reason,
            elsewhere,
        }
    }

    /// Sends one request, retrying as [`RetryPolicy`] says; the successful answer.
    pub(super) async fn send(
        &self,
        method: Method,
        url: Url,
        body: Body<'_>,
        kind: Idempotency,
    ) -> Result<reqwest::Response, TwilioError> {
        let what = format!("{method} {}", url.path());
        // A DELETE whose answer was lost may have been carried out: a 404 after it is success.
        let mut maybe_done = false;
        for attempt in 1.. {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .basic_auth(
                    self.credentials.username(),
                    Some(self.credentials.password().expose()),
                )
                .header(reqwest::header::ACCEPT, "application/json");
            if let Body::Form(fields) = body {
                request = request.form(fields);
            }
            let (failure, last) = match request.send().await {
                Ok(r) if r.status().is_success() => return Ok(r),
                Ok(r)
                    if method == Method::DELETE
                        && maybe_done
                        && r.status() == StatusCode::NOT_FOUND =>
                {
                    return Ok(r)
                }
                Ok(r) => {
                    let failure = match r.status().as_u16() {
                        429 => Some(Failure::RateLimited(retry_after(&r))),
                        500..=599 => Some(Failure::MaybeDone),
                        _ => None,
                    };
                    (failure, Last::Answer(r))
                }
                Err(e) if e.is_connect() => (Some(Failure::NotSent), Last::NoAnswer(e)),
                Err(e) => (Some(Failure::MaybeDone), Last::NoAnswer(e)),
            };
            let delay = failure.and_then(|f| self.options.retry.next_delay(attempt, f, kind));
            match (delay, last) {
                (Some(delay), _) => {
                    tracing::debug!(%what, attempt, ?delay, "retrying a Twilio request");
                    maybe_done |= failure == Some(Failure::MaybeDone);
                    self.options.sleep.sleep(delay).await;
                }
                (None, Last::Answer(response)) => {
                    return Err(self.api_error(&what, response, attempt).await)
                }
                (None, Last::NoAnswer(error)) if error.is_timeout() => {
                    return Err(TwilioError::Timeout {
                        host: self.host(),
                        what,
                        after: self.options.request_timeout,
                    })
                }
                (None, Last::NoAnswer(error)) => return Err(self.unreachable(&error)),
            }
        }
        unreachable!("the retry policy ends the loop")
    }

    async fn api_error(
        &self,
        what: &str,
        response: reqwest::Response,
        attempts: u32,
    ) -> TwilioError {
        let status = response.status().as_u16();
        let retry_after = retry_after(&response);
        let body: Option<Value> = response.json().await.ok();
        let field = |name: &str| body.as_ref().and_then(|b| b.get(name)).cloned();
        TwilioError::Api(ApiError {
            status,
            code: field("code")
                .and_then(|c| c.as_u64())
                .and_then(|c| u32::try_from(c).ok()),
            message: field("message")
                .and_then(|m| m.as_str().map(String::from))
                .unwrap_or_else(|| format!("HTTP {status}")),
            more_info: field("more_info").and_then(|m| m.as_str().map(String::from)),
            request: what.to_owned(),
            attempts,
            retry_after,
        })
    }

    fn url(&self, path: &str) -> Url {
        let mut url = self.base.clone();
        url.set_path(path);
        url
    }

    /// A JSON answer read as `T`.
    pub(super) async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Body<'_>,
        kind: Idempotency,
    ) -> Result<T, TwilioError> {
        let what = format!("{method} {path}");
        let response = self.send(method, self.url(path), body, kind).await?;
        let bytes = response
            .bytes()
            .await
            .map_err(|e| TwilioError::BadResponse {
                what: what.clone(),
                reason: e.to_string(),
            })?;
        serde_json::from_slice(&bytes).map_err(|e| TwilioError::BadResponse {
            what,
            reason: e.to_string(),
        })
    }

    /// A DELETE; Twilio answers 204.
    pub(super) async fn delete(&self, path: &str) -> Result<(), TwilioError> {
        self.send(
            Method::DELETE,
            self.url(path),
            Body::None,
            Idempotency::Repeatable,
        )
        .await
        .map(|_| ())
    }

    /// The answer's raw bytes and content type (recording audio).
    pub(super) async fn bytes(&self, path: &str) -> Result<(String, Vec<u8>), TwilioError> {
        let response = self
            .send(
                Method::GET,
                self.url(path),
                Body::None,
                Idempotency::Repeatable,
            )
            .await?;
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/octet-stream")
            .to_owned();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| TwilioError::BadResponse {
                what: format!("GET {path}"),
                reason: e.to_string(),
            })?;
        Ok((content_type, bytes.to_vec()))
    }

    /// Every item of a 2010 list, following `next_page_uri` (relative, resolved against the base
    /// URL; one that leads to another host is refused, since it would get our credentials).
    pub(super) async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        query: &[(&'static str, String)],
    ) -> Result<Vec<T>, TwilioError> {
        let mut url = self.url(path);
        {
            let mut q = url.query_pairs_mut();
            q.extend_pairs(query.iter());
            q.append_pair("PageSize", &self.options.page_size.to_string());
        }
        let mut items = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..MAX_PAGES {
            let what = format!("GET {}", url.path());
            let bad = |reason: String| TwilioError::BadResponse {
                what: what.clone(),
                reason,
            };
            let response = self
                .send(
                    Method::GET,
                    url.clone(),
                    Body::None,
                    Idempotency::Repeatable,
                )
                .await?;
            let mut page: Value = response.json().await.map_err(|e| bad(e.to_string()))?;
            let rows = page
                .get_mut(key)
                .map(Value::take)
                .ok_or_else(|| bad(format!("no {key:?} list in the page")))?;
            let rows: Vec<T> = serde_json::from_value(rows).map_err(|e| bad(e.to_string()))?;
            items.extend(rows);
            let Some(next) = page.get("next_page_uri").and_then(Value::as_str) else {
                return Ok(items);
            };
            let next = self
                .base
                .join(next)
                .map_err(|e| bad(format!("next_page_uri {next:?}: {e}")))?;
            if next.origin() != self.base.origin() {
                return Err(bad(format!(
                    "next_page_uri leads to another host ({})",
                    next.host_str().unwrap_or("?")
                )));
            }
            if !seen.insert(next.to_string()) {
                return Err(bad("next_page_uri repeats an earlier page".into()));
            }
            url = next;
        }
        Err(TwilioError::BadResponse {
            what: format!("GET {path}"),
            reason: format!("more than {MAX_PAGES} pages"),
        })
    }
}
