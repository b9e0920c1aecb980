//! Making one artwork's derivatives from its stored original: read it, decode it (under the
//! decode semaphore, on a thread below the upload path's priority: `low_priority`), store the
//! thumbnail and preview, and compare its perceptual hash with other artists' works. The
//! derivative workers and the backfill both run this.

use std::sync::Arc;

use artstation_common::{ErrorCode, ServiceError};
use tokio::sync::Semaphore;

use super::low_priority;
use crate::blobs::{BlobKey, BlobStore};
use crate::pipeline::format::{ImageKind, PixelLimits};
use crate::pipeline::imaging;
use crate::store::{ArtworkRecord, ArtworkStore, MadeDerivatives};

/// Perceptual hashes this close (in bits, of 64) count as the same picture. Must stay below
/// `store::PHASH_BANDS` for the band index to find every match.
const NEAR_DUPLICATE_BITS: u32 = 5;
const _: () = assert!((NEAR_DUPLICATE_BITS as usize) < crate::store::PHASH_BANDS);

/// A hash with almost all bits equal comes from a picture with no structure (a flat colour, a
/// plain gradient): such pictures all look alike, so their likeness proves nothing.
fn distinctive(phash: u64) -> bool {
    (8..=56).contains(&phash.count_ones())
}

/// Why an artwork got no derivatives this time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Trying again will not help (the original does not decode, or is gone).
    Permanent(String),
    /// The blob store or the database failed; worth another try.
    Transient(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Permanent(r) | Self::Transient(r) => f.write_str(r),
        }
    }
}

fn transient(e: impl std::fmt::Display) -> Failure {
    Failure::Transient(e.to_string())
}

/// What making derivatives needs of the service.
#[derive(Clone)]
pub struct Maker {
    pub store: Arc<dyn ArtworkStore>,
    pub blobs: Arc<dyn BlobStore>,
    pub limits: PixelLimits,
    pub decode: Arc<Semaphore>,
}

impl Maker {
    /// Makes and stores `artwork`'s derivatives and finds the near-duplicate it resembles;
    /// recording them is the caller's (with the job, or by the backfill).
    pub async fn make(&self, artwork: &ArtworkRecord) -> Result<MadeDerivatives, Failure> {
        let id = uuid::Uuid::parse_str(&artwork.id)
            .map_err(|e| Failure::Permanent(format!("artwork id: {e}")))?;
        let key = BlobKey::parse(&artwork.blob_key)
            .map_err(|e| Failure::Permanent(format!("original key: {e}")))?;
        let data = crate::blobs::read_all(self.blobs.as_ref(), &key)
            .await
            .map_err(transient)?
            .ok_or_else(|| Failure::Permanent("the original is missing".to_owned()))?;
        let kind = ImageKind::sniff(&data[..data.len().min(ImageKind::SNIFF_LEN)])
            .ok_or_else(|| Failure::Permanent("the original is not an accepted image".into()))?;
        // Bounded by the decode semaphore like every decode, then run below the upload
        // path's priority (see `low_priority`).
        let permit = self
            .decode
            .clone()
            .acquire_owned()
            .await
            .map_err(transient)?;
        let (limits, artist) = (self.limits, artwork.artist_username.clone());
        let derived = low_priority::run(low_priority::NICE, move || {
            let _permit = permit;
            imaging::derive(&data, kind, limits, &artist)
        })
        .await
        .map_err(transient)?
        .map_err(|e: ServiceError| match e.code {
            ErrorCode::Internal => Failure::Transient(e.message),
            _ => Failure::Permanent(e.message),
        })?;
        let stored = crate::pipeline::store_derivatives(self.blobs.as_ref(), &id, derived)
            .await
            .map_err(transient)?;
        let near_duplicate_of = if distinctive(stored.phash) {
            self.store
                .near_duplicate(&artwork.artist_id, stored.phash, NEAR_DUPLICATE_BITS)
                .await
                .map_err(transient)?
                .map(|(other, distance)| {
                    tracing::warn!(artwork_id = %artwork.id, other = %other, distance, "artwork resembles another artist's; flagged");
                    other
                })
        } else {
            None
        };
        Ok(MadeDerivatives {
            thumbnail: stored.thumbnail,
            preview: stored.preview,
            phash: stored.phash,
            near_duplicate_of,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_structured_hashes_are_compared() {
        assert!(!distinctive(0));
        assert!(!distinctive(u64::MAX));
        assert!(!distinctive(0x7F));
        assert!(distinctive(0x9f3a_5c71_e20b_d846));
    }
}
