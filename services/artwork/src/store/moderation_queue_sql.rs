//! The SQL of the moderation queue and of the public moderation log (see
//! `moderation_store.rs`), once for both backends; the audit log's own SQL is
//! `artstation_common::audit_log_sql!`.

macro_rules! moderation_queue_impl {
    ($pool:ty, $db:ty) => {
        mod moderation_queue {
            use std::collections::HashMap;

            use chrono::{DateTime, Utc};
            use sqlx::QueryBuilder;

            use super::super::StoreError;
            use super::super::moderation_store::{
                AppealRecord, AuditEntry, AuditFilter, QUEUE_NOTES, QueueFilter, QueueRow,
            };

            /// The queue's candidates are the works with open reports, the flagged works whose
            /// flag stands and the works with a pending appeal (each found by its own index),
            /// grouped once; a work without reports sorts by its appeal's, else its upload's,
            /// time.
            const QUEUE: &str = "WITH open_reports AS (\
                 SELECT artwork_id, COUNT(*) AS n, MIN(created_at) AS first_at, \
                 MAX(created_at) AS last_at, \
                 SUM(CASE WHEN reason = $1 THEN 1 ELSE 0 END) AS matching \
                 FROM reports WHERE status = 'open' GROUP BY artwork_id), \
                 candidates AS (\
                 SELECT artwork_id AS id FROM open_reports \
                 UNION SELECT a.id FROM artworks a WHERE a.near_duplicate_of IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM dismissed_flags d WHERE d.artwork_id = a.id) \
                 UNION SELECT artwork_id FROM appeals WHERE status = 'pending'), \
                 items AS (\
                 SELECT a.id AS id, COALESCE(o.n, 0) AS n, \
                 COALESCE(o.first_at, p.at, a.created_at) AS first_at, \
                 COALESCE(o.last_at, p.at, a.created_at) AS last_at, \
                 COALESCE(o.matching, 0) AS matching, \
                 CASE WHEN a.near_duplicate_of IS NOT NULL AND d.artwork_id IS NULL \
                 THEN 1 ELSE 0 END AS flagged \
                 FROM candidates c JOIN artworks a ON a.id = c.id \
                 LEFT JOIN open_reports o ON o.artwork_id = a.id \
                 LEFT JOIN appeals p ON p.artwork_id = a.id AND p.status = 'pending' \
                 LEFT JOIN dismissed_flags d ON d.artwork_id = a.id \
                 WHERE a.deleted_at IS NULL) \
                 SELECT id, n, first_at, last_at FROM items \
                 WHERE ($2 = 0 OR flagged = 1) AND ($1 = '' OR matching > 0) \
                 AND ($3 IS NULL OR last_at <= $3) AND ($4 IS NULL OR last_at >= $4) \
                 AND ($5 IS NULL OR (last_at, id) < ($6, $5)) \
                 ORDER BY last_at DESC, id DESC LIMIT $7";

            pub(super) async fn queue(
                pool: &$pool,
                f: &QueueFilter,
            ) -> Result<Vec<QueueRow>, StoreError> {
                let rows: Vec<(String, i64, DateTime<Utc>, DateTime<Utc>)> =
                    sqlx::query_as(QUEUE)
                        .bind(f.reason.as_deref().unwrap_or_default())
                        .bind(i32::from(f.near_duplicate_only))
                        .bind(f.reported_before)
                        .bind(f.reported_since)
                        .bind(f.after.as_ref().map(|a| a.1.as_str()))
                        .bind(f.after.as_ref().map(|a| a.0))
                        .bind(i64::from(f.limit))
                        .fetch_all(pool)
                        .await?;
                if rows.is_empty() {
                    return Ok(Vec::new());
                }
                let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
                let mut reasons: HashMap<String, Vec<(String, u64)>> = HashMap::new();
                let mut q = QueryBuilder::<$db>::new(
                    "SELECT artwork_id, reason, COUNT(*) FROM reports \
                     WHERE status = 'open' AND artwork_id IN (",
                );
                let mut list = q.separated(", ");
                for id in &ids {
                    list.push_bind(*id);
                }
                q.push(") GROUP BY artwork_id, reason ORDER BY artwork_id, reason");
                let counted: Vec<(String, String, i64)> =
                    q.build_query_as().fetch_all(pool).await?;
                for (id, reason, n) in counted {
                    reasons
                        .entry(id)
                        .or_default()
                        .push((reason, u64::try_from(n).unwrap_or(0)));
                }
                let mut notes: HashMap<String, Vec<String>> = HashMap::new();
                let mut q = QueryBuilder::<$db>::new(
                    "SELECT artwork_id, note FROM reports WHERE status = 'open' \
                     AND note IS NOT NULL AND artwork_id IN (",
                );
                let mut list = q.separated(", ");
                for id in &ids {
                    list.push_bind(*id);
                }
                q.push(") ORDER BY created_at DESC, id DESC");
                let written: Vec<(String, String)> = q.build_query_as().fetch_all(pool).await?;
                for (id, note) in written {
                    let these = notes.entry(id).or_default();
                    if these.len() < QUEUE_NOTES {
                        these.push(note);
                    }
                }
                let mut appeals: HashMap<String, AppealRecord> = HashMap::new();
                let mut q = QueryBuilder::<$db>::new(
                    "SELECT artwork_id, message, at, status FROM appeals WHERE artwork_id IN (",
                );
                let mut list = q.separated(", ");
                for id in &ids {
                    list.push_bind(*id);
                }
                q.push(")");
                let filed: Vec<(String, String, DateTime<Utc>, String)> =
                    q.build_query_as().fetch_all(pool).await?;
                for (id, message, at, status) in filed {
                    appeals.insert(
                        id,
                        AppealRecord {
                            message,
                            at,
                            status,
                        },
                    );
                }
                Ok(rows
                    .into_iter()
                    .map(|(id, n, first_at, last_at)| QueueRow {
                        open_reports: u64::try_from(n).unwrap_or(0),
                        reasons: reasons.remove(&id).unwrap_or_default(),
                        notes: notes.remove(&id).unwrap_or_default(),
                        appeal: appeals.remove(&id),
                        first_at,
                        last_at,
                        artwork_id: id,
                    })
                    .collect())
            }

            /// The public log: hides, restores and removals that changed something.
            pub(super) async fn public_log(
                pool: &$pool,
                limit: u32,
                before: Option<&(DateTime<Utc>, String)>,
            ) -> Result<Vec<AuditEntry>, StoreError> {
                let page = AuditFilter {
                    before: before.cloned(),
                    limit,
                    ..AuditFilter::default()
                };
                super::audit_log::select(
                    pool,
                    "outcome = 'ok' AND action IN ('hide', 'restore', 'remove')",
                    &page,
                )
                .await
            }
        }
    };
}

pub(super) use moderation_queue_impl;
