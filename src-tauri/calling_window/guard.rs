//! Who may talk to the calling window's listener.
//!
//! The listener is on loopback, which every local process and, through DNS rebinding, every web
//! page can reach. So: a per-launch secret in the URL the app opens, exchanged once for an
//! HttpOnly SameSite=Strict cookie; a `Host` that must be exactly our loopback address; no
//! CORS headers ever; same-origin fetch metadata on API calls; and a rate limit on tokens.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap};
use rand::RngCore as _;
use subtle::ConstantTimeEq as _;

pub const COOKIE_NAME: &str = "dialtone_phone";

/// A random 256-bit value as 64 hex digits.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No session cookie, or an unknown one: 401.
    NoSession,
    /// Wrong `Host`, a cross-origin request, or a spent launch secret: 403.
    Forbidden,
    /// Too many tokens too fast: 429.
    RateLimited,
}

pub struct Guard {
    /// `127.0.0.1:PORT`: the only `Host` we answer.
    host: String,
    /// The one-time launch secret; replaced on every (re)open, cleared once exchanged.
    launch: Mutex<Option<String>>,
    sessions: Mutex<HashSet<String>>,
    tokens: Mutex<TokenBucket>,
}

impl Guard {
    pub fn new(host: String) -> Self {
        Self {
            host,
            launch: Mutex::new(None),
            sessions: Mutex::new(HashSet::new()),
            tokens: Mutex::new(TokenBucket::new(10, Duration::from_secs(6))),
        }
    }

    /// A fresh launch secret for the next window; any earlier unexchanged one stops working.
    pub fn new_launch_secret(&self) -> String {
        let secret = random_secret();
        *lock(&self.launch) = Some(secret.clone());
        secret
    }

    /// Trades the launch secret for a new session id. Works once per secret.
    pub fn exchange(&self, offered: &str) -> Result<String, Refusal> {
        let mut launch = lock(&self.launch);
        let matches = launch
            .as_deref()
            .is_some_and(|secret| bool::from(secret.as_bytes().ct_eq(offered.as_bytes())));
        if !matches {
            return Err(Refusal::Forbidden);
        }
        *launch = None;
        let session = random_secret();
        // One calling window at a time: a new session ends the earlier ones, so a session taken
        // by anyone else ends as soon as the user reopens the window.
        let mut sessions = lock(&self.sessions);
        sessions.clear();
        sessions.insert(session.clone());
        Ok(session)
    }

    /// Checks `Host` (DNS rebinding) and, for API calls, that the browser says the request
    /// comes from our own origin.
    pub fn check_origin(&self, headers: &HeaderMap, api: bool) -> Result<(), Refusal> {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        if host != Some(self.host.as_str()) {
            return Err(Refusal::Forbidden);
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            if origin.to_str().ok() != Some(format!("http://{}", self.host).as_str()) {
                return Err(Refusal::Forbidden);
            }
        }
        if api {
            // Browsers send Sec-Fetch-Site on every fetch; another local origin is "same-site"
            // (cookies included), so insist on exactly same-origin.
            if let Some(site) = headers.get("sec-fetch-site") {
                if site.to_str().ok() != Some("same-origin") {
                    return Err(Refusal::Forbidden);
                }
            }
        }
        Ok(())
    }

    pub fn check_session(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let sessions = lock(&self.sessions);
        let known = cookie(headers, COOKIE_NAME).is_some_and(|value| {
            sessions
                .iter()
                .any(|s| bool::from(s.as_bytes().ct_eq(value.as_bytes())))
        });
        known.then_some(()).ok_or(Refusal::NoSession)
    }

    pub fn take_token_permit(&self) -> Result<(), Refusal> {
        lock(&self.tokens)
            .take(Instant::now())
            .then_some(())
            .ok_or(Refusal::RateLimited)
    }

    /// The `Set-Cookie` value for a session: HttpOnly so page scripts cannot read it,
    /// SameSite=Strict so other sites' requests do not carry it, no expiry so it dies with the
    /// browser session.
    pub fn set_cookie(session: &str) -> String {
        format!("{COOKIE_NAME}={session}; HttpOnly; SameSite=Strict; Path=/")
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The value of cookie `name` in the request's `Cookie` headers.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// `capacity` tokens, one more every `refill`: bursts for a page reload, not a token mill.
struct TokenBucket {
    capacity: u32,
    available: u32,
    refill: Duration,
    last: Option<Instant>,
}

impl TokenBucket {
    fn new(capacity: u32, refill: Duration) -> Self {
        Self {
            capacity,
            available: capacity,
            refill,
            last: None,
        }
    }

    fn take(&mut self, now: Instant) -> bool {
        let last = *self.last.get_or_insert(now);
        let earned = (now.duration_since(last).as_millis() / self.refill.as_millis().max(1)) as u32;
        if earned > 0 {
            self.available = (self.available + earned).min(self.capacity);
            self.last = Some(last + self.refill * earned);
        }
        if self.available == 0 {
            return false;
        }
        self.available -= 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn a_launch_secret_works_once() {
        let guard = Guard::new("127.0.0.1:4000".into());
        assert_eq!(guard.exchange(""), Err(Refusal::Forbidden));
        let secret = guard.new_launch_secret();
        assert_eq!(secret.len(), 64);
        assert_eq!(guard.exchange("nope"), Err(Refusal::Forbidden));
        let session = guard.exchange(&secret).unwrap();
        assert_eq!(guard.exchange(&secret), Err(Refusal::Forbidden));
        let with_cookie = headers(&[("cookie", &format!("a=b; {COOKIE_NAME}={session}"))]);
        assert_eq!(guard.check_session(&with_cookie), Ok(()));
        assert_eq!(
            guard.check_session(&headers(&[("cookie", "dialtone_phone=forged")])),
            Err(Refusal::NoSession)
        );
        assert_eq!(
            guard.check_session(&HeaderMap::new()),
            Err(Refusal::NoSession)
        );
    }

    #[test]
    fn only_our_host_and_origin_pass() {
        let guard = Guard::new("127.0.0.1:4000".into());
        assert_eq!(
            guard.check_origin(&headers(&[("host", "127.0.0.1:4000")]), true),
            Ok(())
        );
        for bad in [
            headers(&[("host", "evil.example:4000")]),
            headers(&[("host", "localhost:4000")]),
            headers(&[]),
            headers(&[
                ("host", "127.0.0.1:4000"),
                ("origin", "http://127.0.0.1:5000"),
            ]),
            headers(&[("host", "127.0.0.1:4000"), ("sec-fetch-site", "same-site")]),
            headers(&[("host", "127.0.0.1:4000"), ("sec-fetch-site", "cross-site")]),
        ] {
            assert_eq!(
                guard.check_origin(&bad, true),
                Err(Refusal::Forbidden),
                "{bad:?}"
            );
        }
        let navigation = headers(&[("host", "127.0.0.1:4000"), ("sec-fetch-site", "none")]);
        assert_eq!(guard.check_origin(&navigation, false), Ok(()));
    }

    #[test]
    fn the_bucket_refills_slowly() {
        let mut bucket = TokenBucket::new(3, Duration::from_secs(10));
        let start = Instant::now();
        assert!((0..3).all(|_| bucket.take(start)));
        assert!(!bucket.take(start));
        assert!(!bucket.take(start + Duration::from_secs(9)));
        assert!(bucket.take(start + Duration::from_secs(10)));
        assert!(!bucket.take(start + Duration::from_secs(11)));
        assert!(bucket.take(start + Duration::from_secs(100)));
    }
}
