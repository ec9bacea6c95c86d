//! `dialtone contacts list [--json]` and `dialtone contacts import FILE.vcf`.

use std::path::Path;

use crate::app::Options;
use crate::journal::JournalError;
use crate::settings::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ContactsError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the contacts could not be printed: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{} cannot be read: {source}", .path.display())]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

pub fn list(options: &Options, json: bool) -> Result<(), ContactsError> {
    let contacts = options.journal().contacts(None)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&contacts)?);
        return Ok(());
    }
    if contacts.is_empty() {
        println!("No contacts. Import some: dialtone contacts import FILE.vcf");
        return Ok(());
    }
    for c in contacts {
        let numbers: Vec<String> = c
            .numbers
            .iter()
            .map(|n| match &n.label {
                Some(label) => format!("{} ({label})", n.number),
                None => n.number.clone(),
            })
            .collect();
        println!("{:<30} {}", c.name, numbers.join(", "));
    }
    Ok(())
}

pub fn import(options: &Options, file: &Path) -> Result<(), ContactsError> {
    let bytes = std::fs::read(file).map_err(|source| ContactsError::Read {
        path: file.to_owned(),
        source,
    })?;
    let report = options.journal().import_vcard(&bytes, home(options))?;
    println!(
        "imported {} contact(s) from {}",
        report.imported,
        file.display()
    );
    if report.duplicates > 0 {
        println!(
            "{} already there (same name and numbers), skipped",
            report.duplicates
        );
    }
    if report.without_numbers > 0 {
        println!("{} without a phone number, skipped", report.without_numbers);
    }
    if report.nameless > 0 {
        println!("{} without a name, skipped", report.nameless);
    }
    for bad in &report.unreadable_numbers {
        println!("not a phone number, left out: {bad}");
    }
    Ok(())
}

/// The Twilio number's country, for numbers the file writes without one: environment, `.env`,
/// or the settings file (no keychain needed).
fn home(options: &Options) -> Option<crate::phone_number::Region> {
    let env = options.environment_with_dotenv().ok()?;
    let saved = options.store().ok()?.load_file_only().ok()?;
    crate::settings::Settings::resolve(&env, &saved).home_region()
}
