//! What every feature of the service shares: the store, the artwork-side port, the licence
//! signer and the configuration.

use std::sync::Arc;

use artstation_common::ServiceError;

use crate::CommerceConfig;
use crate::catalogue::Catalogue;
use crate::licence::LicenceSigner;
use crate::store::{CommerceStore, Order};

/// The commerce service's core, independent of the transport. Cheap to clone.
#[derive(Clone)]
pub struct Commerce {
    pub(crate) store: Arc<dyn CommerceStore>,
    pub(crate) catalogue: Arc<dyn Catalogue>,
    pub(crate) licences: Arc<LicenceSigner>,
    pub(crate) config: Arc<CommerceConfig>,
}

impl Commerce {
    pub fn new(
        config: CommerceConfig,
        store: Arc<dyn CommerceStore>,
        catalogue: Arc<dyn Catalogue>,
        licences: LicenceSigner,
    ) -> Self {
        Self {
            store,
            catalogue,
            licences: Arc::new(licences),
            config: Arc::new(config),
        }
    }

    pub fn store(&self) -> &Arc<dyn CommerceStore> {
        &self.store
    }

    /// An order its buyer (or an admin) may see; to anyone else it does not exist.
    pub(crate) async fn visible_order(
        &self,
        caller: &artstation_common::AccessClaims,
        id: &str,
    ) -> Result<Order, ServiceError> {
        let order = self
            .store
            .order(id)
            .await?
            .ok_or_else(|| ServiceError::not_found("order"))?;
        artstation_common::caller::require_owner_or_admin(caller, &order.buyer_id, "order")?;
        Ok(order)
    }
}
