//! `artstation upload`: a bulk upload in the manner of rclone. Files are found (`discover`),
//! their metadata taken from the flags, sidecars and a manifest, all checked before anything is
//! sent (`manifest`, `plan`); they are hashed in parallel (`hash`, unless unchanged since a
//! former run: `hash_cache`) and the server is asked which
//! the artist already has (`lookup`), so those are skipped without sending a byte; the rest go
//! `-j` at a time (`pool`, `transfer`, with `retry`) behind progress bars (`progress`), and
//! every path ends in the report (`report`). `--watch` keeps doing so for a folder (`watch`).

mod csv;
mod discover;
mod hash;
mod hash_cache;
mod lookup;
mod manifest;
mod plan;
mod pool;
mod progress;
mod report;
mod retry;
mod transfer;
mod watch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use artstation_api::Price;
use artstation_domain::{Currency, Money};

use crate::args::UploadArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub use discover::{IMAGE_EXTENSIONS, content_type, expand, title_from_path};
pub use report::{Failed, Report, Skipped, Uploaded};

use manifest::{Defaults, Overrides, RowError};
use progress::Progress;
use report::{print_failed, print_line};

/// What is sent as the `metadata` part.
pub use artstation_api::UploadMetadata as Metadata;

/// `--price 12.50 --currency usd` → exact minor units; a bad value is a usage error.
pub fn parse_price(amount: &str, currency: &str) -> Result<Price, CliError> {
    let currency =
        Currency::parse(currency).map_err(|e| CliError::Usage(format!("--currency: {e}")))?;
    let money = Money::parse_decimal(amount, currency)
        .map_err(|e| CliError::Usage(format!("--price: {e}")))?;
    Ok(Price::from(money))
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

pub async fn run(out: &Output, session: &mut Session, args: UploadArgs) -> anyhow::Result<()> {
    if let Some(dir) = args.watch.clone() {
        return watch::run(out, session, &args, &dir).await;
    }
    let base = plan::flag_overrides(&args)?;
    let defaults = Defaults {
        price: args.price.as_deref(),
        currency: &args.currency,
    };
    let mut report = Report::default();
    let (rows, mut errors) = match &args.manifest {
        Some(file) => manifest::load(file, defaults),
        None => (Vec::new(), Vec::new()),
    };
    let (mut files, failed) = expand(&args.paths);
    report.failed.extend(failed);
    let mut row_of: HashMap<PathBuf, Overrides> = HashMap::new();
    let known: std::collections::HashSet<PathBuf> = files.iter().map(|f| canonical(f)).collect();
    for row in rows {
        let key = canonical(&row.path);
        if !known.contains(&key) {
            files.push(row.path.clone());
        }
        row_of.insert(key, row.overrides);
    }
    if files.is_empty() && report.failed.is_empty() && errors.is_empty() {
        return Err(CliError::Usage(
            "no .png, .jpg, .jpeg or .webp files in the given folders".into(),
        )
        .into());
    }
    let none = Overrides::default();
    let mut ready = Vec::new();
    for file in files {
        let side = match manifest::sidecar(&file, defaults) {
            Ok(side) => side.unwrap_or_default(),
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let row = row_of.get(&canonical(&file)).unwrap_or(&none);
        match plan::metadata_for(&file, base.clone().then(&side).then(row)) {
            Ok(meta) => ready.push((file, meta)),
            Err(f) => report.failed.push(f),
        }
    }
    for f in &report.failed {
        print_failed(out, f)?;
    }
    if !errors.is_empty() {
        let refused = refuse_rows(out, &errors, &mut report)?;
        if !args.skip_invalid {
            emit(out, &args, &report)?;
            return Err(CliError::Invalid(format!(
                "{refused} error(s) in the metadata; nothing was sent (fix them, or upload the \
                 valid rows with --skip-invalid)"
            ))
            .into());
        }
    }

    // Not being logged in fails the run before any bytes move; a dry run can still show what
    // it would send, only not what is already there.
    let logged_in = match session.bearer().await {
        Ok(_) => true,
        Err(e) if args.dry_run => {
            out.note(format!("{e}; cannot tell what is already uploaded"));
            false
        }
        Err(e) => return Err(e.into()),
    };
    let progress = Progress::new(out);
    let known_failures = report.failed.len();
    let (jobs, ended) = prepare(session, ready, logged_in, &progress, &mut report).await;
    for f in &report.failed[known_failures..] {
        progress.suspend(|| print_failed(out, f))?;
    }
    if let Some(e) = ended {
        progress.finish();
        return Err(e.into());
    }
    if args.dry_run {
        progress.finish();
        plan::print_dry_run(out, &jobs, &mut report)?;
        report.bytes_sent = Some(0);
        return finish(out, &args, &report, None);
    }
    for s in &report.skipped {
        print_line(
            out,
            &format!("skipped\t{}\t{}\t{}", s.path, s.id, s.reason),
            &format!("- {}: {} ({})", s.path, s.reason, s.id),
        )?;
    }
    let auth = transfer::Auth::new(session);
    let policy = retry::Policy {
        retries: args.retries,
    };
    let workers = usize::try_from(args.jobs).unwrap_or(1);
    let ended = pool::run(out, &auth, jobs, workers, policy, &progress, &mut report).await;
    progress.finish();
    finish(out, &args, &report, ended)
}

/// Prints every refused manifest or sidecar row and adds it to the report.
fn refuse_rows(out: &Output, errors: &[RowError], report: &mut Report) -> anyhow::Result<usize> {
    for e in errors {
        let f = e.to_failed();
        print_failed(out, &f)?;
        report.failed.push(f);
    }
    Ok(errors.len())
}

/// Hashes the files, asks which exist, and splits them into jobs and skips.
async fn prepare(
    session: &mut Session,
    ready: Vec<(PathBuf, Metadata)>,
    logged_in: bool,
    progress: &Progress,
    report: &mut Report,
) -> (Vec<plan::Job>, Option<CliError>) {
    let bar = progress.hashing(ready.len());
    let mut meta_of: HashMap<PathBuf, Metadata> = HashMap::new();
    let mut paths = Vec::with_capacity(ready.len());
    for (path, meta) in ready {
        paths.push(path.clone());
        meta_of.insert(path, meta);
    }
    let (hashed, failed) = hash::hash_with_cache(paths, || bar.inc(1)).await;
    bar.finish_and_clear();
    report.files_hashed = Some(hashed.iter().filter(|h| h.read).count() as u64);
    report.failed.extend(failed);
    let existing = if logged_in {
        let shas: Vec<String> = hashed.iter().map(|h| h.sha256.clone()).collect();
        match lookup::existing(session, &shas).await {
            Ok(found) => found,
            Err(e) => return (Vec::new(), Some(e)),
        }
    } else {
        HashMap::new()
    };
    let with_meta = hashed
        .into_iter()
        .filter_map(|h| meta_of.remove(&h.path).map(|m| (h, m)))
        .collect();
    (plan::split(with_meta, &existing, report), None)
}

/// The report to its file and to stdout (`--json`) or a summary line, then the exit status.
fn finish(
    out: &Output,
    args: &UploadArgs,
    report: &Report,
    ended: Option<CliError>,
) -> anyhow::Result<()> {
    emit(out, args, report)?;
    if let Some(e) = ended {
        return Err(e.into());
    }
    report.outcome().map_err(Into::into)
}

/// The report to its file and to stdout (`--json`), or a summary line.
fn emit(out: &Output, args: &UploadArgs, report: &Report) -> anyhow::Result<()> {
    if let Some(path) = &args.report {
        report::write_file(report, path)?;
    }
    if out.json {
        out.json(report)?;
    } else {
        let planned = if args.dry_run {
            format!("{} to upload, ", report.planned.len())
        } else {
            String::new()
        };
        out.note(format!(
            "{planned}{} uploaded, {} skipped, {} failed",
            report.uploaded.len(),
            report.skipped.len(),
            report.failed.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use artstation_api::ArtworkStatus;
    use serde_json::json;

    #[test]
    fn price_glue_uses_exact_minor_units() -> anyhow::Result<()> {
        assert_eq!(
            parse_price("12.50", "usd")?,
            Price {
                amount_minor: 1250,
                currency: "USD".into()
            }
        );
        assert_eq!(parse_price("12.5", "EUR")?.amount_minor, 1250);
        assert_eq!(parse_price("500", "JPY")?.amount_minor, 500);
        for (amount, cur) in [
            ("12.505", "USD"),
            ("1.5", "JPY"),
            ("-1", "USD"),
            ("abc", "USD"),
            ("1", "XXX"),
        ] {
            assert!(
                matches!(parse_price(amount, cur), Err(CliError::Usage(_))),
                "{amount} {cur}"
            );
        }
        Ok(())
    }

    #[test]
    fn metadata_json_omits_what_was_not_given() -> anyhow::Result<()> {
        let meta = Metadata {
            title: "Sunset".into(),
            description: None,
            tags: None,
            category: None,
            price: Price {
                amount_minor: 1250,
                currency: "USD".into(),
            },
            licence: Some("personal".into()),
            edition_size: None,
            status: Some(ArtworkStatus::Draft),
        };
        assert_eq!(
            serde_json::to_value(&meta)?,
            json!({"title": "Sunset", "price": {"amount_minor": 1250, "currency": "USD"}, "licence": "personal", "status": "draft"})
        );
        Ok(())
    }
}
