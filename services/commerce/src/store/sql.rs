//! The SQL of the commerce store, written once for both backends: SQLite and PostgreSQL accept
//! the same `$n` placeholders, `RETURNING`, `ON CONFLICT DO NOTHING` and the types used here.
//!
//! Concurrency: every writing transaction's first statement takes the lock it needs — SQLite
//! transactions begin `IMMEDIATE` (the one writer lock, waited for under the busy timeout,
//! instead of failing on upgrade), and on PostgreSQL a saga step first updates its order row, so
//! two attempts at one step queue on that row and the second sees the first's outcome.

macro_rules! commerce_store_impl {
    ($store:ident, $db:ty, $pool:ty, $begin:literal, $migrations:literal) => {
        use super::ledger_sql::{Leg, TransferHead};
        use super::{
            AccountKind, Balance, CommerceStore, Earnings, Funding, IdempotencyKey,
            LedgerReport, LicenceKeyRecord, Order, OrderStatus, Payout, PayoutStatus, Placed,
            SYSTEM_OWNER, SaleEvent, Settled, SaleEventKind, StoreError, Timestamp, failure,
            is_unique_violation, parse_money,
        };

        const ORDER_COLUMNS: &str = "id, artwork_id, buyer_id, artist_id, amount_minor, \
            currency, fee_minor, serial, edition_size, licence, title, original_sha256, status, \
            failure, created_at, paid_at, refunded_at";

        pub struct $store {
            pool: $pool,
        }

        impl $store {
            pub fn new(pool: $pool) -> Self {
                Self { pool }
            }

            async fn begin(&self) -> Result<Tx, StoreError> {
                Ok(self.pool.begin_with($begin).await?)
            }

            /// Ends a pending order as failed, in a transaction of its own.
            async fn fail_order(&self, id: &str, why: &str) -> Result<Settled, StoreError> {
                let mut tx = self.begin().await?;
                sqlx::query(
                    "UPDATE orders SET status = 'failed', failure = $2 \
                     WHERE id = $1 AND status = 'pending'",
                )
                .bind(id)
                .bind(why)
                .execute(&mut *tx)
                .await?;
                let order = order_in(&mut tx, id).await?;
                tx.commit().await?;
                let order = order.ok_or(StoreError::NotFound("order"))?;
                Ok(Settled { order, now: true })
            }
        }

        super::ledger_sql::ledger_fns!($db, $pool);

        super::rows_sql::commerce_store_rows!();

        async fn order_in(tx: &mut Tx, id: &str) -> Result<Option<Order>, StoreError> {
            sqlx::query_as::<_, OrderRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1"
            )))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .map(Order::try_from)
            .transpose()
        }

        async fn payout_in(tx: &mut Tx, id: &str) -> Result<Option<Payout>, StoreError> {
            sqlx::query_as::<_, PayoutRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {PAYOUT_COLUMNS} FROM payouts WHERE id = $1"
            )))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .map(Payout::try_from)
            .transpose()
        }

        /// Looks an idempotency key up in `tx`: the order it names and its fingerprint.
        async fn keyed_order(
            tx: &mut Tx,
            key: &IdempotencyKey,
        ) -> Result<Option<Placed>, StoreError> {
            let found: Option<(String, String)> = sqlx::query_as(
                "SELECT order_id, fingerprint FROM idempotency_keys \
                 WHERE buyer_id = $1 AND key = $2",
            )
            .bind(&key.buyer_id)
            .bind(&key.key)
            .fetch_optional(&mut **tx)
            .await?;
            let Some((order_id, fingerprint)) = found else {
                return Ok(None);
            };
            let order = order_in(tx, &order_id)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("key names no order {order_id}")))?;
            Ok(Some(Placed::Existing { order, fingerprint }))
        }

        #[async_trait::async_trait]
        impl CommerceStore for $store {
            async fn migrate(&self) -> Result<(), StoreError> {
                sqlx::migrate!($migrations)
                    .run(&self.pool)
                    .await
                    .map_err(|e| StoreError::Open(e.into()))
            }

            async fn balances(
                &self,
                owner: &str,
                kind: AccountKind,
            ) -> Result<Vec<Balance>, StoreError> {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT currency, balance FROM accounts \
                     WHERE owner_id = $1 AND kind = $2 ORDER BY currency",
                )
                .bind(owner)
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(currency, amount_minor)| Balance {
                        currency,
                        amount_minor,
                    })
                    .collect())
            }

            async fn fund_wallet(&self, f: &Funding) -> Result<Balance, StoreError> {
                let currency = f.amount.currency().code();
                let amount = f.amount.amount_minor();
                let mut tx = self.begin().await?;
                let head = TransferHead {
                    id: &f.transfer_id,
                    kind: f.source.as_str(),
                    reference: &f.transfer_id,
                    note: &f.note,
                    currency,
                    at: f.at,
                };
                post_transfer(
                    &mut tx,
                    &head,
                    &[
                        Leg::free(AccountKind::External, SYSTEM_OWNER, -amount),
                        Leg::guarded(AccountKind::Wallet, &f.user_id, amount),
                    ],
                )
                .await?;
                let balance = balance_in(&mut tx, AccountKind::Wallet, &f.user_id, currency).await?;
                tx.commit().await?;
                Ok(Balance {
                    currency: currency.to_owned(),
                    amount_minor: balance,
                })
            }

            async fn place_order(
                &self,
                o: &Order,
                key: &IdempotencyKey,
            ) -> Result<Placed, StoreError> {
                let mut tx = self.begin().await?;
                if let Some(existing) = keyed_order(&mut tx, key).await? {
                    tx.commit().await?;
                    return Ok(existing);
                }
                sqlx::query(
                    "INSERT INTO orders (id, artwork_id, buyer_id, artist_id, amount_minor, \
                     currency, fee_minor, serial, edition_size, licence, title, \
                     original_sha256, status, failure, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10, $11, 'pending', \
                     NULL, $12)",
                )
                .bind(&o.id)
                .bind(&o.artwork_id)
                .bind(&o.buyer_id)
                .bind(&o.artist_id)
                .bind(o.price.amount_minor())
                .bind(o.price.currency().code())
                .bind(o.fee_minor)
                .bind(o.edition_size)
                .bind(&o.licence)
                .bind(&o.title)
                .bind(&o.original_sha256)
                .bind(o.created_at)
                .execute(&mut *tx)
                .await?;
                let keyed = sqlx::query(
                    "INSERT INTO idempotency_keys (buyer_id, key, fingerprint, order_id, \
                     created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&key.buyer_id)
                .bind(&key.key)
                .bind(&key.fingerprint)
                .bind(&o.id)
                .bind(key.created_at)
                .execute(&mut *tx)
                .await;
                match keyed {
                    Ok(_) => {}
                    // Another request with this key committed first: it owns the key.
                    Err(e) if is_unique_violation(&e) => {
                        tx.rollback().await?;
                        let mut tx = self.begin().await?;
                        let existing = keyed_order(&mut tx, key).await?;
                        tx.commit().await?;
                        return existing.ok_or_else(|| e.into());
                    }
                    Err(e) => return Err(e.into()),
                }
                let order = order_in(&mut tx, &o.id).await?;
                tx.commit().await?;
                Ok(Placed::Created(order.ok_or(StoreError::NotFound("order"))?))
            }

            async fn order_for_key(
                &self,
                buyer_id: &str,
                key: &str,
            ) -> Result<Option<(Order, String)>, StoreError> {
                self.key_lookup(buyer_id, key).await
            }

            async fn settle_order(&self, id: &str, now: Timestamp) -> Result<Settled, StoreError> {
                let mut tx = self.begin().await?;
                // Claims the order row first: a concurrent settle of the same order waits here
                // and then finds it no longer pending, so it issues no second serial.
                let claimed = sqlx::query(
                    "UPDATE orders SET status = status WHERE id = $1 AND status = 'pending'",
                )
                .bind(id)
                .execute(&mut *tx)
                .await?;
                let order = order_in(&mut tx, id)
                    .await?
                    .ok_or(StoreError::NotFound("order"))?;
                if claimed.rows_affected() == 0 {
                    tx.commit().await?;
                    return Ok(Settled { order, now: false });
                }
                sqlx::query(
                    "INSERT INTO editions (artwork_id, issued) VALUES ($1, 0) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(&order.artwork_id)
                .execute(&mut *tx)
                .await?;
                let serial: Option<i64> = sqlx::query_scalar(
                    "UPDATE editions SET issued = issued + 1 \
                     WHERE artwork_id = $1 AND ($2 IS NULL OR issued < $2) RETURNING issued",
                )
                .bind(&order.artwork_id)
                .bind(order.edition_size)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(serial) = serial else {
                    tx.rollback().await?;
                    return self.fail_order(id, failure::SOLD_OUT).await;
                };
                let transfer_id = uuid::Uuid::now_v7().to_string();
                let head = TransferHead {
                    id: &transfer_id,
                    kind: "purchase",
                    reference: &order.id,
                    note: &order.artwork_id,
                    currency: order.price.currency().code(),
                    at: now,
                };
                let price = order.price.amount_minor();
                let legs = [
                    Leg::guarded(AccountKind::Wallet, &order.buyer_id, -price),
                    Leg::free(AccountKind::Earnings, &order.artist_id, order.artist_share_minor()),
                    Leg::free(AccountKind::PlatformFee, SYSTEM_OWNER, order.fee_minor),
                ];
                if price > 0 {
                    match post_transfer(&mut tx, &head, &legs).await {
                        Ok(_) => {}
                        Err(StoreError::InsufficientFunds) => {
                            tx.rollback().await?;
                            return self.fail_order(id, failure::PAYMENT_REQUIRED).await;
                        }
                        Err(e) => return Err(e),
                    }
                }
                sqlx::query(
                    "UPDATE orders SET status = 'paid', serial = $2, paid_at = $3 WHERE id = $1",
                )
                .bind(id)
                .bind(serial)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO sale_events (order_id, kind, created_at) \
                     VALUES ($1, 'sale', $2) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let order = order_in(&mut tx, id).await?;
                tx.commit().await?;
                let order = order.ok_or(StoreError::NotFound("order"))?;
                Ok(Settled { order, now: true })
            }

            async fn order(&self, id: &str) -> Result<Option<Order>, StoreError> {
                sqlx::query_as::<_, OrderRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1"
                )))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(Order::try_from)
                .transpose()
            }

            async fn purchases(
                &self,
                buyer_id: &str,
                limit: u32,
                after_id: Option<&str>,
            ) -> Result<Vec<Order>, StoreError> {
                self.owned_orders("buyer_id", buyer_id, limit, after_id).await
            }

            async fn sales(
                &self,
                artist_id: &str,
                limit: u32,
                after_id: Option<&str>,
            ) -> Result<Vec<Order>, StoreError> {
                self.owned_orders("artist_id", artist_id, limit, after_id).await
            }

            async fn earnings(&self, artist_id: &str) -> Result<Vec<Earnings>, StoreError> {
                self.earnings_of(artist_id).await
            }

            async fn pending_orders(
                &self,
                before: Timestamp,
                limit: u32,
            ) -> Result<Vec<Order>, StoreError> {
                sqlx::query_as::<_, OrderRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT {ORDER_COLUMNS} FROM orders WHERE status = 'pending' \
                     AND created_at < $1 ORDER BY created_at LIMIT $2"
                )))
                .bind(before)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(Order::try_from)
                .collect()
            }

            async fn refund_order(&self, id: &str, now: Timestamp) -> Result<Order, StoreError> {
                self.refund(id, now).await
            }

            async fn request_payout(
                &self,
                artist_id: &str,
                currency: &str,
                payout_id: &str,
                now: Timestamp,
            ) -> Result<Payout, StoreError> {
                self.payout_request(artist_id, currency, payout_id, now).await
            }

            async fn mark_payout_paid(
                &self,
                payout_id: &str,
                now: Timestamp,
            ) -> Result<Payout, StoreError> {
                self.payout_paid(payout_id, now).await
            }

            async fn payouts(&self, artist_id: &str) -> Result<Vec<Payout>, StoreError> {
                sqlx::query_as::<_, PayoutRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT {PAYOUT_COLUMNS} FROM payouts WHERE artist_id = $1 ORDER BY id DESC"
                )))
                .bind(artist_id)
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(Payout::try_from)
                .collect()
            }

            async fn undelivered_events(&self, limit: u32) -> Result<Vec<SaleEvent>, StoreError> {
                self.events_to_deliver(limit).await
            }

            async fn mark_delivered(
                &self,
                order_id: &str,
                kind: SaleEventKind,
                now: Timestamp,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE sale_events SET delivered_at = $3 \
                     WHERE order_id = $1 AND kind = $2 AND delivered_at IS NULL",
                )
                .bind(order_id)
                .bind(kind.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn insert_licence_key(&self, k: &LicenceKeyRecord) -> Result<(), StoreError> {
                self.store_licence_key(k).await
            }

            async fn licence_keys(&self) -> Result<Vec<LicenceKeyRecord>, StoreError> {
                self.stored_licence_keys().await
            }

            async fn ledger_check(&self) -> Result<LedgerReport, StoreError> {
                ledger_report(&self.pool).await
            }
        }

        super::sql_more::commerce_store_more!($store);
    };
}

pub(super) use commerce_store_impl;
