//! The audit log of admin actions on accounts: entries appended by `admin.rs`, read here by
//! admins (the gateway merges them with the other services' logs).

use artstation_common::ServiceError;
use artstation_common::audit::{self, AuditEntry, AuditFilter, AuditOutcome};
use artstation_common::jwt::AccessClaims;

use crate::state::State;

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
    let entry = AuditEntry::now(
        admin,
        action,
        ("user", target_id),
        reason,
        AuditOutcome::of(changed),
    );
    Ok(state.store.append_audit(&entry).await?)
}

/// Entries newest first, strictly before `(before_at, before_id)` when given.
pub(crate) async fn list(
    state: &State,
    req: audit::pb::ListAuditRequest,
) -> Result<audit::pb::ListAuditResponse, ServiceError> {
    let filter = AuditFilter::from_request(req)?;
    Ok(audit::response(state.store.audit(&filter).await?))
}
