//! The orphan sweep. The upload path cleans up after itself, but a process killed between
//! writing a blob and inserting its row (or mid-way through a multipart upload, or while
//! staging) leaves something behind; the sweep removes what no row references once it is older
//! than a grace period, so uploads still in flight are never touched.

use std::time::{Duration, SystemTime};

use crate::blobs::{BlobKey, BlobStore};
use crate::config::ArtworkError;
use crate::store::ArtworkStore;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    /// Blobs looked at.
    pub scanned: u64,
    /// Unreferenced blobs removed.
    pub removed: u64,
    /// Leftover staged upload files removed.
    pub staged_removed: u64,
    /// Incomplete multipart uploads aborted.
    pub uploads_aborted: u64,
}

/// The artwork a blob key belongs to: `originals/<id>` or `derivatives/<id>/<variant>`.
fn artwork_id(key: &BlobKey) -> Option<uuid::Uuid> {
    let mut segs = key.as_str().split('/');
    segs.next()?;
    uuid::Uuid::parse_str(segs.next()?).ok()
}

pub async fn sweep(
    store: &dyn ArtworkStore,
    blobs: &dyn BlobStore,
    grace: Duration,
) -> Result<SweepReport, ArtworkError> {
    let cutoff = SystemTime::now()
        .checked_sub(grace)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut report = SweepReport::default();
    for prefix in BlobKey::PREFIXES {
        for blob in blobs.list(prefix).await? {
            report.scanned += 1;
            if blob.modified >= cutoff {
                continue;
            }
            let referenced = match artwork_id(&blob.key) {
                Some(id) => {
                    store
                        .blob_referenced(&id.to_string(), blob.key.as_str())
                        .await?
                }
                // Not a name this service gives; leave it to whoever put it there.
                None => true,
            };
            if !referenced {
                blobs.delete(&blob.key).await?;
                report.removed += 1;
                tracing::info!(key = %blob.key, size = blob.size, "removed orphaned blob");
            }
        }
    }
    report.staged_removed = sweep_staging(blobs.staging_dir(), cutoff).await;
    report.uploads_aborted = blobs.abort_stale_uploads(cutoff).await?;
    Ok(report)
}

/// Staged files are named `upload-*` / `put-*`; anything older than the cutoff was abandoned by
/// a process that died mid-upload.
async fn sweep_staging(dir: &std::path::Path, cutoff: SystemTime) -> u64 {
    let mut removed = 0;
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return 0;
    };
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with("upload-") || name.starts_with("put-")) {
            continue;
        }
        let old = entry
            .metadata()
            .await
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < cutoff);
        if old && tokio::fs::remove_file(entry.path()).await.is_ok() {
            removed += 1;
            tracing::info!(path = %entry.path().display(), "removed abandoned staged upload");
        }
    }
    removed
}
