//! What the simulator hears on a call: decoded audio at the codec's rate (48 kHz for Opus, 8 kHz
//! for PCMU) brought to 8 kHz, then measured two ways:
//! - **windows** of 200 ms (`g711::measure`: dominant frequency and level), what the tests use
//!   to say "the simulator hears the app's tone";
//! - **changes**: each time what one 20 ms packet carries (a tone of some frequency, or none)
//!   changes and holds for two packets, with the time the first such packet arrived. The
//!   latency figures come from these: tone onset sent by the page, onset arrived here.

use crate::g711;
use serde::Serialize;
use std::collections::VecDeque;

/// 200 ms at 8 kHz.
const WINDOW: usize = 1600;
const KEEP_WINDOWS: usize = 600;
const KEEP_CHANGES: usize = 200;
/// Packets come every 20 ms; none for this long is a gap in the audio (a media drop), which
/// counts as silence from just after the last packet, so the sound that resumes is a change.
const GAP_MS: f64 = 100.0;

/// Low-pass taps for 48 kHz → 8 kHz: windowed sinc (Hamming), cut-off 3.4 kHz, unity gain at DC,
/// so what is above the 4 kHz Nyquist limit of 8 kHz does not fold back as a false tone.
fn lowpass_taps() -> Vec<f64> {
    const N: usize = 61;
    let fc = 3400.0 / 48_000.0;
    let mid = (N - 1) as f64 / 2.0;
    let mut h: Vec<f64> = (0..N)
        .map(|i| {
            let x = i as f64 - mid;
            let sinc = if x == 0.0 {
                2.0 * fc
            } else {
                (std::f64::consts::TAU * fc * x).sin() / (std::f64::consts::PI * x)
            };
            let window = 0.54 - 0.46 * (std::f64::consts::TAU * i as f64 / (N - 1) as f64).cos();
            sinc * window
        })
        .collect();
    let sum: f64 = h.iter().sum();
    h.iter_mut().for_each(|t| *t /= sum);
    h
}

/// Streaming 6:1 decimator; keeps its history across packets so packet edges add no clicks.
pub struct Decimator {
    taps: Vec<f64>,
    history: VecDeque<f64>,
    phase: usize,
}

impl Default for Decimator {
    fn default() -> Self {
        let taps = lowpass_taps();
        Decimator {
            history: VecDeque::from(vec![0.0; taps.len()]),
            taps,
            phase: 0,
        }
    }
}

impl Decimator {
    pub fn push(&mut self, input: &[i16]) -> Vec<i16> {
        let mut out = Vec::with_capacity(input.len() / 6 + 1);
        for &s in input {
            self.history.pop_front();
            self.history.push_back(s as f64);
            self.phase += 1;
            if self.phase == 6 {
                self.phase = 0;
                let y: f64 = self
                    .taps
                    .iter()
                    .zip(self.history.iter().rev())
                    .map(|(t, x)| t * x)
                    .sum();
                out.push(y.round().clamp(-32768.0, 32767.0) as i16);
            }
        }
        out
    }
}

#[cfg(test)]
pub fn decimate_48k_to_8k(input: &[i16]) -> Vec<i16> {
    Decimator::default().push(input)
}

#[derive(Debug, Clone, Serialize)]
pub struct Window {
    pub t_ms: f64,
    pub freq: Option<f64>,
    pub level_db: f64,
}

/// A change in what the packets carry: from `t_ms` (the first packet's arrival) on, a tone of
/// `freq` Hz, or none.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub t_ms: f64,
    pub freq: Option<f64>,
}

/// Two packets' readings are the same sound: both silent, or tones within 30 Hz (a 20 ms packet
/// resolves frequency to about ±25 Hz).
fn same_sound(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 30.0,
        _ => false,
    }
}

#[derive(Default)]
pub struct Meter {
    decimator: Option<Decimator>,
    buf: Vec<i16>,
    pub windows: VecDeque<Window>,
    pub changes: VecDeque<Change>,
    /// What the last confirmed change says is playing.
    current: Option<Option<f64>>,
    /// A packet that differed from `current`, waiting for a second one to agree.
    candidate: Option<(f64, Option<f64>)>,
    last_arrival: Option<f64>,
}

impl Meter {
    /// `rate` is the decoded audio's: 48000 runs it through the decimator, 8000 does not.
    pub fn new(rate: u32) -> Meter {
        Meter {
            decimator: (rate == 48_000).then(Decimator::default),
            ..Default::default()
        }
    }

    /// One packet's decoded audio, arrived at `t_ms`.
    pub fn push(&mut self, t_ms: f64, pcm: &[i16]) {
        if let Some(last) = self.last_arrival.filter(|last| t_ms - last > GAP_MS) {
            if self.current != Some(None) {
                self.record(last + 20.0, None);
            }
            self.candidate = None;
        }
        self.last_arrival = Some(t_ms);
        let pcm8k = match &mut self.decimator {
            Some(d) => d.push(pcm),
            None => pcm.to_vec(),
        };
        if !pcm8k.is_empty() {
            self.track_change(t_ms, g711::measure(&pcm8k).0);
        }
        self.buf.extend(pcm8k);
        while self.buf.len() >= WINDOW {
            let block: Vec<i16> = self.buf.drain(..WINDOW).collect();
            let (freq, level_db) = g711::measure(&block);
            self.windows.push_back(Window {
                t_ms,
                freq,
                level_db,
            });
            if self.windows.len() > KEEP_WINDOWS {
                self.windows.pop_front();
            }
        }
    }

    fn track_change(&mut self, t_ms: f64, heard: Option<f64>) {
        if self.current.is_some_and(|c| same_sound(c, heard)) {
            self.candidate = None;
            return;
        }
        match self.candidate {
            Some((first_t, first)) if same_sound(first, heard) => {
                self.record(first_t, first);
                self.candidate = None;
            }
            _ => self.candidate = Some((t_ms, heard)),
        }
    }

    fn record(&mut self, t_ms: f64, freq: Option<f64>) {
        self.current = Some(freq);
        self.changes.push_back(Change { t_ms, freq });
        if self.changes.len() > KEEP_CHANGES {
            self.changes.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::ToneSource;

    #[test]
    fn the_decimator_keeps_a_voice_band_tone_and_removes_what_would_fold_back() {
        let tone = ToneSource::new(48_000, 440.0, 0.3).next(48_000);
        let out = decimate_48k_to_8k(&tone);
        assert_eq!(out.len(), 8000);
        let (freq, level) = g711::measure(&out[4000..5600]);
        assert_eq!(freq, Some(440.0));
        assert!(
            (level - 20.0 * (0.3f64 / 2f64.sqrt()).log10()).abs() < 1.0,
            "level {level}"
        );
        // 7.56 kHz would fold to 440 Hz without the low-pass.
        let high = ToneSource::new(48_000, 7560.0, 0.3).next(48_000);
        let (freq, level) = g711::measure(&decimate_48k_to_8k(&high)[4000..5600]);
        assert_eq!(freq, None, "folded tone at {level} dB");
    }

    #[test]
    fn a_change_is_dated_by_its_first_packet_once_a_second_agrees() {
        let mut m = Meter::new(48_000);
        let mut src = ToneSource::new(48_000, 0.0, 0.3);
        let mut t = 0.0;
        let mut feed = |m: &mut Meter, src: &mut ToneSource, n: usize| {
            for _ in 0..n {
                m.push(t, &src.next(960));
                t += 20.0;
            }
        };
        feed(&mut m, &mut src, 10);
        src.set_freq(660.0);
        feed(&mut m, &mut src, 10);
        src.set_freq(0.0);
        feed(&mut m, &mut src, 10);
        let changes: Vec<(f64, Option<f64>)> = m.changes.iter().map(|c| (c.t_ms, c.freq)).collect();
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert_eq!(changes[0].1, None);
        // The tone starts in the packet sent at 200 ms; the filter's 0.6 ms delay does not move
        // it to another packet.
        assert_eq!(changes[1].0, 200.0);
        assert!((changes[1].1.unwrap() - 660.0).abs() <= 30.0, "{changes:?}");
        assert_eq!(changes[2], (400.0, None));
    }

    #[test]
    fn a_gap_in_the_packets_is_silence_and_the_sound_after_it_a_change() {
        let mut m = Meter::new(8000);
        let mut src = ToneSource::new(8000, 440.0, 0.3);
        for i in 0..5 {
            m.push(i as f64 * 20.0, &src.next(160));
        }
        // 3 s without a packet, then the same tone again.
        for i in 0..5 {
            m.push(3080.0 + i as f64 * 20.0, &src.next(160));
        }
        let changes: Vec<(f64, bool)> = m
            .changes
            .iter()
            .map(|c| (c.t_ms, c.freq.is_some()))
            .collect();
        assert_eq!(changes, vec![(0.0, true), (100.0, false), (3080.0, true)]);
    }

    #[test]
    fn a_single_odd_packet_is_not_a_change() {
        let mut m = Meter::new(8000);
        let mut src = ToneSource::new(8000, 440.0, 0.3);
        for i in 0..10 {
            let pcm = if i == 5 { vec![0; 160] } else { src.next(160) };
            m.push(i as f64 * 20.0, &pcm);
        }
        assert_eq!(m.changes.len(), 1);
    }
}
