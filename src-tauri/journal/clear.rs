//! Clearing recents. "Clear" deletes the calls (and what the phone saw of their legs), because
//! that is what people expect of it; it keeps voicemail, which has its own delete, and contacts.
//!
//! Two things would otherwise undo or damage a clear:
//! - the catch-up from the REST Calls API ([`super::catch_up`]) would find the cleared calls
//!   at Twilio and journal them again. So a clear leaves a watermark, "cleared before": a call
//!   that started at or before it is never journaled again, by the catch-up or by a late
//!   `<Dial action>` of a call that was ringing during the clear;
//! - the inbox reads who left a message from its call. So the caller's number and name are
//!   copied onto each voicemail of a cleared call first.

use rusqlite::{params, Connection, OptionalExtension as _};
use serde::Serialize;

/// The mark's name in `journal_marks`.
const CLEARED_BEFORE: &str = "recents_cleared_before";

/// SQL for "this start time (the placeholder) is after the last clear", for the inserts.
pub const AFTER_CLEAR_SQL: &str =
    "{} > COALESCE((SELECT at FROM journal_marks WHERE name = 'recents_cleared_before'), -1)";

/// What a clear did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClearReport {
    /// Calls removed from recents.
    pub cleared: usize,
}

/// The watermark (Unix ms): calls that started at or before it were cleared.
pub fn cleared_before(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT at FROM journal_marks WHERE name = ?1",
        [CLEARED_BEFORE],
        |row| row.get(0),
    )
    .optional()
}

/// Clears every call that started at or before `at` (Unix ms) or before the newest call known,
/// whichever is later: a call journaled with a clock ahead of ours is cleared too. One write,
/// so a kill leaves either everything or nothing cleared.
pub fn clear(conn: &Connection, at: i64) -> rusqlite::Result<ClearReport> {
    let newest: Option<i64> =
        conn.query_row("SELECT MAX(started_at) FROM calls", [], |r| r.get(0))?;
    let before = newest.map_or(at, |n| n.max(at));
    // Never move the mark back (a clock set back between two clears).
    let before = cleared_before(conn)?.map_or(before, |old| old.max(before));
    conn.execute(
        "UPDATE voicemails SET
             number = COALESCE(number, (SELECT c.number FROM calls c WHERE c.call_sid = voicemails.call_sid)),
             caller_name = COALESCE(caller_name, (SELECT c.caller_name FROM calls c WHERE c.call_sid = voicemails.call_sid))
         WHERE call_sid IN (SELECT call_sid FROM calls WHERE started_at <= ?1)",
        [before],
    )?;
    conn.execute(
        "DELETE FROM phone_legs WHERE seen_at <= ?1
            OR leg_sid IN (SELECT call_sid FROM calls WHERE started_at <= ?1)
            OR leg_sid IN (SELECT dial_call_sid FROM calls WHERE started_at <= ?1)",
        [before],
    )?;
    let cleared = conn.execute("DELETE FROM calls WHERE started_at <= ?1", [before])?;
    conn.execute(
        "INSERT INTO journal_marks (name, at) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET at = excluded.at",
        params![CLEARED_BEFORE, before],
    )?;
    Ok(ClearReport { cleared })
}
