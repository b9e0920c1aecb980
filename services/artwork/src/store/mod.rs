//! The artwork service's catalogue storage: one trait, one implementation per backend, chosen
//! once at start from the database URL.

mod catalogue;
mod catalogue_sql;
mod postgres;
mod sql;
mod sqlite;

use std::sync::Arc;

use artstation_common::db::{self, Backend};
use artstation_domain::ArtworkStatus;
use chrono::{DateTime, Utc};

pub use catalogue::{
    After, ArtworkPatch, CatalogueStore, Category, Filter, PriceChange, Sale, Selection, Sort,
    bump_popularity,
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
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub category: String,
    pub price_minor: i64,
    pub currency: String,
    pub licence: String,
    pub edition_size: u32,
    pub status: ArtworkStatus,
    pub content_type: String,
    pub size_bytes: u64,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
    pub blob_key: String,
    pub favorite_count: u64,
    pub created_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait ArtworkStore: CatalogueStore + Send + Sync + 'static {
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Inserts an artwork; `Duplicate` if its artist already has one with the same SHA-256.
    async fn create(&self, artwork: &ArtworkRecord) -> Result<(), StoreError>;
    async fn get(&self, id: &str) -> Result<Option<ArtworkRecord>, StoreError>;
    /// The id of `artist_id`'s artwork with this SHA-256, if any.
    async fn find_by_sha256(
        &self,
        artist_id: &str,
        sha256: &str,
    ) -> Result<Option<String>, StoreError>;
    /// Published artworks, newest first, strictly older than `before_id` when given.
    async fn list_published(
        &self,
        limit: u32,
        before_id: Option<&str>,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
    /// Whether a row references this blob key (for the orphan sweep).
    async fn blob_referenced(&self, blob_key: &str) -> Result<bool, StoreError>;
}

/// Opens the store a database URL names and applies its migrations.
pub async fn open(url: &str) -> Result<Arc<dyn ArtworkStore>, StoreError> {
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
