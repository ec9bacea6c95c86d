//! What the tray shows, worked out from plain facts: the phone's state, the do-not-disturb
//! setting, the journal's missed calls and new voicemail. No Tauri here, so every word, icon
//! and menu entry is tested with plain values; [`super`] only copies a [`TrayView`] onto the
//! desktop's tray.

use chrono::{DateTime, Local, Utc};

use crate::i18n::{t, Language, Text};
use crate::journal::{CallStatus, Direction as JournalDirection, HistoryEntry};
use crate::phone_number::E164;
use crate::phone_status::{PhoneStatus, Registration};

/// How many missed calls the "Recent missed calls" submenu lists.
pub const RECENT_MISSED: usize = 5;

/// The menu ids the tray's click handler tells apart. A missed call's id is
/// [`MISSED_ID_PREFIX`] followed by its CallSid.
pub const SHOW_ID: &str = "show";
pub const DO_NOT_DISTURB_ID: &str = "do-not-disturb";
pub const QUIT_ID: &str = "quit";
pub const MISSED_ID_PREFIX: &str = "missed:";

/// The phone's state as the icon draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Registered,
    Offline,
    InCall,
    DoNotDisturb,
}

impl Look {
    /// The icon's file in `icons/tray/`, drawn by `scripts/tray-icons.py`.
    pub fn icon_name(self, badge: bool) -> &'static str {
        match (self, badge) {
            (Look::Registered, false) => "registered.png",
            (Look::Registered, true) => "registered-badge.png",
            (Look::Offline, false) => "offline.png",
            (Look::Offline, true) => "offline-badge.png",
            (Look::InCall, false) => "in-call.png",
            (Look::InCall, true) => "in-call-badge.png",
            (Look::DoNotDisturb, false) => "do-not-disturb.png",
            (Look::DoNotDisturb, true) => "do-not-disturb-badge.png",
        }
    }
}

/// Everything the tray depends on, as read at one look.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The phone window's report; `None` while no window carries calls.
    pub phone: Option<PhoneStatus>,
    pub do_not_disturb: bool,
    /// The journal's newest missed calls, newest first (more than [`RECENT_MISSED`] is fine).
    pub missed: Vec<HistoryEntry>,
    /// How many of those the user has not seen: missed since they last opened Dialtone from
    /// the tray (see [`Seen`]).
    pub unseen_missed: usize,
    /// Voicemail nobody has listened to.
    pub new_voicemail: usize,
}

/// One entry of the "Recent missed calls" submenu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedItem {
    /// [`MISSED_ID_PREFIX`] + the CallSid.
    pub id: String,
    pub label: String,
}

/// The tray's menu, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuView {
    /// A line that cannot be clicked: the phone's state and what waits.
    pub status: String,
    pub show: String,
    pub do_not_disturb: String,
    pub do_not_disturb_on: bool,
    pub recent_title: String,
    /// Empty when nothing was missed; the submenu then holds [`MenuView::recent_none`], greyed.
    pub recent: Vec<MissedItem>,
    pub recent_none: String,
    pub quit: String,
}

/// What the tray shows at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayView {
    pub look: Look,
    /// A red dot on the icon: missed calls not seen yet, or new voicemail.
    pub badge: bool,
    /// Next to the icon (the label on Linux, the menu-bar text on macOS): the counts, or
    /// nothing when nothing waits.
    pub title: String,
    /// On hover where the desktop has tooltips (Windows, macOS; not Linux).
    pub tooltip: String,
    pub menu: MenuView,
}

impl TrayView {
    pub fn icon_name(&self) -> &'static str {
        self.look.icon_name(self.badge)
    }
}

/// The phone's state for the icon. A call, whatever its direction or stage, wins; then
/// do-not-disturb; then whether the phone is registered.
pub fn look(phone: Option<&PhoneStatus>, do_not_disturb: bool) -> Look {
    match phone {
        Some(status) if status.call.is_some() => Look::InCall,
        _ if do_not_disturb => Look::DoNotDisturb,
        Some(status) if status.registration == Registration::Registered => Look::Registered,
        _ => Look::Offline,
    }
}

/// The tray for `facts` in `language`; `now` places a missed call's time ("14:05" today, with
/// the date before that).
pub fn view(facts: &Facts, language: Language, now: DateTime<Local>) -> TrayView {
    let look = look(facts.phone.as_ref(), facts.do_not_disturb);
    let state = match look {
        Look::Registered => t(language, "tray-state-registered", &[]),
        Look::Offline => t(language, "tray-state-offline", &[]),
        Look::InCall => t(language, "tray-state-in-call", &[]),
        Look::DoNotDisturb => t(language, "tray-state-do-not-disturb", &[]),
    };
    let mut waiting = Vec::new();
    if facts.unseen_missed > 0 {
        waiting.push(count(language, "tray-missed-count", facts.unseen_missed));
    }
    if facts.new_voicemail > 0 {
        waiting.push(count(language, "tray-voicemail-count", facts.new_voicemail));
    }
    let separator = t(language, "tray-separator", &[]);
    let title = waiting.join(&separator);
    let status = std::iter::once(state).chain(waiting).collect::<Vec<_>>();
    let status = status.join(&separator);
    let recent = facts
        .missed
        .iter()
        .filter(|call| {
            call.status == CallStatus::Missed && call.direction == JournalDirection::Inbound
        })
        .take(RECENT_MISSED)
        .map(|call| MissedItem {
            id: format!("{MISSED_ID_PREFIX}{}", call.call_sid),
            label: Text::new("tray-missed-item")
                .arg("who", who(call))
                .arg("time", when(&call.started_at, now))
                .render(language),
        })
        .collect();
    TrayView {
        look,
        badge: facts.unseen_missed > 0 || facts.new_voicemail > 0,
        tooltip: Text::new("tray-tooltip")
            .arg("status", &status)
            .render(language),
        title,
        menu: MenuView {
            status,
            show: t(language, "tray-show", &[]),
            do_not_disturb: t(language, "tray-do-not-disturb", &[]),
            do_not_disturb_on: facts.do_not_disturb,
            recent_title: t(language, "tray-recent-missed", &[]),
            recent,
            recent_none: t(language, "tray-recent-missed-none", &[]),
            quit: t(language, "tray-quit", &[]),
        },
    }
}

fn count(language: Language, id: &'static str, n: usize) -> String {
    Text::new(id).number("count", n as f64).render(language)
}

/// The caller as the menu names them: the contact's (or caller ID's) name, else the number as
/// people write it (`+1 555-765-4321`), else what Twilio gave.
fn who(call: &HistoryEntry) -> String {
    match call.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => E164::parse(&call.number)
            .map(|n| n.international_format())
            .unwrap_or_else(|_| call.number.clone()),
    }
}

/// `14:05` for a call today (local time), `12/1 14:05` (month/day) before that. The journal
/// writes RFC 3339; a time it cannot read is shown as it is.
fn when(started_at: &str, now: DateTime<Local>) -> String {
    let Ok(at) = DateTime::parse_from_rfc3339(started_at) else {
        return started_at.to_owned();
    };
    let at = at.with_timezone(&Local);
    if at.date_naive() == now.date_naive() {
        at.format("%H:%M").to_string()
    } else {
        at.format("%-m/%-d %H:%M").to_string()
    }
}

/// Which missed calls the user has seen: those up to the moment they last opened Dialtone
/// from the tray, or the app's start (what was missed before is in Recents already, and the
/// notifications do the same).
#[derive(Debug, Clone)]
pub struct Seen {
    until: DateTime<Utc>,
}

impl Seen {
    pub fn since(start: DateTime<Utc>) -> Self {
        Self { until: start }
    }

    /// The user looked at the phone now.
    pub fn look(&mut self, now: DateTime<Utc>) {
        self.until = self.until.max(now);
    }

    /// How many of `missed` came after the last look. The journal's times are whole seconds,
    /// so a call in the second of the last look counts as after it: a badge shown once too
    /// often beats a missed call never shown.
    pub fn unseen(&self, missed: &[HistoryEntry]) -> usize {
        let until = self.until.timestamp();
        missed
            .iter()
            .filter(|call| {
                call.status == CallStatus::Missed && call.direction == JournalDirection::Inbound
            })
            .filter(|call| {
                DateTime::parse_from_rfc3339(&call.started_at)
                    .is_ok_and(|at| at.timestamp() >= until)
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone_status::{CallState, Direction, PhoneCall};
    use chrono::TimeZone as _;

    fn phone(registration: Registration, in_call: bool) -> PhoneStatus {
        PhoneStatus {
            registration,
            error: None,
            call: in_call.then(|| PhoneCall {
                direction: Direction::Outgoing,
                number: "+15557654321".into(),
                state: CallState::Open,
                since: None,
                call_sid: None,
            }),
            last_call: None,
        }
    }

    fn missed(sid: &str, name: Option<&str>, at: &str) -> HistoryEntry {
        HistoryEntry {
            call_sid: sid.into(),
            direction: JournalDirection::Inbound,
            number: "+15557654321".into(),
            name: name.map(Into::into),
            started_at: at.into(),
            status: CallStatus::Missed,
            duration_secs: 0,
            voicemail: None,
            quality: None,
        }
    }

    fn local(rfc3339: &str) -> DateTime<Local> {
        DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .with_timezone(&Local)
    }

    #[test]
    fn a_call_beats_do_not_disturb_which_beats_registration() {
        let registered = phone(Registration::Registered, false);
        assert_eq!(look(Some(&registered), false), Look::Registered);
        assert_eq!(look(Some(&registered), true), Look::DoNotDisturb);
        assert_eq!(
            look(Some(&phone(Registration::Registered, true)), true),
            Look::InCall
        );
        assert_eq!(
            look(Some(&phone(Registration::Error, false)), false),
            Look::Offline
        );
        assert_eq!(look(None, false), Look::Offline);
        assert_eq!(look(None, true), Look::DoNotDisturb);
    }

    #[test]
    fn counts_show_in_the_title_status_and_badge_only_when_something_waits() {
        let now = local("2026-12-01T15:00:00Z");
        let mut facts = Facts {
            phone: Some(phone(Registration::Registered, false)),
            ..Facts::default()
        };
        let quiet = view(&facts, Language::En, now);
        assert_eq!(quiet.icon_name(), "registered.png");
        assert_eq!(quiet.title, "");
        assert_eq!(quiet.menu.status, "Registered");
        assert!(quiet.menu.recent.is_empty());

        facts.unseen_missed = 2;
        facts.new_voicemail = 1;
        let busy = view(&facts, Language::En, now);
        assert_eq!(busy.icon_name(), "registered-badge.png");
        assert_eq!(busy.title, "2 missed · 1 voicemail");
        assert_eq!(busy.menu.status, "Registered · 2 missed · 1 voicemail");
        assert_eq!(
            busy.tooltip,
            "Dialtone: Registered · 2 missed · 1 voicemail"
        );

        facts.unseen_missed = 1;
        facts.new_voicemail = 0;
        facts.do_not_disturb = true;
        let ja = view(&facts, Language::Ja, now);
        assert_eq!(ja.icon_name(), "do-not-disturb-badge.png");
        assert_eq!(ja.title, "不在着信1件");
        assert_eq!(ja.menu.do_not_disturb, "おやすみモード");
        assert!(ja.menu.do_not_disturb_on);
    }

    #[test]
    fn recent_missed_calls_name_the_caller_and_the_time() {
        let now = local("2026-12-01T15:00:00Z");
        let today = now.date_naive();
        let facts = Facts {
            missed: vec![
                missed("CA3", Some("Ada Lovelace"), "2026-12-01T14:05:00Z"),
                missed("CA2", None, "2026-11-28T09:30:00Z"),
            ],
            ..Facts::default()
        };
        let menu = view(&facts, Language::En, now).menu;
        assert_eq!(menu.recent[0].id, "missed:CA3");
        let first_time = local("2026-12-01T14:05:00Z");
        let expected_first = if first_time.date_naive() == today {
            first_time.format("%H:%M").to_string()
        } else {
            first_time.format("%-m/%-d %H:%M").to_string()
        };
        assert_eq!(
            menu.recent[0].label,
            format!("Ada Lovelace, {expected_first}")
        );
        // A number without a name is written as people write it; an older call gets its date.
        let second = local("2026-11-28T09:30:00Z");
        assert_eq!(
            menu.recent[1].label,
            format!("+1 555-765-4321, {}", second.format("%-m/%-d %H:%M"))
        );
        let ja = view(&facts, Language::Ja, now).menu;
        assert_eq!(
            ja.recent[0].label,
            format!("Ada Lovelace（{expected_first}）")
        );
    }

    #[test]
    fn only_calls_missed_after_the_last_look_are_unseen() {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let mut seen = Seen::since(start);
        let calls = [
            missed("CA3", None, "2026-12-01T13:00:00Z"),
            missed("CA2", None, "2026-12-01T12:30:00Z"),
            missed("CA1", None, "2026-12-01T11:00:00Z"),
        ];
        assert_eq!(seen.unseen(&calls), 2);
        seen.look(Utc.with_ymd_and_hms(2026, 12, 1, 12, 45, 0).unwrap());
        assert_eq!(seen.unseen(&calls), 1);
        // An earlier clock never takes a look back.
        seen.look(start);
        assert_eq!(seen.unseen(&calls), 1);
        // A call journaled (in whole seconds) in the same second as the start still counts.
        let within = Seen::since(
            Utc.with_ymd_and_hms(2026, 12, 1, 13, 0, 0).unwrap()
                + chrono::Duration::milliseconds(400),
        );
        assert_eq!(within.unseen(&calls), 1);
    }

    #[test]
    fn every_look_has_its_icon_in_the_repository() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("icons/tray");
        for look in [
            Look::Registered,
            Look::Offline,
            Look::InCall,
            Look::DoNotDisturb,
        ] {
            for badge in [false, true] {
                let path = dir.join(look.icon_name(badge));
                assert!(path.is_file(), "{} is missing", path.display());
            }
        }
    }
}
