//! The derivative queue on every `ArtworkStore` backend: an upload's row comes with its job,
//! a pending work stays out of the public set until its job is done, a claim is a lease that
//! runs out (a dead worker's job is claimed again, and the old holder can no longer finish
//! it), failures retry at their time and then fail for good, and concurrent claimers never
//! get the same job.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use artstation_artwork::store::{
    ArtworkRecord, ArtworkStore, Derivative, DerivativeState, Filter, JobState, MadeDerivatives,
    Sort,
};
use chrono::{DateTime, Utc};
use common::on_every_backend;

const LEASE: Duration = Duration::from_secs(30);

fn pending(artist: &str, title: &str) -> ArtworkRecord {
    ArtworkRecord {
        derivatives: DerivativeState::Pending,
        ..common::work(artist, title, 500, &["sky"])
    }
}

fn made(id: &str, near_duplicate_of: Option<String>) -> MadeDerivatives {
    MadeDerivatives {
        thumbnail: Derivative {
            blob_key: format!("derivatives/{id}/thumbnail"),
            sha256: "t".repeat(64),
        },
        preview: Derivative {
            blob_key: format!("derivatives/{id}/preview"),
            sha256: "p".repeat(64),
        },
        phash: 0x9f3a_5c71_e20b_d846,
        near_duplicate_of,
    }
}

fn later(secs: i64) -> DateTime<Utc> {
    artstation_common::now() + chrono::Duration::seconds(secs)
}

/// Titles in the public set, by the artworks walk and by the tag index walk.
async fn public(store: &Arc<dyn ArtworkStore>) -> Result<(Vec<String>, Vec<String>)> {
    let all = common::titles(store, Filter::default(), Sort::New).await?;
    let tagged = common::titles(
        store,
        Filter {
            tag: common::tags(&["sky"]).into_iter().next(),
            ..Filter::default()
        },
        Sort::New,
    )
    .await?;
    Ok((all, tagged))
}

#[tokio::test]
async fn a_pending_work_joins_the_public_set_when_its_job_is_done() -> Result<()> {
    on_every_backend(|store| async move {
        let older = common::work("bob", "Older", 300, &["sky"]);
        store.create(&older).await?;
        ensure!(store.derivative_job(&older.id).await?.is_none());
        let new = pending("ann", "Fresh");
        store.create(&new).await?;
        let job = store.derivative_job(&new.id).await?.context("no job")?;
        ensure!(
            job.state == JobState::Queued && job.attempts == 0,
            "{job:?}"
        );

        let got = store.get(&new.id).await?.context("row")?;
        ensure!(got.derivatives == DerivativeState::Pending && got.thumbnail.is_none());
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        ensure!(public(&store).await? == (names(&["Older"]), names(&["Older"])));
        // Not a near-duplicate candidate either while pending.
        ensure!(
            store
                .near_duplicate("carl", made(&new.id, None).phash, 0)
                .await?
                .is_none()
        );

        let claimed = store
            .claim_derivative_jobs(artstation_common::now(), LEASE, 10)
            .await?;
        ensure!(claimed.len() == 1 && claimed[0].artwork_id == new.id);
        ensure!(claimed[0].attempts == 1);
        // Leased: nobody else gets it meanwhile.
        ensure!(
            store
                .claim_derivative_jobs(artstation_common::now(), LEASE, 10)
                .await?
                .is_empty()
        );

        let result = made(&new.id, Some(older.id.clone()));
        ensure!(
            store
                .complete_derivative_job(&claimed[0], &result, artstation_common::now())
                .await?
        );
        let got = store.get(&new.id).await?.context("row")?;
        ensure!(got.derivatives == DerivativeState::Ready);
        ensure!(got.thumbnail == Some(result.thumbnail.clone()));
        ensure!(got.preview == Some(result.preview.clone()));
        ensure!(got.phash == Some(result.phash));
        ensure!(got.near_duplicate_of == Some(older.id.clone()));
        let job = store.derivative_job(&new.id).await?.context("job")?;
        ensure!(
            job.state == JobState::Done && job.last_error.is_none(),
            "{job:?}"
        );
        ensure!(public(&store).await? == (names(&["Fresh", "Older"]), names(&["Fresh", "Older"])));
        // The hash now takes part in near-duplicate search.
        ensure!(
            store
                .near_duplicate("carl", result.phash, 0)
                .await?
                .map(|(id, _)| id)
                == Some(new.id.clone())
        );
        // Done is done: the same lease finishes nothing twice.
        ensure!(
            !store
                .complete_derivative_job(&claimed[0], &result, artstation_common::now())
                .await?
        );
        // The backfill's rows are the ready ones lacking derivatives, never a queued one.
        let queued = pending("ann", "Queued");
        store.create(&queued).await?;
        let missing: Vec<String> = store
            .missing_derivatives(100, None)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect();
        ensure!(missing == [older.id.clone()], "{missing:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_expired_lease_is_claimed_again_and_failures_retry_then_fail() -> Result<()> {
    on_every_backend(|store| async move {
        let a = pending("ann", "Stubborn");
        store.create(&a).await?;
        let first = store
            .claim_derivative_jobs(artstation_common::now(), LEASE, 1)
            .await?
            .pop()
            .context("first claim")?;
        ensure!(
            store
                .claim_derivative_jobs(later(20), LEASE, 1)
                .await?
                .is_empty()
        );
        // The holder renews while it works…
        ensure!(store.renew_derivative_lease(&first, later(40)).await?);
        ensure!(
            store
                .claim_derivative_jobs(later(35), LEASE, 1)
                .await?
                .is_empty()
        );
        // …then stops (it died): once the lease runs out the job is claimed again.
        let second = store
            .claim_derivative_jobs(later(41), LEASE, 1)
            .await?
            .pop()
            .context("the expired lease was not claimed again")?;
        ensure!(second.artwork_id == a.id && second.attempts == 2);
        ensure!(second.lease != first.lease);
        // The old holder can neither renew nor finish it.
        ensure!(!store.renew_derivative_lease(&first, later(100)).await?);
        ensure!(
            !store
                .complete_derivative_job(&first, &made(&a.id, None), artstation_common::now())
                .await?
        );
        ensure!(
            !store
                .fail_derivative_job(&first, "late", None, artstation_common::now())
                .await?
        );
        ensure!(store.get(&a.id).await?.context("row")?.derivatives == DerivativeState::Pending);

        // A transient failure: queued again, due at its retry time.
        ensure!(
            store
                .fail_derivative_job(&second, "storage hiccup", Some(later(60)), later(41))
                .await?
        );
        let job = store.derivative_job(&a.id).await?.context("job")?;
        ensure!(job.state == JobState::Queued, "{job:?}");
        ensure!(job.last_error.as_deref() == Some("storage hiccup"));
        ensure!(
            store
                .claim_derivative_jobs(later(59), LEASE, 1)
                .await?
                .is_empty()
        );
        let third = store
            .claim_derivative_jobs(later(61), LEASE, 1)
            .await?
            .pop()
            .context("the retry was not claimed")?;
        ensure!(third.attempts == 3);
        // Given up: the job and the artwork are failed, with the reason kept.
        ensure!(
            store
                .fail_derivative_job(&third, "does not decode", None, later(61))
                .await?
        );
        let job = store.derivative_job(&a.id).await?.context("job")?;
        ensure!(
            job.state == JobState::Failed && job.attempts == 3,
            "{job:?}"
        );
        ensure!(job.last_error.as_deref() == Some("does not decode"));
        ensure!(store.get(&a.id).await?.context("row")?.derivatives == DerivativeState::Failed);
        ensure!(
            store
                .claim_derivative_jobs(later(3600), LEASE, 1)
                .await?
                .is_empty()
        );
        ensure!(
            common::titles(&store, Filter::default(), Sort::New)
                .await?
                .is_empty()
        );
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claimers_never_get_the_same_job() -> Result<()> {
    on_every_backend(|store| async move {
        let mut ids = BTreeSet::new();
        for n in 0..40 {
            let a = pending("ann", &format!("Work {n}"));
            store.create(&a).await?;
            ids.insert(a.id);
        }
        let mut claimers = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let store = store.clone();
            claimers.spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let got = store
                        .claim_derivative_jobs(artstation_common::now(), LEASE, 3)
                        .await?;
                    if got.is_empty() {
                        return anyhow::Ok(mine);
                    }
                    mine.extend(got.into_iter().map(|j| j.artwork_id));
                    tokio::task::yield_now().await;
                }
            });
        }
        let mut claimed = Vec::new();
        while let Some(got) = claimers.join_next().await {
            claimed.extend(got??);
        }
        let distinct: BTreeSet<String> = claimed.iter().cloned().collect();
        ensure!(
            claimed.len() == distinct.len(),
            "{} claims of {} jobs",
            claimed.len(),
            distinct.len()
        );
        ensure!(
            distinct == ids,
            "claimed {} of {}",
            distinct.len(),
            ids.len()
        );
        Ok(())
    })
    .await
}
