//! `artstation upload --watch DIR`: a hot folder. DIR is polled every second; an image whose
//! size and modification time stayed the same since the last poll is done being written and is
//! uploaded as a draft (unless the artist already has it), printed as it goes. Ctrl-C stops
//! at once (an upload in flight is abandoned, and the server keeps nothing of it) and prints
//! the summary.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::manifest::{self, Defaults};
use super::plan::{self, Job};
use super::progress::Progress;
use super::report::{Report, print_failed, print_line};
use super::transfer::Auth;
use super::{discover, finish, hash, lookup, pool, retry};
use crate::args::UploadArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

/// How often the folder is looked at; a file must look the same twice in a row to be sent.
const POLL: Duration = Duration::from_secs(1);

/// What a file looked like: its size and modification time.
type Seen = (u64, Option<SystemTime>);

pub async fn run(
    out: &Output,
    session: &mut Session,
    args: &UploadArgs,
    dir: &Path,
) -> anyhow::Result<()> {
    if !std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
        return Err(CliError::Usage(format!("--watch {}: not a folder", dir.display())).into());
    }
    let mut base = plan::flag_overrides(args)?;
    // A hot folder collects exports to look at before they are published.
    base.draft = Some(true);
    let defaults = Defaults {
        price: args.price.as_deref(),
        currency: &args.currency,
    };
    session.bearer().await?;
    let auth = Auth::new(session);
    let progress = Progress::new(out);
    let policy = retry::Policy {
        retries: args.retries,
    };
    let workers = usize::try_from(args.jobs).unwrap_or(1);
    let mut report = Report::default();
    let mut last: HashMap<PathBuf, Seen> = HashMap::new();
    let mut done: HashMap<PathBuf, Seen> = HashMap::new();
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    out.note(format!(
        "watching {} for new images (uploaded as drafts); Ctrl-C stops",
        dir.display()
    ));
    let mut ended = None;
    loop {
        tokio::select! {
            _ = &mut ctrl_c => break,
            _ = tick.tick() => {}
        }
        let (ready, now) = settled(dir, &last, &done);
        last = now;
        if ready.is_empty() {
            continue;
        }
        for (path, seen) in &ready {
            done.insert(path.clone(), *seen);
        }
        let batch = async {
            let jobs = prepare(out, &auth, &base, defaults, &ready, &mut report).await?;
            Ok::<_, CliError>(
                pool::run(out, &auth, jobs, workers, policy, &progress, &mut report).await,
            )
        };
        tokio::select! {
            _ = &mut ctrl_c => break,
            result = batch => match result {
                Ok(None) => {}
                Ok(Some(e)) | Err(e) => {
                    ended = Some(e);
                    break;
                }
            },
        }
    }
    progress.finish();
    finish(out, args, &report, ended)
}

/// Images under `dir` that look as they did at the last poll (so nothing is still writing
/// them) and differ from what was last sent, and what every image looks like now.
fn settled(
    dir: &Path,
    last: &HashMap<PathBuf, Seen>,
    done: &HashMap<PathBuf, Seen>,
) -> (Vec<(PathBuf, Seen)>, HashMap<PathBuf, Seen>) {
    let (files, _) = discover::expand(&[dir.to_owned()]);
    let mut now = HashMap::new();
    let mut ready = Vec::new();
    for file in files {
        let Ok(meta) = std::fs::metadata(&file) else {
            continue;
        };
        let seen = (meta.len(), meta.modified().ok());
        now.insert(file.clone(), seen);
        if done.get(&file) != Some(&seen) && last.get(&file) == Some(&seen) {
            ready.push((file, seen));
        }
    }
    (ready, now)
}

/// Metadata, fingerprints and the lookup for one settled batch; skips and refusals are
/// reported here, the jobs left are returned.
async fn prepare(
    out: &Output,
    auth: &Auth<'_>,
    base: &manifest::Overrides,
    defaults: Defaults<'_>,
    ready: &[(PathBuf, Seen)],
    report: &mut Report,
) -> Result<Vec<Job>, CliError> {
    let mut meta_of = HashMap::new();
    for (path, _) in ready {
        let side = match manifest::sidecar(path, defaults) {
            Ok(side) => side.unwrap_or_default(),
            Err(errors) => {
                for e in errors {
                    let f = e.to_failed();
                    print_or_log(print_failed(out, &f));
                    report.failed.push(f);
                }
                continue;
            }
        };
        match plan::metadata_for(path, base.clone().then(&side)) {
            Ok(meta) => {
                meta_of.insert(path.clone(), meta);
            }
            Err(f) => {
                print_or_log(print_failed(out, &f));
                report.failed.push(f);
            }
        }
    }
    let paths: Vec<PathBuf> = meta_of.keys().cloned().collect();
    let (hashed, failed) = hash::hash_with_cache(paths, || {}).await;
    for f in failed {
        print_or_log(print_failed(out, &f));
        report.failed.push(f);
    }
    let shas: Vec<String> = hashed.iter().map(|h| h.sha256.clone()).collect();
    let existing = {
        let mut session = auth.session().await;
        lookup::existing(&mut session, &shas).await?
    };
    let with_meta = hashed
        .into_iter()
        .filter_map(|h| meta_of.remove(&h.path).map(|m| (h, m)))
        .collect();
    let skipped_before = report.skipped.len();
    let jobs = plan::split(with_meta, &existing, report);
    for s in &report.skipped[skipped_before..] {
        print_or_log(print_line(
            out,
            &format!("skipped\t{}\t{}\t{}", s.path, s.id, s.reason),
            &format!("- {}: {} ({})", s.path, s.reason, s.id),
        ));
    }
    Ok(jobs)
}

fn print_or_log(result: anyhow::Result<()>) {
    if let Err(e) = result {
        tracing::debug!(error = %e, "cannot print");
    }
}
