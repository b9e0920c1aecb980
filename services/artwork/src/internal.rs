//! What other services ask of the artwork service (`artstation.artwork.v1.ArtworkInternal`):
//! a quote for a purchase, and the sales and refunds the commerce service settled.
//!
//! Invariants:
//! - **No call cycle**: commerce calls these; this service never calls commerce.
//! - **Services only**: every call must carry the shared service secret; a user's access
//!   token, an admin's included, opens none of them. Without a configured secret every call
//!   is refused.
//! - **Artwork keeps the entitlement facts commerce writes**, so "may this user read this
//!   original" is answered here alone, from local rows (see `read.rs`).
//! - Sales and refunds are idempotent per order id: commerce repeats a report until it is
//!   acknowledged, and a repeat changes nothing.

use std::sync::Once;

use artstation_common::ServiceError;
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use tonic::metadata::MetadataMap;

use crate::state::State;
use crate::store::{DerivativeState, SaleFact};

static REFUSED_WITHOUT_SECRET: Once = Once::new();

impl State {
    /// Admits a call only with the service secret.
    pub(crate) fn check_service(&self, metadata: &MetadataMap) -> Result<(), ServiceError> {
        match &self.config.internal_secret {
            Some(secret) => secret.check(metadata),
            None => {
                REFUSED_WITHOUT_SECRET.call_once(|| {
                    tracing::warn!(
                        "internal artwork call refused: no internal secret is configured"
                    );
                });
                Err(ServiceError::forbidden("internal calls are not enabled"))
            }
        }
    }

    /// The artwork as a buyer would pay for it now. Deleted and unknown works are `not_found`;
    /// drafts, hidden works and works whose derivatives are not ready are quoted but not
    /// purchasable: only what the public can see can be bought (commerce answers `not_found`,
    /// as a public read does), never a work known only by its id.
    pub(crate) async fn quote(&self, artwork_id: &str) -> Result<pb::QuoteResponse, ServiceError> {
        let a = self.load(artwork_id).await?;
        let purchasable =
            a.status == ArtworkStatus::Published && a.derivatives == DerivativeState::Ready;
        let presented = self.present(a).await;
        Ok(pb::QuoteResponse {
            artist_id: presented.artist.map(|artist| artist.id).unwrap_or_default(),
            artwork_id: presented.id,
            // Exactly the price buyers are shown, the running sale applied.
            effective_price: presented.effective_price,
            purchasable,
            edition_size: presented.edition_size,
            title: presented.title,
            original_sha256: presented.sha256,
            licence: presented.licence,
            editions_sold: presented.editions_sold,
        })
    }

    pub(crate) async fn record_sale(&self, req: pb::SaleRecord) -> Result<(), ServiceError> {
        let fact = sale_fact(req)?;
        let new = self
            .store
            .record_sale(&fact, artstation_common::now())
            .await?;
        if new {
            tracing::info!(order_id = %fact.order_id, artwork_id = %fact.artwork_id,
                buyer_id = %fact.buyer_id, serial = fact.serial, "sale recorded");
        }
        Ok(())
    }

    pub(crate) async fn record_refund(&self, req: pb::SaleRecord) -> Result<(), ServiceError> {
        let fact = sale_fact(req)?;
        let new = self
            .store
            .record_refund(&fact, artstation_common::now())
            .await?;
        if new {
            tracing::info!(order_id = %fact.order_id, artwork_id = %fact.artwork_id,
                buyer_id = %fact.buyer_id, "refund recorded; access ended");
        }
        Ok(())
    }
}

/// A report commerce sent, checked: an artwork id that is no uuid names nothing here.
fn sale_fact(req: pb::SaleRecord) -> Result<SaleFact, ServiceError> {
    if req.order_id.trim().is_empty() {
        return Err(ServiceError::validation("order_id", "required"));
    }
    if req.buyer_id.trim().is_empty() {
        return Err(ServiceError::validation("buyer_id", "required"));
    }
    if req.serial < 1 {
        return Err(ServiceError::validation("serial", "serials start at 1"));
    }
    if uuid::Uuid::parse_str(&req.artwork_id).is_err() {
        return Err(ServiceError::not_found("artwork"));
    }
    Ok(SaleFact {
        order_id: req.order_id,
        artwork_id: req.artwork_id,
        buyer_id: req.buyer_id,
        serial: req.serial,
    })
}
