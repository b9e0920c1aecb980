//! The SQL of the catalogue store, once for both backends. Where the dialects differ (full-text
//! search, row locks) the `$pg` flag picks the variant; everything else is shared, and dynamic
//! filters go through `QueryBuilder` so every value is a bound parameter.

macro_rules! catalogue_store_impl {
    ($store:ident, $db:ty, $pg:literal) => {
        mod catalogue_impl {
            use std::sync::LazyLock;

            use artstation_domain::{Currency, Money};
            use chrono::{DateTime, Utc};
            use sqlx::{FromRow as _, QueryBuilder, Row as _};

            use super::super::catalogue::{
                After, ArtworkPatch, CatalogueStore, Category, FAVORITE_WEIGHT, Filter,
                PriceChange, Sale, Selection, Sort, VIEW_WEIGHT, bump_popularity,
            };
            use super::super::{ArtworkRecord, StoreError};
            use super::{$store, COLUMNS, Row, replace_tags, sync_tags, to_i32};

            /// The artwork columns qualified with the `a` alias, for queries that join.
            static A_COLUMNS: LazyLock<String> = LazyLock::new(|| {
                COLUMNS
                    .split(',')
                    .map(|c| format!("a.{}", c.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            });

            /// The public catalogue: what anyone may see and what every partial index covers.
            const PUBLIC: &str = "a.status = 'published' AND a.hidden_at IS NULL \
                                  AND a.deleted_at IS NULL";

            fn records(rows: Vec<Row>) -> Result<Vec<ArtworkRecord>, StoreError> {
                rows.into_iter().map(ArtworkRecord::try_from).collect()
            }

            /// FTS5 takes a query language of its own; user text becomes quoted terms (all
            /// required), so no input can be a syntax error.
            fn fts5_query(text: &str) -> Option<String> {
                let terms: Vec<String> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("\"{t}\""))
                    .collect();
                (!terms.is_empty()).then(|| terms.join(" "))
            }

            async fn popularity_event(
                store: &$store,
                id: &str,
                weight: f64,
                at: DateTime<Utc>,
                view: bool,
            ) -> Result<(), StoreError> {
                // Optimistic read-modify-write: a lost race retries, and a few lost views
                // under contention would not matter anyway.
                for _ in 0..5 {
                    let current: Option<(f64,)> =
                        sqlx::query_as("SELECT popularity FROM artworks WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&store.pool)
                            .await?;
                    let Some((score,)) = current else {
                        return Ok(());
                    };
                    let next = bump_popularity(score, weight, at);
                    let sql = if view {
                        "UPDATE artworks SET popularity = $2, view_count = view_count + 1 \
                         WHERE id = $1 AND popularity = $3"
                    } else {
                        "UPDATE artworks SET popularity = $2 WHERE id = $1 AND popularity = $3"
                    };
                    let done = sqlx::query(sql)
                        .bind(id)
                        .bind(next)
                        .bind(score)
                        .execute(&store.pool)
                        .await?;
                    if done.rows_affected() > 0 {
                        return Ok(());
                    }
                }
                Ok(())
            }

            #[async_trait::async_trait]
            impl CatalogueStore for $store {
                async fn search(
                    &self,
                    f: &Filter,
                    sort: Sort,
                    after: Option<&After>,
                    limit: u32,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    // A tag page sorted by newness or price walks the tag's own index (whose
                    // rows carry price and visibility); everything else walks artworks.
                    let by_tag = f.tag.is_some() && sort != Sort::Popular;
                    let needs_artwork = f.text.is_some()
                        || f.category.is_some()
                        || f.artist_username.is_some()
                        || f.licence.is_some()
                        || f.currency.is_some();
                    let (id, price) = if by_tag { ("t.artwork_id", "t.price_minor") } else { ("a.id", "a.price_minor") };
                    // Two levels: the inner query finds the page's ids, touching only what its
                    // filters and order need (an index-only scan where an index covers them);
                    // the outer one fetches the rows of just those ids.
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {} FROM artworks a WHERE a.id IN (",
                        *A_COLUMNS
                    ));
                    if by_tag {
                        q.push("SELECT t.artwork_id FROM artwork_tags t");
                        if needs_artwork {
                            q.push(format!(" JOIN artworks a ON a.id = t.artwork_id AND {PUBLIC}"));
                        }
                        q.push(" WHERE t.public AND t.tag = ").push_bind(f.tag.clone().unwrap_or_default());
                    } else {
                        q.push(format!("SELECT a.id FROM artworks a WHERE {PUBLIC}"));
                        if let Some(tag) = &f.tag {
                            q.push(
                                " AND EXISTS (SELECT 1 FROM artwork_tags t \
                                 WHERE t.artwork_id = a.id AND t.tag = ",
                            )
                            .push_bind(tag.clone())
                            .push(")");
                        }
                    }
                    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                        if $pg {
                            q.push(" AND a.search_vector @@ plainto_tsquery('english', ")
                                .push_bind(text.to_owned())
                                .push(")");
                        } else {
                            let Some(m) = fts5_query(text) else {
                                return Ok(Vec::new());
                            };
                            q.push(
                                " AND a.rowid IN (SELECT rowid FROM artworks_fts \
                                 WHERE artworks_fts MATCH ",
                            )
                            .push_bind(m)
                            .push(")");
                        }
                    }
                    for (column, value) in [
                        ("a.category", &f.category),
                        ("a.artist_username", &f.artist_username),
                        ("a.licence", &f.licence),
                        ("a.currency", &f.currency),
                    ] {
                        if let Some(v) = value {
                            q.push(format!(" AND {column} = ")).push_bind(v.clone());
                        }
                    }
                    if let Some(min) = f.min_price {
                        q.push(format!(" AND {price} >= ")).push_bind(min);
                    }
                    if let Some(max) = f.max_price {
                        q.push(format!(" AND {price} <= ")).push_bind(max);
                    }
                    match (sort, after) {
                        (_, None) => {}
                        (Sort::New, Some(After::Id(after_id))) => {
                            q.push(format!(" AND {id} < ")).push_bind(after_id.clone());
                        }
                        (Sort::PriceAsc, Some(After::Price(p, after_id))) => {
                            q.push(format!(" AND ({price}, {id}) > ("))
                                .push_bind(*p)
                                .push(", ")
                                .push_bind(after_id.clone())
                                .push(")");
                        }
                        (Sort::PriceDesc, Some(After::Price(p, after_id))) => {
                            q.push(format!(" AND ({price}, {id}) < ("))
                                .push_bind(*p)
                                .push(", ")
                                .push_bind(after_id.clone())
                                .push(")");
                        }
                        (Sort::Popular, Some(After::Score(s, after_id))) => {
                            q.push(" AND (a.popularity, a.id) < (")
                                .push_bind(*s)
                                .push(", ")
                                .push_bind(after_id.clone())
                                .push(")");
                        }
                        _ => {
                            return Err(StoreError::Invalid {
                                field: "cursor".into(),
                                message: "the cursor belongs to another sort".into(),
                            });
                        }
                    }
                    let order = |id: &str, price: &str| match sort {
                        Sort::New => format!(" ORDER BY {id} DESC"),
                        Sort::PriceAsc => format!(" ORDER BY {price} ASC, {id} ASC"),
                        Sort::PriceDesc => format!(" ORDER BY {price} DESC, {id} DESC"),
                        Sort::Popular => " ORDER BY a.popularity DESC, a.id DESC".to_owned(),
                    };
                    q.push(order(id, price));
                    q.push(" LIMIT ").push_bind(i64::from(limit));
                    q.push(")").push(order("a.id", "a.price_minor"));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    records(rows)
                }

                async fn update(
                    &self,
                    id: &str,
                    p: &ArtworkPatch,
                ) -> Result<Option<ArtworkRecord>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let mut q = QueryBuilder::<$db>::new("UPDATE artworks SET id = id");
                    if let Some(v) = &p.title {
                        q.push(", title = ").push_bind(v.clone());
                    }
                    if let Some(v) = &p.description {
                        q.push(", description = ").push_bind(v.clone());
                    }
                    if let Some(tags) = &p.tags {
                        let json = serde_json::to_string(tags)
                            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                        q.push(", tags = ").push_bind(json);
                    }
                    if let Some(v) = &p.category {
                        q.push(", category = ").push_bind(v.clone());
                    }
                    if let Some((amount, currency)) = &p.price {
                        q.push(", price_minor = ").push_bind(*amount);
                        q.push(", currency = ").push_bind(currency.clone());
                    }
                    if let Some(v) = &p.licence {
                        q.push(", licence = ").push_bind(v.clone());
                    }
                    if let Some(v) = p.edition_size {
                        q.push(", edition_size = ").push_bind(to_i32(v));
                    }
                    if let Some(v) = p.status {
                        q.push(", status = ").push_bind(v.as_str().to_owned());
                    }
                    q.push(" WHERE id = ").push_bind(id.to_owned());
                    q.push(" AND deleted_at IS NULL");
                    let done = q.build().execute(&mut *tx).await?;
                    if done.rows_affected() == 0 {
                        return Ok(None);
                    }
                    if let Some(tags) = &p.tags {
                        replace_tags(&mut tx, id, tags).await?;
                    }
                    sync_tags(&mut *tx, id).await?;
                    tx.commit().await?;
                    self.get_record(id).await
                }

                async fn soft_delete(&self, id: &str, at: DateTime<Utc>) -> Result<bool, StoreError> {
                    let done = sqlx::query(
                        "UPDATE artworks SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL",
                    )
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    sync_tags(&self.pool, id).await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn set_hidden(
                    &self,
                    id: &str,
                    at: Option<DateTime<Utc>>,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(
                        "UPDATE artworks SET hidden_at = $2 WHERE id = $1 AND deleted_at IS NULL",
                    )
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    sync_tags(&self.pool, id).await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn reprice(
                    &self,
                    artist_id: &str,
                    selection: &Selection,
                    change: &PriceChange,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    if !$pg {
                        // Take SQLite's write lock before reading, so a concurrent writer
                        // cannot slip between the read and the updates (or deadlock with us).
                        sqlx::query("UPDATE artworks SET id = id WHERE 0")
                            .execute(&mut *tx)
                            .await?;
                    }
                    let mut q = QueryBuilder::<$db>::new(
                        "SELECT id, artist_id, price_minor, currency FROM artworks \
                         WHERE deleted_at IS NULL AND ",
                    );
                    match selection {
                        Selection::All => {
                            q.push("artist_id = ").push_bind(artist_id.to_owned());
                        }
                        Selection::Ids(ids) => {
                            q.push("id IN (");
                            let mut sep = q.separated(", ");
                            for id in ids {
                                sep.push_bind(id.clone());
                            }
                            q.push(")");
                        }
                    }
                    if $pg {
                        q.push(" FOR UPDATE");
                    }
                    let rows: Vec<(String, String, i64, String)> =
                        q.build_query_as().fetch_all(&mut *tx).await?;
                    if let Selection::Ids(ids) = selection {
                        if let Some(missing) =
                            ids.iter().find(|id| !rows.iter().any(|r| &r.0 == *id))
                        {
                            return Err(StoreError::Missing { id: missing.clone() });
                        }
                    }
                    if let Some(other) = rows.iter().find(|r| r.1 != artist_id) {
                        return Err(StoreError::NotOwner { id: other.0.clone() });
                    }
                    let invalid = |message: String| StoreError::Invalid {
                        field: "price".into(),
                        message,
                    };
                    for (id, _, old, currency) in &rows {
                        let (amount, currency) = match change {
                            PriceChange::Set {
                                amount_minor,
                                currency,
                            } => (*amount_minor, currency.clone()),
                            PriceChange::PercentBp(bp) => {
                                // Half away from zero; prices are never negative here.
                                let v = (i128::from(*old) * i128::from(10_000 + bp) + 5_000)
                                    / 10_000;
                                (i64::try_from(v).map_err(|_| invalid("overflow".into()))?, currency.clone())
                            }
                        };
                        let cur = Currency::parse(&currency).map_err(|e| invalid(e.reason))?;
                        Money::new(amount, cur)
                            .map_err(|e| invalid(format!("artwork {id}: {}", e.reason)))?;
                        sqlx::query(
                            "UPDATE artworks SET price_minor = $2, currency = $3 WHERE id = $1",
                        )
                        .bind(id)
                        .bind(amount)
                        .bind(cur.code())
                        .execute(&mut *tx)
                        .await?;
                        sync_tags(&mut *tx, id).await?;
                    }
                    tx.commit().await?;
                    let mut out = Vec::with_capacity(rows.len());
                    for (id, ..) in &rows {
                        if let Some(r) = self.get_record(id).await? {
                            out.push(r);
                        }
                    }
                    Ok(out)
                }

                async fn set_favorite(
                    &self,
                    user_id: &str,
                    artwork_id: &str,
                    favorite: bool,
                    at: DateTime<Utc>,
                ) -> Result<bool, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let changed = if favorite {
                        sqlx::query(
                            "INSERT INTO favorites (user_id, artwork_id, created_at) \
                             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        )
                        .bind(user_id)
                        .bind(artwork_id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                            > 0
                    } else {
                        sqlx::query("DELETE FROM favorites WHERE user_id = $1 AND artwork_id = $2")
                            .bind(user_id)
                            .bind(artwork_id)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected()
                            > 0
                    };
                    if changed {
                        let delta: i64 = if favorite { 1 } else { -1 };
                        sqlx::query(
                            "UPDATE artworks SET favorite_count = favorite_count + $2 WHERE id = $1",
                        )
                        .bind(artwork_id)
                        .bind(delta)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                    if changed && favorite {
                        popularity_event(self, artwork_id, FAVORITE_WEIGHT, at, false).await?;
                    }
                    Ok(changed)
                }

                async fn favorites(
                    &self,
                    user_id: &str,
                    limit: u32,
                    after: Option<(DateTime<Utc>, String)>,
                ) -> Result<Vec<(ArtworkRecord, DateTime<Utc>)>, StoreError> {
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {}, f.created_at AS favorited_at FROM favorites f \
                         JOIN artworks a ON a.id = f.artwork_id \
                         WHERE a.deleted_at IS NULL AND f.user_id = ",
                        *A_COLUMNS
                    ));
                    q.push_bind(user_id.to_owned());
                    if let Some((at, id)) = after {
                        q.push(" AND (f.created_at, f.artwork_id) < (")
                            .push_bind(at)
                            .push(", ")
                            .push_bind(id)
                            .push(")");
                    }
                    q.push(" ORDER BY f.created_at DESC, f.artwork_id DESC LIMIT ")
                        .push_bind(i64::from(limit));
                    let rows = q.build().fetch_all(&self.pool).await?;
                    rows.iter()
                        .map(|r| {
                            let at: DateTime<Utc> = r.try_get("favorited_at")?;
                            Ok((ArtworkRecord::try_from(Row::from_row(r)?)?, at))
                        })
                        .collect()
                }

                async fn record_view(&self, id: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
                    popularity_event(self, id, VIEW_WEIGHT, at, true).await
                }

                async fn popularity(&self, id: &str) -> Result<Option<f64>, StoreError> {
                    let row: Option<(f64,)> =
                        sqlx::query_as("SELECT popularity FROM artworks WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&self.pool)
                            .await?;
                    Ok(row.map(|(p,)| p))
                }

                async fn recommendations(
                    &self,
                    user_id: &str,
                    limit: u32,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    let mut q = QueryBuilder::<$db>::new(format!(
                        "SELECT {} FROM artworks a JOIN ( \
                           SELECT f2.artwork_id AS aid, COUNT(*) AS score \
                           FROM favorites mine \
                           JOIN favorites f1 ON f1.artwork_id = mine.artwork_id \
                           JOIN favorites f2 ON f2.user_id = f1.user_id \
                           WHERE mine.user_id = ",
                        *A_COLUMNS
                    ));
                    q.push_bind(user_id.to_owned())
                        .push(" AND f1.user_id <> ")
                        .push_bind(user_id.to_owned())
                        .push(
                            " GROUP BY f2.artwork_id) r ON r.aid = a.id \
                             WHERE a.status = 'published' AND a.hidden_at IS NULL \
                             AND a.deleted_at IS NULL AND a.artist_id <> ",
                        )
                        .push_bind(user_id.to_owned())
                        .push(
                            " AND NOT EXISTS (SELECT 1 FROM favorites own \
                             WHERE own.artwork_id = a.id AND own.user_id = ",
                        )
                        .push_bind(user_id.to_owned())
                        .push(") ORDER BY r.score DESC, a.popularity DESC, a.id DESC LIMIT ")
                        .push_bind(i64::from(limit));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    records(rows)
                }

                async fn categories(&self) -> Result<Vec<Category>, StoreError> {
                    let rows: Vec<(String, String)> =
                        sqlx::query_as("SELECT slug, name FROM categories ORDER BY name, slug")
                            .fetch_all(&self.pool)
                            .await?;
                    Ok(rows
                        .into_iter()
                        .map(|(slug, name)| Category { slug, name })
                        .collect())
                }

                async fn category_exists(&self, slug: &str) -> Result<bool, StoreError> {
                    let row: Option<(String,)> =
                        sqlx::query_as("SELECT slug FROM categories WHERE slug = $1")
                            .bind(slug)
                            .fetch_optional(&self.pool)
                            .await?;
                    Ok(row.is_some())
                }

                async fn put_category(&self, c: &Category) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO categories (slug, name, created_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (slug) DO UPDATE SET name = excluded.name",
                    )
                    .bind(&c.slug)
                    .bind(&c.name)
                    .bind(artstation_common::now())
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn sale(&self) -> Result<Option<Sale>, StoreError> {
                    let row: Option<(i32, DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
                        "SELECT percent_bp, starts_at, ends_at FROM sale WHERE id = 1",
                    )
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(row.map(|(bp, starts_at, ends_at)| Sale {
                        percent_bp: u32::try_from(bp).unwrap_or(0),
                        starts_at,
                        ends_at,
                    }))
                }

                async fn set_sale(&self, sale: Option<&Sale>) -> Result<(), StoreError> {
                    let mut tx = self.pool.begin().await?;
                    sqlx::query("DELETE FROM sale").execute(&mut *tx).await?;
                    if let Some(s) = sale {
                        sqlx::query(
                            "INSERT INTO sale (id, percent_bp, starts_at, ends_at) \
                             VALUES (1, $1, $2, $3)",
                        )
                        .bind(i32::try_from(s.percent_bp).unwrap_or(i32::MAX))
                        .bind(s.starts_at)
                        .bind(s.ends_at)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                    Ok(())
                }
            }

            impl $store {
                async fn get_record(&self, id: &str) -> Result<Option<ArtworkRecord>, StoreError> {
                    super::super::ArtworkStore::get(self, id).await
                }
            }
        }
    };
}

pub(super) use catalogue_store_impl;
