use artstation_proto::auth::v1 as pb;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::{AppState, Authenticated, with_token};

fn timestamp(t: Option<prost_types::Timestamp>) -> Value {
    t.and_then(|t| chrono::DateTime::from_timestamp(t.seconds, u32::try_from(t.nanos).unwrap_or(0)))
        .map(|t| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)))
        .unwrap_or(Value::Null)
}

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
        "created_at": timestamp(u.created_at),
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
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<impl IntoResponse, ApiError> {
    let pair = st
        .auth()
        .login(with_token(
            pb::LoginRequest {
                login: body.login,
                password: body.password,
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

pub async fn logout(
    State(st): State<AppState>,
    caller: Authenticated,
    Query(q): Query<LogoutQuery>,
    ApiJson(body): ApiJson<RefreshBody>,
) -> Result<StatusCode, ApiError> {
    if q.all == Some(true) {
        return Err(ApiError::validation(
            "all",
            "ending every session at once is not available yet",
        ));
    }
    st.auth()
        .logout(with_token(
            pb::LogoutRequest {
                refresh_token: body.refresh_token,
            },
            Some(&caller.token),
        )?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
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
