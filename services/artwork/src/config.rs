//! The artwork service's configuration, with every default defined once (the daemon refers to
//! these), and the errors of starting, serving and sweeping.

use std::path::PathBuf;
use std::time::Duration;

use artstation_common::grpc as kit;
use artstation_common::service_auth::ServiceSecret;

use crate::pipeline::imaging;
use crate::{blobs, store};

#[derive(Debug, Clone)]
pub struct ArtworkConfig {
    pub database_url: String,
    /// `file:///PATH` or `s3://BUCKET`.
    pub storage_url: String,
    pub storage: blobs::StorageOptions,
    pub max_upload_bytes: u64,
    /// Largest image (in pixels) and smallest shorter side accepted.
    pub limits: imaging::PixelLimits,
    /// Images decoded at once; more wait, so a burst cannot take every core.
    pub decode_concurrency: usize,
    /// Derivative workers in this process (`ARTSTATION_DERIVATIVE_WORKERS`); 0 makes none,
    /// leaving the queue to other replicas.
    pub derivative_workers: usize,
    /// How long a claimed derivative job stays a worker's without renewal: a process killed
    /// mid-job delays it by at most this.
    pub derivative_lease: Duration,
    /// How often an idle derivative worker looks for jobs it was not woken for (other
    /// replicas' uploads, retries come due, expired leases).
    pub derivative_poll: Duration,
    /// Blobs that no row references are removed once older than this (younger ones may belong
    /// to an upload still in flight).
    pub orphan_grace: Duration,
    /// How often the serving process sweeps orphans; `None` never (use `artstationd gc`).
    pub sweep_interval: Option<Duration>,
    /// The secret other services (commerce) present on `ArtworkInternal` calls; `None`
    /// refuses every internal call.
    pub internal_secret: Option<ServiceSecret>,
}

impl ArtworkConfig {
    pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 100 * 1000 * 1000;
    pub const DEFAULT_ORPHAN_GRACE: Duration = Duration::from_secs(24 * 3600);
    pub const DEFAULT_SWEEP_INTERVAL: Duration = Duration::from_secs(3600);
    pub const DEFAULT_MAX_PIXELS: u64 = imaging::PixelLimits::DEFAULT_MAX_PIXELS;
    pub const DEFAULT_MIN_IMAGE_SIDE: u32 = imaging::PixelLimits::DEFAULT_MIN_SIDE;
    pub const DEFAULT_DERIVATIVE_LEASE: Duration = Duration::from_secs(30);
    pub const DEFAULT_DERIVATIVE_POLL: Duration = Duration::from_secs(2);

    pub fn new(database_url: impl Into<String>, storage_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            storage_url: storage_url.into(),
            storage: blobs::StorageOptions::default(),
            max_upload_bytes: Self::DEFAULT_MAX_UPLOAD_BYTES,
            limits: imaging::PixelLimits::default(),
            decode_concurrency: std::thread::available_parallelism().map_or(2, usize::from),
            derivative_workers: std::thread::available_parallelism().map_or(2, usize::from),
            derivative_lease: Self::DEFAULT_DERIVATIVE_LEASE,
            derivative_poll: Self::DEFAULT_DERIVATIVE_POLL,
            orphan_grace: Self::DEFAULT_ORPHAN_GRACE,
            sweep_interval: Some(Self::DEFAULT_SWEEP_INTERVAL),
            internal_secret: None,
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
