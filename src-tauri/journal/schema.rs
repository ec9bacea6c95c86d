//! The journal's schema, as a list of migrations. `PRAGMA user_version` holds how many have
//! run; opening a file runs the rest, each in its own transaction with the version bump, so a
//! kill in the middle leaves the file at the previous version, never half-migrated.
//!
//! Never edit a migration that has shipped: add one. A file whose version is beyond this list
//! was written by a newer Dialtone and is left alone (see [`super::store`]).

/// Migration `i` (0-based) takes the file from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the calls the webhook routed, and how Twilio said they ended.
    r"
    CREATE TABLE calls (
        -- The parent leg's CallSid: what the voice webhook and every callback carry.
        call_sid      TEXT PRIMARY KEY,
        direction     TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        -- The other party: E.164 when it is one, else what Twilio said ('anonymous', …).
        number        TEXT NOT NULL,
        -- Unix milliseconds, UTC.
        started_at    INTEGER NOT NULL,
        -- What the webhook did: 'ring', 'dial', 'voicemail' (do-not-disturb), 'refused'.
        route         TEXT NOT NULL,
        -- Twilio's CallerName (caller-ID lookup), when it sent one.
        caller_name   TEXT,
        -- From the <Dial action> callback: DialCallStatus, DialCallSid, DialCallDuration.
        dial_status   TEXT,
        dial_call_sid TEXT,
        duration_secs INTEGER,
        ended_at      INTEGER
    ) STRICT;
    -- Recents reads newest first; the CallSid breaks ties so the order is stable.
    CREATE INDEX calls_by_start ON calls (started_at DESC, call_sid DESC);
    ",
    // 2: what the phone saw of each leg, voicemail, contacts.
    r"
    CREATE INDEX calls_by_dial_leg ON calls (dial_call_sid);
    -- The phone's own reports, keyed by the leg's CallSid as the Voice SDK knows it (for an
    -- incoming call the child leg, which the <Dial action> names as DialCallSid).
    CREATE TABLE phone_legs (
        leg_sid     TEXT PRIMARY KEY,
        direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        number      TEXT NOT NULL,
        seen_at     INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at    INTEGER
    ) STRICT;
    CREATE TABLE voicemails (
        recording_sid TEXT PRIMARY KEY,
        -- The parent leg (Twilio's recording callbacks always carry the parent CallSid). No
        -- foreign key: a recording must be kept even when its call was not journaled.
        call_sid      TEXT NOT NULL,
        duration_secs INTEGER NOT NULL DEFAULT 0,
        -- RecordingStatus: in-progress, completed, absent, failed.
        status        TEXT NOT NULL,
        received_at   INTEGER NOT NULL,
        heard         INTEGER NOT NULL DEFAULT 0 CHECK (heard IN (0, 1)),
        -- Set when the user deletes it; the row stays so a late callback cannot bring it back.
        deleted_at    INTEGER
    ) STRICT;
    CREATE INDEX voicemails_by_call ON voicemails (call_sid);
    CREATE TABLE contacts (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE contact_numbers (
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        -- E.164: calls are matched on this.
        number     TEXT NOT NULL,
        -- 'mobile', 'work', … as the vCard or the user said.
        label      TEXT,
        PRIMARY KEY (contact_id, number)
    ) STRICT;
    CREATE INDEX contact_numbers_by_number ON contact_numbers (number);
    ",
    // 3: clearing recents. The calls go; a voicemail keeps who left it, and a watermark keeps
    // the catch-up from the Calls API from bringing the cleared calls back.
    r"
    -- Copied from the call when recents are cleared, so the inbox still names the caller.
    ALTER TABLE voicemails ADD COLUMN number TEXT;
    ALTER TABLE voicemails ADD COLUMN caller_name TEXT;
    -- One row per mark; 'recents_cleared_before' (Unix ms): calls that started at or before it
    -- were cleared and are not journaled again.
    CREATE TABLE journal_marks (
        name TEXT PRIMARY KEY,
        at   INTEGER NOT NULL
    ) STRICT;
    ",
    // 4: how each call sounded, as the phone measured it over the leg (issue 15).
    r"
    -- The SDK's sample.codecName: 'opus', 'pcmu'.
    ALTER TABLE phone_legs ADD COLUMN codec TEXT;
    -- The mean of the call's MOS samples, 1..5.
    ALTER TABLE phone_legs ADD COLUMN average_mos REAL;
    -- The worst SDK warning raised during the call ('high-jitter', 'low-mos', …).
    ALTER TABLE phone_legs ADD COLUMN worst_warning TEXT;
    ",
    // 5: the dial-leg index keeps only calls that have a dial leg. The voice webhook writes
    // every call before its <Dial action> names the leg, so each of those inserts added a
    // NULL entry nothing ever looks up: one more page written per commit on the hot path.
    // `dial_call_sid = ?` implies NOT NULL, so the lookups still use the index.
    r"
    DROP INDEX calls_by_dial_leg;
    CREATE INDEX calls_by_dial_leg ON calls (dial_call_sid) WHERE dial_call_sid IS NOT NULL;
    ",
];

/// The version a file has once every migration ran.
pub fn current_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).expect("a handful of migrations")
}
