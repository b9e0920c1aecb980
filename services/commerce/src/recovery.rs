//! The saga's recovery pass: finishes what a crash or an unreachable artwork service left
//! half done. Run at start and periodically; every step it repeats is idempotent.

use artstation_common::ServiceError;

use crate::catalogue::{CatalogueError, SaleNotice};
use crate::state::Commerce;
use crate::store::{Order, OrderStatus, SaleEventKind, StoreError};

/// A pending order younger than this is probably still in its request; recovery leaves it be
/// (settling it anyway would be safe, only wasteful).
pub const PENDING_GRACE: chrono::Duration = chrono::Duration::seconds(10);
/// Orders and events handled per batch.
const BATCH: u32 = 100;

/// What one recovery pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecoveryReport {
    /// Pending orders taken to paid.
    pub paid: usize,
    /// Pending orders taken to failed (sold out, too little money).
    pub failed: usize,
    /// Sale and refund notices the artwork side acknowledged.
    pub notified: usize,
    /// Sales the artwork side refused (the work is gone), refunded in compensation.
    pub compensated: usize,
    /// Notices left for a later pass (the artwork side is unreachable).
    pub deferred: usize,
}

impl Commerce {
    /// Settles pending orders older than [`PENDING_GRACE`] and delivers every outstanding
    /// sale and refund notice.
    pub async fn recover(&self) -> Result<RecoveryReport, ServiceError> {
        let mut report = RecoveryReport::default();
        let before = artstation_common::now() - PENDING_GRACE;
        loop {
            let pending = self.store.pending_orders(before, BATCH).await?;
            let done = pending.len() < BATCH as usize;
            for order in pending {
                let settled = self
                    .store
                    .settle_order(&order.id, artstation_common::now())
                    .await?
                    .order;
                match settled.status {
                    OrderStatus::Failed => report.failed += 1,
                    _ => report.paid += 1,
                }
            }
            if done {
                break;
            }
        }
        loop {
            let events = self.store.undelivered_events(BATCH).await?;
            let count = events.len();
            for event in events {
                match self.notify(&event.order, event.kind).await {
                    Ok(Notified::Acknowledged) => report.notified += 1,
                    Ok(Notified::Compensated) => report.compensated += 1,
                    Err(e) => {
                        tracing::warn!(order = %event.order.id, error = %e, "notice deferred");
                        report.deferred += 1;
                        // The artwork side is down: the rest would fail the same way.
                        return Ok(report);
                    }
                }
            }
            if count < BATCH as usize {
                break;
            }
        }
        Ok(report)
    }

    /// Tells the artwork side about a sale or refund and records that it knows. A sale it
    /// refuses (the artwork no longer exists at all) is compensated by refunding the order.
    pub(crate) async fn notify(
        &self,
        order: &Order,
        kind: SaleEventKind,
    ) -> Result<Notified, ServiceError> {
        let notice = SaleNotice {
            order_id: order.id.clone(),
            artwork_id: order.artwork_id.clone(),
            buyer_id: order.buyer_id.clone(),
            serial: order.serial.unwrap_or_default(),
        };
        let told = match kind {
            SaleEventKind::Sale => self.catalogue.record_sale(&notice).await,
            SaleEventKind::Refund => self.catalogue.record_refund(&notice).await,
        };
        let outcome = match told {
            Ok(()) => Notified::Acknowledged,
            Err(CatalogueError::NotFound) if kind == SaleEventKind::Sale => {
                let current = self.store.order(&order.id).await?;
                if current.is_some_and(|o| o.status == OrderStatus::Paid) {
                    match self
                        .store
                        .refund_order(&order.id, artstation_common::now())
                        .await
                    {
                        // Refunded meanwhile (by its buyer, or another replica's pass).
                        Ok(_) | Err(StoreError::Conflict(_)) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
                Notified::Compensated
            }
            // Access to a work that no longer exists has ended anyway.
            Err(CatalogueError::NotFound) => Notified::Acknowledged,
            Err(CatalogueError::Unavailable(why)) => {
                return Err(ServiceError::unavailable(why));
            }
        };
        self.store
            .mark_delivered(&order.id, kind, artstation_common::now())
            .await?;
        Ok(outcome)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notified {
    Acknowledged,
    Compensated,
}
