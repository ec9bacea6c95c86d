//! `dialtone config show|set|unset|import`: the settings from a terminal.

use std::collections::BTreeMap;
use std::io::BufRead as _;
use std::path::PathBuf;

use super::ConfigCommand;
use crate::app::Options;
use crate::settings::{self, DotenvError, Field, InvalidValue, Source, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Dotenv(#[from] DotenvError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<InvalidValue>),
    #[error("nothing to save: the value is empty (to remove a setting, use `dialtone config unset FIELD`)")]
    NothingToSave,
    #[error("could not read the value: {0}")]
    ReadValue(std::io::Error),
    #[error("there is no file {}", .0.display())]
    NoSuchFile(PathBuf),
    #[error("{} holds none of Dialtone's settings (TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, …)", .0.display())]
    NothingToImport(PathBuf),
}

pub fn run(options: &Options, command: ConfigCommand) -> Result<(), ConfigError> {
    let store = options.store()?;
    match command {
        ConfigCommand::Show => show(options, &store),
        ConfigCommand::Set { field, value } => {
            let value = match value {
                Some(value) => {
                    if field.is_secret() {
                        eprintln!("note: the {} is now in your shell history; next time leave the value out and type it when asked", field.label());
                    }
                    value
                }
                None => read_value(field)?,
            };
            save(&store, &BTreeMap::from([(field, value)]))?;
            println!("saved {}", field.name());
            Ok(())
        }
        ConfigCommand::Unset { fields, all } => {
            let fields = if all { Field::ALL.to_vec() } else { fields };
            store.delete(&fields)?;
            let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
            println!("deleted {}", names.join(", "));
            Ok(())
        }
        ConfigCommand::Import { file } => {
            let vars = settings::dotenv_vars(&file).map_err(|e| match e {
                DotenvError::Missing => ConfigError::NoSuchFile(file.clone()),
                other => ConfigError::Dotenv(other),
            })?;
            let changes = crate::loader::changes_from_env_vars(vars);
            if changes.is_empty() {
                return Err(ConfigError::NothingToImport(file));
            }
            let saved = save(&store, &changes)?;
            let names: Vec<&str> = saved.keys().map(|f| f.name()).collect();
            println!("imported {} from {}", names.join(", "), file.display());
            println!(
                "Now delete {}: the credentials are in the keychain, and a plain-text copy on disk is what they were moved away from.",
                file.display()
            );
            Ok(())
        }
    }
}

fn show(options: &Options, store: &Store) -> Result<(), ConfigError> {
    let env = options.environment_with_dotenv()?;
    let loaded = crate::loader::resolve(store, &env)?;
    if let Some(warning) = &loaded.keychain_error {
        eprintln!("warning: {warning}");
    }
    println!("{:<22} {:<14} VALUE", "SETTING", "SOURCE");
    for entry in loaded.settings.iter() {
        let value = match (entry.field.is_secret(), entry.is_set()) {
            (_, false) => "(not set)".to_owned(),
            (true, true) => "(set, hidden)".to_owned(),
            (false, true) => entry.display_value().unwrap_or_default().to_owned(),
        };
        let source = match (entry.source, env.dotenv_path()) {
            // Name the file: a `.env` in the working directory is easy to forget.
            (Source::Dotenv, Some(path)) => format!(".env ({})", path.display()),
            (source, _) => serde_json::to_value(source)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        };
        println!("{:<22} {:<14} {value}", entry.field.name(), source);
        if let Some(problem) = &entry.problem {
            println!("{:<22} {:<14} ^ {problem}", "", "");
        }
    }
    println!("\nsettings file: {}", store.file.path().display());
    println!("keychain: {}", store.keychain.describe());
    Ok(())
}

fn save(
    store: &Store,
    changes: &BTreeMap<Field, String>,
) -> Result<BTreeMap<Field, String>, ConfigError> {
    let clean = settings::validate_changes(changes).map_err(ConfigError::Invalid)?;
    if clean.set.is_empty() {
        return Err(ConfigError::NothingToSave);
    }
    store.save(&clean.set)?;
    Ok(clean.set)
}

fn read_value(field: Field) -> Result<String, ConfigError> {
    eprintln!("{} ({}):", field.label(), field.expected_shape());
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(ConfigError::ReadValue)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
