//! The SQL of the derivative queue, written once for both backends; `$skip_locked` is the
//! claim's row-locking clause (PostgreSQL skips rows another claimer holds; SQLite has no row
//! locks and needs none, its claim runs in a `BEGIN IMMEDIATE` transaction that holds the one
//! write lock).

macro_rules! derivative_queue_impl {
    ($store:ident, $db:ty, $skip_locked:literal) => {
        mod derivative_queue_impl {
            use std::time::Duration;

            use chrono::{DateTime, Utc};

            use super::super::StoreError;
            use super::super::derivative_queue_store::{
                ClaimedJob, DerivativeJob, DerivativeQueue, JobState, MadeDerivatives,
            };
            use super::{store_derivative_columns, sync_tags, $store};

            fn ms(t: DateTime<Utc>) -> i64 {
                t.timestamp_millis()
            }

            fn lease_ms(d: Duration) -> i64 {
                i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 2)
            }

            const CLAIM: &str = concat!(
                "UPDATE derivative_jobs SET due_ms = $1, lease = $2, \
                 attempts = attempts + 1, updated_ms = $3 \
                 WHERE artwork_id IN (SELECT artwork_id FROM derivative_jobs \
                 WHERE state = 'queued' AND due_ms <= $3 ORDER BY due_ms, artwork_id \
                 LIMIT $4 ",
                $skip_locked,
                ") RETURNING artwork_id, attempts"
            );

            #[async_trait::async_trait]
            impl DerivativeQueue for $store {
                async fn claim_derivative_jobs(
                    &self,
                    now: DateTime<Utc>,
                    lease_for: Duration,
                    limit: u32,
                ) -> Result<Vec<ClaimedJob>, StoreError> {
                    let lease = uuid::Uuid::new_v4().to_string();
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let rows: Vec<(String, i32)> = sqlx::query_as(CLAIM)
                        .bind(ms(now).saturating_add(lease_ms(lease_for)))
                        .bind(&lease)
                        .bind(ms(now))
                        .bind(i64::from(limit))
                        .fetch_all(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(rows
                        .into_iter()
                        .map(|(artwork_id, attempts)| ClaimedJob {
                            artwork_id,
                            lease: lease.clone(),
                            attempts: u32::try_from(attempts).unwrap_or(0),
                        })
                        .collect())
                }

                async fn renew_derivative_lease(
                    &self,
                    job: &ClaimedJob,
                    until: DateTime<Utc>,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(
                        "UPDATE derivative_jobs SET due_ms = $3 \
                         WHERE artwork_id = $1 AND lease = $2 AND state = 'queued'",
                    )
                    .bind(&job.artwork_id)
                    .bind(&job.lease)
                    .bind(ms(until))
                    .execute(&self.pool)
                    .await?;
                    Ok(done.rows_affected() == 1)
                }

                async fn complete_derivative_job(
                    &self,
                    job: &ClaimedJob,
                    made: &MadeDerivatives,
                    now: DateTime<Utc>,
                ) -> Result<bool, StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let held = sqlx::query(
                        "UPDATE derivative_jobs SET state = 'done', lease = NULL, \
                         last_error = NULL, updated_ms = $3 \
                         WHERE artwork_id = $1 AND lease = $2 AND state = 'queued'",
                    )
                    .bind(&job.artwork_id)
                    .bind(&job.lease)
                    .bind(ms(now))
                    .execute(&mut *tx)
                    .await?;
                    if held.rows_affected() != 1 {
                        return Ok(false);
                    }
                    store_derivative_columns(
                        &mut tx,
                        &job.artwork_id,
                        &made.thumbnail,
                        &made.preview,
                        made.phash,
                    )
                    .await?;
                    sqlx::query(
                        "UPDATE artworks SET derivatives = 'ready', near_duplicate_of = $2 \
                         WHERE id = $1",
                    )
                    .bind(&job.artwork_id)
                    .bind(made.near_duplicate_of.as_deref())
                    .execute(&mut *tx)
                    .await?;
                    // The work joins the public set now: its tag rows must say so.
                    sync_tags(&mut *tx, &job.artwork_id).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn fail_derivative_job(
                    &self,
                    job: &ClaimedJob,
                    reason: &str,
                    retry_at: Option<DateTime<Utc>>,
                    now: DateTime<Utc>,
                ) -> Result<bool, StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let held = sqlx::query(
                        "UPDATE derivative_jobs SET \
                         state = CASE WHEN $3 IS NULL THEN 'failed' ELSE 'queued' END, \
                         due_ms = COALESCE($3, due_ms), lease = NULL, last_error = $4, \
                         updated_ms = $5 \
                         WHERE artwork_id = $1 AND lease = $2 AND state = 'queued'",
                    )
                    .bind(&job.artwork_id)
                    .bind(&job.lease)
                    .bind(retry_at.map(ms))
                    .bind(reason)
                    .bind(ms(now))
                    .execute(&mut *tx)
                    .await?;
                    if held.rows_affected() != 1 {
                        return Ok(false);
                    }
                    if retry_at.is_none() {
                        sqlx::query("UPDATE artworks SET derivatives = 'failed' WHERE id = $1")
                            .bind(&job.artwork_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    Ok(true)
                }

                async fn derivative_job(
                    &self,
                    artwork_id: &str,
                ) -> Result<Option<DerivativeJob>, StoreError> {
                    let row: Option<(String, String, i32, i64, Option<String>)> = sqlx::query_as(
                        "SELECT artwork_id, state, attempts, due_ms, last_error \
                             FROM derivative_jobs WHERE artwork_id = $1",
                    )
                    .bind(artwork_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    let Some((artwork_id, state, attempts, due_ms, last_error)) = row else {
                        return Ok(None);
                    };
                    let corrupt =
                        |what: &str| StoreError::Corrupt(format!("job {artwork_id}: {what}"));
                    let state = match state.as_str() {
                        "queued" => JobState::Queued,
                        "done" => JobState::Done,
                        "failed" => JobState::Failed,
                        _ => return Err(corrupt("state")),
                    };
                    let due = DateTime::<Utc>::from_timestamp_millis(due_ms)
                        .ok_or_else(|| corrupt("due"))?;
                    Ok(Some(DerivativeJob {
                        state,
                        attempts: u32::try_from(attempts).map_err(|_| corrupt("attempts"))?,
                        due,
                        last_error,
                        artwork_id,
                    }))
                }
            }
        }
    };
}

pub(super) use derivative_queue_impl;
