//! A small shared key-value cache with expiry: Redis in the production profile, so replicas
//! share what one of them wrote (revocations, login-failure counts); an in-process map on the
//! embedded default, where every role runs in one process and shares one instance.
//!
//! The in-process map is bounded (least-recently-used entries are evicted past
//! [`IN_PROCESS_CAPACITY`]) and each call costs O(1): no sweep runs on the request path.
//!
//! Every Redis call is bounded by a short timeout: callers decide whether a cache failure fails
//! open or closed, but none waits on a sick Redis.

use std::time::{Duration, Instant};

use moka::ops::compute::{CompResult, Op};
use redis::AsyncCommands as _;

/// Most entries the in-process cache holds; past it the least recently used are evicted.
pub const IN_PROCESS_CAPACITY: u64 = 100_000;

/// Longest a cache call may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_millis(300);

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
    #[error("redis did not answer within {0:?}")]
    Timeout(Duration),
    /// Kept for API stability; the in-process cache no longer holds a lock that can poison.
    #[error("in-process cache poisoned")]
    Poisoned,
}

pub struct Cache {
    prefix: String,
    backend: Backend,
    /// For pub/sub, which needs a connection of its own (a subscribed connection runs no other
    /// command); `None` in process.
    client: Option<redis::Client>,
}

enum Backend {
    Local(moka::sync::Cache<String, Entry>),
    Redis(redis::aio::ConnectionManager),
}

#[derive(Clone)]
struct Entry {
    value: String,
    expires: Instant,
}

impl Entry {
    fn live(&self, now: Instant) -> bool {
        self.expires > now
    }
}

/// Each entry lives until its own deadline, so moka drops it then without any sweep of ours.
struct PerEntry;

impl moka::Expiry<String, Entry> for PerEntry {
    fn expire_after_create(&self, _: &String, v: &Entry, now: Instant) -> Option<Duration> {
        Some(v.expires.saturating_duration_since(now))
    }

    fn expire_after_update(
        &self,
        _: &String,
        v: &Entry,
        now: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(v.expires.saturating_duration_since(now))
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("kind", &self.kind())
            .field("prefix", &self.prefix)
            .finish()
    }
}

pub(crate) async fn bounded<T>(
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
        Self::in_process_bounded(IN_PROCESS_CAPACITY)
    }

    /// An in-process cache holding at most about `capacity` entries.
    pub fn in_process_bounded(capacity: u64) -> Self {
        let map = moka::sync::Cache::builder()
            .max_capacity(capacity)
            .expire_after(PerEntry)
            .build();
        Self {
            prefix: String::new(),
            backend: Backend::Local(map),
            client: None,
        }
    }

    /// Entries held in process (after pending evictions are applied); `None` on Redis.
    pub fn local_len(&self) -> Option<u64> {
        match &self.backend {
            Backend::Local(map) => {
                map.run_pending_tasks();
                Some(map.entry_count())
            }
            Backend::Redis(_) => None,
        }
    }

    /// Connects to Redis; `prefix` namespaces keys so deployments (or test runs) can share one
    /// server. The connection manager reconnects by itself after a failure.
    pub async fn redis(url: &str, prefix: &str) -> Result<Self, CacheError> {
        let client = redis::Client::open(url)?;
        let manager = tokio::time::timeout(
            Duration::from_secs(5),
            redis::aio::ConnectionManager::new(client.clone()),
        )
        .await
        .map_err(|_| CacheError::Timeout(Duration::from_secs(5)))??;
        Ok(Self {
            prefix: prefix.to_owned(),
            backend: Backend::Redis(manager),
            client: Some(client),
        })
    }

    /// The Redis connection and key prefix, for this crate's modules that run commands of
    /// their own (the rate limiter's script); `None` in process.
    pub(crate) fn redis_parts(&self) -> Option<(&redis::aio::ConnectionManager, &str)> {
        match &self.backend {
            Backend::Redis(conn) => Some((conn, &self.prefix)),
            Backend::Local(_) => None,
        }
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

    pub async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), CacheError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Local(map) => {
                let expires = Instant::now() + ttl;
                map.insert(
                    key,
                    Entry {
                        value: value.to_owned(),
                        expires,
                    },
                );
                Ok(())
            }
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
            Backend::Local(map) => {
                let now = Instant::now();
                // moka's expiry is checked against its own clock; the deadline check keeps
                // the boundary exact.
                Ok(keys
                    .iter()
                    .map(|k| map.get(k).filter(|e| e.live(now)).map(|e| e.value))
                    .collect())
            }
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
            Backend::Local(map) => {
                // moka runs compute closures for one key one at a time, so concurrent
                // increments never lose a count.
                let result = map.entry(key).and_compute_with(|current| {
                    let now = Instant::now();
                    let next = match current.map(|e| e.into_value()) {
                        Some(e) if e.live(now) => Entry {
                            value: (e.value.parse::<i64>().unwrap_or(0) + 1).to_string(),
                            expires: e.expires,
                        },
                        _ => Entry {
                            value: "1".to_owned(),
                            expires: now + ttl,
                        },
                    };
                    Op::Put(next)
                });
                let n = match result {
                    CompResult::Inserted(e) | CompResult::ReplacedWith(e) => {
                        e.into_value().value.parse::<i64>().unwrap_or(0)
                    }
                    // Unreachable with `Op::Put`, but a count of one errs on the lenient side.
                    _ => 1,
                };
                Ok(n)
            }
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
            Backend::Local(map) => {
                map.invalidate(&key);
                Ok(())
            }
            Backend::Redis(conn) => {
                let mut conn = conn.clone();
                bounded(conn.del::<_, ()>(key)).await
            }
        }
    }

    /// Publishes `payload` on `channel` (under the prefix) to every subscriber of every process
    /// sharing this Redis; `Ok(false)` in process, where there is no one else to tell.
    pub async fn publish(&self, channel: &str, payload: &str) -> Result<bool, CacheError> {
        let channel = self.key(channel);
        match &self.backend {
            Backend::Local(_) => Ok(false),
            Backend::Redis(conn) => {
                let mut conn = conn.clone();
                bounded(conn.publish::<_, _, ()>(channel, payload)).await?;
                Ok(true)
            }
        }
    }

    /// The messages published on `channel` (under the prefix) from now on, on a connection of
    /// their own; `Ok(None)` in process. The stream ends when the connection drops, so a
    /// subscriber resubscribes (messages published in between are lost: pub/sub keeps none).
    pub async fn subscribe(
        &self,
        channel: &str,
    ) -> Result<
        Option<std::pin::Pin<Box<dyn tokio_stream::Stream<Item = Vec<u8>> + Send>>>,
        CacheError,
    > {
        let Some(client) = &self.client else {
            return Ok(None);
        };
        let channel = self.key(channel);
        let mut pubsub = bounded(client.get_async_pubsub()).await?;
        bounded(pubsub.subscribe(channel)).await?;
        let messages = tokio_stream::StreamExt::map(pubsub.into_on_message(), |m| {
            m.get_payload_bytes().to_vec()
        });
        Ok(Some(Box::pin(messages)))
    }

    /// Seconds until `key` expires, if it exists.
    pub async fn ttl(&self, key: &str) -> Result<Option<u64>, CacheError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Local(map) => {
                let now = Instant::now();
                Ok(map
                    .get(&key)
                    .filter(|e| e.live(now))
                    .map(|e| e.expires.duration_since(now).as_secs().max(1)))
            }
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
