//! `dialtone voicemail list [--json]`: the voicemail inbox from a terminal.

use crate::app::Options;
use crate::journal::JournalError;

#[derive(Debug, thiserror::Error)]
pub enum VoicemailError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("the inbox could not be printed: {0}")]
    Json(#[from] serde_json::Error),
}

pub fn list(options: &Options, json: bool) -> Result<(), VoicemailError> {
    let messages = options.journal().voicemails()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&messages)?);
        return Ok(());
    }
    if messages.is_empty() {
        println!("No voicemail.");
        return Ok(());
    }
    println!(
        "{:<20} {:<22} {:<24} {:>5}  {:<5} RECORDING",
        "WHEN (UTC)", "FROM", "NAME", "SECS", ""
    );
    for m in messages {
        println!(
            "{:<20} {:<22} {:<24} {:>5}  {:<5} {}",
            m.received_at.replace('T', " ").trim_end_matches('Z'),
            m.number.unwrap_or_else(|| "unknown".into()),
            m.name.unwrap_or_default(),
            m.duration_secs,
            if m.heard { "" } else { "new" },
            m.recording_sid
        );
    }
    Ok(())
}
