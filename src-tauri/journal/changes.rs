//! Noticing that the journal changed, whoever changed it, so the phone's lists can follow it
//! live (a voicemail that lands while Recents or Voicemail is on screen, a contact imported
//! with `dialtone contacts import`).
//!
//! # How
//! SQLite's `PRAGMA data_version` on the journal's reader connection: its value differs from
//! the one read before whenever *another* connection committed in between. The reader never
//! writes (`query_only`), so every commit counts: Dialtone's own writer thread (webhooks, the
//! phone's reports, the UI's edits), the command line, another process on the same file. It
//! is one pragma, no table is read, so it is looked at every [`LOOK_EVERY`], the pace of the
//! notifications' look at the journal.
//!
//! Other ways were weighed: an update hook sees only its own connection (not the CLI); a file
//! watch on `calls.sqlite3-wal` is per platform and fires on checkpoints too; having the writer
//! announce its commits would still miss every other process.
//!
//! [`JournalChanges`] holds the result as a generation counter in a `watch`: followers (the
//! desktop shell's event to the app window, the calling window's event stream) only learn
//! "changed since you last looked", so a burst of commits between two looks is one change,
//! and a follower that was slow loses nothing but repeats.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::Journal;

/// How often the journal is looked at: as often as the notifications look for missed calls
/// and voicemail (`notifications::follow::LOOK_EVERY`), so a list and a notification show a
/// new message at about the same moment.
pub const LOOK_EVERY: Duration = Duration::from_secs(2);

/// "The journal changed": a counter that goes up once for each look that found commits made
/// since the look before. Cheap to clone; clones share the counter.
#[derive(Clone)]
pub struct JournalChanges {
    generation: Arc<watch::Sender<u64>>,
}

impl Default for JournalChanges {
    fn default() -> Self {
        Self {
            generation: Arc::new(watch::Sender::new(0)),
        }
    }
}

impl JournalChanges {
    /// Each change from now on (`changed()` wakes once per change, or once for several).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    /// Looks at `journal` every `every` and counts each change, for as long as the caller's
    /// task runs the returned future. The version to compare with is read here, before the
    /// future is returned (one pragma, no table read), so every commit after this call counts.
    /// The future ends at once for a journal that is unavailable (nothing changes it until the
    /// next start). A look that fails (the file is busy, say) is skipped: the next one still
    /// sees the commits, since the value is compared with the last one read.
    pub fn follow(
        &self,
        journal: Journal,
        every: Duration,
    ) -> impl std::future::Future<Output = ()> + Send + 'static {
        let generation = self.generation.clone();
        let mut last = journal.data_version().ok();
        async move {
            if !journal.is_available() {
                return;
            }
            let mut looks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            looks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                looks.tick().await;
                let reader = journal.clone();
                let Ok(Ok(version)) =
                    tokio::task::spawn_blocking(move || reader.data_version()).await
                else {
                    continue;
                };
                if last.is_some_and(|last| last != version) {
                    generation.send_modify(|n| *n += 1);
                }
                last = Some(version);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::ContactDraft;
    use crate::journal::ContactNumber;

    fn draft(name: &str) -> ContactDraft {
        ContactDraft {
            name: name.to_owned(),
            numbers: vec![ContactNumber {
                number: "+15557654321".to_owned(),
                label: None,
            }],
        }
    }

    /// Waits (bounded, not timed) for the next change.
    async fn next_change(changes: &mut watch::Receiver<u64>) -> u64 {
        tokio::time::timeout(Duration::from_secs(20), changes.changed())
            .await
            .expect("the journal's change is noticed")
            .expect("the follower runs");
        *changes.borrow_and_update()
    }

    /// Adds a contact the way a command does: a write that returns once committed (off the
    /// async threads, as the app's own writes are).
    async fn add(journal: &Journal, name: &'static str) {
        let journal = journal.clone();
        tokio::task::spawn_blocking(move || journal.add_contact(draft(name), None))
            .await
            .unwrap()
            .unwrap();
    }

    #[tokio::test]
    async fn a_commit_by_another_connection_or_by_its_own_writer_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::journal::FILE_NAME);
        let journal = Journal::open(&path);
        let changes = JournalChanges::default();
        let mut seen = changes.subscribe();
        let follower = tokio::spawn(changes.follow(journal.clone(), Duration::from_millis(20)));

        // Another process's connection to the same file, as `dialtone contacts import` opens it.
        let other = Journal::open(&path);
        add(&other, "Ada Lovelace").await;
        assert_eq!(next_change(&mut seen).await, 1);

        // This journal's own writer thread is another connection too (a webhook's write).
        add(&journal, "Grace Hopper").await;
        assert_eq!(next_change(&mut seen).await, 2);
        follower.abort();
    }

    #[test]
    fn data_version_moves_only_with_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::journal::FILE_NAME);
        let journal = Journal::open(&path);
        let before = journal.data_version().unwrap();
        journal
            .history(crate::journal::HistoryFilter::default())
            .unwrap();
        assert_eq!(
            journal.data_version().unwrap(),
            before,
            "reading is not a change"
        );
        Journal::open(&path)
            .add_contact(draft("Ada Lovelace"), None)
            .unwrap();
        let after_other = journal.data_version().unwrap();
        assert_ne!(after_other, before, "another connection committed");
        journal.add_contact(draft("Grace Hopper"), None).unwrap();
        assert_ne!(
            journal.data_version().unwrap(),
            after_other,
            "its own writer is another connection"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn looks_that_find_nothing_new_say_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(&dir.path().join(crate::journal::FILE_NAME));
        let changes = JournalChanges::default();
        let seen = changes.subscribe();
        let follower = tokio::spawn(changes.follow(journal, LOOK_EVERY));
        for _ in 0..5 {
            tokio::time::sleep(LOOK_EVERY).await;
        }
        assert!(!seen.has_changed().unwrap(), "five quiet looks, no change");
        follower.abort();
    }

    #[tokio::test]
    async fn an_unavailable_journal_is_not_followed() {
        let changes = JournalChanges::default();
        tokio::time::timeout(
            Duration::from_secs(20),
            changes.follow(Journal::unavailable("test", None), LOOK_EVERY),
        )
        .await
        .expect("returns at once");
    }
}
