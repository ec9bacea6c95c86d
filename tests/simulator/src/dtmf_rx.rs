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

#[cfg(test)]
mod tests {
    use super::*;

    /// Chromium's packets for one event at 8 kHz: updates every 20 ms while the tone lasts
    /// (160 ms), then the end packet (E bit) three times, all with the event's start timestamp.
    fn event(code: u8, ts: u32) -> Vec<(u32, [u8; 4])> {
        let packet = |end: bool, samples: u16| {
            let [hi, lo] = samples.to_be_bytes();
            [code, if end { 0x80 | 10 } else { 10 }, hi, lo]
        };
        let mut out: Vec<(u32, [u8; 4])> =
            (1..=8u16).map(|i| (ts, packet(false, i * 160))).collect();
        out.extend((0..3).map(|_| (ts, packet(true, 1280))));
        out
    }

    #[test]
    fn back_to_back_events_are_each_one_digit() {
        // `15#*` with no gap at all between events (closer than any sender spaces them), each
        // end packet repeated: four digits, once each, in order.
        let mut rx = DtmfReceiver::default();
        let mut ts = 1000u32;
        let mut got = String::new();
        for code in [1u8, 5, 11, 10] {
            for (t, p) in event(code, ts) {
                got.extend(rx.push(t, &p));
            }
            ts += 1280;
        }
        assert_eq!(got, "15#*");
    }

    #[test]
    fn the_same_digit_twice_is_two_events_and_a_late_duplicate_is_none() {
        let mut rx = DtmfReceiver::default();
        let mut got = String::new();
        for (t, p) in event(5, 0).into_iter().chain(event(5, 1280 + 400)) {
            got.extend(rx.push(t, &p));
        }
        assert_eq!(got, "55");
        // A short or unknown payload is no digit.
        assert_eq!(rx.push(9999, &[1, 2]), None);
        assert_eq!(rx.push(10_000, &[16, 0x80, 0, 0]), None);
    }
}
