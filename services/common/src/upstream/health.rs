//! The background task of an upstream: re-resolves its names and asks every replica's
//! `grpc.health.v1.Health/Check` (service "") each interval, ejecting replicas that are not
//! SERVING and re-admitting them when they are again. It ends when the last clone of the
//! upstream is dropped.

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

use super::Shared;
use super::replica::{Health, Replica};

pub(super) fn spawn(shared: Weak<Shared>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("no Tokio runtime: upstream replicas are neither re-resolved nor checked");
        return;
    };
    runtime.spawn(run(shared));
}

async fn run(weak: Weak<Shared>) {
    let mut resolved_at: Option<Instant> = None;
    loop {
        let Some(shared) = weak.upgrade() else { return };
        let config = shared.config;
        let resolve_due = resolved_at.is_none_or(|t| t.elapsed() >= config.resolve_interval)
            // An empty pool is looked for every tick.
            || shared.current().is_empty();
        if resolve_due
            && !shared
                .targets
                .iter()
                .all(|t| t.host.parse::<std::net::IpAddr>().is_ok())
        {
            shared.resolve().await;
            resolved_at = Some(Instant::now());
        }
        let replicas = shared.current();
        drop(shared);
        let timeout = config.health_interval.max(Duration::from_millis(200));
        futures::future::join_all(replicas.iter().map(|r| check(r, timeout))).await;
        for r in replicas.iter() {
            r.publish_breaker(r.breaker_state());
        }
        drop(replicas);
        tokio::time::sleep(config.health_interval).await;
    }
}

async fn check(replica: &Arc<Replica>, timeout: Duration) {
    let mut client = HealthClient::new(replica.transport.clone());
    let mut req = tonic::Request::new(HealthCheckRequest {
        service: String::new(),
    });
    req.set_timeout(timeout);
    let serving = matches!(
        tokio::time::timeout(timeout, client.check(req)).await,
        Ok(Ok(r)) if r.get_ref().status == ServingStatus::Serving as i32
    );
    replica.set_health(if serving {
        Health::Serving
    } else {
        Health::Down
    });
}
