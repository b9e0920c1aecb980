//! Redis killed, or hung (SIGSTOP), under a read load: no read fails, each still answers
//! within a short bound, and the cache is used again once Redis is back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::Api;
use artstation_tests::servers::{OwnRedis, free_port};
use reqwest::StatusCode;

use super::{account, summary, upload};

/// Reads in a loop until `stop`: what failed, and how long each read took.
async fn read_load(
    api: Arc<Api>,
    token: String,
    id: String,
    stop: Arc<AtomicBool>,
) -> (Vec<String>, Vec<Duration>) {
    let (mut failed, mut took) = (Vec::new(), Vec::new());
    let paths = [
        ("/v1/artworks/popular".to_owned(), false),
        (format!("/v1/artworks/{id}"), false),
        ("/v1/me".to_owned(), true),
        ("/v1/artworks?limit=5".to_owned(), true),
    ];
    let mut i = 0usize;
    while !stop.load(Ordering::Relaxed) {
        let (path, authed) = &paths[i % paths.len()];
        i += 1;
        let started = Instant::now();
        let r = api.get(path, authed.then_some(token.as_str())).await;
        took.push(started.elapsed());
        match r {
            Ok((StatusCode::OK, _)) => {}
            Ok((s, body)) => failed.push(format!("{path}: {s} {body}")),
            Err(e) => failed.push(format!("{path}: {e}")),
        }
    }
    (failed, took)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reads_survive_redis_killed_and_hung() -> Result<()> {
    let port = free_port()?;
    let redis = OwnRedis::start(port)?;
    let daemon = Daemon::start_with(&[("ARTSTATION_REDIS_URL", &redis.url())])?;
    let api = Arc::new(Api::new(&daemon.gateway));
    let artist = account(&api, "redisartist", "artist").await?;
    let id = upload(&api, &artist, 3).await?;
    let reader = account(&api, "redisreader", "buyer").await?;

    let stop = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = (0..3)
        .map(|_| {
            tokio::spawn(read_load(
                api.clone(),
                reader.clone(),
                id.clone(),
                stop.clone(),
            ))
        })
        .collect();
    let pause = |ms| tokio::time::sleep(Duration::from_millis(ms));

    pause(500).await;
    drop(redis); // killed
    pause(1500).await;
    let redis = OwnRedis::start(port)?;
    pause(1500).await;
    redis.signal("STOP")?; // hung: connections stay open, nothing answers
    pause(2000).await;
    redis.signal("CONT")?;
    pause(1000).await;
    stop.store(true, Ordering::Relaxed);

    let (mut failed, mut took) = (Vec::new(), Vec::new());
    for h in load {
        let (f, t) = h.await?;
        failed.extend(f);
        took.extend(t);
    }
    eprintln!("reads across the Redis faults: {}", summary(took.clone()));
    ensure!(failed.is_empty(), "reads failed: {failed:#?}");
    ensure!(
        took.iter().all(|d| *d < Duration::from_secs(5)),
        "a read hung on Redis: {}",
        summary(took)
    );

    // Used again once back: the popular list is served from the cache (signed in, so the
    // gateway's edge cache does not answer instead).
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let resp = api
            .http
            .get(format!("{}/v1/artworks/popular", daemon.gateway))
            .bearer_auth(&reader)
            .send()
            .await?;
        let hit = resp
            .headers()
            .get("x-cache")
            .is_some_and(|v| v.as_bytes() == b"hit");
        if hit {
            break;
        }
        ensure!(Instant::now() < deadline, "never used Redis again");
        pause(300).await;
    }
    Ok(())
}
