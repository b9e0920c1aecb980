//! The entitlement half of the artwork store: the sales and refunds the commerce service
//! reports, one row per order.
//!
//! Invariants:
//! - Rows are written only through the internal service, by commerce; commerce calls
//!   artwork, never the reverse, and this store never reads commerce's database.
//! - A row exists per order id at most once, so repeating a report changes nothing.
//! - A refund revokes the row but keeps it: serials are retired on refund, never resold, so
//!   an artwork's `editions_sold` is the number of serials issued — every row, refunded ones
//!   included — and moves in the same transaction as the row it counts.
//! - Access to an original is a non-revoked row for (artwork, buyer); it outlives the artist's
//!   soft delete, which keeps the artwork row and therefore its blobs (the orphan sweep only
//!   removes blobs no artwork row names).

use chrono::{DateTime, Utc};

use super::{ArtworkRecord, StoreError};

/// A sale as commerce reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleFact {
    pub order_id: String,
    pub artwork_id: String,
    pub buyer_id: String,
    pub serial: i64,
}

/// A stored entitlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entitlement {
    pub order_id: String,
    pub artwork_id: String,
    pub buyer_id: String,
    pub serial: i64,
    pub granted_at: DateTime<Utc>,
    /// Set by a refund: the buyer's access has ended.
    pub revoked_at: Option<DateTime<Utc>>,
}

#[async_trait::async_trait]
pub trait EntitlementStore: Send + Sync + 'static {
    /// Grants the buyer access and counts the serial; `Ok(false)` if this order was recorded
    /// before (nothing changes). `Missing` when the artwork is unknown or deleted and the
    /// order is new: a sale cannot start on a work that is gone.
    async fn record_sale(&self, sale: &SaleFact, at: DateTime<Utc>) -> Result<bool, StoreError>;
    /// Revokes the order's access; `Ok(false)` if it was revoked before. A refund reported
    /// before its sale leaves a revoked row (its serial counted), so the late sale report is
    /// a repeat and grants nothing. `Missing` when the artwork never existed.
    async fn record_refund(&self, sale: &SaleFact, at: DateTime<Utc>) -> Result<bool, StoreError>;
    async fn entitlement(&self, order_id: &str) -> Result<Option<Entitlement>, StoreError>;
    /// Artwork `id`, even when its artist deleted it, if `user_id` holds a non-revoked
    /// entitlement to it.
    async fn owned_artwork(
        &self,
        id: &str,
        user_id: &str,
    ) -> Result<Option<ArtworkRecord>, StoreError>;
}
