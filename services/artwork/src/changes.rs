//! What lets a gateway keep answers in an edge cache soundly (the catalogue's side of it):
//!
//! - `GetArtwork` and the public lists (`ListArtworks`, `Popular`, `ListCategories`,
//!   `GetSale`, `PublicModerationLog`) say, in `cache-control` response metadata, when their
//!   answer may be shared: only when the caller sent no credentials (so the answer is what
//!   anyone is shown), and never past the next start or end of the sale (which changes prices
//!   with no write to announce);
//! - every call that may change what a reader is shown (any method not known to only read:
//!   a new method is over-announced, never missed) announces a change on every replica once it
//!   has answered, after its writes are committed; so does a work made public by a derivative
//!   worker, which no call carries (the feed relay turns its `Published` note into a change on
//!   every replica, `feed/hub.rs`);
//! - `WatchChanges` streams those announcements to the gateways: one message at once (the
//!   stream is live), then one per change.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use artstation_proto::artwork::v1 as pb;
use chrono::{DateTime, Utc};
use futures::Stream;
use tokio::sync::broadcast::error::RecvError;
use tonic::Status;
use tonic::body::Body;
use tonic::server::NamedService;
use tower_service::Service;

use crate::state::State;
use crate::store::Sale;

/// Longest a shared cache may serve an anonymous reader's answer without asking again. Short,
/// so a change whose announcement was lost (a gateway between streams) is bounded, and so are
/// what changes with no announcement at all: view counts and popularity (flushed in batches)
/// lag by at most this; and well under the window in which anonymous views of a work count
/// once (`views::ANONYMOUS_WINDOW`), so views still count as before.
pub(crate) const SHARED_MAX_AGE: Duration = Duration::from_secs(5);

/// Methods that only read. Everything else is taken to change the catalogue.
const READS: &[&str] = &[
    "GetArtwork",
    "ListArtworks",
    "ListFavorites",
    "Popular",
    "Recommendations",
    "ListCategories",
    "GetSale",
    "ReadImage",
    "ListFlaggedArtworks",
    "LookupMine",
    "ListMine",
    "ListMyReports",
    "ListModerationQueue",
    "ListAudit",
    "PublicModerationLog",
    "ListFeed",
    "WatchFeed",
    "WatchChanges",
    "Quote",
];

fn only_reads(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|m| READS.contains(&m))
}

/// How long an anonymous reader's answer of now may be shared: [`SHARED_MAX_AGE`], cut short
/// by the sale's next start or end.
pub(crate) fn shared_max_age(sale: Option<&Sale>, now: DateTime<Utc>) -> Duration {
    let next_boundary = sale.and_then(|s| {
        [s.starts_at, s.ends_at]
            .into_iter()
            .filter(|t| *t > now)
            .min()
    });
    match next_boundary.and_then(|t| (t - now).to_std().ok()) {
        Some(until) => until.min(SHARED_MAX_AGE),
        None => SHARED_MAX_AGE,
    }
}

/// The `cache-control` a shareable answer carries (whole seconds; none when under one).
pub(crate) fn cache_control(max_age: Duration) -> Option<String> {
    let secs = max_age.as_secs();
    (secs > 0).then(|| format!("public, max-age={secs}"))
}

/// A gRPC service that announces a catalogue change after each call that may have made one.
#[derive(Clone)]
pub(crate) struct Announcing<S> {
    inner: S,
    state: Arc<State>,
}

impl<S> Announcing<S> {
    pub(crate) fn new(inner: S, state: Arc<State>) -> Self {
        Self { inner, state }
    }
}

impl<S: NamedService> NamedService for Announcing<S> {
    const NAME: &'static str = S::NAME;
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S> Service<http::Request<Body>> for Announcing<S>
where
    S: Service<http::Request<Body>, Response = http::Response<Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let writes = !only_reads(req.uri().path());
        // The clone that was made ready answers this call (tower's readiness contract).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let state = self.state.clone();
        Box::pin(async move {
            let answer = inner.call(req).await;
            if writes {
                // Announced whatever the outcome: a failed call may have written part of
                // what it meant to, and forgetting too much only costs a re-read.
                state.feed.catalogue_changed().await;
            }
            answer
        })
    }
}

/// The stream `WatchChanges` answers with.
pub(crate) type ChangeStream =
    Pin<Box<dyn Stream<Item = Result<pb::CatalogueChange, Status>> + Send>>;

/// Whether `req` came without credentials: only then is its answer what anyone is shown.
pub(crate) fn anonymous<T>(req: &tonic::Request<T>) -> bool {
    req.metadata().get("authorization").is_none()
}

impl State {
    /// `answer`, marked shareable for [`State::shared_cache_control`] when the caller was
    /// `anonymous`. For reads whose answer is the same for every anonymous caller.
    pub(crate) async fn shareable<T>(&self, anonymous: bool, answer: T) -> tonic::Response<T> {
        let mut answer = tonic::Response::new(answer);
        if anonymous && let Some(value) = self.shared_cache_control().await {
            answer.metadata_mut().insert("cache-control", value);
        }
        answer
    }

    /// The `cache-control` metadata of an anonymous reader's answer given now (prices in it
    /// change at the sale's boundaries, so it is cut there).
    pub(crate) async fn shared_cache_control(
        &self,
    ) -> Option<tonic::metadata::MetadataValue<tonic::metadata::Ascii>> {
        let sale = self.current_sale().await;
        let max_age = shared_max_age(sale.as_ref(), artstation_common::now());
        cache_control(max_age).and_then(|v| v.parse().ok())
    }

    pub(crate) fn watch_changes(&self) -> ChangeStream {
        // Subscribed before the first message, so no change after it is missed.
        let changes = self.feed.watch_changes();
        let first = futures::stream::once(async { Ok(pb::CatalogueChange {}) });
        let rest = futures::stream::unfold(changes, |mut changes| async move {
            match changes.recv().await {
                // Falling behind only means more changes than were told: one says it all.
                Ok(()) | Err(RecvError::Lagged(_)) => Some((Ok(pb::CatalogueChange {}), changes)),
                Err(RecvError::Closed) => None,
            }
        });
        Box::pin(futures::StreamExt::chain(first, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use artstation_domain::SalePercent;

    fn sale(starts_in: i64, ends_in: i64, now: DateTime<Utc>) -> Sale {
        Sale {
            percent: SalePercent::from_basis_points(2000).unwrap_or_else(|e| panic!("{e}")),
            starts_at: now + chrono::Duration::seconds(starts_in),
            ends_at: now + chrono::Duration::seconds(ends_in),
        }
    }

    #[test]
    fn reads_are_known_and_anything_else_is_a_change() {
        assert!(only_reads(
            "/artstation.artwork.v1.ArtworkService/GetArtwork"
        ));
        assert!(only_reads("/artstation.artwork.v1.ArtworkInternal/Quote"));
        assert!(!only_reads(
            "/artstation.artwork.v1.ArtworkService/SetFavorite"
        ));
        assert!(!only_reads(
            "/artstation.artwork.v1.ArtworkInternal/RecordSale"
        ));
        assert!(!only_reads(
            "/artstation.artwork.v1.ArtworkService/SomethingNew"
        ));
    }

    #[test]
    fn a_shared_answer_never_outlives_the_sales_next_boundary() {
        let now = Utc::now();
        assert_eq!(shared_max_age(None, now), SHARED_MAX_AGE);
        // Starting in 2 s: the price changes then.
        assert_eq!(
            shared_max_age(Some(&sale(2, 100, now)), now),
            Duration::from_secs(2)
        );
        // Running, ending in 3 s.
        assert_eq!(
            shared_max_age(Some(&sale(-10, 3, now)), now),
            Duration::from_secs(3)
        );
        // Over, or far away: the usual lifetime.
        assert_eq!(
            shared_max_age(Some(&sale(-10, -5, now)), now),
            SHARED_MAX_AGE
        );
        assert_eq!(
            shared_max_age(Some(&sale(600, 900, now)), now),
            SHARED_MAX_AGE
        );
        assert_eq!(cache_control(Duration::from_millis(400)), None);
        assert_eq!(
            cache_control(Duration::from_secs(5)).as_deref(),
            Some("public, max-age=5")
        );
    }
}
