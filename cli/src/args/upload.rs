//! Flags of `artstation upload`: what to send, with which metadata, how many at once, and the
//! bulk tools (manifest, dry run, report, retries, hot folder).

use std::path::PathBuf;

use clap::Args;

use super::Licence;

/// Files sent at once unless `-j` says otherwise: enough to fill a link with small files,
/// few enough not to trip the gateway's in-flight limit.
pub const DEFAULT_JOBS: u32 = 4;

#[derive(Debug, Args)]
pub struct UploadArgs {
    /// Image files, or folders searched recursively for .png, .jpg, .jpeg and .webp
    #[arg(value_name = "PATH", required_unless_present_any = ["manifest", "watch"],
          conflicts_with = "watch")]
    pub paths: Vec<PathBuf>,
    /// Title of every uploaded artwork (default: from the file name)
    #[arg(long)]
    pub title: Option<String>,
    /// Description of every uploaded artwork
    #[arg(long)]
    pub description: Option<String>,
    /// Price in major units, e.g. 12.50 (required unless a manifest or sidecar gives one)
    #[arg(long, value_name = "AMOUNT")]
    pub price: Option<String>,
    /// ISO 4217 currency of the price
    #[arg(long, default_value = "USD", value_name = "CODE")]
    pub currency: String,
    /// Comma-separated tags
    #[arg(long, value_delimiter = ',', value_name = "TAG,...")]
    pub tags: Vec<String>,
    /// Category
    #[arg(long)]
    pub category: Option<String>,
    /// Licence granted to buyers
    #[arg(long, value_enum)]
    pub licence: Option<Licence>,
    /// Limited edition size
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub edition: Option<u32>,
    /// Upload as drafts instead of publishing
    #[arg(long)]
    pub draft: bool,
    /// Per-file metadata: CSV (with a header) or JSON Lines, with a `path` column and any of
    /// title, description, tags, category, price, currency, licence, edition, draft. A sidecar
    /// `IMAGE.json` next to an image gives the same for that image. Every row is checked before
    /// anything is sent. Relative paths are read from the manifest's folder.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Files uploaded at once
    #[arg(short = 'j', long = "jobs", value_name = "N", default_value_t = DEFAULT_JOBS,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub jobs: u32,
    /// Print what would be uploaded and skipped, with which metadata, and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write the JSON report (uploaded, skipped, failed) to FILE
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Watch DIR and upload new and changed images as drafts until Ctrl-C
    #[arg(long, value_name = "DIR", conflicts_with_all = ["manifest", "dry_run"])]
    pub watch: Option<PathBuf>,
    /// Retries of a transient failure (network, 5xx, 429) per file; 4xx answers are final
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub retries: u32,
    /// Upload the valid rows of a manifest that has errors (by default nothing is sent)
    #[arg(long)]
    pub skip_invalid: bool,
}
