//! `dialtone token`: print an access token for the configured identity.

use crate::app::Options;
use crate::settings::{DotenvError, StoreError};
use crate::token::{self, TokenError};

#[derive(Debug, thiserror::Error)]
pub enum TokenCommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Dotenv(#[from] DotenvError),
    #[error("{0}")]
    Settings(String),
    #[error(transparent)]
    Mint(#[from] TokenError),
}

pub fn run(options: &Options, ttl: u64) -> Result<(), TokenCommandError> {
    let env = options.environment_with_dotenv()?;
    let loaded = crate::loader::resolve(&options.store()?, &env)?;
    let settings = loaded
        .settings
        .token_settings()
        .map_err(|e| TokenCommandError::Settings(loaded.explain(e)))?;
    let minted = token::mint(&settings, std::time::SystemTime::now(), ttl)?;
    println!("{}", minted.token);
    Ok(())
}
