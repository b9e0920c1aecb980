//! `artstationd healthcheck`: exits 0 when a role of this configuration answers ready — the
//! gateway's `/readyz` over HTTP, a service's `grpc.health.v1` over gRPC — for container
//! HEALTHCHECKs and probes, which have no curl or grpcurl in a slim image.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use artstation_common::grpc;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

use crate::config::{Role, Settings};

const TIMEOUT: Duration = Duration::from_secs(3);

/// Checks `role` (the gateway when none is named) where this configuration says it listens.
pub async fn run(settings: &Settings, role: Option<Role>) -> Result<()> {
    let role = role.unwrap_or(Role::Gateway);
    let addr = reachable(settings.role(role)?.addr);
    let checked = match role {
        Role::Gateway => tokio::time::timeout(TIMEOUT, http_ready(addr)).await,
        _ => tokio::time::timeout(TIMEOUT, grpc_serving(addr)).await,
    };
    checked
        .with_context(|| format!("{} at {addr} did not answer in {TIMEOUT:?}", role.name()))??;
    println!("{} at {addr}: ready", role.name());
    Ok(())
}

/// A wildcard listen address is reached through loopback.
pub fn reachable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => (Ipv4Addr::LOCALHOST, addr.port()).into(),
        IpAddr::V6(ip) if ip.is_unspecified() => (Ipv6Addr::LOCALHOST, addr.port()).into(),
        _ => addr,
    }
}

async fn http_ready(addr: SocketAddr) -> Result<()> {
    let mut stream = TcpStream::connect(addr)
        .await
        .with_context(|| format!("cannot connect to {addr}"))?;
    let request = format!("GET /readyz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut head = Vec::new();
    // The status line is all we need; a readiness body is small anyway.
    stream.take(4096).read_to_end(&mut head).await?;
    let head = String::from_utf8_lossy(&head);
    let status = head.split_whitespace().nth(1).unwrap_or("");
    if status != "200" {
        bail!("GET /readyz answered {status:?}");
    }
    Ok(())
}

async fn grpc_serving(addr: SocketAddr) -> Result<()> {
    let channel = grpc::channel(&format!("http://{addr}"))?;
    let response = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: String::new(),
        })
        .await
        .with_context(|| format!("gRPC health check of {addr}"))?;
    let status = response.into_inner().status;
    if status != ServingStatus::Serving as i32 {
        bail!("gRPC health is {status}, not SERVING");
    }
    Ok(())
}
