//! RFC 9457 problem details, as every error leaves the gateway.

use serde::{Deserialize, Serialize};

/// `application/problem+json` with the stable `code` member. Every member defaults when
/// reading, so a proxy's partial document still parses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// `urn:artstation:problem:{code}`.
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub status: u16,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub code: String,
    /// The member at fault, for validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Set on a 409 for an upload whose bytes the artist already uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_id: Option<String>,
}

impl Problem {
    /// The most useful human sentence of the document, naming the field when the detail
    /// does not.
    pub fn message(&self) -> String {
        let base = self
            .detail
            .clone()
            .or_else(|| self.title.clone())
            .unwrap_or_else(|| format!("HTTP {}", self.status));
        match &self.field {
            Some(field) if !base.contains(field.as_str()) => format!("{field}: {base}"),
            _ => base,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message(), self.code)
    }
}
