//! The audit log each service keeps of its admins' actions (bans and roles in auth,
//! moderation and catalogue edits in artwork, credits and payouts in commerce), in one shape.
//!
//! Every service owns its `audit_log` table, in its own database, append-only in the database
//! itself (triggers refuse UPDATE and DELETE). What they share is here once: the entry, the
//! query, the store trait, the SQL (as [`audit_log_sql!`] and [`audit_store_impl!`], expanded
//! by each service's store for SQLite and PostgreSQL) and the gRPC shapes
//! (`artstation.audit.v1`), so the gateway merges the three logs page by page.

use chrono::{DateTime, Utc};

pub use artstation_proto::audit::v1 as pb;

use crate::paging::PageLimit;
use crate::{ServiceError, time};

/// A page when the caller names no size, and the largest a caller may ask for: the same in
/// every service and at the gateway, which merges one page of each.
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 200;

/// Whether the action changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditOutcome {
    Ok,
    /// Asked for what already was (banning a banned account): recorded all the same.
    Noop,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Noop => "noop",
        }
    }

    /// `ok` when `changed`, else `noop`.
    pub fn of(changed: bool) -> Self {
        if changed { Self::Ok } else { Self::Noop }
    }

    /// The stored word; anything else is a row this code did not write.
    pub fn parse(stored: &str) -> Option<Self> {
        match stored {
            "ok" => Some(Self::Ok),
            "noop" => Some(Self::Noop),
            _ => None,
        }
    }
}

/// One admin action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// A UUIDv7: unique across services, and ordered with `at`.
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_id: String,
    pub actor_username: String,
    pub action: String,
    /// `user`, `artwork`, `category`, `sale`, `payout`, …
    pub target_kind: String,
    pub target_id: String,
    pub reason: Option<String>,
    pub outcome: AuditOutcome,
}

impl AuditEntry {
    /// An entry for an action `actor` takes now.
    pub fn now(
        actor: &crate::AccessClaims,
        action: &str,
        (target_kind, target_id): (&str, &str),
        reason: Option<String>,
        outcome: AuditOutcome,
    ) -> Self {
        Self {
            id: uuid::Uuid::now_v7().to_string(),
            at: crate::now(),
            actor_id: actor.sub.clone(),
            actor_username: actor.preferred_username.clone(),
            action: action.to_owned(),
            target_kind: target_kind.to_owned(),
            target_id: target_id.to_owned(),
            reason,
            outcome,
        }
    }

    pub fn into_proto(self) -> pb::AuditEntry {
        pb::AuditEntry {
            id: self.id,
            at: Some(time::to_proto(self.at)),
            actor_id: self.actor_id,
            actor_username: self.actor_username,
            action: self.action,
            target_kind: self.target_kind,
            target_id: self.target_id,
            reason: self.reason.unwrap_or_default(),
            outcome: self.outcome.as_str().to_owned(),
        }
    }
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

fn non_empty(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

impl AuditFilter {
    /// The query of a `ListAudit` call; a cursor must carry both its time and its id.
    pub fn from_request(req: pb::ListAuditRequest) -> Result<Self, ServiceError> {
        let limit = PageLimit::parse_within(req.limit, DEFAULT_PAGE, MAX_PAGE)?;
        let before = match (time::from_proto(req.before_at), non_empty(req.before_id)) {
            (Some(at), Some(id)) => Some((at, id)),
            (None, None) => None,
            _ => return Err(ServiceError::validation("cursor", "malformed cursor")),
        };
        Ok(Self {
            actor_id: non_empty(req.actor_id),
            action: non_empty(req.action),
            target_id: non_empty(req.target_id),
            since: time::from_proto(req.since),
            until: time::from_proto(req.until),
            before,
            limit: limit.get(),
        })
    }
}

/// A page of entries as `ListAudit` answers it.
pub fn response(items: Vec<AuditEntry>) -> pb::ListAuditResponse {
    pb::ListAuditResponse {
        items: items.into_iter().map(AuditEntry::into_proto).collect(),
    }
}

/// A service's audit log: appended to, listed, never changed (no method does, and the table
/// refuses it too).
#[async_trait::async_trait]
pub trait AuditStore: Send + Sync + 'static {
    type Error;
    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), Self::Error>;
    async fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, Self::Error>;
}

/// A stored outcome this code did not write, as the row decoding error it is.
#[doc(hidden)]
pub fn outcome_from_row(id: &str, stored: &str) -> Result<AuditOutcome, sqlx::Error> {
    AuditOutcome::parse(stored)
        .ok_or_else(|| sqlx::Error::Decode(format!("audit entry {id}: outcome {stored:?}").into()))
}

/// The SQL of an `audit_log` table on the database `$db` (`sqlx::Sqlite`, `sqlx::Postgres`),
/// as a module `audit_log` with `insert` (on any executor, so a service can append inside its
/// own transaction) and `select` (the filter, after a condition of the caller's). Errors are
/// `$err`, which must come from `sqlx::Error`.
#[macro_export]
macro_rules! audit_log_sql {
    ($db:ty, $err:ty) => {
        pub(crate) mod audit_log {
            use $crate::audit::{AuditEntry, AuditFilter};

            type Row = (
                String,
                ::chrono::DateTime<::chrono::Utc>,
                String,
                String,
                String,
                String,
                String,
                Option<String>,
                String,
            );

            pub(crate) async fn insert<'e, E>(executor: E, e: &AuditEntry) -> Result<(), $err>
            where
                E: ::sqlx::Executor<'e, Database = $db>,
            {
                ::sqlx::query(
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
                .bind(e.outcome.as_str())
                .execute(executor)
                .await?;
                Ok(())
            }

            /// Entries meeting `condition` (SQL of the caller's, never input; `1 = 1` for
            /// all) and the filter, newest first.
            pub(crate) async fn select<'e, E>(
                executor: E,
                condition: &'static str,
                f: &AuditFilter,
            ) -> Result<Vec<AuditEntry>, $err>
            where
                E: ::sqlx::Executor<'e, Database = $db>,
            {
                let mut q = ::sqlx::QueryBuilder::<$db>::new(
                    "SELECT id, at, actor_id, actor_username, action, target_kind, target_id, \
                     reason, outcome FROM audit_log WHERE ",
                );
                q.push(condition);
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
                let rows: Vec<Row> = q.build_query_as().fetch_all(executor).await?;
                let mut entries = Vec::with_capacity(rows.len());
                for r in rows {
                    let outcome = $crate::audit::outcome_from_row(&r.0, &r.8)?;
                    entries.push(AuditEntry {
                        id: r.0,
                        at: r.1,
                        actor_id: r.2,
                        actor_username: r.3,
                        action: r.4,
                        target_kind: r.5,
                        target_id: r.6,
                        reason: r.7,
                        outcome,
                    });
                }
                Ok(entries)
            }
        }
    };
}

/// `AuditStore` for `$store` (which keeps its pool in `pool`) on `$db`, with the errors `$err`;
/// expands [`audit_log_sql!`] beside it.
#[macro_export]
macro_rules! audit_store_impl {
    ($store:ty, $db:ty, $err:ty) => {
        $crate::audit_log_sql!($db, $err);

        #[::async_trait::async_trait]
        impl $crate::audit::AuditStore for $store {
            type Error = $err;

            async fn append_audit(&self, e: &$crate::audit::AuditEntry) -> Result<(), $err> {
                audit_log::insert(&self.pool, e).await
            }

            async fn audit(
                &self,
                f: &$crate::audit::AuditFilter,
            ) -> Result<Vec<$crate::audit::AuditEntry>, $err> {
                audit_log::select(&self.pool, "1 = 1", f).await
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_back_as_written() {
        for o in [AuditOutcome::Ok, AuditOutcome::Noop] {
            assert_eq!(AuditOutcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(AuditOutcome::of(false), AuditOutcome::Noop);
        assert!(outcome_from_row("e1", "forged").is_err());
    }

    #[test]
    fn a_cursor_needs_both_its_halves() {
        let half = pb::ListAuditRequest {
            before_id: "e1".into(),
            ..Default::default()
        };
        assert!(AuditFilter::from_request(half).is_err());
        let all = AuditFilter::from_request(pb::ListAuditRequest::default());
        assert_eq!(all.map(|f| (f.limit, f.before)).ok(), Some((50, None)));
        let too_many = pb::ListAuditRequest {
            limit: 201,
            ..Default::default()
        };
        assert!(AuditFilter::from_request(too_many).is_err());
    }
}
