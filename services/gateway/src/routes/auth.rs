use artstation_api::{
    Jwks, LoginRequest, LogoutRequest, Page, PasswordChange, RefreshRequest, RegisterRequest,
    RoleRequest, User,
};
use artstation_domain::Role;
use artstation_proto::auth::v1 as pb;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use super::present;
use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, ClientIp, with_token};

#[utoipa::path(
    post,
    path = "/v1/auth/register",
    tag = "auth",
    request_body = artstation_api::RegisterRequest,
    responses((status = 201, description = "The new account", body = artstation_api::User), (status = 403, response = crate::openapi::Forbidden), (status = 409, response = crate::openapi::Conflict))
)]
pub async fn register(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    // The auth service refuses `admin` itself: admins are created by an operator.
    let role = pb_role(body.role.unwrap_or(Role::Buyer));
    let mut req = with_token(
        pb::RegisterRequest {
            email: body.email,
            username: body.username,
            password: body.password,
            role: role.into(),
            client_ip: ip.to_string(),
        },
        None,
    )?;
    st.vouch(&mut req);
    let user = st.auth().register(req).await?.into_inner();
    Ok((StatusCode::CREATED, Json(present::user(user))))
}

#[utoipa::path(
    post,
    path = "/v1/auth/login",
    tag = "auth",
    request_body = artstation_api::LoginRequest,
    responses((status = 200, description = "Tokens", body = artstation_api::TokenPair), (status = 401, response = crate::openapi::Unauthorized), (status = 403, response = crate::openapi::Forbidden))
)]
pub async fn login(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let mut req = with_token(
        pb::LoginRequest {
            login: body.login,
            password: body.password,
            client_ip: ip.to_string(),
        },
        None,
    )?;
    st.vouch(&mut req);
    let pair = st.auth().login(req).await?.into_inner();
    Ok((no_store(), Json(present::tokens(pair))))
}

/// Token responses must not be cached (RFC 6749 §5.1).
fn no_store() -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h
}

#[utoipa::path(
    post,
    path = "/v1/auth/refresh",
    tag = "auth",
    request_body = artstation_api::RefreshRequest,
    responses((status = 200, description = "New tokens", body = artstation_api::TokenPair), (status = 401, response = crate::openapi::Unauthorized), (status = 403, response = crate::openapi::Forbidden))
)]
pub async fn refresh(
    State(st): State<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let pair = st
        .auth()
        .refresh(with_token(
            pb::RefreshRequest {
                refresh_token: body.refresh_token,
            },
            None,
        )?)
        .await?
        .into_inner();
    Ok((no_store(), Json(present::tokens(pair))))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogoutQuery {
    /// End every session of the caller.
    all: Option<bool>,
}

/// `POST /v1/auth/logout`: ends the session of `refresh_token`, or with `?all=true` every
/// session of the caller (the body may then be empty).
#[utoipa::path(
    post,
    path = "/v1/auth/logout",
    tag = "auth",
    params(LogoutQuery),
    request_body(content = Option<artstation_api::LogoutRequest>, description = "May be empty with `?all=true`"),
    responses((status = 204, description = "Signed out")),
    security(("bearer" = []))
)]
pub async fn logout(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<LogoutQuery>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let all = q.all.unwrap_or(false);
    let body: LogoutRequest = if body.is_empty() {
        LogoutRequest::default()
    } else {
        crate::json::parse(&body)?
    };
    let refresh_token = match (all, body.refresh_token) {
        (_, Some(t)) => t,
        (true, None) => String::new(),
        (false, None) => {
            return Err(ApiError::validation(
                "refresh_token",
                "missing field `refresh_token`",
            ));
        }
    };
    st.auth()
        .logout(with_token(
            pb::LogoutRequest { refresh_token, all },
            Some(&caller.token),
        )?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/v1/me/password",
    tag = "auth",
    request_body = artstation_api::PasswordChange,
    responses((status = 204, description = "Changed; other sessions end"), (status = 401, response = crate::openapi::Unauthorized)),
    security(("bearer" = []))
)]
pub async fn change_password(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    st.auth()
        .change_password(with_token(
            pb::ChangePasswordRequest {
                current_password: body.current_password,
                new_password: body.new_password,
            },
            Some(&caller.token),
        )?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) fn pb_role(role: Role) -> pb::Role {
    match role {
        Role::Buyer => pb::Role::Buyer,
        Role::Artist => pb::Role::Artist,
        Role::Admin => pb::Role::Admin,
    }
}

/// `POST /v1/me/role` `{"role": "artist"}`: a buyer becomes an artist.
#[utoipa::path(
    post,
    path = "/v1/me/role",
    tag = "auth",
    request_body = artstation_api::RoleRequest,
    responses((status = 200, description = "The caller, now an artist", body = artstation_api::User), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn request_role(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<RoleRequest>,
) -> Result<Json<User>, ApiError> {
    // The route has no other role to offer: the request message names none.
    if body.role != Role::Artist {
        return Err(ApiError::validation(
            "role",
            "only the artist role can be requested",
        ));
    }
    let user = st
        .auth()
        .request_artist_role(with_token(
            pb::RequestArtistRoleRequest {},
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::user(user)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// Search text.
    q: Option<String>,
    /// `buyer`, `artist` or `admin`.
    #[param(value_type = Option<artstation_api::Role>)]
    role: Option<String>,
    /// Only banned (`true`) or unbanned (`false`) users.
    #[param(value_type = Option<bool>)]
    banned: Option<String>,
    /// Page size, at least 1 (each service caps it).
    #[param(value_type = Option<u32>, minimum = 1)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

#[utoipa::path(
    get,
    path = "/v1/admin/users",
    tag = "admin",
    params(UsersQuery),
    responses((status = 200, description = "A page of users", body = artstation_api::Page<artstation_api::User>)),
    security(("bearer" = []))
)]
pub async fn admin_users(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<UsersQuery>,
) -> Result<Json<Page<User>>, ApiError> {
    let limit = super::page_limit(q.limit.as_deref())?;
    let role = match q.role.as_deref() {
        None | Some("") => pb::Role::Unspecified,
        Some(r) => pb_role(
            Role::parse(r).map_err(|_| ApiError::validation("role", "buyer, artist or admin"))?,
        ),
    };
    let banned = match q.banned.as_deref() {
        None | Some("") => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return Err(ApiError::validation("banned", "true or false")),
    };
    let page = st
        .auth()
        .list_users(with_token(
            pb::ListUsersRequest {
                query: q.q.unwrap_or_default(),
                limit,
                cursor: q.cursor.unwrap_or_default(),
                role: role.into(),
                banned,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(Page::new(
        page.items.into_iter().map(present::user).collect(),
        page.next_cursor,
    )))
}

#[utoipa::path(
    get,
    path = "/v1/me",
    tag = "auth",
    responses((status = 200, description = "The caller", body = artstation_api::User)),
    security(("bearer" = []))
)]
pub async fn me(State(st): State<AppState>, caller: Authenticated) -> Result<Json<User>, ApiError> {
    let user = st
        .auth()
        .get_me(with_token(pb::GetMeRequest {}, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(present::user(user)))
}

/// The JWKS (RFC 7517) of the keys that verify access tokens.
#[utoipa::path(
    get,
    path = "/.well-known/jwks.json",
    tag = "auth",
    responses((status = 200, description = "The keys that verify access tokens (RFC 7517)", body = artstation_api::Jwks))
)]
pub async fn jwks(State(st): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let keys = st
        .auth()
        .get_public_keys(with_token(pb::GetPublicKeysRequest {}, None)?)
        .await?
        .into_inner();
    let keys = Jwks {
        keys: keys.keys.into_iter().map(present::jwk).collect(),
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok((headers, Json(keys)))
}
