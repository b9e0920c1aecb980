//! The auth service: accounts, argon2id passwords, Ed25519-signed JWT access tokens and
//! rotating refresh tokens, served over gRPC (`artstation.auth.v1.AuthService`).
//!
//! Invariant: this crate is the only one that sees a password, a password hash, a private key or
//! a refresh token in the clear; everything it hands out is either public (keys, profiles) or a
//! token, and it stores refresh tokens only as hashes.
//!
//! Calls go one way: `grpc` (transport) → the features `accounts`, `sessions`, `admin` → the
//! shared `tokens`, `keys`, `state`, `input`, `present`, `password`, `policy`, `throttle` →
//! `store`. No feature calls another.

mod accounts;
mod admin;
mod audit;
mod config;
mod errors;
mod grpc;
mod input;
mod keys;
mod password;
mod policy;
mod present;
mod sessions;
mod state;
pub mod store;
mod throttle;
mod tokens;

use std::sync::Arc;
use std::time::Duration;

use artstation_common::Cache;
use tokio::net::TcpListener;

pub use config::AuthConfig;
pub use errors::{AdminError, AuthError};
pub use grpc::AuthService;
pub use keys::KeyError;

/// Name of the gRPC service, as health checks and reflection know it.
pub const SERVICE_NAME: &str = "artstation.auth.v1.AuthService";

/// Applies the auth database's migrations.
pub async fn migrate(database_url: &str) -> Result<(), AuthError> {
    store::open(database_url).await?;
    Ok(())
}

/// Opens the store and keys a config names. `cache` is shared with the other roles of this
/// process (or is Redis), so they see the revocations this service publishes.
pub async fn open(config: AuthConfig, cache: Arc<Cache>) -> Result<AuthService, AuthError> {
    let store = store::open(&config.database_url).await?;
    AuthService::new(config, store, cache).await
}

/// Serves the auth service (plus health and reflection) on `listener` until `shutdown`.
pub async fn serve(
    listener: TcpListener,
    service: AuthService,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), AuthError> {
    artstation_common::grpc::serve_service(
        listener,
        service.routes(),
        SERVICE_NAME,
        Vec::new(),
        shutdown,
    )
    .await?;
    Ok(())
}

/// Creates an admin account (bootstrap), with the same checks as a registration.
pub async fn create_admin(
    database_url: &str,
    email: &str,
    username: &str,
    password: &str,
) -> Result<String, AdminError> {
    accounts::create_admin(database_url, email, username, password).await
}

/// Adds a signing key that verifiers can fetch now and that signs after `activate_in`.
pub async fn rotate_signing_key(
    database_url: &str,
    activate_in: Duration,
) -> Result<String, AuthError> {
    let store = store::open(database_url).await?;
    Ok(keys::rotate(&store, activate_in).await?.kid)
}
