//! The commerce service's audit log: admin credits and payouts marked paid, appended and never
//! changed or removed (the trait has no such method, and the table refuses it too).

use chrono::{DateTime, Utc};

use super::StoreError;

/// One admin action on money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_id: String,
    pub actor_username: String,
    /// `credit` or `payout_paid`.
    pub action: String,
    /// `user` (a credit to their wallet) or `payout`.
    pub target_kind: String,
    pub target_id: String,
    pub reason: Option<String>,
    /// `ok`, or `noop` when nothing changed.
    pub outcome: String,
}

/// Which entries to list: newest first, strictly before `before` (an `(at, id)` keyset).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor_id: Option<String>,
    pub action: Option<String>,
    pub target_id: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub before: Option<(DateTime<Utc>, String)>,
    pub limit: u32,
}

#[async_trait::async_trait]
pub trait AuditStore: Send + Sync + 'static {
    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    async fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError>;
}

macro_rules! audit_store_impl {
    ($store:ident, $db:ty) => {
        mod audit_impl {
            use chrono::{DateTime, Utc};
            use sqlx::QueryBuilder;

            use super::super::StoreError;
            use super::super::audit::{AuditEntry, AuditFilter, AuditStore};
            use super::$store;

            type Row = (
                String,
                DateTime<Utc>,
                String,
                String,
                String,
                String,
                String,
                Option<String>,
                String,
            );

            #[async_trait::async_trait]
            impl AuditStore for $store {
                async fn append_audit(&self, e: &AuditEntry) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO audit_log (id, at, actor_id, actor_username, action, \
                         target_kind, target_id, reason, outcome) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(&e.id)
                    .bind(e.at)
                    .bind(&e.actor_id)
                    .bind(&e.actor_username)
                    .bind(&e.action)
                    .bind(&e.target_kind)
                    .bind(&e.target_id)
                    .bind(e.reason.as_deref())
                    .bind(&e.outcome)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
                    let mut q = QueryBuilder::<$db>::new(
                        "SELECT id, at, actor_id, actor_username, action, target_kind, target_id, \
                         reason, outcome FROM audit_log WHERE 1 = 1",
                    );
                    if let Some(actor) = &f.actor_id {
                        q.push(" AND actor_id = ").push_bind(actor.clone());
                    }
                    if let Some(action) = &f.action {
                        q.push(" AND action = ").push_bind(action.clone());
                    }
                    if let Some(target) = &f.target_id {
                        q.push(" AND target_id = ").push_bind(target.clone());
                    }
                    if let Some(since) = f.since {
                        q.push(" AND at >= ").push_bind(since);
                    }
                    if let Some(until) = f.until {
                        q.push(" AND at < ").push_bind(until);
                    }
                    if let Some((at, id)) = &f.before {
                        q.push(" AND (at, id) < (")
                            .push_bind(*at)
                            .push(", ")
                            .push_bind(id.clone())
                            .push(")");
                    }
                    q.push(" ORDER BY at DESC, id DESC LIMIT ")
                        .push_bind(i64::from(f.limit));
                    let rows: Vec<Row> = q.build_query_as().fetch_all(&self.pool).await?;
                    Ok(rows
                        .into_iter()
                        .map(|r| AuditEntry {
                            id: r.0,
                            at: r.1,
                            actor_id: r.2,
                            actor_username: r.3,
                            action: r.4,
                            target_kind: r.5,
                            target_id: r.6,
                            reason: r.7,
                            outcome: r.8,
                        })
                        .collect())
                }
            }
        }
    };
}

pub(super) use audit_store_impl;
