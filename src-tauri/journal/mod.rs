//! The call journal: every call the webhook routes, how each ended, what the phone saw,
//! voicemail and contacts, in one SQLite file (`calls.sqlite3` in the data folder) that the
//! app and the command line share.
//!
//! - [`store`]: opening the file (WAL, `synchronous=FULL`, busy timeout, migrations; a damaged
//!   file moved aside).
//! - [`schema`]: the migrations.
//! - [`writer`]: group commit, so an acknowledged write is on disk and a burst costs one fsync.
//! - [`calls`], [`voicemail`], [`contacts`]: the tables and the queries.
//! - [`vcard`], [`numbers`]: importing address books, numbers as people write them.
//! - [`greeting`]: the recorded voicemail greeting.
//! - [`recordings_api`]: Twilio's Recordings API behind a trait.
//! - [`phone_follower`]: the phone's reports turned into leg records.
//! - [`catch_up`]: the calls Twilio has that the journal missed while the app was not running.
//! - [`clear`]: clearing recents, and the watermark that keeps cleared calls away.
//! - [`changes`]: noticing that the file changed, whichever connection or process wrote it,
//!   so the phone's lists follow it live.
//!
//! A journal that cannot be opened never stops the phone: [`Journal`] is then "unavailable",
//! every write fails at once with the reason, and calls go on.

pub mod calls;
pub mod catch_up;
pub mod changes;
pub mod clear;
pub mod contacts;
pub mod greeting;
pub mod numbers;
pub mod phone_follower;
pub mod recordings_api;
pub mod schema;
pub mod store;
pub mod vcard;
pub mod voicemail;
pub mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use serde::Serialize;

pub use calls::{
    CallQuality, CallRoute, CallStatus, DialOutcome, Direction, HistoryEntry, HistoryFilter,
    LegQuality, LegReport, RoutedCall, VoicemailRef,
};
pub use clear::ClearReport;
pub use contacts::{Contact, ContactDraft, ContactNumber};
pub use voicemail::{RecordingReport, VoicemailEntry};
pub use writer::{Pending, WriteError};

use crate::i18n::Text;
use crate::phone_number::Region;
use recordings_api::RecordingMedia;

/// The journal's file in the data folder.
pub const FILE_NAME: &str = "calls.sqlite3";

/// Longest contact name kept; longer is not a name.
const MAX_NAME: usize = 200;
const MAX_LABEL: usize = 40;
const MAX_NUMBERS: usize = 20;

/// Its words are catalog messages ([`JournalError::text`]); `Display` is the English.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JournalError {
    /// The file could not be opened; the text says why and what to do.
    #[error("{}", self.text())]
    Unavailable(String),
    #[error("{}", self.text())]
    Write(#[from] WriteError),
    #[error("{}", self.text())]
    Read(String),
    /// What a page or a file sent that the journal does not take (a contact without a name…).
    #[error("{}", self.text())]
    Invalid(Text),
    #[error("{}", self.text())]
    NotFound(Text),
}

impl JournalError {
    /// What went wrong and what to do, in words to be. The SQLite and OS details inside stay
    /// as they were written.
    pub fn text(&self) -> Text {
        match self {
            JournalError::Unavailable(why) => {
                Text::new("error-journal-unavailable").arg("why", why)
            }
            JournalError::Write(WriteError::Sqlite(detail)) => {
                Text::new("error-journal-write-failed").arg("detail", detail)
            }
            JournalError::Write(WriteError::Stopped) => Text::new("error-journal-writer-stopped"),
            JournalError::Write(WriteError::Unavailable(why)) => {
                Text::new("error-journal-unavailable").arg("why", why)
            }
            JournalError::Read(detail) => {
                Text::new("error-journal-read-failed").arg("detail", detail)
            }
            JournalError::Invalid(text) | JournalError::NotFound(text) => text.clone(),
        }
    }
}

impl From<rusqlite::Error> for JournalError {
    fn from(e: rusqlite::Error) -> Self {
        JournalError::Read(e.to_string())
    }
}

/// What the UI and `doctor` say about the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalStatus {
    pub available: bool,
    /// The file, when there is a data folder.
    pub path: Option<String>,
    /// Why history is unavailable, or what happened to a damaged file.
    pub problem: Option<String>,
}

enum State {
    Open {
        writer: writer::Writer,
        reader: Mutex<Connection>,
    },
    Unavailable(String),
}

struct Inner {
    state: State,
    path: Option<PathBuf>,
    /// Cached recordings: `<data>/voicemail/RE….wav` (`.mp3` from earlier versions).
    media_dir: Option<PathBuf>,
    /// A damaged file moved aside at open.
    notice: Option<Text>,
}

/// The journal. Cheap to clone; clones share the file.
#[derive(Clone)]
pub struct Journal(Arc<Inner>);

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Journal").field(&self.status()).finish()
    }
}

/// Unix milliseconds now.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Journal {
    /// The journal in `data_dir` (created if needed). Never fails: a journal that cannot be
    /// opened is [`Journal::unavailable`] with the reason.
    pub fn open_in(data_dir: Option<&Path>) -> Self {
        match data_dir {
            Some(dir) => Self::open(&dir.join(FILE_NAME)),
            None => Self::unavailable(
                "there is no data folder for it (no home folder?); set DIALTONE_DATA_DIR to a writable folder",
                None,
            ),
        }
    }

    /// The journal at `path`.
    pub fn open(path: &Path) -> Self {
        let media_dir = path.parent().map(|p| p.join("voicemail"));
        match store::open(path, chrono::Utc::now()) {
            Ok(opened) => match writer::Writer::start(opened.writer) {
                Ok(writer) => {
                    let notice = opened
                        .moved_aside
                        .map(|moved| Text::new("journal-moved-aside").arg("path", moved.display()));
                    if let Some(notice) = &notice {
                        tracing::warn!("{notice}");
                    }
                    Self(Arc::new(Inner {
                        state: State::Open {
                            writer,
                            reader: Mutex::new(opened.reader),
                        },
                        path: Some(path.to_owned()),
                        media_dir,
                        notice,
                    }))
                }
                Err(e) => Self::unavailable(
                    &format!("its writer thread could not start: {e}"),
                    Some(path),
                ),
            },
            Err(e) => {
                tracing::error!("call history unavailable: {e}");
                Self::unavailable(&e.to_string(), Some(path))
            }
        }
    }

    /// A journal that records nothing and says why.
    pub fn unavailable(reason: &str, path: Option<&Path>) -> Self {
        Self(Arc::new(Inner {
            state: State::Unavailable(reason.to_owned()),
            path: path.map(Path::to_owned),
            media_dir: None,
            notice: None,
        }))
    }

    pub fn status(&self) -> JournalStatus {
        self.status_in(crate::i18n::Language::En)
    }

    /// [`Journal::status`], a damaged file's notice in `language`.
    pub fn status_in(&self, language: crate::i18n::Language) -> JournalStatus {
        let (available, problem) = match &self.0.state {
            State::Open { .. } => (true, self.0.notice.as_ref().map(|n| n.render(language))),
            State::Unavailable(why) => (false, Some(why.clone())),
        };
        JournalStatus {
            available,
            path: self.0.path.as_ref().map(|p| p.display().to_string()),
            problem,
        }
    }

    pub fn is_available(&self) -> bool {
        matches!(self.0.state, State::Open { .. })
    }

    /// SQLite's `data_version` on the reader connection: a different value than last time
    /// means another connection committed meanwhile (see [`changes`]).
    pub fn data_version(&self) -> Result<i64, JournalError> {
        self.read(|conn| conn.pragma_query_value(None, "data_version", |row| row.get(0)))
    }

    fn write<T, F>(&self, work: F) -> Pending<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        match &self.0.state {
            State::Open { writer, .. } => writer.write(work),
            State::Unavailable(why) => Pending::failed(WriteError::Unavailable(why.clone())),
        }
    }

    fn read<T>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, JournalError> {
        match &self.0.state {
            State::Open { reader, .. } => {
                let conn = reader
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                Ok(work(&conn)?)
            }
            State::Unavailable(why) => Err(JournalError::Unavailable(why.clone())),
        }
    }

    // ---- calls -------------------------------------------------------------------------

    pub fn record_routed(&self, call: RoutedCall) -> Pending<()> {
        self.write(move |conn| calls::insert_routed(conn, &call))
    }

    pub fn record_outcome(&self, call: RoutedCall, outcome: DialOutcome) -> Pending<()> {
        self.write(move |conn| calls::record_outcome(conn, &call, &outcome))
    }

    pub fn record_leg(&self, leg: LegReport) -> Pending<()> {
        self.write(move |conn| calls::record_leg(conn, &leg))
    }

    pub fn record_quality(&self, report: LegQuality) -> Pending<()> {
        self.write(move |conn| calls::record_quality(conn, &report))
    }

    /// Removes every call from recents (voicemail and contacts stay); see [`clear`].
    pub fn clear_history(&self) -> Result<ClearReport, JournalError> {
        let at = now_ms();
        Ok(self.write(move |conn| clear::clear(conn, at)).wait()?)
    }

    /// Newest first.
    pub fn history(&self, filter: HistoryFilter) -> Result<Vec<HistoryEntry>, JournalError> {
        self.read(|conn| calls::history(conn, filter))
    }

    // ---- voicemail ---------------------------------------------------------------------

    pub fn record_recording(&self, report: RecordingReport) -> Pending<()> {
        self.write(move |conn| voicemail::record(conn, &report))
    }

    pub fn voicemails(&self) -> Result<Vec<VoicemailEntry>, JournalError> {
        self.read(voicemail::inbox)
    }

    /// The message, or why there is none.
    pub fn voicemail(&self, recording_sid: &str) -> Result<VoicemailEntry, JournalError> {
        self.read(|conn| voicemail::find(conn, recording_sid))?
            .ok_or_else(|| no_voicemail(recording_sid))
    }

    pub fn set_heard(&self, recording_sid: &str, heard: bool) -> Result<(), JournalError> {
        let sid = recording_sid.to_owned();
        if self
            .write(move |conn| voicemail::mark_heard(conn, &sid, heard))
            .wait()?
        {
            Ok(())
        } else {
            Err(no_voicemail(recording_sid))
        }
    }

    /// Marks the message deleted here and drops its cached audio. Deleting one already deleted
    /// is not an error (the Twilio half may be what failed last time).
    pub fn delete_voicemail_locally(&self, recording_sid: &str) -> Result<(), JournalError> {
        let sid = recording_sid.to_owned();
        let at = now_ms();
        let found = self
            .write(move |conn| {
                Ok(voicemail::mark_deleted(conn, &sid, at)? || voicemail::is_deleted(conn, &sid)?)
            })
            .wait()?;
        if !found {
            return Err(no_voicemail(recording_sid));
        }
        if let Some(path) = self.cached_path(recording_sid) {
            for path in [path.with_extension("mp3"), path.with_extension("wav")] {
                let _ = std::fs::remove_file(path);
            }
        }
        Ok(())
    }

    /// Where a recording's audio is cached (without extension), for a valid SID.
    fn cached_path(&self, recording_sid: &str) -> Option<PathBuf> {
        let valid = recording_sid.len() == 34
            && recording_sid.starts_with("RE")
            && recording_sid[2..].bytes().all(|b| b.is_ascii_hexdigit());
        Some(
            self.0
                .media_dir
                .as_ref()?
                .join(valid.then_some(recording_sid)?),
        )
    }

    /// The cached audio of a recording, if it was fetched before.
    pub fn cached_media(&self, recording_sid: &str) -> Option<RecordingMedia> {
        let base = self.cached_path(recording_sid)?;
        [("mp3", "audio/mpeg"), ("wav", "audio/wav")]
            .into_iter()
            .find_map(|(extension, content_type)| {
                Some(RecordingMedia {
                    content_type: content_type.to_owned(),
                    bytes: std::fs::read(base.with_extension(extension)).ok()?,
                })
            })
    }

    /// Keeps the audio so it plays again without Twilio (written whole, then renamed).
    pub fn cache_media(&self, recording_sid: &str, media: &RecordingMedia) -> std::io::Result<()> {
        let Some(base) = self.cached_path(recording_sid) else {
            return Ok(());
        };
        if let Some(dir) = base.parent() {
            store::create_private_dir(dir)?;
        }
        let partial = base.with_extension("partial");
        std::fs::write(&partial, &media.bytes)?;
        std::fs::rename(&partial, base.with_extension(media.extension()))
    }

    // ---- contacts ----------------------------------------------------------------------

    /// Every contact, or those matching `query` (name or number).
    pub fn contacts(&self, query: Option<&str>) -> Result<Vec<Contact>, JournalError> {
        let all = self.read(contacts::all)?;
        Ok(match query {
            Some(q) => contacts::search(all, q),
            None => all,
        })
    }

    pub fn add_contact(
        &self,
        draft: ContactDraft,
        home: Option<Region>,
    ) -> Result<Contact, JournalError> {
        let clean = clean_draft(draft, home)?;
        let at = now_ms();
        let stored = clean.clone();
        let id = self
            .write(move |conn| contacts::insert(conn, &stored, at))
            .wait()?;
        Ok(Contact {
            id,
            name: clean.name,
            numbers: clean.numbers,
        })
    }

    pub fn edit_contact(
        &self,
        id: i64,
        draft: ContactDraft,
        home: Option<Region>,
    ) -> Result<Contact, JournalError> {
        let clean = clean_draft(draft, home)?;
        let at = now_ms();
        let stored = clean.clone();
        if !self
            .write(move |conn| contacts::update(conn, id, &stored, at))
            .wait()?
        {
            return Err(no_contact(id));
        }
        Ok(Contact {
            id,
            name: clean.name,
            numbers: clean.numbers,
        })
    }

    pub fn delete_contact(&self, id: i64) -> Result<(), JournalError> {
        if self.write(move |conn| contacts::delete(conn, id)).wait()? {
            Ok(())
        } else {
            Err(no_contact(id))
        }
    }

    /// The name to show for a number: a contact's, when one has it.
    pub fn name_for(
        &self,
        number: &str,
        home: Option<Region>,
    ) -> Result<Option<String>, JournalError> {
        let Some(e164) = numbers::to_e164(number, home) else {
            return Ok(None);
        };
        self.read(|conn| contacts::name_for(conn, e164.as_str()))
    }

    /// Adds the cards of a vCard file, in one transaction: all or nothing. A card already
    /// present (same name, same numbers) is skipped, so importing twice adds nothing.
    pub fn import_vcard(
        &self,
        bytes: &[u8],
        home: Option<Region>,
    ) -> Result<ImportReport, JournalError> {
        let parsed = vcard::parse(bytes);
        let mut report = ImportReport {
            nameless: parsed.nameless,
            without_numbers: parsed.without_numbers,
            ..ImportReport::default()
        };
        let mut drafts = Vec::new();
        for draft in parsed.drafts {
            let name = draft.name.clone();
            let (numbers, bad): (Vec<_>, Vec<_>) = draft
                .numbers
                .into_iter()
                .map(|n| match numbers::to_e164(&n.number, home) {
                    Some(e164) => Ok(ContactNumber {
                        number: e164.to_string(),
                        label: n.label,
                    }),
                    None => Err(n.number),
                })
                .partition(Result::is_ok);
            report.unreadable_numbers.extend(
                bad.into_iter()
                    .filter_map(Result::err)
                    .map(|n| format!("{name}: {n}")),
            );
            let numbers: Vec<ContactNumber> = numbers.into_iter().filter_map(Result::ok).collect();
            if numbers.is_empty() {
                report.without_numbers += 1;
                continue;
            }
            match clean_draft(ContactDraft { name, numbers }, home) {
                Ok(clean) => drafts.push(clean),
                Err(_) => report.nameless += 1,
            }
        }
        if drafts.is_empty()
            && report.nameless + report.without_numbers == 0
            && parsed.bad_lines > 0
        {
            return Err(JournalError::Invalid(Text::new("error-contacts-no-vcards")));
        }
        let at = now_ms();
        let (imported, duplicates) = self
            .write(move |conn| {
                let (mut imported, mut duplicates) = (0, 0);
                for draft in &drafts {
                    if contacts::has_duplicate(conn, draft)? {
                        duplicates += 1;
                    } else {
                        contacts::insert(conn, draft, at)?;
                        imported += 1;
                    }
                }
                Ok((imported, duplicates))
            })
            .wait()?;
        report.imported = imported;
        report.duplicates = duplicates;
        Ok(report)
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: usize,
    /// Already there with the same name and numbers.
    pub duplicates: usize,
    /// Cards with no telephone number Dialtone can call.
    pub without_numbers: usize,
    /// Cards with no name.
    pub nameless: usize,
    /// `Name: number` for each number that could not be read as a phone number.
    pub unreadable_numbers: Vec<String>,
}

fn no_voicemail(sid: &str) -> JournalError {
    JournalError::NotFound(Text::new("error-voicemail-not-found").arg("sid", sid))
}

fn no_contact(id: i64) -> JournalError {
    JournalError::NotFound(Text::new("error-contact-not-found").arg("id", id))
}

/// Trims the name, turns each number into E.164 (naming the one that is not a number), and
/// bounds what a page could send.
fn clean_draft(draft: ContactDraft, home: Option<Region>) -> Result<ContactDraft, JournalError> {
    let name = draft.name.trim().to_owned();
    if name.is_empty() {
        return Err(JournalError::Invalid(Text::new("error-contact-needs-name")));
    }
    if name.chars().count() > MAX_NAME {
        return Err(JournalError::Invalid(
            Text::new("error-contact-name-too-long").arg("max", MAX_NAME),
        ));
    }
    if draft.numbers.is_empty() {
        return Err(JournalError::Invalid(Text::new(
            "error-contact-needs-number",
        )));
    }
    if draft.numbers.len() > MAX_NUMBERS {
        return Err(JournalError::Invalid(
            Text::new("error-contact-too-many-numbers").arg("max", MAX_NUMBERS),
        ));
    }
    let mut numbers: Vec<ContactNumber> = Vec::new();
    for n in draft.numbers {
        let e164 = numbers::to_e164(&n.number, home).ok_or_else(|| {
            JournalError::Invalid(Text::new("error-contact-not-a-number").arg(
                "number",
                format!("{:?}", n.number.chars().take(40).collect::<String>()),
            ))
        })?;
        let label = n
            .label
            .map(|l| l.trim().chars().take(MAX_LABEL).collect::<String>())
            .filter(|l| !l.is_empty());
        if !numbers.iter().any(|m| m.number == e164.as_str()) {
            numbers.push(ContactNumber {
                number: e164.to_string(),
                label,
            });
        }
    }
    Ok(ContactDraft { name, numbers })
}
