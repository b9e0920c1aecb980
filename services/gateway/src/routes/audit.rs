//! Admin actions on accounts with their reasons (ban, unban, role; the auth service checks the
//! caller and records them), and `GET /v1/admin/audit`: the audit logs every service keeps of
//! what it owns (auth, artwork, commerce), merged newest first into one cursor-paged list.

use artstation_api::{AuditActor, AuditEntry, AuditTarget, Page, ReasonRequest, RoleRequest, User};
use artstation_common::time::{from_proto, to_proto};
use artstation_common::{audit, paging};
use artstation_proto::audit::v1 as audit_pb;
use artstation_proto::auth::v1 as auth;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::present;
use crate::json::{check_size, parse, require_json};
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, with_token};

const AUDIT_CURSOR: &str = "a1";

/// A body that may be absent (older clients ban without one) or `{"reason": ...}`.
fn optional_reason(headers: &HeaderMap, body: &Bytes) -> Result<String, ApiError> {
    if body.is_empty() {
        return Ok(String::new());
    }
    require_json(headers)?;
    check_size(body)?;
    let r: ReasonRequest = parse(body)?;
    Ok(r.reason.unwrap_or_default())
}

/// `POST /v1/admin/users/{id}/ban`, body `{"reason"}` (optional).
#[utoipa::path(
    post,
    path = "/v1/admin/users/{id}/ban",
    tag = "admin",
    params(("id" = String, Path, description = "User id")),
    request_body(content = Option<artstation_api::ReasonRequest>, description = "Optional"),
    responses((status = 200, description = "The user, banned", body = artstation_api::User), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn ban(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<User>, ApiError> {
    let reason = optional_reason(&headers, &body)?;
    let user = st
        .auth()
        .ban_user(with_token(
            auth::BanUserRequest {
                user_id: id,
                reason,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::user(user)))
}

/// `POST /v1/admin/users/{id}/unban`, body `{"reason"}` (optional).
#[utoipa::path(
    post,
    path = "/v1/admin/users/{id}/unban",
    tag = "admin",
    params(("id" = String, Path, description = "User id")),
    request_body(content = Option<artstation_api::ReasonRequest>, description = "Optional"),
    responses((status = 200, description = "The user, unbanned", body = artstation_api::User), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn unban(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<User>, ApiError> {
    let reason = optional_reason(&headers, &body)?;
    let user = st
        .auth()
        .unban_user(with_token(
            auth::UnbanUserRequest {
                user_id: id,
                reason,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::user(user)))
}

/// `POST /v1/admin/users/{id}/role`, body `{"role", "reason"?}`.
#[utoipa::path(
    post,
    path = "/v1/admin/users/{id}/role",
    tag = "admin",
    params(("id" = String, Path, description = "User id")),
    request_body = artstation_api::RoleRequest,
    responses((status = 200, description = "The user with the role", body = artstation_api::User), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn set_role(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    crate::json::ApiJson(body): crate::json::ApiJson<RoleRequest>,
) -> Result<Json<User>, ApiError> {
    let user = st
        .auth()
        .set_role(with_token(
            auth::SetRoleRequest {
                user_id: id,
                role: super::auth::pb_role(body.role).into(),
                reason: body.reason.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::user(user)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only actions by this admin (id).
    actor: Option<String>,
    /// Only this action.
    action: Option<String>,
    /// Only actions on this target (id).
    target: Option<String>,
    /// Only actions at or after this RFC 3339 instant.
    #[param(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    since: Option<String>,
    /// Only actions before this RFC 3339 instant.
    #[param(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    until: Option<String>,
    /// Page size, at least 1 (each service caps it).
    #[param(value_type = Option<u32>, minimum = 1)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

fn instant(field: &str, v: Option<&str>) -> Result<Option<DateTime<Utc>>, ApiError> {
    v.map(|s| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| ApiError::validation(field, "an RFC 3339 instant"))
    })
    .transpose()
}

fn encode_cursor(at: DateTime<Utc>, id: &str) -> String {
    paging::encode_cursor(AUDIT_CURSOR, &[&id, &at.timestamp_micros()])
}

fn decode_cursor(c: &str) -> Result<(DateTime<Utc>, String), ApiError> {
    let bad = || ApiError(paging::bad_cursor());
    let (tag, parts) = paging::decode_cursor(c, 2).map_err(ApiError)?;
    let (Some(id), Some(micros)) = (parts.first(), parts.get(1)) else {
        return Err(bad());
    };
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::<Utc>::from_timestamp_micros)
        .ok_or_else(bad)?;
    if tag != AUDIT_CURSOR {
        return Err(bad());
    }
    Ok((at, id.clone()))
}

/// One service's entry in the API's form.
fn entry(service: &str, e: audit_pb::AuditEntry) -> AuditEntry {
    AuditEntry {
        action: e.action,
        actor: AuditActor {
            id: e.actor_id,
            username: e.actor_username,
        },
        at: from_proto(e.at).unwrap_or_default(),
        id: e.id,
        outcome: e.outcome,
        reason: Some(e.reason).filter(|r| !r.is_empty()),
        service: service.to_owned(),
        target: AuditTarget {
            id: e.target_id,
            kind: e.target_kind,
        },
    }
}

/// `GET /v1/admin/audit`: every service's page before the cursor, merged newest first. Each
/// service pages by the same `(at, id)` keyset (ids are UUIDv7, unique across services), so
/// the merged page's last entry is a cursor every service understands.
#[utoipa::path(
    get,
    path = "/v1/admin/audit",
    tag = "admin",
    params(AuditQuery),
    responses((status = 200, description = "Admin actions, newest first", body = artstation_api::Page<artstation_api::AuditEntry>)),
    security(("bearer" = []))
)]
pub async fn audit(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Page<AuditEntry>>, ApiError> {
    let limit = match super::page_limit(q.limit.as_deref())? {
        0 => audit::DEFAULT_PAGE,
        n if n > audit::MAX_PAGE => {
            return Err(ApiError::validation(
                "limit",
                format!("at most {}", audit::MAX_PAGE),
            ));
        }
        n => n,
    };
    let before = q.cursor.as_deref().map(decode_cursor).transpose()?;
    let since = instant("since", q.since.as_deref())?.map(to_proto);
    let until = instant("until", q.until.as_deref())?.map(to_proto);
    // One query for all three: every service answers the same `artstation.audit.v1` shapes.
    let req = audit_pb::ListAuditRequest {
        actor_id: q.actor.unwrap_or_default(),
        action: q.action.unwrap_or_default(),
        target_id: q.target.unwrap_or_default(),
        since,
        until,
        limit,
        before_at: before.as_ref().map(|b| to_proto(b.0)),
        before_id: before.map(|b| b.1).unwrap_or_default(),
    };
    let mut artworks = st.artworks();
    let mut accounts = st.auth();
    let mut money = st.commerce();
    let (from_artwork, from_accounts, from_money) = tokio::join!(
        artworks.list_audit(with_token(req.clone(), Some(&caller.token))?),
        accounts.list_audit(with_token(req.clone(), Some(&caller.token))?),
        money.list_audit(with_token(req, Some(&caller.token))?),
    );
    let from_artwork = from_artwork?.into_inner().items;
    let from_accounts = from_accounts?.into_inner().items;
    let from_money = from_money?.into_inner().items;
    // A full page from any service means there may be more before its last entry.
    let full = [from_artwork.len(), from_accounts.len(), from_money.len()]
        .iter()
        .any(|n| *n >= limit as usize);
    let mut items: Vec<AuditEntry> = from_artwork
        .into_iter()
        .map(|e| entry("artwork", e))
        .chain(from_accounts.into_iter().map(|e| entry("auth", e)))
        .chain(from_money.into_iter().map(|e| entry("commerce", e)))
        .collect();
    items.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    let more = items.len() > limit as usize || full;
    items.truncate(limit as usize);
    let next_cursor = match items.last() {
        Some(last) if more => encode_cursor(last.at, &last.id),
        _ => String::new(),
    };
    Ok(Json(Page::new(items, next_cursor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_cursors_round_trip() -> Result<(), ApiError> {
        let at = artstation_common::now();
        let (back, id) = decode_cursor(&encode_cursor(at, "e1"))?;
        assert_eq!(back.timestamp_micros(), at.timestamp_micros());
        assert_eq!(id, "e1");
        assert!(decode_cursor("nope").is_err());
        Ok(())
    }
}
