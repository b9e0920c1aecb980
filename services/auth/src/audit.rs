//! The audit log of admin actions on accounts: entries appended by `admin.rs`, read here by
//! admins (the gateway merges them with the other services' logs).

use artstation_common::jwt::AccessClaims;
use artstation_common::paging::PageLimit;
use artstation_common::{ServiceError, time};
use artstation_proto::auth::v1 as pb;

use crate::state::State;
use crate::store::{AuditEntry, AuditFilter};

const DEFAULT_AUDIT_PAGE: u32 = 50;
const MAX_AUDIT_PAGE: u32 = 200;
const MAX_REASON_CHARS: usize = 500;

/// An admin's optional reason: trimmed, at most 500 characters, no control characters.
pub(crate) fn parse_reason(reason: &str) -> Result<Option<String>, ServiceError> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(ServiceError::validation(
            "reason",
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    artstation_domain::refuse_control("reason", reason, &[])?;
    Ok(Some(reason.to_owned()).filter(|r| !r.is_empty()))
}

/// Appends that `admin` did `action` to user `target_id`; `changed` false records a `noop`.
pub(crate) async fn record(
    state: &State,
    admin: &AccessClaims,
    action: &str,
    target_id: &str,
    reason: Option<String>,
    changed: bool,
) -> Result<(), ServiceError> {
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7().to_string(),
        at: artstation_common::now(),
        actor_id: admin.sub.clone(),
        actor_username: admin.preferred_username.clone(),
        action: action.to_owned(),
        target_id: target_id.to_owned(),
        reason,
        outcome: if changed { "ok" } else { "noop" }.to_owned(),
    };
    Ok(state.store.append_audit(&entry).await?)
}

fn non_empty(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

/// Entries newest first, strictly before `(before_at, before_id)` when given.
pub(crate) async fn list(
    state: &State,
    req: pb::ListAuditRequest,
) -> Result<pb::ListAuditResponse, ServiceError> {
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
    let items = state.store.audit(&filter).await?;
    Ok(pb::ListAuditResponse {
        items: items
            .into_iter()
            .map(|e| pb::AuditEntry {
                id: e.id,
                at: Some(time::to_proto(e.at)),
                actor_id: e.actor_id,
                actor_username: e.actor_username,
                action: e.action,
                target_kind: "user".into(),
                target_id: e.target_id,
                reason: e.reason.unwrap_or_default(),
                outcome: e.outcome,
            })
            .collect(),
    })
}
