//! Favourites (idempotent, newest first) and the recommendations made from them: works
//! favourited by those who favourited the same, cached per user and dropped whenever the
//! user's favourites change.

use std::time::Duration;

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{Page, PageLimit, optional};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;

use crate::cursor;
use crate::present::{decode_items, encode_items};
use crate::state::State;

/// Recommendations are dropped when the user's favourites change, and expire anyway.
const RECOMMENDATIONS_TTL: Duration = Duration::from_secs(300);
const RECOMMENDATIONS_MAX: u32 = 50;

/// Keyed by the listing generation too, which moderation moves (a hidden work leaves every
/// user's cached recommendations at once).
fn recommendations_key(generation: &str, user_id: &str) -> String {
    format!("recs:v2:{generation}:{user_id}")
}

impl State {
    pub(crate) async fn set_favorite(
        &self,
        caller: &AccessClaims,
        req: pb::SetFavoriteRequest,
    ) -> Result<(), ServiceError> {
        if uuid::Uuid::parse_str(&req.artwork_id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        let now = artstation_common::now();
        if req.favorite {
            // Anyone may favourite a published work; an artist their own drafts too.
            let a = self.load(&req.artwork_id).await?;
            if !(a.status == ArtworkStatus::Published || a.artist_id == caller.sub) {
                return Err(ServiceError::not_found("artwork"));
            }
            self.store
                .set_favorite(&caller.sub, &a.id, true, now)
                .await?;
        } else {
            self.store
                .set_favorite(&caller.sub, &req.artwork_id, false, now)
                .await?;
        }
        // The user's recommendations were computed from their favourites.
        if let Err(e) = self
            .cache
            .delete(&recommendations_key(
                &self.listing_generation().await,
                &caller.sub,
            ))
            .await
        {
            tracing::warn!(error = %e, "cannot drop cached recommendations");
        }
        Ok(())
    }

    pub(crate) async fn favorites(
        &self,
        caller: &AccessClaims,
        req: pb::ListFavoritesRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        let limit = PageLimit::parse(req.limit)?;
        let after = optional(req.cursor.trim(), cursor::decode_favorite)?;
        let rows = self
            .store
            .favorites(&caller.sub, limit.fetch(), after)
            .await?;
        let page = Page::cut(rows, limit, |(a, at)| cursor::encode_favorite(*at, &a.id));
        let next_cursor = page.wire_cursor();
        let items = self
            .present_all(page.items.into_iter().map(|(a, _)| a).collect())
            .await;
        Ok(pb::ListArtworksResponse { items, next_cursor })
    }

    pub(crate) async fn recommendations(
        &self,
        caller: &AccessClaims,
        req: pb::RecommendationsRequest,
    ) -> Result<pb::CachedArtworks, ServiceError> {
        let limit = PageLimit::parse(req.limit)?.get().min(RECOMMENDATIONS_MAX) as usize;
        let key = recommendations_key(&self.listing_generation().await, &caller.sub);
        if let Some(mut items) = self.cached(&key).await.as_deref().and_then(decode_items) {
            items.truncate(limit);
            return Ok(pb::CachedArtworks {
                items,
                cache_hit: true,
            });
        }
        let rows = self
            .store
            .recommendations(&caller.sub, RECOMMENDATIONS_MAX)
            .await?;
        let mut items = self.present_all(rows).await;
        self.remember(&key, &encode_items(&items), RECOMMENDATIONS_TTL)
            .await;
        items.truncate(limit);
        Ok(pb::CachedArtworks {
            items,
            cache_hit: false,
        })
    }
}
