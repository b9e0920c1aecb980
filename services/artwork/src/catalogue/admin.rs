//! What only admins do: add or rename categories, hide or restore artworks (moderation), and
//! list the artworks flagged as near-duplicates.

use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{Page, PageLimit, optional};
use artstation_common::{ServiceError, caller};
use artstation_domain::CategorySlug;
use artstation_proto::artwork::v1 as pb;

use crate::cursor;
use crate::state::State;
use crate::store::Category;

const MAX_CATEGORY_NAME_CHARS: usize = 60;

impl State {
    pub(crate) async fn put_category(
        &self,
        caller: &AccessClaims,
        c: pb::Category,
    ) -> Result<pb::Category, ServiceError> {
        caller::require_admin(caller)?;
        let slug =
            CategorySlug::parse(&c.slug).map_err(|e| ServiceError::validation("slug", e.reason))?;
        let name = c.name.trim().to_owned();
        if name.is_empty()
            || name.chars().count() > MAX_CATEGORY_NAME_CHARS
            || name.chars().any(char::is_control)
        {
            return Err(ServiceError::validation(
                "name",
                format!("1 to {MAX_CATEGORY_NAME_CHARS} characters"),
            ));
        }
        let category = Category {
            slug: slug.into_inner(),
            name,
        };
        self.store.put_category(&category).await?;
        Ok(pb::Category {
            slug: category.slug,
            name: category.name,
        })
    }

    pub(crate) async fn moderate(
        &self,
        caller: &AccessClaims,
        req: pb::ModerateRequest,
    ) -> Result<pb::Artwork, ServiceError> {
        caller::require_admin(caller)?;
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
            || !self.store.set_hidden(&req.artwork_id, at).await?
        {
            return Err(ServiceError::not_found("artwork"));
        }
        tracing::info!(by = %caller.sub, artwork_id = %req.artwork_id, action = %req.action, reason = %req.reason, "moderated");
        let a = self.load(&req.artwork_id).await?;
        Ok(self.present(a).await)
    }

    /// Near-duplicates, newest first, for admins.
    pub(crate) async fn list_flagged(
        &self,
        caller: AccessClaims,
        req: pb::ListArtworksRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        if caller::require_admin(&caller).is_err() {
            return Err(ServiceError::forbidden(
                "only admins can see flagged artworks",
            ));
        }
        let limit = PageLimit::parse(req.limit)?;
        let before = optional(&req.cursor, cursor::decode_new)?;
        let rows = self
            .store
            .list_flagged(limit.fetch(), before.as_deref())
            .await?;
        let page = Page::cut(rows, limit, |last| cursor::encode_new(&last.id));
        let next_cursor = page.wire_cursor();
        Ok(pb::ListArtworksResponse {
            items: State::present_for_moderation(page.items, &caller),
            next_cursor,
        })
    }
}
