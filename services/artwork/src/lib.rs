//! The artwork service: streamed uploads validated and hashed on the way in, originals in a
//! blob store, the catalogue in SQLite or PostgreSQL, served over gRPC
//! (`artstation.artwork.v1.ArtworkService`).
//!
//! Invariant: an artwork row exists only if its original is durable in the blob store, and an
//! upload that fails at any step leaves neither a row nor a blob. This crate never reads the
//! auth service's tables; it learns who the caller is from the verified access token alone.

mod catalogue;
mod ingest;
mod service;
pub mod storage;
pub mod store;

use std::sync::Arc;

use artstation_common::grpc;
use artstation_common::jwt::RemoteKeySource;
use artstation_common::{Revocations, TokenVerifier};
use artstation_proto::artwork::v1::artwork_service_server::ArtworkServiceServer;
use tokio::net::TcpListener;

pub use service::ArtworkService;

pub const SERVICE_NAME: &str = "artstation.artwork.v1.ArtworkService";

#[derive(Debug, Clone)]
pub struct ArtworkConfig {
    pub database_url: String,
    /// `file:///PATH` (or, later, `s3://BUCKET`).
    pub storage_url: String,
    pub max_upload_bytes: u64,
}

impl ArtworkConfig {
    pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 100 * 1000 * 1000;

    pub fn new(database_url: impl Into<String>, storage_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            storage_url: storage_url.into(),
            max_upload_bytes: Self::DEFAULT_MAX_UPLOAD_BYTES,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ArtworkError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Storage(#[from] storage::StorageError),
    #[error("gRPC server: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("gRPC reflection: {0}")]
    Reflection(#[from] artstation_common::grpc::ReflectionError),
}

/// Applies the artwork database's migrations.
pub async fn migrate(database_url: &str) -> Result<(), ArtworkError> {
    store::open(database_url).await?;
    Ok(())
}

/// Opens the store and blob storage a config names; tokens are verified with keys fetched from
/// the auth service over `auth_channel` and checked against the revocations the auth service
/// publishes in `revocations`' cache.
pub async fn open(
    config: ArtworkConfig,
    auth_channel: tonic::transport::Channel,
    revocations: Arc<Revocations>,
) -> Result<ArtworkService, ArtworkError> {
    let store = store::open(&config.database_url).await?;
    let blobs = storage::open(&config.storage_url).await?;
    let cache = revocations.cache().clone();
    let verifier = Arc::new(TokenVerifier::new(
        Arc::new(RemoteKeySource::new(auth_channel)),
        revocations,
    ));
    Ok(ArtworkService::new(config, store, blobs, verifier, cache))
}

/// Serves the artwork service (plus health and reflection) on `listener` until `shutdown`.
pub async fn serve(
    listener: TcpListener,
    service: ArtworkService,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ArtworkError> {
    let routes = tonic::service::Routes::new(ArtworkServiceServer::new(service));
    let routes = grpc::with_standard_services(routes, SERVICE_NAME).await?;
    grpc::serve(listener, routes, shutdown).await?;
    Ok(())
}
