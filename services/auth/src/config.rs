//! The auth service's settings and their defaults, each defined once here so the daemon can
//! refer to them instead of repeating the numbers.

use std::time::Duration;

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
    /// What the gateway shows to have the client address it names believed (throttling goes
    /// by address). From any other caller the named address is ignored and the connection's
    /// peer counts, so a client that reaches the auth service directly cannot pick one.
    pub internal_secret: Option<artstation_common::service_auth::ServiceSecret>,
}

impl AuthConfig {
    pub const DEFAULT_ISSUER: &str = "artstation";
    pub const DEFAULT_AUDIENCE: &str = "artstation";
    /// Short, because an access token is verified without asking the auth service.
    pub const DEFAULT_ACCESS_TOKEN_TTL: Duration = Duration::from_secs(15 * 60);
    pub const DEFAULT_REFRESH_IDLE_TTL: Duration = Duration::from_secs(14 * 24 * 3600);
    pub const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            issuer: Self::DEFAULT_ISSUER.into(),
            audience: Self::DEFAULT_AUDIENCE.into(),
            access_token_ttl: Self::DEFAULT_ACCESS_TOKEN_TTL,
            refresh_idle_ttl: Self::DEFAULT_REFRESH_IDLE_TTL,
            session_ttl: Self::DEFAULT_SESSION_TTL,
            hashing_concurrency: Self::default_hashing_concurrency(),
            internal_secret: None,
        }
    }

    /// Two hashes per core: hashing is CPU-bound, and a little queueing beats idle cores.
    pub fn default_hashing_concurrency() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get() * 2)
    }
}

/// A duration in whole seconds, saturating (tokens carry seconds).
pub(crate) fn ttl_secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

/// A duration as chrono counts it, for arithmetic on instants.
pub(crate) fn chrono_ttl(d: Duration) -> chrono::Duration {
    chrono::Duration::seconds(ttl_secs(d))
}
