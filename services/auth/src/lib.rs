//! The auth service: accounts, argon2id passwords, Ed25519-signed JWT access tokens and
//! rotating refresh tokens, served over gRPC (`artstation.auth.v1.AuthService`).
//!
//! Invariant: this crate is the only one that sees a password, a password hash, a private key or
//! a refresh token in the clear; everything it hands out is either public (keys, profiles) or a
//! token, and it stores refresh tokens only as hashes.

mod keys;
mod password;
mod policy;
mod service;
pub mod store;
mod throttle;

use std::sync::Arc;
use std::time::Duration;

use artstation_common::{Cache, grpc};
use artstation_proto::auth::v1::auth_service_server::AuthServiceServer;
use tokio::net::TcpListener;

pub use keys::KeyError;
pub use service::AuthService;

/// Name of the gRPC service, as health checks and reflection know it.
pub const SERVICE_NAME: &str = "artstation.auth.v1.AuthService";

#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub database_url: String,
    /// `iss` of every access token.
    pub issuer: String,
    /// `aud` of every access token.
    pub audience: String,
    pub access_token_ttl: Duration,
    /// A refresh token unused this long dies.
    pub refresh_idle_ttl: Duration,
    /// A session ends this long after login, however often it is refreshed.
    pub session_ttl: Duration,
    /// Password hashes computed at once (each takes 19 MiB and a core for ~50 ms).
    pub hashing_concurrency: usize,
}

impl AuthConfig {
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            issuer: "artstation".into(),
            audience: "artstation".into(),
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_idle_ttl: Duration::from_secs(14 * 24 * 3600),
            session_ttl: Duration::from_secs(30 * 24 * 3600),
            hashing_concurrency: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error("gRPC server: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("cannot start: {0}")]
    Startup(String),
    #[error("gRPC reflection: {0}")]
    Reflection(#[from] artstation_common::grpc::ReflectionError),
}

/// Applies the auth database's migrations.
pub async fn migrate(database_url: &str) -> Result<(), AuthError> {
    store::open(database_url).await?;
    Ok(())
}

/// Serves the auth service (plus health and reflection) on `listener` until `shutdown`.
pub async fn serve(
    listener: TcpListener,
    service: AuthService,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), AuthError> {
    let routes = tonic::service::Routes::new(AuthServiceServer::new(service));
    let routes = grpc::with_standard_services(routes, SERVICE_NAME).await?;
    grpc::serve(listener, routes, shutdown).await?;
    Ok(())
}

/// Opens the store and keys a config names. `cache` is shared with the other roles of this
/// process (or is Redis), so they see the revocations this service publishes.
pub async fn open(config: AuthConfig, cache: Arc<Cache>) -> Result<AuthService, AuthError> {
    let store = store::open(&config.database_url).await?;
    AuthService::new(config, store, cache).await
}

/// Creates an admin account (bootstrap), with the same checks as a registration.
pub async fn create_admin(
    database_url: &str,
    email: &str,
    username: &str,
    password: &str,
) -> Result<String, AdminError> {
    use artstation_domain::{Email, Password, Username};
    let email = Email::parse(email)?;
    let username = Username::parse(username)?;
    let password = Password::parse(password)?;
    policy::check_new_password(password.expose(), username.as_str())
        .map_err(|e| AdminError::Refused(e.message))?;
    let store = store::open(database_url).await?;
    let hash = password::PasswordHashing::new(1)
        .hash(password.expose().to_owned())
        .await
        .map_err(|e| AdminError::Refused(e.to_string()))?;
    let user = store::UserRecord {
        id: uuid::Uuid::now_v7().to_string(),
        email: email.as_str().to_owned(),
        username: username.as_str().to_owned(),
        password_hash: hash,
        role: artstation_domain::Role::Admin,
        created_at: artstation_common::now(),
        banned_at: None,
    };
    store.create_user(&user).await?;
    Ok(user.id)
}

/// Adds a signing key that verifiers can fetch now and that signs after `activate_in`.
pub async fn rotate_signing_key(
    database_url: &str,
    activate_in: Duration,
) -> Result<String, AuthError> {
    let store = store::open(database_url).await?;
    Ok(keys::rotate(&store, activate_in).await?.kid)
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Invalid(#[from] artstation_domain::ParseError),
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

pub(crate) fn ttl_secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

pub(crate) type SharedStore = Arc<dyn store::AuthStore>;
