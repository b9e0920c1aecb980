//! Who may do what, checked the same way in every service from the verified access token:
//! admin-only actions, and actions on a thing that belongs to someone (its owner or an admin).

use artstation_domain::Role;

use crate::ServiceError;
use crate::jwt::AccessClaims;

/// Refuses anyone but an admin.
pub fn require_admin(caller: &AccessClaims) -> Result<(), ServiceError> {
    if caller.role == Role::Admin {
        Ok(())
    } else {
        Err(ServiceError::forbidden("this needs an admin"))
    }
}

/// Whether `caller` owns a thing owned by `owner_id`, or is an admin.
pub fn is_owner_or_admin(caller: &AccessClaims, owner_id: &str) -> bool {
    caller.sub == owner_id || caller.role == Role::Admin
}

/// Like [`is_owner_or_admin`], for an anonymous caller too (who is neither).
pub fn may_manage(caller: Option<&AccessClaims>, owner_id: &str) -> bool {
    caller.is_some_and(|c| is_owner_or_admin(c, owner_id))
}

/// Refuses anyone but the owner or an admin. `what` names the thing in a `not_found` error:
/// to others a thing they may not manage does not exist, so its id reveals nothing.
pub fn require_owner_or_admin(
    caller: &AccessClaims,
    owner_id: &str,
    what: &str,
) -> Result<(), ServiceError> {
    if is_owner_or_admin(caller, owner_id) {
        Ok(())
    } else {
        Err(ServiceError::not_found(what))
    }
}
