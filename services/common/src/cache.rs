//! A small shared key-value cache with expiry: Redis in the production profile, so replicas
//! share what one of them wrote (revocations, login-failure counts); an in-process map on the
//! embedded default, where every role runs in one process and shares one instance.
//!
//! Every Redis call is bounded by a short timeout: callers decide whether a cache failure fails
//! open or closed, but none waits on a sick Redis.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::AsyncCommands as _;

/// Longest a cache call may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_millis(300);

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
    #[error("redis did not answer within {0:?}")]
    Timeout(Duration),
    #[error("in-process cache poisoned")]
    Poisoned,
}

pub struct Cache {
    prefix: String,
    backend: Backend,
}

enum Backend {
    Local(Mutex<HashMap<String, (String, Instant)>>),
    Redis(redis::aio::ConnectionManager),
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("kind", &self.kind())
            .field("prefix", &self.prefix)
            .finish()
    }
}

async fn bounded<T>(
    f: impl std::future::Future<Output = Result<T, redis::RedisError>>,
) -> Result<T, CacheError> {
    tokio::time::timeout(TIMEOUT, f)
        .await
        .map_err(|_| CacheError::Timeout(TIMEOUT))?
        .map_err(CacheError::from)
}

impl Cache {
    /// The embedded default's cache, private to this process.
    pub fn in_process() -> Self {
        Self {
            prefix: String::new(),
            backend: Backend::Local(Mutex::new(HashMap::new())),
        }
    }

    /// Connects to Redis; `prefix` namespaces keys so deployments (or test runs) can share one
    /// server. The connection manager reconnects by itself after a failure.
    pub async fn redis(url: &str, prefix: &str) -> Result<Self, CacheError> {
        let client = redis::Client::open(url)?;
        let manager = tokio::time::timeout(
            Duration::from_secs(5),
            redis::aio::ConnectionManager::new(client),
        )
        .await
        .map_err(|_| CacheError::Timeout(Duration::from_secs(5)))??;
        Ok(Self {
            prefix: prefix.to_owned(),
            backend: Backend::Redis(manager),
        })
    }

    pub fn kind(&self) -> &'static str {
        match self.backend {
            Backend::Local(_) => "in-process",
            Backend::Redis(_) => "redis",
        }
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn local<T>(
        map: &Mutex<HashMap<String, (String, Instant)>>,
        f: impl FnOnce(&mut HashMap<String, (String, Instant)>) -> T,
    ) -> Result<T, CacheError> {
        let mut guard = map.lock().map_err(|_| CacheError::Poisoned)?;
        let now = Instant::now();
        // Expired entries are dropped lazily; a sweep now and then keeps the map small.
        if guard.len() > 10_000 {
            guard.retain(|_, (_, exp)| *exp > now);
        }
        Ok(f(&mut guard))
    }

    pub async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), CacheError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Local(map) => Self::local(map, |m| {
                m.insert(key, (value.to_owned(), Instant::now() + ttl));
            }),
            Backend::Redis(conn) => {
                let mut conn = conn.clone();
                let secs = ttl.as_secs().max(1);
                bounded(conn.set_ex::<_, _, ()>(key, value, secs)).await
            }
        }
    }

    pub async fn get(&self, key: &str) -> Result<Option<String>, CacheError> {
        Ok(self.get_many(&[key]).await?.pop().flatten())
    }

    pub async fn get_many(&self, keys: &[&str]) -> Result<Vec<Option<String>>, CacheError> {
        let keys: Vec<String> = keys.iter().map(|k| self.key(k)).collect();
        match &self.backend {
            Backend::Local(map) => Self::local(map, |m| {
                let now = Instant::now();
                keys.iter()
                    .map(|k| {
                        m.get(k)
                            .filter(|(_, exp)| *exp > now)
                            .map(|(v, _)| v.clone())
                    })
                    .collect()
            }),
            Backend::Redis(conn) => {
                let mut conn = conn.clone();
                bounded(async move {
                    redis::cmd("MGET")
                        .arg(&keys)
                        .query_async::<Vec<Option<String>>>(&mut conn)
                        .await
                })
                .await
            }
        }
    }

    /// Adds one to a counter and returns the new count; the counter expires `ttl` after its
    /// first increment (a fixed window).
    pub async fn incr(&self, key: &str, ttl: Duration) -> Result<i64, CacheError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Local(map) => Self::local(map, |m| {
                let now = Instant::now();
                let entry = m.entry(key).or_insert_with(|| ("0".to_owned(), now + ttl));
                if entry.1 <= now {
                    *entry = ("0".to_owned(), now + ttl);
                }
                let n = entry.0.parse::<i64>().unwrap_or(0) + 1;
                entry.0 = n.to_string();
                n
            }),
            Backend::Redis(conn) => {
                let mut conn = conn.clone();
                let secs = i64::try_from(ttl.as_secs().max(1)).unwrap_or(i64::MAX);
                // INCR then EXPIRE NX in one round trip: the window starts at the first failure.
                let (n,): (i64,) = bounded(
                    redis::pipe()
                        .atomic()
                        .incr(&key, 1)
                        .cmd("EXPIRE")
                        .arg(&key)
                        .arg(secs)
                        .arg("NX")
                        .ignore()
                        .query_async(&mut conn),
                )
                .await?;
                Ok(n)
            }
        }
    }

    pub async fn delete(&self, key: &str) -> Result<(), CacheError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Local(map) => Self::local(map, |m| {
                m.remove(&key);
            }),
            Backend::Redis(conn) => {
                let mut conn = conn.clone();
                bounded(conn.del::<_, ()>(key)).await
            }
        }
    }

    /// Seconds until `key` expires, if it exists.
    pub async fn ttl(&self, key: &str) -> Result<Option<u64>, CacheError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Local(map) => Self::local(map, |m| {
                let now = Instant::now();
                m.get(&key)
                    .filter(|(_, exp)| *exp > now)
                    .map(|(_, exp)| exp.duration_since(now).as_secs().max(1))
            }),
            Backend::Redis(conn) => {
                let mut conn = conn.clone();
                let t: i64 = bounded(conn.ttl(&key)).await?;
                Ok(u64::try_from(t).ok())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn in_process_entries_expire() -> Result<(), CacheError> {
        let c = Cache::in_process();
        c.set("a", "1", Duration::from_millis(50)).await?;
        assert_eq!(c.get_many(&["a", "b"]).await?, vec![Some("1".into()), None]);
        assert_eq!(c.incr("n", Duration::from_millis(50)).await?, 1);
        assert_eq!(c.incr("n", Duration::from_millis(50)).await?, 2);
        assert!(c.ttl("n").await?.is_some());
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert_eq!(c.get("a").await?, None);
        assert_eq!(
            c.incr("n", Duration::from_millis(50)).await?,
            1,
            "a new window starts"
        );
        Ok(())
    }
}
