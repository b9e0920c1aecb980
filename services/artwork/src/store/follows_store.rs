//! Who follows which artist, and the feed that follows from it: the public works of the
//! artists a user follows, newest first.
//!
//! Invariants: a user never follows themselves (the table refuses it); following is
//! idempotent (one row per pair); the feed holds public works only (published, not hidden, not
//! deleted, derivatives made) and is a keyset walk by id, never an offset.

use chrono::{DateTime, Utc};

use super::{ArtworkRecord, StoreError};

/// Most artists one user may follow: bounds a follower's set, which a live watcher holds.
pub const MAX_FOLLOWS: u64 = 5000;

/// An artist as the catalogue knows them: by the works they have stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtistRef {
    pub id: String,
    pub username: String,
    /// Whether any of their works is public now (published, not hidden, not deleted).
    pub public: bool,
}

/// What a follow did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowOutcome {
    Followed,
    AlreadyFollowing,
    /// The follower already follows [`MAX_FOLLOWS`] artists; nothing was written.
    TooMany,
}

#[async_trait::async_trait]
pub trait FollowStore: Send + Sync + 'static {
    /// The artist whose user id, or else whose username, is `key`, if any live work of
    /// theirs is stored.
    async fn find_artist(&self, key: &str) -> Result<Option<ArtistRef>, StoreError>;
    /// `follower_id` follows `artist_id` from `at` (unchanged if they already did).
    /// `Invalid` when they are the same user.
    async fn follow(
        &self,
        follower_id: &str,
        artist_id: &str,
        at: DateTime<Utc>,
    ) -> Result<FollowOutcome, StoreError>;
    /// `follower_id` no longer follows `artist_id`; whether they did.
    async fn unfollow(&self, follower_id: &str, artist_id: &str) -> Result<bool, StoreError>;
    /// Every artist `follower_id` follows (at most [`MAX_FOLLOWS`]), order unspecified.
    async fn followed_artists(&self, follower_id: &str) -> Result<Vec<String>, StoreError>;
    /// Public works of the artists `follower_id` follows, newest first, strictly older than
    /// `before_id`.
    async fn feed(
        &self,
        follower_id: &str,
        limit: u32,
        before_id: Option<&str>,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
}
