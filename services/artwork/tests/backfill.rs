//! Artworks stored before the image pipeline get their derivatives in the background, on
//! SQLite with local disk and on PostgreSQL with S3 (Garage); an original that does not decode
//! is reported and left alone.

mod common;

use std::sync::Arc;

use anyhow::{Context, Result, ensure};
use artstation_artwork::backfill;
use artstation_artwork::imaging::PixelLimits;
use artstation_artwork::storage::{self, BlobKey, BlobStore};
use artstation_artwork::store::{ArtworkRecord, ArtworkStore};
use artstation_tests::images::pattern_jpeg;
use bytes::Bytes;
use tokio::sync::Semaphore;

fn legacy(id: uuid::Uuid, data: &[u8]) -> ArtworkRecord {
    ArtworkRecord {
        artist_id: "artist-1".into(),
        artist_username: "ann".into(),
        title: common::title("From the walking skeleton"),
        content_type: "image/jpeg".into(),
        size_bytes: data.len() as u64,
        width: 900,
        height: 600,
        ..common::artwork(id, "ann")
    }
}

async fn scenario(store: Arc<dyn ArtworkStore>, blobs: Arc<dyn BlobStore>) -> Result<()> {
    let good = uuid::Uuid::now_v7();
    let jpeg = pattern_jpeg(900, 600, 3);
    blobs
        .put_bytes(
            &BlobKey::original(&good),
            Bytes::from(jpeg.clone()),
            "image/jpeg",
        )
        .await?;
    store.create(&legacy(good, &jpeg)).await?;
    let broken = uuid::Uuid::now_v7();
    let garbage = b"\xFF\xD8\xFF not really a jpeg".to_vec();
    blobs
        .put_bytes(
            &BlobKey::original(&broken),
            Bytes::from(garbage.clone()),
            "image/jpeg",
        )
        .await?;
    store.create(&legacy(broken, &garbage)).await?;
    ensure!(store.missing_derivatives(10, None).await?.len() == 2);

    let decode = Arc::new(Semaphore::new(2));
    let report = backfill::run(&store, &blobs, PixelLimits::default(), &decode).await?;
    ensure!(report.made == 1 && report.failed == 1, "{report:?}");

    let a = store.get(&good.to_string()).await?.context("row")?;
    let thumb = a.thumbnail.context("no thumbnail recorded")?;
    ensure!(a.preview.is_some() && a.phash.is_some());
    let bytes = storage::read_all(blobs.as_ref(), &BlobKey::parse(&thumb.blob_key)?)
        .await?
        .context("thumbnail blob")?;
    let img = image::load_from_memory(&bytes)?;
    ensure!(
        (img.width(), img.height()) == (400, 267),
        "{}x{}",
        img.width(),
        img.height()
    );
    // The backfilled hash takes part in near-duplicate search like any other.
    ensure!(
        store
            .near_duplicate("artist-2", a.phash.unwrap_or_default(), 0)
            .await?
            .map(|(id, _)| id)
            == Some(good.to_string())
    );
    let b = store.get(&broken.to_string()).await?.context("row")?;
    ensure!(b.thumbnail.is_none(), "a broken original got derivatives");

    // Nothing left to do but the broken one, which is tried again next start.
    let again = backfill::run(&store, &blobs, PixelLimits::default(), &decode).await?;
    ensure!(again.made == 0 && again.failed == 1, "{again:?}");
    Ok(())
}

#[tokio::test]
async fn backfill_on_sqlite_and_local_disk() -> Result<()> {
    common::on_sqlite_and_disk(scenario).await
}

#[tokio::test]
async fn backfill_on_postgres_and_s3() -> Result<()> {
    common::on_postgres_and_s3(scenario).await
}
