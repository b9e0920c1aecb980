//! `artstation upload PATH...`: sequential uploads with a progress bar per file, streamed from
//! disk so a large original is never held in memory, and a report of what happened to each path.

mod discover;
mod report;
mod transfer;

use artstation_api::{ArtworkStatus, Price};
use artstation_domain::{Currency, Money, Title};

use crate::args::UploadArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub use discover::{IMAGE_EXTENSIONS, content_type, expand, title_from_path};
pub use report::{Failed, Report, Skipped, Uploaded};

use report::{print_failed, print_line};
use transfer::{Outcome, progress_bar, upload_one};

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
