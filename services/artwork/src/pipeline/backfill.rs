//! Derivatives for artworks stored before the image pipeline existed (new uploads go through
//! the derivative queue, `crate::derivatives`; both make them with the same
//! `derivatives::make::Maker`). The state lives in the rows themselves (ready, but no thumbnail
//! yet), so a backfill cut short by a restart simply resumes with the next start; an artwork
//! shows `thumbnail_url: null` until its turn comes.

use std::sync::Arc;

use tokio::sync::Semaphore;

use super::format::PixelLimits;
use crate::blobs::BlobStore;
use crate::derivatives::make::Maker;
use crate::store::{ArtworkRecord, ArtworkStore};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BackfillReport {
    pub made: u64,
    /// Artworks whose original is missing or does not decode; logged and left as they are.
    pub failed: u64,
}

const BATCH: u32 = 20;

pub async fn run(
    store: &Arc<dyn ArtworkStore>,
    blobs: &Arc<dyn BlobStore>,
    limits: PixelLimits,
    decode: &Arc<Semaphore>,
) -> Result<BackfillReport, crate::config::ArtworkError> {
    let maker = Maker {
        store: store.clone(),
        blobs: blobs.clone(),
        limits,
        decode: decode.clone(),
    };
    let mut report = BackfillReport::default();
    let mut after: Option<String> = None;
    loop {
        let batch = store.missing_derivatives(BATCH, after.as_deref()).await?;
        let Some(last) = batch.last() else {
            return Ok(report);
        };
        after = Some(last.id.clone());
        for artwork in batch {
            match one(&maker, &artwork).await {
                Ok(()) => report.made += 1,
                Err(e) => {
                    report.failed += 1;
                    tracing::warn!(artwork_id = %artwork.id, error = %e, "cannot make derivatives");
                }
            }
        }
    }
}

async fn one(maker: &Maker, artwork: &ArtworkRecord) -> Result<(), String> {
    let made = maker.make(artwork).await.map_err(|e| e.to_string())?;
    // An older work keeps the flag moderators saw (or did not) when it was published.
    maker
        .store
        .set_derivatives(&artwork.id, &made.thumbnail, &made.preview, made.phash)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(artwork_id = %artwork.id, "derivatives made for an older artwork");
    Ok(())
}
