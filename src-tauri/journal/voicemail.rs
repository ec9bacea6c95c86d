//! Voicemail in the journal: the recordings Twilio's callbacks announce, and the inbox the UI
//! and `dialtone voicemail list` read.

use rusqlite::{params, Connection, OptionalExtension as _};
use serde::{Deserialize, Serialize};

use super::calls::{rfc3339, CONTACT_NAME_SQL};

/// What a recording callback (or the `<Record action>`) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingReport {
    pub recording_sid: String,
    /// The parent leg: the call that left the message.
    pub call_sid: String,
    pub duration_secs: i64,
    /// `RecordingStatus`: in-progress, completed, absent or failed.
    pub status: String,
    /// Unix milliseconds.
    pub at: i64,
}

/// One message in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoicemailEntry {
    pub recording_sid: String,
    pub call_sid: String,
    /// Who left it, when the call was journaled.
    pub number: Option<String>,
    /// The contact's name for the number, else Twilio's caller name.
    pub name: Option<String>,
    /// RFC 3339, UTC.
    pub received_at: String,
    pub duration_secs: i64,
    pub heard: bool,
}

/// Stores a recording's state. A finished state (completed, absent, failed) is never taken
/// back by a late `in-progress`, and a deleted message stays deleted.
pub fn record(conn: &Connection, report: &RecordingReport) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO voicemails (recording_sid, call_sid, duration_secs, status, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (recording_sid) DO UPDATE SET
             status = CASE WHEN voicemails.status = 'in-progress' THEN excluded.status
                           ELSE voicemails.status END,
             duration_secs = MAX(voicemails.duration_secs, excluded.duration_secs)",
        params![
            report.recording_sid,
            report.call_sid,
            report.duration_secs.max(0),
            report.status,
            report.at
        ],
    )?;
    Ok(())
}

/// Completed messages not deleted, newest first.
pub fn inbox(conn: &Connection) -> rusqlite::Result<Vec<VoicemailEntry>> {
    let sql = format!(
        "SELECT v.recording_sid, v.call_sid, COALESCE(c.number, v.number),
                COALESCE(c.caller_name, v.caller_name), v.received_at,
                v.duration_secs, v.heard, {}
         FROM voicemails v LEFT JOIN calls c ON c.call_sid = v.call_sid
         WHERE v.status = 'completed' AND v.deleted_at IS NULL
         ORDER BY v.received_at DESC, v.rowid DESC",
        CONTACT_NAME_SQL.replace("{}", "COALESCE(c.number, v.number)")
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let entries = statement
        .query_map([], |row| {
            let caller_name: Option<String> = row.get(3)?;
            let contact_name: Option<String> = row.get(7)?;
            Ok(VoicemailEntry {
                recording_sid: row.get(0)?,
                call_sid: row.get(1)?,
                number: row.get(2)?,
                name: contact_name.or(caller_name),
                received_at: rfc3339(row.get(4)?),
                duration_secs: row.get(5)?,
                heard: row.get(6)?,
            })
        })?
        .collect();
    entries
}

/// One message of the inbox, if it is there (completed, not deleted).
pub fn find(conn: &Connection, recording_sid: &str) -> rusqlite::Result<Option<VoicemailEntry>> {
    Ok(inbox(conn)?
        .into_iter()
        .find(|e| e.recording_sid == recording_sid))
}

/// Returns whether there was such a message.
pub fn mark_heard(conn: &Connection, recording_sid: &str, heard: bool) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE voicemails SET heard = ?2 WHERE recording_sid = ?1 AND deleted_at IS NULL",
        params![recording_sid, heard],
    )? > 0)
}

/// Marks it deleted (the row stays, so a late callback cannot bring it back); returns whether
/// there was such a message.
pub fn mark_deleted(conn: &Connection, recording_sid: &str, at: i64) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE voicemails SET deleted_at = ?2 WHERE recording_sid = ?1 AND deleted_at IS NULL",
        params![recording_sid, at],
    )? > 0)
}

/// Whether the message exists and is deleted (so a repeated delete is not an error).
pub fn is_deleted(conn: &Connection, recording_sid: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT deleted_at IS NOT NULL FROM voicemails WHERE recording_sid = ?1",
            [recording_sid],
            |row| row.get::<_, bool>(0),
        )
        .optional()?
        .unwrap_or(false))
}
