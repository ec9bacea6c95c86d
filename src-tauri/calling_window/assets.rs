//! The page's files: the embedded bundle the app window shows, or a build on disk.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The page's files. The app serves the same bundle the native window shows.
pub trait PageAssets: Send + Sync + 'static {
    /// The file at `path` (starting with `/`), if any.
    fn get(&self, path: &str) -> Option<Cow<'_, [u8]>>;
}

/// Files from a folder (e.g. `ui/dist`), for tests and development (`DIALTONE_UI_DIR`).
pub struct DirAssets(pub PathBuf);

impl PageAssets for DirAssets {
    fn get(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        let relative = Path::new(path.trim_start_matches('/'));
        // Only plain names: no `..`, no absolute parts.
        if !relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return None;
        }
        std::fs::read(self.0.join(relative)).ok().map(Cow::Owned)
    }
}

/// The `Content-Type` for a file of the bundle.
pub fn mime_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "wav" => "audio/wav",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}
