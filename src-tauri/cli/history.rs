//! `dialtone history [--json] [--missed] [--limit N]`: the call journal from a terminal, while
//! the app runs (the file is shared: WAL and a busy timeout) or without it.

use crate::app::Options;
use crate::journal::{CallStatus, HistoryFilter, JournalError};

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("the history could not be printed: {0}")]
    Json(#[from] serde_json::Error),
}

pub fn run(
    options: &Options,
    json: bool,
    missed: bool,
    limit: Option<u32>,
) -> Result<(), HistoryError> {
    let journal = options.journal();
    let entries = journal.history(HistoryFilter {
        missed_only: missed,
        limit,
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(());
    }
    if entries.is_empty() {
        println!(
            "{}",
            if missed {
                "No missed calls."
            } else {
                "No calls yet."
            }
        );
        return Ok(());
    }
    println!(
        "{:<20} {:<4} {:<22} {:<24} {:<9} {:>6}  VOICEMAIL",
        "WHEN (UTC)", "", "NUMBER", "NAME", "STATUS", "SECS"
    );
    for e in entries {
        let arrow = match e.direction {
            crate::journal::Direction::Inbound => "in",
            crate::journal::Direction::Outbound => "out",
        };
        let status = serde_json::to_value(e.status)?
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let voicemail = e.voicemail.map_or_else(String::new, |v| {
            format!(
                "{} s{}",
                v.duration_secs,
                if v.heard { "" } else { ", new" }
            )
        });
        let duration = if e.status == CallStatus::Answered {
            e.duration_secs.to_string()
        } else {
            String::new()
        };
        println!(
            "{:<20} {:<4} {:<22} {:<24} {:<9} {:>6}  {voicemail}",
            e.started_at.replace('T', " ").trim_end_matches('Z'),
            arrow,
            e.number,
            e.name.unwrap_or_default(),
            status,
            duration
        );
    }
    Ok(())
}
