//! Connections between roles that run in the same process, made over an in-memory pipe
//! instead of a loopback socket.
//!
//! On the embedded default every role is one process, and a call from the gateway to the
//! artwork service crossed the kernel twice each way: a loopback TCP send, a readiness event
//! for the peer's socket, and, on two cores, as often as not a wake-up of a parked thread to
//! handle it: a large share of what the gateway added to a read (see BENCHMARKS.md). Here the
//! caller's HTTP/2 connection runs over a [`tokio::io::duplex`] pipe to the very server that
//! listens on the address it dialled, so the call is the same gRPC over HTTP/2 (framing, HPACK,
//! deadlines, trace headers, the server's whole stack) without the sockets.
//!
//! A server registers its listening address while it serves; a dial to an address registered
//! in this process gets a pipe, any other dial goes to the network. Roles in different
//! processes or machines are unaffected.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, DuplexStream, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tonic::transport::server::{Connected, TcpConnectInfo};

/// Bytes in flight each way before a writer waits: several HTTP/2 frames, so an upload's
/// 256 KiB messages cross in a few hand-offs.
const PIPE_BUFFER: usize = 256 * 1024;

struct Entry {
    id: u64,
    accept: mpsc::UnboundedSender<DuplexStream>,
}

static SERVERS: LazyLock<Mutex<HashMap<SocketAddr, Entry>>> = LazyLock::new(Default::default);
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn servers() -> std::sync::MutexGuard<'static, HashMap<SocketAddr, Entry>> {
    SERVERS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The addresses a dial may name to reach a listener bound to `addr`: the address itself, and
/// the loopback addresses when it is bound to every interface.
fn reachable_as(addr: SocketAddr) -> Vec<SocketAddr> {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => vec![
            addr,
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port()),
        ],
        IpAddr::V6(ip) if ip.is_unspecified() => vec![
            addr,
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port()),
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port()),
        ],
        _ => vec![addr],
    }
}

/// A server's registration; dials stop reaching it once this is dropped.
pub(crate) struct Listening {
    id: u64,
    addrs: Vec<SocketAddr>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        let mut servers = servers();
        for addr in &self.addrs {
            // A later server on the same address (a restart in the same process) keeps its own.
            if servers.get(addr).is_some_and(|e| e.id == self.id) {
                servers.remove(addr);
            }
        }
    }
}

/// Registers a server listening on `addr`: pipes dialled to it arrive on the receiver.
pub(crate) fn listen(addr: SocketAddr) -> (Listening, mpsc::UnboundedReceiver<DuplexStream>) {
    let (accept, accepted) = mpsc::unbounded_channel();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let addrs = reachable_as(addr);
    let mut servers = servers();
    for a in &addrs {
        servers.insert(
            *a,
            Entry {
                id,
                accept: accept.clone(),
            },
        );
    }
    (Listening { id, addrs }, accepted)
}

/// A pipe to the server of this process listening on `addr`, if there is one.
pub(crate) fn dial(addr: SocketAddr) -> Option<DuplexStream> {
    let mut servers = servers();
    let entry = servers.get(&addr)?;
    let (ours, theirs) = tokio::io::duplex(PIPE_BUFFER);
    if entry.accept.send(theirs).is_err() {
        // The server stopped accepting without unregistering yet: the network decides.
        servers.remove(&addr);
        return None;
    }
    Some(ours)
}

/// A connection a gRPC server accepted: from the network, or a pipe from this process.
pub(crate) enum Accepted {
    Tcp(TcpStream),
    Local {
        pipe: DuplexStream,
        local_addr: SocketAddr,
    },
}

impl Connected for Accepted {
    type ConnectInfo = TcpConnectInfo;

    fn connect_info(&self) -> TcpConnectInfo {
        match self {
            Self::Tcp(s) => s.connect_info(),
            // The peer is this host, as a loopback connection's would be (what the auth
            // service throttles by when the gateway does not vouch for a client address).
            Self::Local { local_addr, .. } => TcpConnectInfo {
                local_addr: Some(*local_addr),
                remote_addr: Some(SocketAddr::new(
                    if local_addr.is_ipv6() {
                        Ipv6Addr::LOCALHOST.into()
                    } else {
                        Ipv4Addr::LOCALHOST.into()
                    },
                    0,
                )),
            },
        }
    }
}

impl AsyncRead for Accepted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Tcp(s) => Pin::new(s).poll_read(cx, buf),
            Self::Local { pipe, .. } => Pin::new(pipe).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Accepted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Self::Tcp(s) => Pin::new(s).poll_write(cx, buf),
            Self::Local { pipe, .. } => Pin::new(pipe).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Self::Tcp(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Self::Local { pipe, .. } => Pin::new(pipe).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Self::Tcp(s) => s.is_write_vectored(),
            Self::Local { pipe, .. } => pipe.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Tcp(s) => Pin::new(s).poll_flush(cx),
            Self::Local { pipe, .. } => Pin::new(pipe).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Tcp(s) => Pin::new(s).poll_shutdown(cx),
            Self::Local { pipe, .. } => Pin::new(pipe).poll_shutdown(cx),
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[tokio::test]
    async fn a_dial_reaches_the_registered_server_until_it_stops() -> io::Result<()> {
        // Port numbers no test binds: registration alone decides here.
        let at = addr("127.0.0.1:1");
        assert!(dial(at).is_none(), "nothing registered yet");
        let (listening, mut accepted) = listen(at);
        let mut ours = dial(at).ok_or_else(|| io::Error::other("no pipe"))?;
        let mut theirs = accepted
            .recv()
            .await
            .ok_or_else(|| io::Error::other("nothing accepted"))?;
        ours.write_all(b"ping").await?;
        let mut got = [0u8; 4];
        theirs.read_exact(&mut got).await?;
        assert_eq!(&got, b"ping");
        drop(listening);
        assert!(dial(at).is_none(), "a stopped server is not dialled");
        Ok(())
    }

    #[tokio::test]
    async fn a_server_on_every_interface_is_reached_through_loopback() {
        let (_listening, _accepted) = listen(addr("0.0.0.0:2"));
        assert!(dial(addr("127.0.0.1:2")).is_some());
        assert!(
            dial(addr("10.0.0.1:2")).is_none(),
            "only this host's loopback"
        );
    }

    #[tokio::test]
    async fn a_restarted_server_keeps_its_registration_when_the_old_one_ends() {
        let at = addr("127.0.0.1:3");
        let (old, _a) = listen(at);
        let (_new, mut accepted) = listen(at);
        drop(old);
        assert!(dial(at).is_some());
        assert!(accepted.try_recv().is_ok(), "the new server got the pipe");
    }
}
