//! `-j N` workers taking jobs from one queue, each with its own progress bar, every outcome
//! printed as it happens. A session that ends (not authenticated) stops the workers; what was
//! not attempted is reported as such.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::plan::Job;
use super::progress::{Progress, label};
use super::report::{Failed, Report, Skipped, Uploaded, print_failed, print_line};
use super::retry::Policy;
use super::transfer::{Auth, Meters, Outcome, upload_one};
use crate::error::{CliError, codes};
use crate::output::Output;

/// Sends `jobs` with `workers` at once, adding each outcome to `report`. Returns the error that
/// ended the session, if one did.
pub(super) async fn run(
    out: &Output,
    auth: &Auth<'_>,
    jobs: Vec<Job>,
    workers: usize,
    policy: Policy,
    progress: &Progress,
    report: &mut Report,
) -> Option<CliError> {
    progress.start(jobs.len(), jobs.iter().map(|j| j.size).sum());
    let queue = Mutex::new(VecDeque::from(jobs));
    let shared = Mutex::new(std::mem::take(report));
    let stop: Mutex<Option<CliError>> = Mutex::new(None);
    let stopped = AtomicBool::new(false);
    let sent = AtomicU64::new(0);
    let retries = AtomicU64::new(0);
    let n = workers
        .max(1)
        .min(queue.lock().map_or(1, |q| q.len().max(1)));
    let work = (1..=n).map(|i| {
        let (queue, shared, stop, stopped) = (&queue, &shared, &stop, &stopped);
        let (sent, retries) = (&sent, &retries);
        async move {
            let bar = progress.worker(i);
            while let Some(job) = next(queue) {
                if stopped.load(Ordering::Relaxed) {
                    record_failure(out, progress, shared, not_attempted(&job));
                    continue;
                }
                bar.set_message(label(&job.path));
                let meters = Meters {
                    bar: &bar,
                    overall: progress.overall(),
                    sent,
                    retries,
                };
                let result = upload_one(auth, &job, &meters, policy).await;
                progress.file_done();
                match result {
                    Ok(outcome) => record_success(out, progress, shared, &job, outcome),
                    Err(e) => {
                        let ended = e.exit_code() == codes::NOT_AUTHENTICATED;
                        record_failure(out, progress, shared, failure(&job, &e));
                        if ended {
                            stopped.store(true, Ordering::Relaxed);
                            if let Ok(mut s) = stop.lock() {
                                s.get_or_insert(e);
                            }
                        }
                    }
                }
            }
            bar.finish_and_clear();
        }
    });
    futures::future::join_all(work).await;
    *report = shared.into_inner().unwrap_or_default();
    *report.bytes_sent.get_or_insert(0) += sent.load(Ordering::Relaxed);
    *report.retried.get_or_insert(0) += retries.load(Ordering::Relaxed);
    stop.into_inner().ok().flatten()
}

/// The next job; the queue's lock is released before the job is worked on.
fn next(queue: &Mutex<VecDeque<Job>>) -> Option<Job> {
    queue.lock().ok()?.pop_front()
}

fn failure(job: &Job, e: &CliError) -> Failed {
    Failed {
        path: job.shown.clone(),
        code: e.code(),
        message: match e {
            CliError::Api(p) => p.message(),
            other => other.to_string(),
        },
        field: match e {
            CliError::Api(p) => p.field.clone(),
            _ => None,
        },
        line: None,
    }
}

fn not_attempted(job: &Job) -> Failed {
    Failed {
        path: job.shown.clone(),
        code: "not_authenticated".into(),
        message: "not attempted: the session ended".into(),
        ..Failed::default()
    }
}

fn record_failure(out: &Output, progress: &Progress, report: &Mutex<Report>, f: Failed) {
    progress.suspend(|| {
        if let Err(e) = print_failed(out, &f) {
            tracing::debug!(error = %e, "cannot print");
        }
    });
    if let Ok(mut r) = report.lock() {
        r.failed.push(f);
    }
}

fn record_success(
    out: &Output,
    progress: &Progress,
    report: &Mutex<Report>,
    job: &Job,
    outcome: Outcome,
) {
    let shown = job.shown.clone();
    let printed = progress.suspend(|| match &outcome {
        Outcome::Uploaded(id) => print_line(
            out,
            &format!("uploaded\t{shown}\t{id}"),
            &format!("✓ {shown} → {id}"),
        ),
        Outcome::Skipped { id, reason } => print_line(
            out,
            &format!("skipped\t{shown}\t{id}\t{reason}"),
            &format!("- {shown}: {reason} ({id})"),
        ),
    });
    if let Err(e) = printed {
        tracing::debug!(error = %e, "cannot print");
    }
    let Ok(mut r) = report.lock() else { return };
    match outcome {
        Outcome::Uploaded(id) => r.uploaded.push(Uploaded { path: shown, id }),
        Outcome::Skipped { id, reason } => r.skipped.push(Skipped {
            path: shown,
            id,
            reason,
        }),
    }
}
