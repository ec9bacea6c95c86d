//! Replacing a small file whole: the new contents go to a temporary file next to it, are
//! flushed to the disk, and only then renamed over the old one. A crash, a full disk or a
//! power cut mid-write leaves the old file as it was (and the temporary one behind, which the
//! next write truncates), never half of each. The settings file, set-up's record and the
//! tray's notices are written this way.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Who may read the file once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// As the process's umask leaves new files.
    Default,
    /// Its owner only (`0600` on Unix), from the first byte: the temporary file is created
    /// so, and the rename keeps it.
    Private,
}

/// The step that failed, in the words the owners of the files put in their own errors.
#[derive(Debug, thiserror::Error)]
#[error("could not {action} the file: {source}")]
pub struct ReplaceError {
    /// `create the folder of`, `write` or `replace`.
    pub action: &'static str,
    pub source: std::io::Error,
}

/// Where `path`'s new contents are written before they replace it: the same folder, so the
/// rename stays on one file system and is atomic.
pub fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Replaces the file at `path` with `contents`, creating its folder when missing.
pub fn replace(path: &Path, contents: &[u8], access: Access) -> Result<(), ReplaceError> {
    let failed = |action: &'static str| move |source| ReplaceError { action, source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(failed("create the folder of"))?;
    }
    let temporary = temporary_path(path);
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = access;
    let mut file = options.open(&temporary).map_err(failed("write"))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(failed("write"))?;
    std::fs::rename(&temporary, path).map_err(failed("replace"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/folder/state.json");
        replace(&path, b"{\"a\":1}", Access::Default).unwrap();
        replace(&path, b"{}", Access::Default).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["state.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_is_its_owners_alone() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.json");
        replace(&path, b"{}", Access::Private).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    /// The disk fills up mid-write (the temporary file leads to `/dev/full`, which refuses
    /// every byte with ENOSPC): the old contents stay, and once there is room again the next
    /// write goes through.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_write_the_disk_refuses_midway_leaves_the_old_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        replace(&path, b"old", Access::Default).unwrap();
        std::os::unix::fs::symlink("/dev/full", temporary_path(&path)).unwrap();
        let err = replace(&path, b"new", Access::Default).unwrap_err();
        assert_eq!(err.action, "write", "{err}");
        assert_eq!(err.source.raw_os_error(), Some(28), "ENOSPC: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");

        std::fs::remove_file(temporary_path(&path)).unwrap();
        replace(&path, b"new", Access::Default).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }
}
