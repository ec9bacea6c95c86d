//! What deserves a notification. Two small state machines: [`RingWatch`] follows the phone's
//! reports and says when a ringing incoming call starts and stops; [`JournalWatch`] compares
//! the journal's missed calls and voicemail with what it saw before and names the new ones.
//! Neither touches a desktop, so both are tested here with plain values.

use std::collections::HashSet;

use super::{words, Kind, Note, OpenAt, ANSWER_ACTION, DECLINE_ACTION};
use crate::i18n::Language;
use crate::journal::{CallStatus, HistoryEntry, VoicemailEntry};
use crate::phone_status::PhoneStatus;

/// A ringing call as the notification names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ringing {
    pub number: String,
    /// The SDK's CallSid, once known; two calls from the same number are told apart by it.
    pub call_sid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RingChange {
    /// A call started ringing: show its notification.
    Started(Ringing),
    /// The ringing call stopped ringing (answered here or elsewhere, declined, or the caller
    /// gave up): close its notification.
    Stopped,
}

/// Follows the phone's reports for the start and end of ringing.
#[derive(Debug, Default)]
pub struct RingWatch {
    ringing: Option<Ringing>,
}

impl RingWatch {
    /// The changes `status` brings, in order (a call replacing another is a stop, then a
    /// start). A phone that stops reporting (`None`) stops ringing too.
    pub fn update(&mut self, status: Option<&PhoneStatus>) -> Vec<RingChange> {
        let now = status
            .filter(|s| s.is_ringing_in())
            .and_then(|s| s.call.as_ref())
            .map(|call| Ringing {
                number: call.number.clone(),
                call_sid: call.call_sid.clone(),
            });
        let same_call = match (&self.ringing, &now) {
            (Some(before), Some(now)) => {
                before.number == now.number
                    && (before.call_sid.is_none()
                        || now.call_sid.is_none()
                        || before.call_sid == now.call_sid)
            }
            (None, None) => true,
            _ => false,
        };
        if same_call {
            // Keep the CallSid once the SDK names it.
            if let (Some(before), Some(now)) = (&mut self.ringing, now) {
                before.call_sid = before.call_sid.take().or(now.call_sid);
            }
            return Vec::new();
        }
        let mut changes = Vec::new();
        if self.ringing.take().is_some() {
            changes.push(RingChange::Stopped);
        }
        if let Some(now) = now {
            self.ringing = Some(now.clone());
            changes.push(RingChange::Started(now));
        }
        changes
    }
}

/// The incoming-call notification. `name` is the contact's name for the number, if any;
/// `with_buttons` is whether the server shows actions.
pub fn incoming_call(
    ringing: &Ringing,
    name: Option<&str>,
    with_buttons: bool,
    language: Language,
) -> Note {
    let caller = words::caller(language, name, &ringing.number);
    let (body, buttons) = if with_buttons {
        (
            caller,
            vec![
                (ANSWER_ACTION, words::answer(language)),
                (DECLINE_ACTION, words::decline(language)),
            ],
        )
    } else {
        (
            format!("{caller}\n{}", words::open_to_answer(language)),
            Vec::new(),
        )
    };
    Note {
        kind: Kind::Ringing,
        summary: words::incoming_call(language),
        body,
        buttons,
        opens: OpenAt::Phone,
    }
}

/// Names the missed calls and voicemail that are new since the last look. The first look
/// only learns what is there: what was missed before Dialtone started is in Recents already,
/// and a notification for each old call at every start would bury the new ones.
#[derive(Debug, Default)]
pub struct JournalWatch {
    primed: bool,
    seen_calls: HashSet<String>,
    seen_voicemail: HashSet<String>,
}

impl JournalWatch {
    /// The notifications for what is new in `missed` (the journal's recent missed calls,
    /// newest first) and `inbox` (its voicemail).
    pub fn update(
        &mut self,
        missed: &[HistoryEntry],
        inbox: &[VoicemailEntry],
        language: Language,
    ) -> Vec<Note> {
        let mut notes = Vec::new();
        for call in missed.iter().rev() {
            let is_missed = call.status == CallStatus::Missed
                && call.direction == crate::journal::Direction::Inbound;
            if is_missed && self.seen_calls.insert(call.call_sid.clone()) && self.primed {
                notes.push(Note {
                    kind: Kind::Missed,
                    summary: words::missed_call(language),
                    body: words::caller(language, call.name.as_deref(), &call.number),
                    buttons: Vec::new(),
                    opens: OpenAt::Call {
                        call_sid: call.call_sid.clone(),
                    },
                });
            }
        }
        for message in inbox.iter().rev() {
            let new = !message.heard && self.seen_voicemail.insert(message.recording_sid.clone());
            if new && self.primed {
                let number = message.number.as_deref().unwrap_or("?");
                notes.push(Note {
                    kind: Kind::Voicemail,
                    summary: words::new_voicemail(language),
                    body: words::voicemail_body(
                        language,
                        &words::caller(language, message.name.as_deref(), number),
                        message.duration_secs,
                    ),
                    buttons: Vec::new(),
                    opens: OpenAt::Voicemail {
                        recording_sid: message.recording_sid.clone(),
                    },
                });
            }
        }
        self.primed = true;
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Direction as JournalDirection;
    use crate::phone_status::{CallState, Direction, PhoneCall, Registration};

    fn phone(call: Option<(&str, Option<&str>, CallState)>) -> PhoneStatus {
        PhoneStatus {
            last_call: None,
            registration: Registration::Registered,
            error: None,
            call: call.map(|(number, sid, state)| PhoneCall {
                direction: Direction::Incoming,
                number: number.into(),
                state,
                since: None,
                call_sid: sid.map(Into::into),
            }),
        }
    }

    fn started(number: &str, sid: Option<&str>) -> RingChange {
        RingChange::Started(Ringing {
            number: number.into(),
            call_sid: sid.map(Into::into),
        })
    }

    #[test]
    fn ringing_starts_once_and_stops_when_answered_or_gone() {
        let mut watch = RingWatch::default();
        let a = "+15557654321";
        assert_eq!(watch.update(Some(&phone(None))), vec![]);
        assert_eq!(
            watch.update(Some(&phone(Some((a, None, CallState::Ringing))))),
            vec![started(a, None)]
        );
        // The SDK names the call later: the same call, no second notification.
        assert_eq!(
            watch.update(Some(&phone(Some((a, Some("CA1"), CallState::Ringing))))),
            vec![]
        );
        // Answered: the call is open, no longer ringing.
        assert_eq!(
            watch.update(Some(&phone(Some((a, Some("CA1"), CallState::Open))))),
            vec![RingChange::Stopped]
        );
        assert_eq!(watch.update(Some(&phone(None))), vec![]);
        // A second call from the same number rings anew; the phone window going away stops it.
        assert_eq!(
            watch.update(Some(&phone(Some((a, Some("CA2"), CallState::Ringing))))),
            vec![started(a, Some("CA2"))]
        );
        assert_eq!(
            watch.update(Some(&phone(Some((a, Some("CA3"), CallState::Ringing))))),
            vec![RingChange::Stopped, started(a, Some("CA3"))],
            "another call replacing this one"
        );
        assert_eq!(watch.update(None), vec![RingChange::Stopped]);
    }

    #[test]
    fn outgoing_calls_never_ring_here() {
        let mut watch = RingWatch::default();
        let mut status = phone(Some(("+15557654321", None, CallState::Ringing)));
        status.call.as_mut().unwrap().direction = Direction::Outgoing;
        assert_eq!(watch.update(Some(&status)), vec![]);
    }

    #[test]
    fn the_notes_speak_japanese_when_the_app_does() {
        let ringing = Ringing {
            number: "+15557654321".into(),
            call_sid: None,
        };
        let note = incoming_call(&ringing, Some("佐藤"), true, Language::Ja);
        assert_eq!(note.summary, "着信");
        assert_eq!(note.body, "佐藤（+15557654321）");
        let labels: Vec<_> = note.buttons.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["応答", "拒否"]);
        assert_eq!(
            words::voicemail_body(Language::Ja, "佐藤", 7),
            "佐藤からのメッセージ（7秒）"
        );
    }

    #[test]
    fn the_incoming_call_note_names_the_caller_and_has_buttons_where_possible() {
        let ringing = Ringing {
            number: "+15557654321".into(),
            call_sid: None,
        };
        let note = incoming_call(&ringing, Some("Ada Lovelace"), true, Language::En);
        assert_eq!(note.kind, Kind::Ringing);
        assert_eq!(note.body, "Ada Lovelace (+15557654321)");
        let keys: Vec<_> = note.buttons.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["answer", "decline"]);
        let plain = incoming_call(&ringing, None, false, Language::En);
        assert!(plain.buttons.is_empty());
        assert!(plain.body.starts_with("+15557654321\n"), "{}", plain.body);
    }

    fn missed(sid: &str, status: CallStatus) -> HistoryEntry {
        HistoryEntry {
            call_sid: sid.into(),
            direction: JournalDirection::Inbound,
            number: "+15557654321".into(),
            name: None,
            started_at: "2026-12-01T12:00:00Z".into(),
            status,
            duration_secs: 0,
            voicemail: None,
            quality: None,
        }
    }

    fn voicemail(sid: &str, heard: bool) -> VoicemailEntry {
        VoicemailEntry {
            recording_sid: sid.into(),
            call_sid: "CA9".into(),
            number: Some("+15557654321".into()),
            name: Some("Ada".into()),
            received_at: "2026-12-01T12:00:00Z".into(),
            duration_secs: 7,
            heard,
        }
    }

    #[test]
    fn only_what_is_new_since_start_is_announced_once() {
        let mut watch = JournalWatch::default();
        let old = [missed("CA1", CallStatus::Missed)];
        assert_eq!(
            watch.update(&old, &[voicemail("RE1", false)], Language::En),
            vec![]
        );
        let now = [
            missed("CA3", CallStatus::Missed),
            missed("CA2", CallStatus::Answered),
            missed("CA1", CallStatus::Missed),
        ];
        let notes = watch.update(
            &now,
            &[voicemail("RE2", false), voicemail("RE1", false)],
            Language::En,
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(
            notes[0].opens,
            OpenAt::Call {
                call_sid: "CA3".into()
            }
        );
        assert_eq!(notes[0].summary, words::missed_call(Language::En));
        assert_eq!(
            notes[1].opens,
            OpenAt::Voicemail {
                recording_sid: "RE2".into()
            }
        );
        assert_eq!(
            notes[1].body,
            "Ada (+15557654321) left a message (7 seconds)"
        );
        assert_eq!(
            watch.update(&now, &[voicemail("RE2", false)], Language::En),
            vec![]
        );
        // A message heard before the next look is not news.
        assert_eq!(
            watch.update(&[], &[voicemail("RE3", true)], Language::En),
            vec![]
        );
    }
}
