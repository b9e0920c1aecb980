//! Accounts and sessions: `/v1/auth/*`, `/v1/me`, `/v1/admin/users`, the JWKS.

use artstation_domain::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A user as the API shows it (never a password hash). Members in alphabetical order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub banned: bool,
    #[serde(with = "crate::time::micros_opt")]
    pub created_at: Option<DateTime<Utc>>,
    /// Shown to the user and admins.
    pub email: String,
    pub id: String,
    pub role: Role,
    pub username: String,
}

/// What login and refresh answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenPair {
    pub access_token: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: i64,
    pub refresh_token: String,
    /// Always `Bearer`.
    #[serde(default)]
    pub token_type: String,
}

/// `POST /v1/auth/register`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub email: String,
    pub username: String,
    pub password: String,
    /// Buyer when absent; admins are created by an operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// `POST /v1/auth/login`: `login` is an email or a username.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub login: String,
    pub password: String,
}

/// `POST /v1/auth/refresh`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// `POST /v1/auth/logout`; the token may be left out with `?all=true`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoutRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// `POST /v1/me/password`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /v1/me/role` and `POST /v1/admin/users/{id}/role`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleRequest {
    pub role: Role,
    /// Why (admins changing someone's role; kept in the audit log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `GET /.well-known/jwks.json` (RFC 7517).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

/// One Ed25519 public key (an OKP JWK). Members in alphabetical order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Jwk {
    pub alg: String,
    pub crv: String,
    pub kid: String,
    pub kty: String,
    /// Always `sig`.
    #[serde(rename = "use")]
    pub use_: String,
    pub x: String,
}
