//! The moderation half of the artwork store: users' reports, admins' actions on artworks (each
//! one transaction with its reports, appeal and audit entry), appeals, the queue and the
//! append-only audit log (no method changes or removes an entry).

pub use artstation_common::audit::{AuditEntry, AuditFilter, AuditOutcome, AuditStore};
use chrono::{DateTime, Utc};

use super::{ArtworkRecord, StoreError};

/// What an admin does to an artwork.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationAction {
    Hide,
    Restore,
    /// Soft-deletes the work (buyers keep access, as after its owner deletes it).
    Remove,
}

impl ModerationAction {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "hide" => Some(Self::Hide),
            "restore" => Some(Self::Restore),
            "remove" => Some(Self::Remove),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hide => "hide",
            Self::Restore => "restore",
            Self::Remove => "remove",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub id: String,
    pub artwork_id: String,
    pub reporter_id: String,
    /// One of the report reasons (checked by the caller and by the table).
    pub reason: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The admin action that closed a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOutcome {
    pub action: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRecord {
    pub id: String,
    pub artwork_id: String,
    pub reason: String,
    pub note: Option<String>,
    /// `open`, `resolved` or `dismissed`.
    pub status: String,
    pub outcome: Option<ReportOutcome>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealRecord {
    pub message: String,
    pub at: DateTime<Utc>,
    /// `pending`, `upheld` or `rejected`.
    pub status: String,
}

/// Why and since when an artwork is hidden or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModerationState {
    /// `hidden` or `removed`.
    pub state: String,
    pub reason: String,
    pub at: DateTime<Utc>,
    pub appeal: Option<AppealRecord>,
}

/// What the queue lists: works with open reports, flagged works whose flag stands and works
/// with a pending appeal, by latest report first (keyset on `(last_at, artwork id)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// Only works with an open report of this reason.
    pub reason: Option<String>,
    /// Only flagged works.
    pub near_duplicate_only: bool,
    /// Latest report at or before this (a minimum age).
    pub reported_before: Option<DateTime<Utc>>,
    /// Latest report at or after this (a maximum age).
    pub reported_since: Option<DateTime<Utc>>,
    pub after: Option<(DateTime<Utc>, String)>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub artwork_id: String,
    pub open_reports: u64,
    /// Open reports by reason, by reason name.
    pub reasons: Vec<(String, u64)>,
    /// For a work without open reports: its appeal's time, else its upload time.
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    /// Up to [`QUEUE_NOTES`] latest notes of open reports, newest first.
    pub notes: Vec<String>,
    pub appeal: Option<AppealRecord>,
}

/// Notes shown per queue item.
pub const QUEUE_NOTES: usize = 5;

/// An admin action on one artwork; `audit` is the entry to append (its outcome is decided by
/// the store, from what the work was).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModerationCommand {
    pub artwork_id: String,
    pub action: ModerationAction,
    pub reason: String,
    pub audit: AuditEntry,
}

/// The audit log (`AuditStore`) also takes entries for actions recorded nowhere else
/// (categories, the sale).
#[async_trait::async_trait]
pub trait ModerationStore: AuditStore<Error = StoreError> + Send + Sync + 'static {
    /// Files a report; `None` if the reporter already has an open one on this work.
    async fn add_report(&self, report: &NewReport) -> Result<Option<ReportRecord>, StoreError>;
    /// How many reports `reporter_id` filed at or after `since` (the rate limit).
    async fn reports_since(
        &self,
        reporter_id: &str,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError>;
    /// The reporter's reports, newest first, strictly before `before` (`(created_at, id)`).
    async fn my_reports(
        &self,
        reporter_id: &str,
        limit: u32,
        before: Option<&(DateTime<Utc>, String)>,
    ) -> Result<Vec<ReportRecord>, StoreError>;
    /// Applies an admin action with everything it implies, in one transaction: the artwork's
    /// state, its open reports (resolved by hide and remove), its appeal (upheld by restore,
    /// rejected by remove) and the audit entry. `None` if there is no such artwork (or, for
    /// hide and restore, it was removed).
    async fn moderate(
        &self,
        command: &ModerationCommand,
    ) -> Result<Option<AuditOutcome>, StoreError>;
    /// An artwork whether or not it was removed (what an admin is shown after removing it).
    async fn get_including_removed(&self, id: &str) -> Result<Option<ArtworkRecord>, StoreError>;
    /// Dismisses every open report of a live artwork and its near-duplicate flag, appending
    /// `audit`; the number of reports dismissed, or `None` if there is no such artwork.
    async fn dismiss_reports(
        &self,
        artwork_id: &str,
        audit: &AuditEntry,
    ) -> Result<Option<u64>, StoreError>;
    async fn moderation_state(
        &self,
        artwork_id: &str,
    ) -> Result<Option<ModerationState>, StoreError>;
    /// Files the artwork's one appeal; false if it already has one.
    async fn add_appeal(
        &self,
        artwork_id: &str,
        message: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    async fn queue(&self, filter: &QueueFilter) -> Result<Vec<QueueRow>, StoreError>;
    /// The public log: hides, restores and removals that changed something, newest first,
    /// strictly before `before` (`(at, id)`).
    async fn public_log(
        &self,
        limit: u32,
        before: Option<&(DateTime<Utc>, String)>,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
