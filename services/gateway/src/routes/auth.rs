use artstation_proto::auth::v1 as pb;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::{AppState, Authenticated, ClientIp, with_token};

fn role_name(role: i32) -> &'static str {
    match pb::Role::try_from(role) {
        Ok(pb::Role::Artist) => "artist",
        Ok(pb::Role::Admin) => "admin",
        _ => "buyer",
    }
}

pub fn user_json(u: pb::User) -> Value {
    json!({
        "id": u.id,
        "username": u.username,
        "email": u.email,
        "role": role_name(u.role),
        "created_at": super::json_time(u.created_at),
        "banned": u.banned,
    })
}

fn tokens_json(t: pb::TokenPair) -> Json<Value> {
    Json(json!({
        "access_token": t.access_token,
        "refresh_token": t.refresh_token,
        "token_type": t.token_type,
        "expires_in": t.expires_in,
    }))
}

#[derive(Deserialize)]
pub struct RegisterBody {
    email: String,
    username: String,
    password: String,
    role: Option<String>,
}

pub async fn register(
    State(st): State<AppState>,
    ApiJson(body): ApiJson<RegisterBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let role = match body.role.as_deref() {
        None | Some("buyer") => pb::Role::Buyer,
        Some("artist") => pb::Role::Artist,
        Some(_) => return Err(ApiError::validation("role", "role must be buyer or artist")),
    };
    let user = st
        .auth()
        .register(with_token(
            pb::RegisterRequest {
                email: body.email,
                username: body.username,
                password: body.password,
                role: role.into(),
            },
            None,
        )?)
        .await?
        .into_inner();
    Ok((StatusCode::CREATED, Json(user_json(user))))
}

#[derive(Deserialize)]
pub struct LoginBody {
    login: String,
    password: String,
}

pub async fn login(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<impl IntoResponse, ApiError> {
    let pair = st
        .auth()
        .login(with_token(
            pb::LoginRequest {
                login: body.login,
                password: body.password,
                client_ip: ip.to_string(),
            },
            None,
        )?)
        .await?
        .into_inner();
    Ok((no_store(), tokens_json(pair)))
}

/// Token responses must not be cached (RFC 6749 §5.1).
fn no_store() -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h
}

#[derive(Deserialize)]
pub struct RefreshBody {
    refresh_token: String,
}

pub async fn refresh(
    State(st): State<AppState>,
    ApiJson(body): ApiJson<RefreshBody>,
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
    Ok((no_store(), tokens_json(pair)))
}

#[derive(Deserialize)]
pub struct LogoutQuery {
    all: Option<bool>,
}

#[derive(Deserialize, Default)]
pub struct LogoutBody {
    refresh_token: Option<String>,
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
    let body: LogoutBody = if body.is_empty() {
        LogoutBody::default()
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

#[derive(Deserialize)]
pub struct PasswordBody {
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<PasswordBody>,
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

#[derive(Deserialize)]
pub struct RoleBody {
    role: String,
}

fn parse_role(role: &str) -> Result<pb::Role, ApiError> {
    match role {
        "buyer" => Ok(pb::Role::Buyer),
        "artist" => Ok(pb::Role::Artist),
        "admin" => Ok(pb::Role::Admin),
        _ => Err(ApiError::validation(
            "role",
            "role must be buyer, artist or admin",
        )),
    }
}

/// `POST /v1/me/role` `{"role": "artist"}`: a buyer becomes an artist.
pub async fn request_role(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<RoleBody>,
) -> Result<Json<Value>, ApiError> {
    if parse_role(&body.role)? != pb::Role::Artist {
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
    Ok(Json(user_json(user)))
}

#[derive(Deserialize)]
pub struct UsersQuery {
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn admin_users(
    State(st): State<AppState>,
    caller: Authenticated,
    Query(q): Query<UsersQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = match q.limit.as_deref() {
        None => 0,
        Some(l) => l
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=200).contains(n))
            .ok_or_else(|| ApiError::validation("limit", "must be an integer from 1 to 200"))?,
    };
    let page = st
        .auth()
        .list_users(with_token(
            pb::ListUsersRequest {
                query: q.q.unwrap_or_default(),
                limit,
                cursor: q.cursor.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    let next = if page.next_cursor.is_empty() {
        Value::Null
    } else {
        Value::String(page.next_cursor)
    };
    Ok(Json(json!({
        "items": page.items.into_iter().map(user_json).collect::<Vec<_>>(),
        "next_cursor": next,
    })))
}

pub async fn admin_ban(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = st
        .auth()
        .ban_user(with_token(
            pb::BanUserRequest {
                user_id: id,
                reason: String::new(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(user_json(user)))
}

pub async fn admin_unban(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = st
        .auth()
        .unban_user(with_token(
            pb::UnbanUserRequest { user_id: id },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(user_json(user)))
}

pub async fn admin_role(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RoleBody>,
) -> Result<Json<Value>, ApiError> {
    let role = parse_role(&body.role)?;
    let user = st
        .auth()
        .set_role(with_token(
            pb::SetRoleRequest {
                user_id: id,
                role: role.into(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(user_json(user)))
}

pub async fn me(
    State(st): State<AppState>,
    caller: Authenticated,
) -> Result<Json<Value>, ApiError> {
    let user = st
        .auth()
        .get_me(with_token(pb::GetMeRequest {}, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(user_json(user)))
}

/// The JWKS (RFC 7517) of the keys that verify access tokens.
pub async fn jwks(State(st): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let keys = st
        .auth()
        .get_public_keys(with_token(pb::GetPublicKeysRequest {}, None)?)
        .await?
        .into_inner();
    let keys: Vec<Value> = keys
        .keys
        .into_iter()
        .map(|k| {
            json!({
                "kty": k.kty,
                "crv": k.crv,
                "x": k.x,
                "kid": k.kid,
                "alg": k.alg,
                "use": "sig",
            })
        })
        .collect();
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok((headers, Json(json!({ "keys": keys }))))
}
