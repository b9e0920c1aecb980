//! `artstation upload PATH...`: sequential uploads with a progress bar per file, streamed from
//! disk so a large original is never held in memory, and a report of what happened to each path.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use artstation_api::{Artwork, ArtworkStatus, Price};
use artstation_domain::{Currency, Money, Title};
use futures::TryStreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use reqwest::multipart::{Form, Part};
use serde::Serialize;

use crate::api;
use crate::args::UploadArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

/// Extensions picked up when walking folders (compared case-insensitively).
pub const IMAGE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// The `--json` document of the contract.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Report {
    pub uploaded: Vec<Uploaded>,
    pub skipped: Vec<Skipped>,
    pub failed: Vec<Failed>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Uploaded {
    pub path: String,
    pub id: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Failed {
    pub path: String,
    pub code: String,
    pub message: String,
}

impl Report {
    pub fn total(&self) -> usize {
        self.uploaded.len() + self.skipped.len() + self.failed.len()
    }

    /// Exit status of the whole run: all failed is an error, some failed is exit 5.
    pub fn outcome(&self) -> Result<(), CliError> {
        let failed = self.failed.len();
        if failed == 0 {
            return Ok(());
        }
        if failed == self.total() {
            let first = &self.failed[0];
            return Err(CliError::Api(Box::new(crate::error::Problem {
                status: 0,
                code: first.code.clone(),
                title: None,
                detail: Some(if failed == 1 {
                    format!("{}: {}", first.path, first.message)
                } else {
                    format!(
                        "all {failed} uploads failed; first, {}: {}",
                        first.path, first.message
                    )
                }),
                ..crate::error::Problem::default()
            })));
        }
        Err(CliError::PartialFailure {
            failed,
            total: self.total(),
        })
    }
}

/// What is sent as the `metadata` part; the same for every file but the title.
pub use artstation_api::UploadMetadata as Metadata;

/// `--price 12.50 --currency usd` → exact minor units; a bad value is a usage error.
pub fn parse_price(amount: &str, currency: &str) -> Result<Price, CliError> {
    let currency =
        Currency::parse(currency).map_err(|e| CliError::Usage(format!("--currency: {e}")))?;
    let money = Money::parse_decimal(amount, currency)
        .map_err(|e| CliError::Usage(format!("--price: {e}")))?;
    Ok(Price::from(money))
}

/// The metadata template from the flags; `title` is filled per file unless `--title` was given.
pub fn metadata_template(args: &UploadArgs) -> Result<Metadata, CliError> {
    let title = match &args.title {
        Some(t) => Title::parse(t)
            .map_err(|e| CliError::Usage(format!("--title: {e}")))?
            .into_inner(),
        None => String::new(),
    };
    let tags = args
        .tags
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    Ok(Metadata {
        title,
        description: args.description.clone(),
        tags: Some(tags).filter(|t: &Vec<String>| !t.is_empty()),
        category: args.category.clone().filter(|c| !c.trim().is_empty()),
        price: parse_price(&args.price, &args.currency)?,
        licence: args.licence.map(|l| l.as_str().to_owned()),
        edition_size: args.edition,
        status: Some(if args.draft {
            ArtworkStatus::Draft
        } else {
            ArtworkStatus::Published
        }),
    })
}

/// "sunset_over-the-sea.png" → "sunset over the sea".
pub fn title_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn content_type(path: &Path) -> &'static str {
    match extension(path).as_deref() {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn is_image(path: &Path) -> bool {
    extension(path).is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}

/// Files named on the command line are taken as they are (the server judges their type);
/// folders are walked for images, in name order, skipping hidden entries and not following
/// symlinked folders (which could loop). A path given twice is uploaded once.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failed>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut files, &mut failed),
            Ok(_) => files.push(path.clone()),
            Err(e) => failed.push(io_failure(path, &e)),
        }
    }
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, failed)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failed: &mut Vec<Failed>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return failed.push(io_failure(dir, &e)),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, failed);
        } else if is_image(&path) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            files.push(path);
        }
    }
}

fn io_failure(path: &Path, e: &std::io::Error) -> Failed {
    Failed {
        path: path.display().to_string(),
        code: if e.kind() == std::io::ErrorKind::NotFound {
            "not_found".into()
        } else {
            "io_error".into()
        },
        message: e.to_string(),
    }
}

enum Outcome {
    Uploaded(String),
    Skipped { id: String, reason: String },
}

pub async fn run(out: &Output, session: &mut Session, args: UploadArgs) -> anyhow::Result<()> {
    let template = metadata_template(&args)?;
    let (files, failed) = expand(&args.paths);
    if files.is_empty() && failed.is_empty() {
        return Err(CliError::Usage(
            "no .png, .jpg, .jpeg or .webp files in the given folders".into(),
        )
        .into());
    }
    // Not being logged in fails the run before any bytes move.
    session.bearer().await?;

    let mut report = Report {
        failed,
        ..Report::default()
    };
    for f in &report.failed {
        print_failed(out, f)?;
    }
    let show_bars = out.stderr_tty && !out.json && !out.quiet;
    let total = files.len();
    let mut aborted = None;
    for (i, path) in files.iter().enumerate() {
        let shown = path.display().to_string();
        if aborted.is_some() {
            report.failed.push(Failed {
                path: shown,
                code: "not_authenticated".into(),
                message: "not attempted: the session ended".into(),
            });
            continue;
        }
        let mut meta = template.clone();
        if args.title.is_none() {
            meta.title = match Title::parse(&title_from_path(path)) {
                Ok(t) => t.into_inner(),
                Err(e) => {
                    let f = Failed {
                        path: shown,
                        code: "validation_failed".into(),
                        message: format!("cannot derive a title ({e}); use --title"),
                    };
                    print_failed(out, &f)?;
                    report.failed.push(f);
                    continue;
                }
            };
        }
        let bar = progress_bar(show_bars, path, i + 1, total);
        let result = upload_one(session, path, &meta, &bar).await;
        bar.finish_and_clear();
        match result {
            Ok(Outcome::Uploaded(id)) => {
                print_line(
                    out,
                    &format!("uploaded\t{shown}\t{id}"),
                    &format!("✓ {shown} → {id}"),
                )?;
                report.uploaded.push(Uploaded { path: shown, id });
            }
            Ok(Outcome::Skipped { id, reason }) => {
                print_line(
                    out,
                    &format!("skipped\t{shown}\t{id}\t{reason}"),
                    &format!("- {shown}: {reason} ({id})"),
                )?;
                report.skipped.push(Skipped {
                    path: shown,
                    id,
                    reason,
                });
            }
            Err(e) => {
                let not_authenticated = e.exit_code() == crate::error::codes::NOT_AUTHENTICATED;
                let f = Failed {
                    path: shown,
                    code: e.code(),
                    message: match &e {
                        CliError::Api(p) => p.message(),
                        other => other.to_string(),
                    },
                };
                print_failed(out, &f)?;
                report.failed.push(f);
                if not_authenticated {
                    aborted = Some(e);
                }
            }
        }
    }

    if out.json {
        out.json(&report)?;
    } else {
        out.note(format!(
            "{} uploaded, {} skipped, {} failed",
            report.uploaded.len(),
            report.skipped.len(),
            report.failed.len()
        ));
    }
    if let Some(e) = aborted {
        return Err(e.into());
    }
    report.outcome().map_err(Into::into)
}

fn print_line(out: &Output, plain: &str, pretty: &str) -> anyhow::Result<()> {
    if out.json {
        return Ok(());
    }
    out.line(if out.stdout_tty { pretty } else { plain })
}

fn print_failed(out: &Output, f: &Failed) -> anyhow::Result<()> {
    print_line(
        out,
        &format!("failed\t{}\t{}\t{}", f.path, f.code, f.message),
        &format!("✗ {}: {} ({})", f.path, f.message, f.code),
    )
}

fn progress_bar(show: bool, path: &Path, n: usize, total: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    bar.set_message(format!("[{n}/{total}] {name}"));
    bar
}

async fn upload_one(
    session: &mut Session,
    path: &Path,
    meta: &Metadata,
    bar: &ProgressBar,
) -> Result<Outcome, CliError> {
    let metadata_json =
        serde_json::to_string(meta).map_err(|e| CliError::Invalid(e.to_string()))?;
    let token = session.bearer().await?;
    let mut response = send_file(session, path, &metadata_json, &token, bar).await?;
    if response.status() == reqwest::StatusCode::UNAUTHORIZED && session.can_refresh() {
        // The body stream is spent, so the retry reopens the file.
        session.refresh().await?;
        let token = session.bearer().await?;
        response = send_file(session, path, &metadata_json, &token, bar).await?;
    }
    match api::json::<Artwork>(response).await {
        Ok(artwork) => Ok(Outcome::Uploaded(artwork.id)),
        Err(CliError::Api(p)) if p.status == 409 && p.existing_id.is_some() => {
            Ok(Outcome::Skipped {
                id: p.existing_id.clone().unwrap_or_default(),
                reason: "already uploaded".into(),
            })
        }
        Err(e) => Err(e),
    }
}

async fn send_file(
    session: &Session,
    path: &Path,
    metadata_json: &str,
    token: &str,
    bar: &ProgressBar,
) -> Result<reqwest::Response, CliError> {
    let io = |e: std::io::Error| CliError::Invalid(format!("{}: {e}", path.display()));
    let file = tokio::fs::File::open(path).await.map_err(io)?;
    let len = file.metadata().await.map_err(io)?.len();
    bar.set_length(len);
    bar.set_position(0);
    let progress = bar.clone();
    let stream = tokio_util::io::ReaderStream::new(file)
        .inspect_ok(move |chunk| progress.inc(chunk.len() as u64));
    let file_name = path
        .file_name()
        .map_or_else(|| "upload".to_owned(), |n| n.to_string_lossy().into_owned());
    let bad_mime = |e: reqwest::Error| CliError::Invalid(format!("content type: {e}"));
    let file_part = Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
        .file_name(file_name)
        .mime_str(content_type(path))
        .map_err(bad_mime)?;
    let metadata_part = Part::text(metadata_json.to_owned())
        .mime_str("application/json")
        .map_err(bad_mime)?;
    // The server reads `metadata` first so it can refuse before the file's bytes arrive.
    let form = Form::new()
        .part("metadata", metadata_part)
        .part("file", file_part);
    let request = session
        .api
        .client()
        .post(session.api.url(&["v1", "artworks"]))
        .bearer_auth(token)
        .multipart(form);
    session.api.send(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn titles_come_from_file_names() {
        assert_eq!(
            title_from_path(Path::new("/a/sunset_over-the  sea.png")),
            "sunset over the sea"
        );
        assert_eq!(title_from_path(Path::new("x.tar.webp")), "x.tar");
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type(Path::new("a.PNG")), "image/png");
        assert_eq!(content_type(Path::new("a.jpeg")), "image/jpeg");
        assert_eq!(content_type(Path::new("a.webp")), "image/webp");
        assert_eq!(content_type(Path::new("a.gif")), "application/octet-stream");
    }

    #[test]
    fn expansion_walks_folders_for_images_only() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deeper"))?;
        std::fs::create_dir_all(root.join(".hidden"))?;
        for f in [
            "b.png",
            "a.JPG",
            "notes.txt",
            "sub/c.webp",
            "sub/deeper/d.jpeg",
            ".hidden/e.png",
            ".f.png",
        ] {
            std::fs::write(root.join(f), b"x")?;
        }
        let explicit = root.join("notes.txt");
        let missing = root.join("missing.png");
        let (files, failed) = expand(&[
            root.to_owned(),
            explicit.clone(),
            missing,
            root.join("b.png"),
        ]);
        let rel: Vec<String> = files
            .iter()
            .map(|f| {
                f.strip_prefix(root)
                    .map_or_else(|_| f.display().to_string(), |p| p.display().to_string())
            })
            .collect();
        assert_eq!(
            rel,
            [
                "a.JPG",
                "b.png",
                "sub/c.webp",
                "sub/deeper/d.jpeg",
                "notes.txt"
            ]
        );
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].code, "not_found");
        Ok(())
    }

    #[test]
    fn report_json_has_the_contract_shape() -> anyhow::Result<()> {
        let report = Report {
            uploaded: vec![Uploaded {
                path: "a.png".into(),
                id: "1".into(),
            }],
            skipped: vec![Skipped {
                path: "b.png".into(),
                id: "2".into(),
                reason: "already uploaded".into(),
            }],
            failed: vec![Failed {
                path: "c.png".into(),
                code: "unsupported_media_type".into(),
                message: "no".into(),
            }],
        };
        assert_eq!(
            serde_json::to_value(&report)?,
            json!({
                "uploaded": [{"path": "a.png", "id": "1"}],
                "skipped": [{"path": "b.png", "id": "2", "reason": "already uploaded"}],
                "failed": [{"path": "c.png", "code": "unsupported_media_type", "message": "no"}],
            })
        );
        assert_eq!(
            serde_json::to_value(Report::default())?,
            json!({"uploaded": [], "skipped": [], "failed": []})
        );
        Ok(())
    }

    #[test]
    fn outcomes_map_to_exit_codes() {
        let ok = Report {
            uploaded: vec![Uploaded {
                path: "a".into(),
                id: "1".into(),
            }],
            ..Report::default()
        };
        assert!(ok.outcome().is_ok());
        let failed = || Failed {
            path: "c".into(),
            code: "conflict".into(),
            message: "m".into(),
        };
        let partial = Report {
            failed: vec![failed()],
            ..ok
        };
        assert_eq!(partial.outcome().map_err(|e| e.exit_code()), Err(5));
        let all = Report {
            failed: vec![failed(), failed()],
            ..Report::default()
        };
        let err = all.outcome().err();
        assert_eq!(err.as_ref().map(CliError::exit_code), Some(1));
        assert_eq!(err.map(|e| e.code()), Some("conflict".into()));
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
