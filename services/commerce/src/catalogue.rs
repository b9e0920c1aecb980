//! The purchase saga's port to the artwork side. The commerce service never reads the artwork
//! database: it asks for a quote, and tells the artwork side what it sold or refunded. The gRPC
//! implementation (internal artwork RPCs, authenticated as a service) plugs in here.

use artstation_domain::Money;

/// What the artwork side says about an artwork a buyer wants, at this moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub artwork_id: String,
    pub artist_id: String,
    /// What a buyer pays now: the price, less a store-wide sale while one runs.
    pub effective_price: Money,
    /// False for drafts, hidden and deleted works: those cannot be bought.
    pub purchasable: bool,
    /// `None`: an open edition.
    pub edition_size: Option<i64>,
    pub title: String,
    /// SHA-256 (hex) of the original, named in the licence certificate.
    pub original_sha256: String,
    pub licence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// No such artwork (or not one this buyer may see).
    #[error("artwork not found")]
    NotFound,
    /// The artwork side cannot be reached or failed; nothing was decided.
    #[error("artwork service unavailable: {0}")]
    Unavailable(String),
}

/// The artwork side, as the saga needs it. Every call must be idempotent: the saga repeats a
/// notification until it is acknowledged.
#[async_trait::async_trait]
pub trait Catalogue: Send + Sync + 'static {
    async fn quote(&self, artwork_id: &str) -> Result<Quote, CatalogueError>;
    /// The buyer of `order_id` owns serial `serial` of the artwork from now on (grant access,
    /// count the sale). Repeating it for the same order changes nothing.
    async fn record_sale(&self, sale: &SaleNotice) -> Result<(), CatalogueError>;
    /// The order was refunded: the buyer's access ends. Repeating it changes nothing.
    async fn record_refund(&self, sale: &SaleNotice) -> Result<(), CatalogueError>;
}

/// A sale or refund as the artwork side learns it, keyed by the order id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleNotice {
    pub order_id: String,
    pub artwork_id: String,
    pub buyer_id: String,
    pub serial: i64,
}
