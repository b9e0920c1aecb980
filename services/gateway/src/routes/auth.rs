use artstation_api::{
    Jwks, LoginRequest, LogoutRequest, Page, PasswordChange, RefreshRequest, RegisterRequest,
    RoleRequest, User,
};
use artstation_domain::Role;
use artstation_proto::auth::v1 as pb;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use super::present;
use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::{AppState, Authenticated, ClientIp, with_token};

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

#[derive(Deserialize)]
pub struct LogoutQuery {
    all: Option<bool>,
}

/// `POST /v1/auth/logout`: ends the session of `refresh_token`, or with `?all=true` every
/// session of the caller (the body may then be empty).
pub async fn logout(
    State(st): State<AppState>,
    caller: Authenticated,
    Query(q): Query<LogoutQuery>,
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

#[derive(Deserialize)]
pub struct UsersQuery {
    q: Option<String>,
    role: Option<String>,
    banned: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn admin_users(
    State(st): State<AppState>,
    caller: Authenticated,
    Query(q): Query<UsersQuery>,
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

pub async fn me(State(st): State<AppState>, caller: Authenticated) -> Result<Json<User>, ApiError> {
    let user = st
        .auth()
        .get_me(with_token(pb::GetMeRequest {}, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(present::user(user)))
}

/// The JWKS (RFC 7517) of the keys that verify access tokens.
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
