//! The calls: what the webhook routed, how the `<Dial action>` said each ended, what the phone
//! saw of its leg, and the history the UI and `dialtone history` read, with each call's status
//! worked out from all three.

use rusqlite::{params, Connection, OptionalExtension as _};
use serde::{Deserialize, Serialize};

use super::clear::AFTER_CLEAR_SQL;

/// Which way a call went, from the user's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Someone called the Twilio number.
    Inbound,
    /// The phone placed it.
    Outbound,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }

    fn parse(text: &str) -> Self {
        if text == "outbound" {
            Direction::Outbound
        } else {
            Direction::Inbound
        }
    }
}

/// What the voice webhook did with a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallRoute {
    /// Rang the phone (`<Dial><Client>`).
    Ring,
    /// Dialled out (`<Dial><Number>`).
    Dial,
    /// Straight to voicemail: do-not-disturb was on.
    Voicemail,
    /// Refused: a destination not allowed, or a call that is not ours.
    Refused,
}

impl CallRoute {
    pub fn as_str(self) -> &'static str {
        match self {
            CallRoute::Ring => "ring",
            CallRoute::Dial => "dial",
            CallRoute::Voicemail => "voicemail",
            CallRoute::Refused => "refused",
        }
    }
}

/// A call as the voice webhook routed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutedCall {
    pub call_sid: String,
    pub direction: Direction,
    /// The other party as Twilio gave it: E.164 when it is one.
    pub number: String,
    /// Unix milliseconds.
    pub started_at: i64,
    pub route: CallRoute,
    /// Twilio's `CallerName` (caller-ID lookup), when it sent one.
    pub caller_name: Option<String>,
}

/// What the `<Dial action>` callback says about how the dialled leg ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialOutcome {
    /// `DialCallStatus`: completed, answered, busy, no-answer, failed or canceled.
    pub dial_status: String,
    /// `DialCallSid`: the child leg, which the phone's SDK knows as its call.
    pub dial_call_sid: Option<String>,
    pub duration_secs: Option<i64>,
    /// Unix milliseconds.
    pub at: i64,
}

/// What the phone reported about one leg (keyed by the SDK's CallSid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegReport {
    pub leg_sid: String,
    pub direction: Direction,
    pub number: String,
    /// Unix milliseconds of this report.
    pub at: i64,
    /// When the call was answered here, once it was.
    pub answered_at: Option<i64>,
    /// The call is over (as far as this phone is concerned).
    pub ended: bool,
}

/// A call's status in the history: the list, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallStatus {
    Answered,
    /// Not answered: an incoming call nobody took (it may have left a voicemail), or an
    /// outgoing one the other side did not pick up.
    Missed,
    /// An incoming call declined on the phone.
    Declined,
    /// The number called was busy.
    Busy,
    /// Twilio could not place or connect the call.
    Failed,
    /// Dialtone refused it: a destination not allowed, or a call that is not ours.
    Refused,
}

/// A voicemail as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoicemailRef {
    pub recording_sid: String,
    pub duration_secs: i64,
    pub heard: bool,
}

/// One call in the history: exactly what `dialtone history --json` prints (the shape),
/// and what the UI's Recents reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub call_sid: String,
    pub direction: Direction,
    /// The other party, E.164 when it is a number.
    pub number: String,
    /// The contact's name for the number, else Twilio's caller name, else null.
    pub name: Option<String>,
    /// RFC 3339, UTC, whole seconds.
    pub started_at: String,
    pub status: CallStatus,
    pub duration_secs: i64,
    pub voicemail: Option<VoicemailRef>,
    /// Null when the phone measured nothing (not answered here, or before Dialtone kept it).
    pub quality: Option<CallQuality>,
}

/// How a call sounded, as `dialtone history --json` prints it: the codec, the average MOS
/// (one decimal) and the worst warning the phone saw. Each part may be unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallQuality {
    pub codec: Option<String>,
    pub average_mos: Option<f64>,
    pub worst_warning: Option<String>,
}

/// The MOS is rounded to one decimal when stored and is never NaN, so equality is an
/// equivalence.
impl Eq for CallQuality {}

/// The quality the phone measured over one leg.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegQuality {
    pub leg_sid: String,
    pub quality: CallQuality,
    /// Unix milliseconds of the report.
    pub at: i64,
}

/// Which calls to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HistoryFilter {
    /// Only incoming calls nobody answered (`status == missed`, direction inbound).
    pub missed_only: bool,
    /// At most this many, newest first.
    pub limit: Option<u32>,
}

pub fn insert_routed(conn: &Connection, call: &RoutedCall) -> rusqlite::Result<()> {
    // Twilio may ask again (a retry, the fallback URL): the first answer stands. A call from
    // before the last clear of recents stays cleared.
    let sql = format!(
        "INSERT INTO calls (call_sid, direction, number, started_at, route, caller_name)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE {}
         ON CONFLICT (call_sid) DO NOTHING",
        AFTER_CLEAR_SQL.replace("{}", "?4")
    );
    conn.prepare_cached(&sql)?.execute(params![
        call.call_sid,
        call.direction.as_str(),
        call.number,
        call.started_at,
        call.route.as_str(),
        call.caller_name
    ])?;
    Ok(())
}

/// Records the outcome; `call` describes the call in case the voice webhook's own record is
/// missing (the journal was unavailable then), so the outcome is not lost.
pub fn record_outcome(
    conn: &Connection,
    call: &RoutedCall,
    outcome: &DialOutcome,
) -> rusqlite::Result<()> {
    // A call that was cleared while it rang stays cleared: its outcome is dropped.
    let sql = format!(
        "INSERT INTO calls (call_sid, direction, number, started_at, route, caller_name,
                            dial_status, dial_call_sid, duration_secs, ended_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE {}
         ON CONFLICT (call_sid) DO UPDATE SET
             dial_status = excluded.dial_status,
             dial_call_sid = COALESCE(excluded.dial_call_sid, calls.dial_call_sid),
             duration_secs = excluded.duration_secs,
             ended_at = excluded.ended_at",
        AFTER_CLEAR_SQL.replace("{}", "?4")
    );
    conn.prepare_cached(&sql)?.execute(params![
        call.call_sid,
        call.direction.as_str(),
        call.number,
        call.started_at,
        call.route.as_str(),
        call.caller_name,
        outcome.dial_status,
        outcome.dial_call_sid,
        outcome.duration_secs,
        outcome.at
    ])?;
    Ok(())
}

pub fn record_leg(conn: &Connection, leg: &LegReport) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO phone_legs (leg_sid, direction, number, seen_at, answered_at, ended_at)
         VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN ?4 END)
         ON CONFLICT (leg_sid) DO UPDATE SET
             answered_at = COALESCE(phone_legs.answered_at, excluded.answered_at),
             ended_at = COALESCE(phone_legs.ended_at, excluded.ended_at)",
        params![
            leg.leg_sid,
            leg.direction.as_str(),
            leg.number,
            leg.at,
            leg.answered_at,
            leg.ended
        ],
    )?;
    Ok(())
}

/// Stores how a leg sounded. The phone's reports are followed through a channel that keeps
/// only the latest, so the leg's own record may be missing (the call began and ended between
/// two looks): then the leg is added from its journaled call. A leg of no journaled call (one
/// cleared from recents) is not brought back.
pub fn record_quality(conn: &Connection, report: &LegQuality) -> rusqlite::Result<()> {
    let q = &report.quality;
    let mos = q
        .average_mos
        .filter(|m| m.is_finite())
        .map(|m| (m * 10.0).round() / 10.0);
    let updated = conn.execute(
        "UPDATE phone_legs SET codec = ?2, average_mos = ?3, worst_warning = ?4 WHERE leg_sid = ?1",
        params![report.leg_sid, q.codec, mos, q.worst_warning],
    )?;
    if updated == 0 {
        conn.execute(
            "INSERT INTO phone_legs (leg_sid, direction, number, seen_at, codec, average_mos, worst_warning)
             SELECT ?1, c.direction, c.number, ?5, ?2, ?3, ?4 FROM calls c
             WHERE c.call_sid = ?1 OR c.dial_call_sid = ?1 LIMIT 1",
            params![report.leg_sid, q.codec, mos, q.worst_warning, report.at],
        )?;
    }
    Ok(())
}

/// What one row of the history query holds before its status is worked out.
struct Facts {
    direction: Direction,
    route: String,
    dial_status: Option<String>,
    dial_duration: Option<i64>,
    leg_answered_at: Option<i64>,
    leg_ended_at: Option<i64>,
    has_voicemail: bool,
}

impl Facts {
    /// The status, from the webhook's route, Twilio's `DialCallStatus` and the phone's report.
    /// Before Twilio reports an outcome (the call is still on, or the app stopped before the
    /// callback), a call counts as answered only if the phone said so.
    fn status(&self) -> CallStatus {
        if self.route == CallRoute::Refused.as_str() {
            return CallStatus::Refused;
        }
        let answered_here = self.leg_answered_at.is_some();
        let twilio = self.dial_status.as_deref();
        match self.direction {
            Direction::Inbound => {
                if matches!(twilio, Some("completed" | "answered")) || answered_here {
                    CallStatus::Answered
                } else if self.has_voicemail || self.route == CallRoute::Voicemail.as_str() {
                    CallStatus::Missed
                } else if twilio == Some("busy") {
                    // `<Dial><Client>` ends busy when a device of ours rejects the call (the
                    // Voice SDK's reject); a second call while busy is not offered to it at all.
                    CallStatus::Declined
                } else {
                    CallStatus::Missed
                }
            }
            Direction::Outbound => match twilio {
                Some("completed" | "answered") => CallStatus::Answered,
                Some("busy") => CallStatus::Busy,
                Some("failed") => CallStatus::Failed,
                Some(_) => CallStatus::Missed,
                None if answered_here => CallStatus::Answered,
                None => CallStatus::Missed,
            },
        }
    }

    fn duration_secs(&self, status: CallStatus) -> i64 {
        if status != CallStatus::Answered {
            return 0;
        }
        self.dial_duration
            .or_else(|| Some((self.leg_ended_at? - self.leg_answered_at?).max(0) / 1000))
            .unwrap_or(0)
    }
}

/// The contact's name for a number (the first by name when several share it).
pub const CONTACT_NAME_SQL: &str = "(SELECT ct.name FROM contact_numbers cn JOIN contacts ct ON ct.id = cn.contact_id WHERE cn.number = {} ORDER BY ct.name, ct.id LIMIT 1)";

/// Newest first. Statuses are worked out per row, so `missed_only` filters while reading and
/// stops at `limit`.
pub fn history(conn: &Connection, filter: HistoryFilter) -> rusqlite::Result<Vec<HistoryEntry>> {
    let sql = format!(
        "SELECT c.call_sid, c.direction, c.number, c.started_at, c.route, c.caller_name,
                c.dial_status, c.duration_secs,
                COALESCE(child.answered_at, parent.answered_at),
                COALESCE(child.ended_at, parent.ended_at),
                v.recording_sid, v.duration_secs, v.heard,
                {},
                COALESCE(child.codec, parent.codec),
                COALESCE(child.average_mos, parent.average_mos),
                COALESCE(child.worst_warning, parent.worst_warning)
         FROM calls c
         LEFT JOIN phone_legs child ON child.leg_sid = c.dial_call_sid
         LEFT JOIN phone_legs parent ON parent.leg_sid = c.call_sid
         LEFT JOIN voicemails v ON v.recording_sid = (
             SELECT recording_sid FROM voicemails
             WHERE call_sid = c.call_sid AND status = 'completed' AND deleted_at IS NULL
             ORDER BY received_at DESC LIMIT 1)
         ORDER BY c.started_at DESC, c.call_sid DESC",
        CONTACT_NAME_SQL.replace("{}", "c.number")
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rows = statement.query([])?;
    let limit = filter.limit.map_or(usize::MAX, |l| l as usize);
    let mut entries = Vec::new();
    while entries.len() < limit {
        let Some(row) = rows.next()? else { break };
        let recording_sid: Option<String> = row.get(10)?;
        let facts = Facts {
            direction: Direction::parse(&row.get::<_, String>(1)?),
            route: row.get(4)?,
            dial_status: row.get(6)?,
            dial_duration: row.get(7)?,
            leg_answered_at: row.get(8)?,
            leg_ended_at: row.get(9)?,
            has_voicemail: recording_sid.is_some(),
        };
        let status = facts.status();
        if filter.missed_only
            && !(status == CallStatus::Missed && facts.direction == Direction::Inbound)
        {
            continue;
        }
        let caller_name: Option<String> = row.get(5)?;
        let contact_name: Option<String> = row.get(13)?;
        let voicemail = match recording_sid {
            Some(recording_sid) => Some(VoicemailRef {
                recording_sid,
                duration_secs: row.get(11)?,
                heard: row.get(12)?,
            }),
            None => None,
        };
        let quality = CallQuality {
            codec: row.get(14)?,
            average_mos: row.get(15)?,
            worst_warning: row.get(16)?,
        };
        let measured = quality.codec.is_some()
            || quality.average_mos.is_some()
            || quality.worst_warning.is_some();
        entries.push(HistoryEntry {
            call_sid: row.get(0)?,
            direction: facts.direction,
            number: row.get(2)?,
            name: contact_name.or(caller_name),
            started_at: rfc3339(row.get(3)?),
            status,
            duration_secs: facts.duration_secs(status),
            voicemail,
            quality: measured.then_some(quality),
        });
    }
    Ok(entries)
}

/// The direction and other party of a journaled call.
pub fn call_party(
    conn: &Connection,
    call_sid: &str,
) -> rusqlite::Result<Option<(Direction, String)>> {
    conn.query_row(
        "SELECT direction, number FROM calls WHERE call_sid = ?1",
        [call_sid],
        |row| Ok((Direction::parse(&row.get::<_, String>(0)?), row.get(1)?)),
    )
    .optional()
}

/// Unix milliseconds as RFC 3339 UTC with whole seconds (`2024-05-01T12:00:00Z`).
pub fn rfc3339(unix_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(unix_ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(direction: Direction, route: CallRoute, dial: Option<&str>) -> Facts {
        Facts {
            direction,
            route: route.as_str().into(),
            dial_status: dial.map(str::to_owned),
            dial_duration: Some(42),
            leg_answered_at: None,
            leg_ended_at: None,
            has_voicemail: false,
        }
    }

    #[test]
    fn statuses_follow_twilio_and_the_phone() {
        use CallStatus::*;
        use Direction::*;
        for (direction, route, dial, expected) in [
            (Inbound, CallRoute::Ring, Some("completed"), Answered),
            (Inbound, CallRoute::Ring, Some("answered"), Answered),
            (Inbound, CallRoute::Ring, Some("busy"), Declined),
            (Inbound, CallRoute::Ring, Some("no-answer"), Missed),
            (Inbound, CallRoute::Ring, Some("canceled"), Missed),
            (Inbound, CallRoute::Ring, Some("failed"), Missed),
            (Inbound, CallRoute::Ring, None, Missed),
            (Inbound, CallRoute::Voicemail, None, Missed),
            (Inbound, CallRoute::Refused, None, Refused),
            (Outbound, CallRoute::Dial, Some("completed"), Answered),
            (Outbound, CallRoute::Dial, Some("busy"), Busy),
            (Outbound, CallRoute::Dial, Some("failed"), Failed),
            (Outbound, CallRoute::Dial, Some("no-answer"), Missed),
            (Outbound, CallRoute::Dial, Some("canceled"), Missed),
            (Outbound, CallRoute::Refused, None, Refused),
        ] {
            let f = facts(direction, route, dial);
            assert_eq!(f.status(), expected, "{direction:?} {route:?} {dial:?}");
            let duration = if expected == Answered { 42 } else { 0 };
            assert_eq!(f.duration_secs(expected), duration);
        }
    }

    #[test]
    fn the_phone_answering_counts_before_twilio_says_so() {
        let mut f = facts(Direction::Inbound, CallRoute::Ring, None);
        f.dial_duration = None;
        f.leg_answered_at = Some(10_000);
        f.leg_ended_at = Some(71_500);
        assert_eq!(f.status(), CallStatus::Answered);
        assert_eq!(f.duration_secs(CallStatus::Answered), 61);
        let mut declined_with_message = facts(Direction::Inbound, CallRoute::Ring, Some("busy"));
        declined_with_message.has_voicemail = true;
        assert_eq!(
            declined_with_message.status(),
            CallStatus::Missed,
            "an unanswered call that left a message is missed"
        );
    }

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(1_700_000_000_999), "2023-11-14T22:13:20Z");
    }
}
