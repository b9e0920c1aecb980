//! `GET /v1/status`: every service as the gateway sees it (its replicas, their health and
//! breakers) and as it sees itself (version, each backing store reachable or not). Answers
//! within a bounded time whatever the services do: a service that does not answer in time is
//! shown down.

use std::collections::BTreeMap;
use std::time::Duration;

use artstation_common::upstream::{BreakerState, Idempotent, ReplicaSnapshot, Upstream};
use artstation_proto::status::v1 as pb;
use axum::Json;
use axum::extract::State;
use pb::status_service_client::StatusServiceClient;
use serde::Serialize;

use crate::AppState;

/// How long one service's own report may take.
const SERVICE_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatusReport {
    /// `ok` when every service and store is, else `degraded`.
    pub status: &'static str,
    /// The gateway's version.
    pub version: &'static str,
    pub services: BTreeMap<&'static str, ServiceReport>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ServiceReport {
    /// `ok`; `degraded` (a store unreachable, a replica ejected or its breaker not closed);
    /// `down` (no replica answered).
    pub status: &'static str,
    /// `None` when the service did not answer.
    pub version: Option<String>,
    /// Why the service is down.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Each replica: `address`, `healthy` (null until checked), `breaker` (`closed`,
    /// `half_open`, `open`), `in_flight`.
    #[schema(value_type = Vec<Object>)]
    pub replicas: Vec<ReplicaSnapshot>,
    pub stores: Vec<StoreReport>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StoreReport {
    pub name: String,
    /// `sqlite`, `postgres`, `redis`, `in-process`, `local`, `s3`.
    pub kind: String,
    pub reachable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub latency_ms: u32,
}

#[utoipa::path(
    get,
    path = "/v1/status",
    tag = "health",
    responses((status = 200, description = "Every service, its replicas and its stores", body = StatusReport))
)]
pub async fn status(State(st): State<AppState>) -> Json<StatusReport> {
    let named = st.inner.upstreams.named();
    let reports = futures::future::join_all(named.iter().map(|(_, u)| service(u))).await;
    let services: BTreeMap<_, _> = named.iter().map(|(n, _)| *n).zip(reports).collect();
    let ok = services.values().all(|s| s.status == "ok");
    Json(StatusReport {
        status: if ok { "ok" } else { "degraded" },
        version: env!("CARGO_PKG_VERSION"),
        services,
    })
}

async fn service(upstream: &Upstream) -> ServiceReport {
    let mut client = StatusServiceClient::new(upstream.clone());
    let mut req = tonic::Request::new(pb::GetStatusRequest {});
    req.set_timeout(SERVICE_TIMEOUT);
    req.extensions_mut().insert(Idempotent);
    let answer = tokio::time::timeout(SERVICE_TIMEOUT, client.get_status(req)).await;
    // Taken after the call, so it shows what the call itself may have taught the balancer.
    let replicas = upstream.snapshot().replicas;
    let replicas_ok = replicas
        .iter()
        .all(|r| r.healthy != Some(false) && r.breaker == BreakerState::Closed);
    match answer {
        Ok(Ok(answer)) => {
            let answer = answer.into_inner();
            let stores: Vec<StoreReport> = answer
                .stores
                .into_iter()
                .map(|s| StoreReport {
                    detail: Some(s.detail).filter(|d| !d.is_empty()),
                    name: s.name,
                    kind: s.kind,
                    reachable: s.reachable,
                    latency_ms: s.latency_ms,
                })
                .collect();
            let ok = replicas_ok && stores.iter().all(|s| s.reachable);
            ServiceReport {
                status: if ok { "ok" } else { "degraded" },
                version: Some(answer.version),
                error: None,
                replicas,
                stores,
            }
        }
        Ok(Err(e)) => down(replicas, e.message().to_owned()),
        Err(_) => down(
            replicas,
            format!("no answer within {} ms", SERVICE_TIMEOUT.as_millis()),
        ),
    }
}

fn down(replicas: Vec<ReplicaSnapshot>, error: String) -> ServiceReport {
    ServiceReport {
        status: "down",
        version: None,
        error: Some(error),
        replicas,
        stores: Vec::new(),
    }
}
