//! The derivative queue: one job per uploaded artwork, claimed by workers under a lease so
//! several replicas share it (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: a write
//! transaction from `BEGIN IMMEDIATE`, which serialises claimers), and claimed again once
//! the lease of a worker that died runs out. Finishing a job needs the lease it was claimed
//! with, so a worker that lost its lease cannot overwrite the work of the one that took over.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Derivative, StoreError};

/// Whether an artwork's thumbnail and preview are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DerivativeState {
    /// Queued or being made: shown to its owner (and admins) only.
    Pending,
    /// Made (or, for rows from before the queue, made by the backfill).
    #[default]
    Ready,
    /// Every attempt failed; the job keeps the reason.
    Failed,
}

impl DerivativeState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Ready => "ready",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "ready" => Some(Self::Ready),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// A job a worker holds: only the holder of `lease` may finish it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedJob {
    pub artwork_id: String,
    pub lease: String,
    /// Attempts so far, this one included.
    pub attempts: u32,
}

/// What a worker made of an artwork.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeDerivatives {
    pub thumbnail: Derivative,
    pub preview: Derivative,
    pub phash: u64,
    pub near_duplicate_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Queued,
    Done,
    Failed,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivativeJob {
    pub artwork_id: String,
    pub state: JobState,
    pub attempts: u32,
    /// When a queued job may be claimed (for a claimed one: when its lease runs out).
    pub due: DateTime<Utc>,
    pub last_error: Option<String>,
}

#[async_trait::async_trait]
pub trait DerivativeQueue {
    /// Claims up to `limit` queued jobs due at `now`, oldest due first, each leased until
    /// `now + lease_for`. Concurrent claimers never get the same job.
    async fn claim_derivative_jobs(
        &self,
        now: DateTime<Utc>,
        lease_for: Duration,
        limit: u32,
    ) -> Result<Vec<ClaimedJob>, StoreError>;
    /// Keeps a claimed job's lease until `until`; `false` if the lease was lost.
    async fn renew_derivative_lease(
        &self,
        job: &ClaimedJob,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// Records what was made (derivatives, hash and its bands, the near-duplicate flag),
    /// marks the artwork ready and the job done, in one transaction; `false` (and nothing
    /// written) if the lease was lost.
    async fn complete_derivative_job(
        &self,
        job: &ClaimedJob,
        made: &MadeDerivatives,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// Records a failed attempt: queued again, due at `retry_at`, or (`None`) failed for
    /// good, with the artwork marked failed. `false` if the lease was lost.
    async fn fail_derivative_job(
        &self,
        job: &ClaimedJob,
        reason: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// The job of artwork `artwork_id`, if it has one.
    async fn derivative_job(&self, artwork_id: &str) -> Result<Option<DerivativeJob>, StoreError>;
}
