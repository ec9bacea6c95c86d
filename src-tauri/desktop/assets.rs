//! One copy of the embedded UI bundle, shared by the native window and the calling window.

use std::borrow::Cow;
use std::sync::Arc;

use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};

/// The embedded assets behind an `Arc`: Tauri serves them to its window through this, and the
/// calling window's listener serves the same bytes to the browser.
#[derive(Clone)]
pub struct Shared(Arc<dyn tauri::Assets<tauri::Wry>>);

impl Shared {
    /// Moves the assets out of `context` and puts a shared handle back in.
    pub fn take_from(context: &mut tauri::Context<tauri::Wry>) -> Self {
        let assets: Arc<dyn tauri::Assets<tauri::Wry>> =
            Arc::from(context.set_assets(Box::new(Empty)));
        let shared = Self(assets);
        context.set_assets(Box::new(shared.clone()));
        shared
    }
}

impl tauri::Assets<tauri::Wry> for Shared {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        self.0.get(key)
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.0.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.0.csp_hashes(html_path)
    }
}

impl crate::calling_window::PageAssets for Shared {
    fn get(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        self.0.get(&AssetKey::from(path))
    }
}

/// Stands in for a moment while the real assets change hands.
struct Empty;

impl tauri::Assets<tauri::Wry> for Empty {
    fn get(&self, _key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}
