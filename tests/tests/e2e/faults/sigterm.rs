//! SIGTERM while uploads and reads are in flight: they finish, the process exits cleanly, and
//! after a restart every acknowledged upload is whole while nothing half-written remains.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::files_under;
use artstation_tests::http::Api;
use artstation_tests::images::pattern_jpeg;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::account;

const UPLOADS: usize = 3;
/// An original larger than the loopback socket buffers and gRPC windows hold, so that, read
/// slowly, it is still being sent when the signal comes.
const BIG: usize = 24 * 1024 * 1024;
/// Bytes a second the slow reader takes: the download lasts about three seconds.
const READ_RATE: f64 = 8.0 * 1024.0 * 1024.0;

fn env(dir: &Path) -> Vec<(String, String)> {
    let sqlite = |name: &str| format!("sqlite://{}", dir.join(name).display());
    vec![
        ("ARTSTATION_AUTH_DATABASE_URL".into(), sqlite("auth.db")),
        (
            "ARTSTATION_ARTWORK_DATABASE_URL".into(),
            sqlite("artwork.db"),
        ),
        (
            "ARTSTATION_COMMERCE_DATABASE_URL".into(),
            sqlite("commerce.db"),
        ),
        (
            "ARTSTATION_STORAGE".into(),
            format!("file://{}", dir.join("originals").display()),
        ),
    ]
}

fn start(dir: &Path) -> Result<Daemon> {
    let env = env(dir);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Daemon::start_with(&env)
}

/// An upload whose body trickles in over about a second, so it is still arriving when the
/// signal comes.
async fn slow_upload(api: &Api, token: &str, seed: u64) -> Result<(StatusCode, Value, Vec<u8>)> {
    let mut file = pattern_jpeg(400, 300, seed);
    file.resize(file.len() + 4 * 1024 * 1024, 0);
    let pieces: Vec<Vec<u8>> = file.chunks(256 * 1024).map(<[u8]>::to_vec).collect();
    let body = reqwest::Body::wrap_stream(futures::stream::unfold(
        pieces.into_iter(),
        |mut it| async move {
            let next = it.next()?;
            tokio::time::sleep(Duration::from_millis(60)).await;
            Some((Ok::<_, std::io::Error>(next), it))
        },
    ));
    let meta = json!({"title": format!("In flight {seed}"),
                      "price": {"amount_minor": 900, "currency": "EUR"}});
    let form = Form::new()
        .part(
            "metadata",
            Part::text(meta.to_string()).mime_str("application/json")?,
        )
        .part(
            "file",
            Part::stream_with_length(body, file.len() as u64).file_name("slow.jpg"),
        );
    let (s, body) = api
        .send(
            api.http
                .post(format!("{}/v1/artworks", api.base))
                .bearer_auth(token)
                .multipart(form),
        )
        .await?;
    Ok((s, body, file))
}

/// Downloads an original at [`READ_RATE`] (a client on a slow link), noting in `progress` how
/// much has arrived; the status and every byte.
async fn slow_download(
    api: &Api,
    token: &str,
    id: &str,
    progress: &AtomicUsize,
) -> Result<(StatusCode, Vec<u8>)> {
    let mut resp = api
        .http
        .get(format!("{}/v1/artworks/{id}/original", api.base))
        .bearer_auth(token)
        .send()
        .await?;
    let status = resp.status();
    let started = Instant::now();
    let mut got = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .with_context(|| format!("the download was cut after {} bytes", got.len()))?
    {
        got.extend_from_slice(&chunk);
        progress.store(got.len(), Ordering::SeqCst);
        let due = Duration::from_secs_f64(got.len() as f64 / READ_RATE);
        if let Some(wait) = due.checked_sub(started.elapsed()) {
            tokio::time::sleep(wait).await;
        }
    }
    Ok((status, got))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_lets_uploads_and_reads_in_flight_finish() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let mut daemon = start(dir.path())?;
    let api = Arc::new(Api::new(&daemon.gateway));
    let token = account(&api, "termartist", "artist").await?;

    let mut big = pattern_jpeg(400, 300, 77);
    big.resize(BIG, 0);
    let meta = json!({"title": "Big original", "price": {"amount_minor": 900, "currency": "EUR"}});
    let (s, body) = api.upload(&token, meta, big.clone(), "big.jpg").await?;
    ensure!(s == StatusCode::CREATED, "big upload: {s} {body}");
    let big_id = body["id"].as_str().context("no id")?.to_owned();
    let progress = Arc::new(AtomicUsize::new(0));
    let download = {
        let (api, token, progress) = (api.clone(), token.clone(), progress.clone());
        tokio::spawn(async move { slow_download(&api, &token, &big_id, &progress).await })
    };

    let uploads: Vec<_> = (0..UPLOADS as u64)
        .map(|seed| {
            let (api, token) = (api.clone(), token.clone());
            tokio::spawn(async move { slow_upload(&api, &token, 40 + seed).await })
        })
        .collect();
    // Well into the uploads (about a second each), the operator stops the server: once an
    // upload is being staged and the download has begun. Waited for rather than assumed after
    // a fixed pause, which a loaded machine may not have got that far in.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let staging = dir.path().join("originals").join(".staging");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let staged = files_under(&staging).len();
        let read = progress.load(Ordering::SeqCst);
        ensure!(
            read < BIG,
            "the download ended before the signal came ({staged} uploads staged)"
        );
        if staged > 0 && read > 0 {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "no upload ({staged} staged) and download ({read} of {BIG} bytes read) were in \
             flight together to send the signal into"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let status = tokio::task::spawn_blocking(move || {
        let s = daemon.terminate();
        (daemon, s)
    });
    let mut done = Vec::new();
    for u in uploads {
        let (s, body, file) = u.await??;
        ensure!(
            s == StatusCode::CREATED,
            "an upload in flight was cut: {s} {body}"
        );
        done.push((body["id"].as_str().context("no id")?.to_owned(), file));
    }
    let (s, got) = download.await??;
    ensure!(s == StatusCode::OK, "the download in flight: {s}");
    ensure!(
        got == big,
        "the download in flight ended after {} of {BIG} bytes, or differs",
        got.len()
    );
    let (daemon, status) = status.await?;
    let status = status?;
    ensure!(status.success(), "artstationd exited with {status}");
    drop(daemon);

    // Nothing half-written: no staged leftovers, and after a restart every acknowledged
    // upload is whole.
    ensure!(
        files_under(&staging).is_empty(),
        "staged files left: {:?}",
        files_under(&staging)
    );
    let daemon = start(dir.path())?;
    let api = Api::new(&daemon.gateway);
    let token = artstation_tests::http::access_token(&api.login("termartist").await?)?;
    for (id, file) in done {
        let resp = api
            .http
            .get(format!("{}/v1/artworks/{id}/original", api.base))
            .bearer_auth(&token)
            .send()
            .await?;
        ensure!(resp.status() == StatusCode::OK, "{id}: {}", resp.status());
        ensure!(resp.bytes().await? == file, "{id}: the original differs");
    }
    Ok(())
}
