//! `artstation download ID [-o PATH]`: streams the original to a temporary file beside the
//! target and renames it into place only once its SHA-256 matches, so a partial or corrupted
//! download never sits under the final name.
//!
//! The expected hash comes from a source the download cannot influence: the signed licence
//! certificate of the caller's order, or for the owner the artwork document.

use std::path::{Path, PathBuf};

use futures::StreamExt as _;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt as _;

use artstation_api::{Artwork, Licence};

use crate::api;
use crate::args::DownloadArgs;
use crate::commands::{library, licence};
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

/// Pages of the library searched for an order of the artwork.
const MAX_LIBRARY_PAGES: usize = 50;

pub async fn run(out: &Output, session: &mut Session, args: DownloadArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.output
        && !path.is_dir()
    {
        refuse_overwrite(path, args.force)?;
    }
    let expected = expected_sha256(session, &args.id).await?;
    let url = session.api.url(&["v1", "artworks", &args.id, "original"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
        .await?;
    let Some((expected, source)) = expected else {
        return Err(CliError::Check {
            code: "unverifiable",
            message: format!(
                "no paid order of yours for {} and no fingerprint to check the original against; nothing was saved",
                args.id
            ),
        }
        .into());
    };
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let target = target_path(args.output.as_deref(), &args.id, &content_type);
    refuse_overwrite(&target, args.force)?;
    let bar = progress_bar(out, response.content_length(), &target);
    let (bytes, actual) = save(response, &target, &expected, &bar).await;
    bar.finish_and_clear();
    let bytes = bytes?;
    if out.json {
        return out.json(&json!({
            "id": args.id, "path": target, "bytes": bytes, "sha256": actual,
            "content_type": content_type, "verified_against": source,
        }));
    }
    out.line(format!(
        "Saved {} ({bytes} bytes, SHA-256 verified against the {source})",
        target.display()
    ))
}

pub(crate) fn refuse_overwrite(path: &Path, force: bool) -> Result<(), CliError> {
    if !force && path.exists() {
        return Err(CliError::Invalid(format!(
            "{} exists; pass --force to replace it",
            path.display()
        )));
    }
    Ok(())
}

/// `-o FILE` as given, `-o DIR` or nothing: `ID.EXT` in that folder (or here).
pub fn target_path(output: Option<&Path>, id: &str, content_type: &str) -> PathBuf {
    let name = format!("{}.{}", safe_name(id), extension(content_type));
    match output {
        Some(path) if path.is_dir() => path.join(name),
        Some(path) => path.to_path_buf(),
        None => PathBuf::from(name),
    }
}

/// An id as a file name: never a path, never hidden.
fn safe_name(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() {
        "original".into()
    } else {
        name
    }
}

pub fn extension(content_type: &str) -> &'static str {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    match essence.to_ascii_lowercase().as_str() {
        "image/png" => "png",
        "image/jpeg" | "image/jpg" => "jpg",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "image/tiff" => "tiff",
        "image/avif" => "avif",
        _ => "bin",
    }
}

/// Removes the temporary file unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Streams the body to a temporary file, checks the hash, renames. Returns the byte count (or
/// why it failed) and the hash that was computed.
pub(crate) async fn save(
    response: reqwest::Response,
    target: &Path,
    expected: &str,
    bar: &ProgressBar,
) -> (Result<u64, CliError>, String) {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = TempFile {
        path: dir.join(format!(
            ".artstation-download-{}.part",
            uuid::Uuid::now_v7()
        )),
        keep: false,
    };
    let io = |what: &Path, e: std::io::Error| CliError::Invalid(format!("{}: {e}", what.display()));
    let mut hasher = Sha256::new();
    let mut total = 0u64;
    let result = async {
        let mut file = tokio::fs::File::create(&temp.path)
            .await
            .map_err(|e| io(&temp.path, e))?;
        let mut body = response.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| CliError::Transport {
                message: format!("the download broke off: {e}"),
            })?;
            hasher.update(&chunk);
            file.write_all(&chunk)
                .await
                .map_err(|e| io(&temp.path, e))?;
            total += chunk.len() as u64;
            bar.inc(chunk.len() as u64);
        }
        file.sync_all().await.map_err(|e| io(&temp.path, e))?;
        Ok::<(), CliError>(())
    }
    .await;
    let actual = hex::encode(hasher.finalize());
    if let Err(e) = result {
        return (Err(e), actual);
    }
    if !actual.eq_ignore_ascii_case(expected) {
        return (
            Err(CliError::Check {
                code: "checksum_mismatch",
                message: format!(
                    "the downloaded original does not match: SHA-256 {actual}, expected {expected}; nothing was saved"
                ),
            }),
            actual,
        );
    }
    if let Err(e) = tokio::fs::rename(&temp.path, target).await {
        return (Err(io(target, e)), actual);
    }
    temp.keep = true;
    (Ok(total), actual)
}

fn progress_bar(out: &Output, length: Option<u64>, target: &Path) -> ProgressBar {
    if out.quiet || !out.stderr_tty {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length.unwrap_or(0));
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(target.display().to_string());
    bar
}

/// The SHA-256 the original must have and where it came from: the verified certificate of the
/// caller's newest paid order of the artwork, else the artwork document (which carries the
/// fingerprint for its owner).
pub(crate) async fn expected_sha256(
    session: &mut Session,
    id: &str,
) -> Result<Option<(String, &'static str)>, CliError> {
    if let Some(order_id) = paid_order_of(session, id).await? {
        let url = session.api.url(&["v1", "orders", &order_id, "licence"]);
        let response = session
            .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
            .await?;
        let doc: Licence = api::json(response).await?;
        let keys = licence::keys(session, Some(&doc.kid)).await?;
        let verified = crate::licence::verify(&doc.certificate, &keys)?;
        return Ok(Some((
            verified.claims.original_sha256,
            "licence certificate",
        )));
    }
    let url = session.api.url(&["v1", "artworks", id]);
    // A 404 is no verdict: buyers keep access after the artist deletes the work.
    let artwork = match session
        .send_maybe_authed(|client| client.get(url.clone()))
        .await
    {
        Ok(response) => api::json::<Artwork>(response).await?,
        Err(CliError::Api(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(artwork
        .sha256
        .filter(|s| !s.is_empty())
        .map(|s| (s, "artwork document")))
}

async fn paid_order_of(
    session: &mut Session,
    artwork_id: &str,
) -> Result<Option<String>, CliError> {
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_LIBRARY_PAGES {
        let page = library::fetch(session, Some(100), cursor.as_deref())
            .await
            .map_err(|e| match e.downcast::<CliError>() {
                Ok(e) => e,
                Err(e) => CliError::Invalid(format!("{e:#}")),
            })?;
        if let Some(order) = page
            .items
            .iter()
            .find(|o| o.artwork_id == artwork_id && o.status == "paid")
        {
            return Ok(Some(order.id.clone()));
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_take_the_extension_from_the_type() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        assert_eq!(
            target_path(None, "a1", "image/png"),
            PathBuf::from("a1.png")
        );
        assert_eq!(
            target_path(Some(dir.path()), "a1", "image/jpeg; charset=binary"),
            dir.path().join("a1.jpg")
        );
        let file = dir.path().join("x.img");
        assert_eq!(target_path(Some(&file), "a1", "image/webp"), file);
        assert_eq!(
            target_path(None, "../a", "text/plain"),
            PathBuf::from("___a.bin")
        );
        Ok(())
    }

    #[test]
    fn existing_files_are_kept_without_force() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.png");
        std::fs::write(&file, b"x")?;
        assert!(matches!(
            refuse_overwrite(&file, false),
            Err(CliError::Invalid(_))
        ));
        refuse_overwrite(&file, true)?;
        refuse_overwrite(&dir.path().join("b.png"), false)?;
        Ok(())
    }
}
