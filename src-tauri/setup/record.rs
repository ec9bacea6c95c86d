//! What set-up made and replaced in the Twilio account, kept on disk so undo still works after a
//! restart, a crash or a reinstall of the app.
//!
//! Where: `twilio-setup.json` next to `settings.json` (`DIALTONE_CONFIG_DIR`, else
//! `~/.config/dialtone` on Linux). It lives and dies with the settings it explains: the keychain
//! names the key and the TwiML App, this file says that Dialtone made them (so undo deletes them
//! and set-up reuses them, recognised by SID rather than by a name anyone could give an app) and
//! what the number did before (so undo puts it back). It holds no secret, but the number's old
//! voice URL may carry a user name and password of the user's own server, so the file is
//! readable by its owner only, and nothing here logs it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_file;
use crate::twilio::VoiceConfig;

/// The file's name in the settings folder.
pub const FILE_NAME: &str = "twilio-setup.json";

/// The record's layout; a file with another version is refused rather than misread.
pub const VERSION: u32 = 1;

/// A resource Dialtone created in the account (and so deletes on undo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Made {
    pub sid: String,
    pub friendly_name: String,
}

/// The number set-up bound to its TwiML App, and how it was configured before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakenNumber {
    /// `PN…`.
    pub sid: String,
    /// E.164.
    pub phone_number: String,
    /// The voice configuration before Dialtone first bound it: what undo sends back.
    pub previous: VoiceConfig,
}

/// Everything set-up did to one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupRecord {
    pub version: u32,
    pub account_sid: String,
    /// The API key Dialtone created (the keychain holds its secret).
    pub key: Option<Made>,
    /// The TwiML App Dialtone created.
    pub application: Option<Made>,
    pub number: Option<TakenNumber>,
    /// The chosen outgoing caller ID (E.164); `None` means the bound number.
    #[serde(default)]
    pub caller_id: Option<String>,
    /// The account's numbers and verified caller IDs as Twilio listed them last (at set-up, at
    /// each remote check, when the caller ID was chosen): the webhook dials from the chosen
    /// caller ID only while it is in this list, so no webhook waits for a Twilio request.
    #[serde(default)]
    pub caller_ids: Vec<String>,
    /// The Voice URL Dialtone last gave the TwiML App, and when (Unix milliseconds).
    #[serde(default)]
    pub voice_url: Option<String>,
    #[serde(default)]
    pub voice_url_set_at: Option<u64>,
}

impl SetupRecord {
    pub fn new(account_sid: &str) -> Self {
        Self {
            version: VERSION,
            account_sid: account_sid.to_owned(),
            key: None,
            application: None,
            number: None,
            caller_id: None,
            caller_ids: Vec::new(),
            voice_url: None,
            voice_url_set_at: None,
        }
    }

    /// The caller ID the webhook should dial from: the chosen one while the account still has
    /// it, else `None` (the bound number).
    pub fn effective_caller_id(&self) -> Option<&str> {
        let chosen = self.caller_id.as_deref()?;
        let bound = self.number.as_ref().map(|n| n.phone_number.as_str());
        (Some(chosen) != bound && self.caller_ids.iter().any(|c| c == chosen)).then_some(chosen)
    }
}

/// Its words are catalog messages ([`RecordError::text`]); `Display` is the English.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{}", self.text())]
    Corrupt { path: PathBuf, detail: String },
    /// `action`: read, write, replace, delete or "create the folder of".
    #[error("{}", self.text())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

impl RecordError {
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            RecordError::Corrupt { path, detail } => Text::new("setup-record-corrupt")
                .arg("path", path.display())
                .arg("detail", detail),
            RecordError::Io {
                action,
                path,
                source,
            } => Text::new("setup-record-io")
                .arg(
                    "action",
                    match *action {
                        "create the folder of" => "create-folder",
                        other => other,
                    },
                )
                .arg("path", path.display())
                .arg("detail", source),
        }
    }
}

/// The record's file.
#[derive(Debug, Clone)]
pub struct RecordFile {
    path: PathBuf,
}

impl RecordFile {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The record beside a settings file.
    pub fn beside(settings_file: &Path) -> Self {
        let dir = settings_file.parent().unwrap_or_else(|| Path::new("."));
        Self::new(dir.join(FILE_NAME))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The record, or `None` when set-up never ran (or was undone).
    pub fn load(&self) -> Result<Option<SetupRecord>, RecordError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(RecordError::Io {
                    action: "read",
                    path: self.path.clone(),
                    source,
                })
            }
        };
        let corrupt = |detail: String| RecordError::Corrupt {
            path: self.path.clone(),
            detail,
        };
        let record: SetupRecord =
            serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
        if record.version != VERSION {
            return Err(corrupt(format!(
                "it is version {}, this Dialtone reads version {VERSION}",
                record.version
            )));
        }
        Ok(Some(record))
    }

    /// Writes the record through a temporary file and a rename, readable by its owner only.
    pub fn save(&self, record: &SetupRecord) -> Result<(), RecordError> {
        let mut json = serde_json::to_string_pretty(record).expect("the record serializes");
        json.push('\n');
        atomic_file::replace(&self.path, json.as_bytes(), atomic_file::Access::Private).map_err(
            |e| RecordError::Io {
                action: e.action,
                path: self.path.clone(),
                source: e.source,
            },
        )
    }

    /// Puts back what [`RecordFile::load`] returned: the record, or no file at all.
    pub fn restore(&self, record: Option<&SetupRecord>) -> Result<(), RecordError> {
        match record {
            Some(record) => self.save(record),
            None => self.delete(),
        }
    }

    pub fn delete(&self) -> Result<(), RecordError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(RecordError::Io {
                action: "delete",
                path: self.path.clone(),
                source,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SetupRecord {
        let mut record = SetupRecord::new("AC0123456789abcdef0123456789abcdef");
        record.number = Some(TakenNumber {
            sid: "PN0123456789abcdef0123456789abcdef".into(),
            phone_number: "+15551234567".into(),
            previous: VoiceConfig {
                voice_url: Some("https://user:pw@old.example/voice".into()),
                trunk_sid: Some("TK0123456789abcdef0123456789abcdef".into()),
                ..VoiceConfig::default()
            },
        });
        record
    }

    #[test]
    fn a_record_survives_a_round_trip_and_only_its_owner_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = RecordFile::beside(&dir.path().join("settings.json"));
        assert_eq!(file.load().unwrap(), None);
        file.save(&record()).unwrap();
        assert_eq!(file.load().unwrap(), Some(record()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(file.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        file.restore(None).unwrap();
        assert!(!file.path().exists());
    }

    #[test]
    fn a_damaged_record_is_reported_not_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = RecordFile::new(dir.path().join(FILE_NAME));
        std::fs::write(file.path(), "{ not json").unwrap();
        let err = file.load().unwrap_err().to_string();
        assert!(
            err.contains("cannot be read") && err.contains("Twilio Console"),
            "{err}"
        );
        let mut newer = serde_json::to_value(record()).unwrap();
        newer["version"] = 2.into();
        std::fs::write(file.path(), newer.to_string()).unwrap();
        assert!(file.load().unwrap_err().to_string().contains("version 2"));
    }

    #[test]
    fn the_chosen_caller_id_counts_only_while_the_account_has_it() {
        let mut record = record();
        record.caller_id = Some("+15557654321".into());
        assert_eq!(record.effective_caller_id(), None, "not in the list");
        record.caller_ids = vec!["+15551234567".into(), "+15557654321".into()];
        assert_eq!(record.effective_caller_id(), Some("+15557654321"));
        record.caller_id = Some("+15551234567".into());
        assert_eq!(
            record.effective_caller_id(),
            None,
            "the bound number is the default"
        );
    }
}
