//! Calls between roles that run in the same process, handed to the serving role's gRPC routes
//! in memory instead of crossing an HTTP/2 connection.
//!
//! On the embedded default every role is one process. A call from the gateway to the artwork
//! service went through the caller's HTTP/2 connection task, a per-request task hyper spawns
//! to carry the answer back, the server's connection task and the task it spawns per stream:
//! four hand-offs each way between tasks (and, on two cores, often between threads), plus
//! HTTP/2 framing and HPACK on both sides, for bytes that never leave the process. That was
//! most of what the gateway added to a signed-in read (BENCHMARKS.md). Here the request goes
//! straight into the same routes the server serves, wrapped as the server wraps them (the
//! telemetry layer, the peer address, the `grpc-timeout` deadline), and runs in the caller's
//! own task: the handler, its protobuf decoding and encoding, its status and trailers are
//! the ones a network call gets; only the transport is skipped. Dropping the caller's future
//! cancels the call, as a reset stream does.
//!
//! A server registers its listening address while it serves; a call to an address registered
//! in this process is made in memory, any other goes to the network. Roles in different
//! processes or machines are unaffected.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use futures::FutureExt as _;
use tonic::body::Body;
use tonic::service::Routes;
use tonic::transport::server::TcpConnectInfo;
use tower_layer::Layer as _;
use tower_service::Service as _;

use crate::telemetry::GrpcTelemetryLayer;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A gRPC server of this process, callable in memory while it serves.
pub(crate) struct LocalServer {
    id: u64,
    routes: Routes,
    local_addr: SocketAddr,
    serving: AtomicBool,
}

static SERVERS: LazyLock<Mutex<HashMap<SocketAddr, Arc<LocalServer>>>> =
    LazyLock::new(Default::default);
static NEXT_ID: AtomicU64 = AtomicU64::new(1);
/// Bumped by every registration, so a caller that found no server here looks again only when
/// one may have appeared (a look-up takes a process-wide lock).
static GENERATION: AtomicU64 = AtomicU64::new(0);

fn servers() -> std::sync::MutexGuard<'static, HashMap<SocketAddr, Arc<LocalServer>>> {
    SERVERS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The addresses a call may name to reach a listener bound to `addr`: the address itself, and
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

/// A server's registration; calls stop reaching it once this is dropped.
pub(crate) struct Listening {
    server: Arc<LocalServer>,
    addrs: Vec<SocketAddr>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        // Callers holding the server see this on their next call and go to the network.
        self.server.serving.store(false, Ordering::Release);
        let mut servers = servers();
        for addr in &self.addrs {
            // A later server on the same address (a restart in the same process) keeps its own.
            if servers.get(addr).is_some_and(|s| s.id == self.server.id) {
                servers.remove(addr);
            }
        }
    }
}

/// Registers `routes` as served on `addr` (the listener's own address).
pub(crate) fn listen(addr: SocketAddr, routes: Routes) -> Listening {
    let server = Arc::new(LocalServer {
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        routes: routes.prepare(),
        local_addr: addr,
        serving: AtomicBool::new(true),
    });
    let addrs = reachable_as(addr);
    let mut servers = servers();
    for a in &addrs {
        servers.insert(*a, server.clone());
    }
    GENERATION.fetch_add(1, Ordering::AcqRel);
    Listening { server, addrs }
}

/// The server of this process listening on `addr`, if there is one.
pub(crate) fn find(addr: SocketAddr) -> Option<Arc<LocalServer>> {
    servers().get(&addr).cloned()
}

/// Changes whenever a server registers (see [`GENERATION`]).
pub(crate) fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

impl LocalServer {
    /// False once the server was told to stop: new calls go to the network from then on.
    pub(crate) fn is_serving(&self) -> bool {
        self.serving.load(Ordering::Acquire)
    }

    /// Serves one call in the caller's task, as the server would over a connection.
    pub(crate) async fn call(
        &self,
        mut req: http::Request<Body>,
    ) -> Result<http::Response<Body>, BoxError> {
        req.extensions_mut().insert(TcpConnectInfo {
            local_addr: Some(self.local_addr),
            // The peer is this host, as a loopback connection's would be (what the auth
            // service throttles by when the gateway does not vouch for a client address).
            remote_addr: Some(SocketAddr::new(
                if self.local_addr.is_ipv6() {
                    Ipv6Addr::LOCALHOST.into()
                } else {
                    Ipv4Addr::LOCALHOST.into()
                },
                0,
            )),
        });
        let deadline = crate::grpc::timeout_header(req.headers());
        let mut service = GrpcTelemetryLayer.layer(self.routes.clone());
        // A panicking handler fails its own call, as it would in the task a server spawns
        // per stream, instead of taking the caller's connection down with it.
        let served = AssertUnwindSafe(service.call(req)).catch_unwind();
        let outcome = match deadline {
            Some(d) => match tokio::time::timeout(d, served).await {
                Ok(outcome) => outcome,
                // What tonic's server answers when a call outlives its `grpc-timeout`.
                Err(_) => return Ok(tonic::Status::cancelled("Timeout expired").into_http()),
            },
            None => served.await,
        };
        match outcome {
            Ok(Ok(resp)) => Ok(resp.map(Body::new)),
            Ok(Err(never)) => match never {},
            Err(_) => Err("the in-process handler panicked".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use tonic_health::pb::HealthCheckRequest;
    use tonic_health::pb::health_client::HealthClient;

    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn health_routes() -> Routes {
        let (_, health) = tonic_health::server::health_reporter();
        Routes::new(health)
    }

    #[test]
    fn a_server_is_found_until_it_stops() {
        // Port numbers no test binds: registration alone decides here.
        let at = addr("127.0.0.1:1");
        assert!(find(at).is_none(), "nothing registered yet");
        let before = generation();
        let listening = listen(at, health_routes());
        assert!(generation() > before, "a registration is announced");
        let server = find(at).unwrap_or_else(|| panic!("not found"));
        assert!(server.is_serving());
        drop(listening);
        assert!(find(at).is_none(), "a stopped server is not found");
        assert!(
            !server.is_serving(),
            "a caller holding it learns it stopped"
        );
    }

    #[test]
    fn a_server_on_every_interface_is_reached_through_loopback() {
        let _listening = listen(addr("0.0.0.0:2"), health_routes());
        assert!(find(addr("127.0.0.1:2")).is_some());
        assert!(
            find(addr("10.0.0.1:2")).is_none(),
            "only this host's loopback"
        );
    }

    #[test]
    fn a_restarted_server_keeps_its_registration_when_the_old_one_ends() {
        let at = addr("127.0.0.1:3");
        let old = listen(at, health_routes());
        let new = listen(at, health_routes());
        drop(old);
        let found = find(at).unwrap_or_else(|| panic!("the new server was unregistered"));
        assert_eq!(found.id, new.server.id);
    }

    /// A client transport whose calls go to one server in memory.
    #[derive(Clone)]
    struct InMemory(Arc<LocalServer>);

    type Answer = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<http::Response<Body>, BoxError>> + Send>,
    >;

    impl tower_service::Service<http::Request<Body>> for InMemory {
        type Response = http::Response<Body>;
        type Error = BoxError;
        type Future = Answer;

        fn poll_ready(
            &mut self,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Result<(), BoxError>> {
            std::task::Poll::Ready(Ok(()))
        }

        fn call(&mut self, req: http::Request<Body>) -> Answer {
            let server = self.0.clone();
            Box::pin(async move { server.call(req).await })
        }
    }

    async fn check(listening: &Listening) -> Result<i32, tonic::Status> {
        let mut client = HealthClient::new(InMemory(listening.server.clone()));
        let req = HealthCheckRequest {
            service: String::new(),
        };
        client.check(req).await.map(|r| r.into_inner().status)
    }

    #[tokio::test]
    async fn a_call_in_memory_is_the_served_call() {
        let listening = listen(addr("127.0.0.1:4"), health_routes());
        let got = check(&listening).await;
        assert_eq!(got.ok(), Some(tonic_health::ServingStatus::Serving as i32));
    }

    #[tokio::test]
    async fn an_unknown_method_is_unimplemented_as_over_the_network() {
        let listening = listen(addr("127.0.0.1:5"), Routes::default());
        let status = check(&listening).await.err().map(|s| s.code());
        assert_eq!(status, Some(tonic::Code::Unimplemented));
    }
}
