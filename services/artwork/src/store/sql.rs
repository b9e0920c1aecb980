//! The SQL of the artwork store, written once for both backends (SQLite and PostgreSQL accept
//! the same `$n` placeholders and types used here); the macro generates both implementations.

macro_rules! artwork_store_impl {
    ($store:ident, $pool:ty, $db:ty, $migrations:literal) => {
        use artstation_domain::ArtworkStatus;
        use chrono::{DateTime, Utc};

        use super::{ArtworkRecord, ArtworkStore, StoreError, is_unique_violation};

        pub struct $store {
            pool: $pool,
        }

        impl $store {
            pub fn new(pool: $pool) -> Self {
                Self { pool }
            }
        }

        const COLUMNS: &str = "id, artist_id, artist_username, title, description, tags, \
             category, price_minor, currency, licence, edition_size, status, content_type, \
             size_bytes, width, height, sha256, blob_key, favorite_count, created_at, hidden_at";

        #[derive(sqlx::FromRow)]
        struct Row {
            id: String,
            artist_id: String,
            artist_username: String,
            title: String,
            description: String,
            tags: String,
            category: String,
            price_minor: i64,
            currency: String,
            licence: String,
            edition_size: i32,
            status: String,
            content_type: String,
            size_bytes: i64,
            width: i32,
            height: i32,
            sha256: String,
            blob_key: String,
            favorite_count: i64,
            created_at: DateTime<Utc>,
            hidden_at: Option<DateTime<Utc>>,
        }

        impl TryFrom<Row> for ArtworkRecord {
            type Error = StoreError;
            fn try_from(r: Row) -> Result<Self, StoreError> {
                let corrupt = |what: &str| StoreError::Corrupt(format!("artwork {}: {what}", r.id));
                Ok(ArtworkRecord {
                    tags: serde_json::from_str(&r.tags).map_err(|_| corrupt("tags"))?,
                    status: match r.hidden_at {
                        Some(_) => ArtworkStatus::Hidden,
                        None => ArtworkStatus::parse(&r.status).map_err(|_| corrupt("status"))?,
                    },
                    edition_size: u32::try_from(r.edition_size).map_err(|_| corrupt("edition"))?,
                    size_bytes: u64::try_from(r.size_bytes).map_err(|_| corrupt("size"))?,
                    width: u32::try_from(r.width).map_err(|_| corrupt("width"))?,
                    height: u32::try_from(r.height).map_err(|_| corrupt("height"))?,
                    favorite_count: u64::try_from(r.favorite_count)
                        .map_err(|_| corrupt("favorites"))?,
                    id: r.id,
                    artist_id: r.artist_id,
                    artist_username: r.artist_username,
                    title: r.title,
                    description: r.description,
                    category: r.category,
                    price_minor: r.price_minor,
                    currency: r.currency,
                    licence: r.licence,
                    content_type: r.content_type,
                    sha256: r.sha256,
                    blob_key: r.blob_key,
                    created_at: r.created_at,
                })
            }
        }

        /// Rewrites the tag index rows of an artwork inside the caller's transaction.
        async fn replace_tags(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: &str,
            tags: &[String],
        ) -> Result<(), StoreError> {
            sqlx::query("DELETE FROM artwork_tags WHERE artwork_id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            for tag in tags {
                sqlx::query(
                    "INSERT INTO artwork_tags (artwork_id, tag) VALUES ($1, $2) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(tag)
                .execute(&mut **tx)
                .await?;
            }
            Ok(())
        }

        fn to_i64(v: u64) -> i64 {
            i64::try_from(v).unwrap_or(i64::MAX)
        }

        fn to_i32(v: u32) -> i32 {
            i32::try_from(v).unwrap_or(i32::MAX)
        }

        #[async_trait::async_trait]
        impl ArtworkStore for $store {
            async fn migrate(&self) -> Result<(), StoreError> {
                sqlx::migrate!($migrations)
                    .run(&self.pool)
                    .await
                    .map_err(|e| StoreError::Open(e.into()))
            }

            async fn create(&self, a: &ArtworkRecord) -> Result<(), StoreError> {
                let tags = serde_json::to_string(&a.tags)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                // The row and its tag index rows land together or not at all.
                let mut tx = self.pool.begin().await?;
                let res = sqlx::query(
                    "INSERT INTO artworks (id, artist_id, artist_username, title, description, \
                     tags, category, price_minor, currency, licence, edition_size, status, \
                     content_type, size_bytes, width, height, sha256, blob_key, favorite_count, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                     $14, $15, $16, $17, $18, $19, $20)",
                )
                .bind(&a.id)
                .bind(&a.artist_id)
                .bind(&a.artist_username)
                .bind(&a.title)
                .bind(&a.description)
                .bind(tags)
                .bind(&a.category)
                .bind(a.price_minor)
                .bind(&a.currency)
                .bind(&a.licence)
                .bind(to_i32(a.edition_size))
                .bind(a.status.as_str())
                .bind(&a.content_type)
                .bind(to_i64(a.size_bytes))
                .bind(to_i32(a.width))
                .bind(to_i32(a.height))
                .bind(&a.sha256)
                .bind(&a.blob_key)
                .bind(to_i64(a.favorite_count))
                .bind(a.created_at)
                .execute(&mut *tx)
                .await;
                match res {
                    Ok(_) => {
                        replace_tags(&mut tx, &a.id, &a.tags).await?;
                        tx.commit().await?;
                        Ok(())
                    }
                    Err(e) if is_unique_violation(&e) => {
                        drop(tx);
                        match self.find_by_sha256(&a.artist_id, &a.sha256).await? {
                            Some(existing_id) => Err(StoreError::Duplicate { existing_id }),
                            None => Err(e.into()),
                        }
                    }
                    Err(e) => Err(e.into()),
                }
            }

            async fn get(&self, id: &str) -> Result<Option<ArtworkRecord>, StoreError> {
                let sql = format!("SELECT {COLUMNS} FROM artworks WHERE id = $1 AND deleted_at IS NULL");
                sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(ArtworkRecord::try_from)
                    .transpose()
            }

            async fn find_by_sha256(
                &self,
                artist_id: &str,
                sha256: &str,
            ) -> Result<Option<String>, StoreError> {
                let row: Option<(String,)> = sqlx::query_as(
                    "SELECT id FROM artworks WHERE artist_id = $1 AND sha256 = $2",
                )
                .bind(artist_id)
                .bind(sha256)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(id,)| id))
            }

            async fn list_published(
                &self,
                limit: u32,
                before_id: Option<&str>,
            ) -> Result<Vec<ArtworkRecord>, StoreError> {
                let sql = format!(
                    "SELECT {COLUMNS} FROM artworks WHERE status = 'published' \
                     AND hidden_at IS NULL AND deleted_at IS NULL \
                     AND ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2"
                );
                let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
                    .bind(before_id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(ArtworkRecord::try_from).collect()
            }

            async fn blob_referenced(&self, blob_key: &str) -> Result<bool, StoreError> {
                let row: Option<(i32,)> =
                    sqlx::query_as("SELECT 1 FROM artworks WHERE blob_key = $1")
                        .bind(blob_key)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.is_some())
            }
        }
    };
}

pub(super) use artwork_store_impl;
