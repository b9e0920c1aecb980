//! Request rate limits at the edge: per user for a signed-in caller (the verified token's
//! `sub`), per client address for anyone else, counted by [`RateLimiter`] (in Redis, shared by
//! every gateway replica, when the deployment has one; in process on the embedded default).
//!
//! Answers carry the headers of draft-ietf-httpapi-ratelimit-headers-06 (the version GitHub's
//! and Stripe's `X-RateLimit-*` families map onto one to one): `RateLimit-Limit`,
//! `RateLimit-Remaining`, `RateLimit-Reset` (delta seconds until the whole quota is back) and
//! `RateLimit-Policy` (`LIMIT;w=WINDOW`). Past the limit: 429 `rate_limited` with
//! `Retry-After`, the seconds until one more request would pass.
//!
//! A limiter that cannot be asked (Redis down or slow) lets requests through: a rate limit
//! must not turn a cache outage into an API outage. After a failure the store is left alone
//! for a second, so a hung Redis does not add its timeout to every request.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use artstation_common::ratelimit::{Decision, Quota, RateLimiter};
use artstation_common::{AccessClaims, ErrorCode, ServiceError};
use axum::extract::{FromRequestParts as _, Request};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::problem::ApiError;
use crate::{AppState, ClientIp};

/// Requests per minute per signed-in user by default: far above what the CLI (uploads eight at
/// once), the TUI (a screen of thumbnails) or a script driving the API legitimately sends.
pub const DEFAULT_PER_USER: u32 = 6000;
/// Requests per minute per client address for anonymous callers by default; addresses may be
/// shared (NAT), so this is generous too.
pub const DEFAULT_PER_ADDRESS: u32 = 3000;

/// The limits and where they are counted.
#[derive(Debug, Clone)]
pub struct RateLimits {
    /// `None`: signed-in callers are not limited.
    pub per_user: Option<Quota>,
    /// `None`: anonymous callers are not limited.
    pub per_address: Option<Quota>,
    pub limiter: Arc<RateLimiter>,
}

impl RateLimits {
    /// Limits in requests per minute (0 turns one off), counted by `limiter`.
    pub fn per_minute(per_user: u32, per_address: u32, limiter: Arc<RateLimiter>) -> Self {
        Self {
            per_user: Quota::per_minute(per_user),
            per_address: Quota::per_minute(per_address),
            limiter,
        }
    }

    /// The defaults, counted in this process.
    pub fn in_process() -> Self {
        Self::per_minute(
            DEFAULT_PER_USER,
            DEFAULT_PER_ADDRESS,
            Arc::new(RateLimiter::in_process()),
        )
    }

    fn off(&self) -> bool {
        self.per_user.is_none() && self.per_address.is_none()
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        Self::in_process()
    }
}

/// The claims the rate limiter verified, so the handler's [`crate::Authenticated`] does not
/// verify the same token twice.
#[derive(Clone)]
pub(crate) struct Verified(pub AccessClaims);

/// When the store failed last, so it is skipped for a moment after (and warned about once).
#[derive(Debug, Default)]
pub(crate) struct Health {
    /// Milliseconds since `EPOCH` until which the store is not asked.
    skip_until: AtomicU64,
}

/// Left alone this long after a failure.
const BACKOFF: Duration = Duration::from_secs(1);

fn epoch_ms() -> u64 {
    static EPOCH: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
    u64::try_from(EPOCH.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Health {
    fn skipping(&self) -> bool {
        epoch_ms() < self.skip_until.load(Ordering::Relaxed)
    }

    fn failed(&self, error: &dyn std::fmt::Display) {
        let now = epoch_ms();
        let until = now + u64::try_from(BACKOFF.as_millis()).unwrap_or(1000);
        // Only the request that opens a pause logs it: one line a second at most.
        let previous = self.skip_until.swap(until, Ordering::Relaxed);
        if previous <= now {
            tracing::warn!(%error, "rate limiter unavailable; letting requests through");
        }
    }
}

/// The key an anonymous caller is counted under.
fn key_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => format!("a:{v4}"),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("a:{v4}"),
            // A host gets a whole /64; counting single addresses would let it rotate freely.
            None => {
                let s = v6.segments();
                format!("a:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Counts the request against its caller's quota; past it, 429. Probes are exempt: they
/// report the process, not a caller.
pub(crate) async fn limit<F, Fut>(st: &AppState, req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let limits = &st.inner.config.rate_limits;
    if limits.off() || crate::edge::is_probe(req.uri().path()) {
        return next(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let claims = match crate::bearer_token(&parts) {
        Some(token) => st.inner.verifier.verify(token).await.ok(),
        None => None,
    };
    // A token that does not verify counts as anonymous: adding a bogus one escapes nothing.
    let (key, quota) = match &claims {
        Some(c) => (format!("u:{}", c.sub), limits.per_user),
        None => match ClientIp::from_request_parts(&mut parts, st).await {
            Ok(ClientIp(ip)) => (key_of(ip), limits.per_address),
            Err(e) => return e.into_response(),
        },
    };
    if let Some(c) = claims {
        parts.extensions.insert(Verified(c));
    }
    let req = Request::from_parts(parts, body);
    let Some(quota) = quota else {
        return next(req).await;
    };
    let health = &st.inner.rate_limit_health;
    if health.skipping() {
        return next(req).await;
    }
    let decision = match limits.limiter.check(&key, quota).await {
        Ok(d) => d,
        Err(e) => {
            health.failed(&e);
            return next(req).await;
        }
    };
    let mut resp = if decision.allowed {
        next(req).await
    } else {
        tracing::info!(key, "rate limited");
        let wait = decision.retry_after.as_secs_f64().ceil().max(1.0) as u64;
        ApiError(ServiceError {
            retry_after: Some(wait),
            ..ServiceError::new(
                ErrorCode::RateLimited,
                "too many requests; slow down and try again after Retry-After seconds",
            )
        })
        .into_response()
    };
    set_headers(resp.headers_mut(), quota, &decision);
    resp
}

fn set_headers(headers: &mut HeaderMap, quota: Quota, d: &Decision) {
    let reset = d.reset.as_secs_f64().ceil() as u64;
    let values = [
        ("ratelimit-limit", d.limit.to_string()),
        ("ratelimit-remaining", d.remaining.to_string()),
        ("ratelimit-reset", reset.to_string()),
        (
            "ratelimit-policy",
            format!("{};w={}", quota.limit(), quota.period().as_secs()),
        ),
    ];
    for (name, value) in values {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), v);
        }
    }
    if !d.allowed {
        // The problem document set it already; kept in step with the decision here.
        let wait = d.retry_after.as_secs_f64().ceil().max(1.0) as u64;
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            headers.insert(header::RETRY_AFTER, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_keyed_by_host() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(key_of(ip("203.0.113.9")), "a:203.0.113.9");
        assert_eq!(key_of(ip("::ffff:203.0.113.9")), "a:203.0.113.9");
        assert_eq!(
            key_of(ip("2001:db8:1:2:3:4:5:6")),
            key_of(ip("2001:db8:1:2:ffff::1")),
            "one /64 is one host"
        );
        assert_ne!(key_of(ip("2001:db8:1:2::1")), key_of(ip("2001:db8:1:3::1")));
    }

    #[test]
    fn headers_follow_the_decision() {
        let quota = Quota::per_minute(10).unwrap_or_else(|| panic!("zero quota"));
        let mut h = HeaderMap::new();
        let d = Decision {
            allowed: false,
            limit: 10,
            remaining: 0,
            reset: Duration::from_millis(59_500),
            retry_after: Duration::from_millis(5_200),
        };
        set_headers(&mut h, quota, &d);
        let get = |n: &str| h.get(n).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(get("ratelimit-limit"), "10");
        assert_eq!(get("ratelimit-remaining"), "0");
        assert_eq!(get("ratelimit-reset"), "60");
        assert_eq!(get("ratelimit-policy"), "10;w=60");
        assert_eq!(get("retry-after"), "6");
    }
}
