//! Group commit: one thread owns the connection that writes. Each write is queued with a reply
//! slot; the thread takes whatever is queued (up to [`MAX_BATCH`]), runs each write under its
//! own savepoint inside one transaction, commits once (one fsync for the whole batch), and only
//! then answers every writer in it. So a caller that got `Ok` knows its row is on disk, and a
//! burst of webhooks costs one fsync per batch instead of one per request.

use std::sync::mpsc;

use rusqlite::Connection;
use tokio::sync::oneshot;

/// Writes folded into one transaction at most; bounds the time the first of them waits.
pub const MAX_BATCH: usize = 512;

/// Why a write did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("the call history could not be written: {0}")]
    Sqlite(String),
    #[error("the call history's writer has stopped")]
    Stopped,
    /// The journal could not be opened; the text says why.
    #[error("{0}")]
    Unavailable(String),
}

type Reply = Box<dyn FnOnce(Option<&WriteError>) + Send>;
/// Runs its write on the connection (or, given `None`, does not: the batch could not start)
/// and returns what answers the caller once the batch's fate is known.
type Job = Box<dyn FnOnce(Option<&Connection>) -> Reply + Send>;

/// The queue to the writer thread. Cheap to clone; the thread stops when the last clone is
/// dropped.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

/// A write in the queue; resolves once its batch is committed (or failed).
pub struct Pending<T>(oneshot::Receiver<Result<T, WriteError>>);

impl<T> Pending<T> {
    /// A write that fails at once (the journal is unavailable).
    pub fn failed(error: WriteError) -> Self {
        let (tx, rx) = oneshot::channel();
        let _ = tx.send(Err(error));
        Self(rx)
    }

    /// Waits on this thread: for the command line and `spawn_blocking` work, never inside an
    /// async task.
    pub fn wait(self) -> Result<T, WriteError> {
        self.0.blocking_recv().unwrap_or(Err(WriteError::Stopped))
    }
}

impl<T> std::future::IntoFuture for Pending<T>
where
    T: Send + 'static,
{
    type Output = Result<T, WriteError>;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.0.await.unwrap_or(Err(WriteError::Stopped)) })
    }
}

impl Writer {
    /// Starts the thread that owns `conn`.
    pub fn start(conn: Connection) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("journal-writer".into())
            .spawn(move || run(&conn, &queue))?;
        Ok(Self { jobs })
    }

    /// Queues `work`; its result arrives once the batch it ran in is committed. A `work` that
    /// fails is rolled back alone; the rest of its batch still commits.
    pub fn write<T, F>(&self, work: F) -> Pending<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let result = conn.map(|conn| run_one(conn, work));
            Box::new(move |batch_error: Option<&WriteError>| {
                let outcome = match (result, batch_error) {
                    // Its own failure says more than the batch's.
                    (Some(Err(own)), _) => Err(own),
                    (_, Some(e)) => Err(e.clone()),
                    (Some(Ok(value)), None) => Ok(value),
                    (None, None) => Err(WriteError::Stopped),
                };
                let _ = tx.send(outcome);
            })
        });
        if let Err(mpsc::SendError(job)) = self.jobs.send(job) {
            // The thread is gone: nothing was written.
            drop(job);
        }
        Pending(rx)
    }
}

fn run_one<T>(
    conn: &Connection,
    work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
) -> Result<T, WriteError> {
    let sqlite = |e: rusqlite::Error| WriteError::Sqlite(e.to_string());
    // Prepared once per connection: every write runs these two, on the one thread every
    // webhook's write waits for, so they are not parsed again each time.
    let statement = |sql| conn.prepare_cached(sql).and_then(|mut s| s.execute([]));
    statement("SAVEPOINT one_write").map_err(sqlite)?;
    match work(conn) {
        Ok(value) => {
            statement("RELEASE one_write").map_err(sqlite)?;
            Ok(value)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO one_write; RELEASE one_write");
            Err(sqlite(e))
        }
    }
}

fn run(conn: &Connection, queue: &mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // IMMEDIATE takes the write lock now, so a busy file (the CLI importing contacts) is
        // waited for here, under the busy timeout, and not halfway through the batch.
        let began = conn.execute_batch("BEGIN IMMEDIATE");
        let ran = began.is_ok();
        let replies: Vec<Reply> = batch
            .into_iter()
            .map(|job| job(ran.then_some(conn)))
            .collect();
        let failure = match began.and_then(|()| conn.execute_batch("COMMIT")) {
            Ok(()) => None,
            Err(e) => {
                tracing::error!("call history: a batch of writes failed: {e}");
                if ran {
                    let _ = conn.execute_batch("ROLLBACK");
                }
                Some(WriteError::Sqlite(e.to_string()))
            }
        };
        for reply in replies {
            reply(failure.as_ref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer() -> (tempfile::TempDir, Writer, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER PRIMARY KEY)")
            .unwrap();
        let reader = Connection::open(&path).unwrap();
        (dir, Writer::start(conn).unwrap(), reader)
    }

    #[test]
    fn a_failed_write_is_rolled_back_alone() {
        let (_dir, writer, reader) = writer();
        let ok = writer.write(|c| c.execute("INSERT INTO t VALUES (1)", []));
        let dup = writer.write(|c| {
            c.execute("INSERT INTO t VALUES (2)", [])?;
            c.execute("INSERT INTO t VALUES (1)", [])
        });
        let after = writer.write(|c| c.execute("INSERT INTO t VALUES (3)", []));
        assert_eq!(ok.wait(), Ok(1));
        assert!(matches!(dup.wait(), Err(WriteError::Sqlite(_))));
        assert_eq!(after.wait(), Ok(1));
        let rows: Vec<i64> = reader
            .prepare("SELECT n FROM t ORDER BY n")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            rows,
            [1, 3],
            "the failed write's first insert was rolled back too"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_writers_share_commits() {
        let (_dir, writer, reader) = writer();
        let writes: Vec<_> = (0..2_000)
            .map(|n| writer.write(move |c| c.execute("INSERT INTO t VALUES (?1)", [n])))
            .collect();
        for write in writes {
            assert_eq!(write.await, Ok(1));
        }
        let count: i64 = reader
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 2_000);
    }
}
