//! What an owner (or an admin) changes: field edits, deletion, and bulk repricing of the
//! caller's works, all or nothing.

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_domain::{
    ArtworkStatus, CategorySlug, Description, EditionSize, Licence, Role, Tag, Title,
};
use artstation_proto::artwork::v1 as pb;

use crate::input::{parse_price, parse_price_change, parse_selection, parse_status};
use crate::state::State;
use crate::store::ArtworkPatch;

impl State {
    pub(crate) async fn update(
        &self,
        caller: &AccessClaims,
        req: pb::UpdateArtworkRequest,
    ) -> Result<pb::Artwork, ServiceError> {
        let current = self.load_managed(&req.id, caller).await?;
        let mut patch = ArtworkPatch::default();
        if let Some(t) = &req.title {
            patch.title = Some(Title::parse(t)?);
        }
        if let Some(d) = &req.description {
            patch.description = Some(Description::parse(d)?);
        }
        if req.set_tags {
            patch.tags = Some(Tag::parse_list(&req.tags)?);
        }
        if req.set_category {
            let c = CategorySlug::parse_optional(&req.category)?;
            if let Some(c) = &c {
                self.check_category(c).await?;
            }
            patch.category = Some(c);
        }
        if req.price.is_some() {
            patch.price = Some(parse_price(req.price)?);
        }
        if let Some(l) = &req.licence {
            patch.licence = Some(Licence::parse(l)?);
        }
        if req.set_edition_size {
            patch.edition_size = Some(EditionSize::new(req.edition_size)?);
        }
        patch.status = parse_status(req.status)?;
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
            .await?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        tracing::info!(artwork_id = %updated.id, by = %caller.sub, "artwork updated");
        if current.status != ArtworkStatus::Published {
            // A draft published is new to the artist's followers.
            self.announce_published(&updated).await;
        }
        Ok(self.present(updated).await)
    }

    pub(crate) async fn delete(&self, caller: &AccessClaims, id: &str) -> Result<(), ServiceError> {
        let a = self.load_managed(id, caller).await?;
        self.store
            .soft_delete(&a.id, artstation_common::now())
            .await?;
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
        let selection = parse_selection(&req)?;
        let change = parse_price_change(req.change)?;
        let items = self.store.reprice(&caller.sub, &selection, &change).await?;
        tracing::info!(by = %caller.sub, count = items.len(), "repriced");
        Ok(pb::RepriceResponse {
            // The caller's own works: the original's details are theirs to see.
            items: self.present_all_owned(items).await,
        })
    }
}
