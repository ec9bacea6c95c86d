//! Catching up after the app was not running (laptop asleep, app quit): the calls Twilio has to
//! and from our number since the newest call the journal knows, from the REST Calls list, and
//! whatever the journal is missing of them. A call to our number nobody answered while
//! Dialtone was away shows as missed; a call the journal knows but whose `<Dial action>` never
//! arrived (the app stopped first) gets its outcome.
//!
//! Three lists, each followed through all its pages:
//! - `To=<our number>`: calls to us (Twilio's `inbound` parent legs, keyed as the voice webhook
//!   keys them);
//! - `To=client:<identity>`: the legs `<Dial><Client>` rang on the phone, whose status is how
//!   each call to us ended (answered here: `completed`; not: `no-answer`, `busy`, `canceled`);
//! - `From=<our number>`: the legs our outgoing calls dialled with our number as caller ID,
//!   whose parent is the call the phone placed.
//!
//! Each with `StartTime>=` the newest known call less [`OVERLAP`] (an empty journal looks back
//! [`FIRST_LOOK_BACK`]). Writing is idempotent: a call already journaled is left as it is, and
//! an outcome only fills one that is missing, so running it twice, or while calls come in,
//! changes nothing that is right.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::calls::{self, CallRoute, DialOutcome, Direction, RoutedCall};
use super::recordings_api::{self, RecordingsError};
use super::{Journal, JournalError};
use crate::settings::{Field, Incomplete, Settings};
use crate::twilio::{self, Call, CallFilter};

/// How far before the newest known call the lists start: a call that began just before it
/// (two at once) is not skipped. Calls found twice are journaled once.
pub const OVERLAP_MS: i64 = 10 * 60 * 1000;
/// How far back an empty journal looks: a first start does not import years of an account.
pub const FIRST_LOOK_BACK_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// What one catch-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatchUpReport {
    /// Calls that were not in the journal.
    pub added: usize,
    /// Calls the journal had without an outcome, now with Twilio's.
    pub completed: usize,
}

impl CatchUpReport {
    /// Says in the log what was done: the same line from the app and from `dialtone serve`.
    pub fn log(&self) {
        tracing::info!(
            "call history caught up with Twilio: {} calls added, {} completed",
            self.added,
            self.completed
        );
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatchUpError {
    #[error("the call history could not catch up with Twilio: {0}")]
    Twilio(#[from] twilio::TwilioError),
    #[error(transparent)]
    Journal(#[from] JournalError),
}

/// Why the settings cannot drive a catch-up. Each caller says it its own way: the app as an
/// error of the kind the UI knows, `dialtone serve` as a line in its log.
#[derive(Debug, thiserror::Error)]
pub enum NotReady {
    /// What the Calls list needs of the token's settings (the API key above all) is missing or
    /// malformed: the webhook alone works without it.
    #[error(transparent)]
    Incomplete(#[from] Incomplete),
    #[error("the call history cannot catch up without the Twilio number: set it in Settings")]
    NoNumber,
    /// The REST client could not be built from the credentials.
    #[error(transparent)]
    Client(#[from] RecordingsError),
}

/// A catch-up ready to run: Twilio's REST client authenticated with the API key, and what the
/// lists are asked for. Built from the settings the same way by the app and by `dialtone
/// serve`, so both journal the same calls.
pub struct CatchUp {
    client: twilio::Client,
    our_number: String,
    identity: String,
}

impl CatchUp {
    /// The catch-up `settings` allow, against Twilio's REST API at `api_base`
    /// (`https://api.twilio.com`, or `DIALTONE_TWILIO_API_BASE`).
    pub fn from_settings(settings: &Settings, api_base: &str) -> Result<Self, NotReady> {
        let token = settings.token_settings()?;
        let our_number = settings
            .valid(Field::TwilioNumber)
            .ok_or(NotReady::NoNumber)?
            .to_owned();
        let identity = token.identity.clone();
        let client = recordings_api::client(api_base, token.into())?;
        Ok(Self {
            client,
            our_number,
            identity,
        })
    }

    /// Runs it once (see [`catch_up`]).
    pub async fn run(&self, journal: &Journal, now_ms: i64) -> Result<CatchUpReport, CatchUpError> {
        catch_up(
            journal,
            &self.client,
            &self.our_number,
            &self.identity,
            now_ms,
        )
        .await
    }
}

/// A call found in Twilio's list, as the journal would have written it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCall {
    pub call: RoutedCall,
    /// How it ended, when it has.
    pub outcome: Option<DialOutcome>,
}

/// Unix milliseconds of one of Twilio's RFC 2822 times.
fn unix_ms(rfc2822: Option<&str>) -> Option<i64> {
    chrono::DateTime::parse_from_rfc2822(rfc2822?)
        .ok()
        .map(|t| t.timestamp_millis())
}

/// Twilio's statuses of a call that is over (the rest: queued, ringing, in-progress).
fn is_over(status: Option<&str>) -> bool {
    matches!(
        status,
        Some("completed" | "busy" | "no-answer" | "canceled" | "failed")
    )
}

fn outcome_of(leg: &Call) -> Option<DialOutcome> {
    if !is_over(leg.status.as_deref()) {
        return None;
    }
    Some(DialOutcome {
        dial_status: leg.status.clone()?,
        dial_call_sid: Some(leg.sid.clone()),
        duration_secs: leg.duration.as_deref().and_then(|d| d.parse().ok()),
        at: unix_ms(leg.end_time.as_deref())
            .or_else(|| unix_ms(leg.start_time.as_deref()))
            .unwrap_or_default(),
    })
}

/// What the three lists say, as journal records. Pure, so the mapping is tested without HTTP.
pub fn found_calls(to_us: &[Call], rang_here: &[Call], dialled_out: &[Call]) -> Vec<FoundCall> {
    let started =
        |c: &Call| unix_ms(c.start_time.as_deref()).or_else(|| unix_ms(c.date_created.as_deref()));
    let rang: HashMap<&str, &Call> = rang_here
        .iter()
        .filter_map(|leg| Some((leg.parent_call_sid.as_deref()?, leg)))
        .collect();
    let mut found = Vec::new();
    for call in to_us
        .iter()
        .filter(|c| c.direction.as_deref() == Some("inbound") && c.parent_call_sid.is_none())
    {
        let Some(started_at) = started(call) else {
            continue;
        };
        // No leg rang here: the phone was never offered the call (Dialtone was not running,
        // or the webhook sent it elsewhere), so it was missed.
        let outcome = match rang.get(call.sid.as_str()) {
            Some(leg) => outcome_of(leg),
            None if is_over(call.status.as_deref()) => Some(DialOutcome {
                dial_status: "no-answer".into(),
                dial_call_sid: None,
                duration_secs: Some(0),
                at: unix_ms(call.end_time.as_deref()).unwrap_or(started_at),
            }),
            None => None,
        };
        found.push(FoundCall {
            call: RoutedCall {
                call_sid: call.sid.clone(),
                direction: Direction::Inbound,
                number: call.from.clone().unwrap_or_default(),
                started_at,
                route: CallRoute::Ring,
                caller_name: call.caller_name.clone().filter(|n| !n.is_empty()),
            },
            outcome,
        });
    }
    for leg in dialled_out {
        let (Some(parent), Some(started_at)) = (leg.parent_call_sid.as_deref(), started(leg))
        else {
            continue;
        };
        found.push(FoundCall {
            call: RoutedCall {
                call_sid: parent.to_owned(),
                direction: Direction::Outbound,
                number: leg.to.clone().unwrap_or_default(),
                started_at,
                route: CallRoute::Dial,
                caller_name: None,
            },
            outcome: outcome_of(leg),
        });
    }
    found
}

/// Writes what is missing; one transaction.
fn write_found(conn: &Connection, found: &[FoundCall]) -> rusqlite::Result<CatchUpReport> {
    let mut report = CatchUpReport::default();
    for f in found {
        let before = conn.total_changes();
        calls::insert_routed(conn, &f.call)?;
        let added = conn.total_changes() > before;
        report.added += usize::from(added);
        if let Some(o) = &f.outcome {
            let filled = conn.execute(
                "UPDATE calls SET dial_status = ?2,
                        dial_call_sid = COALESCE(dial_call_sid, ?3),
                        duration_secs = ?4, ended_at = ?5
                 WHERE call_sid = ?1 AND dial_status IS NULL",
                params![
                    f.call.call_sid,
                    o.dial_status,
                    o.dial_call_sid,
                    o.duration_secs,
                    o.at
                ],
            )?;
            report.completed += usize::from(filled > 0 && !added);
        }
    }
    Ok(report)
}

/// `2026-12-01T08:30:00Z`: the form twilio-python sends for `start_time_after`.
fn instant(unix_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(unix_ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

impl Journal {
    /// The start of the newest call journaled (Unix ms), if any.
    pub fn newest_call_started_at(&self) -> Result<Option<i64>, JournalError> {
        self.read(|conn| conn.query_row("SELECT MAX(started_at) FROM calls", [], |r| r.get(0)))
    }

    /// Where the lists start (Unix ms, before [`OVERLAP_MS`]): the newest call journaled, or
    /// the last clear of recents when that is later (after a clear the journal is empty, and
    /// looking back [`FIRST_LOOK_BACK_MS`] would only fetch what the watermark then drops).
    pub fn catch_up_from(&self) -> Result<Option<i64>, JournalError> {
        let newest = self.newest_call_started_at()?;
        let cleared = self.read(super::clear::cleared_before)?;
        Ok(newest.max(cleared))
    }

    /// Journals what `found` has that the journal does not.
    pub fn record_found(&self, found: Vec<FoundCall>) -> Result<CatchUpReport, JournalError> {
        Ok(self.write(move |conn| write_found(conn, &found)).wait()?)
    }
}

/// Asks Twilio (through `api`, authenticated for our account) for the calls to and from
/// `our_number` since the journal's newest, and journals what is missing. `now_ms` bounds the
/// look back of an empty journal.
pub async fn catch_up(
    journal: &Journal,
    api: &twilio::Client,
    our_number: &str,
    identity: &str,
    now_ms: i64,
) -> Result<CatchUpReport, CatchUpError> {
    let journal_ = journal.clone();
    let newest = tokio::task::spawn_blocking(move || journal_.catch_up_from())
        .await
        .map_err(|e| JournalError::Read(e.to_string()))??;
    let since = match newest {
        Some(newest) => newest - OVERLAP_MS,
        None => now_ms - FIRST_LOOK_BACK_MS,
    };
    let filter = |to: Option<String>, from: Option<String>| CallFilter {
        to,
        from,
        started_on_or_after: Some(instant(since)),
        started_on_or_before: None,
    };
    let to_us = api
        .list_calls(&filter(Some(our_number.to_owned()), None))
        .await?;
    let rang_here = api
        .list_calls(&filter(Some(format!("client:{identity}")), None))
        .await?;
    let dialled_out = api
        .list_calls(&filter(None, Some(our_number.to_owned())))
        .await?;
    let found = found_calls(&to_us, &rang_here, &dialled_out);
    let journal = journal.clone();
    let report = tokio::task::spawn_blocking(move || journal.record_found(found))
        .await
        .map_err(|e| JournalError::Read(e.to_string()))??;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(
        sid: &str,
        parent: Option<&str>,
        direction: &str,
        from: &str,
        to: &str,
        status: &str,
    ) -> Call {
        Call {
            sid: sid.into(),
            parent_call_sid: parent.map(Into::into),
            from: Some(from.into()),
            to: Some(to.into()),
            status: Some(status.into()),
            direction: Some(direction.into()),
            start_time: Some("Tue, 01 Dec 2026 08:30:00 +0000".into()),
            end_time: Some("Tue, 01 Dec 2026 08:31:00 +0000".into()),
            duration: Some("60".into()),
            caller_name: None,
            date_created: None,
        }
    }

    #[test]
    fn a_call_no_leg_rang_for_is_missed_and_a_leg_says_how_the_others_ended() {
        let to_us = [
            call(
                "CA1",
                None,
                "inbound",
                "+15557654321",
                "+15551234567",
                "completed",
            ),
            call(
                "CA2",
                None,
                "inbound",
                "+15557654322",
                "+15551234567",
                "completed",
            ),
            call(
                "CA3",
                None,
                "inbound",
                "+15557654323",
                "+15551234567",
                "in-progress",
            ),
        ];
        let rang = [call(
            "CA2b",
            Some("CA2"),
            "outbound-dial",
            "+15557654322",
            "client:me",
            "completed",
        )];
        let out = [call(
            "CA4b",
            Some("CA4"),
            "outbound-dial",
            "+15551234567",
            "+442079460958",
            "busy",
        )];
        let found = found_calls(&to_us, &rang, &out);
        let outcome = |i: usize| found[i].outcome.as_ref().map(|o| o.dial_status.as_str());
        assert_eq!(found.len(), 4);
        assert_eq!(
            (found[0].call.number.as_str(), outcome(0)),
            ("+15557654321", Some("no-answer"))
        );
        assert_eq!(outcome(1), Some("completed"));
        assert_eq!(
            found[1].outcome.as_ref().unwrap().dial_call_sid.as_deref(),
            Some("CA2b")
        );
        assert_eq!(outcome(2), None, "a call still going on has no outcome yet");
        assert_eq!(
            (
                found[3].call.call_sid.as_str(),
                found[3].call.direction,
                found[3].call.number.as_str(),
                outcome(3)
            ),
            ("CA4", Direction::Outbound, "+442079460958", Some("busy"))
        );
        assert_eq!(found[0].call.started_at, 1_796_113_800_000);
    }

    #[test]
    fn the_look_back_is_sent_as_twilio_python_does() {
        assert_eq!(instant(1_796_113_800_000), "2026-12-01T08:30:00Z");
    }
}
