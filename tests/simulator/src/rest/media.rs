//! Recording audio: a WAV that carries a tone (so a player has something to play and a test
//! something to measure) and an MP3 of silent frames. Twilio's encodings are not reproduced;
//! the container and the length are.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Longest audio served, whatever the recording's duration says.
const MAX_SECONDS: u32 = 60;

/// The tone a simulated caller spoke into a recording (`<Record>`), by recording SID; seeded
/// recordings carry [`DEFAULT_HZ`].
static TONES: LazyLock<Mutex<HashMap<String, f64>>> = LazyLock::new(Default::default);
pub const DEFAULT_HZ: f64 = 440.0;

pub fn set_tone(recording_sid: &str, hz: f64) {
    TONES.lock().unwrap().insert(recording_sid.to_string(), hz);
}

pub fn tone_of(recording_sid: &str) -> f64 {
    TONES
        .lock()
        .unwrap()
        .get(recording_sid)
        .copied()
        .unwrap_or(DEFAULT_HZ)
}

/// 8 kHz, 16-bit mono PCM of a `hz` tone, `seconds` long.
pub fn wav(seconds: u32, hz: f64) -> Vec<u8> {
    let rate = 8000u32;
    let samples = rate * seconds.min(MAX_SECONDS);
    let data_len = samples * 2;
    let mut out = Vec::with_capacity(44 + data_len as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for i in 0..samples {
        let t = i as f64 / rate as f64;
        let s = (8000.0 * (2.0 * std::f64::consts::PI * hz * t).sin()) as i16;
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz mono, all-zero side information (silence).
pub fn mp3(seconds: u32) -> Vec<u8> {
    const FRAME: usize = 417; // 144 * 128000 / 44100
    let frames = (seconds.min(MAX_SECONDS) as usize * 44_100)
        .div_ceil(1152)
        .max(1);
    let mut out = Vec::with_capacity(frames * FRAME);
    for _ in 0..frames {
        out.extend_from_slice(&[0xFF, 0xFB, 0x90, 0xC0]);
        out.resize(out.len() + FRAME - 4, 0);
    }
    out
}
