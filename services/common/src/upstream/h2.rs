//! How a call reaches one replica: in memory when the replica is a role of this very process
//! (`crate::local`), else over an HTTP/2 connection driven directly. A call is put on the
//! connection from the caller's own task; tonic's `Channel` puts a buffer task between the
//! two, one more hand-off between threads each way on every call, which on two cores was a
//! visible share of what the gateway adds to a read. The connection is made on first use,
//! made again once it has closed, and one caller at a time makes it.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use http::uri::{Authority, PathAndQuery, Scheme};
use hyper::client::conn::http2::{self, SendRequest};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tonic::body::Body;
use tonic::transport::Channel;
use tower_service::Service;

use crate::local::LocalServer;

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Response = http::Response<Body>;
type Pending = Pin<Box<dyn Future<Output = Result<Response, BoxError>> + Send>>;

/// What a replica's calls travel over.
#[derive(Debug, Clone)]
pub enum Transport {
    /// Our own connection to a plain-text replica.
    Direct(Connection),
    /// A channel built elsewhere (tests, tools) or a TLS endpoint.
    Channel(Channel),
}

impl Service<http::Request<Body>> for Transport {
    type Response = Response;
    type Error = BoxError;
    type Future = Pending;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        match self {
            // Readiness is the connection's, awaited in the call.
            Self::Direct(_) => Poll::Ready(Ok(())),
            Self::Channel(c) => c.poll_ready(cx).map_err(Into::into),
        }
    }

    fn call(&mut self, req: http::Request<Body>) -> Pending {
        match self {
            Self::Direct(c) => {
                let c = c.clone();
                Box::pin(async move { c.send(req).await })
            }
            Self::Channel(c) => {
                let call = c.call(req);
                Box::pin(async move { call.await.map_err(Into::into) })
            }
        }
    }
}

/// A lazily made HTTP/2 connection to one address; cheap to clone.
#[derive(Debug, Clone)]
pub struct Connection {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    addr: SocketAddr,
    authority: Authority,
    connect_timeout: Duration,
    /// Whether a server of this process listening on `addr` is called in memory.
    local_calls: bool,
    local: Mutex<LocalSlot>,
    current: Mutex<Option<SendRequest<Body>>>,
    /// Held while connecting, so a burst of first calls makes one connection.
    connecting: tokio::sync::Mutex<()>,
}

/// The server of this process at a connection's address, as last looked up.
#[derive(Default)]
struct LocalSlot {
    server: Option<Arc<LocalServer>>,
    /// The registration generation of the last look-up: none is repeated until it changes.
    looked_up: Option<u64>,
}

impl std::fmt::Debug for LocalSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalSlot")
            .field("in_process", &self.server.is_some())
            .finish()
    }
}

/// gRPC clients name themselves (the gRPC over HTTP/2 spec asks for it).
const USER_AGENT: http::HeaderValue = http::HeaderValue::from_static("artstation-upstream");

impl Connection {
    pub fn new(
        addr: SocketAddr,
        connect_timeout: Duration,
        local_calls: bool,
    ) -> Result<Self, BoxError> {
        let authority = Authority::try_from(addr.to_string())?;
        Ok(Self {
            inner: Arc::new(Inner {
                addr,
                authority,
                connect_timeout,
                local_calls,
                local: Mutex::new(LocalSlot::default()),
                current: Mutex::new(None),
                connecting: tokio::sync::Mutex::new(()),
            }),
        })
    }

    /// The server of this process listening on the address, while it serves.
    fn local_server(&self) -> Option<Arc<LocalServer>> {
        if !self.inner.local_calls {
            return None;
        }
        let mut slot = self
            .inner
            .local
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(server) = &slot.server {
            if server.is_serving() {
                return Some(server.clone());
            }
            slot.server = None;
        }
        let generation = crate::local::generation();
        if slot.looked_up == Some(generation) {
            return None;
        }
        slot.looked_up = Some(generation);
        slot.server = crate::local::find(self.inner.addr);
        slot.server.clone()
    }

    /// The open connection's sender, if there is one.
    fn open(&self) -> Option<SendRequest<Body>> {
        let current = self
            .inner
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        current.as_ref().filter(|s| !s.is_closed()).cloned()
    }

    async fn sender(&self) -> Result<SendRequest<Body>, BoxError> {
        if let Some(s) = self.open() {
            return Ok(s);
        }
        let _one = self.inner.connecting.lock().await;
        if let Some(s) = self.open() {
            return Ok(s);
        }
        // A stream call carries no deadline of its own: connecting is bounded here, so a peer
        // that accepts and never answers cannot hold every caller behind `connecting`.
        let addr = self.inner.addr;
        let connect = async {
            let stream = tokio::net::TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            handshake(stream, addr).await
        };
        let sender = tokio::time::timeout(self.inner.connect_timeout, connect)
            .await
            .map_err(|_| format!("connecting to {addr} timed out"))??;
        *self
            .inner
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(sender.clone());
        Ok(sender)
    }

    async fn send(&self, mut req: http::Request<Body>) -> Result<Response, BoxError> {
        // Generated clients send a path; HTTP/2 needs the scheme and authority too.
        let path = req
            .uri()
            .path_and_query()
            .cloned()
            .unwrap_or_else(|| PathAndQuery::from_static("/"));
        *req.uri_mut() = http::Uri::builder()
            .scheme(Scheme::HTTP)
            .authority(self.inner.authority.clone())
            .path_and_query(path)
            .build()?;
        req.headers_mut()
            .entry(http::header::USER_AGENT)
            .or_insert(USER_AGENT);
        if let Some(server) = self.local_server() {
            return server.call(req).await;
        }
        let mut sender = self.sender().await?;
        sender.ready().await?;
        let resp = sender.send_request(req).await?;
        Ok(resp.map(Body::new))
    }
}

/// An HTTP/2 connection over `io`, driven by a task of its own until it ends.
async fn handshake<T>(io: T, addr: SocketAddr) -> Result<SendRequest<Body>, BoxError>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sender, connection) = http2::Builder::new(TokioExecutor::new())
        .timer(TokioTimer::new())
        // A peer that vanished without closing (a stopped process, a dead node) is noticed.
        .keep_alive_interval(Duration::from_secs(10))
        .keep_alive_timeout(Duration::from_secs(5))
        .handshake(TokioIo::new(io))
        .await?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::debug!(%addr, error = %e, "upstream connection ended with an error");
        }
    });
    Ok(sender)
}

#[cfg(test)]
mod tests {
    use tokio::net::TcpListener;
    use tokio::sync::oneshot;
    use tokio_stream::wrappers::TcpListenerStream;
    use tonic_health::pb::HealthCheckRequest;
    use tonic_health::pb::health_client::HealthClient;

    use super::*;

    /// A gRPC server with only the health service on `listener`, until the sender is used.
    fn serve(listener: TcpListener) -> (oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
        let (_, health) = tonic_health::server::health_reporter();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = tonic::transport::Server::builder()
                .add_service(health)
                .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async {
                    let _ = stopped.await;
                })
                .await;
        });
        (stop, task)
    }

    async fn serving(client: &mut HealthClient<Transport>) -> bool {
        let req = HealthCheckRequest {
            service: String::new(),
        };
        client
            .check(req)
            .await
            .is_ok_and(|r| r.get_ref().status == tonic_health::ServingStatus::Serving as i32)
    }

    #[tokio::test]
    async fn connects_on_first_use_and_again_after_the_server_went_away() -> Result<(), BoxError> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let conn = Connection::new(addr, Duration::from_secs(2), true)?;
        assert!(conn.open().is_none(), "connected before the first call");
        let (stop, task) = serve(listener);
        let mut client = HealthClient::new(Transport::Direct(conn.clone()));
        assert!(serving(&mut client).await, "the first call failed");
        assert!(
            serving(&mut client).await,
            "a call on the open connection failed"
        );

        let _ = stop.send(());
        task.await?;
        assert!(!serving(&mut client).await, "answered with no server");

        // The same address served again: the next calls make a new connection.
        let (_stop, _task) = serve(TcpListener::bind(addr).await?);
        let until = tokio::time::Instant::now() + Duration::from_secs(10);
        while !serving(&mut client).await {
            assert!(
                tokio::time::Instant::now() < until,
                "never reconnected to the restarted server"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }

    #[tokio::test]
    async fn a_server_of_this_process_is_called_in_memory_unless_that_is_off()
    -> Result<(), BoxError> {
        // An address nothing listens on over TCP: only an in-memory call reaches this server.
        let addr = TcpListener::bind("127.0.0.1:0").await?.local_addr()?;
        let (_, health) = tonic_health::server::health_reporter();
        let listening = crate::local::listen(addr, tonic::service::Routes::new(health));
        let local = Connection::new(addr, Duration::from_secs(2), true)?;
        let mut client = HealthClient::new(Transport::Direct(local.clone()));
        assert!(serving(&mut client).await);
        assert!(local.open().is_none(), "no connection was made");
        let networked = Connection::new(addr, Duration::from_secs(2), false)?;
        assert!(
            !serving(&mut HealthClient::new(Transport::Direct(networked))).await,
            "with in-memory calls off the call goes to the (closed) port"
        );
        // Once the server stops, calls go to the network (and find nothing there).
        drop(listening);
        assert!(!serving(&mut client).await, "called a stopped server");
        Ok(())
    }

    #[tokio::test]
    async fn a_server_that_registers_after_the_first_call_is_then_called_in_memory()
    -> Result<(), BoxError> {
        let addr = TcpListener::bind("127.0.0.1:0").await?.local_addr()?;
        let conn = Connection::new(addr, Duration::from_secs(2), true)?;
        let mut client = HealthClient::new(Transport::Direct(conn));
        assert!(!serving(&mut client).await, "nothing serves yet");
        let (_, health) = tonic_health::server::health_reporter();
        let _listening = crate::local::listen(addr, tonic::service::Routes::new(health));
        assert!(
            serving(&mut client).await,
            "the new registration was not looked up"
        );
        Ok(())
    }
}
