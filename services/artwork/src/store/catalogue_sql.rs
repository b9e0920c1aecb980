//! The SQL of the catalogue store's writes and personal lists (edits, repricing, favourites,
//! popularity, recommendations), once for both backends; public search is in `search_sql.rs`,
//! categories and the sale in `settings_sql.rs`. Where the dialects differ (row locks) the `$pg` flag picks the
//! variant, and dynamic parts go through `QueryBuilder` so every value is a bound parameter.

macro_rules! catalogue_store_impl {
    ($store:ident, $db:ty, $pg:literal) => {
        mod catalogue_impl {
            use artstation_domain::{Currency, Money};
            use chrono::{DateTime, Utc};
            use sqlx::{FromRow as _, QueryBuilder, Row as _};

            use super::super::catalogue_store::{
                After, ArtworkPatch, CatalogueStore, Category, FAVORITE_WEIGHT, Filter,
                PriceChange, Sale, Selection, Sort, VIEW_WEIGHT, ViewTally, bump_popularity,
                unbump_popularity,
            };
            use super::super::{ArtworkRecord, StoreError};
            use super::search_impl::{A_COLUMNS, records};
            use super::{
                $store, Row, category_column, replace_tags, sync_tags, tags_json, to_i32,
            };

            pub(super) async fn popularity_event(
                store: &$store,
                id: &str,
                weight: f64,
                at: DateTime<Utc>,
                view: bool,
            ) -> Result<(), StoreError> {
                popularity_change(store, id, view, |s| bump_popularity(s, weight, at)).await
            }

            /// Rewrites one artwork's popularity with `next`, optimistically.
            pub(super) async fn popularity_change(
                store: &$store,
                id: &str,
                view: bool,
                next: impl Fn(f64) -> f64,
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
                    let next = next(score);
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
                    self.search_public(f, sort, after, limit).await
                }

                async fn update(
                    &self,
                    id: &str,
                    p: &ArtworkPatch,
                ) -> Result<Option<ArtworkRecord>, StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let mut q = QueryBuilder::<$db>::new("UPDATE artworks SET id = id");
                    if let Some(v) = &p.title {
                        q.push(", title = ").push_bind(v.as_str().to_owned());
                    }
                    if let Some(v) = &p.description {
                        q.push(", description = ").push_bind(v.as_str().to_owned());
                    }
                    if let Some(tags) = &p.tags {
                        q.push(", tags = ").push_bind(tags_json(tags)?);
                    }
                    if let Some(v) = &p.category {
                        q.push(", category = ").push_bind(category_column(v.as_ref()));
                    }
                    if let Some(m) = &p.price {
                        q.push(", price_minor = ").push_bind(m.amount_minor());
                        q.push(", currency = ").push_bind(m.currency().code().to_owned());
                    }
                    if let Some(v) = p.licence {
                        q.push(", licence = ").push_bind(v.as_str().to_owned());
                    }
                    if let Some(v) = p.edition_size {
                        q.push(", edition_size = ").push_bind(to_i32(v.get()));
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
                    // The tag rows' copied visibility changes with the row or not at all.
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let done = sqlx::query(
                        "UPDATE artworks SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL",
                    )
                    .bind(id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    sync_tags(&mut *tx, id).await?;
                    tx.commit().await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn set_hidden(
                    &self,
                    id: &str,
                    at: Option<DateTime<Utc>>,
                ) -> Result<bool, StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let done = sqlx::query(
                        "UPDATE artworks SET hidden_at = $2 WHERE id = $1 AND deleted_at IS NULL",
                    )
                    .bind(id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    sync_tags(&mut *tx, id).await?;
                    tx.commit().await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn reprice(
                    &self,
                    artist_id: &str,
                    selection: &Selection,
                    change: &PriceChange,
                ) -> Result<Vec<ArtworkRecord>, StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
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
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let mut removed = None;
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
                        // When it was added says how much of the popularity it made.
                        removed = sqlx::query_as::<_, (DateTime<Utc>,)>(
                            "DELETE FROM favorites WHERE user_id = $1 AND artwork_id = $2 \
                             RETURNING created_at",
                        )
                        .bind(user_id)
                        .bind(artwork_id)
                        .fetch_optional(&mut *tx)
                        .await?
                        .map(|(added,)| added);
                        removed.is_some()
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
                    // An unfavourite takes back what its favourite added: toggling nets out.
                    if let Some(added) = removed {
                        popularity_change(self, artwork_id, false, |s| {
                            unbump_popularity(s, FAVORITE_WEIGHT, added)
                        })
                        .await?;
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
                    // A favourite outlives the work's visibility: list only what the user may
                    // still see (public, or their own), so a draft or hidden work stays private.
                    q.push(
                        " AND ((a.status = 'published' AND a.hidden_at IS NULL \
                         AND a.derivatives = 'ready') OR a.artist_id = ",
                    )
                    .push_bind(user_id.to_owned())
                    .push(")");
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

                async fn record_views(&self, tallies: &[ViewTally]) -> Result<(), StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    for t in tallies {
                        // Writing first takes the write lock (SQLite) or the row lock
                        // (PostgreSQL), so the read below cannot race another bump.
                        let counted = sqlx::query(
                            "UPDATE artworks SET view_count = view_count + $2 WHERE id = $1",
                        )
                        .bind(&t.artwork_id)
                        .bind(i64::from(t.views))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if counted == 0 {
                            continue;
                        }
                        let (score,): (f64,) =
                            sqlx::query_as("SELECT popularity FROM artworks WHERE id = $1")
                                .bind(&t.artwork_id)
                                .fetch_one(&mut *tx)
                                .await?;
                        let next =
                            bump_popularity(score, f64::from(t.views) * VIEW_WEIGHT, t.at);
                        sqlx::query("UPDATE artworks SET popularity = $2 WHERE id = $1")
                            .bind(&t.artwork_id)
                            .bind(next)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    Ok(())
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
                             AND a.deleted_at IS NULL AND a.derivatives = 'ready' \
                             AND a.artist_id <> ",
                        )
                        .push_bind(user_id.to_owned())
                        .push(
                            " AND NOT EXISTS (SELECT 1 FROM favorites own \
                             WHERE own.artwork_id = a.id AND own.user_id = ",
                        )
                        .push_bind(user_id.to_owned())
                        // Nor what they already own (a refund gives it back to the list).
                        .push(
                            ") AND NOT EXISTS (SELECT 1 FROM entitlements bought \
                             WHERE bought.artwork_id = a.id AND bought.revoked_at IS NULL \
                             AND bought.buyer_id = ",
                        )
                        .push_bind(user_id.to_owned())
                        .push(") ORDER BY r.score DESC, a.popularity DESC, a.id DESC LIMIT ")
                        .push_bind(i64::from(limit));
                    let rows = q.build_query_as::<Row>().fetch_all(&self.pool).await?;
                    records(rows)
                }

                async fn categories(&self) -> Result<Vec<Category>, StoreError> {
                    self.load_categories().await
                }

                async fn category_exists(&self, slug: &str) -> Result<bool, StoreError> {
                    self.has_category(slug).await
                }

                async fn put_category(&self, c: &Category) -> Result<(), StoreError> {
                    self.store_category(c).await
                }

                async fn sale(&self) -> Result<Option<Sale>, StoreError> {
                    self.load_sale().await
                }

                async fn set_sale(&self, sale: Option<&Sale>) -> Result<(), StoreError> {
                    self.store_sale(sale).await
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
