//! The artwork role killed while the gateway serves: every request that needs it is a prompt
//! 503, never a hang, and it is served again as soon as the role is back.

use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, code};
use artstation_tests::servers::free_port;
use reqwest::StatusCode;

use super::{SECRET, account, summary, upload};

fn start_artwork(port: u16, dir: &std::path::Path, others: &Daemon) -> Result<Daemon> {
    Daemon::start_roles(
        &["artwork"],
        &[
            ("ARTSTATION_ARTWORK_ADDR", &format!("127.0.0.1:{port}")),
            (
                "ARTSTATION_ARTWORK_DATABASE_URL",
                &format!("sqlite://{}", dir.join("artwork.db").display()),
            ),
            (
                "ARTSTATION_STORAGE",
                &format!("file://{}", dir.join("originals").display()),
            ),
            ("ARTSTATION_AUTH_UPSTREAM", others.addr("auth")?),
            ("ARTSTATION_INTERNAL_SECRET", SECRET),
        ],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_artwork_role_is_a_prompt_503_and_comes_back() -> Result<()> {
    let port = free_port()?;
    let others = Daemon::start_roles(
        &["gateway", "auth", "commerce"],
        &[
            (
                "ARTSTATION_ARTWORK_UPSTREAM",
                &format!("http://127.0.0.1:{port}"),
            ),
            ("ARTSTATION_INTERNAL_SECRET", SECRET),
        ],
    )?;
    let dir = tempfile::tempdir()?;
    let mut artwork = start_artwork(port, dir.path(), &others)?;
    let api = Api::new(&others.gateway);
    let token = account(&api, "downartist", "artist").await?;
    let id = upload(&api, &token, 1).await?;
    let path = format!("/v1/artworks/{id}");
    ensure!(api.get(&path, None).await?.0 == StatusCode::OK);

    artwork.kill()?;
    let mut took = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let (s, body) = api.get(&path, None).await?;
        took.push(started.elapsed());
        ensure!(
            s == StatusCode::SERVICE_UNAVAILABLE && code(&body) == "unavailable",
            "{s} {body}"
        );
    }
    eprintln!("artwork role down: {}", summary(took.clone()));
    // The issue asks for 100 ms; a refused loopback connect takes well under a millisecond,
    // so the median holds that with room on a loaded machine, and no single request may come
    // near a timeout (connect: 2 s, read: 10 s).
    let mut sorted = took.clone();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    ensure!(
        median < Duration::from_millis(100),
        "the 503s were not prompt: {}",
        summary(took.clone())
    );
    ensure!(
        took.iter().all(|d| *d < Duration::from_secs(1)),
        "a request waited on the dead role: {}",
        summary(took)
    );
    // Other roles go on serving.
    ensure!(api.get("/v1/me", Some(&token)).await?.0 == StatusCode::OK);

    let _artwork = start_artwork(port, dir.path(), &others)?;
    let back = Instant::now();
    loop {
        let (s, _) = api.get(&path, None).await?;
        if s == StatusCode::OK {
            break;
        }
        ensure!(
            back.elapsed() < Duration::from_secs(15),
            "the gateway never used the restarted role: {s}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("served again {:?} after the restart", back.elapsed());
    Ok(())
}
