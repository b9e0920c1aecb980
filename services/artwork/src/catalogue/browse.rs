//! The catalogue side of the artwork service: browse and search with keyset cursors, owner
//! edits, bulk repricing, the store-wide sale, favourites, trending and recommendations
//! (cached), categories and moderation.

use std::time::{Duration, Instant};

use artstation_common::jwt::AccessClaims;
use artstation_common::{ErrorCode, ServiceError, time};
use artstation_domain::{ArtworkStatus, Currency, Role, Title};
use artstation_proto::artwork::v1 as pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use prost::Message as _;

use crate::service::{
    Inner, parse_category, parse_description, parse_edition, parse_licence, parse_price, parse_tag,
    parse_tags, store_err, to_pb,
};
use crate::store::{
    After, ArtworkPatch, ArtworkRecord, Category, Filter, PriceChange, Sale, Selection, Sort,
};

const DEFAULT_PAGE: u32 = 20;
const MAX_PAGE: u32 = 100;
const MAX_QUERY_CHARS: usize = 200;
const MAX_BULK_IDS: usize = 500;
/// Popular lists change slowly; a short lifetime keeps them fresh without invalidation.
const POPULAR_TTL: Duration = Duration::from_secs(60);
/// Recommendations are dropped when the user's favourites change, and expire anyway.
const RECOMMENDATIONS_TTL: Duration = Duration::from_secs(300);
const RECOMMENDATIONS_MAX: u32 = 50;
/// How stale the cached sale may be (a sale starting or ending shows within this).
const SALE_REFRESH: Duration = Duration::from_secs(5);

/// The sale as last read, and when.
#[derive(Default)]
pub(crate) struct SaleSnapshot {
    sale: Option<Sale>,
    read_at: Option<Instant>,
}

fn page_limit(limit: u32) -> Result<u32, ServiceError> {
    match limit {
        0 => Ok(DEFAULT_PAGE),
        n if n <= MAX_PAGE => Ok(n),
        _ => Err(ServiceError::validation(
            "limit",
            format!("must be 1 to {MAX_PAGE}"),
        )),
    }
}

fn bad_cursor() -> ServiceError {
    ServiceError::validation("cursor", "malformed cursor")
}

/// Cursors are opaque to clients: the sort's key of the last item, tagged with the sort so a
/// cursor from one ordering cannot be replayed on another.
fn encode_cursor(sort: Sort, a: &ArtworkRecord, score: Option<f64>) -> String {
    let raw = match sort {
        Sort::New => format!("n:{}", a.id),
        Sort::PriceAsc => format!("pa:{}:{}", a.price_minor, a.id),
        Sort::PriceDesc => format!("pd:{}:{}", a.price_minor, a.id),
        Sort::Popular => format!("s:{:016x}:{}", score.unwrap_or(0.0).to_bits(), a.id),
    };
    URL_SAFE_NO_PAD.encode(raw)
}

fn decode_cursor(sort: Sort, cursor: &str) -> Result<After, ServiceError> {
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad_cursor())?;
    let raw = String::from_utf8(raw).map_err(|_| bad_cursor())?;
    let id_ok = |id: &str| uuid::Uuid::parse_str(id).is_ok();
    let parts: Vec<&str> = raw.splitn(3, ':').collect();
    let after = match (sort, parts.as_slice()) {
        (Sort::New, ["n" | "v1", id]) if id_ok(id) => After::Id((*id).to_owned()),
        (Sort::PriceAsc, ["pa", p, id]) | (Sort::PriceDesc, ["pd", p, id]) if id_ok(id) => {
            After::Price(p.parse().map_err(|_| bad_cursor())?, (*id).to_owned())
        }
        (Sort::Popular, ["s", bits, id]) if id_ok(id) => {
            let bits = u64::from_str_radix(bits, 16).map_err(|_| bad_cursor())?;
            After::Score(f64::from_bits(bits), (*id).to_owned())
        }
        _ => return Err(bad_cursor()),
    };
    Ok(after)
}

/// The newest-first cursor on its own, for other newest-first lists (flagged artworks).
pub(crate) fn encode_new_cursor(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("n:{id}"))
}

pub(crate) fn decode_new_cursor(cursor: &str) -> Result<String, ServiceError> {
    match decode_cursor(Sort::New, cursor)? {
        After::Id(id) => Ok(id),
        _ => Err(bad_cursor()),
    }
}

fn favorites_cursor(at: DateTime<Utc>, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("f:{}:{id}", at.timestamp_micros()))
}

fn decode_favorites_cursor(cursor: &str) -> Result<(DateTime<Utc>, String), ServiceError> {
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad_cursor())?;
    let raw = String::from_utf8(raw).map_err(|_| bad_cursor())?;
    let mut parts = raw.splitn(3, ':');
    let (Some("f"), Some(micros), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad_cursor());
    };
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(bad_cursor)?;
    uuid::Uuid::parse_str(id).map_err(|_| bad_cursor())?;
    Ok((at, id.to_owned()))
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

fn from_timestamp(
    t: Option<prost_types::Timestamp>,
    field: &str,
) -> Result<DateTime<Utc>, ServiceError> {
    time::from_proto(t).ok_or_else(|| ServiceError::validation(field, "a time is required"))
}

fn encode_items(items: &[pb::Artwork]) -> String {
    let msg = pb::ListArtworksResponse {
        items: items.to_vec(),
        next_cursor: String::new(),
    };
    URL_SAFE_NO_PAD.encode(msg.encode_to_vec())
}

fn decode_items(s: &str) -> Option<Vec<pb::Artwork>> {
    let bytes = URL_SAFE_NO_PAD.decode(s).ok()?;
    pb::ListArtworksResponse::decode(bytes.as_slice())
        .ok()
        .map(|m| m.items)
}

fn recommendations_key(user_id: &str) -> String {
    format!("recs:v1:{user_id}")
}

impl Inner {
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

    /// An artwork as buyers see it now: with the sale applied to its effective price.
    pub(crate) async fn present(&self, a: ArtworkRecord) -> pb::Artwork {
        let sale = self.current_sale().await;
        self.present_with(a, sale)
    }

    fn present_with(&self, a: ArtworkRecord, sale: Option<Sale>) -> pb::Artwork {
        let mut out = to_pb(a);
        if let (Some(sale), Some(price)) = (sale, out.effective_price.as_mut())
            && sale.active_at(artstation_common::now())
        {
            price.amount_minor = sale.apply(price.amount_minor);
        }
        out
    }

    async fn present_all(&self, items: Vec<ArtworkRecord>) -> Vec<pb::Artwork> {
        let sale = self.current_sale().await;
        items
            .into_iter()
            .map(|a| self.present_with(a, sale))
            .collect()
    }

    pub(crate) async fn check_category(&self, slug: &str) -> Result<(), ServiceError> {
        if slug.is_empty() || self.store.category_exists(slug).await.map_err(store_err)? {
            Ok(())
        } else {
            Err(ServiceError::validation(
                "category",
                format!("unknown category {slug:?}; see GET /v1/categories"),
            ))
        }
    }

    /// Counts a view in the background: the answer must not wait on a popularity update.
    pub(crate) fn count_view(&self, id: &str) {
        let store = self.store.clone();
        let id = id.to_owned();
        tokio::spawn(async move {
            if let Err(e) = store.record_view(&id, artstation_common::now()).await {
                tracing::warn!(error = %e, artwork_id = %id, "cannot count a view");
            }
        });
    }

    pub(crate) async fn list(
        &self,
        req: pb::ListArtworksRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        let limit = page_limit(req.limit)?;
        let sort = Sort::parse(&req.sort).ok_or_else(|| {
            ServiceError::validation(
                "sort",
                format!(
                    "unknown sort {:?}; expected new, popular, price_asc or price_desc",
                    req.sort
                ),
            )
        })?;
        let after = match non_empty(&req.cursor) {
            Some(c) => Some(decode_cursor(sort, c)?),
            None => None,
        };
        let text = non_empty(&req.q).map(str::to_owned);
        if text
            .as_ref()
            .is_some_and(|t| t.chars().count() > MAX_QUERY_CHARS)
        {
            return Err(ServiceError::validation(
                "q",
                format!("at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let tag = non_empty(&req.tag).map(parse_tag).transpose()?;
        let category = match non_empty(&req.category) {
            Some(c) => {
                let c = parse_category(c)?;
                self.check_category(&c).await?;
                Some(c)
            }
            None => None,
        };
        let licence = non_empty(&req.licence)
            .map(|l| parse_licence(l).map(str::to_owned))
            .transpose()?;
        let currency = non_empty(&req.currency)
            .map(|c| {
                Currency::parse(c)
                    .map(|c| c.code().to_owned())
                    .map_err(|e| ServiceError::validation("currency", e.reason))
            })
            .transpose()?;
        for (field, v) in [("min_price", req.min_price), ("max_price", req.max_price)] {
            if v.is_some_and(|v| v < 0) {
                return Err(ServiceError::validation(field, "must not be negative"));
            }
        }
        if let (Some(min), Some(max)) = (req.min_price, req.max_price)
            && min > max
        {
            return Err(ServiceError::validation(
                "min_price",
                "must not exceed max_price",
            ));
        }
        // Bounds are on what buyers pay; during a sale they map exactly onto list prices.
        let sale = self
            .current_sale()
            .await
            .filter(|s| s.active_at(artstation_common::now()));
        let (min_price, max_price) = match sale {
            Some(s) => (
                req.min_price.map(|m| s.list_price_at_least(m)),
                req.max_price
                    .map(|m| s.list_price_at_least(m.saturating_add(1)).saturating_sub(1)),
            ),
            None => (req.min_price, req.max_price),
        };
        let filter = Filter {
            text,
            tag,
            category,
            artist_username: non_empty(&req.artist).map(str::to_lowercase),
            licence,
            currency,
            min_price,
            max_price,
        };
        let mut rows = self
            .store
            .search(&filter, sort, after.as_ref(), limit + 1)
            .await
            .map_err(store_err)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = match (more, rows.last()) {
            (true, Some(last)) => {
                let score = if sort == Sort::Popular {
                    self.store.popularity(&last.id).await.map_err(store_err)?
                } else {
                    None
                };
                encode_cursor(sort, last, score)
            }
            _ => String::new(),
        };
        Ok(pb::ListArtworksResponse {
            items: self.present_all(rows).await,
            next_cursor,
        })
    }

    /// The artwork `id` if the caller may change it: the owner, or an admin. Others get 403
    /// for public works and 404 for ones they cannot see.
    async fn owned(&self, caller: &AccessClaims, id: &str) -> Result<ArtworkRecord, ServiceError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        let a = self
            .store
            .get(id)
            .await
            .map_err(store_err)?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        if caller.sub == a.artist_id || caller.role == Role::Admin {
            Ok(a)
        } else if a.status == ArtworkStatus::Published {
            Err(ServiceError::forbidden(
                "only the artist can change this artwork",
            ))
        } else {
            Err(ServiceError::not_found("artwork"))
        }
    }

    pub(crate) async fn update(
        &self,
        caller: &AccessClaims,
        req: pb::UpdateArtworkRequest,
    ) -> Result<pb::Artwork, ServiceError> {
        let current = self.owned(caller, &req.id).await?;
        let mut patch = ArtworkPatch::default();
        if let Some(t) = &req.title {
            patch.title = Some(Title::parse(t)?.into_inner());
        }
        if let Some(d) = &req.description {
            patch.description = Some(parse_description(d)?);
        }
        if req.set_tags {
            patch.tags = Some(parse_tags(&req.tags)?);
        }
        if req.set_category {
            let c = parse_category(&req.category)?;
            self.check_category(&c).await?;
            patch.category = Some(c);
        }
        if req.price.is_some() {
            let m = parse_price(req.price)?;
            patch.price = Some((m.amount_minor(), m.currency().code().to_owned()));
        }
        if let Some(l) = &req.licence {
            patch.licence = Some(parse_licence(l)?.to_owned());
        }
        if req.set_edition_size {
            patch.edition_size = Some(parse_edition(req.edition_size)?);
        }
        match pb::ArtworkStatus::try_from(req.status) {
            Ok(pb::ArtworkStatus::Unspecified) => {}
            Ok(pb::ArtworkStatus::Draft) => patch.status = Some(ArtworkStatus::Draft),
            Ok(pb::ArtworkStatus::Published) => patch.status = Some(ArtworkStatus::Published),
            Ok(pb::ArtworkStatus::Hidden) | Err(_) => {
                return Err(ServiceError::validation(
                    "status",
                    "status must be draft or published",
                ));
            }
        }
        if patch.status.is_some() && current.status == ArtworkStatus::Hidden {
            return Err(ServiceError::forbidden(
                "this artwork was hidden by moderation; its status cannot be changed",
            ));
        }
        if patch == ArtworkPatch::default() {
            return Err(ServiceError::validation("body", "nothing to change"));
        }
        let updated = self
            .store
            .update(&current.id, &patch)
            .await
            .map_err(store_err)?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        tracing::info!(artwork_id = %updated.id, by = %caller.sub, "artwork updated");
        Ok(self.present(updated).await)
    }

    pub(crate) async fn delete(&self, caller: &AccessClaims, id: &str) -> Result<(), ServiceError> {
        let a = self.owned(caller, id).await?;
        self.store
            .soft_delete(&a.id, artstation_common::now())
            .await
            .map_err(store_err)?;
        tracing::info!(artwork_id = %a.id, by = %caller.sub, "artwork deleted");
        Ok(())
    }

    pub(crate) async fn reprice(
        &self,
        caller: &AccessClaims,
        req: pb::RepriceRequest,
    ) -> Result<pb::RepriceResponse, ServiceError> {
        if caller.role != Role::Artist && caller.role != Role::Admin {
            return Err(ServiceError::forbidden(
                "only artists have prices to change",
            ));
        }
        let selection = match (req.all, req.ids.is_empty()) {
            (true, true) => Selection::All,
            (false, false) if req.ids.len() <= MAX_BULK_IDS => {
                if let Some(bad) = req.ids.iter().find(|id| uuid::Uuid::parse_str(id).is_err()) {
                    return Err(ServiceError::validation(
                        "ids",
                        format!("{bad:?} is not an artwork id"),
                    ));
                }
                Selection::Ids(req.ids.clone())
            }
            (false, false) => {
                return Err(ServiceError::validation(
                    "ids",
                    format!("at most {MAX_BULK_IDS} artworks at once"),
                ));
            }
            _ => {
                return Err(ServiceError::validation(
                    "ids",
                    "give either ids or all, not both or neither",
                ));
            }
        };
        let change = match req.change {
            Some(pb::reprice_request::Change::Set(price)) => {
                let m = parse_price(Some(price))?;
                PriceChange::Set {
                    amount_minor: m.amount_minor(),
                    currency: m.currency().code().to_owned(),
                }
            }
            Some(pb::reprice_request::Change::PercentBp(bp))
                if (-9_000..=100_000).contains(&bp) =>
            {
                PriceChange::PercentBp(bp)
            }
            Some(pb::reprice_request::Change::PercentBp(_)) => {
                return Err(ServiceError::validation(
                    "percent",
                    "must be from -90 to 1000",
                ));
            }
            None => return Err(ServiceError::validation("set", "give set or percent")),
        };
        let items = self
            .store
            .reprice(&caller.sub, &selection, &change)
            .await
            .map_err(store_err)?;
        tracing::info!(by = %caller.sub, count = items.len(), "repriced");
        Ok(pb::RepriceResponse {
            items: self.present_all(items).await,
        })
    }

    pub(crate) async fn set_favorite(
        &self,
        caller: &AccessClaims,
        req: pb::SetFavoriteRequest,
    ) -> Result<(), ServiceError> {
        if uuid::Uuid::parse_str(&req.artwork_id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        if req.favorite {
            let a = self
                .store
                .get(&req.artwork_id)
                .await
                .map_err(store_err)?
                .filter(|a| a.status == ArtworkStatus::Published || a.artist_id == caller.sub)
                .ok_or_else(|| ServiceError::not_found("artwork"))?;
            self.store
                .set_favorite(&caller.sub, &a.id, true, artstation_common::now())
                .await
                .map_err(store_err)?;
        } else {
            self.store
                .set_favorite(
                    &caller.sub,
                    &req.artwork_id,
                    false,
                    artstation_common::now(),
                )
                .await
                .map_err(store_err)?;
        }
        // The user's recommendations were computed from their favourites.
        if let Err(e) = self.cache.delete(&recommendations_key(&caller.sub)).await {
            tracing::warn!(error = %e, "cannot drop cached recommendations");
        }
        Ok(())
    }

    pub(crate) async fn favorites(
        &self,
        caller: &AccessClaims,
        req: pb::ListFavoritesRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        let limit = page_limit(req.limit)?;
        let after = match non_empty(&req.cursor) {
            Some(c) => Some(decode_favorites_cursor(c)?),
            None => None,
        };
        let mut rows = self
            .store
            .favorites(&caller.sub, limit + 1, after)
            .await
            .map_err(store_err)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = match (more, rows.last()) {
            (true, Some((a, at))) => favorites_cursor(*at, &a.id),
            _ => String::new(),
        };
        let items = self
            .present_all(rows.into_iter().map(|(a, _)| a).collect())
            .await;
        Ok(pb::ListArtworksResponse { items, next_cursor })
    }

    /// Reads a cached list; a cache failure is a miss, never an error.
    async fn cached(&self, key: &str) -> Option<Vec<pb::Artwork>> {
        match self.cache.get(key).await {
            Ok(v) => v.as_deref().and_then(decode_items),
            Err(e) => {
                tracing::warn!(error = %e, key, "cache unavailable; reading the database");
                None
            }
        }
    }

    async fn remember(&self, key: &str, items: &[pb::Artwork], ttl: Duration) {
        if let Err(e) = self.cache.set(key, &encode_items(items), ttl).await {
            tracing::warn!(error = %e, key, "cannot fill the cache");
        }
    }

    pub(crate) async fn popular(
        &self,
        req: pb::PopularRequest,
    ) -> Result<pb::CachedArtworks, ServiceError> {
        let limit = page_limit(req.limit)?;
        let key = format!("popular:v1:{limit}");
        if let Some(items) = self.cached(&key).await {
            return Ok(pb::CachedArtworks {
                items,
                cache_hit: true,
            });
        }
        let rows = self
            .store
            .search(&Filter::default(), Sort::Popular, None, limit)
            .await
            .map_err(store_err)?;
        let items = self.present_all(rows).await;
        self.remember(&key, &items, POPULAR_TTL).await;
        Ok(pb::CachedArtworks {
            items,
            cache_hit: false,
        })
    }

    pub(crate) async fn recommendations(
        &self,
        caller: &AccessClaims,
        req: pb::RecommendationsRequest,
    ) -> Result<pb::CachedArtworks, ServiceError> {
        let limit = page_limit(req.limit)?.min(RECOMMENDATIONS_MAX) as usize;
        let key = recommendations_key(&caller.sub);
        if let Some(mut items) = self.cached(&key).await {
            items.truncate(limit);
            return Ok(pb::CachedArtworks {
                items,
                cache_hit: true,
            });
        }
        let rows = self
            .store
            .recommendations(&caller.sub, RECOMMENDATIONS_MAX)
            .await
            .map_err(store_err)?;
        let mut items = self.present_all(rows).await;
        self.remember(&key, &items, RECOMMENDATIONS_TTL).await;
        items.truncate(limit);
        Ok(pb::CachedArtworks {
            items,
            cache_hit: false,
        })
    }

    pub(crate) async fn categories(&self) -> Result<pb::ListCategoriesResponse, ServiceError> {
        let items = self
            .store
            .categories()
            .await
            .map_err(store_err)?
            .into_iter()
            .map(|c| pb::Category {
                slug: c.slug,
                name: c.name,
            })
            .collect();
        Ok(pb::ListCategoriesResponse { items })
    }

    pub(crate) async fn put_category(
        &self,
        caller: &AccessClaims,
        c: pb::Category,
    ) -> Result<pb::Category, ServiceError> {
        require_admin(caller)?;
        let slug = c.slug.trim().to_lowercase();
        let slug_ok = (1..=40).contains(&slug.len())
            && slug
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !slug_ok {
            return Err(ServiceError::validation(
                "slug",
                "1 to 40 of a-z, 0-9 and '-'",
            ));
        }
        let name = c.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
            return Err(ServiceError::validation("name", "1 to 60 characters"));
        }
        let category = Category { slug, name };
        self.store
            .put_category(&category)
            .await
            .map_err(store_err)?;
        Ok(pb::Category {
            slug: category.slug,
            name: category.name,
        })
    }

    fn sale_to_pb(sale: Option<Sale>) -> pb::Sale {
        match sale {
            Some(s) => pb::Sale {
                percent_bp: s.percent_bp,
                starts_at: Some(time::to_proto(s.starts_at)),
                ends_at: Some(time::to_proto(s.ends_at)),
                active: s.active_at(artstation_common::now()),
            },
            None => pb::Sale::default(),
        }
    }

    pub(crate) async fn sale(&self) -> Result<pb::Sale, ServiceError> {
        Ok(Self::sale_to_pb(
            self.store.sale().await.map_err(store_err)?,
        ))
    }

    pub(crate) async fn set_sale(
        &self,
        caller: &AccessClaims,
        req: pb::Sale,
    ) -> Result<pb::Sale, ServiceError> {
        require_admin(caller)?;
        let sale = if req.percent_bp == 0 {
            None
        } else {
            if req.percent_bp >= 10_000 {
                return Err(ServiceError::validation("percent", "must be below 100"));
            }
            let starts_at = from_timestamp(req.starts_at, "starts_at")?;
            let ends_at = from_timestamp(req.ends_at, "ends_at")?;
            if ends_at <= starts_at {
                return Err(ServiceError::validation(
                    "ends_at",
                    "must be after starts_at",
                ));
            }
            Some(Sale {
                percent_bp: req.percent_bp,
                starts_at,
                ends_at,
            })
        };
        self.store
            .set_sale(sale.as_ref())
            .await
            .map_err(store_err)?;
        // This replica prices with the new sale at once; others within SALE_REFRESH.
        *self.sale.write().await = SaleSnapshot {
            sale,
            read_at: Some(Instant::now()),
        };
        tracing::info!(by = %caller.sub, ?sale, "sale changed");
        Ok(Self::sale_to_pb(sale))
    }

    pub(crate) async fn moderate(
        &self,
        caller: &AccessClaims,
        req: pb::ModerateRequest,
    ) -> Result<pb::Artwork, ServiceError> {
        require_admin(caller)?;
        let at = match req.action.as_str() {
            "hide" => Some(artstation_common::now()),
            "restore" => None,
            other => {
                return Err(ServiceError::validation(
                    "action",
                    format!("unknown action {other:?}; expected hide or restore"),
                ));
            }
        };
        if uuid::Uuid::parse_str(&req.artwork_id).is_err()
            || !self
                .store
                .set_hidden(&req.artwork_id, at)
                .await
                .map_err(store_err)?
        {
            return Err(ServiceError::not_found("artwork"));
        }
        tracing::info!(by = %caller.sub, artwork_id = %req.artwork_id, action = %req.action, reason = %req.reason, "moderated");
        let a = self
            .store
            .get(&req.artwork_id)
            .await
            .map_err(store_err)?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        Ok(self.present(a).await)
    }
}

fn require_admin(caller: &AccessClaims) -> Result<(), ServiceError> {
    if caller.role == Role::Admin {
        Ok(())
    } else {
        Err(ServiceError::new(
            ErrorCode::Forbidden,
            "this needs an admin",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, price: i64) -> ArtworkRecord {
        ArtworkRecord {
            id: id.into(),
            artist_id: "a".into(),
            artist_username: "a".into(),
            title: "t".into(),
            description: String::new(),
            tags: vec![],
            category: String::new(),
            price_minor: price,
            currency: "USD".into(),
            licence: "personal".into(),
            edition_size: 0,
            status: ArtworkStatus::Published,
            content_type: "image/png".into(),
            size_bytes: 1,
            width: 1,
            height: 1,
            sha256: String::new(),
            blob_key: String::new(),
            favorite_count: 0,
            created_at: artstation_common::now(),
            thumbnail: None,
            preview: None,
            phash: None,
            near_duplicate_of: None,
        }
    }

    #[test]
    fn cursors_round_trip_per_sort_and_refuse_other_sorts() {
        let id = uuid::Uuid::now_v7().to_string();
        let a = record(&id, 1250);
        for sort in [Sort::New, Sort::PriceAsc, Sort::PriceDesc, Sort::Popular] {
            let c = encode_cursor(sort, &a, Some(3.25));
            let back = decode_cursor(sort, &c).unwrap_or_else(|e| panic!("{sort:?}: {e}"));
            let expected = match sort {
                Sort::New => After::Id(id.clone()),
                Sort::PriceAsc | Sort::PriceDesc => After::Price(1250, id.clone()),
                Sort::Popular => After::Score(3.25, id.clone()),
            };
            assert_eq!(back, expected);
        }
        let new = encode_cursor(Sort::New, &a, None);
        assert!(decode_cursor(Sort::PriceAsc, &new).is_err());
        for bad in ["", "!!!", "bjpub3QtYS11dWlk"] {
            assert_eq!(
                decode_cursor(Sort::New, bad).err().and_then(|e| e.field),
                Some("cursor".to_owned())
            );
        }
        let at = artstation_common::now();
        assert_eq!(
            decode_favorites_cursor(&favorites_cursor(at, &id)).ok(),
            Some((at, id))
        );
    }
}
