//! When a request is sent again, and how long to wait first.
//!
//! - **429** (Twilio's rate limit, 20429): Twilio refused the request before doing anything, so
//!   every request is sent again, after `Retry-After` when Twilio gives one (seconds), else after
//!   the backoff. A `Retry-After` longer than [`RetryPolicy::max_retry_after`] ends the retries:
//!   the user is better told to come back than left waiting.
//! - **5xx, a timeout, a dropped connection**: the request may have been carried out, so only
//!   requests that do the same thing when repeated are sent again ([`Idempotency::Repeatable`]):
//!   GET, DELETE, and a POST that updates a resource the URL names (the same fields set twice).
//!   A POST that creates (a key, an app) is not: a repeat could make two.
//! - **The connection was never made**: nothing was sent, so every request is retried.
//!
//! Backoff doubles from [`RetryPolicy::base_delay`] up to [`RetryPolicy::max_delay`], without
//! jitter: one desktop app sending a few requests makes no thundering herd. The waiting goes
//! through [`Sleep`], so tests see the delays without waiting them.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Sends at most this many times in all (1 = no retry).
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// The longest `Retry-After` worth waiting for.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// Whether a request may be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// GET, DELETE, or a POST updating the resource its URL names.
    Repeatable,
    /// A POST that creates something.
    Once,
}

/// How the last attempt failed, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 429, with Twilio's `Retry-After` if it sent one.
    RateLimited(Option<Duration>),
    /// 5xx, a timeout or a connection lost after the request went out.
    MaybeDone,
    /// No connection was made: nothing was sent.
    NotSent,
}

impl RetryPolicy {
    /// The wait before trying again, or `None` to give up.
    pub fn next_delay(
        &self,
        attempt: u32,
        failure: Failure,
        kind: Idempotency,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        match failure {
            Failure::RateLimited(Some(wait)) if wait > self.max_retry_after => None,
            Failure::RateLimited(Some(wait)) => Some(wait),
            Failure::RateLimited(None) | Failure::NotSent => Some(self.backoff(attempt)),
            Failure::MaybeDone if kind == Idempotency::Repeatable => Some(self.backoff(attempt)),
            Failure::MaybeDone => None,
        }
    }
}

/// Waiting between attempts. The app uses [`TokioSleep`]; tests record the delays instead.
pub trait Sleep: Send + Sync {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// `tokio::time::sleep`, so paused test time applies too.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioSleep;

impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::default();
        let waits: Vec<u64> = (1..=6).map(|a| p.backoff(a).as_millis() as u64).collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 8000]);
    }

    #[test]
    fn creates_are_not_repeated_after_a_5xx_but_are_after_a_429() {
        let p = RetryPolicy::default();
        assert_eq!(p.next_delay(1, Failure::MaybeDone, Idempotency::Once), None);
        assert_eq!(
            p.next_delay(1, Failure::MaybeDone, Idempotency::Repeatable),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            p.next_delay(
                1,
                Failure::RateLimited(Some(Duration::from_secs(3))),
                Idempotency::Once
            ),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            p.next_delay(1, Failure::NotSent, Idempotency::Once),
            Some(Duration::from_millis(500))
        );
    }

    #[test]
    fn gives_up_after_max_attempts_or_a_long_retry_after() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.next_delay(4, Failure::NotSent, Idempotency::Repeatable),
            None
        );
        assert_eq!(
            p.next_delay(
                1,
                Failure::RateLimited(Some(Duration::from_secs(31))),
                Idempotency::Repeatable
            ),
            None
        );
    }
}
