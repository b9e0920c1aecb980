//! The derivative workers: a pool (`ArtworkConfig::derivative_workers`, about one per core)
//! that takes jobs from the database queue (`store::DerivativeQueue`), makes each artwork's
//! thumbnail, preview, perceptual hash and near-duplicate flag (`make`), and records them
//! with the job. An upload wakes a worker at once (`Notify`); otherwise each polls, which
//! also picks up the jobs of other replicas, retries that came due, and jobs whose worker
//! died (their lease ran out). A job holds its lease only while its worker renews it, so a
//! killed process delays its jobs by at most one lease. Failures are retried with backoff,
//! then the job and the artwork are marked failed with the reason.
//!
//! Uploads come first: an upload is acknowledged once its original is stored, and on a small
//! machine decoding the works already acknowledged would take the cores that receiving,
//! hashing and storing the next originals need. So a worker claims a job only when no upload
//! is in flight in this process (`gate`), waiting at most `YIELD_CAP` for that, and not at
//! all for a while once uploads outlast a whole cap (a steady stream, not a batch that is about
//! to end), so uploads never starve derivatives; and the decode, resize and encode run on
//! threads at a lower scheduling priority (`low_priority`), so a job already running when
//! uploads arrive gives them the CPU they want and takes the rest.

pub mod gate;
pub mod low_priority;
pub mod make;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use crate::feed::Hub;
use crate::store::{ArtworkRecord, ArtworkStore, ClaimedJob, MadeDerivatives};
use make::{Failure, Maker};

/// Attempts before a job that keeps failing for transient reasons is given up.
pub const MAX_ATTEMPTS: u32 = 5;

/// How long a worker holds back from claiming a job while uploads are in flight: past this
/// it claims one anyway, so a continuous stream of uploads slows derivatives, never stops them.
pub const YIELD_CAP: Duration = Duration::from_secs(5);

/// How long a worker stops yielding once uploads outlasted a whole `YIELD_CAP` (see `gate`).
pub const STEADY_STREAM_PAUSE: Duration = Duration::from_secs(30);

/// What uploads tell the workers: a job was queued (`wake`), and how many are still being
/// received (`uploads`).
#[derive(Debug, Default)]
pub struct Signals {
    pub wake: Notify,
    pub uploads: gate::UploadGauge,
}

/// How the pool runs (see `ArtworkConfig`).
#[derive(Debug, Clone, Copy)]
pub struct PoolConfig {
    pub workers: usize,
    /// How long a claim lasts without renewal; renewed every third of it while working.
    pub lease: Duration,
    /// How often an idle worker looks for jobs nobody told it about.
    pub poll: Duration,
}

/// The wait before attempt `attempts + 1`: 2 s doubling, at most 5 minutes, with jitter so
/// jobs that failed together do not retry together.
pub fn backoff(attempts: u32) -> Duration {
    let base = Duration::from_secs(2)
        .saturating_mul(1 << attempts.saturating_sub(1).min(16))
        .min(Duration::from_secs(300));
    // uuid's random bits spare a dependency on a random number crate.
    let random = f64::from(uuid::Uuid::new_v4().as_u128() as u16) / f64::from(u16::MAX);
    let jitter = random * 0.5 + 0.75;
    base.mul_f64(jitter)
}

fn after(now: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    now + chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

/// Starts `config.workers` workers; they run until the returned task is aborted. A work made
/// ready is announced on `feed` (it may have become public).
pub(crate) fn spawn(
    maker: Maker,
    signals: Arc<Signals>,
    config: PoolConfig,
    feed: Arc<Hub>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..config.workers.max(1) {
            set.spawn(worker(maker.clone(), signals.clone(), config, feed.clone()));
        }
        while let Some(done) = set.join_next().await {
            if let Err(e) = done
                && e.is_panic()
            {
                tracing::error!(error = %e, "a derivative worker panicked");
            }
        }
    })
}

async fn worker(maker: Maker, signals: Arc<Signals>, config: PoolConfig, feed: Arc<Hub>) {
    let mut yielding = gate::Yielding::new(YIELD_CAP, STEADY_STREAM_PAUSE);
    loop {
        // Uploads first: they are what the uploader waits for, and these jobs can wait.
        yielding.before_claim(&signals.uploads).await;
        // Registered before looking, so a job queued meanwhile still wakes this worker.
        let woken = signals.wake.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        match maker
            .store
            .claim_derivative_jobs(artstation_common::now(), config.lease, 1)
            .await
        {
            Ok(jobs) if !jobs.is_empty() => {
                for job in jobs {
                    run(&maker, job, config.lease, &feed).await;
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot claim derivative jobs"),
        }
        tokio::select! {
            () = &mut woken => {}
            () = tokio::time::sleep(config.poll) => {}
        }
    }
}

/// Runs one claimed job to an outcome recorded in the store (or to a lost lease).
async fn run(maker: &Maker, job: ClaimedJob, lease: Duration, feed: &Hub) {
    let outcome = tokio::select! {
        outcome = attempt(maker, &job) => outcome,
        () = keep_lease(maker.store.as_ref(), &job, lease) => {
            tracing::warn!(artwork_id = %job.artwork_id, "derivative job lease lost; another worker has it");
            return;
        }
    };
    let now = artstation_common::now();
    let recorded = match outcome {
        Ok((artwork, made)) => {
            let r = maker.store.complete_derivative_job(&job, &made, now).await;
            if matches!(r, Ok(true)) {
                tracing::info!(artwork_id = %job.artwork_id, "derivatives made");
                // Followers' live feeds learn of it now, not at the upload.
                feed.published(&artwork.id, &artwork.artist_id).await;
            }
            r
        }
        Err(failure) => {
            let retry_at = match &failure {
                Failure::Transient(_) if job.attempts < MAX_ATTEMPTS => {
                    Some(after(now, backoff(job.attempts)))
                }
                _ => None,
            };
            tracing::warn!(
                artwork_id = %job.artwork_id,
                attempts = job.attempts,
                retry = retry_at.is_some(),
                reason = %failure,
                "cannot make derivatives"
            );
            maker
                .store
                .fail_derivative_job(&job, &failure.to_string(), retry_at, now)
                .await
        }
    };
    match recorded {
        Ok(true) => {}
        Ok(false) => {
            tracing::warn!(artwork_id = %job.artwork_id, "derivative job lease lost before recording");
        }
        // The lease runs out and the job is tried again.
        Err(e) => {
            tracing::warn!(artwork_id = %job.artwork_id, error = %e, "cannot record a derivative job")
        }
    }
}

async fn attempt(
    maker: &Maker,
    job: &ClaimedJob,
) -> Result<(ArtworkRecord, MadeDerivatives), Failure> {
    let artwork = maker
        .store
        .get(&job.artwork_id)
        .await
        .map_err(|e| Failure::Transient(e.to_string()))?
        .ok_or_else(|| Failure::Permanent("the artwork was deleted".to_owned()))?;
    let made = maker.make(&artwork).await?;
    Ok((artwork, made))
}

/// Renews the lease every third of its length; returns only when it is lost.
async fn keep_lease(store: &dyn ArtworkStore, job: &ClaimedJob, lease: Duration) {
    let mut tick = tokio::time::interval(lease / 3);
    tick.tick().await;
    loop {
        tick.tick().await;
        match store
            .renew_derivative_lease(job, after(artstation_common::now(), lease))
            .await
        {
            Ok(true) => {}
            Ok(false) => return,
            // A database hiccup: try again next tick; the lease is still good for a while.
            Err(e) => {
                tracing::warn!(artwork_id = %job.artwork_id, error = %e, "cannot renew a derivative lease")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(backoff(1) <= Duration::from_secs(3));
        assert!(backoff(3) >= Duration::from_secs(6));
        assert!(backoff(30) <= Duration::from_secs(375));
    }
}
