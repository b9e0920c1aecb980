use std::time::Duration;

use artstation_api::{Health, Readiness};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

use crate::AppState;

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "health",
    responses((status = 200, description = "Alive", body = artstation_api::Health))
)]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
    })
}

async fn check(upstream: artstation_common::upstream::Upstream) -> &'static str {
    let mut client = HealthClient::new(upstream);
    let mut req = tonic::Request::new(HealthCheckRequest {
        service: String::new(),
    });
    req.set_timeout(Duration::from_secs(2));
    match tokio::time::timeout(Duration::from_secs(3), client.check(req)).await {
        Ok(Ok(r)) if r.get_ref().status == ServingStatus::Serving as i32 => "ok",
        _ => "unavailable",
    }
}

/// Ready when every upstream service answers its gRPC health check.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "health",
    responses((status = 200, description = "Every upstream answers its health check", body = artstation_api::Readiness), (status = 503, description = "An upstream is not serving", body = artstation_api::Readiness))
)]
pub async fn readyz(State(st): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let named = st.inner.upstreams.named();
    let states = futures::future::join_all(named.iter().map(|(_, c)| check(c.clone()))).await;
    let ready = states.iter().all(|s| *s == "ok");
    let checks = named
        .iter()
        .zip(states)
        .map(|((name, _), state)| ((*name).to_owned(), state.to_owned()))
        .collect();
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Readiness {
            checks,
            status: if ready { "ok" } else { "unavailable" }.into(),
        }),
    )
}
