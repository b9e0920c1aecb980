//! When a failed upload is tried again: transport failures, 5xx and 429 are transient and
//! retried with jittered exponential backoff (429 waits at least its `Retry-After`); any other
//! 4xx is the server's final word.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The first retry waits up to this long; each next one up to twice as long.
const BASE: Duration = Duration::from_millis(250);
/// No single wait is longer, whatever the attempt or the server's `Retry-After`.
const CAP: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Retries after the first attempt.
    pub retries: u32,
}

impl Policy {
    /// Whether attempt number `attempt` (1 for the first) may be followed by another.
    pub fn may_retry(self, attempt: u32) -> bool {
        attempt <= self.retries
    }

    /// The wait before attempt `attempt + 1`: "full jitter" (uniform in 0..=base·2^(n-1)), so
    /// workers that failed together do not come back together; never less than the server's
    /// `Retry-After`.
    pub fn delay(self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let ceiling = BASE
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(CAP);
        let jittered = ceiling.mul_f64(unit_random());
        jittered.max(retry_after.unwrap_or_default()).min(CAP)
    }
}

/// Whether an answer with this status is worth another attempt.
pub fn transient(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// `Retry-After` in delta-seconds (the form servers send for 429 and 503).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let secs: u64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(secs))
}

/// A number in [0, 1) from the process's randomly keyed hasher: enough to spread retries.
fn unit_random() -> f64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transient_statuses_are_retried() {
        for s in [429, 500, 502, 503, 504] {
            assert!(
                transient(StatusCode::from_u16(s).unwrap_or_default()),
                "{s}"
            );
        }
        for s in [400, 401, 403, 404, 409, 413, 415, 422] {
            assert!(
                !transient(StatusCode::from_u16(s).unwrap_or_default()),
                "{s}"
            );
        }
    }

    #[test]
    fn delays_grow_are_jittered_and_honour_retry_after() {
        let p = Policy { retries: 3 };
        assert!(p.may_retry(1) && p.may_retry(3) && !p.may_retry(4));
        for attempt in 1..=6 {
            let d = p.delay(attempt, None);
            assert!(d <= BASE * (1 << (attempt - 1)), "{attempt}: {d:?}");
        }
        assert!(p.delay(1, Some(Duration::from_secs(2))) >= Duration::from_secs(2));
        assert_eq!(p.delay(1, Some(Duration::from_secs(3600))), CAP);
        let spread: std::collections::HashSet<_> = (0..20).map(|_| p.delay(5, None)).collect();
        assert!(spread.len() > 1, "no jitter: {spread:?}");
    }

    #[test]
    fn retry_after_reads_seconds() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, reqwest::header::HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
    }
}
