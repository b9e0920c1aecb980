//! Request rate limits by key (a user, a client address), shared between replicas through
//! Redis when the deployment has one, in process otherwise.
//!
//! The algorithm is GCRA (the generic cell rate algorithm, a leaky bucket kept as one number):
//! each key stores its "theoretical arrival time" (TAT), the instant its bucket would be empty
//! again. A request is admitted when pushing the TAT one emission interval (period / limit)
//! further keeps it within one full window of now. Chosen over a fixed window because a burst
//! straddling a window's end cannot pass twice the limit, and over a sliding log because the
//! state is one integer per key whatever the limit; it also yields exact `Retry-After` and reset
//! times, and the Redis side is one short atomic script with Redis's own clock, so replicas with
//! skewed clocks still agree.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use redis::aio::ConnectionManager;

use crate::cache::{Cache, CacheError, bounded};

/// Decisions of every limiter, by `outcome`: `admitted`, `limited`, or `unavailable` (the
/// shared store could not be asked).
pub const DECISIONS: &str = "artstation_rate_limit_decisions_total";

/// A limit of `limit` requests per `period`, all of which may come at once (the burst is the
/// whole quota) and which then come back at an even pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    limit: u32,
    period: Duration,
}

impl Quota {
    /// `None` for a limit of 0: no limit at all.
    pub fn new(limit: u32, period: Duration) -> Option<Self> {
        (limit > 0 && !period.is_zero()).then_some(Self { limit, period })
    }

    pub fn per_minute(limit: u32) -> Option<Self> {
        Self::new(limit, Duration::from_secs(60))
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    pub fn period(&self) -> Duration {
        self.period
    }

    /// Microseconds between two requests at the steady pace (at least one).
    fn interval_us(&self) -> u64 {
        let period = u64::try_from(self.period.as_micros()).unwrap_or(u64::MAX);
        (period / u64::from(self.limit)).max(1)
    }

    /// How far ahead of now the TAT may run: exactly `limit` intervals, so exactly `limit`
    /// requests pass in a burst whatever the rounding of the interval.
    fn window_us(&self) -> u64 {
        self.interval_us().saturating_mul(u64::from(self.limit))
    }

    /// The decision, from whether the request passed and how far ahead of now the TAT stands
    /// (after the request when admitted, as it was when refused).
    fn decide(&self, allowed: bool, ahead_us: u64) -> Decision {
        let (interval, window) = (self.interval_us(), self.window_us());
        let ahead_us = ahead_us.min(window);
        if allowed {
            Decision {
                allowed,
                limit: self.limit,
                remaining: u32::try_from((window - ahead_us) / interval).unwrap_or(u32::MAX),
                reset: Duration::from_micros(ahead_us),
                retry_after: Duration::ZERO,
            }
        } else {
            Decision {
                allowed,
                limit: self.limit,
                remaining: 0,
                reset: Duration::from_micros(ahead_us),
                retry_after: Duration::from_micros((ahead_us + interval).saturating_sub(window)),
            }
        }
    }
}

/// What the limiter decided about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// The quota's limit.
    pub limit: u32,
    /// Requests that would still be admitted right now, after this one.
    pub remaining: u32,
    /// Until the whole quota is available again.
    pub reset: Duration,
    /// When refused: until one more request would be admitted.
    pub retry_after: Duration,
}

/// Rate limits over keys, in Redis or in this process.
pub struct RateLimiter {
    backend: Backend,
}

enum Backend {
    Local(moka::sync::Cache<String, u64>),
    Redis {
        conn: ConnectionManager,
        prefix: String,
    },
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("kind", &self.kind())
            .finish()
    }
}

/// Most keys the in-process limiter tracks; past it the least recently used are forgotten
/// (a forgotten key starts with a whole quota, which errs on the lenient side).
pub const IN_PROCESS_KEYS: u64 = 100_000;

/// The in-process clock: microseconds since the first use, monotonic.
static EPOCH: LazyLock<Instant> = LazyLock::new(Instant::now);

fn local_now_us() -> u64 {
    u64::try_from(EPOCH.elapsed().as_micros()).unwrap_or(u64::MAX)
}

/// Each key is forgotten once its TAT has passed: by then its bucket is whole again.
struct UntilTat;

impl moka::Expiry<String, u64> for UntilTat {
    fn expire_after_create(&self, _: &String, tat: &u64, _: Instant) -> Option<Duration> {
        Some(Duration::from_micros(tat.saturating_sub(local_now_us())))
    }

    fn expire_after_update(
        &self,
        _: &String,
        tat: &u64,
        _: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(Duration::from_micros(tat.saturating_sub(local_now_us())))
    }
}

/// GCRA in one atomic step, on Redis's clock. KEYS[1]: the key; ARGV: interval and window in
/// microseconds. Returns {admitted (0/1), microseconds the TAT stands ahead of now}. The TAT
/// is written with `%d`: Lua would print a 16-digit number in exponent form and lose digits.
const GCRA_SCRIPT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now) or now
if tat < now then tat = now end
local after = tat + interval
if after - now > window then
  return {0, tat - now}
end
redis.call('SET', KEYS[1], string.format('%d', after), 'PX', math.ceil((after - now) / 1000) + 1)
return {1, after - now}
";

impl RateLimiter {
    /// Limits kept in this process: one process's requests only.
    pub fn in_process() -> Self {
        let map = moka::sync::Cache::builder()
            .max_capacity(IN_PROCESS_KEYS)
            .expire_after(UntilTat)
            .build();
        Self {
            backend: Backend::Local(map),
        }
    }

    /// Limits where `cache` keeps shared state: in its Redis (under its prefix) so every
    /// replica counts against one budget, else in this process. The in-process limiter has a
    /// map of its own so a flood of keys cannot evict the cache's entries (revocations).
    pub fn beside(cache: &Cache) -> Self {
        match cache.redis_parts() {
            Some((conn, prefix)) => Self {
                backend: Backend::Redis {
                    conn: conn.clone(),
                    prefix: prefix.to_owned(),
                },
            },
            None => Self::in_process(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self.backend {
            Backend::Local(_) => "in-process",
            Backend::Redis { .. } => "redis",
        }
    }

    /// Counts one request under `key` against `quota`. An error means the shared store could
    /// not be asked; the caller decides (the gateway lets the request through).
    pub async fn check(&self, key: &str, quota: Quota) -> Result<Decision, CacheError> {
        let outcome = self.decide(key, quota).await;
        let label = match &outcome {
            Ok(d) if d.allowed => "admitted",
            Ok(_) => "limited",
            Err(_) => "unavailable",
        };
        metrics::counter!(DECISIONS, "outcome" => label).increment(1);
        outcome
    }

    async fn decide(&self, key: &str, quota: Quota) -> Result<Decision, CacheError> {
        let (interval, window) = (quota.interval_us(), quota.window_us());
        match &self.backend {
            Backend::Local(map) => {
                let mut outcome = (false, 0);
                // moka runs compute closures for one key one at a time, so concurrent
                // requests never both take the last place.
                map.entry(key.to_owned()).and_compute_with(|current| {
                    let now = local_now_us();
                    let tat = current.map_or(now, |e| e.into_value()).max(now);
                    let after = tat + interval;
                    if after - now > window {
                        outcome = (false, tat - now);
                        moka::ops::compute::Op::Nop
                    } else {
                        outcome = (true, after - now);
                        moka::ops::compute::Op::Put(after)
                    }
                });
                Ok(quota.decide(outcome.0, outcome.1))
            }
            Backend::Redis { conn, prefix } => {
                let mut conn = conn.clone();
                let key = format!("{prefix}rl:{key}");
                let (allowed, ahead): (i64, i64) = bounded(async move {
                    redis::cmd("EVAL")
                        .arg(GCRA_SCRIPT)
                        .arg(1)
                        .arg(&key)
                        .arg(interval)
                        .arg(window)
                        .query_async(&mut conn)
                        .await
                })
                .await?;
                Ok(quota.decide(allowed == 1, u64::try_from(ahead).unwrap_or(0)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_no_limit() {
        assert!(Quota::per_minute(0).is_none());
        assert!(Quota::new(1, Duration::ZERO).is_none());
        assert!(Quota::per_minute(1).is_some());
    }

    #[test]
    fn decisions_count_places_and_waits_in_intervals() {
        let q = Quota::per_minute(5).unwrap_or_else(|| panic!("zero quota"));
        let s = 1_000_000;
        // After the first of five: four left, the bucket whole again in 12 s.
        let first = q.decide(true, 12 * s);
        assert_eq!((first.remaining, first.reset), (4, Duration::from_secs(12)));
        // Full (TAT 60 s ahead): refused, one place back in 12 s.
        let refused = q.decide(false, 60 * s);
        assert_eq!(refused.remaining, 0);
        assert_eq!(refused.retry_after, Duration::from_secs(12));
        // 5 s later: 7 s to wait.
        assert_eq!(q.decide(false, 55 * s).retry_after, Duration::from_secs(7));
    }
}
