//! The phone's own reports (through [`crate::phone_status::PhoneFeed`]) turned into leg
//! records: a call seen, answered here, over. Matched to the journal's calls by the leg's
//! CallSid, as Twilio numbers them: for an outgoing call the SDK's CallSid is the parent the
//! webhook saw; for an incoming one it is the child leg, which the `<Dial action>` names as
//! `DialCallSid`.

use crate::phone_status::{self, CallState, EndedCall, PhoneFeed, PhoneStatus};

use super::{now_ms, CallQuality, Direction, Journal, LegQuality, LegReport};

/// The leg being followed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tracked {
    leg: Option<Leg>,
    /// The last call's quality as last written: the page repeats it in every report until the
    /// next call ends, and it is written once.
    quality: Option<EndedCall>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Leg {
    sid: String,
    direction: Direction,
    number: String,
    answered: bool,
}

impl Tracked {
    /// What changed between the last report and `status`, as leg records at `now` (unix ms).
    pub fn update(&mut self, status: Option<&PhoneStatus>, now: i64) -> Vec<LegReport> {
        let mut reports = Vec::new();
        let call = status
            .and_then(|s| s.call.as_ref())
            .and_then(|c| Some((c, c.call_sid.as_deref().filter(|s| !s.is_empty())?)));
        let same = matches!((&self.leg, call), (Some(leg), Some((_, sid))) if leg.sid == sid);
        if !same {
            if let Some(leg) = self.leg.take() {
                reports.push(leg.report(now, None, true));
            }
        }
        let Some((call, sid)) = call else {
            return reports;
        };
        let open = call.state == CallState::Open;
        let answered_at = open.then(|| {
            call.since
                .and_then(|s| i64::try_from(s).ok())
                .unwrap_or(now)
        });
        match &mut self.leg {
            Some(leg) if open && !leg.answered => {
                leg.answered = true;
                reports.push(leg.report(now, answered_at, false));
            }
            Some(_) => {}
            None => {
                let leg = Leg {
                    sid: sid.to_owned(),
                    direction: match call.direction {
                        phone_status::Direction::Incoming => Direction::Inbound,
                        phone_status::Direction::Outgoing => Direction::Outbound,
                    },
                    number: call.number.clone(),
                    answered: open,
                };
                reports.push(leg.report(now, answered_at, false));
                self.leg = Some(leg);
            }
        }
        reports
    }
}

impl Tracked {
    /// The quality of a call that ended, the first time a report carries it.
    pub fn quality(&mut self, status: Option<&PhoneStatus>, now: i64) -> Option<LegQuality> {
        let ended = status?.last_call.as_ref()?;
        if self.quality.as_ref() == Some(ended) {
            return None;
        }
        self.quality = Some(ended.clone());
        let q = &ended.quality;
        Some(LegQuality {
            leg_sid: ended.call_sid.clone(),
            quality: CallQuality {
                codec: q.codec.as_ref().map(|c| c.to_ascii_lowercase()),
                average_mos: q.average_mos.map(|m| m.0),
                worst_warning: q.worst_warning.clone(),
            },
            at: now,
        })
    }
}

impl Leg {
    fn report(&self, at: i64, answered_at: Option<i64>, ended: bool) -> LegReport {
        LegReport {
            leg_sid: self.sid.clone(),
            direction: self.direction,
            number: self.number.clone(),
            at,
            answered_at,
            ended,
        }
    }
}

/// Follows `feed` for as long as it exists, writing what the phone reports into `journal`.
pub async fn follow(feed: PhoneFeed, journal: Journal) {
    let mut changes = feed.watch();
    let mut tracked = Tracked::default();
    loop {
        let status = changes.borrow_and_update().clone();
        for report in tracked.update(status.as_ref(), now_ms()) {
            if let Err(e) = journal.record_leg(report).await {
                tracing::debug!("the phone's report was not journaled: {e}");
            }
        }
        // After the leg's end, so the row it updates is there.
        if let Some(quality) = tracked.quality(status.as_ref(), now_ms()) {
            if let Err(e) = journal.record_quality(quality).await {
                tracing::debug!("the call's quality was not journaled: {e}");
            }
        }
        if changes.changed().await.is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone_status::{PhoneCall, Registration};

    fn status(state: Option<(CallState, &str)>) -> PhoneStatus {
        PhoneStatus {
            last_call: None,
            registration: Registration::Registered,
            error: None,
            call: state.map(|(state, sid)| PhoneCall {
                direction: phone_status::Direction::Incoming,
                number: "+15557654321".into(),
                state,
                since: (state == CallState::Open).then_some(5_000),
                call_sid: (!sid.is_empty()).then(|| sid.to_owned()),
            }),
        }
    }

    #[test]
    fn ringing_answered_and_over() {
        let mut t = Tracked::default();
        let seen = t.update(Some(&status(Some((CallState::Ringing, "CAchild")))), 1_000);
        assert_eq!(seen.len(), 1);
        assert_eq!((seen[0].answered_at, seen[0].ended), (None, false));
        assert!(t
            .update(Some(&status(Some((CallState::Ringing, "CAchild")))), 2_000)
            .is_empty());
        assert!(t
            .update(
                Some(&status(Some((CallState::Connecting, "CAchild")))),
                3_000
            )
            .is_empty());
        let answered = t.update(Some(&status(Some((CallState::Open, "CAchild")))), 6_000);
        assert_eq!(
            answered[0].answered_at,
            Some(5_000),
            "the phone's own answer time"
        );
        let over = t.update(Some(&status(None)), 9_000);
        assert_eq!(
            (over[0].leg_sid.as_str(), over[0].ended, over[0].at),
            ("CAchild", true, 9_000)
        );
        assert!(t.update(None, 10_000).is_empty());
    }

    #[test]
    fn the_last_calls_quality_is_written_once() {
        let mut t = Tracked::default();
        let mut ended = status(None);
        assert!(t.quality(Some(&ended), 1).is_none(), "no call ended yet");
        ended.last_call = Some(EndedCall {
            call_sid: "CAchild".into(),
            quality: phone_status::CallQuality {
                codec: Some("OPUS".into()),
                average_mos: Some(phone_status::Mos(4.2)),
                worst_warning: None,
            },
        });
        let written = t.quality(Some(&ended), 2).unwrap();
        assert_eq!(
            (written.leg_sid.as_str(), written.quality.codec.as_deref()),
            ("CAchild", Some("opus"))
        );
        assert!(
            t.quality(Some(&ended), 3).is_none(),
            "repeated reports write nothing"
        );
    }

    #[test]
    fn a_call_without_a_sid_waits_and_a_window_gone_ends_the_leg() {
        let mut t = Tracked::default();
        assert!(t
            .update(Some(&status(Some((CallState::Connecting, "")))), 1)
            .is_empty());
        assert_eq!(
            t.update(Some(&status(Some((CallState::Ringing, "CAparent")))), 2)
                .len(),
            1
        );
        let next = t.update(Some(&status(Some((CallState::Ringing, "CAother")))), 3);
        assert_eq!(next.len(), 2, "the first ends, the next is seen");
        assert!(next[0].ended && next[0].leg_sid == "CAparent");
        assert!(!next[1].ended && next[1].leg_sid == "CAother");
        let gone = t.update(None, 4);
        assert!(gone[0].ended);
    }
}
