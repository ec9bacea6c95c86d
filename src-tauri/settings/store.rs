//! Where saved settings live: credentials in the OS keychain, preferences in a JSON file in the
//! OS config directory. Nothing falls back to plaintext when the keychain is missing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::field::{Field, Home};
use crate::atomic_file;

/// The keychain seen by the rest of the program. Tests use [`MemoryKeychain`]; the app and the
/// CLI use [`OsKeychain`].
pub trait Keychain: Send + Sync {
    fn get(&self, field: Field) -> Result<Option<String>, StoreError>;
    fn set(&self, field: Field, value: &str) -> Result<(), StoreError>;
    fn delete(&self, field: Field) -> Result<(), StoreError>;
    /// A one-line description, e.g. which service name entries are filed under.
    fn describe(&self) -> String;
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the system keychain could not be reached ({detail}). Dialtone keeps your Twilio credentials only in the keychain, never in a plain file. {fix}")]
    KeychainUnavailable { detail: String, fix: &'static str },
    #[error("the keychain refused to {action} {field}: {detail}")]
    Keychain {
        action: &'static str,
        field: Field,
        detail: String,
    },
    #[error(
        "the settings file {path} is not valid JSON ({detail}); fix it or delete it to start over"
    )]
    CorruptSettingsFile { path: PathBuf, detail: String },
    #[error("could not {action} the settings file {path}: {source}")]
    SettingsFileIo {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no settings directory could be found: set DIALTONE_CONFIG_DIR to a writable folder")]
    NoConfigDir,
}

#[cfg(target_os = "linux")]
pub(crate) const KEYCHAIN_FIX: &str = "Start a Secret Service provider and unlock it (GNOME Keyring, KWallet or KeePassXC with Secret Service enabled), make sure DBUS_SESSION_BUS_ADDRESS is set in this session, then try again. Environment variables such as TWILIO_ACCOUNT_SID still work without a keychain.";
#[cfg(target_os = "macos")]
pub(crate) const KEYCHAIN_FIX: &str = "Unlock your login keychain in Keychain Access, then try again. Environment variables such as TWILIO_ACCOUNT_SID still work without a keychain.";
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub(crate) const KEYCHAIN_FIX: &str = "Make sure Windows Credential Manager is available for your user, then try again. Environment variables such as TWILIO_ACCOUNT_SID still work without a keychain.";

/// The platform keychain through `keyring`: Secret Service on Linux, Keychain on macOS,
/// Credential Manager on Windows. One entry per field: service `dialtone` (tests pick another
/// through `DIALTONE_KEYCHAIN_SERVICE`, so they never touch a user's real entries), user = the
/// field name.
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    pub const DEFAULT_SERVICE: &'static str = "dialtone";

    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, field: Field) -> Result<keyring::Entry, StoreError> {
        keyring::Entry::new(&self.service, field.name()).map_err(|e| classify(e, "open", field))
    }
}

/// Turns keyring's errors into ours: "no keychain at all" gets the fix, the rest name the field.
fn classify(error: keyring::Error, action: &'static str, field: Field) -> StoreError {
    match error {
        keyring::Error::NoStorageAccess(detail) | keyring::Error::PlatformFailure(detail) => {
            StoreError::KeychainUnavailable {
                detail: detail.to_string(),
                fix: KEYCHAIN_FIX,
            }
        }
        other => StoreError::Keychain {
            action,
            field,
            detail: other.to_string(),
        },
    }
}

impl Keychain for OsKeychain {
    fn get(&self, field: Field) -> Result<Option<String>, StoreError> {
        match self.entry(field)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(classify(e, "read", field)),
        }
    }

    fn set(&self, field: Field, value: &str) -> Result<(), StoreError> {
        self.entry(field)?
            .set_password(value)
            .map_err(|e| classify(e, "save", field))
    }

    fn delete(&self, field: Field) -> Result<(), StoreError> {
        match self.entry(field)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(classify(e, "delete", field)),
        }
    }

    fn describe(&self) -> String {
        format!("OS keychain, service {:?}", self.service)
    }
}

/// An in-memory keychain for tests, and for proving that callers never fall back to a file.
#[derive(Default)]
pub struct MemoryKeychain {
    entries: std::sync::Mutex<BTreeMap<Field, String>>,
    /// When set, every call fails as an absent Secret Service would.
    pub unavailable: bool,
}

impl MemoryKeychain {
    /// A keychain that fails every call, as when no Secret Service is running.
    pub fn unavailable() -> Self {
        Self {
            unavailable: true,
            ..Self::default()
        }
    }

    fn check(&self) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError::KeychainUnavailable {
                detail: "test keychain switched off".into(),
                fix: KEYCHAIN_FIX,
            });
        }
        Ok(())
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<Field, String>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Keychain for MemoryKeychain {
    fn get(&self, field: Field) -> Result<Option<String>, StoreError> {
        self.check()?;
        Ok(self.entries().get(&field).cloned())
    }
    fn set(&self, field: Field, value: &str) -> Result<(), StoreError> {
        self.check()?;
        self.entries().insert(field, value.to_owned());
        Ok(())
    }
    fn delete(&self, field: Field) -> Result<(), StoreError> {
        self.check()?;
        self.entries().remove(&field);
        Ok(())
    }
    fn describe(&self) -> String {
        "in-memory test keychain".into()
    }
}

/// The JSON file holding the non-secret settings (`{"twilio_number": "+1…", …}`).
#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// `settings.json` in `dir` (`DIALTONE_CONFIG_DIR`, or the OS config folder:
    /// `~/.config/dialtone` on Linux); `None` when the OS has no such folder.
    pub fn in_dir(dir: Option<&Path>) -> Result<Self, StoreError> {
        Ok(Self::new(
            dir.ok_or(StoreError::NoConfigDir)?.join("settings.json"),
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> Result<BTreeMap<Field, String>, StoreError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(source) => {
                return Err(StoreError::SettingsFileIo {
                    action: "read",
                    path: self.path.clone(),
                    source,
                })
            }
        };
        let map: BTreeMap<Field, String> =
            serde_json::from_str(&text).map_err(|e| StoreError::CorruptSettingsFile {
                path: self.path.clone(),
                detail: e.to_string(),
            })?;
        // A hand-edited file could name a keychain field; never honour a secret from a file.
        Ok(map
            .into_iter()
            .filter(|(field, _)| field.home() == Home::SettingsFile)
            .collect())
    }

    /// Writes the whole map through a temporary file and a rename, so a crash mid-write never
    /// leaves a half-written file behind.
    pub fn save(&self, values: &BTreeMap<Field, String>) -> Result<(), StoreError> {
        let mut json = serde_json::to_string_pretty(values).expect("a map of strings serializes");
        json.push('\n');
        atomic_file::replace(&self.path, json.as_bytes(), atomic_file::Access::Default).map_err(
            |e| StoreError::SettingsFileIo {
                action: e.action,
                path: self.path.clone(),
                source: e.source,
            },
        )
    }
}

/// Saved settings: the keychain for credentials, the file for the rest.
pub struct Store {
    pub keychain: Box<dyn Keychain>,
    pub file: SettingsFile,
}

impl Store {
    pub fn new(keychain: Box<dyn Keychain>, file: SettingsFile) -> Self {
        Self { keychain, file }
    }

    /// The OS keychain under `keychain_service`, and the settings file in `config_dir`.
    pub fn for_user(config_dir: Option<&Path>, keychain_service: &str) -> Result<Self, StoreError> {
        Ok(Self::new(
            Box::new(OsKeychain::new(keychain_service)),
            SettingsFile::in_dir(config_dir)?,
        ))
    }

    /// Every saved value. A failing keychain is an error, not an empty result: the caller
    /// decides whether environment variables can stand in.
    pub fn load(&self) -> Result<BTreeMap<Field, String>, StoreError> {
        let mut values = self.file.load()?;
        for field in Field::ALL
            .into_iter()
            .filter(|f| f.home() == Home::Keychain)
        {
            if let Some(value) = self.keychain.get(field)? {
                values.insert(field, value);
            }
        }
        Ok(values)
    }

    /// Only the preferences from the file, for when the keychain is unavailable.
    pub fn load_file_only(&self) -> Result<BTreeMap<Field, String>, StoreError> {
        self.file.load()
    }

    /// Saves already-validated values; file fields are written in one go after the keychain
    /// ones, so a keychain failure leaves the file untouched.
    pub fn save(&self, changes: &BTreeMap<Field, String>) -> Result<(), StoreError> {
        for (field, value) in changes.iter().filter(|(f, _)| f.home() == Home::Keychain) {
            self.keychain.set(*field, value)?;
        }
        let file_changes: Vec<_> = changes
            .iter()
            .filter(|(f, _)| f.home() == Home::SettingsFile)
            .collect();
        if !file_changes.is_empty() {
            let mut values = self.file.load()?;
            for (field, value) in file_changes {
                values.insert(*field, value.clone());
            }
            self.file.save(&values)?;
        }
        Ok(())
    }

    pub fn delete(&self, fields: &[Field]) -> Result<(), StoreError> {
        for field in fields.iter().filter(|f| f.home() == Home::Keychain) {
            self.keychain.delete(*field)?;
        }
        if fields.iter().any(|f| f.home() == Home::SettingsFile) {
            let mut values = self.file.load()?;
            values.retain(|field, _| !fields.contains(field));
            self.file.save(&values)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path) -> Store {
        Store::new(
            Box::<MemoryKeychain>::default(),
            SettingsFile::new(dir.join("settings.json")),
        )
    }

    #[test]
    fn credentials_go_to_the_keychain_and_preferences_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let changes = BTreeMap::from([
            (
                Field::AuthToken,
                "0123456789abcdef0123456789abcdef".to_owned(),
            ),
            (Field::TwilioNumber, "+15551234567".to_owned()),
        ]);
        store.save(&changes).unwrap();
        let file = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
        assert!(file.contains("+15551234567"));
        assert!(
            !file.contains("0123456789abcdef"),
            "secret leaked into {file}"
        );
        assert_eq!(store.load().unwrap(), changes);

        store
            .delete(&[Field::AuthToken, Field::TwilioNumber])
            .unwrap();
        assert!(store.load().unwrap().is_empty());
    }

    #[test]
    fn an_unavailable_keychain_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(
            Box::new(MemoryKeychain::unavailable()),
            SettingsFile::new(dir.path().join("settings.json")),
        );
        let changes = BTreeMap::from([
            (Field::ApiKeySecret, "s3cr3t".to_owned()),
            (Field::Port, "3001".to_owned()),
        ]);
        let err = store.save(&changes).unwrap_err();
        assert!(
            err.to_string().contains("keychain could not be reached"),
            "{err}"
        );
        assert!(!dir.path().join("settings.json").exists());
        assert!(store.load().is_err());
    }

    #[test]
    fn a_corrupt_file_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        let store = store(dir.path());
        let err = store.load().unwrap_err();
        assert!(err.to_string().contains("not valid JSON"), "{err}");
        let changes = BTreeMap::from([(Field::Port, "3001".to_owned())]);
        assert!(store.save(&changes).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    }

    #[test]
    fn a_secret_in_the_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(
            &path,
            r#"{"auth_token": "0123456789abcdef0123456789abcdef", "port": "4000"}"#,
        )
        .unwrap();
        let loaded = store(dir.path()).load().unwrap();
        assert_eq!(loaded, BTreeMap::from([(Field::Port, "4000".to_owned())]));
    }
}
