//! The state every feature shares (store, blobs, verifier, cache, the sale snapshot, the
//! decode semaphore) and the checks they all start with: who the caller is, loading an artwork
//! the caller may see or manage, whether a category exists. Store errors become service errors
//! here, once, so `?` works everywhere above.

use std::sync::Arc;
use std::time::{Duration, Instant};

use artstation_common::jwt::{AccessClaims, bearer_from_metadata};
use artstation_common::{Cache, ErrorCode, ServiceError, TokenVerifier, caller};
use artstation_domain::{ArtworkStatus, CategorySlug};
use tokio::sync::{RwLock, Semaphore};

use crate::blobs::BlobStore;
use crate::config::ArtworkConfig;
use crate::store::{
    ArtworkRecord, ArtworkStore, AuditEntry, AuditOutcome, DerivativeState, Sale, StoreError,
};
use crate::views::ViewCounter;

/// The generation of cached lists (see [`State::listing_generation`]), and how long it lives
/// untouched: far longer than any cached list, so expiring it resurrects nothing.
const LISTING_GENERATION_KEY: &str = "listings:generation";
const LISTING_GENERATION_TTL: Duration = Duration::from_secs(30 * 86_400);

/// The `cache` label of a cached entry, from its key's first segment.
fn cache_name(key: &str) -> &'static str {
    match key.split(':').next() {
        Some("popular") => "popular",
        Some("recs") => "recommendations",
        Some("listings") => "listing_generation",
        _ => "other",
    }
}

/// How stale the cached sale may be (a sale starting or ending shows within this).
const SALE_REFRESH: Duration = Duration::from_secs(5);

pub(crate) struct State {
    pub(crate) config: ArtworkConfig,
    pub(crate) store: Arc<dyn ArtworkStore>,
    pub(crate) blobs: Arc<dyn BlobStore>,
    pub(crate) verifier: Arc<TokenVerifier>,
    /// Popular lists and recommendations (Redis in production, in-process otherwise).
    pub(crate) cache: Arc<Cache>,
    /// The store-wide sale, re-read every few seconds so every replica prices alike.
    sale: RwLock<SaleSnapshot>,
    /// Bounds concurrent image decodes (each may hold hundreds of MB).
    pub(crate) decode: Arc<Semaphore>,
    /// Wakes a derivative worker when an upload queues a job, and counts the uploads in
    /// flight, which the workers let go first.
    pub(crate) derivative_signals: Arc<crate::derivatives::Signals>,
    /// Views counted in memory, written in batches (a read never writes).
    pub(crate) views: Arc<ViewCounter>,
    /// Tells feed watchers on every replica about works that became public.
    pub(crate) feed: Arc<crate::feed::Hub>,
}

/// The sale as last read, and when.
#[derive(Default)]
struct SaleSnapshot {
    sale: Option<Sale>,
    read_at: Option<Instant>,
}

/// An artwork the caller may see, and whether they may also manage it (its owner or an admin:
/// they see drafts, hidden works and the near-duplicate flag).
pub(crate) struct Visible {
    pub(crate) artwork: ArtworkRecord,
    pub(crate) privileged: bool,
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotOwner { id } => {
                ServiceError::forbidden(format!("artwork {id} is not yours"))
            }
            StoreError::Invalid { field, message } => ServiceError::validation(field, message),
            StoreError::Missing { .. } => ServiceError::not_found("artwork"),
            StoreError::Duplicate { existing_id } => ServiceError::new(
                ErrorCode::Conflict,
                format!("you already uploaded this file as artwork {existing_id}"),
            )
            .with_existing_id(existing_id),
            StoreError::Db(e) if artstation_common::db::is_unavailable(&e) => {
                artstation_common::db::unavailable(&e)
            }
            other => ServiceError::internal(other),
        }
    }
}

impl State {
    pub(crate) fn new(
        config: ArtworkConfig,
        store: Arc<dyn ArtworkStore>,
        blobs: Arc<dyn BlobStore>,
        verifier: Arc<TokenVerifier>,
        cache: Arc<Cache>,
    ) -> Self {
        let decode = Arc::new(Semaphore::new(config.decode_concurrency.max(1)));
        Self {
            config,
            store,
            blobs,
            verifier,
            feed: Arc::new(crate::feed::Hub::new(cache.clone())),
            cache,
            sale: RwLock::new(SaleSnapshot::default()),
            decode,
            derivative_signals: Arc::default(),
            views: Arc::new(ViewCounter::new()),
        }
    }

    /// The caller, if a token came with the request; a token that fails verification is an
    /// error rather than silently anonymous.
    pub(crate) async fn optional_caller<T>(
        &self,
        req: &tonic::Request<T>,
    ) -> Result<Option<AccessClaims>, ServiceError> {
        match bearer_from_metadata(req.metadata()) {
            None => Ok(None),
            Some(token) => self.verifier.verify(token).await.map(Some),
        }
    }

    /// Artwork `id`, or `not_found` (a malformed id too: it names nothing).
    pub(crate) async fn load(&self, id: &str) -> Result<ArtworkRecord, ServiceError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        self.store
            .get(id)
            .await?
            .ok_or_else(|| ServiceError::not_found("artwork"))
    }

    /// Artwork `id` if `caller` may see it: published with its derivatives made, or theirs,
    /// or they are an admin. To anyone else any other work does not exist.
    pub(crate) async fn load_visible(
        &self,
        id: &str,
        caller: Option<&AccessClaims>,
    ) -> Result<Visible, ServiceError> {
        let artwork = self.load(id).await?;
        let privileged = caller::may_manage(caller, &artwork.artist_id);
        let public = artwork.status == ArtworkStatus::Published
            && artwork.derivatives == DerivativeState::Ready;
        if !public && !privileged {
            return Err(ServiceError::not_found("artwork"));
        }
        Ok(Visible {
            artwork,
            privileged,
        })
    }

    /// Artwork `id` if `caller` may change it: the owner, or an admin. Others get 403 for
    /// public works and 404 for ones they cannot see.
    pub(crate) async fn load_managed(
        &self,
        id: &str,
        caller: &AccessClaims,
    ) -> Result<ArtworkRecord, ServiceError> {
        let a = self.load(id).await?;
        if caller::is_owner_or_admin(caller, &a.artist_id) {
            Ok(a)
        } else if a.status == ArtworkStatus::Published && a.derivatives == DerivativeState::Ready {
            Err(ServiceError::forbidden(
                "only the artist can change this artwork",
            ))
        } else {
            Err(ServiceError::not_found("artwork"))
        }
    }

    /// Refuses a category no admin created.
    pub(crate) async fn check_category(&self, slug: &CategorySlug) -> Result<(), ServiceError> {
        if self.store.category_exists(slug.as_str()).await? {
            Ok(())
        } else {
            Err(ServiceError::validation(
                "category",
                format!(
                    "unknown category {:?}; see GET /v1/categories",
                    slug.as_str()
                ),
            ))
        }
    }

    /// The current sale, from a snapshot at most a few seconds old.
    pub(crate) async fn current_sale(&self) -> Option<Sale> {
        {
            let snap = self.sale.read().await;
            if snap.read_at.is_some_and(|t| t.elapsed() < SALE_REFRESH) {
                return snap.sale;
            }
        }
        let mut snap = self.sale.write().await;
        match self.store.sale().await {
            Ok(sale) => {
                snap.sale = sale;
                snap.read_at = Some(Instant::now());
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the sale; using the last known"),
        }
        snap.sale
    }

    /// Prices with `sale` at once on this replica (others as soon as they hear of the change,
    /// at the latest within [`SALE_REFRESH`]).
    pub(crate) async fn remember_sale(&self, sale: Option<Sale>) {
        *self.sale.write().await = SaleSnapshot {
            sale,
            read_at: Some(Instant::now()),
        };
    }

    /// Makes the next pricing read the sale again: another replica may have set or ended it
    /// (its change announcement reached this one). Waits for a read in progress, so an old
    /// sale read before the change is never kept after it.
    pub(crate) async fn forget_sale(&self) {
        self.sale.write().await.read_at = None;
    }

    /// Reads a cached list; a cache failure is a miss, never an error.
    pub(crate) async fn cached(&self, key: &str) -> Option<String> {
        let found = self.cache.get(key).await;
        artstation_common::telemetry::metrics::cache_lookup(
            cache_name(key),
            found.as_ref().ok().map(Option::is_some),
        );
        match found {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, key, "cache unavailable; reading the database");
                None
            }
        }
    }

    /// Appends an admin action recorded nowhere else (categories, the sale) to the audit log.
    pub(crate) async fn audit(
        &self,
        caller: &AccessClaims,
        action: &str,
        target_kind: &str,
        target_id: &str,
    ) -> Result<(), ServiceError> {
        let entry = AuditEntry::now(
            caller,
            action,
            (target_kind, target_id),
            None,
            AuditOutcome::Ok,
        );
        Ok(self.store.append_audit(&entry).await?)
    }

    /// The generation every cached list's key carries (popular lists, recommendations).
    /// Moderation bumps it, so a hidden work leaves every cached list on every replica at
    /// once instead of when the entries expire.
    pub(crate) async fn listing_generation(&self) -> String {
        self.cached(LISTING_GENERATION_KEY)
            .await
            .unwrap_or_else(|| "0".to_owned())
    }

    /// Drops every cached list (by moving to a new generation); a cache failure is logged, and
    /// the lists then expire on their own.
    pub(crate) async fn listings_changed(&self) {
        if let Err(e) = self
            .cache
            .incr(LISTING_GENERATION_KEY, LISTING_GENERATION_TTL)
            .await
        {
            tracing::warn!(error = %e, "cannot drop cached lists");
        }
    }

    /// Fills the cache; a failure only costs the next reader a database query.
    pub(crate) async fn remember(&self, key: &str, value: &str, ttl: Duration) {
        if let Err(e) = self.cache.set(key, value, ttl).await {
            tracing::warn!(error = %e, key, "cannot fill the cache");
        }
    }
}
