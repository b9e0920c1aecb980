//! What only admins do: add or rename categories, and list the artworks flagged as
//! near-duplicates (moderation itself is `crate::moderation`).

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
        self.audit(caller, "category", "category", &category.slug)
            .await?;
        Ok(pb::Category {
            slug: category.slug,
            name: category.name,
        })
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
