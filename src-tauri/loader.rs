//! Loading settings the same way for every entry point (CLI, window, tests through the
//! binary): environment and `.env` over the saved values.

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

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Dotenv(#[from] crate::settings::DotenvError),
    #[error("the working directory cannot be read: {0}")]
    Cwd(std::io::Error),
}

/// The OS keychain, the settings file, the process environment and `./.env`.
pub fn load() -> Result<Loaded, LoadError> {
    load_from(&Store::from_env()?)
}

pub fn load_from(store: &Store) -> Result<Loaded, LoadError> {
    Ok(resolve(store, &environment()?)?)
}

/// The process environment over `./.env`: every entry point reads its overrides here.
pub fn environment() -> Result<Environment, LoadError> {
    let cwd = std::env::current_dir().map_err(LoadError::Cwd)?;
    Ok(Environment::from_process_and_dotenv(&cwd)?)
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
