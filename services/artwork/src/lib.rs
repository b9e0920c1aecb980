//! The artwork service: streamed uploads validated and hashed on the way in, originals in a
//! blob store, the catalogue in SQLite or PostgreSQL, served over gRPC
//! (`artstation.artwork.v1.ArtworkService`).
//!
//! Calls go one way: `grpc` (tonic glue) → the features (`upload`, `read`, `catalogue/*`) →
//! what they share (`state`, `input`, `present`, `cursor`) → `pipeline`, `store` and `blobs`.
//! No feature calls another.
//!
//! Invariant: an artwork row exists only if its original is durable in the blob store, and an
//! upload that fails at any step leaves neither a row nor a blob. An upload is answered once
//! its original is stored and its row and derivative job are committed together; the
//! `derivatives` workers make the thumbnail and preview after, and a work joins public lists
//! only then (`derivatives = 'ready'`). This crate never reads the
//! auth service's tables; it learns who the caller is from the verified access token alone.
//!
//! Selling (`internal`, `artstation.artwork.v1.ArtworkInternal`): the commerce service calls
//! this service — never the reverse, so there is no call cycle — authenticated as a service by
//! the shared secret, never by a user's token. It asks for quotes and reports sales and
//! refunds, which this service keeps as entitlement facts (one row per order), so whether a
//! user may read an original is decided here alone. A buyer keeps the original after the
//! artist deletes the work: deletion is soft, the row and so its blobs stay, and the orphan
//! sweep only removes blobs no row names.

pub mod blobs;
mod catalogue;
mod changes;
mod config;
mod cursor;
pub mod derivatives;
mod feed;
pub mod gc;
mod grpc;
mod input;
mod internal;
mod mine;
mod moderation;
pub mod pipeline;
mod present;
mod read;
mod state;
pub mod store;
mod upload;
pub mod views;

use std::sync::Arc;

use artstation_common::grpc as kit;
use artstation_common::jwt::RemoteKeySource;
use artstation_common::{Cache, Revocations, TokenVerifier};
use artstation_proto::artwork::v1::artwork_internal_server::ArtworkInternalServer;
use artstation_proto::artwork::v1::artwork_service_server::ArtworkServiceServer;
use tokio::net::TcpListener;

/// The blob stores under their earlier name.
pub use blobs as storage;
pub use config::{ArtworkConfig, ArtworkError};
pub use pipeline::format::ImageKind;
pub use pipeline::{backfill, imaging};

use blobs::BlobStore;
use state::State;
use store::ArtworkStore;

pub const SERVICE_NAME: &str = "artstation.artwork.v1.ArtworkService";

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
            match backfill::run(&s.store, &s.blobs, s.config.limits, &s.decode).await {
                Ok(r) if r == backfill::BackfillReport::default() => {}
                Ok(r) => tracing::info!(?r, "derivative backfill done"),
                Err(e) => tracing::warn!(error = %e, "derivative backfill failed"),
            }
        })
    }

    /// Starts the derivative workers (none if the config asks for none).
    fn spawn_derivative_workers(&self) -> Option<tokio::task::JoinHandle<()>> {
        let s = &self.state;
        if s.config.derivative_workers == 0 {
            return None;
        }
        let maker = derivatives::make::Maker {
            store: s.store.clone(),
            blobs: s.blobs.clone(),
            limits: s.config.limits,
            decode: s.decode.clone(),
        };
        let config = derivatives::PoolConfig {
            workers: s.config.derivative_workers,
            lease: s.config.derivative_lease,
            poll: s.config.derivative_poll,
        };
        Some(derivatives::spawn(
            maker,
            s.derivative_signals.clone(),
            config,
            s.feed.clone(),
        ))
    }

    /// Writes counted views every few seconds, in one batch each time.
    fn spawn_view_flusher(&self) -> tokio::task::JoinHandle<()> {
        let s = self.state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(views::FLUSH_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = s.views.flush(s.store.as_ref()).await {
                    tracing::warn!(error = %e, "cannot write counted views");
                }
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
    auth_channel: impl Into<artstation_common::upstream::Upstream>,
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

/// Serves the artwork service and its internal service (plus health and reflection) on `listener` until `shutdown`,
/// sweeping orphaned blobs periodically when the config asks for it.
pub async fn serve(
    listener: TcpListener,
    service: ArtworkService,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ArtworkError> {
    let background = [
        Some(service.spawn_backfill()),
        service.spawn_derivative_workers(),
        service.spawn_sweeper(),
        Some(service.spawn_view_flusher()),
        Some(tokio::spawn(feed::run_relay(service.state.clone()))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let state = service.state.clone();
    // Both announce their changes to the gateways' edge caches (changes.rs).
    let routes = tonic::service::Routes::new(changes::Announcing::new(
        ArtworkServiceServer::new(service.clone()),
        state.clone(),
    ))
    .add_service(changes::Announcing::new(
        ArtworkInternalServer::new(service),
        state.clone(),
    ));
    let served = kit::serve_service(listener, routes, SERVICE_NAME, background, shutdown).await;
    // Views counted since the last tick would be lost otherwise.
    if let Err(e) = state.views.flush(state.store.as_ref()).await {
        tracing::warn!(error = %e, "cannot write the last counted views");
    }
    served?;
    Ok(())
}
