//! Opening the journal's file: the connection settings every connection gets, the migrations,
//! and what happens to a file that cannot be used.
//!
//! # Durability
//! `journal_mode=WAL` with `synchronous=FULL`: every commit is in the write-ahead log *and*
//! fsynced before SQLite returns. WAL alone survives the process being killed (`kill -9`), since
//! committed pages are already in the OS; the fsync is what makes a commit survive a power cut
//! or a kernel crash, which `synchronous=NORMAL` does not promise in WAL mode (the last
//! commits may roll back). A record is only acknowledged (to Twilio, to the UI) after its
//! commit returned, so it must survive both. The cost, one fsync per commit, is shared by a
//! whole batch of writes ([`super::writer`]).
//!
//! # A file that cannot be used
//! One that is damaged (not a database, or `quick_check` fails) is renamed to
//! `calls.sqlite3.damaged-<UTC time>` (its `-wal`/`-shm` alongside), never deleted, and a new
//! file is started so the calls from now on are kept. One written by a newer Dialtone, or that
//! cannot be opened at all (permissions, a full disk, another program holding a lock), is left
//! as it is and the journal is unavailable, with the reason, until the next start.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::schema::{current_version, MIGRATIONS};

/// How long a statement waits for another connection's lock (the CLI and the app share the
/// file) before giving up with SQLITE_BUSY.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("the call history file {} was written by a newer version of Dialtone (schema {found}, this one knows {known}); update Dialtone to see it. The file was left as it is", .path.display())]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the folder {} for the call history cannot be created: {source}. Check that it is writable, or point DIALTONE_DATA_DIR at one that is", .path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the call history file {} cannot be opened: {source}. Check the file's permissions and that the disk is not full", .path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the call history file {} is damaged and could not be moved aside: {source}. Move it away by hand; Dialtone starts a new one next time", .path.display())]
    MoveAside {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An open journal file: one connection that writes, one that reads.
pub struct Opened {
    pub writer: Connection,
    pub reader: Connection,
    /// Where a damaged file was moved to, if this open found one.
    pub moved_aside: Option<PathBuf>,
}

/// Opens (creating if needed) the journal at `path`, migrated to the current schema. A damaged
/// file is moved aside (named with `now`, UTC) and a new one started.
pub fn open(path: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<Opened, OpenError> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir).map_err(|source| OpenError::Folder {
            path: dir.to_owned(),
            source,
        })?;
    }
    match open_checked(path) {
        Ok((writer, reader)) => Ok(Opened {
            writer,
            reader,
            moved_aside: None,
        }),
        Err(Trouble::Damaged(why)) => {
            tracing::error!(
                "the call history {} is damaged ({why}); moving it aside",
                path.display()
            );
            let moved = move_aside(path, now).map_err(|source| OpenError::MoveAside {
                path: path.to_owned(),
                source,
            })?;
            let (writer, reader) = open_checked(path).map_err(|t| t.into_error(path))?;
            Ok(Opened {
                writer,
                reader,
                moved_aside: Some(moved),
            })
        }
        Err(other) => Err(other.into_error(path)),
    }
}

enum Trouble {
    Damaged(String),
    Newer { found: i64 },
    Sqlite(rusqlite::Error),
}

impl Trouble {
    fn into_error(self, path: &Path) -> OpenError {
        let path = path.to_owned();
        match self {
            Trouble::Newer { found } => OpenError::Newer {
                path,
                found,
                known: current_version(),
            },
            Trouble::Sqlite(source) => OpenError::Sqlite { path, source },
            Trouble::Damaged(why) => OpenError::Sqlite {
                path,
                source: rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                    Some(why),
                ),
            },
        }
    }
}

impl From<rusqlite::Error> for Trouble {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Trouble::Damaged(e.to_string())
            }
            _ => Trouble::Sqlite(e),
        }
    }
}

/// The settings every connection needs; `synchronous` and `busy_timeout` are per connection.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

fn open_checked(path: &Path) -> Result<(Connection, Connection), Trouble> {
    let writer = Connection::open(path)?;
    configure(&writer)?;
    // Persistent in the file; a no-op when another process already switched it.
    let mode: String = writer.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // Only a file system without shared memory (a network share) refuses WAL.
        tracing::warn!("the call history is in {mode} mode, not WAL: is the data folder on a network file system?");
    }
    let check: String = writer.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(Trouble::Damaged(format!("quick_check: {check}")));
    }
    migrate(&writer)?;
    let reader = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&reader)?;
    reader.pragma_update(None, "query_only", true)?;
    Ok((writer, reader))
}

/// Runs the migrations the file has not had yet.
fn migrate(conn: &Connection) -> Result<(), Trouble> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > current_version() {
        return Err(Trouble::Newer { found });
    }
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        // IMMEDIATE: two processes opening an old file at once migrate it one after the other;
        // the second sees the new version and skips.
        let tx =
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version > i64::try_from(index).unwrap_or(i64::MAX) {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
        tx.commit()?;
        tracing::info!("call history: schema {} → {}", index, index + 1);
    }
    Ok(())
}

/// Renames `path` (and its `-wal` and `-shm`) to `<name>.damaged-<UTC time>[-N]`, keeping the
/// pair openable together for anyone who wants to look inside.
fn move_aside(path: &Path, now: chrono::DateTime<chrono::Utc>) -> std::io::Result<PathBuf> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "calls.sqlite3".into());
    let target = (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{name}.damaged-{stamp}{suffix}"))
        })
        .find(|candidate| !candidate.exists())
        .expect("some suffix is free");
    std::fs::rename(path, &target)?;
    for extra in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{extra}", path.display()));
        if from.exists() {
            std::fs::rename(&from, format!("{}{extra}", target.display()))?;
        }
    }
    Ok(target)
}

/// The data folder holds the journal and the voicemail cache: only this user may read it.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    }

    #[test]
    fn a_dial_leg_is_found_through_its_index_and_a_call_without_one_is_not_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let opened = open(&dir.path().join("calls.sqlite3"), now()).unwrap();
        let w = &opened.writer;
        w.execute_batch(
            "INSERT INTO calls (call_sid, direction, number, started_at, route, dial_call_sid)
             VALUES ('CA1', 'inbound', '+15550100', 1, 'ring', NULL),
                    ('CA2', 'inbound', '+15550101', 2, 'ring', 'CA2child')",
        )
        .unwrap();
        // The lookup `record_quality` makes.
        let lookup = "SELECT call_sid FROM calls WHERE call_sid = ?1 OR dial_call_sid = ?1";
        let plan: Vec<String> = w
            .prepare(&format!("EXPLAIN QUERY PLAN {lookup}"))
            .unwrap()
            .query_map(["CA2child"], |r| r.get(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            plan.iter().any(|step| step.contains("calls_by_dial_leg")),
            "{plan:?}"
        );
        let found: String = w.query_row(lookup, ["CA2child"], |r| r.get(0)).unwrap();
        assert_eq!(found, "CA2");
        let index: String = w
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'calls_by_dial_leg'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            index.ends_with("WHERE dial_call_sid IS NOT NULL"),
            "{index}"
        );
    }

    #[test]
    fn a_new_file_is_wal_full_and_current() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/calls.sqlite3");
        let opened = open(&path, now()).unwrap();
        let w = &opened.writer;
        let mode: String = w
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = w.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        let version: i64 = w
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            (mode.as_str(), sync, version),
            ("wal", 2, current_version())
        );
        let sync: i64 = opened
            .reader
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "FULL on the reader too");
        assert!(
            opened
                .reader
                .execute(
                    "INSERT INTO contacts (name, created_at, updated_at) VALUES ('x', 0, 0)",
                    []
                )
                .is_err(),
            "the reader cannot write"
        );
        assert!(opened.moved_aside.is_none());
    }

    #[test]
    fn a_damaged_file_is_moved_aside_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calls.sqlite3");
        std::fs::write(
            &path,
            b"this is not a database, it is a shopping list\n".repeat(200),
        )
        .unwrap();
        let opened = open(&path, now()).unwrap();
        let moved = opened.moved_aside.clone().unwrap();
        assert_eq!(
            moved.file_name().unwrap(),
            "calls.sqlite3.damaged-20231114T221320Z"
        );
        assert!(std::fs::read(&moved)
            .unwrap()
            .starts_with(b"this is not a database"));
        drop(opened);
        // A second damaged file the same second gets its own name.
        std::fs::write(&path, b"garbage again ".repeat(500)).unwrap();
        let again = open(&path, now()).unwrap().moved_aside.unwrap();
        assert_eq!(
            again.file_name().unwrap(),
            "calls.sqlite3.damaged-20231114T221320Z-2"
        );
    }

    #[test]
    fn a_newer_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calls.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = open(&path, now()).err().unwrap();
        assert!(matches!(err, OpenError::Newer { found: 99, .. }), "{err}");
        assert!(err.to_string().contains("update Dialtone"), "{err}");
        assert!(path.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "nothing moved"
        );
    }
}
