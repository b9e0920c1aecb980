//! The audit log of admin actions on money: entries appended by `wallet.rs` (credits) and
//! `sales.rs` (payouts marked paid), read here by admins (the gateway merges them with the
//! other services' logs).

use artstation_common::audit::{self, AuditEntry, AuditFilter, AuditOutcome};
use artstation_common::jwt::AccessClaims;
use artstation_common::{ServiceError, caller};

use crate::state::Commerce;

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
        let entry = AuditEntry::now(
            admin,
            action,
            (target_kind, target_id),
            reason,
            AuditOutcome::Ok,
        );
        Ok(self.store.append_audit(&entry).await?)
    }

    /// Entries newest first, strictly before `(before_at, before_id)` when given. Admins only.
    pub async fn audit(
        &self,
        admin: &AccessClaims,
        req: audit::pb::ListAuditRequest,
    ) -> Result<audit::pb::ListAuditResponse, ServiceError> {
        caller::require_admin(admin)?;
        let filter = AuditFilter::from_request(req)?;
        Ok(audit::response(self.store.audit(&filter).await?))
    }
}
