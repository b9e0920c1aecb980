//! The orphan sweep on every combination that ships: SQLite with local disk, PostgreSQL with
//! S3 (Garage). It removes exactly the blobs no row references once they are older than the
//! grace period, and abandoned staged files.

mod common;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, ensure};
use artstation_artwork::gc;
use artstation_artwork::storage::{BlobKey, BlobStore, Variant};
use artstation_artwork::store::{ArtworkRecord, ArtworkStore};
use bytes::Bytes;

fn record(id: uuid::Uuid) -> ArtworkRecord {
    common::with_derivatives(ArtworkRecord {
        artist_id: "artist-1".into(),
        artist_username: "ann".into(),
        title: common::title("Kept"),
        ..common::artwork(id, "ann")
    })
}

async fn scenario(store: Arc<dyn ArtworkStore>, blobs: Arc<dyn BlobStore>) -> Result<()> {
    let kept = uuid::Uuid::now_v7();
    store.create(&record(kept)).await?;
    let orphan = uuid::Uuid::now_v7();
    let mut keys_kept = Vec::new();
    let mut keys_orphan = Vec::new();
    for (id, into) in [(kept, &mut keys_kept), (orphan, &mut keys_orphan)] {
        for key in [
            BlobKey::original(&id),
            BlobKey::derivative(&id, Variant::Thumbnail),
            BlobKey::derivative(&id, Variant::Preview),
        ] {
            blobs
                .put_bytes(&key, Bytes::from_static(b"data"), "image/png")
                .await?;
            into.push(key);
        }
    }
    let staged = blobs.staging_dir().join("upload-abandoned");
    tokio::fs::write(&staged, b"half an upload").await?;

    // Within the grace period nothing is touched: it may be an upload in flight.
    let report = gc::sweep(store.as_ref(), blobs.as_ref(), Duration::from_secs(3600)).await?;
    ensure!(
        report.removed == 0 && report.staged_removed == 0,
        "{report:?}"
    );
    ensure!(report.scanned == 6, "{report:?}");
    ensure!(staged.exists());

    // Past it, exactly the unreferenced blobs go.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let report = gc::sweep(store.as_ref(), blobs.as_ref(), Duration::from_secs(1)).await?;
    ensure!(
        report.removed == 3 && report.staged_removed == 1,
        "{report:?}"
    );
    for key in &keys_kept {
        ensure!(blobs.head(key).await?.is_some(), "{key} was removed");
    }
    for key in &keys_orphan {
        ensure!(blobs.head(key).await?.is_none(), "{key} survived");
    }
    ensure!(!staged.exists());
    let again = gc::sweep(store.as_ref(), blobs.as_ref(), Duration::ZERO).await?;
    ensure!(again.removed == 0 && again.scanned == 3, "{again:?}");
    Ok(())
}

#[tokio::test]
async fn sweep_on_sqlite_and_local_disk() -> Result<()> {
    common::on_sqlite_and_disk(scenario).await
}

#[tokio::test]
async fn sweep_on_postgres_and_s3() -> Result<()> {
    common::on_postgres_and_s3(scenario).await
}
