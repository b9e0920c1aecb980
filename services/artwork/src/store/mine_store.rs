//! The artist's own view of the artwork store: which originals they already uploaded (by
//! SHA-256, so a client can skip a file without sending it) and every work of theirs, drafts and
//! hidden ones included.
//!
//! Invariants: both answer for one artist's live (not deleted) works only, so neither can tell
//! anyone what another artist holds; both are keyset walks of `(artist_id, …)` indexes.

use artstation_domain::ArtworkStatus;

use super::{ArtworkRecord, StoreError};

/// Most SHA-256s one lookup may ask about (keeps the query's parameter list bounded).
pub const MAX_LOOKUP: usize = 1000;

/// A live work of the artist whose original has `sha256`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedOriginal {
    pub sha256: String,
    pub id: String,
    pub status: ArtworkStatus,
}

#[async_trait::async_trait]
pub trait MineStore: Send + Sync + 'static {
    /// `artist_id`'s live works whose original's SHA-256 (lower-case hex) is among `sha256s`
    /// (at most [`MAX_LOOKUP`]); order unspecified.
    async fn lookup_sha256(
        &self,
        artist_id: &str,
        sha256s: &[String],
    ) -> Result<Vec<OwnedOriginal>, StoreError>;
    /// `artist_id`'s live works (of `status`, when given: hidden means hidden by moderation,
    /// whatever the artist's own status), newest first, strictly older than `before_id`.
    async fn list_mine(
        &self,
        artist_id: &str,
        status: Option<ArtworkStatus>,
        limit: u32,
        before_id: Option<&str>,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
}
