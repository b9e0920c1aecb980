//! One conformance suite for every `BlobStore` backend: each scenario runs against local disk
//! and against a real S3 server (Garage on loopback, started for the test).

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, ensure};
use artstation_artwork::storage::{
    self, BlobKey, BlobStore, LocalDisk, S3Config, S3Store, Uncommitted, Variant,
};
use artstation_tests::Garage;
use bytes::Bytes;

async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
where
    F: Fn(Arc<dyn BlobStore>, Option<S3Config>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let disk: Arc<dyn BlobStore> = Arc::new(LocalDisk::open(dir.path().join("blobs")).await?);
    scenario(disk, None)
        .await
        .map_err(|e| e.context("on local disk"))?;

    let garage = Garage::start()?;
    let config = s3_config(&garage, dir.path())?;
    let s3: Arc<dyn BlobStore> = Arc::new(S3Store::open(config.clone()).await?);
    scenario(s3, Some(config))
        .await
        .map_err(|e| e.context("on S3 (Garage)"))
}

fn s3_config(garage: &Garage, dir: &std::path::Path) -> Result<S3Config> {
    Ok(S3Config {
        // Small enough that the suite exercises multipart uploads cheaply.
        multipart_threshold: 6 * 1024 * 1024,
        part_size: 5 * 1024 * 1024,
        ..common::s3_config(garage, dir.join("s3-staging"))
    })
}

fn bytes_of(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

async fn stage(store: &dyn BlobStore, data: &[u8]) -> Result<std::path::PathBuf> {
    let path = store
        .staging_dir()
        .join(format!("upload-{}", uuid::Uuid::now_v7().simple()));
    tokio::fs::write(&path, data).await?;
    Ok(path)
}

async fn read_range(
    store: &dyn BlobStore,
    key: &BlobKey,
    range: std::ops::Range<u64>,
) -> Result<Vec<u8>> {
    use futures::TryStreamExt as _;
    let read = store
        .read(key, Some(range.clone()))
        .await?
        .context("blob missing")?;
    ensure!(read.range == range, "range {:?} != {range:?}", read.range);
    let chunks: Vec<Bytes> = read.body.try_collect().await?;
    Ok(chunks.concat())
}

#[tokio::test]
async fn blobs_round_trip_whole_and_in_ranges() -> Result<()> {
    on_every_backend(|store, _| async move {
        let id = uuid::Uuid::now_v7();
        let key = BlobKey::original(&id);
        ensure!(store.read(&key, None).await?.is_none());
        ensure!(store.head(&key).await?.is_none());

        let data = bytes_of(300_000, 1);
        let staged = stage(store.as_ref(), &data).await?;
        let sha: [u8; 32] = {
            use sha2::Digest as _;
            sha2::Sha256::digest(&data).into()
        };
        store
            .put_file(&key, &staged, "image/png", Some(sha))
            .await?;
        let _ = tokio::fs::remove_file(&staged).await;
        ensure!(storage::read_all(store.as_ref(), &key).await?.as_deref() == Some(&data[..]));
        let info = store.head(&key).await?.context("head")?;
        ensure!(info.size == data.len() as u64 && info.key == key);
        ensure!(read_range(store.as_ref(), &key, 10..20).await? == data[10..20]);
        ensure!(
            read_range(store.as_ref(), &key, 299_990..300_000).await? == data[299_990..],
            "the last bytes"
        );
        ensure!(read_range(store.as_ref(), &key, 5..5).await?.is_empty());
        let whole = store.read(&key, None).await?.context("read")?;
        ensure!(whole.size == 300_000 && whole.range == (0..300_000));

        let thumb = BlobKey::derivative(&id, Variant::Thumbnail);
        store
            .put_bytes(&thumb, Bytes::from_static(b"thumb"), "image/jpeg")
            .await?;
        ensure!(storage::read_all(store.as_ref(), &thumb).await?.as_deref() == Some(&b"thumb"[..]));

        store.delete(&key).await?;
        ensure!(store.read(&key, None).await?.is_none());
        store.delete(&key).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn large_files_arrive_whole() -> Result<()> {
    on_every_backend(|store, _| async move {
        // Above the S3 multipart threshold used here: three parts, the last one short.
        let data = bytes_of(12 * 1024 * 1024 + 12_345, 7);
        let staged = stage(store.as_ref(), &data).await?;
        let key = BlobKey::original(&uuid::Uuid::now_v7());
        store.put_file(&key, &staged, "image/jpeg", None).await?;
        let _ = tokio::fs::remove_file(&staged).await;
        let back = storage::read_all(store.as_ref(), &key)
            .await?
            .context("missing")?;
        ensure!(
            back.len() == data.len() && back[..] == data[..],
            "content differs"
        );
        ensure!(
            store.abort_stale_uploads(SystemTime::now()).await? == 0,
            "a completed upload left a multipart upload open"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn listing_walks_prefixes_in_key_order() -> Result<()> {
    on_every_backend(|store, _| async move {
        let mut ids: Vec<uuid::Uuid> = (0..3).map(|_| uuid::Uuid::now_v7()).collect();
        ids.sort();
        for id in &ids {
            store
                .put_bytes(
                    &BlobKey::original(id),
                    Bytes::from_static(b"o"),
                    "image/png",
                )
                .await?;
            store
                .put_bytes(
                    &BlobKey::derivative(id, Variant::Preview),
                    Bytes::from_static(b"pp"),
                    "image/jpeg",
                )
                .await?;
        }
        let originals = store.list("originals/").await?;
        ensure!(
            originals
                .iter()
                .map(|b| b.key.clone())
                .eq(ids.iter().map(BlobKey::original)),
            "{originals:?}"
        );
        let derivatives = store.list("derivatives/").await?;
        ensure!(derivatives.len() == 3 && derivatives.iter().all(|b| b.size == 2));
        let recent = SystemTime::now() - Duration::from_secs(600);
        ensure!(
            originals.iter().all(|b| b.modified > recent),
            "{originals:?}"
        );
        ensure!(store.list("nothing/").await?.is_empty());
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_uncommitted_upload_removes_its_blobs() -> Result<()> {
    on_every_backend(|store, _| async move {
        let id = uuid::Uuid::now_v7();
        let mut guard = Uncommitted::new(store.clone());
        let key = guard.track(BlobKey::original(&id));
        store
            .put_bytes(&key, Bytes::from_static(b"half done"), "image/png")
            .await?;
        drop(guard);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while store.head(&key).await?.is_some() {
            ensure!(std::time::Instant::now() < deadline, "blob not removed");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }

        let mut kept = Uncommitted::new(store.clone());
        let key = kept.track(BlobKey::original(&uuid::Uuid::now_v7()));
        store
            .put_bytes(&key, Bytes::from_static(b"committed"), "image/png")
            .await?;
        kept.disarm();
        tokio::time::sleep(Duration::from_millis(100)).await;
        ensure!(
            store.head(&key).await?.is_some(),
            "a committed blob was removed"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn missing_files_bad_checksums_and_bad_credentials_are_errors() -> Result<()> {
    on_every_backend(|store, s3| async move {
        let key = BlobKey::original(&uuid::Uuid::now_v7());
        let missing = store.staging_dir().join("upload-missing");
        ensure!(
            store
                .put_file(&key, &missing, "image/png", None)
                .await
                .is_err()
        );
        ensure!(store.head(&key).await?.is_none());
        if let Some(mut config) = s3 {
            // The server checks the SHA-256 sent with an upload against what it received.
            let staged = stage(store.as_ref(), b"these bytes").await?;
            let wrong = store
                .put_file(&key, &staged, "image/png", Some([7u8; 32]))
                .await;
            let _ = tokio::fs::remove_file(&staged).await;
            ensure!(wrong.is_err(), "a checksum mismatch was accepted");
            ensure!(store.head(&key).await?.is_none());
            config.secret_access_key = "0".repeat(64);
            ensure!(
                S3Store::open(config).await.is_err(),
                "a wrong secret must fail at open, not at the first upload"
            );
        }
        Ok(())
    })
    .await
}
