//! The audit log of admin actions on money: entries appended by `wallet.rs` (credits) and
//! `sales.rs` (payouts marked paid), read here by admins (the gateway merges them with the
//! other services' logs).

use artstation_common::jwt::AccessClaims;
use artstation_common::paging::PageLimit;
use artstation_common::{ServiceError, caller, time};
use artstation_proto::commerce::v1 as pb;

use crate::state::Commerce;
use crate::store::{AuditEntry, AuditFilter};

const DEFAULT_AUDIT_PAGE: u32 = 50;
const MAX_AUDIT_PAGE: u32 = 200;

fn non_empty(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

impl Commerce {
    /// Appends that `admin` did `action` to the `target_kind` `target_id`.
    pub(crate) async fn record_audit(
        &self,
        admin: &AccessClaims,
        action: &str,
        target_kind: &str,
        target_id: &str,
        reason: Option<String>,
    ) -> Result<(), ServiceError> {
        let entry = AuditEntry {
            id: uuid::Uuid::now_v7().to_string(),
            at: artstation_common::now(),
            actor_id: admin.sub.clone(),
            actor_username: admin.preferred_username.clone(),
            action: action.to_owned(),
            target_kind: target_kind.to_owned(),
            target_id: target_id.to_owned(),
            reason,
            outcome: "ok".to_owned(),
        };
        Ok(self.store.append_audit(&entry).await?)
    }

    /// Entries newest first, strictly before `(before_at, before_id)` when given. Admins only.
    pub async fn audit(
        &self,
        admin: &AccessClaims,
        req: pb::ListAuditRequest,
    ) -> Result<pb::ListAuditResponse, ServiceError> {
        caller::require_admin(admin)?;
        let limit = PageLimit::parse_within(req.limit, DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE)?;
        let before = match (time::from_proto(req.before_at), non_empty(req.before_id)) {
            (Some(at), Some(id)) => Some((at, id)),
            (None, None) => None,
            _ => return Err(ServiceError::validation("cursor", "malformed cursor")),
        };
        let filter = AuditFilter {
            actor_id: non_empty(req.actor_id),
            action: non_empty(req.action),
            target_id: non_empty(req.target_id),
            since: time::from_proto(req.since),
            until: time::from_proto(req.until),
            before,
            limit: limit.get(),
        };
        let items = self.store.audit(&filter).await?;
        Ok(pb::ListAuditResponse {
            items: items
                .into_iter()
                .map(|e| pb::AuditEntry {
                    id: e.id,
                    at: Some(time::to_proto(e.at)),
                    actor_id: e.actor_id,
                    actor_username: e.actor_username,
                    action: e.action,
                    target_kind: e.target_kind,
                    target_id: e.target_id,
                    reason: e.reason.unwrap_or_default(),
                    outcome: e.outcome,
                })
                .collect(),
        })
    }
}
