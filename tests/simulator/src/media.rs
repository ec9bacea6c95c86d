//! The simulator's WebRTC peer: PCMU only (plus telephone-event for DTMF), plays a tone, measures what it hears.

use crate::g711;
use crate::sim::Sim;
use anyhow::Result;
use serde::Serialize;
use serde_json::json;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use webrtc::api::interceptor_registry::register_default_interceptors;
use webrtc::api::media_engine::{MediaEngine, MIME_TYPE_PCMU};
use webrtc::api::setting_engine::SettingEngine;
use webrtc::api::APIBuilder;
use webrtc::ice::network_type::NetworkType;
use webrtc::interceptor::registry::Registry;
use webrtc::media::Sample;
use webrtc::peer_connection::configuration::RTCConfiguration;
use webrtc::peer_connection::peer_connection_state::RTCPeerConnectionState;
use webrtc::peer_connection::sdp::session_description::RTCSessionDescription;
use webrtc::peer_connection::RTCPeerConnection;
use webrtc::rtp_transceiver::rtp_codec::{
    RTCRtpCodecCapability, RTCRtpCodecParameters, RTPCodecType,
};
use webrtc::track::track_local::track_local_static_sample::TrackLocalStaticSample;
use webrtc::track::track_local::TrackLocal;

const WINDOW: usize = 1600; // 200 ms at 8 kHz

#[derive(Debug, Clone, Serialize)]
pub struct Window {
    pub t_ms: f64,
    pub freq: Option<f64>,
    pub level_db: f64,
}

#[derive(Default)]
pub struct RxStats {
    pub windows: VecDeque<Window>,
    pub dtmf: String,
    pub rtp_packets: u64,
    pub codec: String,
    last_event_ts: Option<u32>,
    buf: Vec<i16>,
}

pub struct MediaPeer {
    pub pc: Arc<RTCPeerConnection>,
    pub stats: Arc<Mutex<RxStats>>,
    stop: Arc<AtomicBool>,
    pub tone_hz: Arc<Mutex<f64>>,
}

impl MediaPeer {
    pub async fn new(sim: Arc<Sim>, call_sid: String, tone_hz: f64) -> Result<Arc<MediaPeer>> {
        let mut m = MediaEngine::default();
        m.register_codec(
            RTCRtpCodecParameters {
                capability: RTCRtpCodecCapability {
                    mime_type: MIME_TYPE_PCMU.to_owned(),
                    clock_rate: 8000,
                    channels: 0,
                    sdp_fmtp_line: String::new(),
                    rtcp_feedback: vec![],
                },
                payload_type: 0,
                ..Default::default()
            },
            RTPCodecType::Audio,
        )?;
        m.register_codec(
            RTCRtpCodecParameters {
                capability: RTCRtpCodecCapability {
                    mime_type: "audio/telephone-event".to_owned(),
                    clock_rate: 8000,
                    channels: 0,
                    sdp_fmtp_line: "0-15".to_owned(),
                    rtcp_feedback: vec![],
                },
                payload_type: 101,
                ..Default::default()
            },
            RTPCodecType::Audio,
        )?;
        let mut registry = Registry::new();
        registry = register_default_interceptors(registry, &mut m)?;
        let mut se = SettingEngine::default();
        // Twilio's media servers are ICE-lite; the browser sends the checks and nominates.
        se.set_lite(true);
        se.set_network_types(vec![NetworkType::Udp4]);
        se.set_include_loopback_candidate(true);
        let api = APIBuilder::new()
            .with_media_engine(m)
            .with_interceptor_registry(registry)
            .with_setting_engine(se)
            .build();
        let pc = Arc::new(api.new_peer_connection(RTCConfiguration::default()).await?);

        let track = Arc::new(TrackLocalStaticSample::new(
            RTCRtpCodecCapability {
                mime_type: MIME_TYPE_PCMU.to_owned(),
                clock_rate: 8000,
                ..Default::default()
            },
            "audio".to_owned(),
            "twilio-sim".to_owned(),
        ));
        let sender = pc
            .add_track(Arc::clone(&track) as Arc<dyn TrackLocal + Send + Sync>)
            .await?;
        tokio::spawn(async move {
            let mut buf = vec![0u8; 1500];
            while sender.read(&mut buf).await.is_ok() {}
        });

        let stop = Arc::new(AtomicBool::new(false));
        let tone = Arc::new(Mutex::new(tone_hz));
        let stats = Arc::new(Mutex::new(RxStats::default()));

        // Tone writer: 20 ms PCMU frames.
        {
            let stop = stop.clone();
            let track = track.clone();
            let tone_hz = tone.clone();
            tokio::spawn(async move {
                let mut current = *tone_hz.lock().unwrap();
                let mut gen = g711::Tone::new(current, 0.3);
                let mut tick = tokio::time::interval(Duration::from_millis(20));
                while !stop.load(Ordering::Relaxed) {
                    tick.tick().await;
                    let f = *tone_hz.lock().unwrap();
                    if f != current {
                        current = f;
                        gen = g711::Tone::new(f, 0.3);
                    }
                    let data = if current > 0.0 {
                        gen.next_ulaw(160)
                    } else {
                        vec![0xFF; 160]
                    };
                    let _ = track
                        .write_sample(&Sample {
                            data: bytes::Bytes::from(data),
                            duration: Duration::from_millis(20),
                            ..Default::default()
                        })
                        .await;
                }
            });
        }

        {
            let stats = stats.clone();
            let sim2 = sim.clone();
            let sid = call_sid.clone();
            let stop = stop.clone();
            pc.on_track(Box::new(move |track, _r, _t| {
                let stats = stats.clone();
                let sim = sim2.clone();
                let sid = sid.clone();
                let stop = stop.clone();
                Box::pin(async move {
                    let codec = track.codec().capability.mime_type.clone();
                    sim.log("media-track", json!({"call_sid": sid, "codec": codec}));
                    stats.lock().unwrap().codec = codec;
                    let mut errors = 0;
                    while !stop.load(Ordering::Relaxed) {
                        match track.read_rtp().await {
                            Ok((pkt, _)) => {
                                errors = 0;
                                let pt = pkt.header.payload_type;
                                let mut digit = None;
                                {
                                    let mut st = stats.lock().unwrap();
                                    st.rtp_packets += 1;
                                    if pt == 0 {
                                        st.buf.extend(pkt.payload.iter().map(|&b| g711::ulaw_decode(b)));
                                        while st.buf.len() >= WINDOW {
                                            let block: Vec<i16> = st.buf.drain(..WINDOW).collect();
                                            let (freq, level_db) = g711::measure(&block);
                                            st.windows.push_back(Window { t_ms: crate::sim::now_ms(), freq, level_db });
                                            if st.windows.len() > 600 {
                                                st.windows.pop_front();
                                            }
                                        }
                                    } else if pkt.payload.len() >= 4 {
                                        // RFC 4733 telephone-event: one event per RTP timestamp.
                                        let ts = pkt.header.timestamp;
                                        if st.last_event_ts != Some(ts) {
                                            st.last_event_ts = Some(ts);
                                            let d = match pkt.payload[0] {
                                                e @ 0..=9 => Some((b'0' + e) as char),
                                                10 => Some('*'),
                                                11 => Some('#'),
                                                _ => None,
                                            };
                                            if let Some(d) = d {
                                                st.dtmf.push(d);
                                                digit = Some(d);
                                            }
                                        }
                                    }
                                }
                                if let Some(d) = digit.filter(|_| sim.cfg.fault != "drop-dtmf") {
                                    sim.log("dtmf", json!({"call_sid": sid, "digit": d.to_string(), "via": "rtp"}));
                                }
                            }
                            Err(_) => {
                                errors += 1;
                                if errors > 20 {
                                    break;
                                }
                                tokio::time::sleep(Duration::from_millis(10)).await;
                            }
                        }
                    }
                })
            }));
        }

        {
            let sim = sim.clone();
            let sid = call_sid.clone();
            pc.on_peer_connection_state_change(Box::new(move |s: RTCPeerConnectionState| {
                sim.log(
                    "media-state",
                    json!({"call_sid": sid, "state": s.to_string()}),
                );
                Box::pin(async {})
            }));
        }

        Ok(Arc::new(MediaPeer {
            pc,
            stats,
            stop,
            tone_hz: tone,
        }))
    }

    /// Answer an offer from the SDK (outgoing call from the app). Returns the full answer SDP.
    pub async fn answer(&self, offer: &str) -> Result<String> {
        self.pc
            .set_remote_description(RTCSessionDescription::offer(offer.to_string())?)
            .await?;
        let answer = self.pc.create_answer(None).await?;
        self.set_local_and_gather(answer).await
    }

    /// Make an offer for the SDK (incoming call to the app).
    pub async fn offer(&self) -> Result<String> {
        let offer = self.pc.create_offer(None).await?;
        self.set_local_and_gather(offer).await
    }

    /// Sets our side of the session and waits for every ICE candidate, so the SDP we hand
    /// over is complete (the simulator does no trickle ICE).
    async fn set_local_and_gather(&self, description: RTCSessionDescription) -> Result<String> {
        let mut gathered = self.pc.gathering_complete_promise().await;
        self.pc.set_local_description(description).await?;
        let _ = gathered.recv().await;
        Ok(self
            .pc
            .local_description()
            .await
            .map(|d| d.sdp)
            .unwrap_or_default())
    }

    pub async fn accept_answer(&self, sdp: &str) -> Result<()> {
        self.pc
            .set_remote_description(RTCSessionDescription::answer(sdp.to_string())?)
            .await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.pc.close().await;
    }

    pub fn snapshot(&self, last: usize) -> serde_json::Value {
        let st = self.stats.lock().unwrap();
        let n = st.windows.len();
        let w: Vec<&Window> = st.windows.iter().skip(n.saturating_sub(last)).collect();
        json!({"rtp_packets": st.rtp_packets, "dtmf": st.dtmf, "codec": st.codec, "windows": w})
    }
}
