//! The image pipeline: `format` (what an accepted image is), `ingest` (stage, hash, sniff,
//! header limits, `jpeg_scan`: a JPEG whole to its end), `imaging` (decode, orient, resize,
//! watermark, encode, dHash), `font` (the watermark's glyphs), and `backfill` (derivatives
//! for rows from before the pipeline). This module owns the store step of the derivatives
//! the workers and the backfill make (`crate::derivatives::make`, which decodes under the
//! decode semaphore on a low-priority thread): both written under the artwork's own keys.

pub mod backfill;
mod font;
pub mod format;
pub mod imaging;
pub mod ingest;
mod jpeg_scan;

use crate::blobs::{BlobKey, BlobStore, StorageError, Variant};
use crate::store::Derivative;
use imaging::{DERIVATIVE_CONTENT_TYPE, Derivatives};

/// The stored thumbnail and preview of one artwork.
pub struct StoredDerivatives {
    pub thumbnail: Derivative,
    pub preview: Derivative,
    pub phash: u64,
}

/// Writes both derivatives of artwork `id` under its own fixed keys. Nothing deletes them on
/// a failure: a retry overwrites them, and a worker that lost its lease must not delete what
/// the one that took over has recorded; the orphan sweep removes those never recorded.
pub async fn store_derivatives(
    blobs: &dyn BlobStore,
    id: &uuid::Uuid,
    derived: Derivatives,
) -> Result<StoredDerivatives, StorageError> {
    let thumb_key = BlobKey::derivative(id, Variant::Thumbnail);
    let preview_key = BlobKey::derivative(id, Variant::Preview);
    tokio::try_join!(
        blobs.put_bytes(
            &thumb_key,
            derived.thumbnail.bytes.into(),
            DERIVATIVE_CONTENT_TYPE
        ),
        blobs.put_bytes(
            &preview_key,
            derived.preview.bytes.into(),
            DERIVATIVE_CONTENT_TYPE
        ),
    )?;
    Ok(StoredDerivatives {
        thumbnail: Derivative {
            blob_key: thumb_key.as_str().to_owned(),
            sha256: derived.thumbnail.sha256,
        },
        preview: Derivative {
            blob_key: preview_key.as_str().to_owned(),
            sha256: derived.preview.sha256,
        },
        phash: derived.phash,
    })
}
