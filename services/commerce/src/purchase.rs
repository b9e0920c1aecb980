//! Buying an artwork: the purchase saga (see the crate docs for its steps and failure handling).

use artstation_common::{AccessClaims, ServiceError};
use artstation_domain::Money;
use sha2::{Digest, Sha256};

use crate::catalogue::CatalogueError;
use crate::errors;
use crate::state::Commerce;
use crate::store::{
    IdempotencyKey, Order, OrderStatus, Placed, SaleEventKind, failure, platform_fee,
};

/// Longest idempotency key accepted.
pub const MAX_KEY_LEN: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseInput {
    pub artwork_id: String,
    pub idempotency_key: String,
    /// Refuse unless the artwork costs exactly this now.
    pub expected_price: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purchased {
    pub order: Order,
    /// The key was used before; this is the order it made then.
    pub replayed: bool,
}

impl Commerce {
    pub async fn purchase(
        &self,
        buyer: &AccessClaims,
        input: &PurchaseInput,
    ) -> Result<Purchased, ServiceError> {
        check_key(&input.idempotency_key)?;
        let fingerprint = fingerprint(input);
        // A replay is answered from the store alone: the artwork side may be down, or the
        // price may have changed since, and neither changes what the key already bought.
        if let Some((order, used_with)) = self
            .store
            .order_for_key(&buyer.sub, &input.idempotency_key)
            .await?
        {
            return self.replay(order, &used_with, &fingerprint).await;
        }

        let quote = self
            .catalogue
            .quote(&input.artwork_id)
            .await
            .map_err(|e| match e {
                CatalogueError::NotFound => ServiceError::not_found("artwork"),
                CatalogueError::Unavailable(why) => {
                    ServiceError::unavailable(format!("cannot reach the catalogue: {why}"))
                }
            })?;
        if !quote.purchasable {
            return Err(ServiceError::not_found("artwork"));
        }
        if quote.artist_id == buyer.sub {
            return Err(ServiceError::forbidden("you cannot buy your own artwork"));
        }
        if input
            .expected_price
            .is_some_and(|p| p != quote.effective_price)
        {
            return Err(errors::price_changed(&quote.effective_price));
        }
        let now = artstation_common::now();
        let price = quote.effective_price;
        let order = Order {
            id: uuid::Uuid::now_v7().to_string(),
            artwork_id: quote.artwork_id,
            buyer_id: buyer.sub.clone(),
            artist_id: quote.artist_id,
            price,
            fee_minor: platform_fee(price.amount_minor(), self.config.fee_bps),
            serial: None,
            edition_size: quote.edition_size,
            licence: quote.licence,
            title: quote.title,
            original_sha256: quote.original_sha256,
            status: OrderStatus::Pending,
            failure: None,
            created_at: now,
            paid_at: None,
            refunded_at: None,
        };
        let key = IdempotencyKey {
            buyer_id: buyer.sub.clone(),
            key: input.idempotency_key.clone(),
            fingerprint: fingerprint.clone(),
            created_at: now,
        };
        match self.store.place_order(&order, &key).await? {
            Placed::Created(order) => {
                let order = self.settle(&order.id).await?;
                outcome(order, false)
            }
            Placed::Existing {
                order,
                fingerprint: used_with,
            } => self.replay(order, &used_with, &fingerprint).await,
        }
    }

    /// Answers a request whose key was used before: the same order (finishing its saga if it
    /// is still pending), or a conflict if the key came with another request.
    async fn replay(
        &self,
        order: Order,
        used_with: &str,
        fingerprint: &str,
    ) -> Result<Purchased, ServiceError> {
        if used_with != fingerprint {
            return Err(errors::idempotency_conflict());
        }
        let order = match order.status {
            OrderStatus::Pending => self.settle(&order.id).await?,
            _ => order,
        };
        outcome(order, true)
    }

    /// Steps 3–4 of the saga: settle the order (serial, payment, sale event) in one local
    /// transaction, then tell the artwork side. A failed notice is left to recovery.
    pub(crate) async fn settle(&self, order_id: &str) -> Result<Order, ServiceError> {
        let settled = self
            .store
            .settle_order(order_id, artstation_common::now())
            .await?;
        let order = settled.order;
        if settled.now && order.status == OrderStatus::Paid {
            // Revenue counts the sale once, by the call that settled it.
            artstation_common::telemetry::metrics::sale(
                order.price.currency().code(),
                order.price.amount_minor(),
            );
        }
        // Only the call that settled the order notifies; the others found it settled.
        if settled.now
            && order.status == OrderStatus::Paid
            && let Err(e) = self.notify(&order, SaleEventKind::Sale).await
        {
            tracing::warn!(order = %order.id, error = %e, "sale notice deferred to recovery");
        }
        Ok(order)
    }
}

/// A settled order as the buyer sees it: paid (or refunded since), or the reason it failed.
fn outcome(order: Order, replayed: bool) -> Result<Purchased, ServiceError> {
    match (order.status, order.failure.as_deref()) {
        (OrderStatus::Failed, Some(failure::SOLD_OUT)) => Err(errors::sold_out()),
        (OrderStatus::Failed, Some(failure::PAYMENT_REQUIRED)) => Err(errors::payment_required()),
        (OrderStatus::Failed, other) => Err(ServiceError::internal(format!(
            "order {} failed: {other:?}",
            order.id
        ))),
        (OrderStatus::Pending, _) => Err(ServiceError::unavailable(
            "the order is still being processed; retry with the same key",
        )),
        _ => Ok(Purchased { order, replayed }),
    }
}

fn check_key(key: &str) -> Result<(), ServiceError> {
    if key.is_empty() || key.len() > MAX_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ServiceError::validation(
            "idempotency_key",
            format!("required: 1 to {MAX_KEY_LEN} visible ASCII characters"),
        ));
    }
    Ok(())
}

/// What makes two requests "the same" for an idempotency key: the artwork and the expected
/// price (the buyer is part of the key itself).
fn fingerprint(input: &PurchaseInput) -> String {
    let expected = input.expected_price.map_or_else(
        || "-".to_owned(),
        |p| format!("{} {}", p.amount_minor(), p.currency().code()),
    );
    let digest = Sha256::digest(format!("{}\n{expected}", input.artwork_id).as_bytes());
    hex::encode(digest)
}
