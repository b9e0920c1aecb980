//! The SQL of the entitlement store, once for both backends (see `entitlement_store.rs` for
//! the rules it keeps).

macro_rules! entitlement_store_impl {
    ($store:ident) => {
        mod entitlement_impl {
            use chrono::{DateTime, Utc};

            use super::super::catalogue_store::SALE_WEIGHT;
            use super::super::entitlement_store::{Entitlement, EntitlementStore, SaleFact};
            use super::catalogue_impl::popularity_event;
            use super::super::{ArtworkRecord, StoreError};
            use super::{$store, COLUMNS, Row};

            #[derive(sqlx::FromRow)]
            struct EntitlementRow {
                order_id: String,
                artwork_id: String,
                buyer_id: String,
                serial: i64,
                granted_at: DateTime<Utc>,
                revoked_at: Option<DateTime<Utc>>,
            }

            /// Inserts the order's row unless it exists; `revoked` writes it revoked at once
            /// (a refund reported first). `live_only` requires an undeleted artwork.
            const INSERT_SALE: &str = "INSERT INTO entitlements \
                 (order_id, artwork_id, buyer_id, serial, granted_at, revoked_at) \
                 SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS \
                 (SELECT 1 FROM artworks WHERE id = $2 AND ($7 OR deleted_at IS NULL)) \
                 ON CONFLICT (order_id) DO NOTHING";
            const COUNT_SERIAL: &str =
                "UPDATE artworks SET editions_sold = editions_sold + 1 WHERE id = $1";

            impl $store {
                /// Inserts the row and counts its serial in one transaction; whether it was new.
                async fn insert_entitlement(
                    &self,
                    sale: &SaleFact,
                    at: DateTime<Utc>,
                    revoked: bool,
                ) -> Result<bool, StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let done = sqlx::query(INSERT_SALE)
                        .bind(&sale.order_id)
                        .bind(&sale.artwork_id)
                        .bind(&sale.buyer_id)
                        .bind(sale.serial)
                        .bind(at)
                        .bind(revoked.then_some(at))
                        .bind(revoked)
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() == 0 {
                        return Ok(false);
                    }
                    sqlx::query(COUNT_SERIAL)
                        .bind(&sale.artwork_id)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(true)
                }
            }

            #[async_trait::async_trait]
            impl EntitlementStore for $store {
                async fn record_sale(
                    &self,
                    sale: &SaleFact,
                    at: DateTime<Utc>,
                ) -> Result<bool, StoreError> {
                    if self.insert_entitlement(sale, at, false).await? {
                        // Popularity counts sales; a lost bump is no reason to fail the sale.
                        let counted =
                            popularity_event(self, &sale.artwork_id, SALE_WEIGHT, at, false)
                                .await;
                        if let Err(e) = counted {
                            tracing::warn!(error = %e, artwork_id = %sale.artwork_id,
                                "sale not counted in popularity");
                        }
                        return Ok(true);
                    }
                    match self.entitlement(&sale.order_id).await? {
                        Some(_) => Ok(false),
                        None => Err(StoreError::Missing {
                            id: sale.artwork_id.clone(),
                        }),
                    }
                }

                async fn record_refund(
                    &self,
                    sale: &SaleFact,
                    at: DateTime<Utc>,
                ) -> Result<bool, StoreError> {
                    if self.insert_entitlement(sale, at, true).await? {
                        return Ok(true);
                    }
                    let done = sqlx::query(
                        "UPDATE entitlements SET revoked_at = $2 \
                         WHERE order_id = $1 AND revoked_at IS NULL",
                    )
                    .bind(&sale.order_id)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    if done.rows_affected() > 0 {
                        return Ok(true);
                    }
                    match self.entitlement(&sale.order_id).await? {
                        Some(_) => Ok(false),
                        None => Err(StoreError::Missing {
                            id: sale.artwork_id.clone(),
                        }),
                    }
                }

                async fn entitlement(
                    &self,
                    order_id: &str,
                ) -> Result<Option<Entitlement>, StoreError> {
                    let row: Option<EntitlementRow> = sqlx::query_as(
                        "SELECT order_id, artwork_id, buyer_id, serial, granted_at, revoked_at \
                         FROM entitlements WHERE order_id = $1",
                    )
                    .bind(order_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(row.map(|r| Entitlement {
                        order_id: r.order_id,
                        artwork_id: r.artwork_id,
                        buyer_id: r.buyer_id,
                        serial: r.serial,
                        granted_at: r.granted_at,
                        revoked_at: r.revoked_at,
                    }))
                }

                async fn owned_artwork(
                    &self,
                    id: &str,
                    user_id: &str,
                ) -> Result<Option<ArtworkRecord>, StoreError> {
                    let sql = format!(
                        "SELECT {COLUMNS} FROM artworks WHERE id = $1 AND EXISTS \
                         (SELECT 1 FROM entitlements WHERE artwork_id = $1 AND buyer_id = $2 \
                          AND revoked_at IS NULL)"
                    );
                    sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
                        .bind(id)
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await?
                        .map(ArtworkRecord::try_from)
                        .transpose()
                }
            }
        }
    };
}

pub(super) use entitlement_store_impl;
