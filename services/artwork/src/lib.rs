//! The artwork service: streamed uploads validated and hashed on the way in, originals in a
//! blob store, the catalogue in SQLite or PostgreSQL, served over gRPC
//! (`artstation.artwork.v1.ArtworkService`).
//!
//! Calls go one way: `grpc` (tonic glue) → the features (`upload`, `read`, `catalogue/*`) →
//! what they share (`state`, `input`, `present`, `cursor`) → `pipeline`, `store` and `blobs`.
//! No feature calls another.
//!
//! Invariant: an artwork row exists only if its original is durable in the blob store, and an
//! upload that fails at any step leaves neither a row nor a blob. This crate never reads the
//! auth service's tables; it learns who the caller is from the verified access token alone.

pub mod blobs;
mod catalogue;
mod cursor;
pub mod gc;
mod grpc;
mod input;
pub mod pipeline;
mod present;
mod read;
mod state;
pub mod store;
mod upload;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use artstation_common::grpc as kit;
use artstation_common::jwt::RemoteKeySource;
use artstation_common::{Cache, Revocations, TokenVerifier};
use artstation_proto::artwork::v1::artwork_service_server::ArtworkServiceServer;
use tokio::net::TcpListener;

/// The blob stores under their earlier name.
pub use blobs as storage;
pub use pipeline::format::ImageKind;
pub use pipeline::{backfill, imaging};

use blobs::BlobStore;
use state::State;
use store::ArtworkStore;

pub const SERVICE_NAME: &str = "artstation.artwork.v1.ArtworkService";

#[derive(Debug, Clone)]
pub struct ArtworkConfig {
    pub database_url: String,
    /// `file:///PATH` or `s3://BUCKET`.
    pub storage_url: String,
    pub storage: blobs::StorageOptions,
    pub max_upload_bytes: u64,
    /// Largest image (in pixels) and smallest shorter side accepted.
    pub limits: imaging::PixelLimits,
    /// Images decoded at once; more uploads wait, so a burst cannot take every core.
    pub decode_concurrency: usize,
    /// Blobs that no row references are removed once older than this (younger ones may belong
    /// to an upload still in flight).
    pub orphan_grace: Duration,
    /// How often the serving process sweeps orphans; `None` never (use `artstationd gc`).
    pub sweep_interval: Option<Duration>,
}

impl ArtworkConfig {
    pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 100 * 1000 * 1000;
    pub const DEFAULT_ORPHAN_GRACE: Duration = Duration::from_secs(24 * 3600);
    pub const DEFAULT_SWEEP_INTERVAL: Duration = Duration::from_secs(3600);
    pub const DEFAULT_MAX_PIXELS: u64 = imaging::PixelLimits::DEFAULT_MAX_PIXELS;
    pub const DEFAULT_MIN_IMAGE_SIDE: u32 = imaging::PixelLimits::DEFAULT_MIN_SIDE;

    pub fn new(database_url: impl Into<String>, storage_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            storage_url: storage_url.into(),
            storage: blobs::StorageOptions::default(),
            max_upload_bytes: Self::DEFAULT_MAX_UPLOAD_BYTES,
            limits: imaging::PixelLimits::default(),
            decode_concurrency: std::thread::available_parallelism().map_or(2, usize::from),
            orphan_grace: Self::DEFAULT_ORPHAN_GRACE,
            sweep_interval: Some(Self::DEFAULT_SWEEP_INTERVAL),
        }
    }

    pub fn with_staging_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.storage.staging_dir = Some(dir.into());
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ArtworkError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Storage(#[from] blobs::StorageError),
    #[error(transparent)]
    Serve(#[from] kit::ServeError),
}

/// The artwork service, ready to serve: cheap to clone, every clone shares one state.
#[derive(Clone)]
pub struct ArtworkService {
    state: Arc<State>,
}

impl ArtworkService {
    pub fn new(
        config: ArtworkConfig,
        store: Arc<dyn ArtworkStore>,
        blobs: Arc<dyn BlobStore>,
        verifier: Arc<TokenVerifier>,
        cache: Arc<Cache>,
    ) -> Self {
        Self {
            state: Arc::new(State::new(config, store, blobs, verifier, cache)),
        }
    }

    /// Sweeps orphaned blobs now.
    pub async fn sweep(&self) -> Result<gc::SweepReport, ArtworkError> {
        let s = &self.state;
        gc::sweep(s.store.as_ref(), s.blobs.as_ref(), s.config.orphan_grace).await
    }

    /// Makes the derivatives of artworks stored before the image pipeline, in the background.
    fn spawn_backfill(&self) -> tokio::task::JoinHandle<()> {
        let s = self.state.clone();
        tokio::spawn(async move {
            match backfill::run(s.store.as_ref(), &s.blobs, s.config.limits, &s.decode).await {
                Ok(r) if r == backfill::BackfillReport::default() => {}
                Ok(r) => tracing::info!(?r, "derivative backfill done"),
                Err(e) => tracing::warn!(error = %e, "derivative backfill failed"),
            }
        })
    }

    /// Starts the periodic orphan sweep, if the config asks for one.
    fn spawn_sweeper(&self) -> Option<tokio::task::JoinHandle<()>> {
        let every = self.state.config.sweep_interval?;
        let service = self.clone();
        Some(tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                match service.sweep().await {
                    Ok(r) => tracing::info!(?r, "orphan sweep done"),
                    Err(e) => tracing::warn!(error = %e, "orphan sweep failed"),
                }
            }
        }))
    }
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
    let blobs = blobs::open(&config.storage_url, &config.storage).await?;
    tracing::info!(storage = %blobs.describe(), "blob store ready");
    let cache = revocations.cache().clone();
    let verifier = Arc::new(TokenVerifier::new(
        Arc::new(RemoteKeySource::new(auth_channel)),
        revocations,
    ));
    Ok(ArtworkService::new(config, store, blobs, verifier, cache))
}

/// Removes orphaned blobs (and stale staged files and multipart uploads) older than the
/// config's grace period, then exits: `artstationd gc`.
pub async fn gc(config: &ArtworkConfig) -> Result<gc::SweepReport, ArtworkError> {
    let store = store::open(&config.database_url).await?;
    let blobs = blobs::open(&config.storage_url, &config.storage).await?;
    gc::sweep(store.as_ref(), blobs.as_ref(), config.orphan_grace).await
}

/// Serves the artwork service (plus health and reflection) on `listener` until `shutdown`,
/// sweeping orphaned blobs periodically when the config asks for it.
pub async fn serve(
    listener: TcpListener,
    service: ArtworkService,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ArtworkError> {
    let background = [Some(service.spawn_backfill()), service.spawn_sweeper()]
        .into_iter()
        .flatten()
        .collect();
    let routes = tonic::service::Routes::new(ArtworkServiceServer::new(service));
    kit::serve_service(listener, routes, SERVICE_NAME, background, shutdown).await?;
    Ok(())
}
