//! Derivatives for artworks stored before the image pipeline existed. The state lives in the
//! rows themselves (no thumbnail yet), so a backfill cut short by a restart simply resumes with
//! the next start; an artwork shows `thumbnail_url: null` until its turn comes.

use std::sync::Arc;

use tokio::sync::Semaphore;

use super::format::{ImageKind, PixelLimits};
use crate::blobs::{BlobKey, BlobStore, Uncommitted};
use crate::store::{ArtworkRecord, ArtworkStore};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BackfillReport {
    pub made: u64,
    /// Artworks whose original is missing or does not decode; logged and left as they are.
    pub failed: u64,
}

const BATCH: u32 = 20;

pub async fn run(
    store: &dyn ArtworkStore,
    blobs: &Arc<dyn BlobStore>,
    limits: PixelLimits,
    decode: &Arc<Semaphore>,
) -> Result<BackfillReport, crate::config::ArtworkError> {
    let mut report = BackfillReport::default();
    let mut after: Option<String> = None;
    loop {
        let batch = store.missing_derivatives(BATCH, after.as_deref()).await?;
        let Some(last) = batch.last() else {
            return Ok(report);
        };
        after = Some(last.id.clone());
        for artwork in batch {
            match one(store, blobs, limits, decode, &artwork).await {
                Ok(()) => report.made += 1,
                Err(e) => {
                    report.failed += 1;
                    tracing::warn!(artwork_id = %artwork.id, error = %e, "cannot make derivatives");
                }
            }
        }
    }
}

async fn one(
    store: &dyn ArtworkStore,
    blobs: &Arc<dyn BlobStore>,
    limits: PixelLimits,
    decode: &Arc<Semaphore>,
    artwork: &ArtworkRecord,
) -> Result<(), String> {
    let id = uuid::Uuid::parse_str(&artwork.id).map_err(|e| e.to_string())?;
    let key = BlobKey::parse(&artwork.blob_key).map_err(|e| e.to_string())?;
    let data = crate::blobs::read_all(blobs.as_ref(), &key)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the original is missing")?;
    let kind = ImageKind::sniff(&data[..data.len().min(16)]).ok_or("not an accepted image")?;
    let derived = super::derive(decode, limits, kind, &artwork.artist_username, move || {
        Ok(data)
    })
    .await
    .map_err(|e| e.to_string())?;
    let mut written = Uncommitted::new(blobs.clone());
    let stored = super::store_derivatives(blobs.as_ref(), &mut written, &id, derived)
        .await
        .map_err(|e| e.to_string())?;
    store
        .set_derivatives(
            &artwork.id,
            &stored.thumbnail,
            &stored.preview,
            stored.phash,
        )
        .await
        .map_err(|e| e.to_string())?;
    written.disarm();
    tracing::info!(artwork_id = %artwork.id, "derivatives made for an older artwork");
    Ok(())
}
