//! Users' side of moderation: reporting a work (one open report per user and work, 20 an hour),
//! the reporter's own reports with what became of them, and the artist's one appeal of a hide.

use std::time::Duration;

use artstation_common::jwt::AccessClaims;
use artstation_common::paging::{Page, PageLimit, optional};
use artstation_common::{ErrorCode, ServiceError};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;

use super::{decode_keyset, encode_keyset};
use crate::present::{appeal_to_pb, report_to_pb};
use crate::state::State;
use crate::store::NewReport;

/// The reasons a report may give (the table checks them too).
const REASONS: [&str; 5] = ["stolen", "spam", "nsfw", "offensive", "other"];
const MAX_NOTE_CHARS: usize = 1000;
const MAX_APPEAL_CHARS: usize = 2000;
/// Reports one user may file per [`REPORT_WINDOW`].
const MAX_REPORTS: u64 = 20;
const REPORT_WINDOW: Duration = Duration::from_secs(3600);
const REPORT_CURSOR: &str = "r1";

/// Optional free text: trimmed, bounded, newlines and tabs allowed; empty is none.
fn parse_text(field: &'static str, text: &str, max: usize) -> Result<Option<String>, ServiceError> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(ServiceError::validation(
            field,
            format!("at most {max} characters"),
        ));
    }
    artstation_domain::refuse_control(field, text, &['\n', '\t'])?;
    Ok(Some(text.to_owned()).filter(|t| !t.is_empty()))
}

impl State {
    pub(crate) async fn report_artwork(
        &self,
        caller: &AccessClaims,
        req: pb::ReportArtworkRequest,
    ) -> Result<pb::Report, ServiceError> {
        if !REASONS.contains(&req.reason.as_str()) {
            return Err(ServiceError::validation(
                "reason",
                format!("one of {}", REASONS.join(", ")),
            ));
        }
        let note = parse_text("note", &req.note, MAX_NOTE_CHARS)?;
        let seen = self.load_visible(&req.artwork_id, Some(caller)).await?;
        if seen.artwork.artist_id == caller.sub {
            return Err(ServiceError::forbidden(
                "you cannot report your own artwork",
            ));
        }
        let now = artstation_common::now();
        let window = chrono::Duration::from_std(REPORT_WINDOW).unwrap_or_default();
        if self.store.reports_since(&caller.sub, now - window).await? >= MAX_REPORTS {
            return Err(ServiceError::rate_limited(REPORT_WINDOW.as_secs()));
        }
        let report = NewReport {
            id: uuid::Uuid::now_v7().to_string(),
            artwork_id: seen.artwork.id,
            reporter_id: caller.sub.clone(),
            reason: req.reason,
            note,
            created_at: now,
        };
        match self.store.add_report(&report).await? {
            Some(stored) => {
                tracing::info!(report_id = %stored.id, artwork_id = %stored.artwork_id, reason = %stored.reason, "artwork reported");
                Ok(report_to_pb(stored))
            }
            None => Err(ServiceError::new(
                ErrorCode::Conflict,
                "you already have an open report on this artwork",
            )),
        }
    }

    pub(crate) async fn my_reports(
        &self,
        caller: &AccessClaims,
        req: pb::ListMyReportsRequest,
    ) -> Result<pb::ListReportsResponse, ServiceError> {
        let limit = PageLimit::parse(req.limit)?;
        let before = optional(&req.cursor, |c| decode_keyset(REPORT_CURSOR, c))?;
        let rows = self
            .store
            .my_reports(&caller.sub, limit.fetch(), before.as_ref())
            .await?;
        let page = Page::cut(rows, limit, |last| {
            encode_keyset(REPORT_CURSOR, last.created_at, &last.id)
        });
        Ok(pb::ListReportsResponse {
            next_cursor: page.wire_cursor(),
            items: page.items.into_iter().map(report_to_pb).collect(),
        })
    }

    /// The artist's one appeal of a hide: their own work, while it is hidden, once.
    pub(crate) async fn appeal(
        &self,
        caller: &AccessClaims,
        req: pb::AppealModerationRequest,
    ) -> Result<pb::Appeal, ServiceError> {
        let message = parse_text("message", &req.message, MAX_APPEAL_CHARS)?
            .ok_or_else(|| ServiceError::validation("message", "required"))?;
        let artwork = self.load(&req.artwork_id).await?;
        if artwork.artist_id != caller.sub {
            // To anyone else a hidden work does not exist; a public one is not theirs.
            return Err(if artwork.status == ArtworkStatus::Published {
                ServiceError::forbidden("only the artist can appeal")
            } else {
                ServiceError::not_found("artwork")
            });
        }
        if artwork.status != ArtworkStatus::Hidden {
            return Err(ServiceError::new(
                ErrorCode::Conflict,
                "only a hidden artwork can be appealed",
            ));
        }
        let at = artstation_common::now();
        if !self.store.add_appeal(&artwork.id, &message, at).await? {
            return Err(ServiceError::new(
                ErrorCode::Conflict,
                "this artwork was already appealed",
            ));
        }
        tracing::info!(artwork_id = %artwork.id, "moderation appealed");
        Ok(appeal_to_pb(crate::store::AppealRecord {
            message,
            at,
            status: "pending".into(),
        }))
    }
}
