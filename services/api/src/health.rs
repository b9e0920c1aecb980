//! `/healthz` and `/readyz`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `GET /healthz`: `{"status": "ok"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
}

/// `GET /readyz`: `ok` or `unavailable` overall, and the same per upstream service by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Readiness {
    pub checks: BTreeMap<String, String>,
    pub status: String,
}
