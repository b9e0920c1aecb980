//! Set-up shared by the artwork crate's integration tests: the two storage profiles a scenario
//! runs on (SQLite with local disk, and PostgreSQL with a real S3 server).

// Each test crate compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;

use anyhow::Result;
use artstation_artwork::storage::{BlobStore, LocalDisk, S3Config, S3Store};
use artstation_artwork::store::{self, ArtworkStore};
use artstation_tests::{FreshPostgres, Garage};

/// An S3 configuration for a running Garage.
pub fn s3_config(garage: &Garage, staging: std::path::PathBuf) -> S3Config {
    S3Config {
        bucket: garage.bucket.clone(),
        endpoint: Some(garage.endpoint.clone()),
        region: artstation_tests::garage::REGION.into(),
        access_key_id: garage.access_key_id.clone(),
        secret_access_key: garage.secret_access_key.clone(),
        session_token: None,
        multipart_threshold: S3Config::DEFAULT_MULTIPART_THRESHOLD,
        part_size: S3Config::DEFAULT_PART_SIZE,
        staging_dir: staging,
    }
}

/// Runs `scenario` on the embedded default: SQLite and originals on local disk.
pub async fn on_sqlite_and_disk<F, Fut>(scenario: F) -> Result<()>
where
    F: FnOnce(Arc<dyn ArtworkStore>, Arc<dyn BlobStore>) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let store = store::open(&format!("sqlite://{}", dir.path().join("a.db").display())).await?;
    let blobs: Arc<dyn BlobStore> = Arc::new(LocalDisk::open(dir.path().join("blobs")).await?);
    scenario(store, blobs).await
}

/// Runs `scenario` on the production profile: a fresh PostgreSQL database and Garage.
pub async fn on_postgres_and_s3<F, Fut>(scenario: F) -> Result<()>
where
    F: FnOnce(Arc<dyn ArtworkStore>, Arc<dyn BlobStore>) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let garage = Garage::start()?;
    let dir = tempfile::tempdir()?;
    let blobs: Arc<dyn BlobStore> =
        Arc::new(S3Store::open(s3_config(&garage, dir.path().join("staging"))).await?);
    let pg = FreshPostgres::create().await?;
    let result = async { scenario(store::open(&pg.url).await?, blobs).await }.await;
    pg.drop_database().await?;
    result
}
