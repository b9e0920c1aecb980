//! The REST/JSON gateway: a thin axum front that verifies access tokens locally, forwards them
//! to the services over gRPC, and turns every error into problem+json.
//!
//! Invariant: the gateway owns no data. It holds no database and no business rule beyond the
//! shape of HTTP; anything it knows it got from a service over gRPC.

mod conn;
mod cors;
mod edge;
mod edge_cache;
mod json;
mod linger;
mod multipart;
mod openapi;
mod problem;
mod query;
mod ratelimit;
mod reads;
mod routes;
mod telemetry;
mod uploads;

use std::sync::Arc;
use std::time::Duration;

use artstation_common::jwt::{RemoteKeySource, bearer};
use artstation_common::upstream::Upstream;
use artstation_common::{AccessClaims, Revocations, ServiceError, TokenVerifier};
use artstation_proto::artwork::v1::artwork_service_client::ArtworkServiceClient;
use artstation_proto::auth::v1::auth_service_client::AuthServiceClient;
use artstation_proto::commerce::v1::commerce_service_client::CommerceServiceClient;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};
use tokio::net::TcpListener;

pub use cors::CorsOrigins;
pub use edge::{DEFAULT_MAX_IN_FLIGHT, Timeouts};
pub use problem::ApiError;
pub use ratelimit::{DEFAULT_PER_ADDRESS, DEFAULT_PER_USER, RateLimits};
pub use uploads::UploadLimits;

#[derive(Debug, Clone)]
pub struct GatewayConfig {
    /// Largest upload accepted (also enforced by the artwork service).
    pub max_upload_bytes: u64,
    /// Peers whose `X-Forwarded-For` is believed (a reverse proxy in front of the gateway).
    /// From anyone else the header is ignored, so a client cannot choose its own address.
    pub trusted_proxies: Vec<IpNet>,
    /// Uploads streamed at once, in all and per user.
    pub uploads: UploadLimits,
    /// Shown to the auth service so it believes the client address the gateway names (it
    /// throttles logins and registrations by address); without it auth counts the gateway's.
    pub internal_secret: Option<artstation_common::service_auth::ServiceSecret>,
    /// Requests served at once; past it 429 with Retry-After (probes exempt).
    pub max_in_flight: usize,
    /// How long a request may take, by class; past it 504.
    pub timeouts: Timeouts,
    /// Requests per minute per user and per client address, and where they are counted.
    pub rate_limits: RateLimits,
    /// Origins a browser may call from (CORS).
    pub cors: CorsOrigins,
    /// How long a connection may go without any I/O before it is dropped ([`IDLE_TIMEOUT`]).
    pub idle_timeout: Duration,
    /// Connections held at once; past it the gateway stops accepting ([`MAX_CONNECTIONS`]).
    pub max_connections: usize,
}

/// An IP network (`10.0.0.0/8`, or a single address), for the trusted-proxy list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for IpNet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s:?} is not an IP address"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?} has a bad prefix length"))?,
            None => max,
        };
        Ok(Self { addr, prefix })
    }
}

impl IpNet {
    pub fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 peer may show up as an IPv4-mapped IPv6 address on a dual-stack socket.
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        let (net, candidate, width) = match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(c)) => {
                (u128::from(u32::from(n)), u128::from(u32::from(c)), 32)
            }
            (IpAddr::V6(n), IpAddr::V6(c)) => (u128::from(n), u128::from(c), 128),
            _ => return false,
        };
        let host_bits = u32::from(width - self.prefix);
        let mask = u128::MAX.checked_shl(host_bits).unwrap_or(0);
        (net & mask) == (candidate & mask)
    }
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

/// The client of each service the gateway fronts, by name (each balances over the service's
/// replicas).
#[derive(Clone, Debug)]
pub struct Upstreams {
    pub auth: Upstream,
    pub artwork: Upstream,
    pub commerce: Upstream,
}

impl Upstreams {
    /// Each upstream with the name readiness and status report it under.
    pub fn named(&self) -> Vec<(&'static str, Upstream)> {
        vec![
            ("auth", self.auth.clone()),
            ("artwork", self.artwork.clone()),
            ("commerce", self.commerce.clone()),
        ]
    }
}

struct Inner {
    config: GatewayConfig,
    upstreams: Upstreams,
    verifier: TokenVerifier,
    uploads: uploads::UploadSlots,
    in_flight: edge::InFlight,
    rate_limit_health: ratelimit::Health,
    /// Anonymous readers' artworks the artwork service let shared caches keep.
    edge: Arc<edge_cache::EdgeCache>,
}

impl AppState {
    pub fn new(config: GatewayConfig, upstreams: Upstreams, revocations: Arc<Revocations>) -> Self {
        let verifier = TokenVerifier::new(
            Arc::new(RemoteKeySource::new(upstreams.auth.clone())),
            revocations,
        );
        Self {
            inner: Arc::new(Inner {
                uploads: uploads::UploadSlots::new(config.uploads),
                in_flight: edge::InFlight::new(config.max_in_flight),
                rate_limit_health: ratelimit::Health::default(),
                edge: Arc::new(edge_cache::EdgeCache::new(edge_cache::DEFAULT_MAX_BYTES)),
                config,
                upstreams,
                verifier,
            }),
        }
    }

    fn auth(&self) -> AuthServiceClient<Upstream> {
        AuthServiceClient::new(self.inner.upstreams.auth.clone())
    }

    fn artworks(&self) -> ArtworkServiceClient<Upstream> {
        // Uploads are streamed in 256 KiB messages; answers are small.
        ArtworkServiceClient::new(self.inner.upstreams.artwork.clone())
    }

    /// Marks a request as the gateway's own, for the fields only a service may set.
    fn vouch<T>(&self, req: &mut tonic::Request<T>) {
        if let Some(secret) = &self.inner.config.internal_secret {
            secret.attach(req);
        }
    }

    fn edge(&self) -> &edge_cache::EdgeCache {
        &self.inner.edge
    }

    fn commerce(&self) -> CommerceServiceClient<Upstream> {
        CommerceServiceClient::new(self.inner.upstreams.commerce.clone())
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
        // The rate limiter verified the token already when it counted the request.
        let verified = parts.extensions.remove::<ratelimit::Verified>();
        let token = bearer_token(parts).ok_or_else(ServiceError::unauthorized)?;
        let claims = match verified {
            Some(ratelimit::Verified(claims)) => claims,
            None => state.inner.verifier.verify(token).await?,
        };
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

/// The address of the end client: the socket peer, or — only when that peer is a trusted
/// proxy — the nearest untrusted address in `X-Forwarded-For`.
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .ok_or_else(|| ServiceError::internal("no peer address on the connection"))?;
        let trusted = |ip: IpAddr| {
            state
                .inner
                .config
                .trusted_proxies
                .iter()
                .any(|n| n.contains(ip))
        };
        if !trusted(peer) {
            return Ok(Self(peer));
        }
        let forwarded: Vec<IpAddr> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        // Walk from the nearest hop outwards; the first address not ours is the client.
        let client = forwarded
            .into_iter()
            .rev()
            .find(|ip| !trusted(*ip))
            .unwrap_or(peer);
        Ok(Self(client))
    }
}

/// Wraps a gRPC message with the caller's token.
fn with_token<T>(msg: T, token: Option<&str>) -> Result<tonic::Request<T>, ApiError> {
    let mut req = tonic::Request::new(msg);
    // The service gets what is left of the request's deadline, so it stops when the gateway
    // has given up.
    req.set_timeout(edge::time_left().unwrap_or(Duration::from_secs(30)));
    reads::mark(&mut req);
    // The service logs under the same trace and request id.
    telemetry::propagate(req.metadata_mut());
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

pub use conn::{HEADER_READ_TIMEOUT, IDLE_TIMEOUT, MAX_CONNECTIONS};

/// Serves the gateway on `listener` until `shutdown`, then lets in-flight requests finish.
/// Connections are limited in number and in time (head, idle).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (idle, max) = (
        state.inner.config.idle_timeout,
        state.inner.config.max_connections,
    );
    // The edge cache keeps answers only while it hears of the artwork service's changes.
    let watcher = tokio::spawn(edge_cache::watch(
        state.inner.edge.clone(),
        state.inner.upstreams.artwork.clone(),
    ));
    let served = conn::serve(listener, router(state), idle, max, shutdown).await;
    watcher.abort();
    served
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> IpNet {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn networks_contain_what_they_should() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap_or_else(|e| panic!("{e}"));
        assert!(net("10.0.0.0/8").contains(ip("10.1.2.3")));
        assert!(!net("10.0.0.0/8").contains(ip("11.0.0.1")));
        assert!(net("127.0.0.1").contains(ip("127.0.0.1")));
        assert!(!net("127.0.0.1").contains(ip("127.0.0.2")));
        assert!(net("127.0.0.1").contains(ip("::ffff:127.0.0.1")));
        assert!(net("::1").contains(ip("::1")));
        assert!(net("fd00::/8").contains(ip("fd12::1")));
        assert!(!net("fd00::/8").contains(ip("10.0.0.1")));
        assert!(net("0.0.0.0/0").contains(ip("203.0.113.9")));
        assert!("10.0.0.0/33".parse::<IpNet>().is_err());
        assert!("nope".parse::<IpNet>().is_err());
    }
}
