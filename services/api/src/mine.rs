//! The artist's own works: the SHA-256 lookup a bulk upload asks before sending anything.

use serde::{Deserialize, Serialize};

use artstation_domain::ArtworkStatus;

/// `POST /v1/me/artworks/lookup`: hex SHA-256s of files the client may upload (at most 1000).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LookupRequest {
    pub sha256: Vec<String>,
}

/// One of the caller's live works whose original has `sha256` (lower-case hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnedOriginal {
    pub id: String,
    pub sha256: String,
    pub status: ArtworkStatus,
}

/// The answer: the caller's own works among the asked hashes; nothing about anyone else's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupResponse {
    pub found: Vec<OwnedOriginal>,
}

/// Most hashes one lookup may carry.
pub const MAX_LOOKUP: usize = 1000;
