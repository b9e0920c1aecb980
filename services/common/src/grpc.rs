//! gRPC server plumbing every service shares: standard health and reflection services, and a
//! serve loop that takes an already-bound listener and a shutdown future (so tests bind port 0).

use std::future::Future;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::service::Routes;

pub use tonic::transport::Channel;
pub use tonic_reflection::server::Error as ReflectionError;

/// How long in-flight requests get to finish after shutdown is requested.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Adds `grpc.health.v1.Health`, `artstation.status.v1.StatusService` (with the stores
/// registered for `service_name`) and server reflection (v1 and v1alpha) to a service's routes.
pub async fn with_standard_services(
    routes: Routes,
    service_name: &'static str,
) -> Result<Routes, tonic_reflection::server::Error> {
    let (reporter, health) = tonic_health::server::health_reporter();
    reporter
        .set_service_status(service_name, tonic_health::ServingStatus::Serving)
        .await;
    reporter
        .set_service_status("", tonic_health::ServingStatus::Serving)
        .await;
    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(artstation_proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(artstation_proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()?;
    Ok(routes
        .add_service(health)
        .add_service(crate::status::server(service_name))
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha))
}

/// Why a service stopped serving.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("gRPC server: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("gRPC reflection: {0}")]
    Reflection(#[from] ReflectionError),
}

/// The start-up skeleton every service shares: its routes plus health and reflection, served
/// on `listener` until `shutdown`; `background` tasks (sweeps, recovery passes) run meanwhile
/// and are stopped when serving ends.
pub async fn serve_service(
    listener: TcpListener,
    routes: Routes,
    service_name: &'static str,
    background: Vec<tokio::task::JoinHandle<()>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let served = async {
        let routes = with_standard_services(routes, service_name).await?;
        serve(listener, routes, shutdown).await?;
        Ok(())
    }
    .await;
    for task in background {
        task.abort();
    }
    served
}

/// Serves `routes` on `listener` until `shutdown` resolves, then lets in-flight calls finish
/// for at most [`DRAIN_TIMEOUT`].
pub async fn serve(
    listener: TcpListener,
    routes: Routes,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), tonic::transport::Error> {
    let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
    // Roles of this process call these routes in memory (`crate::local`).
    let listening = match listener.local_addr() {
        Ok(addr) => Some(crate::local::listen(addr, routes.clone())),
        Err(e) => {
            tracing::warn!(error = %e, "listener has no address; in-process callers use the network");
            None
        }
    };
    let incoming = no_delay(TcpListenerStream::new(listener));
    let server = tonic::transport::Server::builder()
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        // Every call counted by method and status, and served in a span naming its trace.
        .layer(crate::telemetry::GrpcTelemetryLayer)
        .add_routes(routes)
        .serve_with_incoming_shutdown(incoming, async move {
            shutdown.await;
            // A call from now on goes to the network (and finds the listener closing).
            drop(listening);
            let _ = drained_tx.send(());
        });
    tokio::pin!(server);
    tokio::select! {
        res = &mut server => res,
        _ = async {
            let _ = drained_rx.await;
            tokio::time::sleep(DRAIN_TIMEOUT).await;
        } => {
            tracing::warn!("in-flight gRPC calls did not finish in time; closing");
            Ok(())
        }
    }
}

/// A lazily connecting channel to one upstream, or a load-balanced one over several
/// comma-separated upstreams (`http://auth-1:50051,http://auth-2:50051`).
pub fn channel(upstreams: &str) -> Result<Channel, tonic::transport::Error> {
    let endpoints = upstreams
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| {
            tonic::transport::Endpoint::from_shared(u.to_owned())
                .map(|e| e.connect_timeout(Duration::from_secs(5)).tcp_nodelay(true))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match endpoints.as_slice() {
        [one] => one.connect_lazy(),
        _ => tonic::transport::Channel::balance_list(endpoints.into_iter()),
    })
}

/// Accepted connections with Nagle's algorithm off: a gRPC answer is several small writes
/// (headers, data, trailers), which Nagle would hold back until the peer's delayed ACK.
fn no_delay(
    incoming: TcpListenerStream,
) -> impl tokio_stream::Stream<Item = std::io::Result<tokio::net::TcpStream>> {
    incoming.map(|accepted| {
        let stream = accepted?;
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot turn Nagle's algorithm off");
        }
        Ok(stream)
    })
}

/// The deadline a `grpc-timeout` header carries (1–8 digits and a unit, per the gRPC over
/// HTTP/2 spec); a malformed one is ignored, as tonic's server ignores it.
pub(crate) fn timeout_header(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get("grpc-timeout")?.to_str().ok()?;
    if value.len() < 2 || value.len() > 9 {
        return None;
    }
    let (digits, unit) = value.split_at(value.len() - 1);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeouts_are_read_as_the_spec_writes_them() {
        let parse = |v: &'static str| {
            let mut h = http::HeaderMap::new();
            h.insert("grpc-timeout", http::HeaderValue::from_static(v));
            timeout_header(&h)
        };
        assert_eq!(parse("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse("2500m"), Some(Duration::from_millis(2500)));
        assert_eq!(parse("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse("7u"), Some(Duration::from_micros(7)));
        assert_eq!(parse("99999999n"), Some(Duration::from_nanos(99_999_999)));
        assert_eq!(parse("123456789S"), None, "more than 8 digits");
        assert_eq!(parse("S"), None);
        assert_eq!(parse("x"), None);
        assert_eq!(parse("10s"), None, "units are case-sensitive");
        assert_eq!(parse("-1S"), None);
        assert_eq!(parse("+1S"), None);
        assert_eq!(timeout_header(&http::HeaderMap::new()), None);
    }

    #[tokio::test]
    async fn a_serving_server_takes_in_process_calls_until_it_is_told_to_stop()
    -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (_, health) = tonic_health::server::health_reporter();
        let server = tokio::spawn(serve(listener, Routes::new(health), async {
            let _ = stopped.await;
        }));
        let until = tokio::time::Instant::now() + Duration::from_secs(5);
        while crate::local::find(addr).is_none() {
            assert!(tokio::time::Instant::now() < until, "never registered");
            tokio::task::yield_now().await;
        }
        let _ = stop.send(());
        server.await??;
        assert!(
            crate::local::find(addr).is_none(),
            "registered after it stopped"
        );
        Ok(())
    }
}
