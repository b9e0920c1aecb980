//! Following artists and the feed of their new works: follow and unfollow (idempotent), the
//! feed as keyset pages (newest first), and the same live (`watch`), fed by the `hub` that
//! tells every replica's watchers about each work that became public.
//!
//! An artist is whoever the catalogue holds works of: the artwork service never reads the auth
//! service's tables, so "an artist" here is a user id (or the username the works carry) with
//! at least one public work. Nobody follows themselves.

mod hub;
mod watch;

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{Page, PageLimit, decode_id_cursor, encode_cursor, optional};
use artstation_domain::Username;
use artstation_proto::artwork::v1 as pb;

pub use hub::Hub;
pub(crate) use hub::run_relay;
pub(crate) use watch::FeedStream;

use crate::state::State;
use crate::store::{ArtistRef, FollowOutcome, MAX_FOLLOWS};

/// The feed's cursor tag: its pages are keyed by id, but a cursor of another list is refused.
const FEED_CURSOR: &str = "fd";

/// How the caller named an artist: a user id, or a username in its normal form.
fn artist_key(raw: &str) -> Result<String, ServiceError> {
    let raw = raw.trim();
    if let Ok(id) = uuid::Uuid::parse_str(raw) {
        return Ok(id.to_string());
    }
    Username::parse(raw)
        .map(|u| u.as_str().to_owned())
        .map_err(|_| {
            ServiceError::validation("id", format!("{raw:?} is not a user id or username"))
        })
}

fn is_self(caller: &AccessClaims, key: &str) -> bool {
    key == caller.sub || key == caller.preferred_username
}

fn follow_answer(a: ArtistRef, changed: bool) -> pb::FollowResponse {
    pb::FollowResponse {
        artist_id: a.id,
        artist_username: a.username,
        changed,
    }
}

impl State {
    /// The artist `key` names, or `not_found`.
    async fn artist(&self, key: &str) -> Result<Option<ArtistRef>, ServiceError> {
        Ok(self.store.find_artist(key).await?)
    }

    pub(crate) async fn follow(
        &self,
        caller: &AccessClaims,
        req: pb::FollowRequest,
    ) -> Result<pb::FollowResponse, ServiceError> {
        let key = artist_key(&req.artist)?;
        if is_self(caller, &key) {
            return Err(ServiceError::validation("id", "you cannot follow yourself"));
        }
        let artist = self
            .artist(&key)
            .await?
            .filter(|a| a.public)
            .ok_or_else(|| ServiceError::not_found("artist"))?;
        if artist.id == caller.sub {
            return Err(ServiceError::validation("id", "you cannot follow yourself"));
        }
        let outcome = self
            .store
            .follow(&caller.sub, &artist.id, artstation_common::now())
            .await?;
        match outcome {
            FollowOutcome::Followed => {
                tracing::info!(by = %caller.sub, artist = %artist.id, "followed");
                self.feed.follows_changed(&caller.sub).await;
                Ok(follow_answer(artist, true))
            }
            FollowOutcome::AlreadyFollowing => Ok(follow_answer(artist, false)),
            FollowOutcome::TooMany => Err(ServiceError::validation(
                "id",
                format!("you follow {MAX_FOLLOWS} artists already; unfollow some first"),
            )),
        }
    }

    pub(crate) async fn unfollow(
        &self,
        caller: &AccessClaims,
        req: pb::FollowRequest,
    ) -> Result<pb::FollowResponse, ServiceError> {
        let key = artist_key(&req.artist)?;
        // An artist whose works are all gone can still be unfollowed by id.
        let artist = match self.artist(&key).await? {
            Some(a) => a,
            None if uuid::Uuid::parse_str(&key).is_ok() => ArtistRef {
                id: key,
                username: String::new(),
                public: false,
            },
            None => return Err(ServiceError::not_found("artist")),
        };
        let changed = self.store.unfollow(&caller.sub, &artist.id).await?;
        if changed {
            tracing::info!(by = %caller.sub, artist = %artist.id, "unfollowed");
            self.feed.follows_changed(&caller.sub).await;
        }
        Ok(follow_answer(artist, changed))
    }

    pub(crate) async fn list_feed(
        &self,
        caller: &AccessClaims,
        req: pb::ListFeedRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        let limit = PageLimit::parse(req.limit)?;
        let before = optional(&req.cursor, |c| decode_id_cursor(c, &[FEED_CURSOR]))?;
        let rows = self
            .store
            .feed(&caller.sub, limit.fetch(), before.as_deref())
            .await?;
        let page = Page::cut(rows, limit, |last| encode_cursor(FEED_CURSOR, &[&last.id]));
        let next_cursor = page.wire_cursor();
        Ok(pb::ListArtworksResponse {
            items: self.present_all(page.items).await,
            next_cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artists_are_named_by_id_or_username() {
        let id = uuid::Uuid::now_v7();
        assert_eq!(
            artist_key(&id.to_string().to_uppercase()).ok(),
            Some(id.to_string())
        );
        assert!(artist_key("ann").is_ok());
        assert!(artist_key("").is_err());
        assert!(artist_key("a b/c").is_err());
    }
}
