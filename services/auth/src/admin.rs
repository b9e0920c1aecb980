//! Administration of accounts: listing and searching users, bans (which end every session at
//! once) and roles. The caller is checked to be an admin before any of this runs.

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{self, Page, PageLimit};
use artstation_domain::Role;
use artstation_proto::auth::v1 as pb;

use crate::audit;
use crate::input::{MAX_LOGIN_BYTES, normalise_login, role_from_pb};
use crate::present::user_to_pb;
use crate::state::State;
use crate::store::UserFilter;

/// The user list's page bounds, wider than other lists' (admins page through many accounts).
const DEFAULT_USER_PAGE: u32 = 50;
const MAX_USER_PAGE: u32 = 200;
/// Tag of user-list cursors (by id).
const USER_CURSOR: &str = "u1";

/// Users whose email or username contains the query, by id.
pub(crate) async fn list_users(
    state: &State,
    req: pb::ListUsersRequest,
) -> Result<pb::ListUsersResponse, ServiceError> {
    let limit = PageLimit::parse_within(req.limit, DEFAULT_USER_PAGE, MAX_USER_PAGE)?;
    if req.query.len() > MAX_LOGIN_BYTES {
        return Err(ServiceError::validation("q", "query too long"));
    }
    artstation_domain::refuse_control("q", &req.query, &[])?;
    let after = paging::optional(&req.cursor, decode_user_cursor)?;
    let filter = UserFilter {
        query: Some(normalise_login(&req.query)).filter(|q| !q.is_empty()),
        role: match req.role {
            0 => None,
            r => Some(role_from_pb(r, "role")?),
        },
        banned: req.banned,
    };
    let rows = state
        .store
        .list_users(&filter, limit.fetch(), after.as_deref())
        .await?;
    let page = Page::cut(rows, limit, |last| encode_user_cursor(&last.id));
    Ok(pb::ListUsersResponse {
        next_cursor: page.wire_cursor(),
        items: page.items.iter().map(user_to_pb).collect(),
    })
}

fn encode_user_cursor(id: &str) -> String {
    paging::encode_cursor(USER_CURSOR, &[&id])
}

fn decode_user_cursor(cursor: &str) -> Result<String, ServiceError> {
    let (tag, mut parts) = paging::decode_cursor(cursor, 1)?;
    match parts.pop() {
        Some(id) if tag == USER_CURSOR => Ok(id),
        _ => Err(paging::bad_cursor()),
    }
}

/// Bans or unbans a user. A ban ends every session and access token of theirs at once; an
/// admin cannot ban themselves. Idempotent: banning a banned user changes nothing (and is
/// recorded as a `noop`).
pub(crate) async fn set_banned(
    state: &State,
    admin: &AccessClaims,
    user_id: &str,
    banned: bool,
    reason: &str,
) -> Result<pb::User, ServiceError> {
    let reason = audit::parse_reason(reason)?;
    if banned && admin.sub == user_id {
        return Err(ServiceError::validation(
            "user_id",
            "admins cannot ban themselves",
        ));
    }
    if uuid::Uuid::parse_str(user_id).is_err() {
        return Err(ServiceError::not_found("user"));
    }
    let before = state.user(user_id).await?;
    let changed = before.banned_at.is_some() != banned;
    if changed {
        let at = banned.then(artstation_common::now);
        if !state.store.set_banned(user_id, at).await? {
            return Err(ServiceError::not_found("user"));
        }
    }
    if banned {
        // Again on a repeated ban too: a session started in between ends as well.
        state.end_sessions(user_id, None).await?;
    }
    let action = if banned { "ban" } else { "unban" };
    audit::record(state, admin, action, user_id, reason, changed).await?;
    tracing::info!(admin = %admin.sub, %user_id, banned, changed, "ban changed");
    Ok(user_to_pb(&state.user(user_id).await?))
}

/// Gives a user a role; an admin cannot demote themselves.
pub(crate) async fn set_role(
    state: &State,
    admin: &AccessClaims,
    req: pb::SetRoleRequest,
) -> Result<pb::User, ServiceError> {
    let role = role_from_pb(req.role, "role")?;
    let reason = audit::parse_reason(&req.reason)?;
    if admin.sub == req.user_id && role != Role::Admin {
        return Err(ServiceError::validation(
            "role",
            "admins cannot demote themselves",
        ));
    }
    if uuid::Uuid::parse_str(&req.user_id).is_err() {
        return Err(ServiceError::not_found("user"));
    }
    let changed = state.user(&req.user_id).await?.role != role;
    if changed {
        if !state.store.set_role(&req.user_id, role).await? {
            return Err(ServiceError::not_found("user"));
        }
        // Tokens carry the role: the old ones must stop; refreshing yields the new role.
        state
            .cut_off_tokens(&req.user_id, artstation_common::now())
            .await?;
    }
    audit::record(state, admin, "role", &req.user_id, reason, changed).await?;
    tracing::info!(admin = %admin.sub, user_id = %req.user_id, role = role.as_str(), "role changed");
    Ok(user_to_pb(&state.user(&req.user_id).await?))
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    #[test]
    fn user_cursors_keep_their_wire_format() {
        let id = "0190b6f2-6b5e-7c3a-9d2e-3f4a5b6c7d8e";
        // Clients may hold cursors minted before the shared paging kit: base64url("u1:<id>").
        let before = URL_SAFE_NO_PAD.encode(format!("u1:{id}"));
        assert_eq!(encode_user_cursor(id), before);
        assert_eq!(decode_user_cursor(&before).ok().as_deref(), Some(id));
        for bad in [
            "!!!",
            &URL_SAFE_NO_PAD.encode(format!("n:{id}")),
            &URL_SAFE_NO_PAD.encode("u1"),
        ] {
            assert!(decode_user_cursor(bad).is_err(), "{bad}");
        }
    }
}
