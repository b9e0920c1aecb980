//! The edge cache: a shared HTTP cache (RFC 9111) in front of the artwork service for what
//! every anonymous reader is shown the same: `GET /v1/artworks/{id}` and the public lists
//! (`GET /v1/artworks` with its searches, filters, sorts and cursors, `/v1/artworks/popular`,
//! `/v1/categories`, `/v1/sale`, `/v1/moderation/log`; see `read.rs`, which the route handlers
//! call). It decides nothing of its own: an answer is kept only when the artwork service
//! marked it shareable
//! (`cache-control: public, max-age=N` metadata, see the artwork crate's `changes.rs`), for at
//! most that long, and everything kept is forgotten
//!
//! - whenever the artwork service announces a change (`WatchChanges`, from any replica), and
//!   while that stream is down nothing is kept or served (so a gateway that cannot hear of
//!   changes never serves an old answer, and one whose artwork service died answers 503 as
//!   before);
//! - after every request through this gateway that may write, so a client reading its own
//!   write through the same gateway never meets an answer from before it.
//!
//! Forgetting is one increment of an epoch: an entry is served only if it was stored in the
//! current epoch, and a miss stores under the epoch it started in, so an answer read before a
//! change but stored after it is never served.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use artstation_common::telemetry::metrics::cache_lookup;
use artstation_common::upstream::Upstream;
use artstation_proto::artwork::v1 as pb;
use artstation_proto::artwork::v1::artwork_service_client::ArtworkServiceClient;
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

mod answer;
mod read;

pub(crate) use answer::Answer;
use answer::shared_lifetime;
pub(crate) use read::{Fresh, Kind, read_through};

/// Bytes of answers kept (bodies and keys), oldest-used evicted first.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Longest wait between attempts to watch the artwork service's changes again.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

struct Entry {
    answer: Arc<Answer>,
    expires: Instant,
    epoch: u64,
}

/// What a miss read under: store its answer with it.
pub(crate) struct Ticket(u64);

pub(crate) struct EdgeCache {
    entries: moka::sync::Cache<String, Arc<Entry>>,
    epoch: AtomicU64,
    /// Whether the artwork service's changes are being heard; nothing is kept otherwise.
    live: AtomicBool,
}

impl EdgeCache {
    pub(crate) fn new(max_bytes: u64) -> Self {
        let entries = moka::sync::Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|key: &String, e: &Arc<Entry>| {
                u32::try_from(key.len() + e.answer.body.len() + 128).unwrap_or(u32::MAX)
            })
            .build();
        Self {
            entries,
            epoch: AtomicU64::new(0),
            live: AtomicBool::new(false),
        }
    }

    /// The kept answer for `key`, if it is fresh and nothing changed since it was stored.
    pub(crate) fn get(&self, kind: Kind, key: &str) -> Option<Arc<Answer>> {
        if !self.live.load(Ordering::Acquire) {
            return None;
        }
        let found = self.entries.get(key).filter(|e| {
            e.epoch == self.epoch.load(Ordering::Acquire) && e.expires > Instant::now()
        });
        cache_lookup(kind.label(), Some(found.is_some()));
        found.map(|e| e.answer.clone())
    }

    /// Taken before asking the service, for [`EdgeCache::put`].
    pub(crate) fn ticket(&self) -> Ticket {
        Ticket(self.epoch.load(Ordering::Acquire))
    }

    /// Keeps `answer` for `lifetime` unless something changed since `ticket` was taken.
    pub(crate) fn put(&self, ticket: Ticket, key: &str, answer: Arc<Answer>, lifetime: Duration) {
        if !self.live.load(Ordering::Acquire) || ticket.0 != self.epoch.load(Ordering::Acquire) {
            return;
        }
        self.entries.insert(
            key.to_owned(),
            Arc::new(Entry {
                answer,
                expires: Instant::now() + lifetime,
                epoch: ticket.0,
            }),
        );
    }

    /// Forgets everything kept (it stays in memory until overwritten or evicted, never served).
    pub(crate) fn forget_all(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    fn set_live(&self, live: bool) {
        // Forgotten on both edges: what was kept before the stream is from an unknown time,
        // and after it ends no change would be heard.
        self.forget_all();
        self.live.store(live, Ordering::Release);
        self.forget_all();
    }
}

/// Watches the artwork service's changes for as long as the gateway serves, reconnecting with
/// backoff; the cache is live only while a stream is open.
pub(crate) async fn watch(cache: Arc<EdgeCache>, artwork: Upstream) {
    let mut backoff = Duration::from_millis(100);
    loop {
        let mut client = ArtworkServiceClient::new(artwork.clone());
        match client.watch_changes(pb::WatchChangesRequest {}).await {
            Ok(answer) => {
                let mut changes = answer.into_inner();
                loop {
                    match changes.message().await {
                        Ok(Some(_)) => {
                            if cache.live.load(Ordering::Acquire) {
                                cache.forget_all();
                            } else {
                                cache.set_live(true);
                                backoff = Duration::from_millis(100);
                                tracing::debug!("edge cache live");
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            tracing::debug!(error = %e, "artwork change stream ended");
                            break;
                        }
                    }
                }
            }
            Err(e) => tracing::debug!(error = %e, "cannot watch artwork changes yet"),
        }
        cache.set_live(false);
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Forgets the edge cache after every request that may write (anything but GET, HEAD and
/// OPTIONS), once it is answered, whatever the answer: a client that reads after its write
/// through this gateway is then served fresh.
pub(crate) async fn forget_after_writes(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let resp = next.run(req).await;
    if writes {
        state.edge().forget_all();
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use bytes::Bytes;

    fn answer(body: &str) -> Arc<Answer> {
        Arc::new(Answer::new(
            body.as_bytes().to_vec(),
            Some(HeaderValue::from_static("public, max-age=5")),
        ))
    }

    fn live_cache() -> EdgeCache {
        let cache = EdgeCache::new(DEFAULT_MAX_BYTES);
        cache.set_live(true);
        cache
    }

    #[test]
    fn nothing_is_kept_while_changes_are_not_heard() {
        let cache = EdgeCache::new(DEFAULT_MAX_BYTES);
        cache.put(cache.ticket(), "a", answer("{}"), Duration::from_secs(5));
        assert!(cache.get(Kind::List, "a").is_none());
        cache.set_live(true);
        assert!(
            cache.get(Kind::List, "a").is_none(),
            "kept before the stream was live"
        );
        cache.put(cache.ticket(), "a", answer("{}"), Duration::from_secs(5));
        assert!(cache.get(Kind::List, "a").is_some());
        cache.set_live(false);
        assert!(
            cache.get(Kind::List, "a").is_none(),
            "served after the stream ended"
        );
    }

    #[test]
    fn a_change_forgets_and_an_answer_read_before_it_is_never_served() {
        let cache = live_cache();
        cache.put(cache.ticket(), "a", answer("old"), Duration::from_secs(5));
        let before = cache.ticket();
        cache.forget_all();
        assert!(cache.get(Kind::List, "a").is_none());
        // A read that began before the change and ends after it.
        cache.put(before, "a", answer("old"), Duration::from_secs(5));
        assert!(cache.get(Kind::List, "a").is_none());
        cache.put(cache.ticket(), "a", answer("new"), Duration::from_secs(5));
        assert_eq!(
            cache.get(Kind::List, "a").map(|a| a.body.clone()),
            Some(Bytes::from("new"))
        );
    }

    #[test]
    fn entries_expire_with_their_lifetime() {
        let cache = live_cache();
        cache.put(cache.ticket(), "a", answer("{}"), Duration::ZERO);
        assert!(cache.get(Kind::List, "a").is_none());
    }
}
