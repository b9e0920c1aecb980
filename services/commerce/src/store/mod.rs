//! The commerce service's storage: one trait, one SQL implementation for both backends
//! (`sql.rs`, `ledger_sql.rs`), chosen once at start from the database URL.
//!
//! Every money movement is a [`Transfer`]: a balanced set of postings written in one database
//! transaction together with the balance rows they change, so the ledger is never seen half
//! written and a balance that must not go negative is refused inside that transaction.

mod ledger_sql;
mod postgres;
mod rows_sql;
mod sql;
mod sql_more;
mod sqlite;
mod types;

use std::sync::Arc;

use artstation_common::db::{self, Backend};

pub use artstation_common::audit::{AuditEntry, AuditFilter, AuditStore};
pub use postgres::PgCommerceStore;
pub use sqlite::SqliteCommerceStore;
pub use types::*;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The thing is not in a state that allows this (e.g. refunding an unpaid order).
    #[error("{0}")]
    Conflict(String),
    /// A guarded balance would go negative.
    #[error("insufficient funds")]
    InsufficientFunds,
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Open(#[from] db::DbError),
}

#[async_trait::async_trait]
pub trait CommerceStore: AuditStore<Error = StoreError> + Send + Sync + 'static {
    /// Applies this backend's migrations.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Balances of `owner`'s accounts of one kind, one per currency, by currency.
    async fn balances(&self, owner: &str, kind: AccountKind) -> Result<Vec<Balance>, StoreError>;
    /// Moves money from outside into a wallet (sandbox top-up or admin credit). `transfer_id`
    /// makes a retry a no-op. Returns the wallet's new balance.
    async fn fund_wallet(&self, funding: &Funding) -> Result<Balance, StoreError>;

    /// Records a new pending order under an idempotency key, or returns the order the key
    /// already names (also when another request with the key is being placed at this moment).
    async fn place_order(&self, order: &Order, key: &IdempotencyKey) -> Result<Placed, StoreError>;
    /// The order a buyer's idempotency key names, and the fingerprint it was used with.
    async fn order_for_key(
        &self,
        buyer_id: &str,
        key: &str,
    ) -> Result<Option<(Order, String)>, StoreError>;
    /// Takes a pending order to paid (serial issued, wallet debited, earnings and fee credited,
    /// a sale event queued) or to failed, all in one transaction. An order no longer pending is
    /// returned unchanged, so every retry is safe.
    async fn settle_order(&self, order_id: &str, now: Timestamp) -> Result<Settled, StoreError>;
    async fn order(&self, id: &str) -> Result<Option<Order>, StoreError>;
    /// Paid and refunded orders of a buyer, newest first, after `after_id`.
    async fn purchases(
        &self,
        buyer_id: &str,
        limit: u32,
        after_id: Option<&str>,
    ) -> Result<Vec<Order>, StoreError>;
    /// Paid and refunded orders of an artist's works, newest first, after `after_id`.
    async fn sales(
        &self,
        artist_id: &str,
        limit: u32,
        after_id: Option<&str>,
    ) -> Result<Vec<Order>, StoreError>;
    /// Per currency: what an artist sold and where the earnings are.
    async fn earnings(&self, artist_id: &str) -> Result<Vec<Earnings>, StoreError>;
    /// Pending orders created before `before` (a crashed or abandoned saga), oldest first.
    async fn pending_orders(&self, before: Timestamp, limit: u32)
    -> Result<Vec<Order>, StoreError>;

    /// Reverses a paid order's postings, marks it refunded and queues a refund event. The
    /// edition serial is not reissued. `Conflict` if the order is not paid.
    async fn refund_order(&self, order_id: &str, now: Timestamp) -> Result<Order, StoreError>;

    /// Moves an artist's whole positive earnings in `currency` to a pending payout.
    async fn request_payout(
        &self,
        artist_id: &str,
        currency: &str,
        payout_id: &str,
        now: Timestamp,
    ) -> Result<Payout, StoreError>;
    /// Marks a pending payout paid (the money left the platform). Paid again: unchanged.
    async fn mark_payout_paid(&self, payout_id: &str, now: Timestamp)
    -> Result<Payout, StoreError>;
    async fn payouts(&self, artist_id: &str) -> Result<Vec<Payout>, StoreError>;

    /// Sale and refund events the artwork side has not acknowledged yet, oldest first.
    async fn undelivered_events(&self, limit: u32) -> Result<Vec<SaleEvent>, StoreError>;
    async fn mark_delivered(
        &self,
        order_id: &str,
        kind: SaleEventKind,
        now: Timestamp,
    ) -> Result<(), StoreError>;

    async fn insert_licence_key(&self, key: &LicenceKeyRecord) -> Result<(), StoreError>;
    /// Every licence key, oldest first.
    async fn licence_keys(&self) -> Result<Vec<LicenceKeyRecord>, StoreError>;

    /// Proves the ledger's invariants (see [`LedgerReport`]).
    async fn ledger_check(&self) -> Result<LedgerReport, StoreError>;
}

/// Opens the store a database URL names and applies its migrations.
pub async fn open(url: &str) -> Result<Arc<dyn CommerceStore>, StoreError> {
    // Before connecting: the first connection to a fresh SQLite file switches it to WAL,
    // which another opener of the same file at that moment can make fail as "locked".
    let _lock = db::migration_lock(url).await?;
    let store: Arc<dyn CommerceStore> = match Backend::of_url(url)? {
        Backend::Sqlite => Arc::new(SqliteCommerceStore::new(db::connect_sqlite(url).await?)),
        Backend::Postgres => Arc::new(PgCommerceStore::new(db::connect_postgres(url).await?)),
    };
    store.migrate().await?;
    Ok(store)
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}
