//! An artist's side: sales, earnings per currency, and payouts.

use artstation_common::paging::{self, Page, PageLimit};
use artstation_common::{AccessClaims, ServiceError, caller};
use artstation_domain::Currency;

use crate::state::Commerce;
use crate::store::{Earnings, Order, Payout, StoreError};

/// Cursor tag of an artist's sales (newest first by order id).
const SALES_CURSOR: &str = "sa";

impl Commerce {
    /// The caller's sales, newest first, and (on every page) their earnings per currency.
    pub async fn sales(
        &self,
        caller: &AccessClaims,
        limit: u32,
        cursor: &str,
    ) -> Result<(Page<Order>, Vec<Earnings>), ServiceError> {
        let limit = PageLimit::parse(limit)?;
        let after = paging::optional(cursor, |c| paging::decode_id_cursor(c, &[SALES_CURSOR]))?;
        let rows = self
            .store
            .sales(&caller.sub, limit.fetch(), after.as_deref())
            .await?;
        let page = Page::cut(rows, limit, |o| {
            paging::encode_cursor(SALES_CURSOR, &[&o.id])
        });
        Ok((page, self.store.earnings(&caller.sub).await?))
    }

    /// Moves the caller's available earnings in `currency` to a pending payout.
    pub async fn request_payout(
        &self,
        caller: &AccessClaims,
        currency: &str,
    ) -> Result<Payout, ServiceError> {
        let currency = Currency::parse(currency)?;
        let id = uuid::Uuid::now_v7().to_string();
        self.store
            .request_payout(&caller.sub, currency.code(), &id, artstation_common::now())
            .await
            .map_err(|e| match e {
                // A concurrent payout or refund took the balance first.
                StoreError::InsufficientFunds => {
                    StoreError::Conflict(format!("no earnings in {currency} to pay out"))
                }
                other => other,
            })
            .map_err(ServiceError::from)
    }

    /// Admin only: the money of a pending payout has been sent.
    pub async fn mark_payout_paid(
        &self,
        caller: &AccessClaims,
        payout_id: &str,
    ) -> Result<Payout, ServiceError> {
        caller::require_admin(caller)?;
        let payout = self
            .store
            .mark_payout_paid(payout_id, artstation_common::now())
            .await?;
        self.record_audit(caller, "payout_paid", "payout", payout_id, None)
            .await?;
        Ok(payout)
    }
}
