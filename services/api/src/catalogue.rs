//! Catalogue administration: categories, the store-wide sale, moderation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Percent;

/// A managed category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub name: String,
    pub slug: String,
}

/// `POST /v1/admin/categories` (`slug` required) and `PATCH /v1/admin/categories/{slug}`
/// (the slug comes from the path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    pub name: String,
}

/// The store-wide sale. Members in alphabetical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sale {
    /// Whether it applies right now.
    pub active: bool,
    #[serde(with = "crate::time::seconds_opt")]
    pub ends_at: Option<DateTime<Utc>>,
    /// The discount with two decimals, e.g. `"12.50"`.
    pub percent: String,
    #[serde(with = "crate::time::seconds_opt")]
    pub starts_at: Option<DateTime<Utc>>,
}

/// `GET /v1/sale` and `PUT /v1/admin/sale`: `{"sale": Sale|null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaleDocument {
    pub sale: Option<Sale>,
}

/// `PUT /v1/admin/sale`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SaleRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub percent: Percent,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// `POST /v1/admin/artworks/{id}/moderation`: `hide`, `restore` or `remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ModerationRequest {
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
