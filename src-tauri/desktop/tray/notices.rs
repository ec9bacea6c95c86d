//! The one-time notices about closing the window: "Dialtone is still running in the tray" the
//! first time closing hides it, and "this desktop has no tray; closing quits, nothing is lost"
//! the first time Dialtone starts where no tray can be shown. What was said is remembered in
//! `notices.json` in the data directory, so each is said once per user, not once per start; it
//! is replaced whole ([`crate::atomic_file`]), so a crash while it is written forgets nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_file;

/// The notices there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// Closing the window hid it; the phone still rings from the tray.
    ClosedToTray,
    /// No tray here: closing quits.
    NoTray,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Said {
    said: BTreeSet<Notice>,
}

/// The record of what was said, in `dir` (`None`: no data directory, so nothing can be
/// remembered and every notice is said once per run).
#[derive(Debug, Clone)]
pub struct Notices {
    path: Option<PathBuf>,
}

impl Notices {
    pub fn in_dir(dir: Option<&Path>) -> Self {
        Self {
            path: dir.map(|d| d.join("notices.json")),
        }
    }

    /// Whether `notice` still has to be said; if so, records it as said. A record that cannot
    /// be read counts as empty (saying a notice twice is better than never), one that cannot be
    /// written is logged.
    pub fn first_time(&self, notice: Notice) -> bool {
        let Some(path) = &self.path else {
            return true;
        };
        let mut said: Said = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        if !said.said.insert(notice) {
            return false;
        }
        // Replaced whole: a crash mid-write must not forget what was said before it.
        let record = serde_json::to_vec(&said).expect("a set of names serializes");
        if let Err(e) = atomic_file::replace(path, &record, atomic_file::Access::Default) {
            tracing::warn!("could not remember a notice in {}: {e}", path.display());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_notice_is_said_once_and_remembered_across_starts() {
        let dir = tempfile::tempdir().unwrap();
        let notices = Notices::in_dir(Some(&dir.path().join("data")));
        assert!(notices.first_time(Notice::ClosedToTray));
        assert!(!notices.first_time(Notice::ClosedToTray));
        // A new start reads the record.
        let again = Notices::in_dir(Some(&dir.path().join("data")));
        assert!(!again.first_time(Notice::ClosedToTray));
        assert!(again.first_time(Notice::NoTray));
        let record = std::fs::read_to_string(dir.path().join("data/notices.json")).unwrap();
        assert_eq!(record, r#"{"said":["closed_to_tray","no_tray"]}"#);
    }

    /// Dialtone stopped while it wrote the record: what it wrote is in the temporary file
    /// beside it, cut short. The notices said before are still remembered, and the next one
    /// replaces the leftover.
    #[test]
    fn an_interrupted_write_does_not_forget_the_notices_said_before() {
        let dir = tempfile::tempdir().unwrap();
        let notices = Notices::in_dir(Some(dir.path()));
        assert!(notices.first_time(Notice::ClosedToTray));
        let record = dir.path().join("notices.json");
        let leftover = atomic_file::temporary_path(&record);
        std::fs::write(&leftover, r#"{"said":["closed_to_tray","no_"#).unwrap();

        let again = Notices::in_dir(Some(dir.path()));
        assert!(!again.first_time(Notice::ClosedToTray), "still remembered");
        assert!(again.first_time(Notice::NoTray));
        assert!(!Notices::in_dir(Some(dir.path())).first_time(Notice::NoTray));
        assert_eq!(
            std::fs::read_to_string(&record).unwrap(),
            r#"{"said":["closed_to_tray","no_tray"]}"#
        );
        assert!(!leftover.exists(), "the leftover became the record");
    }

    #[test]
    fn a_broken_record_means_saying_it_again_not_never() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notices.json"), "not json").unwrap();
        let notices = Notices::in_dir(Some(dir.path()));
        assert!(notices.first_time(Notice::NoTray));
        assert!(!notices.first_time(Notice::NoTray));
    }
}
