//! The audio codecs a call can run on, as Twilio's media servers offer them: Opus (48 kHz, the
//! Voice SDK's first preference) and PCMU (G.711 µ-law, 8 kHz), each with RFC 4733
//! telephone-event at its own clock rate for DTMF. Opus goes through libopus (Debian's
//! `libopus-dev`, via the `opus` crate); µ-law through `g711.rs`.

use crate::g711;
use anyhow::{anyhow, Result};
use webrtc::api::media_engine::{MediaEngine, MIME_TYPE_OPUS, MIME_TYPE_PCMU};
use webrtc::rtp_transceiver::rtp_codec::{
    RTCRtpCodecCapability, RTCRtpCodecParameters, RTPCodecType,
};

pub const MIME_TELEPHONE_EVENT: &str = "audio/telephone-event";

/// 20 ms frames, as Twilio and Chromium send.
pub const FRAME_MS: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Opus,
    Pcmu,
}

impl Codec {
    /// `opus` or `pcmu` (any case), as the control API and `--codec` take it.
    pub fn parse(name: &str) -> Result<Codec, String> {
        match name.to_ascii_lowercase().as_str() {
            "opus" => Ok(Codec::Opus),
            "pcmu" => Ok(Codec::Pcmu),
            other => Err(format!(
                "unknown codec {other:?}: the simulator speaks \"opus\" or \"pcmu\""
            )),
        }
    }

    /// The name the SDK's samples and `getStats()` use (`codecName`, the mime subtype).
    pub fn name(self) -> &'static str {
        match self {
            Codec::Opus => "opus",
            Codec::Pcmu => "PCMU",
        }
    }

    pub fn clock_rate(self) -> u32 {
        match self {
            Codec::Opus => 48_000,
            Codec::Pcmu => 8_000,
        }
    }

    /// Samples in one frame at the codec's own rate.
    pub fn frame_samples(self) -> usize {
        (self.clock_rate() * FRAME_MS / 1000) as usize
    }

    pub fn capability(self) -> RTCRtpCodecCapability {
        match self {
            // RFC 7587: always `opus/48000/2` in SDP, whatever is sent.
            Codec::Opus => RTCRtpCodecCapability {
                mime_type: MIME_TYPE_OPUS.to_owned(),
                clock_rate: 48_000,
                channels: 2,
                sdp_fmtp_line: "minptime=10;useinbandfec=1".to_owned(),
                rtcp_feedback: vec![],
            },
            Codec::Pcmu => RTCRtpCodecCapability {
                mime_type: MIME_TYPE_PCMU.to_owned(),
                clock_rate: 8_000,
                channels: 0,
                sdp_fmtp_line: String::new(),
                rtcp_feedback: vec![],
            },
        }
    }

    /// Registers this codec and the telephone-event at its clock rate, and nothing else: what
    /// the media engine knows is all a peer offers or accepts, so the call runs on this codec.
    pub fn register(self, m: &mut MediaEngine) -> Result<()> {
        let (payload_type, event_pt) = match self {
            // Chromium's numbers, so an offer from us looks like an offer from a browser.
            Codec::Opus => (111, 110),
            Codec::Pcmu => (0, 126),
        };
        m.register_codec(
            RTCRtpCodecParameters {
                capability: self.capability(),
                payload_type,
                ..Default::default()
            },
            RTPCodecType::Audio,
        )?;
        m.register_codec(
            RTCRtpCodecParameters {
                capability: RTCRtpCodecCapability {
                    mime_type: MIME_TELEPHONE_EVENT.to_owned(),
                    clock_rate: self.clock_rate(),
                    channels: 0,
                    sdp_fmtp_line: "0-15".to_owned(),
                    rtcp_feedback: vec![],
                },
                payload_type: event_pt,
                ..Default::default()
            },
            RTPCodecType::Audio,
        )?;
        Ok(())
    }
}

/// Turns 20 ms of mono PCM at the codec's rate into one RTP payload.
pub enum Encoder {
    Opus(opus::Encoder),
    Pcmu,
}

impl Encoder {
    pub fn new(codec: Codec) -> Result<Encoder> {
        Ok(match codec {
            Codec::Opus => Encoder::Opus(
                opus::Encoder::new(48_000, opus::Channels::Mono, opus::Application::Voip)
                    .map_err(|e| anyhow!("libopus encoder: {e}"))?,
            ),
            Codec::Pcmu => Encoder::Pcmu,
        })
    }

    pub fn encode(&mut self, pcm: &[i16]) -> Result<Vec<u8>> {
        match self {
            // 4000 bytes is libopus's recommended maximum packet size.
            Encoder::Opus(e) => e
                .encode_vec(pcm, 4000)
                .map_err(|e| anyhow!("libopus encode: {e}")),
            Encoder::Pcmu => Ok(pcm.iter().map(|&s| g711::ulaw_encode(s)).collect()),
        }
    }
}

/// Turns one RTP payload back into mono PCM at the codec's rate.
pub enum Decoder {
    Opus(opus::Decoder, Vec<i16>),
    Pcmu,
}

impl Decoder {
    pub fn new(codec: Codec) -> Result<Decoder> {
        Ok(match codec {
            // Mono output: libopus downmixes a stereo stream by itself. 120 ms is the longest
            // Opus packet.
            Codec::Opus => Decoder::Opus(
                opus::Decoder::new(48_000, opus::Channels::Mono)
                    .map_err(|e| anyhow!("libopus decoder: {e}"))?,
                vec![0; 5760],
            ),
            Codec::Pcmu => Decoder::Pcmu,
        })
    }

    pub fn decode(&mut self, payload: &[u8]) -> Result<Vec<i16>> {
        match self {
            Decoder::Opus(d, buf) => {
                let n = d
                    .decode(payload, buf, false)
                    .map_err(|e| anyhow!("libopus decode: {e}"))?;
                Ok(buf[..n].to_vec())
            }
            Decoder::Pcmu => Ok(payload.iter().map(|&b| g711::ulaw_decode(b)).collect()),
        }
    }
}

/// A phase-continuous sine at any sample rate; 0 Hz is silence.
pub struct ToneSource {
    rate: f64,
    freq: f64,
    phase: f64,
    amplitude: f64,
}

impl ToneSource {
    pub fn new(rate: u32, freq: f64, amplitude: f64) -> ToneSource {
        ToneSource {
            rate: rate as f64,
            freq,
            phase: 0.0,
            amplitude,
        }
    }

    pub fn set_freq(&mut self, freq: f64) {
        self.freq = freq;
    }

    pub fn next(&mut self, n: usize) -> Vec<i16> {
        if self.freq <= 0.0 {
            return vec![0; n];
        }
        let step = std::f64::consts::TAU * self.freq / self.rate;
        (0..n)
            .map(|_| {
                let v = (self.phase.sin() * self.amplitude * 32767.0) as i16;
                self.phase = (self.phase + step) % std::f64::consts::TAU;
                v
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opus_round_trip_keeps_the_tone() {
        // libopus itself is the oracle: what its encoder makes, its decoder must give back as
        // the same tone, at 48 kHz, after the codec's start-up delay.
        let mut tone = ToneSource::new(48_000, 440.0, 0.3);
        let mut enc = Encoder::new(Codec::Opus).unwrap();
        let mut dec = Decoder::new(Codec::Opus).unwrap();
        let mut pcm = Vec::new();
        for _ in 0..25 {
            let packet = enc.encode(&tone.next(Codec::Opus.frame_samples())).unwrap();
            assert!(packet.len() < 400, "a 20 ms voice packet is small");
            let out = dec.decode(&packet).unwrap();
            assert_eq!(out.len(), 960);
            pcm.extend(out);
        }
        let tail = crate::meter::decimate_48k_to_8k(&pcm[pcm.len() - 9600..]);
        let (freq, level) = g711::measure(&tail[tail.len() - 1600..]);
        assert_eq!(freq, Some(440.0));
        assert!(level > -20.0, "level {level}");
    }

    #[test]
    fn pcmu_frames_are_160_bytes_and_silence_is_0xff() {
        let mut enc = Encoder::new(Codec::Pcmu).unwrap();
        let frame = enc.encode(&vec![0; Codec::Pcmu.frame_samples()]).unwrap();
        assert_eq!(frame.len(), 160);
        assert!(frame.iter().all(|&b| b == 0xFF));
    }

    #[test]
    fn codec_names_parse_and_refuse_others() {
        assert_eq!(Codec::parse("OPUS"), Ok(Codec::Opus));
        assert_eq!(Codec::parse("pcmu"), Ok(Codec::Pcmu));
        assert!(Codec::parse("g722")
            .unwrap_err()
            .contains("\"opus\" or \"pcmu\""));
    }
}
