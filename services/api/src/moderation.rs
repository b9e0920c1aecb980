//! Moderation: users' reports and appeals, the admins' queue, their actions (one work or many)
//! and the audit log every service keeps of them. Members in alphabetical order, like every
//! response here; the empty ones are `null`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Artwork;

/// Instants written with microseconds and `Z`, like every record's `created_at`.
mod micros {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::micros(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        DateTime::<Utc>::deserialize(d)
    }
}

/// The reasons a user may give for a report.
pub const REPORT_REASONS: [&str; 5] = ["stolen", "spam", "nsfw", "offensive", "other"];
/// The queue's reason filter also takes this: works the upload pipeline flagged.
pub const NEAR_DUPLICATE: &str = "near_duplicate";

/// `POST /v1/artworks/{id}/reports`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// `stolen`, `spam`, `nsfw`, `offensive` or `other`.
    pub reason: String,
    /// At most 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What became of a report: the admin action that closed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outcome {
    /// `hide`, `remove`, `dismiss` or `restore`.
    pub action: String,
    #[serde(with = "micros")]
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// A report as its reporter sees it (`GET /v1/me/reports`, and the answer to filing one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub artwork_id: String,
    #[serde(with = "micros")]
    pub created_at: DateTime<Utc>,
    pub id: String,
    pub note: Option<String>,
    /// `null` while the report is open.
    pub outcome: Option<Outcome>,
    pub reason: String,
    /// `open`, `resolved` or `dismissed`.
    pub status: String,
}

/// `POST /v1/artworks/{id}/appeal`: the artist's one appeal against a hide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppealRequest {
    /// 1 to 2000 characters.
    pub message: String,
}

/// An appeal and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appeal {
    #[serde(with = "micros")]
    pub at: DateTime<Utc>,
    pub message: String,
    /// `pending`, `upheld` (the work was restored) or `rejected` (it was removed).
    pub status: String,
}

/// The moderation state of an artwork, shown to its owner and admins only
/// (`Artwork.moderation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Moderation {
    pub appeal: Option<Appeal>,
    #[serde(with = "micros")]
    pub at: DateTime<Utc>,
    pub reason: String,
    /// `hidden` or `removed`.
    pub state: String,
}

/// One artwork in the admins' queue (`GET /v1/admin/reports`): its open reports, grouped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub appeal: Option<Appeal>,
    pub artwork: Artwork,
    /// For a flagged work without reports, its upload time.
    #[serde(with = "micros")]
    pub first_reported_at: DateTime<Utc>,
    #[serde(with = "micros")]
    pub last_reported_at: DateTime<Utc>,
    /// The work the upload pipeline found it resembles, side by side.
    pub near_duplicate_of: Option<Box<Artwork>>,
    /// Up to five of the latest notes reporters wrote, newest first.
    pub notes: Vec<String>,
    pub open_reports: u64,
    /// Open reports by reason.
    pub reasons: BTreeMap<String, u64>,
}

/// `POST /v1/admin/artworks/moderation`: one action on many works, each independent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkModerationRequest {
    /// `hide`, `restore` or `remove`.
    pub action: String,
    /// 1 to 500 artwork ids.
    pub ids: Vec<String>,
    /// 1 to 500 characters.
    pub reason: String,
}

/// Why one id of a bulk action failed: a stable error code and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkError {
    pub code: String,
    pub message: String,
}

/// One id's result: `{"id", "ok": true, "artwork"}` or `{"id", "ok": false, "error"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artwork: Option<Box<Artwork>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<BulkError>,
    pub id: String,
    pub ok: bool,
}

/// What a bulk action answers: one result per id, in the order given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResults {
    pub results: Vec<BulkResult>,
}

/// A body that is only a reason: dismissing reports (required there), bans and unbans
/// (optional there for older clients; the CLI always sends one).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What dismissing answers: how many open reports it closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dismissed {
    pub dismissed: u64,
}

/// Who did something, as the audit log names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditActor {
    pub id: String,
    pub username: String,
}

/// What an audit entry acted on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditTarget {
    pub id: String,
    /// `artwork`, `user`, `category`, `sale`, `order` or `payout`.
    pub kind: String,
}

/// One admin action (`GET /v1/admin/audit`), kept by the service that owns its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// `hide`, `restore`, `remove`, `dismiss`, `category`, `sale`, `ban`, `unban`, `role`,
    /// `credit`, `payout_paid`.
    pub action: String,
    pub actor: AuditActor,
    #[serde(with = "micros")]
    pub at: DateTime<Utc>,
    pub id: String,
    /// `ok`, or `noop` when the target already was in the state asked for.
    pub outcome: String,
    pub reason: Option<String>,
    /// `auth`, `artwork` or `commerce`.
    pub service: String,
    pub target: AuditTarget,
}

/// One action of the public moderation log (`GET /v1/moderation/log`): what was done to which
/// work and why, never by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicLogEntry {
    /// `hide`, `restore` or `remove`.
    pub action: String,
    #[serde(with = "micros")]
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
    pub target: AuditTarget,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bulk_results_carry_either_an_artwork_or_an_error() -> anyhow::Result<()> {
        let r = BulkResults {
            results: vec![BulkResult {
                artwork: None,
                error: Some(BulkError {
                    code: "not_found".into(),
                    message: "no such artwork".into(),
                }),
                id: "x".into(),
                ok: false,
            }],
        };
        assert_eq!(
            serde_json::to_value(&r)?,
            json!({"results": [{"id": "x", "ok": false,
                "error": {"code": "not_found", "message": "no such artwork"}}]})
        );
        Ok(())
    }

    #[test]
    fn audit_entries_keep_their_shape() -> anyhow::Result<()> {
        let e = AuditEntry {
            action: "ban".into(),
            actor: AuditActor {
                id: "u1".into(),
                username: "root".into(),
            },
            at: "2026-01-02T03:04:05Z".parse()?,
            id: "e1".into(),
            outcome: "ok".into(),
            reason: None,
            service: "auth".into(),
            target: AuditTarget {
                id: "u2".into(),
                kind: "user".into(),
            },
        };
        let v = serde_json::to_value(&e)?;
        assert_eq!(v["at"], "2026-01-02T03:04:05.000000Z");
        assert_eq!(v["reason"], serde_json::Value::Null);
        assert_eq!(serde_json::from_value::<AuditEntry>(v)?, e);
        Ok(())
    }
}
