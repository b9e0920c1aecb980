//! Sending one file: a multipart request streamed from disk behind a progress bar, retried once
//! after a token refresh, with a duplicate reported as skipped rather than failed.

use std::path::Path;

use artstation_api::Artwork;
use futures::TryStreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use reqwest::multipart::{Form, Part};

use super::Metadata;
use super::discover::content_type;
use crate::api;
use crate::error::CliError;
use crate::session::Session;

pub(super) enum Outcome {
    Uploaded(String),
    Skipped { id: String, reason: String },
}

pub(super) fn progress_bar(show: bool, path: &Path, n: usize, total: usize) -> ProgressBar {
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

pub(super) async fn upload_one(
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
