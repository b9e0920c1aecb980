//! Failed-login throttling (ASVS 2.2.1): at most 10 failures a minute per account and per client
//! address, and 100 an hour per account, counted in the shared cache so replicas share counts.
//! Registrations are limited per client address too, since each one costs a password hash.
//!
//! An attempt is counted before its password is hashed, atomically, so a burst of parallel
//! guesses cannot all pass the check before any of them is recorded. A success (or a refusal)
//! is taken back by counting it under a twin key of the same window, so that legitimate logins
//! never use up the limit; a failure is never taken back. Windows are aligned to the clock, so a
//! counter and its twin always start and end together.
//!
//! A flood against one account must not lock its owner out: an address that logged in to the
//! account successfully before (within 30 days) is exempt from the account's limits — only its
//! own address limit applies — much like OWASP's device cookies, without a cookie.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use artstation_common::{Cache, ServiceError};

pub const PER_MINUTE: i64 = 10;
pub const PER_HOUR: i64 = 100;
/// Registrations from one client address per hour.
pub const REGISTRATIONS_PER_HOUR: i64 = 20;
const MINUTE: u64 = 60;
const HOUR: u64 = 3600;
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Clone)]
pub struct LoginThrottle {
    cache: Arc<Cache>,
}

/// One fixed window of one counter: the key of this window, its twin counting attempts taken
/// back, the limit, and the seconds left in the window.
struct Window {
    key: String,
    undone: String,
    limit: i64,
    left: u64,
    /// Whether a known address is exempt from it (the account's own limits).
    per_account: bool,
}

fn window(base: &str, secs: u64, limit: i64, per_account: bool, now: u64) -> Window {
    let index = now / secs;
    Window {
        key: format!("{base}:{index}"),
        undone: format!("{base}:{index}:u"),
        limit,
        left: secs - now % secs,
        per_account,
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn known_key(account: &str, address: &str) -> String {
    format!("lk:{account}:{address}")
}

/// A login attempt counted before its password is checked. Dropping it leaves it counted (a
/// failure); [`LoginThrottle::succeeded`] takes it back.
#[must_use]
pub struct Attempt {
    undo: Vec<(String, u64)>,
    known: Option<String>,
}

impl LoginThrottle {
    pub fn new(cache: Arc<Cache>) -> Self {
        Self { cache }
    }

    /// Counts a login attempt, or refuses it with `rate_limited` (and how long to wait) when it
    /// would pass a limit. A cache failure lets the attempt through: throttling must not turn a
    /// Redis outage into a login outage, and argon2 still bounds the guess rate.
    pub async fn reserve(
        &self,
        account: &str,
        address: Option<&str>,
    ) -> Result<Attempt, ServiceError> {
        let now = unix_now();
        let mut windows = vec![
            window(&format!("lf:am:{account}"), MINUTE, PER_MINUTE, true, now),
            window(&format!("lf:ah:{account}"), HOUR, PER_HOUR, true, now),
        ];
        windows
            .extend(address.map(|a| window(&format!("lf:ip:{a}"), MINUTE, PER_MINUTE, false, now)));
        let known = address.map(|a| known_key(account, a));
        let mut names: Vec<&str> = windows.iter().map(|w| w.undone.as_str()).collect();
        names.extend(known.as_deref());
        let values = match self.cache.get_many(&names).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read login throttle counts");
                return Ok(Attempt {
                    undo: Vec::new(),
                    known,
                });
            }
        };
        let is_known = known.is_some() && values.get(windows.len()).is_some_and(Option::is_some);
        let undone = |i: usize| {
            values
                .get(i)
                .and_then(|v| v.as_deref())
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(0)
        };
        let mut wait = None;
        let mut undo = Vec::with_capacity(windows.len());
        for (i, w) in windows.iter().enumerate() {
            let n = match self
                .cache
                .incr(&w.key, Duration::from_secs(w.left + 1))
                .await
            {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot count a login attempt");
                    continue;
                }
            };
            undo.push((w.undone.clone(), w.left + 1));
            // `undone` was read before this increment, so the estimate only errs high.
            if n - undone(i) > w.limit && !(w.per_account && is_known) {
                wait = Some(wait.unwrap_or(1).max(w.left));
            }
        }
        let attempt = Attempt { undo, known };
        let Some(wait) = wait else {
            return Ok(attempt);
        };
        // Refused before any hashing: not a failure, so it does not use up the limit.
        self.take_back(&attempt).await;
        tracing::info!(account, ?address, wait, "login throttled");
        Err(ServiceError::rate_limited(wait))
    }

    /// The attempt's password was right: take it back, and remember the address as known.
    pub async fn succeeded(&self, attempt: Attempt) {
        self.take_back(&attempt).await;
        if let Some(known) = &attempt.known
            && let Err(e) = self.cache.set(known, "1", KNOWN_FOR).await
        {
            tracing::warn!(error = %e, "cannot remember a known login address");
        }
    }

    async fn take_back(&self, attempt: &Attempt) {
        for (key, ttl) in &attempt.undo {
            if let Err(e) = self.cache.incr(key, Duration::from_secs(*ttl)).await {
                tracing::warn!(error = %e, "cannot take back a login attempt");
            }
        }
    }

    /// Counts a registration from `address` (none: not limited), or refuses it with
    /// `rate_limited` past [`REGISTRATIONS_PER_HOUR`]. Every registration counts, taken or not.
    pub async fn reserve_registration(&self, address: Option<&str>) -> Result<(), ServiceError> {
        let Some(address) = address else {
            return Ok(());
        };
        let w = window(
            &format!("rg:ip:{address}"),
            HOUR,
            REGISTRATIONS_PER_HOUR,
            false,
            unix_now(),
        );
        match self
            .cache
            .incr(&w.key, Duration::from_secs(w.left + 1))
            .await
        {
            Ok(n) if n > w.limit => {
                tracing::info!(address, wait = w.left, "registration throttled");
                Err(ServiceError::rate_limited(w.left.max(1)))
            }
            Ok(_) => Ok(()),
            Err(e) => {
                tracing::warn!(error = %e, "cannot count a registration");
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn eleventh_failure_in_a_minute_is_throttled_but_known_addresses_get_in() {
        let t = LoginThrottle::new(Arc::new(Cache::in_process()));
        let owner = t.reserve("acct", Some("10.0.0.1")).await;
        assert!(owner.is_ok());
        if let Ok(owner) = owner {
            t.succeeded(owner).await;
        }
        for i in 0..PER_MINUTE {
            // Each failure stays counted: the attempt is dropped, never taken back.
            assert!(
                t.reserve("acct", Some(&format!("192.0.2.{i}")))
                    .await
                    .is_ok()
            );
        }
        let err = t.reserve("acct", Some("192.0.2.200")).await.err();
        assert_eq!(err.as_ref().map(|e| e.code.as_str()), Some("rate_limited"));
        assert!(
            err.and_then(|e| e.retry_after)
                .is_some_and(|s| (1..=60).contains(&s))
        );
        assert!(
            t.reserve("acct", Some("10.0.0.1")).await.is_ok(),
            "owner locked out"
        );
        assert!(t.reserve("other", Some("192.0.2.200")).await.is_ok());
    }

    #[tokio::test]
    async fn one_address_is_limited_across_accounts() {
        let t = LoginThrottle::new(Arc::new(Cache::in_process()));
        for i in 0..PER_MINUTE {
            assert!(
                t.reserve(&format!("acct{i}"), Some("198.51.100.7"))
                    .await
                    .is_ok()
            );
        }
        assert!(t.reserve("fresh", Some("198.51.100.7")).await.is_err());
        assert!(t.reserve("fresh", Some("198.51.100.8")).await.is_ok());
    }

    #[tokio::test]
    async fn successes_and_refusals_do_not_use_up_the_limit() {
        let t = LoginThrottle::new(Arc::new(Cache::in_process()));
        for _ in 0..3 * PER_MINUTE {
            if let Ok(a) = t.reserve("busy", Some("198.51.100.9")).await {
                t.succeeded(a).await;
            }
        }
        let mut refused = 0;
        for _ in 0..PER_MINUTE + 5 {
            if t.reserve("busy", Some("198.51.100.9")).await.is_err() {
                refused += 1;
            }
        }
        assert_eq!(refused, 5, "successes counted as failures");
    }

    #[tokio::test]
    async fn registrations_are_limited_per_address() {
        let t = LoginThrottle::new(Arc::new(Cache::in_process()));
        for _ in 0..REGISTRATIONS_PER_HOUR {
            assert!(t.reserve_registration(Some("203.0.113.5")).await.is_ok());
        }
        let err = t.reserve_registration(Some("203.0.113.5")).await.err();
        assert!(
            err.and_then(|e| e.retry_after)
                .is_some_and(|s| (1..=3600).contains(&s))
        );
        assert!(t.reserve_registration(Some("203.0.113.6")).await.is_ok());
    }
}
