//! The UDP socket a call's media peer runs on, with a switch that drops every datagram both ways
//! for a while: RTP, RTCP, DTLS and the browser's STUN checks and consent alike, as when a Wi-Fi
//! link or a VPN drops. The peer's ICE agent muxes all its traffic over this one socket
//! (webrtc-rs `UDPMuxDefault`), so this is the one place such a fault can act.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use webrtc::util::{Conn, Error as UtilError};

pub struct FaultyUdp {
    socket: UdpSocket,
    /// Datagrams are dropped while `Instant::now()` is before this.
    drop_until: Mutex<Option<Instant>>,
    /// How many datagrams the fault has swallowed (both ways), for the control API.
    dropped: AtomicU64,
}

impl FaultyUdp {
    /// Binds a fresh socket on loopback: the simulator's media never leaves the machine.
    pub async fn bind_loopback() -> std::io::Result<FaultyUdp> {
        Ok(FaultyUdp {
            socket: UdpSocket::bind(("127.0.0.1", 0)).await?,
            drop_until: Mutex::new(None),
            dropped: AtomicU64::new(0),
        })
    }

    /// Drops everything from now for `d` (a new call replaces a running drop).
    pub fn drop_for(&self, d: Duration) {
        *self.drop_until.lock().unwrap() = Some(Instant::now() + d);
    }

    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    fn dropping(&self) -> bool {
        let mut until = self.drop_until.lock().unwrap();
        match *until {
            Some(t) if Instant::now() < t => true,
            Some(_) => {
                *until = None;
                false
            }
            None => false,
        }
    }
}

#[async_trait::async_trait]
impl Conn for FaultyUdp {
    async fn connect(&self, addr: SocketAddr) -> Result<(), UtilError> {
        Ok(self.socket.connect(addr).await?)
    }

    async fn recv(&self, buf: &mut [u8]) -> Result<usize, UtilError> {
        Ok(self.recv_from(buf).await?.0)
    }

    async fn recv_from(&self, buf: &mut [u8]) -> Result<(usize, SocketAddr), UtilError> {
        loop {
            let (n, from) = self.socket.recv_from(buf).await?;
            if !self.dropping() {
                return Ok((n, from));
            }
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    async fn send(&self, buf: &[u8]) -> Result<usize, UtilError> {
        if self.dropping() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return Ok(buf.len());
        }
        Ok(self.socket.send(buf).await?)
    }

    async fn send_to(&self, buf: &[u8], target: SocketAddr) -> Result<usize, UtilError> {
        // A lost datagram looks sent to the sender, as on a real network.
        if self.dropping() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return Ok(buf.len());
        }
        Ok(self.socket.send_to(buf, target).await?)
    }

    fn local_addr(&self) -> Result<SocketAddr, UtilError> {
        Ok(self.socket.local_addr()?)
    }

    fn remote_addr(&self) -> Option<SocketAddr> {
        None
    }

    async fn close(&self) -> Result<(), UtilError> {
        Ok(())
    }

    fn as_any(&self) -> &(dyn std::any::Any + Send + Sync) {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn drops_both_ways_while_on_then_passes_again() {
        let faulty = std::sync::Arc::new(FaultyUdp::bind_loopback().await.unwrap());
        let peer = UdpSocket::bind(("127.0.0.1", 0)).await.unwrap();
        let faulty_addr = Conn::local_addr(&*faulty).unwrap();
        let peer_addr = peer.local_addr().unwrap();

        faulty.drop_for(Duration::from_secs(3600));
        // The mux reads all the time; so does this reader, which must skip what the fault eats.
        let reader = {
            let faulty = faulty.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 64];
                let (n, from) = faulty.recv_from(&mut buf).await.unwrap();
                (buf[..n].to_vec(), from)
            })
        };
        assert_eq!(faulty.send_to(b"lost", peer_addr).await.unwrap(), 4);
        peer.send_to(b"lost too", faulty_addr).await.unwrap();
        // Bounded wait for the reader to have swallowed the incoming datagram.
        for _ in 0..500 {
            if faulty.dropped() == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(faulty.dropped(), 2, "one datagram each way is dropped");

        faulty.drop_for(Duration::ZERO);
        peer.send_to(b"after", faulty_addr).await.unwrap();
        let (got, from) = reader.await.unwrap();
        assert_eq!(got, b"after");
        assert_eq!(from, peer_addr);
        faulty.send_to(b"back", peer_addr).await.unwrap();
        // The first datagram the peer gets is the one sent after the fault.
        let mut buf = [0u8; 64];
        let (n, _) = peer.recv_from(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"back");
    }
}
