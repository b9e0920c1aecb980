//! The process's Prometheus recorder, and the plain-HTTP `GET /metrics` listener of the service
//! roles (`ARTSTATION_METRICS_ADDR`). One registry per process: the gateway's own `/metrics`
//! renders it too, so on the embedded default (every role in one process) the gateway's port
//! shows every role's metrics and no extra listener is opened unless asked for.

use std::io::Write as _;

use anyhow::{Context, Result};
use artstation_common::telemetry::metrics as telemetry;
use axum::http::header;
use axum::routing::get;
use tokio::net::TcpListener;

use crate::config::{Role, Settings};

/// Installs the recorder, then binds the metrics listener when this process runs a service
/// role and `ARTSTATION_METRICS_ADDR` is set, printing where it listens like the roles do.
pub(crate) async fn start(settings: &Settings, roles: &[Role]) -> Result<Option<TcpListener>> {
    telemetry::install().context("cannot install the metrics recorder")?;
    let runs_a_service = roles.iter().any(|r| *r != Role::Gateway);
    let Some(addr) = settings.metrics_addr.filter(|_| runs_a_service) else {
        if runs_a_service && !roles.contains(&Role::Gateway) {
            tracing::info!("ARTSTATION_METRICS_ADDR is not set: no /metrics for these roles");
        }
        return Ok(None);
    };
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("metrics cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    // Scripts and tests read this line to find a port chosen with :0.
    println!("artstationd: metrics listening on {local}");
    std::io::stdout().flush()?;
    tracing::info!(%local, "metrics listening");
    Ok(Some(listener))
}

/// Serves `GET /metrics` until `shutdown`. A failure is logged: metrics going dark must not
/// take the roles down.
pub(crate) async fn serve(
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let app = axum::Router::new().route(
        "/metrics",
        get(|| async {
            (
                [(header::CONTENT_TYPE, telemetry::CONTENT_TYPE)],
                telemetry::render(),
            )
        }),
    );
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        tracing::error!(error = %e, "the metrics listener failed");
    }
}
