//! The SQL of reports, admin actions and appeals (see `moderation_store.rs`), once for both
//! backends; the queue and the audit log are in `moderation_queue_sql.rs`.

macro_rules! moderation_store_impl {
    ($store:ident, $db:ty) => {
        mod moderation_impl {
            use chrono::{DateTime, Utc};

            use super::super::moderation_store::{
                AppealRecord, AuditEntry, AuditOutcome, ModerationAction,
                ModerationCommand, ModerationState, ModerationStore, NewReport, QueueFilter,
                QueueRow, ReportOutcome, ReportRecord,
            };
            use super::super::{ArtworkRecord, StoreError, is_unique_violation};
            use super::{COLUMNS, Row, $store, sync_tags};

            type ReportRow = (
                String,
                String,
                String,
                Option<String>,
                String,
                Option<String>,
                Option<String>,
                Option<DateTime<Utc>>,
                DateTime<Utc>,
            );

            const REPORT_COLUMNS: &str = "id, artwork_id, reason, note, status, outcome_action, \
                 outcome_reason, outcome_at, created_at";

            fn report(r: ReportRow) -> ReportRecord {
                let (id, artwork_id, reason, note, status, action, why, at, created_at) = r;
                let outcome = match (action, at) {
                    (Some(action), Some(at)) => Some(ReportOutcome {
                        action,
                        reason: why.unwrap_or_default(),
                        at,
                    }),
                    _ => None,
                };
                ReportRecord {
                    id,
                    artwork_id,
                    reason,
                    note,
                    status,
                    outcome,
                    created_at,
                }
            }

            #[async_trait::async_trait]
            impl ModerationStore for $store {
                async fn add_report(
                    &self,
                    r: &NewReport,
                ) -> Result<Option<ReportRecord>, StoreError> {
                    let res = sqlx::query(
                        "INSERT INTO reports (id, artwork_id, reporter_id, reason, note, \
                         created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&r.id)
                    .bind(&r.artwork_id)
                    .bind(&r.reporter_id)
                    .bind(&r.reason)
                    .bind(r.note.as_deref())
                    .bind(r.created_at)
                    .execute(&self.pool)
                    .await;
                    match res {
                        Ok(_) => {}
                        Err(e) if is_unique_violation(&e) => return Ok(None),
                        Err(e) => return Err(e.into()),
                    }
                    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1");
                    let row: ReportRow = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                        .bind(&r.id)
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(Some(report(row)))
                }

                async fn reports_since(
                    &self,
                    reporter_id: &str,
                    since: DateTime<Utc>,
                ) -> Result<u64, StoreError> {
                    let (n,): (i64,) = sqlx::query_as(
                        "SELECT COUNT(*) FROM reports WHERE reporter_id = $1 \
                         AND created_at >= $2",
                    )
                    .bind(reporter_id)
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await?;
                    Ok(u64::try_from(n).unwrap_or(0))
                }

                async fn my_reports(
                    &self,
                    reporter_id: &str,
                    limit: u32,
                    before: Option<&(DateTime<Utc>, String)>,
                ) -> Result<Vec<ReportRecord>, StoreError> {
                    let sql = format!(
                        "SELECT {REPORT_COLUMNS} FROM reports WHERE reporter_id = $1 \
                         AND ($2 IS NULL OR (created_at, id) < ($3, $2)) \
                         ORDER BY created_at DESC, id DESC LIMIT $4"
                    );
                    let rows: Vec<ReportRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                        .bind(reporter_id)
                        .bind(before.map(|b| b.1.as_str()))
                        .bind(before.map(|b| b.0))
                        .bind(i64::from(limit))
                        .fetch_all(&self.pool)
                        .await?;
                    Ok(rows.into_iter().map(report).collect())
                }

                async fn moderate(
                    &self,
                    c: &ModerationCommand,
                ) -> Result<Option<AuditOutcome>, StoreError> {
                    let at = c.audit.at;
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    // A write first: it takes SQLite's write lock and PostgreSQL's row lock
                    // before the state is read, so concurrent actions on a work serialise.
                    let row: Option<(Option<DateTime<Utc>>, Option<DateTime<Utc>>)> =
                        sqlx::query_as(
                            "UPDATE artworks SET id = id WHERE id = $1 \
                             RETURNING hidden_at, deleted_at",
                        )
                        .bind(&c.artwork_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let Some((hidden_at, deleted_at)) = row else {
                        return Ok(None);
                    };
                    let outcome = match c.action {
                        ModerationAction::Hide | ModerationAction::Restore
                            if deleted_at.is_some() =>
                        {
                            return Ok(None);
                        }
                        ModerationAction::Hide if hidden_at.is_some() => AuditOutcome::Noop,
                        ModerationAction::Restore if hidden_at.is_none() => AuditOutcome::Noop,
                        ModerationAction::Remove if deleted_at.is_some() => AuditOutcome::Noop,
                        _ => AuditOutcome::Ok,
                    };
                    if outcome == AuditOutcome::Ok {
                        let (column, value, state) = match c.action {
                            ModerationAction::Hide => ("hidden_at", Some(at), "hidden"),
                            ModerationAction::Restore => ("hidden_at", None, ""),
                            ModerationAction::Remove => ("deleted_at", Some(at), "removed"),
                        };
                        let sql = format!("UPDATE artworks SET {column} = $2 WHERE id = $1");
                        sqlx::query(sqlx::AssertSqlSafe(sql))
                            .bind(&c.artwork_id)
                            .bind(value)
                            .execute(&mut *tx)
                            .await?;
                        sync_tags(&mut *tx, &c.artwork_id).await?;
                        if c.action == ModerationAction::Restore {
                            sqlx::query("DELETE FROM artwork_moderation WHERE artwork_id = $1")
                                .bind(&c.artwork_id)
                                .execute(&mut *tx)
                                .await?;
                        } else {
                            sqlx::query(
                                "INSERT INTO artwork_moderation (artwork_id, state, reason, at, \
                                 actor_id) VALUES ($1, $2, $3, $4, $5) \
                                 ON CONFLICT (artwork_id) DO UPDATE SET state = excluded.state, \
                                 reason = excluded.reason, at = excluded.at, \
                                 actor_id = excluded.actor_id",
                            )
                            .bind(&c.artwork_id)
                            .bind(state)
                            .bind(&c.reason)
                            .bind(at)
                            .bind(&c.audit.actor_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        let appeal = match c.action {
                            ModerationAction::Restore => "upheld",
                            _ => "rejected",
                        };
                        if c.action != ModerationAction::Hide {
                            sqlx::query(
                                "UPDATE appeals SET status = $2 WHERE artwork_id = $1 \
                                 AND status = 'pending'",
                            )
                            .bind(&c.artwork_id)
                            .bind(appeal)
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                    // Hide and remove close every open report; a restore tells the reporters
                    // of the hide that it was undone.
                    let reports = match (c.action, outcome) {
                        (ModerationAction::Restore, AuditOutcome::Noop) => None,
                        (ModerationAction::Restore, AuditOutcome::Ok) => Some(
                            "UPDATE reports SET outcome_action = $2, outcome_reason = $3, \
                             outcome_at = $4 WHERE artwork_id = $1 AND status = 'resolved' \
                             AND outcome_action = 'hide'",
                        ),
                        _ => Some(
                            "UPDATE reports SET status = 'resolved', outcome_action = $2, \
                             outcome_reason = $3, outcome_at = $4 \
                             WHERE artwork_id = $1 AND status = 'open'",
                        ),
                    };
                    if let Some(sql) = reports {
                        sqlx::query(sql)
                            .bind(&c.artwork_id)
                            .bind(c.action.as_str())
                            .bind(&c.reason)
                            .bind(at)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let entry = AuditEntry {
                        outcome,
                        ..c.audit.clone()
                    };
                    super::audit_log::insert(&mut *tx, &entry).await?;
                    tx.commit().await?;
                    Ok(Some(outcome))
                }

                async fn get_including_removed(
                    &self,
                    id: &str,
                ) -> Result<Option<ArtworkRecord>, StoreError> {
                    let sql = format!("SELECT {COLUMNS} FROM artworks WHERE id = $1");
                    sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?
                        .map(ArtworkRecord::try_from)
                        .transpose()
                }

                async fn dismiss_reports(
                    &self,
                    artwork_id: &str,
                    audit: &AuditEntry,
                ) -> Result<Option<u64>, StoreError> {
                    let mut tx = artstation_common::db::BeginWrite::begin_write(&self.pool).await?;
                    let live: Option<(String,)> = sqlx::query_as(
                        "UPDATE artworks SET id = id WHERE id = $1 AND deleted_at IS NULL \
                         RETURNING id",
                    )
                    .bind(artwork_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if live.is_none() {
                        return Ok(None);
                    }
                    let done = sqlx::query(
                        "UPDATE reports SET status = 'dismissed', outcome_action = 'dismiss', \
                         outcome_reason = $2, outcome_at = $3 \
                         WHERE artwork_id = $1 AND status = 'open'",
                    )
                    .bind(artwork_id)
                    .bind(audit.reason.as_deref().unwrap_or_default())
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await?;
                    let flag = sqlx::query(
                        "INSERT INTO dismissed_flags (artwork_id, at) SELECT id, $2 \
                         FROM artworks WHERE id = $1 AND near_duplicate_of IS NOT NULL \
                         ON CONFLICT (artwork_id) DO NOTHING",
                    )
                    .bind(artwork_id)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await?;
                    let dismissed = done.rows_affected();
                    let entry = AuditEntry {
                        outcome: if dismissed == 0 && flag.rows_affected() == 0 {
                            AuditOutcome::Noop
                        } else {
                            AuditOutcome::Ok
                        },
                        ..audit.clone()
                    };
                    super::audit_log::insert(&mut *tx, &entry).await?;
                    tx.commit().await?;
                    Ok(Some(dismissed))
                }

                async fn moderation_state(
                    &self,
                    artwork_id: &str,
                ) -> Result<Option<ModerationState>, StoreError> {
                    let row: Option<(String, String, DateTime<Utc>)> = sqlx::query_as(
                        "SELECT state, reason, at FROM artwork_moderation WHERE artwork_id = $1",
                    )
                    .bind(artwork_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    let Some((state, reason, at)) = row else {
                        return Ok(None);
                    };
                    let appeal: Option<(String, DateTime<Utc>, String)> = sqlx::query_as(
                        "SELECT message, at, status FROM appeals WHERE artwork_id = $1",
                    )
                    .bind(artwork_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(Some(ModerationState {
                        state,
                        reason,
                        at,
                        appeal: appeal.map(|(message, at, status)| AppealRecord {
                            message,
                            at,
                            status,
                        }),
                    }))
                }

                async fn add_appeal(
                    &self,
                    artwork_id: &str,
                    message: &str,
                    at: DateTime<Utc>,
                ) -> Result<bool, StoreError> {
                    let res = sqlx::query(
                        "INSERT INTO appeals (artwork_id, message, at) VALUES ($1, $2, $3)",
                    )
                    .bind(artwork_id)
                    .bind(message)
                    .bind(at)
                    .execute(&self.pool)
                    .await;
                    match res {
                        Ok(_) => Ok(true),
                        Err(e) if is_unique_violation(&e) => Ok(false),
                        Err(e) => Err(e.into()),
                    }
                }

                async fn queue(&self, filter: &QueueFilter) -> Result<Vec<QueueRow>, StoreError> {
                    super::moderation_queue::queue(&self.pool, filter).await
                }

                async fn public_log(
                    &self,
                    limit: u32,
                    before: Option<&(DateTime<Utc>, String)>,
                ) -> Result<Vec<AuditEntry>, StoreError> {
                    super::moderation_queue::public_log(&self.pool, limit, before).await
                }
            }
        }
    };
}

pub(super) use moderation_store_impl;
