//! The store-wide sale: one discount over a time window, set by admins. Prices are stored at
//! list price; `present` applies the running sale to what buyers see.

use artstation_common::jwt::AccessClaims;
use artstation_common::{ServiceError, caller, time};
use artstation_domain::SalePercent;
use artstation_proto::artwork::v1 as pb;

use crate::input::parse_time;
use crate::state::State;
use crate::store::Sale;

fn sale_to_pb(sale: Option<Sale>) -> pb::Sale {
    match sale {
        Some(s) => pb::Sale {
            percent_bp: s.percent.basis_points(),
            starts_at: Some(time::to_proto(s.starts_at)),
            ends_at: Some(time::to_proto(s.ends_at)),
            active: s.active_at(artstation_common::now()),
        },
        None => pb::Sale::default(),
    }
}

impl State {
    pub(crate) async fn sale(&self) -> Result<pb::Sale, ServiceError> {
        Ok(sale_to_pb(self.store.sale().await?))
    }

    /// Sets the sale, or ends it (`percent_bp` 0).
    pub(crate) async fn set_sale(
        &self,
        caller: &AccessClaims,
        req: pb::Sale,
    ) -> Result<pb::Sale, ServiceError> {
        caller::require_admin(caller)?;
        let sale = if req.percent_bp == 0 {
            None
        } else {
            let percent = SalePercent::from_basis_points(req.percent_bp)?;
            let starts_at = parse_time(req.starts_at, "starts_at")?;
            let ends_at = parse_time(req.ends_at, "ends_at")?;
            if ends_at <= starts_at {
                return Err(ServiceError::validation(
                    "ends_at",
                    "must be after starts_at",
                ));
            }
            Some(Sale {
                percent,
                starts_at,
                ends_at,
            })
        };
        self.store.set_sale(sale.as_ref()).await?;
        self.remember_sale(sale).await;
        self.audit(caller, "sale", "sale", "sale").await?;
        tracing::info!(by = %caller.sub, ?sale, "sale changed");
        Ok(sale_to_pb(sale))
    }
}
