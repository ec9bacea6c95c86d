//! Keeps Twilio pointed at us when the public URL moves: a free tunnel restarted with a new URL,
//! or a new URL typed in Settings. The follower ([`crate::backend`] runs it) looks at the local
//! tunnel agents every few seconds; this module decides when Twilio must hear of a change and
//! tells it. Twilio is asked only when the URL Dialtone last gave the TwiML App (kept in the
//! [`super::SetupRecord`]) differs from the one in effect: nothing polls Twilio, and a failed
//! update is retried with a growing pause, not at every look.

use std::time::{Duration, Instant};

use super::connect::point;
use super::{now_ms, voice_url, SetupEnv, SetupError, Step};
use crate::settings::Settings;
use crate::twilio::Credentials;

/// How often the follower looks at the tunnel agents: a restarted tunnel is followed "within a
/// few seconds", and a look is a few loopback requests.
pub const LOOK_EVERY: Duration = Duration::from_secs(2);

/// The pauses after failed updates, longest last.
const RETRY_AFTER: [Duration; 4] = [
    Duration::from_secs(2),
    Duration::from_secs(10),
    Duration::from_secs(30),
    Duration::from_secs(120),
];

/// When to tell Twilio.
#[derive(Debug, Default)]
pub struct Repointer {
    failures: usize,
    retry_at: Option<Instant>,
    /// The URL the failures were for: a different one is tried at once.
    failing: Option<String>,
}

impl Repointer {
    /// The Voice URL to give the TwiML App now, if any: `wanted` is the one in effect (the
    /// configured public URL's, else the tunnel's), `given` the one Dialtone gave last.
    pub fn next(&self, wanted: Option<&str>, given: Option<&str>, now: Instant) -> Option<String> {
        let wanted = wanted?;
        if Some(wanted) == given {
            return None;
        }
        let waiting =
            self.failing.as_deref() == Some(wanted) && self.retry_at.is_some_and(|at| now < at);
        (!waiting).then(|| wanted.to_owned())
    }

    pub fn failed(&mut self, url: &str, now: Instant) {
        if self.failing.as_deref() != Some(url) {
            self.failures = 0;
            self.failing = Some(url.to_owned());
        }
        let pause = RETRY_AFTER[self.failures.min(RETRY_AFTER.len() - 1)];
        self.failures += 1;
        self.retry_at = Some(now + pause);
    }

    pub fn succeeded(&mut self) {
        *self = Self::default();
    }
}

/// Gives Dialtone's TwiML App `voice_url` with the saved API key, and writes it down. Only an
/// app set-up made is changed: one the user wired by hand is theirs to point.
pub async fn point_app(
    env: &SetupEnv<'_>,
    settings: &Settings,
    voice_url: &str,
) -> Result<(), SetupError> {
    let Some(mut record) = env.record.load()? else {
        return Err(SetupError::NotSetUp {
            path: env.record.path().to_owned(),
        });
    };
    let Some(app) = record.application.clone() else {
        return Err(SetupError::NotSetUp {
            path: env.record.path().to_owned(),
        });
    };
    let token = settings.token_settings().map_err(|e| {
        SetupError::NeedsSettings(format!("the TwiML App cannot be given the new URL: {e}"))
    })?;
    let client = Credentials::api_key(
        &record.account_sid,
        &token.api_key_sid,
        token.api_key_secret,
    )
    .and_then(|c| env.api.client(c))
    .map_err(SetupError::twilio(Step::PointApp))?;
    client
        .update_application(&app.sid, &point(voice_url))
        .await
        .map_err(SetupError::twilio(Step::PointApp))?;
    record.voice_url = Some(voice_url.to_owned());
    record.voice_url_set_at = Some(now_ms());
    env.record.save(&record)?;
    Ok(())
}

/// The Voice URL for a public base, if there is one.
pub fn wanted(public_base: Option<&str>) -> Option<String> {
    public_base.map(voice_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twilio_hears_only_of_a_change() {
        let r = Repointer::default();
        let now = Instant::now();
        let a = "https://a.ngrok.app/handle_calls";
        assert_eq!(r.next(Some(a), Some(a), now), None, "already pointed there");
        assert_eq!(r.next(None, Some(a), now), None, "no tunnel: leave it");
        assert_eq!(r.next(Some(a), None, now).as_deref(), Some(a));
    }

    #[test]
    fn a_failed_update_waits_longer_each_time_but_a_new_url_goes_at_once() {
        let mut r = Repointer::default();
        let t0 = Instant::now();
        let (a, b) = (
            "https://a.example/handle_calls",
            "https://b.example/handle_calls",
        );
        r.failed(a, t0);
        assert_eq!(r.next(Some(a), None, t0 + Duration::from_secs(1)), None);
        assert_eq!(
            r.next(Some(a), None, t0 + Duration::from_secs(2))
                .as_deref(),
            Some(a)
        );
        let t1 = t0 + Duration::from_secs(2);
        r.failed(a, t1);
        assert_eq!(r.next(Some(a), None, t1 + Duration::from_secs(9)), None);
        assert!(r
            .next(Some(a), None, t1 + Duration::from_secs(10))
            .is_some());
        assert_eq!(
            r.next(Some(b), None, t1).as_deref(),
            Some(b),
            "the tunnel moved on"
        );
        r.succeeded();
        assert!(r.next(Some(a), None, t1).is_some());
    }
}
