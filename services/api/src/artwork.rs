//! Artworks: the artwork document, uploads, owner edits and bulk repricing.

use artstation_domain::{ArtworkStatus, Money};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::Percent;

/// Money on the wire: integer minor units and an ISO 4217 code, never a float. The currency
/// stays text so a client can show an amount in a currency it does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Price {
    pub amount_minor: i64,
    pub currency: String,
}

impl From<Money> for Price {
    fn from(m: Money) -> Self {
        Self {
            amount_minor: m.amount_minor(),
            currency: m.currency().code().to_owned(),
        }
    }
}

/// Who made an artwork.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Artist {
    pub id: String,
    pub username: String,
}

/// Whether an artwork's thumbnail and preview are made: `pending` from the upload until a
/// background worker has made them, then `ready` (only then do public lists show the work), or
/// `failed` when every attempt failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DerivativeState {
    Pending,
    #[default]
    Ready,
    Failed,
}

/// An artwork as the API shows it. Members in alphabetical order; the empty ones are `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Artwork {
    pub artist: Artist,
    pub category: Option<String>,
    /// The original's type, fingerprint and size: its owner and admins only, `null` for
    /// everyone else.
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(with = "crate::time::micros_opt")]
    pub created_at: Option<DateTime<Utc>>,
    /// Whether the thumbnail and preview are made. Servers before the derivative queue did
    /// not send it (theirs were made with the upload).
    #[serde(default)]
    pub derivatives: DerivativeState,
    pub description: String,
    /// `null` for an open edition.
    pub edition_size: Option<u32>,
    /// Editions left to sell: `null` for an open edition. Servers before commerce did not
    /// send it.
    #[serde(default)]
    pub editions_remaining: Option<u64>,
    /// Serials issued so far (refunded ones stay counted: a serial is never resold). Servers
    /// before commerce did not send it.
    #[serde(default)]
    pub editions_sold: u64,
    /// What a buyer pays now (the price less a running sale). Servers before the sale did
    /// not send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_price: Option<Price>,
    pub favorite_count: u64,
    pub height: u32,
    pub id: String,
    pub licence: String,
    /// Hidden or removed by an admin, why, and the artist's appeal: the owner and admins only,
    /// `null` for everyone else. Servers before moderation did not send it.
    #[serde(default)]
    pub moderation: Option<crate::Moderation>,
    /// Another artist's artwork this one resembles; shown to the owner and admins only.
    pub near_duplicate_of: Option<String>,
    /// `null` until the derivative exists (rows from before the image pipeline).
    pub preview_url: Option<String>,
    pub price: Price,
    #[serde(default)]
    pub sha256: Option<String>,
    #[serde(default)]
    pub size_bytes: Option<u64>,
    pub status: ArtworkStatus,
    pub tags: Vec<String>,
    pub thumbnail_url: Option<String>,
    pub title: String,
    pub width: u32,
}

impl Artwork {
    /// What a buyer pays: the effective price, else the list price.
    pub fn payable(&self) -> &Price {
        self.effective_price.as_ref().unwrap_or(&self.price)
    }
}

/// The `metadata` part of `POST /v1/artworks`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadMetadata {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    pub price: Price,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition_size: Option<u32>,
    /// Published when absent; `draft` or `published`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ArtworkStatus>,
}

/// Tells "absent" (`None`) from "null" (`Some(None)`) for members where null means "clear".
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// `PATCH /v1/artworks/{id}`: only what an owner may change, each member absent to keep it.
/// Anything else (owner, counts, ids) is refused by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ArtworkPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An empty list clears the tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// `Some(None)` (sent as `null`) removes the category.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// `Some(None)` (sent as `null`) makes the edition open.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub edition_size: Option<Option<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ArtworkStatus>,
}

/// `POST /v1/me/artworks/reprice`: `set` a price or change it by `percent`, across `ids` or
/// `all` of the caller's works.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RepriceRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Price>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub percent: Option<Percent>,
}

/// What a reprice answers: the count and the updated artworks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Repriced {
    pub items: Vec<Artwork>,
    pub updated: u64,
}

/// What moderation's `remove` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Removed {
    pub id: String,
    pub removed: bool,
}

/// What moderation answers: the artwork as it now is (`hide`, `restore`), or a note that it is
/// gone (`remove`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Moderated {
    Artwork(Box<Artwork>),
    Removed(Removed),
}
