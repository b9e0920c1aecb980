//! The REST/JSON gateway: a thin axum front that verifies access tokens locally, forwards them
//! to the services over gRPC, and turns every error into problem+json.
//!
//! Invariant: the gateway owns no data. It holds no database and no business rule beyond the
//! shape of HTTP; anything it knows it got from a service over gRPC.

mod json;
mod problem;
mod routes;

use std::sync::Arc;
use std::time::Duration;

use artstation_common::jwt::{RemoteKeySource, bearer};
use artstation_common::{AccessClaims, ServiceError, TokenVerifier};
use artstation_proto::artwork::v1::artwork_service_client::ArtworkServiceClient;
use artstation_proto::auth::v1::auth_service_client::AuthServiceClient;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use tokio::net::TcpListener;
use tonic::transport::Channel;

pub use problem::ApiError;

#[derive(Debug, Clone)]
pub struct GatewayConfig {
    /// Largest upload accepted (also enforced by the artwork service).
    pub max_upload_bytes: u64,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        Self {
            max_upload_bytes: 100 * 1000 * 1000,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: GatewayConfig,
    auth_channel: Channel,
    artwork_channel: Channel,
    verifier: TokenVerifier,
}

impl AppState {
    pub fn new(config: GatewayConfig, auth_channel: Channel, artwork_channel: Channel) -> Self {
        let verifier = TokenVerifier::new(Arc::new(RemoteKeySource::new(auth_channel.clone())));
        Self {
            inner: Arc::new(Inner {
                config,
                auth_channel,
                artwork_channel,
                verifier,
            }),
        }
    }

    fn auth(&self) -> AuthServiceClient<Channel> {
        AuthServiceClient::new(self.inner.auth_channel.clone())
    }

    fn artworks(&self) -> ArtworkServiceClient<Channel> {
        // Uploads are streamed in 256 KiB messages; answers are small.
        ArtworkServiceClient::new(self.inner.artwork_channel.clone())
    }
}

/// A caller whose access token the gateway verified; the raw token is forwarded to services,
/// which verify it again (no service trusts the gateway blindly).
pub struct Authenticated {
    pub claims: AccessClaims,
    pub token: String,
}

/// The bearer token of a request, if any.
fn bearer_token(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer)
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer_token(parts).ok_or_else(ServiceError::unauthorized)?;
        let claims = state.inner.verifier.verify(token).await?;
        Ok(Self {
            claims,
            token: token.to_owned(),
        })
    }
}

/// A bearer token, if one came, passed through unverified for services that accept anonymous
/// callers but show more to owners.
pub struct MaybeToken(pub Option<String>);

impl FromRequestParts<AppState> for MaybeToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, ApiError> {
        Ok(Self(bearer_token(parts).map(str::to_owned)))
    }
}

/// Wraps a gRPC message with the caller's token.
fn with_token<T>(msg: T, token: Option<&str>) -> Result<tonic::Request<T>, ApiError> {
    let mut req = tonic::Request::new(msg);
    req.set_timeout(Duration::from_secs(30));
    if let Some(t) = token {
        let value = format!("Bearer {t}")
            .parse()
            .map_err(|_| ServiceError::unauthorized())?;
        req.metadata_mut().insert("authorization", value);
    }
    Ok(req)
}

/// The gateway's router.
pub fn router(state: AppState) -> axum::Router {
    routes::router(state)
}

/// Serves the gateway on `listener` until `shutdown`, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
