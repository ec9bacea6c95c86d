//! The backend's journal part: recents, voicemail (inbox, audio, greeting) and contacts, for
//! both windows. Reads and writes of the file run in [`blocking`]; Twilio's Recordings API is
//! asked through [`RecordingsApi`], built from the current settings at each use.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{blocking, Backend, BackendError, ErrorKind};
use crate::journal::catch_up::{CatchUp, CatchUpError, CatchUpReport, NotReady};
use crate::journal::changes::{self, JournalChanges};
use crate::journal::greeting::{Greeting, GreetingError};
use crate::journal::recordings_api::{self, RecordingMedia, RecordingsApiFactory, RecordingsError};
use crate::journal::{
    ClearReport, Contact, ContactDraft, HistoryEntry, HistoryFilter, ImportReport, Journal,
    JournalError, JournalStatus, VoicemailEntry,
};
use crate::phone_number::Region;
use crate::settings::{Incomplete, Settings, StoreError};
use crate::webhook_server::WebhookServer;

/// What the backend holds for the journal.
pub struct JournalParts {
    journal: Journal,
    greeting: Greeting,
    recordings: RecordingsApiFactory,
    /// Twilio's REST API (`DIALTONE_TWILIO_API_BASE` in tests): the recordings and the
    /// journal's catch-up go there.
    rest_base: String,
    /// Where "save as a file" puts a voicemail: the user's Downloads folder.
    downloads: Option<PathBuf>,
    /// Ticks when the journal's file changed, whoever wrote it (see
    /// [`Backend::follow_journal_changes`]).
    changes: JournalChanges,
}

impl Default for JournalParts {
    fn default() -> Self {
        Self {
            journal: Journal::unavailable("this process keeps no call history", None),
            greeting: Greeting::new(None),
            recordings: recordings_api::default_factory(),
            rest_base: recordings_api::TWILIO_API_BASE.to_owned(),
            downloads: None,
            changes: JournalChanges::default(),
        }
    }
}

impl From<JournalError> for BackendError {
    fn from(error: JournalError) -> Self {
        let kind = match error {
            JournalError::Invalid(_) => ErrorKind::Invalid,
            JournalError::NotFound(_) => ErrorKind::NotFound,
            JournalError::Unavailable(_) | JournalError::Write(_) | JournalError::Read(_) => {
                ErrorKind::History
            }
        };
        Self::text(kind, error.text())
    }
}

impl From<RecordingsError> for BackendError {
    fn from(error: RecordingsError) -> Self {
        let kind = match error {
            RecordingsError::NotFound { .. } => ErrorKind::NotFound,
            _ => ErrorKind::Twilio,
        };
        Self::text(kind, error.text())
    }
}

/// The REST API's settings are incomplete: the keychain's fault when it could not be read (its
/// error said first), else settings never set.
fn incomplete(e: &Incomplete, keychain_error: Option<&StoreError>) -> BackendError {
    match keychain_error {
        Some(k) => BackendError::new(ErrorKind::Keychain, format!("{k} ({e})")),
        None => BackendError::new(ErrorKind::MissingSettings, e),
    }
}

impl From<GreetingError> for BackendError {
    fn from(error: GreetingError) -> Self {
        let kind = match error {
            GreetingError::Io { .. } | GreetingError::NoFolder => ErrorKind::History,
            _ => ErrorKind::Invalid,
        };
        Self::text(kind, error.text())
    }
}

/// The journal as the UI shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryStatus {
    #[serde(flatten)]
    pub journal: JournalStatus,
    /// A recorded greeting is set (else callers hear the spoken one).
    pub recorded_greeting: bool,
}

/// Where a voicemail was saved.
#[derive(Debug, Clone, Serialize)]
pub struct SavedFile {
    pub path: String,
}

impl Backend {
    /// Keeps calls in `journal`; the recorded greeting and the voicemail cache live in
    /// `data_dir`, saved voicemail goes to `downloads`.
    pub fn with_journal(
        mut self,
        journal: Journal,
        data_dir: Option<&Path>,
        downloads: Option<PathBuf>,
    ) -> Self {
        let greeting = Greeting::new(data_dir.map(Path::to_owned));
        self.webhook_server = WebhookServer::with_journal(journal.clone(), greeting.clone());
        self.journal = JournalParts {
            journal,
            greeting,
            recordings: self.journal.recordings,
            rest_base: self.journal.rest_base,
            downloads,
            changes: self.journal.changes,
        };
        self
    }

    /// Twilio's Recordings API from `factory` (a stand-in in tests).
    pub fn with_recordings_api(mut self, factory: RecordingsApiFactory) -> Self {
        self.journal.recordings = factory;
        self
    }

    /// Twilio's REST API at `base` (`https://api.twilio.com`, or the simulator in tests) for
    /// the recordings and the journal's catch-up.
    pub fn with_twilio_rest_base(mut self, base: &str) -> Self {
        self.journal.recordings = recordings_api::factory_for(base);
        self.journal.rest_base = base.to_owned();
        self
    }

    /// Catches the journal up with Twilio's Calls list each time the webhook listener starts
    /// listening (at start, and after each restart: a Save in Settings), for as long as the
    /// backend lives. What was missed while the app was not running then shows in Recents.
    pub fn follow_listener_for_catch_up(
        self: &Arc<Self>,
    ) -> impl std::future::Future<Output = ()> + Send + 'static {
        let backend = self.clone();
        let mut changes = self.webhook_server.watch();
        async move {
            let mut was_listening = false;
            loop {
                let listening = backend.webhook_server.is_listening();
                if listening && !was_listening {
                    match backend.catch_up_journal().await {
                        Ok(report) => report.log(),
                        Err(e) => tracing::warn!("{}", e.message),
                    }
                }
                was_listening = listening;
                if changes.changed().await.is_err() {
                    break;
                }
            }
        }
    }

    /// Journals the calls to and from our number that Twilio has and the journal does not
    /// (see [`crate::journal::catch_up`]).
    pub async fn catch_up_journal(self: &Arc<Self>) -> Result<CatchUpReport, BackendError> {
        let backend = self.clone();
        let catch_up = blocking(move || {
            let (settings, keychain_error) = backend.current()?;
            CatchUp::from_settings(&settings, &backend.journal.rest_base).map_err(|e| match e {
                NotReady::Incomplete(e) => incomplete(&e, keychain_error.as_ref()),
                e @ NotReady::NoNumber => BackendError::new(ErrorKind::MissingSettings, e),
                NotReady::Client(e) => BackendError::from(e),
            })
        })
        .await?;
        catch_up
            .run(&self.journal.journal, crate::journal::now_ms())
            .await
            .map_err(|e| match e {
                CatchUpError::Journal(e) => BackendError::from(e),
                e @ CatchUpError::Twilio(_) => BackendError::new(ErrorKind::Twilio, e),
            })
    }

    pub fn journal(&self) -> &Journal {
        &self.journal.journal
    }

    /// Each change of the journal's file, once [`Backend::follow_journal_changes`] runs: the
    /// windows read their lists again.
    pub fn journal_changes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.journal.changes.subscribe()
    }

    /// Looks at the journal's file every [`changes::LOOK_EVERY`] and tells
    /// [`Backend::journal_changes`] when anyone committed to it after this call, for as long
    /// as the caller's task runs. One per process: the shell that shows the lists starts it.
    pub fn follow_journal_changes(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        self.journal
            .changes
            .follow(self.journal.journal.clone(), changes::LOOK_EVERY)
    }

    /// Writes what the phone reports into the journal, for as long as the backend lives; the
    /// caller's task decides when to stop.
    pub fn follow_phone_for_journal(
        &self,
    ) -> impl std::future::Future<Output = ()> + Send + 'static {
        crate::journal::phone_follower::follow(self.phone.clone(), self.journal.journal.clone())
    }

    /// The Twilio number's country, for numbers written without one. Reads only the settings
    /// file and the environment (no keychain round trip).
    fn home(&self) -> Option<Region> {
        let saved = self.store.load_file_only().ok()?;
        Settings::resolve(&self.env, &saved).home_region()
    }

    pub fn history_status(&self) -> HistoryStatus {
        HistoryStatus {
            journal: self.journal.journal.status_in(self.language()),
            recorded_greeting: self.journal.greeting.is_set(),
        }
    }

    pub fn history(&self, filter: HistoryFilter) -> Result<Vec<HistoryEntry>, BackendError> {
        Ok(self.journal.journal.history(filter)?)
    }

    /// Clears recents; voicemail and contacts stay (see [`crate::journal::clear`]).
    pub fn clear_history(&self) -> Result<ClearReport, BackendError> {
        Ok(self.journal.journal.clear_history()?)
    }

    pub fn voicemails(&self) -> Result<Vec<VoicemailEntry>, BackendError> {
        Ok(self.journal.journal.voicemails()?)
    }

    pub fn mark_voicemail_heard(
        &self,
        recording_sid: &str,
        heard: bool,
    ) -> Result<(), BackendError> {
        Ok(self.journal.journal.set_heard(recording_sid, heard)?)
    }

    /// The Recordings API with the credentials as they are now (a keychain read, so off the
    /// async workers).
    async fn rest_api(
        self: &Arc<Self>,
    ) -> Result<Arc<dyn recordings_api::RecordingsApi>, BackendError> {
        let backend = self.clone();
        blocking(move || backend.recordings_api()).await
    }

    fn recordings_api(&self) -> Result<Arc<dyn recordings_api::RecordingsApi>, BackendError> {
        let (settings, keychain_error) = self.current()?;
        let token = settings
            .token_settings()
            .map_err(|e| incomplete(&e, keychain_error.as_ref()))?;
        Ok((self.journal.recordings)(token.into())?)
    }

    /// A message's audio: from the cache in the data folder, else from Twilio (with the API
    /// key, which stays here) and then cached. Only the bytes go to the page.
    pub async fn voicemail_audio(
        self: &Arc<Self>,
        recording_sid: &str,
    ) -> Result<RecordingMedia, BackendError> {
        let journal = self.journal.journal.clone();
        let sid = recording_sid.to_owned();
        let cached = blocking(move || {
            journal.voicemail(&sid)?;
            Ok(journal.cached_media(&sid))
        })
        .await?;
        if let Some(media) = cached {
            return Ok(media);
        }
        let api = self.rest_api().await?;
        let media = api.fetch_media(recording_sid).await?;
        let journal = self.journal.journal.clone();
        let sid = recording_sid.to_owned();
        let keep = media.clone();
        blocking(move || {
            if let Err(e) = journal.cache_media(&sid, &keep) {
                tracing::warn!("voicemail {sid} not cached: {e}");
            }
            Ok(())
        })
        .await?;
        Ok(media)
    }

    /// Saves a message's audio in the Downloads folder (never over an existing file).
    pub async fn save_voicemail(
        self: &Arc<Self>,
        recording_sid: &str,
    ) -> Result<SavedFile, BackendError> {
        let media = self.voicemail_audio(recording_sid).await?;
        let journal = self.journal.journal.clone();
        let downloads = self.journal.downloads.clone();
        let sid = recording_sid.to_owned();
        blocking(move || {
            let entry = journal.voicemail(&sid)?;
            let dir = downloads.ok_or_else(|| {
                BackendError::new(
                    ErrorKind::History,
                    "there is no Downloads folder to save into",
                )
            })?;
            let path = save_unique(&dir, &file_stem(&entry), media.extension(), &media.bytes)?;
            Ok(SavedFile {
                path: path.display().to_string(),
            })
        })
        .await
    }

    /// Deletes a message in Twilio, then here. If Twilio cannot be reached the message stays,
    /// so nothing is lost and the delete can be tried again.
    pub async fn delete_voicemail(
        self: &Arc<Self>,
        recording_sid: &str,
    ) -> Result<(), BackendError> {
        let journal = self.journal.journal.clone();
        let sid = recording_sid.to_owned();
        let known = blocking(move || Ok(journal.voicemail(&sid).is_ok())).await?;
        if known {
            self.rest_api().await?.delete(recording_sid).await?;
        }
        let journal = self.journal.journal.clone();
        let sid = recording_sid.to_owned();
        blocking(move || Ok(journal.delete_voicemail_locally(&sid)?)).await
    }

    pub fn set_voicemail_greeting(&self, audio: &[u8]) -> Result<HistoryStatus, BackendError> {
        self.journal.greeting.save(audio)?;
        Ok(self.history_status())
    }

    pub fn clear_voicemail_greeting(&self) -> Result<HistoryStatus, BackendError> {
        self.journal.greeting.clear()?;
        Ok(self.history_status())
    }

    pub fn contacts(&self, query: Option<&str>) -> Result<Vec<Contact>, BackendError> {
        Ok(self.journal.journal.contacts(query)?)
    }

    pub fn add_contact(&self, draft: ContactDraft) -> Result<Contact, BackendError> {
        Ok(self.journal.journal.add_contact(draft, self.home())?)
    }

    pub fn edit_contact(&self, id: i64, draft: ContactDraft) -> Result<Contact, BackendError> {
        Ok(self.journal.journal.edit_contact(id, draft, self.home())?)
    }

    pub fn delete_contact(&self, id: i64) -> Result<(), BackendError> {
        Ok(self.journal.journal.delete_contact(id)?)
    }

    /// Imports a vCard file's contents.
    pub fn import_contacts(&self, vcard: &[u8]) -> Result<ImportReport, BackendError> {
        Ok(self.journal.journal.import_vcard(vcard, self.home())?)
    }

    /// The name to show for a number the phone displays.
    pub fn caller_name(&self, number: &str) -> Result<Option<String>, BackendError> {
        Ok(self.journal.journal.name_for(number, self.home())?)
    }
}

/// `Voicemail +15557654321 2024-05-01 1200`, with nothing a file system would choke on.
fn file_stem(entry: &VoicemailEntry) -> String {
    let who = entry
        .name
        .as_deref()
        .or(entry.number.as_deref())
        .unwrap_or("unknown caller");
    let when = entry.received_at.replace('T', " ").replace([':', 'Z'], "");
    format!("Voicemail {who} {when}")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " +-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect()
}

fn save_unique(
    dir: &Path,
    stem: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<PathBuf, BackendError> {
    use std::io::Write as _;
    std::fs::create_dir_all(dir).map_err(|e| {
        BackendError::new(
            ErrorKind::History,
            format!("{} cannot be created: {e}", dir.display()),
        )
    })?;
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem} ({n}).{extension}")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(bytes).map_err(|e| {
                    BackendError::new(
                        ErrorKind::History,
                        format!("{} could not be written: {e}", path.display()),
                    )
                })?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(BackendError::new(
                    ErrorKind::History,
                    format!("{} could not be written: {e}", path.display()),
                ))
            }
        }
    }
    Err(BackendError::new(
        ErrorKind::History,
        format!("{} has too many files named {stem}", dir.display()),
    ))
}
