//! Browsing the public catalogue: search and filters in four sorts with keyset cursors, one
//! artwork (counting the view), the popular list (cached for a minute) and the categories.

use std::time::Duration;

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{Page, PageLimit, optional};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;

use crate::cursor;
use crate::input::parse_search;
use crate::present::{decode_items, encode_items};
use crate::state::State;
use crate::store::{Filter, Sort};

/// Popular lists change slowly; a short lifetime keeps them fresh without invalidation.
const POPULAR_TTL: Duration = Duration::from_secs(60);

impl State {
    pub(crate) async fn list(
        &self,
        req: pb::ListArtworksRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        let limit = PageLimit::parse(req.limit)?;
        let sort = Sort::parse(&req.sort).ok_or_else(|| {
            ServiceError::validation(
                "sort",
                format!(
                    "unknown sort {:?}; expected new, popular, price_asc or price_desc",
                    req.sort
                ),
            )
        })?;
        let after = optional(req.cursor.trim(), |c| cursor::decode_sorted(sort, c))?;
        let search = parse_search(&req)?;
        if let Some(c) = &search.category {
            self.check_category(c).await?;
        }
        // Bounds are on what buyers pay; during a sale they map exactly onto list prices.
        let sale = self
            .current_sale()
            .await
            .filter(|s| s.active_at(artstation_common::now()));
        let (min_price, max_price) = match sale {
            Some(s) => (
                search.min_price.map(|m| s.list_price_at_least(m)),
                search
                    .max_price
                    .map(|m| s.list_price_at_least(m.saturating_add(1)).saturating_sub(1)),
            ),
            None => (search.min_price, search.max_price),
        };
        let filter = Filter {
            text: search.text,
            tag: search.tag,
            category: search.category,
            artist_username: search.artist_username,
            licence: search.licence,
            currency: search.currency,
            min_price,
            max_price,
        };
        let rows = self
            .store
            .search(&filter, sort, after.as_ref(), limit.fetch())
            .await?;
        let page = Page::cut(rows, limit, |last| last.id.clone());
        let next_cursor = match (page.next_cursor.is_some(), page.items.last()) {
            (true, Some(last)) => {
                // The popular sort pages by score, which the record does not carry.
                let score = if sort == Sort::Popular {
                    self.store.popularity(&last.id).await?
                } else {
                    None
                };
                cursor::encode_sorted(sort, last.price.amount_minor(), score, &last.id)
            }
            _ => String::new(),
        };
        Ok(pb::ListArtworksResponse {
            items: self.present_all(page.items).await,
            next_cursor,
        })
    }

    /// One artwork: published ones for anyone (a view counts), others for their owner and
    /// admins only, who also see the near-duplicate flag.
    pub(crate) async fn get(
        &self,
        caller: Option<AccessClaims>,
        id: &str,
    ) -> Result<pb::Artwork, ServiceError> {
        let seen = self.load_visible(id, caller.as_ref()).await?;
        if seen.artwork.status == ArtworkStatus::Published && !seen.privileged {
            // Counted in memory, deduplicated per viewer; a background task writes the batch.
            self.views
                .record(&seen.artwork.id, caller.as_ref().map(|c| c.sub.as_str()));
        }
        Ok(self.present_flagged(seen.artwork, seen.privileged).await)
    }

    pub(crate) async fn popular(
        &self,
        req: pb::PopularRequest,
    ) -> Result<pb::CachedArtworks, ServiceError> {
        let limit = PageLimit::parse(req.limit)?.get();
        // Moderation moves the generation, so a hidden work leaves the cached lists at once.
        let key = format!("popular:v2:{}:{limit}", self.listing_generation().await);
        if let Some(items) = self.cached(&key).await.as_deref().and_then(decode_items) {
            return Ok(pb::CachedArtworks {
                items,
                cache_hit: true,
            });
        }
        let rows = self
            .store
            .search(&Filter::default(), Sort::Popular, None, limit)
            .await?;
        let items = self.present_all(rows).await;
        self.remember(&key, &encode_items(&items), POPULAR_TTL)
            .await;
        Ok(pb::CachedArtworks {
            items,
            cache_hit: false,
        })
    }

    pub(crate) async fn categories(&self) -> Result<pb::ListCategoriesResponse, ServiceError> {
        let items = self
            .store
            .categories()
            .await?
            .into_iter()
            .map(|c| pb::Category {
                slug: c.slug,
                name: c.name,
            })
            .collect();
        Ok(pb::ListCategoriesResponse { items })
    }
}
