//! A buyer's orders: one order, the library, refunds, and the licence certificate.

use artstation_common::paging::{self, Page, PageLimit};
use artstation_common::{AccessClaims, ErrorCode, ServiceError};
use artstation_domain::Role;

use crate::state::Commerce;
use crate::store::{Order, OrderStatus, SaleEventKind};

/// Cursor tag of the library (newest first by order id).
const PURCHASES_CURSOR: &str = "pu";

/// A signed licence certificate and whether the server still stands behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub certificate: String,
    pub kid: String,
    /// The order was refunded.
    pub revoked: bool,
}

impl Commerce {
    pub async fn get_order(&self, caller: &AccessClaims, id: &str) -> Result<Order, ServiceError> {
        self.visible_order(caller, id).await
    }

    /// The caller's paid and refunded orders, newest first.
    pub async fn purchases(
        &self,
        caller: &AccessClaims,
        limit: u32,
        cursor: &str,
    ) -> Result<Page<Order>, ServiceError> {
        let limit = PageLimit::parse(limit)?;
        let after = paging::optional(cursor, |c| paging::decode_id_cursor(c, &[PURCHASES_CURSOR]))?;
        let rows = self
            .store
            .purchases(&caller.sub, limit.fetch(), after.as_deref())
            .await?;
        Ok(Page::cut(rows, limit, |o| {
            paging::encode_cursor(PURCHASES_CURSOR, &[&o.id])
        }))
    }

    /// Refunds an order: its buyer within the refund window, an admin at any time. The
    /// payment is reversed at once; the artwork side learns that access ended right after
    /// (or from the recovery pass, if it cannot be reached now).
    pub async fn refund(&self, caller: &AccessClaims, id: &str) -> Result<Order, ServiceError> {
        let order = self.visible_order(caller, id).await?;
        if caller.role != Role::Admin {
            let window = chrono::Duration::from_std(self.config.refund_window)
                .unwrap_or(chrono::Duration::MAX);
            let paid_at = order.paid_at.unwrap_or(order.created_at);
            if artstation_common::now() - paid_at > window {
                return Err(ServiceError::forbidden(
                    "the refund window of this order has closed",
                ));
            }
        }
        if order.status != OrderStatus::Paid {
            return Err(ServiceError::new(
                ErrorCode::Conflict,
                format!(
                    "only a paid order can be refunded; this one is {}",
                    order.status.as_str()
                ),
            ));
        }
        let refunded = self
            .store
            .refund_order(id, artstation_common::now())
            .await?;
        if let Err(e) = self.notify(&refunded, SaleEventKind::Refund).await {
            tracing::warn!(order = %id, error = %e, "refund notice deferred to recovery");
        }
        Ok(refunded)
    }

    /// The licence certificate of a paid or refunded order (revoked once refunded).
    pub async fn licence(
        &self,
        caller: &AccessClaims,
        id: &str,
    ) -> Result<Certificate, ServiceError> {
        let order = self.visible_order(caller, id).await?;
        if !matches!(order.status, OrderStatus::Paid | OrderStatus::Refunded) {
            return Err(ServiceError::not_found("licence"));
        }
        let certificate = self
            .licences
            .certificate(&order)
            .map_err(ServiceError::internal)?;
        Ok(Certificate {
            certificate,
            kid: self.licences.kid().to_owned(),
            revoked: order.status == OrderStatus::Refunded,
        })
    }

    pub fn licence_keys(&self) -> &crate::licence::Jwks {
        self.licences.jwks()
    }
}
