//! Admins' actions on artworks: hide, restore and remove (one work or up to 500, each id on its
//! own), and dismissing a work's reports and flag. Each is idempotent (an action that changes
//! nothing is recorded as `noop`) and takes effect everywhere at once: public reads filter on
//! the row the action writes, and the cached lists (popular, recommendations) are dropped.

use artstation_common::ServiceError;
use artstation_common::jwt::AccessClaims;
use artstation_proto::artwork::v1 as pb;

use super::{parse_reason, require_admin};
use crate::state::State;
use crate::store::{AuditEntry, AuditOutcome, ModerationAction, ModerationCommand};

/// Most ids one bulk action takes.
const MAX_BULK: usize = 500;

fn parse_action(action: &str) -> Result<ModerationAction, ServiceError> {
    ModerationAction::parse(action).ok_or_else(|| {
        ServiceError::validation(
            "action",
            format!("unknown action {action:?}; expected hide, restore or remove"),
        )
    })
}

impl State {
    pub(crate) async fn moderate(
        &self,
        caller: &AccessClaims,
        req: pb::ModerateRequest,
    ) -> Result<pb::Artwork, ServiceError> {
        require_admin(caller)?;
        let action = parse_action(&req.action)?;
        let reason = parse_reason(&req.reason)?;
        let (artwork, outcome) = self
            .moderate_one(caller, &req.artwork_id, action, &reason)
            .await?;
        if outcome == AuditOutcome::Ok {
            self.listings_changed().await;
        }
        Ok(artwork)
    }

    pub(crate) async fn moderate_many(
        &self,
        caller: &AccessClaims,
        req: pb::ModerateManyRequest,
    ) -> Result<pb::ModerateManyResponse, ServiceError> {
        require_admin(caller)?;
        let action = parse_action(&req.action)?;
        let reason = parse_reason(&req.reason)?;
        if req.ids.is_empty() || req.ids.len() > MAX_BULK {
            return Err(ServiceError::validation(
                "ids",
                format!("1 to {MAX_BULK} artwork ids"),
            ));
        }
        let mut changed = false;
        let mut results = Vec::with_capacity(req.ids.len());
        for id in req.ids {
            let result = match self.moderate_one(caller, &id, action, &reason).await {
                Ok((artwork, outcome)) => {
                    changed |= outcome == AuditOutcome::Ok;
                    pb::moderation_result::Result::Artwork(artwork)
                }
                Err(e) => pb::moderation_result::Result::Error(pb::ModerationError {
                    code: e.code.as_str().to_owned(),
                    message: e.message,
                }),
            };
            results.push(pb::ModerationResult {
                id,
                result: Some(result),
            });
        }
        if changed {
            self.listings_changed().await;
        }
        Ok(pb::ModerateManyResponse { results })
    }

    /// One action on one work, recorded in its audit entry; the work as admins now see it.
    async fn moderate_one(
        &self,
        caller: &AccessClaims,
        id: &str,
        action: ModerationAction,
        reason: &str,
    ) -> Result<(pb::Artwork, AuditOutcome), ServiceError> {
        let id = id.trim();
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        let command = ModerationCommand {
            artwork_id: id.to_owned(),
            action,
            reason: reason.to_owned(),
            // The store decides the outcome, from what the work was.
            audit: AuditEntry::now(
                caller,
                action.as_str(),
                ("artwork", id),
                Some(reason.to_owned()),
                AuditOutcome::Ok,
            ),
        };
        let outcome = self
            .store
            .moderate(&command)
            .await?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        tracing::info!(by = %caller.sub, artwork_id = %id, action = action.as_str(), outcome = outcome.as_str(), %reason, "moderated");
        let artwork = self
            .store
            .get_including_removed(id)
            .await?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        Ok((self.present_moderated(artwork).await, outcome))
    }

    pub(crate) async fn dismiss_reports(
        &self,
        caller: &AccessClaims,
        req: pb::DismissReportsRequest,
    ) -> Result<pb::DismissReportsResponse, ServiceError> {
        require_admin(caller)?;
        let reason = parse_reason(&req.reason)?;
        if uuid::Uuid::parse_str(&req.artwork_id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        let audit = AuditEntry::now(
            caller,
            "dismiss",
            ("artwork", &req.artwork_id),
            Some(reason),
            AuditOutcome::Ok,
        );
        let dismissed = self
            .store
            .dismiss_reports(&req.artwork_id, &audit)
            .await?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        tracing::info!(by = %caller.sub, artwork_id = %req.artwork_id, dismissed, "reports dismissed");
        Ok(pb::DismissReportsResponse { dismissed })
    }
}
