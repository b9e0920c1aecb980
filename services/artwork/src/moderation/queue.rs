//! What admins read: the queue (works with open reports, standing near-duplicate flags or a
//! pending appeal, grouped by work, latest report first) and this service's audit log.

use artstation_common::audit::{self, AuditFilter};
use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{Page, PageLimit, optional};
use artstation_common::{ServiceError, time};
use artstation_proto::artwork::v1 as pb;

use super::{decode_keyset, encode_keyset, require_admin};
use crate::present::appeal_to_pb;
use crate::state::State;
use crate::store::QueueFilter;

const QUEUE_CURSOR: &str = "q1";
const LOG_CURSOR: &str = "l1";
const REASONS: [&str; 5] = ["stolen", "spam", "nsfw", "offensive", "other"];
const NEAR_DUPLICATE: &str = "near_duplicate";

/// `now - secs`, or a validation error when that is no instant.
fn ago(field: &'static str, secs: u64) -> Result<chrono::DateTime<chrono::Utc>, ServiceError> {
    i64::try_from(secs)
        .ok()
        .and_then(chrono::Duration::try_seconds)
        .and_then(|d| artstation_common::now().checked_sub_signed(d))
        .ok_or_else(|| ServiceError::validation(field, "too large"))
}

impl State {
    pub(crate) async fn moderation_queue(
        &self,
        caller: &AccessClaims,
        req: pb::ModerationQueueRequest,
    ) -> Result<pb::ModerationQueueResponse, ServiceError> {
        require_admin(caller)?;
        let limit = PageLimit::parse(req.limit)?;
        let near_duplicate_only = req.reason == NEAR_DUPLICATE;
        if !req.reason.is_empty() && !near_duplicate_only && !REASONS.contains(&req.reason.as_str())
        {
            return Err(ServiceError::validation(
                "reason",
                format!("one of {}, {NEAR_DUPLICATE}", REASONS.join(", ")),
            ));
        }
        let filter = QueueFilter {
            reason: Some(req.reason).filter(|r| !r.is_empty() && !near_duplicate_only),
            near_duplicate_only,
            reported_before: req.min_age_secs.map(|s| ago("min_age", s)).transpose()?,
            reported_since: req.max_age_secs.map(|s| ago("max_age", s)).transpose()?,
            after: optional(&req.cursor, |c| decode_keyset(QUEUE_CURSOR, c))?,
            limit: limit.fetch(),
        };
        let rows = self.store.queue(&filter).await?;
        let page = Page::cut(rows, limit, |last| {
            encode_keyset(QUEUE_CURSOR, last.last_at, &last.artwork_id)
        });
        let next_cursor = page.wire_cursor();
        let mut items = Vec::with_capacity(page.items.len());
        for row in page.items {
            // A work removed since the page was read is simply left out.
            let Some(artwork) = self.store.get(&row.artwork_id).await? else {
                continue;
            };
            let near_duplicate_of = match artwork.near_duplicate_of.as_deref() {
                Some(other) => match self.store.get(other).await? {
                    Some(other) => Some(self.present_flagged(other, true).await),
                    None => None,
                },
                None => None,
            };
            items.push(pb::QueueItem {
                artwork: Some(self.present_moderated(artwork).await),
                open_reports: row.open_reports,
                reasons: row.reasons.into_iter().collect(),
                first_reported_at: Some(time::to_proto(row.first_at)),
                last_reported_at: Some(time::to_proto(row.last_at)),
                notes: row.notes,
                near_duplicate_of,
                appeal: row.appeal.map(appeal_to_pb),
            });
        }
        Ok(pb::ModerationQueueResponse { items, next_cursor })
    }

    /// The public moderation log, for anyone: what was hidden, restored or removed and why,
    /// never by whom.
    pub(crate) async fn public_log(
        &self,
        req: pb::PublicModerationLogRequest,
    ) -> Result<pb::PublicModerationLogResponse, ServiceError> {
        let limit = PageLimit::parse(req.limit)?;
        let before = optional(&req.cursor, |c| decode_keyset(LOG_CURSOR, c))?;
        let rows = self
            .store
            .public_log(limit.fetch(), before.as_ref())
            .await?;
        let page = Page::cut(rows, limit, |last| {
            encode_keyset(LOG_CURSOR, last.at, &last.id)
        });
        Ok(pb::PublicModerationLogResponse {
            next_cursor: page.wire_cursor(),
            items: page
                .items
                .into_iter()
                .map(|e| pb::PublicModerationEntry {
                    action: e.action,
                    at: Some(time::to_proto(e.at)),
                    target_kind: e.target_kind,
                    target_id: e.target_id,
                    reason: e.reason.unwrap_or_default(),
                })
                .collect(),
        })
    }

    /// This service's audit entries, newest first, strictly before `(before_at, before_id)`.
    pub(crate) async fn list_audit(
        &self,
        caller: &AccessClaims,
        req: audit::pb::ListAuditRequest,
    ) -> Result<audit::pb::ListAuditResponse, ServiceError> {
        require_admin(caller)?;
        let filter = AuditFilter::from_request(req)?;
        Ok(audit::response(self.store.audit(&filter).await?))
    }
}
