//! What the commerce store keeps, as the rest of the crate sees it.

use artstation_domain::{Currency, Money};
use chrono::{DateTime, Utc};

use super::StoreError;

pub type Timestamp = DateTime<Utc>;

/// Owner of the system accounts (platform fee, external funding).
pub const SYSTEM_OWNER: &str = "";

/// The ledger's accounts. Each (kind, owner, currency) has one balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// A user's spendable money.
    Wallet,
    /// An artist's share of sales not yet moved to a payout. Negative only after a refund of
    /// money already paid out (a debt later sales settle).
    Earnings,
    /// The marketplace's fees (system account).
    PlatformFee,
    /// Where top-ups and credits come from (system account); its balance is minus all money
    /// ever brought in.
    External,
    /// Earnings an artist asked to be paid, not yet paid.
    PayoutPending,
    /// Earnings that have left the platform, per artist.
    PayoutPaid,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Wallet => "wallet",
            Self::Earnings => "earnings",
            Self::PlatformFee => "platform_fee",
            Self::External => "external",
            Self::PayoutPending => "payout_pending",
            Self::PayoutPaid => "payout_paid",
        }
    }

    /// The id of an account, derived from what names it, so a posting needs no lookup.
    pub fn account_id(self, owner: &str, currency: &str) -> String {
        format!("{}:{currency}:{owner}", self.as_str())
    }
}

/// A balance in one currency: may exceed a price's bounds or (for system accounts) be negative,
/// so it is not a [`Money`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    pub currency: String,
    pub amount_minor: i64,
}

/// Where money brought into a wallet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundingSource {
    SandboxTopUp,
    AdminCredit,
}

impl FundingSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SandboxTopUp => "topup",
            Self::AdminCredit => "credit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funding {
    /// Unique per funding; a retry with the same id posts nothing twice.
    pub transfer_id: String,
    pub user_id: String,
    pub amount: Money,
    pub source: FundingSource,
    /// Why (an admin's reason), kept on the transfer.
    pub note: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    Pending,
    Paid,
    Refunded,
    Failed,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Refunded => "refunded",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "pending" => Self::Pending,
            "paid" => Self::Paid,
            "refunded" => Self::Refunded,
            "failed" => Self::Failed,
            other => return Err(StoreError::Corrupt(format!("order status {other:?}"))),
        })
    }
}

/// Why an order failed.
pub mod failure {
    /// Every serial of the edition was issued.
    pub const SOLD_OUT: &str = "sold_out";
    /// The buyer's wallet held less than the price.
    pub const PAYMENT_REQUIRED: &str = "payment_required";
}

/// An order: the quote it was placed at, and where its saga stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: String,
    pub artwork_id: String,
    pub buyer_id: String,
    pub artist_id: String,
    pub price: Money,
    /// The platform's part of `price`; the artist's is `price - fee`.
    pub fee_minor: i64,
    /// Issued when paid: 1..=edition_size (or unbounded for an open edition).
    pub serial: Option<i64>,
    /// `None`: an open edition.
    pub edition_size: Option<i64>,
    pub licence: String,
    pub title: String,
    pub original_sha256: String,
    pub status: OrderStatus,
    /// For a failed order, one of [`failure`].
    pub failure: Option<String>,
    pub created_at: Timestamp,
    pub paid_at: Option<Timestamp>,
    pub refunded_at: Option<Timestamp>,
}

impl Order {
    pub fn artist_share_minor(&self) -> i64 {
        self.price.amount_minor() - self.fee_minor
    }
}

/// The platform fee of a price: `floor(price * bps / 10 000)`, so the artist's share
/// (`price - fee`) and the fee always add up to the price exactly, and any fraction of a minor
/// unit goes to the artist.
pub fn platform_fee(price_minor: i64, fee_bps: u32) -> i64 {
    let fee = i128::from(price_minor) * i128::from(fee_bps.min(10_000)) / 10_000;
    i64::try_from(fee).unwrap_or(price_minor)
}

/// What settling an order did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub order: Order,
    /// This call took the order out of pending; false when it was settled before (a retry, or
    /// a concurrent request with the same key), so exactly one caller acts on the outcome.
    pub now: bool,
}

/// An idempotency key as a buyer sent it, with a fingerprint of the request it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    pub buyer_id: String,
    pub key: String,
    pub fingerprint: String,
    pub created_at: Timestamp,
}

/// What placing an order under an idempotency key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    Created(Order),
    /// The key was used before: its order, and the fingerprint of the request that used it.
    Existing {
        order: Order,
        fingerprint: String,
    },
}

/// An artist's money in one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Earnings {
    pub currency: String,
    /// Paid (not refunded) orders and their total price.
    pub orders: i64,
    pub gross_minor: i64,
    /// The artist's share of those.
    pub net_minor: i64,
    /// Earnings not yet asked for (may be negative after a refund).
    pub available_minor: i64,
    pub pending_payout_minor: i64,
    pub paid_out_minor: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayoutStatus {
    Pending,
    Paid,
}

impl PayoutStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
        }
    }

    pub fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "pending" => Ok(Self::Pending),
            "paid" => Ok(Self::Paid),
            other => Err(StoreError::Corrupt(format!("payout status {other:?}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payout {
    pub id: String,
    pub artist_id: String,
    pub amount: Balance,
    pub status: PayoutStatus,
    pub created_at: Timestamp,
    pub paid_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleEventKind {
    /// The buyer owns the work from now on.
    Sale,
    /// The buyer's access ends.
    Refund,
}

impl SaleEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sale => "sale",
            Self::Refund => "refund",
        }
    }

    pub fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "sale" => Ok(Self::Sale),
            "refund" => Ok(Self::Refund),
            other => Err(StoreError::Corrupt(format!("sale event {other:?}"))),
        }
    }
}

/// A fact the artwork side must learn, with the order it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleEvent {
    pub kind: SaleEventKind,
    pub order: Order,
    pub created_at: Timestamp,
}

/// A licence-signing key as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceKeyRecord {
    pub kid: String,
    /// PKCS#8 v1 DER of the Ed25519 private key.
    pub private_pkcs8: Vec<u8>,
    /// base64url of the public key, as in a JWK's `x`.
    pub public_x: String,
    pub created_at: Timestamp,
}

/// What `ledger check` found. Healthy when every list is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerReport {
    /// Sum of all postings per currency (all must be zero).
    pub currency_sums: Vec<Balance>,
    /// Accounts whose balance differs from the sum of their postings: (id, balance, sum).
    pub mismatched_accounts: Vec<(String, i64, i64)>,
    /// Transfers whose postings do not sum to zero.
    pub unbalanced_transfers: Vec<String>,
    /// Paid or refunded orders with a price but no purchase transfer, or the reverse.
    pub unpaid_orders: Vec<String>,
    /// Guarded accounts (wallets, pending payouts) below zero.
    pub negative_accounts: Vec<String>,
}

impl LedgerReport {
    pub fn is_ok(&self) -> bool {
        self.currency_sums.iter().all(|b| b.amount_minor == 0)
            && self.mismatched_accounts.is_empty()
            && self.unbalanced_transfers.is_empty()
            && self.unpaid_orders.is_empty()
            && self.negative_accounts.is_empty()
    }
}

/// One line per finding, for `artstationd ledger check`; "ok" lines per currency when healthy.
impl std::fmt::Display for LedgerReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in &self.currency_sums {
            let verdict = if b.amount_minor == 0 {
                "ok"
            } else {
                "UNBALANCED"
            };
            writeln!(
                f,
                "{}: postings sum to {} ({verdict})",
                b.currency, b.amount_minor
            )?;
        }
        for (id, balance, sum) in &self.mismatched_accounts {
            writeln!(
                f,
                "account {id}: balance {balance} but postings sum to {sum}"
            )?;
        }
        for id in &self.unbalanced_transfers {
            writeln!(f, "transfer {id}: postings do not sum to zero")?;
        }
        for id in &self.unpaid_orders {
            writeln!(f, "order {id}: status and payment disagree")?;
        }
        for id in &self.negative_accounts {
            writeln!(f, "account {id}: negative balance")?;
        }
        Ok(())
    }
}

pub(crate) fn parse_money(amount_minor: i64, currency: &str) -> Result<Money, StoreError> {
    let currency = Currency::parse(currency).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Money::new(amount_minor, currency).map_err(|e| StoreError::Corrupt(e.to_string()))
}
