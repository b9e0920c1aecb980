//! The SQL of the artwork store, written once for both backends (SQLite and PostgreSQL accept
//! the same `$n` placeholders and types used here); the macro generates both implementations.

macro_rules! artwork_store_impl {
    ($store:ident, $pool:ty, $db:ty, $migrations:literal) => {
        use artstation_domain::{
            ArtworkStatus, CategorySlug, Currency, Description, EditionSize, Licence, Money, Tag,
            Title,
        };
        use chrono::{DateTime, Utc};

        use super::{
            ArtworkRecord, ArtworkStore, Derivative, DerivativeState, StoreError,
            is_unique_violation, phash_bands, phash_from_sql, phash_to_sql,
        };

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
             size_bytes, width, height, sha256, blob_key, favorite_count, created_at, \
             thumbnail_key, thumbnail_sha256, preview_key, preview_sha256, phash, \
             near_duplicate_of, hidden_at, editions_sold, derivatives";

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
            thumbnail_key: Option<String>,
            thumbnail_sha256: Option<String>,
            preview_key: Option<String>,
            preview_sha256: Option<String>,
            phash: Option<i64>,
            near_duplicate_of: Option<String>,
            editions_sold: i64,
            derivatives: String,
        }

        fn derivative(key: Option<String>, sha256: Option<String>) -> Option<Derivative> {
            Some(Derivative {
                blob_key: key?,
                sha256: sha256?,
            })
        }

        impl TryFrom<Row> for ArtworkRecord {
            type Error = StoreError;
            fn try_from(r: Row) -> Result<Self, StoreError> {
                let corrupt = |what: &str| StoreError::Corrupt(format!("artwork {}: {what}", r.id));
                let tags: Vec<String> =
                    serde_json::from_str(&r.tags).map_err(|_| corrupt("tags"))?;
                let currency = Currency::parse(&r.currency).map_err(|_| corrupt("currency"))?;
                // Rows from before categories were a table may hold free text; it stays in the
                // row (no write touches it unless the owner sets a category) but names no
                // category anyone can browse, so it reads as none.
                let category = CategorySlug::parse_optional(&r.category).unwrap_or_else(|_| {
                    tracing::warn!(artwork_id = %r.id, category = %r.category, "stored category is not a slug; read as none");
                    None
                });
                Ok(ArtworkRecord {
                    derivatives: DerivativeState::parse(&r.derivatives)
                        .ok_or_else(|| corrupt("derivatives"))?,
                    tags: tags
                        .iter()
                        .map(|t| Tag::parse(t))
                        .collect::<Result<_, _>>()
                        .map_err(|_| corrupt("tags"))?,
                    status: match r.hidden_at {
                        Some(_) => ArtworkStatus::Hidden,
                        None => ArtworkStatus::parse(&r.status).map_err(|_| corrupt("status"))?,
                    },
                    title: Title::parse(&r.title).map_err(|_| corrupt("title"))?,
                    description: Description::parse(&r.description)
                        .map_err(|_| corrupt("description"))?,
                    category,
                    price: Money::new(r.price_minor, currency).map_err(|_| corrupt("price"))?,
                    licence: Licence::parse(&r.licence).map_err(|_| corrupt("licence"))?,
                    edition_size: u32::try_from(r.edition_size)
                        .ok()
                        .and_then(|n| EditionSize::new(n).ok())
                        .ok_or_else(|| corrupt("edition"))?,
                    size_bytes: u64::try_from(r.size_bytes).map_err(|_| corrupt("size"))?,
                    width: u32::try_from(r.width).map_err(|_| corrupt("width"))?,
                    height: u32::try_from(r.height).map_err(|_| corrupt("height"))?,
                    favorite_count: u64::try_from(r.favorite_count)
                        .map_err(|_| corrupt("favorites"))?,
                    editions_sold: u64::try_from(r.editions_sold)
                        .map_err(|_| corrupt("editions sold"))?,
                    id: r.id,
                    artist_id: r.artist_id,
                    artist_username: r.artist_username,
                    content_type: r.content_type,
                    sha256: r.sha256,
                    blob_key: r.blob_key,
                    created_at: r.created_at,
                    thumbnail: derivative(r.thumbnail_key, r.thumbnail_sha256),
                    preview: derivative(r.preview_key, r.preview_sha256),
                    phash: r.phash.map(phash_from_sql),
                    near_duplicate_of: r.near_duplicate_of,
                })
            }
        }

        /// Tags as the `tags` column holds them: a JSON array of strings.
        fn tags_json(tags: &[Tag]) -> Result<String, StoreError> {
            let tags: Vec<&str> = tags.iter().map(Tag::as_str).collect();
            serde_json::to_string(&tags).map_err(|e| StoreError::Corrupt(e.to_string()))
        }

        /// The `category` column holds `""` for none.
        fn category_column(c: Option<&CategorySlug>) -> String {
            c.map_or("", CategorySlug::as_str).to_owned()
        }

        /// Rewrites the tag index rows of an artwork inside the caller's transaction.
        async fn replace_tags(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: &str,
            tags: &[Tag],
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
                .bind(tag.as_str())
                .execute(&mut **tx)
                .await?;
            }
            Ok(())
        }

        /// Copies the artwork's price and visibility onto its tag rows (see the migration:
        /// tag pages walk one index). Called after every write that can change either.
        async fn sync_tags<'e, E>(executor: E, id: &str) -> Result<(), StoreError>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            sqlx::query(
                "UPDATE artwork_tags SET \
                 price_minor = (SELECT price_minor FROM artworks WHERE id = $1), \
                 public = (SELECT status = 'published' AND hidden_at IS NULL \
                           AND deleted_at IS NULL AND derivatives = 'ready' \
                           FROM artworks WHERE id = $1) \
                 WHERE artwork_id = $1",
            )
            .bind(id)
            .execute(executor)
            .await?;
            Ok(())
        }

        /// Records an artwork's derivatives and perceptual hash (with its band rows) inside the
        /// caller's transaction: the backfill's and the derivative queue's one write.
        async fn store_derivative_columns(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: &str,
            thumbnail: &Derivative,
            preview: &Derivative,
            phash: u64,
        ) -> Result<(), StoreError> {
            let artist: Option<(String,)> = sqlx::query_as(
                "UPDATE artworks SET thumbnail_key = $2, thumbnail_sha256 = $3, \
                 preview_key = $4, preview_sha256 = $5, phash = $6 WHERE id = $1 \
                 RETURNING artist_id",
            )
            .bind(id)
            .bind(&thumbnail.blob_key)
            .bind(&thumbnail.sha256)
            .bind(&preview.blob_key)
            .bind(&preview.sha256)
            .bind(phash_to_sql(phash))
            .fetch_optional(&mut **tx)
            .await?;
            let Some((artist_id,)) = artist else {
                return Err(StoreError::Corrupt(format!("artwork {id} vanished")));
            };
            sqlx::query("DELETE FROM artwork_phash_bands WHERE artwork_id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            for (band, value) in phash_bands(phash).into_iter().enumerate() {
                sqlx::query(
                    "INSERT INTO artwork_phash_bands (band, value, artwork_id, artist_id) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(i32::try_from(band).unwrap_or(0))
                .bind(value)
                .bind(id)
                .bind(&artist_id)
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
                let tags = tags_json(&a.tags)?;
                // The row and its tag index rows land together or not at all.
                let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                let res = sqlx::query(
                    "INSERT INTO artworks (id, artist_id, artist_username, title, description, \
                     tags, category, price_minor, currency, licence, edition_size, status, \
                     content_type, size_bytes, width, height, sha256, blob_key, favorite_count, \
                     created_at, thumbnail_key, thumbnail_sha256, preview_key, preview_sha256, \
                     phash, near_duplicate_of, derivatives) VALUES ($1, $2, $3, $4, $5, $6, \
                     $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
                     $22, $23, $24, $25, $26, $27)",
                )
                .bind(&a.id)
                .bind(&a.artist_id)
                .bind(&a.artist_username)
                .bind(a.title.as_str())
                .bind(a.description.as_str())
                .bind(tags)
                .bind(category_column(a.category.as_ref()))
                .bind(a.price.amount_minor())
                .bind(a.price.currency().code())
                .bind(a.licence.as_str())
                .bind(to_i32(a.edition_size.get()))
                .bind(a.status.as_str())
                .bind(&a.content_type)
                .bind(to_i64(a.size_bytes))
                .bind(to_i32(a.width))
                .bind(to_i32(a.height))
                .bind(&a.sha256)
                .bind(&a.blob_key)
                .bind(to_i64(a.favorite_count))
                .bind(a.created_at)
                .bind(a.thumbnail.as_ref().map(|d| d.blob_key.as_str()))
                .bind(a.thumbnail.as_ref().map(|d| d.sha256.as_str()))
                .bind(a.preview.as_ref().map(|d| d.blob_key.as_str()))
                .bind(a.preview.as_ref().map(|d| d.sha256.as_str()))
                .bind(a.phash.map(phash_to_sql))
                .bind(a.near_duplicate_of.as_deref())
                .bind(a.derivatives.as_str())
                .execute(&mut *tx)
                .await;
                match res {
                    Ok(_) => {}
                    Err(e) if is_unique_violation(&e) => {
                        drop(tx);
                        return match self.find_by_sha256(&a.artist_id, &a.sha256).await? {
                            Some(existing_id) => Err(StoreError::Duplicate { existing_id }),
                            None => Err(e.into()),
                        };
                    }
                    Err(e) => return Err(e.into()),
                }
                if let Some(hash) = a.phash {
                    for (band, value) in phash_bands(hash).into_iter().enumerate() {
                        sqlx::query(
                            "INSERT INTO artwork_phash_bands (band, value, artwork_id, \
                             artist_id) VALUES ($1, $2, $3, $4)",
                        )
                        .bind(i32::try_from(band).unwrap_or(0))
                        .bind(value)
                        .bind(&a.id)
                        .bind(&a.artist_id)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                if a.derivatives == DerivativeState::Pending {
                    let now = artstation_common::now().timestamp_millis();
                    sqlx::query(
                        "INSERT INTO derivative_jobs (artwork_id, due_ms, updated_ms) \
                         VALUES ($1, $2, $2)",
                    )
                    .bind(&a.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                replace_tags(&mut tx, &a.id, &a.tags).await?;
                sync_tags(&mut *tx, &a.id).await?;
                tx.commit().await?;
                Ok(())
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
                // A deleted work does not block uploading the same file again.
                let row: Option<(String,)> = sqlx::query_as(
                    "SELECT id FROM artworks WHERE artist_id = $1 AND sha256 = $2 \
                     AND deleted_at IS NULL",
                )
                .bind(artist_id)
                .bind(sha256)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(id,)| id))
            }

            async fn blob_referenced(
                &self,
                artwork_id: &str,
                blob_key: &str,
            ) -> Result<bool, StoreError> {
                let row: Option<(i32,)> = sqlx::query_as(
                    "SELECT 1 FROM artworks WHERE id = $1 AND (blob_key = $2 \
                     OR thumbnail_key = $2 OR preview_key = $2)",
                )
                .bind(artwork_id)
                .bind(blob_key)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.is_some())
            }

            async fn near_duplicate(
                &self,
                artist_id: &str,
                phash: u64,
                max_distance: u32,
            ) -> Result<Option<(String, u32)>, StoreError> {
                let b = phash_bands(phash);
                // The flag names the match to the uploader, so only works anyone may see
                // are candidates: another artist's draft or hidden work stays private.
                // Candidates share at least one band; the exact distance is computed here.
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT DISTINCT a.id, a.phash FROM artwork_phash_bands b \
                     JOIN artworks a ON a.id = b.artwork_id \
                     WHERE b.artist_id <> $1 AND a.phash IS NOT NULL \
                     AND a.status = 'published' AND a.hidden_at IS NULL \
                     AND a.deleted_at IS NULL AND a.derivatives = 'ready' AND (\
                     (b.band = 0 AND b.value = $2) OR (b.band = 1 AND b.value = $3) OR \
                     (b.band = 2 AND b.value = $4) OR (b.band = 3 AND b.value = $5) OR \
                     (b.band = 4 AND b.value = $6) OR (b.band = 5 AND b.value = $7)) \
                     LIMIT 1000",
                )
                .bind(artist_id)
                .bind(b[0])
                .bind(b[1])
                .bind(b[2])
                .bind(b[3])
                .bind(b[4])
                .bind(b[5])
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, h)| (id, (phash_from_sql(h) ^ phash).count_ones()))
                    .filter(|(_, d)| *d <= max_distance)
                    .min_by(|x, y| x.1.cmp(&y.1).then_with(|| x.0.cmp(&y.0))))
            }

            async fn missing_derivatives(
                &self,
                limit: u32,
                after_id: Option<&str>,
            ) -> Result<Vec<ArtworkRecord>, StoreError> {
                let sql = format!(
                    "SELECT {COLUMNS} FROM artworks \
                     WHERE (thumbnail_key IS NULL OR preview_key IS NULL) \
                     AND derivatives = 'ready' AND ($1 IS NULL OR id > $1) \
                     ORDER BY id LIMIT $2"
                );
                let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
                    .bind(after_id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(ArtworkRecord::try_from).collect()
            }

            async fn set_derivatives(
                &self,
                id: &str,
                thumbnail: &Derivative,
                preview: &Derivative,
                phash: u64,
            ) -> Result<(), StoreError> {
                let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                store_derivative_columns(&mut tx, id, thumbnail, preview, phash).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn list_flagged(
                &self,
                limit: u32,
                before_id: Option<&str>,
            ) -> Result<Vec<ArtworkRecord>, StoreError> {
                let sql = format!(
                    "SELECT {COLUMNS} FROM artworks WHERE near_duplicate_of IS NOT NULL \
                     AND ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2"
                );
                let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
                    .bind(before_id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(ArtworkRecord::try_from).collect()
            }
        }
    };
}

pub(super) use artwork_store_impl;
