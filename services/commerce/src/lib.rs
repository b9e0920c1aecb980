//! The commerce service: orders and edition serials, wallets and a double-entry ledger,
//! idempotent purchases, refunds, payouts and licence certificates, served over gRPC
//! (`artstation.commerce.v1.CommerceService`). It owns its own database and never reads
//! another service's tables; what it needs from the catalogue comes through the
//! [`Catalogue`] port.
//!
//! Layers, calls going one way: `grpc.rs` (tonic glue, token checks) → the features
//! (`purchase.rs`, `orders.rs`, `wallet.rs`, `sales.rs`, `recovery.rs`) → shared `state.rs`,
//! `present.rs`, `errors.rs`, `licence.rs` → `store/` (the `CommerceStore` trait and its one SQL
//! implementation for SQLite and PostgreSQL).
//!
//! # Money
//! Integer minor units with an ISO 4217 currency; no conversion (a wallet pays only prices in
//! its currency). The platform fee is `floor(price × fee_bps / 10 000)` and the artist's share
//! `price − fee`, so the two add up to the price exactly. Every movement is a balanced transfer
//! of postings written in one transaction with the balances it changes; the sum of all postings
//! per currency is zero, which [`ledger_check`] proves along with every balance.
//!
//! # The purchase saga
//! 1. **Idempotency**: a (buyer, key) seen before answers with its order (finishing it if still
//!    pending), or `idempotency_conflict` if the request differs; no other step runs.
//! 2. **Quote** from the artwork side: effective price, status, edition size, artist. Unreachable:
//!    `unavailable`, nothing written, no money moved. Not purchasable: `not_found`; own work:
//!    `forbidden`; `expected_price` differs: `price_changed`.
//! 3. **Place**: the order (pending, with the quote and fee) and the key, in one transaction;
//!    a concurrent request with the same key gets that order instead.
//! 4. **Settle**, keyed by the order id, in one transaction: claim the pending order row, issue
//!    the next serial from the artwork's edition counter (conditional update: none left →
//!    failed `sold_out`), post the purchase transfer (wallet → artist earnings + platform fee;
//!    the wallet may not go negative → failed `payment_required`, serial not consumed), mark
//!    paid, queue a `sale` event. An order already settled is returned unchanged.
//! 5. **Notify** the artwork side (`record_sale`, idempotent per order id) and mark the event
//!    delivered. If it cannot be reached the purchase still succeeds; recovery delivers later.
//!    If it refuses (the work is gone), the order is refunded in compensation.
//!
//! Recovery ([`Commerce::recover`], at start and every `recovery_interval`) settles pending
//! orders older than a short grace (a crash between steps 3 and 4) and delivers every queued
//! sale and refund event. So after a crash no order is paid without its sale event, and no
//! money moves without a paid order.
//!
//! **Serials after a refund** are retired, not resold: an edition of N issues serials 1..N once,
//! so a certificate "N of M" names one buyer ever; a refunded order keeps its serial and its
//! certificate is reported revoked.

mod audit;
mod catalogue;
mod catalogue_grpc;
mod errors;
mod grpc;
pub mod licence;
mod orders;
mod present;
mod purchase;
mod recovery;
mod sales;
mod state;
pub mod store;
mod wallet;

use std::sync::Arc;
use std::time::Duration;

use artstation_common::jwt::RemoteKeySource;
use artstation_common::{Revocations, TokenVerifier, grpc as serving};
use artstation_proto::commerce::v1::commerce_service_server::CommerceServiceServer;
use tokio::net::TcpListener;

pub use catalogue::{Catalogue, CatalogueError, Quote, SaleNotice};
pub use catalogue_grpc::GrpcCatalogue;
pub use grpc::CommerceService;
pub use licence::{Jwks, LicenceClaims, LicenceError, verify_certificate};
pub use orders::Certificate;
pub use purchase::{PurchaseInput, Purchased};
pub use recovery::RecoveryReport;
pub use state::Commerce;
pub use store::LedgerReport;

/// Name of the gRPC service, as health checks and reflection know it.
pub const SERVICE_NAME: &str = "artstation.commerce.v1.CommerceService";
/// The platform's share of a price, in basis points (10 %).
pub const DEFAULT_FEE_BPS: u32 = 1000;
/// How long a buyer may refund an order themselves.
pub const DEFAULT_REFUND_WINDOW: Duration = Duration::from_secs(14 * 24 * 3600);
/// How often the recovery pass runs.
pub const DEFAULT_RECOVERY_INTERVAL: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct CommerceConfig {
    pub database_url: String,
    /// Platform fee in basis points of the price (at most 10 000).
    pub fee_bps: u32,
    pub refund_window: Duration,
    /// Sandbox payments: users top their wallets up freely (the embedded default and tests);
    /// otherwise only admins credit wallets.
    pub payments_sandbox: bool,
    pub recovery_interval: Duration,
}

impl CommerceConfig {
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            fee_bps: DEFAULT_FEE_BPS,
            refund_window: DEFAULT_REFUND_WINDOW,
            payments_sandbox: true,
            recovery_interval: DEFAULT_RECOVERY_INTERVAL,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CommerceError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Licence(#[from] LicenceError),
    #[error(transparent)]
    Serve(#[from] serving::ServeError),
    #[error("invalid configuration: {0}")]
    Config(String),
}

/// Applies the commerce database's migrations.
pub async fn migrate(database_url: &str) -> Result<(), CommerceError> {
    store::open(database_url).await?;
    Ok(())
}

/// Opens the store and licence keys a config names. Tokens are verified with keys fetched from
/// the auth service over `auth_channel`, against the revocations it publishes; `catalogue` is
/// the artwork side of the purchase saga.
pub async fn open(
    config: CommerceConfig,
    auth_channel: impl Into<artstation_common::upstream::Upstream>,
    revocations: Arc<Revocations>,
    catalogue: Arc<dyn Catalogue>,
) -> Result<CommerceService, CommerceError> {
    if config.fee_bps > 10_000 {
        return Err(CommerceError::Config(format!(
            "fee_bps {} is over 10000 (100 %)",
            config.fee_bps
        )));
    }
    let store = store::open(&config.database_url).await?;
    let licences = licence::LicenceSigner::load_or_create(&store).await?;
    let verifier = Arc::new(TokenVerifier::new(
        Arc::new(RemoteKeySource::new(auth_channel)),
        revocations,
    ));
    let core = Commerce::new(config, store, catalogue, licences);
    Ok(CommerceService::new(core, verifier))
}

/// Serves the commerce service (plus health and reflection) on `listener` until `shutdown`,
/// running the saga's recovery pass at start and then periodically.
pub async fn serve(
    listener: TcpListener,
    service: CommerceService,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), CommerceError> {
    let recovery = spawn_recovery(service.core().clone());
    let routes = tonic::service::Routes::new(CommerceServiceServer::new(service));
    serving::serve_service(listener, routes, SERVICE_NAME, vec![recovery], shutdown).await?;
    Ok(())
}

fn spawn_recovery(core: Commerce) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(core.config.recovery_interval);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match core.recover().await {
                Ok(r) if r != RecoveryReport::default() => tracing::info!(?r, "recovery pass"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "recovery pass failed"),
            }
        }
    })
}

/// Verifies the ledger (`artstationd ledger check`): every currency sums to zero, every balance
/// equals its postings, every transfer balances, every paid order has its payment.
pub async fn ledger_check(database_url: &str) -> Result<LedgerReport, CommerceError> {
    let store = store::open(database_url).await?;
    Ok(store.ledger_check().await?)
}
