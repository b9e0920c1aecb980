//! Bad input is refused, and a refused or cut-off upload leaves no blob, staged file or row.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::files_under;
use artstation_tests::images::{pattern_jpeg, png_bomb};
use artstation_tests::png;
use reqwest::StatusCode;

use super::Users;
use super::client::{Api, Blobs, expected_keys};

/// Every upload left exactly its original and two derivatives.
pub(super) async fn blobs_match_uploads(
    blobs: &Blobs,
    created: &[String],
) -> Result<BTreeSet<String>> {
    let before = blobs.keys().await?;
    ensure!(before == expected_keys(created), "{before:?}");
    Ok(before)
}

/// Bad input: each refused with a clear code.
pub(super) async fn bad_input(api: &Api, u: &Users) -> Result<()> {
    let ann = u.ann.clone();
    let mut truncated = pattern_jpeg(1000, 700, 6);
    truncated.truncate(truncated.len() * 2 / 3);
    let mut html_first = b"<html><script>alert(1)</script></html>".to_vec();
    html_first.extend_from_slice(&pattern_jpeg(100, 100, 7));
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let cases: Vec<(&str, Vec<u8>, &str, StatusCode, &str)> = vec![
        (
            "empty",
            Vec::new(),
            "e.png",
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
        (
            "truncated jpeg",
            truncated,
            "t.jpg",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "png bomb",
            png_bomb(100_000, 100_000),
            "bomb.png",
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "html polyglot",
            html_first,
            "h.jpg",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "svg",
            svg.to_vec(),
            "s.svg",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "text named .png",
            b"hello, I am text".to_vec(),
            "x.png",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "too small",
            png(32, 200, 8),
            "small.png",
            StatusCode::BAD_REQUEST,
            "validation_failed",
        ),
    ];
    for (what, file, name, status, code) in cases {
        let (s, b) = api.upload(&ann, what, file, name).await?;
        ensure!(s == status && b["code"] == code, "{what}: {s} {b}");
    }
    Ok(())
}

/// Nothing was stored: no blob, no staged file, no row.
pub(super) async fn nothing_stored(
    api: &Api,
    blobs: &Blobs,
    staging: &Path,
    before: &BTreeSet<String>,
    created: &[String],
) -> Result<()> {
    let before = before.clone();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let keys = blobs.keys().await?;
        let staged = files_under(staging);
        if keys == before && staged.is_empty() {
            break;
        }
        if Instant::now() > deadline {
            bail!("leftovers: blobs {keys:?} (expected {before:?}), staged {staged:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (_, list) = api
        .json(api.http.get(format!("{}/v1/artworks?limit=100", api.base)))
        .await?;
    let listed: BTreeSet<String> = list["items"]
        .as_array()
        .context("items")?
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_owned))
        .collect();
    ensure!(
        listed == created.iter().cloned().collect(),
        "rows: {listed:?}"
    );
    Ok(())
}
