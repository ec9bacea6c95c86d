//! RFC 4733 telephone-events in, digits out. A sender repeats each event's packets (Chromium
//! every 20 ms while the tone lasts, then its end packet three times), all with the RTP
//! timestamp of the event's start (§2.5.1.1), so an event is its timestamp: the first packet
//! with a new one is a new digit, whatever order or loss the rest see.

#[derive(Default)]
pub struct DtmfReceiver {
    last_event_ts: Option<u32>,
}

impl DtmfReceiver {
    /// One telephone-event payload (`event`, `E|R|volume`, `duration`), sent with RTP timestamp
    /// `ts`; the digit when it starts a new event.
    pub fn push(&mut self, ts: u32, payload: &[u8]) -> Option<char> {
        if payload.len() < 4 || self.last_event_ts == Some(ts) {
            return None;
        }
        self.last_event_ts = Some(ts);
        match payload[0] {
            e @ 0..=9 => Some((b'0' + e) as char),
            10 => Some('*'),
            11 => Some('#'),
            _ => None,
        }
    }
}
