//! Buying and selling: orders, wallets, sales and earnings, payouts, licence certificates.
//!
//! Response members are in alphabetical order and the empty ones are `null`; request types
//! refuse unknown members so a typo is a 400 rather than a silently ignored field.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Price;

/// An order: one purchase of one artwork by one buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub artist_id: String,
    pub artwork_id: String,
    pub buyer_id: String,
    #[serde(with = "crate::time::micros_opt")]
    pub created_at: Option<DateTime<Utc>>,
    /// `null` for an open edition.
    pub edition_size: Option<u32>,
    /// Why a failed order failed (`sold_out`, `payment_required`); `null` otherwise.
    pub failure: Option<String>,
    pub id: String,
    pub licence: String,
    #[serde(with = "crate::time::micros_opt")]
    pub paid_at: Option<DateTime<Utc>>,
    pub price: Price,
    #[serde(with = "crate::time::micros_opt")]
    pub refunded_at: Option<DateTime<Utc>>,
    /// 1..=edition_size (counting on for open editions); `null` until paid.
    pub serial: Option<u32>,
    /// `pending`, `paid`, `refunded` or `failed`.
    pub status: String,
    /// The artwork's title when it was bought; `null` when unknown.
    pub title: Option<String>,
}

/// `POST /v1/artworks/{id}/purchase`; an empty body is the same as `{}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PurchaseRequest {
    /// Refuse (409 `price_changed`) unless the artwork costs exactly this now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_price: Option<Price>,
}

/// `GET /v1/me/wallet`: one balance per currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wallet {
    pub balances: Vec<Price>,
}

/// `POST /v1/me/wallet/topup` (sandbox payments only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TopUpRequest {
    pub amount_minor: i64,
    pub currency: String,
}

/// `POST /v1/admin/users/{id}/credit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreditRequest {
    pub amount_minor: i64,
    pub currency: String,
    pub reason: String,
}

/// An artist's earnings in one currency. Amounts are minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Earnings {
    /// Not yet asked for; negative after a refund of money already paid out.
    pub available_minor: i64,
    pub currency: String,
    /// The total price of the paid (not refunded) orders.
    pub gross_minor: i64,
    /// The artist's share of `gross_minor` (the price less the platform fee).
    pub net_minor: i64,
    pub orders: i64,
    pub paid_out_minor: i64,
    pub pending_payout_minor: i64,
}

/// `GET /v1/me/sales`: a page of the caller's sales, newest first, and earnings per currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sales {
    pub earnings: Vec<Earnings>,
    pub items: Vec<Order>,
    /// Absent on the last page (sent as `null`).
    pub next_cursor: Option<String>,
}

/// `POST /v1/me/payouts`: move the available earnings in a currency to a pending payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PayoutRequest {
    pub currency: String,
}

/// A payout to an artist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payout {
    pub amount: Price,
    pub artist_id: String,
    #[serde(with = "crate::time::micros_opt")]
    pub created_at: Option<DateTime<Utc>>,
    pub id: String,
    #[serde(with = "crate::time::micros_opt")]
    pub paid_at: Option<DateTime<Utc>>,
    /// `pending` or `paid`.
    pub status: String,
}

/// `GET /v1/orders/{id}/licence`: the signed certificate of an order. Verify `certificate` (a
/// compact EdDSA JWS) against the key `kid` of `/.well-known/licence-keys.json` (a [`crate::Jwks`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Licence {
    pub certificate: String,
    pub kid: String,
    pub order_id: String,
    /// The order was refunded: the certificate no longer grants anything.
    pub revoked: bool,
}
