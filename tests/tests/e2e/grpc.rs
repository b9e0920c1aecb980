//! The services speak standard gRPC: health checking and server reflection work as grpcurl and
//! Kubernetes probes expect, on the real listening sockets.

use anyhow::{Context, Result, ensure};
use artstation_tests::{Daemon, ROLES};
use tokio_stream::StreamExt as _;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_reflection::pb::v1::ServerReflectionRequest;
use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

async fn connect(addr: &str) -> Result<tonic::transport::Channel> {
    Ok(tonic::transport::Channel::from_shared(addr.to_owned())?
        .connect()
        .await?)
}

async fn services(addr: &str) -> Result<Vec<String>> {
    let mut client = ServerReflectionClient::new(connect(addr).await?);
    let req = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut stream = client
        .server_reflection_info(tokio_stream::iter([req]))
        .await?
        .into_inner();
    let resp = stream.next().await.context("no reflection answer")??;
    match resp.message_response {
        Some(MessageResponse::ListServicesResponse(list)) => {
            Ok(list.service.into_iter().map(|s| s.name).collect())
        }
        other => anyhow::bail!("unexpected reflection answer {other:?}"),
    }
}

async fn serving(addr: &str, service: &str) -> Result<bool> {
    let mut client = HealthClient::new(connect(addr).await?);
    let resp = client
        .check(HealthCheckRequest {
            service: service.to_owned(),
        })
        .await?;
    Ok(resp.into_inner().status == ServingStatus::Serving as i32)
}

// Multi-threaded so the clients' connections close while the daemon drains at the end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_serves_health_and_reflection() -> Result<()> {
    let daemon = Daemon::start()?;
    let services_of_roles = ROLES
        .iter()
        .filter_map(|r| r.grpc_service.map(|service| (r.name, service)));
    for (role, name) in services_of_roles {
        let addr = daemon.addr(role)?;
        let listed = services(addr).await?;
        for expected in [
            name,
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
        ] {
            ensure!(
                listed.iter().any(|s| s == expected),
                "{addr} lists {listed:?}, not {expected}"
            );
        }
        ensure!(serving(addr, name).await?, "{name} not serving");
        ensure!(serving(addr, "").await?, "{addr} overall not serving");
    }
    Ok(())
}
