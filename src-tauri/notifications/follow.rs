//! The notifications' driver: follows the phone feed for ringing, looks at the journal for
//! missed calls and voicemail, shows and closes notifications on the desktop's server, and
//! turns a click into a phone command or an "open the app here".

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt as _;

use super::dbus::{NotificationServer, ServerEvent};
use super::events::{self, JournalWatch, RingChange, RingWatch};
use super::{Note, OpenAt, ANSWER_ACTION, DECLINE_ACTION, DEFAULT_ACTION};
use crate::i18n::Language;
use crate::journal::{HistoryFilter, Journal};
use crate::phone_control::{PhoneCommand, PhoneControl};
use crate::phone_status::PhoneFeed;

/// How often the journal is looked at for new missed calls and voicemail. The webhook and the
/// command line both write it (the file is shared), so a look covers every writer; it is an
/// indexed read of a few rows.
pub const LOOK_EVERY: Duration = Duration::from_secs(2);

/// How many of the newest missed calls a look reads: more than can be missed between looks.
const MISSED_PER_LOOK: u32 = 20;

/// What the notifications follow and whom they tell.
pub struct Sources {
    pub phone: PhoneFeed,
    pub control: PhoneControl,
    pub journal: Journal,
    pub look_every: Duration,
    /// The language of the words, asked for each notification (the setting may change).
    pub language: Arc<dyn Fn() -> Language + Send + Sync>,
}

impl Sources {
    /// The backend's phone, commands and journal, looked at every [`LOOK_EVERY`].
    pub fn of(backend: &Arc<crate::backend::Backend>) -> Self {
        let words = backend.clone();
        Self {
            phone: backend.phone().clone(),
            control: backend.control().clone(),
            journal: backend.journal().clone(),
            look_every: LOOK_EVERY,
            language: Arc::new(move || words.language()),
        }
    }
}

/// Connects to the session bus and runs [`run`]. Without a bus there are no notifications,
/// and the phone works as before.
pub async fn start(sources: Sources, open: impl Fn(OpenAt) + Send + 'static) {
    match NotificationServer::connect().await {
        Ok(server) => run(server, sources, open).await,
        Err(e) => tracing::warn!("{e}"),
    }
}

/// Runs for as long as the phone feed lives. `open` is called with where a clicked
/// notification opens the app. Nothing here can stop the phone: a server that is missing or
/// refuses is logged, and the next notification tries again.
pub async fn run(
    server: NotificationServer,
    sources: Sources,
    open: impl Fn(OpenAt) + Send + 'static,
) {
    let mut server_events = match server.events().await {
        Ok(stream) => Box::pin(stream),
        Err(e) => {
            tracing::warn!("notifications are off: {e}");
            return;
        }
    };
    let mut phone = sources.phone.watch();
    // A call may already ring when this starts (the server connection takes a moment).
    phone.mark_changed();
    let mut rings = RingWatch::default();
    let mut news = JournalWatch::default();
    // The incoming-call notification on screen, and where each other one opens the app.
    let mut ringing: Option<u32> = None;
    let mut opens: HashMap<u32, OpenAt> = HashMap::new();
    let mut look = tokio::time::interval(sources.look_every);
    look.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut first = true;
    loop {
        tokio::select! {
            changed = phone.changed(), if !first => {
                if changed.is_err() {
                    break;
                }
                let status = phone.borrow_and_update().clone();
                for change in rings.update(status.as_ref()) {
                    match change {
                        RingChange::Started(call) => {
                            if let Some(id) = ringing.take() {
                                let _ = server.close(id).await;
                            }
                            let name = sources.journal.name_for(&call.number, None).ok().flatten();
                            let buttons = server.supports_actions().await;
                            let note = events::incoming_call(
                                &call,
                                name.as_deref(),
                                buttons,
                                (sources.language)(),
                            );
                            ringing = show(&server, &note).await;
                        }
                        RingChange::Stopped => {
                            if let Some(id) = ringing.take() {
                                if let Err(e) = server.close(id).await {
                                    tracing::warn!("the incoming-call notification could not be closed: {e}");
                                }
                            }
                        }
                    }
                }
            }
            Some(event) = server_events.next() => match event {
                ServerEvent::Action { id, key } if ringing == Some(id) => {
                    let command = match key.as_str() {
                        ANSWER_ACTION => Some(PhoneCommand::Answer),
                        DECLINE_ACTION => Some(PhoneCommand::Decline),
                        _ => None,
                    };
                    match command {
                        Some(command) => {
                            tracing::info!("notification: {}", command.describe());
                            if sources.control.send(command) == 0 {
                                tracing::warn!("no phone window is open to carry out the notification's button");
                                open(OpenAt::Phone);
                            }
                        }
                        None => open(OpenAt::Phone),
                    }
                }
                ServerEvent::Action { id, key } => {
                    if key == DEFAULT_ACTION {
                        if let Some(at) = opens.get(&id) {
                            open(at.clone());
                        }
                    }
                }
                ServerEvent::Closed { id } => {
                    opens.remove(&id);
                    if ringing == Some(id) {
                        ringing = None;
                    }
                }
            },
            _ = look.tick() => {
                first = false;
                for note in look_at(&sources.journal, &mut news, (sources.language)()).await {
                    if let Some(id) = show(&server, &note).await {
                        opens.insert(id, note.opens.clone());
                    }
                }
            }
        }
    }
    if let Some(id) = ringing {
        let _ = server.close(id).await;
    }
}

/// What is new in the journal. The read runs off the async threads (SQLite blocks).
async fn look_at(journal: &Journal, news: &mut JournalWatch, language: Language) -> Vec<Note> {
    let journal = journal.clone();
    let read = tokio::task::spawn_blocking(move || {
        let missed = journal.history(HistoryFilter {
            missed_only: true,
            limit: Some(MISSED_PER_LOOK),
        })?;
        let inbox = journal.voicemails()?;
        Ok::<_, crate::journal::JournalError>((missed, inbox))
    })
    .await;
    match read {
        Ok(Ok((missed, inbox))) => news.update(&missed, &inbox, language),
        // An unavailable journal says so in the app already.
        Ok(Err(_)) | Err(_) => Vec::new(),
    }
}

async fn show(server: &NotificationServer, note: &Note) -> Option<u32> {
    match server.show(note).await {
        Ok(id) => Some(id),
        Err(e) => {
            tracing::warn!("{e}");
            None
        }
    }
}
