//! The artwork service's catalogue storage: one trait, one implementation per backend, chosen
//! once at start from the database URL.
//!
//! Soft-deleted artworks keep their row (and so their blobs: the orphan sweep removes only
//! blobs no row names), because buyers keep access to what they bought; see
//! [`EntitlementStore`].

mod catalogue_sql;
mod catalogue_store;
mod derivative_queue_sql;
mod derivative_queue_store;
mod entitlement_sql;
mod entitlement_store;
mod follows_sql;
mod follows_store;
mod mine_sql;
mod mine_store;
mod moderation_queue_sql;
mod moderation_sql;
mod moderation_store;
mod postgres;
mod search_sql;
mod settings_sql;
mod sql;
mod sqlite;

use std::sync::Arc;

use artstation_common::db::{self, Backend};
use artstation_domain::{
    ArtworkStatus, CategorySlug, Description, EditionSize, Licence, Money, Tag, Title,
};
use chrono::{DateTime, Utc};

pub use catalogue_store::{
    After, ArtworkPatch, CatalogueStore, Category, FAVORITE_WEIGHT, Filter, PriceChange, Sale,
    Selection, Sort, VIEW_WEIGHT, ViewTally, bump_popularity, unbump_popularity,
};
pub use derivative_queue_store::{
    ClaimedJob, DerivativeJob, DerivativeQueue, DerivativeState, JobState, MadeDerivatives,
};
pub use entitlement_store::{Entitlement, EntitlementStore, SaleFact};
pub use follows_store::{ArtistRef, FollowOutcome, FollowStore, MAX_FOLLOWS};
pub use mine_store::{MAX_LOOKUP, MineStore, OwnedOriginal};
pub use moderation_store::{
    AppealRecord, AuditEntry, AuditFilter, AuditOutcome, AuditStore, ModerationAction,
    ModerationCommand, ModerationState, ModerationStore, NewReport, QUEUE_NOTES, QueueFilter,
    QueueRow, ReportOutcome, ReportRecord,
};
pub use postgres::PgArtworkStore;
pub use sqlite::SqliteArtworkStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The same artist already has an artwork with these bytes.
    #[error("duplicate of artwork {existing_id}")]
    Duplicate { existing_id: String },
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// An artwork in a bulk change belongs to someone else.
    #[error("artwork {id} is not yours")]
    NotOwner { id: String },
    /// A requested change is out of range.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("no such artwork {id}")]
    Missing { id: String },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Open(#[from] db::DbError),
}

/// An artwork as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtworkRecord {
    pub id: String,
    pub artist_id: String,
    pub artist_username: String,
    pub title: Title,
    pub description: Description,
    pub tags: Vec<Tag>,
    pub category: Option<CategorySlug>,
    /// The list price; a running sale lowers what buyers pay, never this.
    pub price: Money,
    pub licence: Licence,
    pub edition_size: EditionSize,
    pub status: ArtworkStatus,
    pub content_type: String,
    pub size_bytes: u64,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
    pub blob_key: String,
    pub favorite_count: u64,
    /// Serials sold so far, refunded ones included (kept in step by `record_sale`; ignored by
    /// `create`).
    pub editions_sold: u64,
    pub created_at: DateTime<Utc>,
    /// `None` only for rows from before the image pipeline.
    pub thumbnail: Option<Derivative>,
    pub preview: Option<Derivative>,
    /// dHash of the picture; `None` for rows from before the image pipeline.
    pub phash: Option<u64>,
    /// Another artist's artwork this one looks like, for moderators.
    pub near_duplicate_of: Option<String>,
    /// Whether the derivatives are made; `create` queues a job for a `Pending` one.
    pub derivatives: DerivativeState,
}

/// A stored derivative image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivative {
    pub blob_key: String,
    /// Hex SHA-256 of its bytes: its strong ETag.
    pub sha256: String,
}

/// Number of bands a perceptual hash is cut into; matches within `PHASH_BANDS - 1` bits are
/// guaranteed to share a band.
pub const PHASH_BANDS: usize = 6;
const BAND_BITS: [u32; PHASH_BANDS] = [11, 11, 11, 11, 10, 10];

/// The bands of a 64-bit perceptual hash (see the `artwork_phash_bands` table).
pub fn phash_bands(hash: u64) -> [i64; PHASH_BANDS] {
    let mut out = [0i64; PHASH_BANDS];
    let mut shift = 0;
    for (slot, bits) in out.iter_mut().zip(BAND_BITS) {
        *slot = i64::try_from((hash >> shift) & ((1u64 << bits) - 1)).unwrap_or(0);
        shift += bits;
    }
    out
}

/// SQL stores signed 64-bit integers; the hash's bits are kept as they are.
pub(crate) fn phash_to_sql(h: u64) -> i64 {
    i64::from_ne_bytes(h.to_ne_bytes())
}

pub(crate) fn phash_from_sql(v: i64) -> u64 {
    u64::from_ne_bytes(v.to_ne_bytes())
}

#[async_trait::async_trait]
pub trait ArtworkStore:
    CatalogueStore
    + DerivativeQueue
    + EntitlementStore
    + FollowStore
    + MineStore
    + ModerationStore
    + Send
    + Sync
    + 'static
{
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Inserts an artwork; `Duplicate` if its artist already has a live (not deleted) one with
    /// the same SHA-256. A `Pending` artwork gets its derivative job in the same transaction.
    async fn create(&self, artwork: &ArtworkRecord) -> Result<(), StoreError>;
    async fn get(&self, id: &str) -> Result<Option<ArtworkRecord>, StoreError>;
    /// The id of `artist_id`'s live (not deleted) artwork with this SHA-256, if any.
    async fn find_by_sha256(
        &self,
        artist_id: &str,
        sha256: &str,
    ) -> Result<Option<String>, StoreError>;
    /// Whether artwork `artwork_id` references this blob key (for the orphan sweep).
    async fn blob_referenced(&self, artwork_id: &str, blob_key: &str) -> Result<bool, StoreError>;
    /// The nearest public artwork of another artist whose perceptual hash is within
    /// `max_distance` bits of `phash` (`max_distance < PHASH_BANDS`), with its distance.
    async fn near_duplicate(
        &self,
        artist_id: &str,
        phash: u64,
        max_distance: u32,
    ) -> Result<Option<(String, u32)>, StoreError>;
    /// `Ready` artworks lacking a derivative (rows from before the image pipeline; pending
    /// ones belong to the derivative queue), oldest first, strictly newer than `after_id`.
    async fn missing_derivatives(
        &self,
        limit: u32,
        after_id: Option<&str>,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
    /// Records the derivatives and perceptual hash made for an existing artwork.
    async fn set_derivatives(
        &self,
        id: &str,
        thumbnail: &Derivative,
        preview: &Derivative,
        phash: u64,
    ) -> Result<(), StoreError>;
    /// Flagged artworks (any status), newest first, strictly older than `before_id`.
    async fn list_flagged(
        &self,
        limit: u32,
        before_id: Option<&str>,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
}

/// Opens the store a database URL names and applies its migrations.
pub async fn open(url: &str) -> Result<Arc<dyn ArtworkStore>, StoreError> {
    // Before connecting: the first connection to a fresh SQLite file switches it to WAL,
    // which another opener of the same file at that moment can make fail as "locked".
    let _lock = db::migration_lock(url).await?;
    let store: Arc<dyn ArtworkStore> = match Backend::of_url(url)? {
        Backend::Sqlite => Arc::new(SqliteArtworkStore::new(db::connect_sqlite(url).await?)),
        Backend::Postgres => Arc::new(PgArtworkStore::new(db::connect_postgres(url).await?)),
    };
    store.migrate().await?;
    Ok(store)
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_hashes_share_a_band() {
        let a = 0x9f3a_5c71_e20b_d846u64;
        assert_eq!(phash_from_sql(phash_to_sql(a)), a);
        assert_eq!(phash_from_sql(phash_to_sql(u64::MAX)), u64::MAX);
        // Flip any PHASH_BANDS - 1 bits: some band must be unchanged.
        for seed in 0..2000u64 {
            let mut b = a;
            let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            for _ in 0..PHASH_BANDS - 1 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b ^= 1 << (x % 64);
            }
            let same = phash_bands(a)
                .iter()
                .zip(phash_bands(b))
                .any(|(x, y)| *x == y);
            assert!(same, "{a:x} vs {b:x}");
        }
        assert_eq!(BAND_BITS.iter().sum::<u32>(), 64);
    }
}
