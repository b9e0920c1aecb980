//! The plan of a run, made before anything is sent: each file's metadata (flags, then its
//! sidecar, then its manifest row), its fingerprint, and whether the artist already has it. A
//! dry run prints the plan and stops there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use artstation_api::ArtworkStatus;
use artstation_domain::Title;

use super::discover::title_from_path;
use super::hash::Hashed;
use super::manifest::Overrides;
use super::report::{Failed, Planned, Report, Skipped, print_line};
use super::{Metadata, parse_price};
use crate::args::UploadArgs;
use crate::error::CliError;
use crate::output::Output;

/// A file to send and what to send with it.
#[derive(Debug, Clone)]
pub struct Job {
    pub path: PathBuf,
    pub shown: String,
    pub meta: Metadata,
    pub sha256: String,
    pub size: u64,
}

/// The flags as overrides of nothing: the base every file starts from.
pub fn flag_overrides(args: &UploadArgs) -> Result<Overrides, CliError> {
    let title = match &args.title {
        Some(t) => Some(
            Title::parse(t)
                .map_err(|e| CliError::Usage(format!("--title: {e}")))?
                .into_inner(),
        ),
        None => None,
    };
    let tags: Vec<String> = args
        .tags
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    Ok(Overrides {
        title,
        description: args.description.clone(),
        tags: Some(tags).filter(|t| !t.is_empty()),
        category: args.category.clone().filter(|c| !c.trim().is_empty()),
        price: match &args.price {
            Some(p) => Some(parse_price(p, &args.currency)?),
            None => None,
        },
        licence: args.licence.map(|l| l.as_str().to_owned()),
        edition: args.edition,
        draft: Some(args.draft),
    })
}

/// What is sent for `path` under `o`; a missing price or an underivable title fails the file.
pub fn metadata_for(path: &Path, o: Overrides) -> Result<Metadata, Failed> {
    let shown = path.display().to_string();
    let fail = |field: &str, message: String| Failed {
        path: shown.clone(),
        code: "validation_failed".into(),
        message,
        line: None,
        field: Some(field.to_owned()),
    };
    let title = match o.title {
        Some(t) => t,
        None => Title::parse(&title_from_path(path))
            .map_err(|e| fail("title", format!("cannot derive a title ({e}); use --title")))?
            .into_inner(),
    };
    let price = o.price.ok_or_else(|| {
        fail(
            "price",
            "no price: give --price, or a price in the manifest or a sidecar".into(),
        )
    })?;
    Ok(Metadata {
        title,
        description: o.description,
        tags: o.tags,
        category: o.category,
        price,
        licence: o.licence,
        edition_size: o.edition,
        status: Some(if o.draft.unwrap_or(false) {
            ArtworkStatus::Draft
        } else {
            ArtworkStatus::Published
        }),
    })
}

/// Splits hashed files into jobs and skips by what the artist already has (`existing`: SHA-256
/// → artwork id). Two files with the same bytes in one run: the first is sent, the other
/// skipped as its duplicate.
pub fn split(
    hashed: Vec<(Hashed, Metadata)>,
    existing: &HashMap<String, String>,
    report: &mut Report,
) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut first_of: HashMap<String, String> = HashMap::new();
    for (h, meta) in hashed {
        let shown = h.path.display().to_string();
        if let Some(id) = existing.get(&h.sha256) {
            report.skipped.push(Skipped {
                path: shown,
                id: id.clone(),
                reason: "already uploaded".into(),
            });
            continue;
        }
        if let Some(first) = first_of.get(&h.sha256) {
            report.skipped.push(Skipped {
                path: shown,
                id: String::new(),
                reason: format!("same file as {first}"),
            });
            continue;
        }
        first_of.insert(h.sha256.clone(), shown.clone());
        jobs.push(Job {
            path: h.path,
            shown,
            meta,
            sha256: h.sha256,
            size: h.size,
        });
    }
    jobs
}

/// `--dry-run`: what would be sent, then the skips and failures already known.
pub fn print_dry_run(out: &Output, jobs: &[Job], report: &mut Report) -> anyhow::Result<()> {
    for job in jobs {
        let m = &job.meta;
        let price = format!("{} {}", m.price.amount_minor, m.price.currency);
        let status = if m.status == Some(ArtworkStatus::Draft) {
            "draft"
        } else {
            "published"
        };
        print_line(
            out,
            &format!(
                "would upload\t{}\t{}\t{}\t{}\t{price}\t{status}",
                job.shown, job.size, job.sha256, m.title
            ),
            &format!(
                "+ {} ({} bytes) as {:?}, {price} minor units, {status}",
                job.shown, job.size, m.title
            ),
        )?;
        report.planned.push(Planned {
            path: job.shown.clone(),
            sha256: job.sha256.clone(),
            size: job.size,
            metadata: m.clone(),
        });
    }
    for s in &report.skipped {
        print_line(
            out,
            &format!("would skip\t{}\t{}\t{}", s.path, s.id, s.reason),
            &format!("- {}: {} ({})", s.path, s.reason, s.id),
        )?;
    }
    Ok(())
}
