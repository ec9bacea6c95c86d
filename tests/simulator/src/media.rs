//! The simulator's WebRTC peer, one per call: one codec (Opus or PCMU, see `codec.rs`) plus
//! telephone-event for DTMF; it plays a tone, measures what it hears (`meter.rs`), accepts an
//! ICE restart (`reoffer`), and its UDP can be cut for a while (`udp_fault.rs`).

use crate::codec::{Codec, Decoder, Encoder, ToneSource, FRAME_MS, MIME_TELEPHONE_EVENT};
use crate::meter::Meter;
use crate::sim::{now_ms, Sim};
use crate::udp_fault::FaultyUdp;
use anyhow::Result;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use webrtc::api::interceptor_registry::register_default_interceptors;
use webrtc::api::media_engine::MediaEngine;
use webrtc::api::setting_engine::SettingEngine;
use webrtc::api::APIBuilder;
use webrtc::ice::network_type::NetworkType;
use webrtc::ice::udp_mux::{UDPMux, UDPMuxDefault, UDPMuxParams};
use webrtc::ice::udp_network::UDPNetwork;
use webrtc::interceptor::registry::Registry;
use webrtc::media::Sample;
use webrtc::peer_connection::configuration::RTCConfiguration;
use webrtc::peer_connection::peer_connection_state::RTCPeerConnectionState;
use webrtc::peer_connection::sdp::session_description::RTCSessionDescription;
use webrtc::peer_connection::RTCPeerConnection;
use webrtc::track::track_local::track_local_static_sample::TrackLocalStaticSample;
use webrtc::track::track_local::TrackLocal;
use webrtc::track::track_remote::TrackRemote;
use webrtc::util::Conn;

/// The simulator's tone, as loud as a talker: -13 dBFS.
const TONE_AMPLITUDE: f64 = 0.3;

/// `<Echo/>` keeps at most this much of the caller's audio waiting to go back (ms): enough to
/// absorb the two sides' clocks drifting, short enough that the echo stays a prompt one.
const ECHO_BUFFER_MS: usize = 200;

/// What the peer sends: its tone, or (after `<Echo/>`) the audio it received, as it arrived.
type EchoBuffer = Arc<Mutex<Option<std::collections::VecDeque<i16>>>>;

#[derive(Default)]
pub struct RxStats {
    pub meter: Option<Meter>,
    pub dtmf: String,
    pub rtp_packets: u64,
    /// The codec of the audio packets received, as the RTP payload type maps it (`audio/opus`).
    pub codec: String,
    /// Audio packets that did not decode.
    pub decode_errors: u64,
    dtmf_rx: crate::dtmf_rx::DtmfReceiver,
}

pub struct MediaPeer {
    pub pc: Arc<RTCPeerConnection>,
    pub codec: Codec,
    pub stats: Arc<Mutex<RxStats>>,
    stop: Arc<AtomicBool>,
    pub tone_hz: Arc<Mutex<f64>>,
    /// `Some` once `<Echo/>` runs: decoded audio from the app, waiting to be sent back.
    echo: EchoBuffer,
    udp: Arc<FaultyUdp>,
    mux: Arc<UDPMuxDefault>,
}

impl MediaPeer {
    pub async fn new(
        sim: Arc<Sim>,
        call_sid: String,
        tone_hz: f64,
        codec: Codec,
    ) -> Result<Arc<MediaPeer>> {
        let mut m = MediaEngine::default();
        codec.register(&mut m)?;
        let mut registry = Registry::new();
        registry = register_default_interceptors(registry, &mut m)?;
        let udp = Arc::new(FaultyUdp::bind_loopback().await?);
        let mux = UDPMuxDefault::new(UDPMuxParams::new(SharedUdp(udp.clone())));
        let mut se = SettingEngine::default();
        // Twilio's media servers are ICE-lite; the browser sends the checks and nominates.
        se.set_lite(true);
        se.set_network_types(vec![NetworkType::Udp4]);
        se.set_include_loopback_candidate(true);
        // One socket on loopback, whose traffic a fault can cut; only its address is offered.
        se.set_udp_network(UDPNetwork::Muxed(mux.clone()));
        se.set_ip_filter(Box::new(|ip| ip.is_loopback()));
        let api = APIBuilder::new()
            .with_media_engine(m)
            .with_interceptor_registry(registry)
            .with_setting_engine(se)
            .build();
        let pc = Arc::new(api.new_peer_connection(RTCConfiguration::default()).await?);

        let track = Arc::new(TrackLocalStaticSample::new(
            codec.capability(),
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
        let echo: EchoBuffer = Arc::default();

        tokio::spawn(play_tone(
            sim.clone(),
            call_sid.clone(),
            codec,
            track,
            tone.clone(),
            echo.clone(),
            stop.clone(),
        ));

        {
            let stats = stats.clone();
            let sim2 = sim.clone();
            let sid = call_sid.clone();
            let stop = stop.clone();
            let echo = echo.clone();
            // Weak: the handler lives in the peer connection it reads the SDP of.
            let pc_weak = Arc::downgrade(&pc);
            pc.on_track(Box::new(move |track, _r, _t| {
                tokio::spawn(listen(
                    sim2.clone(),
                    sid.clone(),
                    codec,
                    pc_weak.clone(),
                    track,
                    stats.clone(),
                    echo.clone(),
                    stop.clone(),
                ));
                Box::pin(async {})
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
            codec,
            stats,
            stop,
            tone_hz: tone,
            echo,
            udp,
            mux,
        }))
    }

    /// Answer the SDK's offer (outgoing call from the app).
    pub async fn answer(&self, offer: &str) -> Result<String> {
        self.pc
            .set_remote_description(RTCSessionDescription::offer(offer.to_string())?)
            .await?;
        let answer = self.pc.create_answer(None).await?;
        self.set_local_and_gather(answer).await
    }

    /// Answer a new offer on the running call: the SDK's ICE restart (`reinvite`). The offer's
    /// new ICE credentials restart our agent, which then answers with new ones of its own.
    pub async fn reoffer(&self, offer: &str) -> Result<String> {
        self.answer(offer).await
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

    /// `<Echo/>`: from now on the peer sends back what it hears instead of its tone.
    pub fn start_echo(&self) {
        self.echo
            .lock()
            .unwrap()
            .get_or_insert_with(Default::default);
    }

    /// Cuts all of this call's UDP, both ways, for `d`.
    pub fn drop_media(&self, d: Duration) {
        self.udp.drop_for(d);
    }

    pub async fn close(&self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.pc.close().await;
        let _ = self.mux.close().await;
    }

    pub fn snapshot(&self, last: usize) -> serde_json::Value {
        let st = self.stats.lock().unwrap();
        let (windows, changes) = match &st.meter {
            Some(m) => {
                let n = m.windows.len();
                let w: Vec<_> = m.windows.iter().skip(n.saturating_sub(last)).collect();
                (json!(w), json!(m.changes))
            }
            None => (json!([]), json!([])),
        };
        json!({"codec_offered": self.codec.name(), "rtp_packets": st.rtp_packets, "dtmf": st.dtmf,
               "codec": st.codec, "decode_errors": st.decode_errors, "udp_dropped": self.udp.dropped(),
               "windows": windows, "heard_changes": changes})
    }
}

/// The mux owns its socket as a `Box<dyn Conn>`; the peer keeps a handle to switch the fault.
struct SharedUdp(Arc<FaultyUdp>);

#[async_trait::async_trait]
impl Conn for SharedUdp {
    async fn connect(&self, addr: std::net::SocketAddr) -> Result<(), webrtc::util::Error> {
        self.0.connect(addr).await
    }
    async fn recv(&self, buf: &mut [u8]) -> Result<usize, webrtc::util::Error> {
        self.0.recv(buf).await
    }
    async fn recv_from(
        &self,
        buf: &mut [u8],
    ) -> Result<(usize, std::net::SocketAddr), webrtc::util::Error> {
        self.0.recv_from(buf).await
    }
    async fn send(&self, buf: &[u8]) -> Result<usize, webrtc::util::Error> {
        self.0.send(buf).await
    }
    async fn send_to(
        &self,
        buf: &[u8],
        target: std::net::SocketAddr,
    ) -> Result<usize, webrtc::util::Error> {
        self.0.send_to(buf, target).await
    }
    fn local_addr(&self) -> Result<std::net::SocketAddr, webrtc::util::Error> {
        self.0.local_addr()
    }
    fn remote_addr(&self) -> Option<std::net::SocketAddr> {
        None
    }
    async fn close(&self) -> Result<(), webrtc::util::Error> {
        Ok(())
    }
    fn as_any(&self) -> &(dyn std::any::Any + Send + Sync) {
        self
    }
}

/// Plays the tone in 20 ms frames; logs `tone-sent` with the time of the first frame each time
/// the frequency changes, which is where the latency figures start.
async fn play_tone(
    sim: Arc<Sim>,
    call_sid: String,
    codec: Codec,
    track: Arc<TrackLocalStaticSample>,
    tone_hz: Arc<Mutex<f64>>,
    echo: EchoBuffer,
    stop: Arc<AtomicBool>,
) {
    let mut current = *tone_hz.lock().unwrap();
    let mut source = ToneSource::new(codec.clock_rate(), current, TONE_AMPLITUDE);
    let mut encoder = match Encoder::new(codec) {
        Ok(e) => e,
        Err(e) => {
            sim.log(
                "media-error",
                json!({"call_sid": call_sid, "error": e.to_string()}),
            );
            return;
        }
    };
    let mut tick = tokio::time::interval(Duration::from_millis(FRAME_MS.into()));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !stop.load(Ordering::Relaxed) {
        tick.tick().await;
        let f = *tone_hz.lock().unwrap();
        let changed = f != current;
        if changed {
            current = f;
            source.set_freq(f);
        }
        let frame = match echo.lock().unwrap().as_mut() {
            Some(heard) => {
                // What the app sent, as it came; silence while nothing is waiting.
                let n = codec.frame_samples().min(heard.len());
                let mut frame: Vec<i16> = heard.drain(..n).collect();
                frame.resize(codec.frame_samples(), 0);
                frame
            }
            None => source.next(codec.frame_samples()),
        };
        let payload = match encoder.encode(&frame) {
            Ok(p) => p,
            Err(e) => {
                sim.log(
                    "media-error",
                    json!({"call_sid": call_sid, "error": e.to_string()}),
                );
                return;
            }
        };
        let sent_at = now_ms();
        let _ = track
            .write_sample(&Sample {
                data: bytes::Bytes::from(payload),
                duration: Duration::from_millis(FRAME_MS.into()),
                ..Default::default()
            })
            .await;
        if changed {
            sim.log(
                "tone-sent",
                json!({"call_sid": call_sid, "hz": f, "t_ms": sent_at}),
            );
        }
    }
}

/// What the browser's RTP payload type `pt` carries, as its SDP maps it (`a=rtpmap:PT name/rate`),
/// as a mime type (`audio/opus`). The remote track's own codec is no help here: webrtc-rs only
/// updates it when the payload type changes from 0, so it stays empty for PCMU.
fn rtpmap_mime(sdp: &str, pt: u8) -> Option<String> {
    let prefix = format!("a=rtpmap:{pt} ");
    sdp.lines()
        .find_map(|l| l.trim_end().strip_prefix(prefix.as_str()))
        .and_then(|rest| rest.split('/').next())
        .map(|name| format!("audio/{name}"))
}

/// Reads the app's RTP: audio is decoded and measured (and queued to go back under
/// `<Echo/>`), telephone-events become digits.
#[allow(clippy::too_many_arguments)]
async fn listen(
    sim: Arc<Sim>,
    call_sid: String,
    codec: Codec,
    pc: std::sync::Weak<RTCPeerConnection>,
    track: Arc<TrackRemote>,
    stats: Arc<Mutex<RxStats>>,
    echo: EchoBuffer,
    stop: Arc<AtomicBool>,
) {
    let echo_cap = codec.clock_rate() as usize * ECHO_BUFFER_MS / 1000;
    let mime = track.codec().capability.mime_type.clone();
    sim.log("media-track", json!({"call_sid": call_sid, "codec": mime}));
    let mut decoder = match Decoder::new(codec) {
        Ok(d) => d,
        Err(e) => {
            sim.log(
                "media-error",
                json!({"call_sid": call_sid, "error": e.to_string()}),
            );
            return;
        }
    };
    stats.lock().unwrap().meter = Some(Meter::new(codec.clock_rate()));
    let mut errors = 0;
    let mut mimes: std::collections::HashMap<u8, String> = Default::default();
    while !stop.load(Ordering::Relaxed) {
        let pkt = match track.read_rtp().await {
            Ok((pkt, _)) => pkt,
            Err(_) => {
                errors += 1;
                if errors > 20 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        errors = 0;
        let arrived = now_ms();
        let pt = pkt.header.payload_type;
        let packet_mime = match mimes.entry(pt) {
            std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let Some(pc) = pc.upgrade() else { break };
                let sdp = pc
                    .remote_description()
                    .await
                    .map(|d| d.sdp)
                    .unwrap_or_default();
                let mime =
                    rtpmap_mime(&sdp, pt).unwrap_or_else(|| format!("unknown payload type {pt}"));
                e.insert(mime).clone()
            }
        };
        let mut digit = None;
        {
            let mut st = stats.lock().unwrap();
            st.rtp_packets += 1;
            if packet_mime.eq_ignore_ascii_case(MIME_TELEPHONE_EVENT) {
                digit = st.dtmf_rx.push(pkt.header.timestamp, &pkt.payload);
                if let Some(d) = digit {
                    st.dtmf.push(d);
                }
            } else {
                st.codec = packet_mime;
                match decoder.decode(&pkt.payload) {
                    Ok(pcm) => {
                        if let Some(heard) = echo.lock().unwrap().as_mut() {
                            heard.extend(pcm.iter().copied());
                            let over = heard.len().saturating_sub(echo_cap);
                            heard.drain(..over);
                        }
                        if let Some(m) = st.meter.as_mut() {
                            m.push(arrived, &pcm);
                        }
                    }
                    Err(_) => st.decode_errors += 1,
                }
            }
        }
        if let Some(d) = digit.filter(|_| sim.cfg.fault != "drop-dtmf") {
            sim.log(
                "dtmf",
                json!({"call_sid": call_sid, "digit": d.to_string(), "via": "rtp"}),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rtpmap_mime;

    #[test]
    fn payload_types_map_to_mime_types_as_the_sdp_says() {
        let sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0 126\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:126 telephone-event/8000\r\n";
        assert_eq!(rtpmap_mime(sdp, 111).as_deref(), Some("audio/opus"));
        assert_eq!(rtpmap_mime(sdp, 0).as_deref(), Some("audio/PCMU"));
        assert_eq!(
            rtpmap_mime(sdp, 126).as_deref(),
            Some("audio/telephone-event")
        );
        assert_eq!(rtpmap_mime(sdp, 1), None);
    }
}
