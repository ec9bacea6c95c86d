//! Loading settings the same way for every entry point (CLI, window, tests through the
//! binary): the environment (and, for the command line, `./.env`) over the saved values.

use std::collections::BTreeMap;

use crate::settings::{Environment, Field, Incomplete, Settings, Store, StoreError};

/// Settings plus what went wrong reaching the keychain, if anything. An unreachable keychain
/// is not fatal on its own: the environment may provide everything a command needs.
pub struct Loaded {
    pub settings: Settings,
    pub keychain_error: Option<StoreError>,
}

impl Loaded {
    /// Explains missing settings, adding the keychain failure when that is the likely cause.
    pub fn explain(&self, incomplete: Incomplete) -> String {
        match &self.keychain_error {
            Some(e) if !incomplete.missing.is_empty() => format!("{incomplete}. Also: {e}"),
            _ => incomplete.to_string(),
        }
    }
}

/// Resolves `env` over `store`; only a keychain outage is tolerated (see [`Loaded`]).
pub fn resolve(store: &Store, env: &Environment) -> Result<Loaded, StoreError> {
    let (saved, keychain_error) = match store.load() {
        Ok(saved) => (saved, None),
        Err(e @ StoreError::KeychainUnavailable { .. }) => (store.load_file_only()?, Some(e)),
        Err(e) => return Err(e),
    };
    Ok(Loaded {
        settings: Settings::resolve(env, &saved),
        keychain_error,
    })
}

/// Maps `.env` variables (the tutorial's names and ours) to settings changes.
pub fn changes_from_env_vars(
    vars: impl IntoIterator<Item = (String, String)>,
) -> BTreeMap<Field, String> {
    vars.into_iter()
        .filter_map(|(key, value)| {
            // An empty value means "not set", as in the environment: importing a half-filled
            // file must not delete what the keychain already holds.
            let field = Field::ALL.into_iter().find(|f| f.env_var() == key)?;
            (!value.trim().is_empty()).then_some((field, value))
        })
        .collect()
}
