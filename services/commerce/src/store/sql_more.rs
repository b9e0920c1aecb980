//! The rest of the commerce store's SQL (refunds, payouts, listings, the outbox), expanded into
//! the same module as `sql.rs`, so it shares its row types and the ledger helpers.

macro_rules! commerce_store_more {
    ($store:ident) => {
        impl $store {
            /// Paid and refunded orders where `column` (buyer or artist) is `owner`.
            async fn owned_orders(
                &self,
                column: &'static str,
                owner: &str,
                limit: u32,
                after_id: Option<&str>,
            ) -> Result<Vec<Order>, StoreError> {
                sqlx::query_as::<_, OrderRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT {ORDER_COLUMNS} FROM orders WHERE {column} = $1 \
                     AND status IN ('paid', 'refunded') AND ($2 IS NULL OR id < $2) \
                     ORDER BY id DESC LIMIT $3"
                )))
                .bind(owner)
                .bind(after_id)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(Order::try_from)
                .collect()
            }

            async fn earnings_of(&self, artist_id: &str) -> Result<Vec<Earnings>, StoreError> {
                let mut by_currency = std::collections::BTreeMap::<String, Earnings>::new();
                let sold: Vec<(String, i64, i64, i64)> = sqlx::query_as(
                    "SELECT currency, COUNT(*), CAST(SUM(amount_minor) AS BIGINT), \
                     CAST(SUM(amount_minor - fee_minor) AS BIGINT) FROM orders \
                     WHERE artist_id = $1 AND status = 'paid' GROUP BY currency",
                )
                .bind(artist_id)
                .fetch_all(&self.pool)
                .await?;
                for (currency, orders, gross, net) in sold {
                    let e = by_currency.entry(currency.clone()).or_default();
                    e.currency = currency;
                    (e.orders, e.gross_minor, e.net_minor) = (orders, gross, net);
                }
                let accounts: Vec<(String, String, i64)> = sqlx::query_as(
                    "SELECT kind, currency, balance FROM accounts WHERE owner_id = $1 \
                     AND kind IN ('earnings', 'payout_pending', 'payout_paid')",
                )
                .bind(artist_id)
                .fetch_all(&self.pool)
                .await?;
                for (kind, currency, balance) in accounts {
                    let e = by_currency.entry(currency.clone()).or_default();
                    e.currency = currency;
                    match kind.as_str() {
                        "earnings" => e.available_minor = balance,
                        "payout_pending" => e.pending_payout_minor = balance,
                        _ => e.paid_out_minor = balance,
                    }
                }
                Ok(by_currency.into_values().collect())
            }

            async fn refund(&self, id: &str, now: Timestamp) -> Result<Order, StoreError> {
                let mut tx = self.begin().await?;
                let claimed = sqlx::query(
                    "UPDATE orders SET status = 'refunded', refunded_at = $2 \
                     WHERE id = $1 AND status = 'paid'",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let order = order_in(&mut tx, id)
                    .await?
                    .ok_or(StoreError::NotFound("order"))?;
                if claimed.rows_affected() == 0 {
                    return Err(StoreError::Conflict(format!(
                        "only a paid order can be refunded; this one is {}",
                        order.status.as_str()
                    )));
                }
                let price = order.price.amount_minor();
                if price > 0 {
                    let transfer_id = uuid::Uuid::now_v7().to_string();
                    let head = TransferHead {
                        id: &transfer_id,
                        kind: "refund",
                        reference: &order.id,
                        note: &order.artwork_id,
                        currency: order.price.currency().code(),
                        at: now,
                    };
                    // The artist's earnings may go negative here (already paid out): the refund
                    // is owed to the buyer regardless, and later sales settle the debt.
                    let legs = [
                        Leg::guarded(AccountKind::Wallet, &order.buyer_id, price),
                        Leg::free(
                            AccountKind::Earnings,
                            &order.artist_id,
                            -order.artist_share_minor(),
                        ),
                        Leg::free(AccountKind::PlatformFee, SYSTEM_OWNER, -order.fee_minor),
                    ];
                    post_transfer(&mut tx, &head, &legs).await?;
                }
                sqlx::query(
                    "INSERT INTO sale_events (order_id, kind, created_at) \
                     VALUES ($1, 'refund', $2) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(order)
            }

            async fn payout_request(
                &self,
                artist_id: &str,
                currency: &str,
                payout_id: &str,
                now: Timestamp,
            ) -> Result<Payout, StoreError> {
                let mut tx = self.begin().await?;
                let available =
                    balance_in(&mut tx, AccountKind::Earnings, artist_id, currency).await?;
                if available <= 0 {
                    return Err(StoreError::Conflict(format!(
                        "no earnings in {currency} to pay out"
                    )));
                }
                sqlx::query(
                    "INSERT INTO payouts (id, artist_id, amount_minor, currency, status, \
                     created_at) VALUES ($1, $2, $3, $4, 'pending', $5)",
                )
                .bind(payout_id)
                .bind(artist_id)
                .bind(available)
                .bind(currency)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let head = TransferHead {
                    id: payout_id,
                    kind: "payout_request",
                    reference: payout_id,
                    note: artist_id,
                    currency,
                    at: now,
                };
                let legs = [
                    Leg::guarded(AccountKind::Earnings, artist_id, -available),
                    Leg::guarded(AccountKind::PayoutPending, artist_id, available),
                ];
                post_transfer(&mut tx, &head, &legs).await?;
                let payout = payout_in(&mut tx, payout_id).await?;
                tx.commit().await?;
                payout.ok_or(StoreError::NotFound("payout"))
            }

            async fn payout_paid(&self, id: &str, now: Timestamp) -> Result<Payout, StoreError> {
                let mut tx = self.begin().await?;
                let claimed: Option<(String, i64, String)> = sqlx::query_as(
                    "UPDATE payouts SET status = 'paid', paid_at = $2 \
                     WHERE id = $1 AND status = 'pending' \
                     RETURNING artist_id, amount_minor, currency",
                )
                .bind(id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((artist_id, amount, currency)) = claimed {
                    let transfer_id = uuid::Uuid::now_v7().to_string();
                    let head = TransferHead {
                        id: &transfer_id,
                        kind: "payout_paid",
                        reference: id,
                        note: &artist_id,
                        currency: &currency,
                        at: now,
                    };
                    let legs = [
                        Leg::guarded(AccountKind::PayoutPending, &artist_id, -amount),
                        Leg::free(AccountKind::PayoutPaid, &artist_id, amount),
                    ];
                    post_transfer(&mut tx, &head, &legs).await?;
                }
                let payout = payout_in(&mut tx, id).await?;
                tx.commit().await?;
                payout.ok_or(StoreError::NotFound("payout"))
            }

            async fn key_lookup(
                &self,
                buyer_id: &str,
                key: &str,
            ) -> Result<Option<(Order, String)>, StoreError> {
                let found: Option<(String, String)> = sqlx::query_as(
                    "SELECT order_id, fingerprint FROM idempotency_keys \
                     WHERE buyer_id = $1 AND key = $2",
                )
                .bind(buyer_id)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
                let Some((order_id, fingerprint)) = found else {
                    return Ok(None);
                };
                let order = self
                    .order(&order_id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt(format!("key names no order {order_id}")))?;
                Ok(Some((order, fingerprint)))
            }

            async fn store_licence_key(&self, k: &LicenceKeyRecord) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO licence_keys (kid, private_pkcs8, public_x, created_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&k.kid)
                .bind(&k.private_pkcs8)
                .bind(&k.public_x)
                .bind(k.created_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn stored_licence_keys(&self) -> Result<Vec<LicenceKeyRecord>, StoreError> {
                let rows: Vec<(String, Vec<u8>, String, Timestamp)> = sqlx::query_as(
                    "SELECT kid, private_pkcs8, public_x, created_at FROM licence_keys \
                     ORDER BY created_at, kid",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(
                        |(kid, private_pkcs8, public_x, created_at)| LicenceKeyRecord {
                            kid,
                            private_pkcs8,
                            public_x,
                            created_at,
                        },
                    )
                    .collect())
            }

            async fn events_to_deliver(&self, limit: u32) -> Result<Vec<SaleEvent>, StoreError> {
                let rows: Vec<(String, String, Timestamp)> = sqlx::query_as(
                    "SELECT order_id, kind, created_at FROM sale_events \
                     WHERE delivered_at IS NULL ORDER BY created_at, order_id LIMIT $1",
                )
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                let mut events = Vec::with_capacity(rows.len());
                for (order_id, kind, created_at) in rows {
                    let order = self
                        .order(&order_id)
                        .await?
                        .ok_or(StoreError::NotFound("order"))?;
                    events.push(SaleEvent {
                        kind: SaleEventKind::parse(&kind)?,
                        order,
                        created_at,
                    });
                }
                Ok(events)
            }
        }
    };
}

pub(super) use commerce_store_more;
