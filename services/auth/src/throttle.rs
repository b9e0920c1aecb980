//! Failed-login throttling (ASVS 2.2.1): at most 10 failures a minute per account and per client
//! address, and 100 an hour per account, counted in the shared cache so replicas share counts.
//!
//! A flood against one account must not lock its owner out: an address that logged in to the
//! account successfully before (within 30 days) is exempt from the account's limits — only its
//! own address limit applies — much like OWASP's device cookies, without a cookie.

use std::sync::Arc;
use std::time::Duration;

use artstation_common::{Cache, ServiceError};

pub const PER_MINUTE: i64 = 10;
pub const PER_HOUR: i64 = 100;
const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Clone)]
pub struct LoginThrottle {
    cache: Arc<Cache>,
}

struct Keys {
    account_minute: String,
    account_hour: String,
    address_minute: Option<String>,
    known: Option<String>,
}

fn keys(account: &str, address: Option<&str>) -> Keys {
    Keys {
        account_minute: format!("lf:am:{account}"),
        account_hour: format!("lf:ah:{account}"),
        address_minute: address.map(|a| format!("lf:ip:{a}")),
        known: address.map(|a| format!("lk:{account}:{a}")),
    }
}

impl LoginThrottle {
    pub fn new(cache: Arc<Cache>) -> Self {
        Self { cache }
    }

    /// Refuses with `rate_limited` (and how long to wait) when a limit is reached. A cache
    /// failure lets the attempt through: throttling must not turn a Redis outage into a login
    /// outage, and argon2 still bounds the guess rate.
    pub async fn check(&self, account: &str, address: Option<&str>) -> Result<(), ServiceError> {
        let k = keys(account, address);
        let mut names = vec![k.account_minute.as_str(), k.account_hour.as_str()];
        names.extend(k.address_minute.as_deref());
        names.extend(k.known.as_deref());
        let values = match self.cache.get_many(&names).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read login throttle counts");
                return Ok(());
            }
        };
        let count = |i: usize| {
            values
                .get(i)
                .and_then(|v| v.as_deref())
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(0)
        };
        let known = k.known.is_some() && values.get(3).is_some_and(Option::is_some);
        let mut exceeded = Vec::new();
        if k.address_minute.is_some() && count(2) >= PER_MINUTE {
            exceeded.extend(k.address_minute.as_deref());
        }
        if !known {
            if count(0) >= PER_MINUTE {
                exceeded.push(&k.account_minute);
            }
            if count(1) >= PER_HOUR {
                exceeded.push(&k.account_hour);
            }
        }
        if exceeded.is_empty() {
            return Ok(());
        }
        let mut wait = 1;
        for key in exceeded {
            if let Ok(Some(ttl)) = self.cache.ttl(key).await {
                wait = wait.max(ttl);
            }
        }
        tracing::info!(account, ?address, wait, "login throttled");
        Err(ServiceError::rate_limited(wait))
    }

    pub async fn record_failure(&self, account: &str, address: Option<&str>) {
        let k = keys(account, address);
        let mut counters = vec![(k.account_minute, MINUTE), (k.account_hour, HOUR)];
        counters.extend(k.address_minute.map(|a| (a, MINUTE)));
        for (key, window) in counters {
            if let Err(e) = self.cache.incr(&key, window).await {
                tracing::warn!(error = %e, "cannot count a failed login");
            }
        }
    }

    pub async fn record_success(&self, account: &str, address: Option<&str>) {
        if let Some(known) = keys(account, address).known
            && let Err(e) = self.cache.set(&known, "1", KNOWN_FOR).await
        {
            tracing::warn!(error = %e, "cannot remember a known login address");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn eleventh_failure_in_a_minute_is_throttled_but_known_addresses_get_in() {
        let t = LoginThrottle::new(Arc::new(Cache::in_process()));
        t.record_success("acct", Some("10.0.0.1")).await;
        for i in 0..PER_MINUTE {
            assert!(t.check("acct", Some(&format!("192.0.2.{i}"))).await.is_ok());
            t.record_failure("acct", Some(&format!("192.0.2.{i}")))
                .await;
        }
        let err = t.check("acct", Some("192.0.2.200")).await.err();
        assert_eq!(err.as_ref().map(|e| e.code.as_str()), Some("rate_limited"));
        assert!(
            err.and_then(|e| e.retry_after)
                .is_some_and(|s| (1..=60).contains(&s))
        );
        assert!(
            t.check("acct", Some("10.0.0.1")).await.is_ok(),
            "owner locked out"
        );
        assert!(t.check("other", Some("192.0.2.200")).await.is_ok());
    }

    #[tokio::test]
    async fn one_address_is_limited_across_accounts() {
        let t = LoginThrottle::new(Arc::new(Cache::in_process()));
        for i in 0..PER_MINUTE {
            t.record_failure(&format!("acct{i}"), Some("198.51.100.7"))
                .await;
        }
        assert!(t.check("fresh", Some("198.51.100.7")).await.is_err());
        assert!(t.check("fresh", Some("198.51.100.8")).await.is_ok());
    }
}
