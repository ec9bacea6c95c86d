//! The one-time notices about closing the window: "Dialtone is still running in the tray" the
//! first time closing hides it, and "this desktop has no tray; closing quits, nothing is lost"
//! the first time Dialtone starts where no tray can be shown. What was said is remembered in
//! `notices.json` in the data directory, so each is said once per user, not once per start.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::write(
                    path,
                    serde_json::to_vec(&said).expect("a set of names serializes"),
                )
            });
        if let Err(e) = written {
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

    #[test]
    fn a_broken_record_means_saying_it_again_not_never() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notices.json"), "not json").unwrap();
        let notices = Notices::in_dir(Some(dir.path()));
        assert!(notices.first_time(Notice::NoTray));
        assert!(!notices.first_time(Notice::NoTray));
    }
}
