//! A Redis that goes away is a slower service, not an outage, and it is used again once back.

use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, access_token};
use artstation_tests::servers::{OwnRedis, free_port};
use reqwest::StatusCode;
use serde_json::json;

use super::{titles, upload, x_cache};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_redis_is_not_an_outage() -> Result<()> {
    let port = free_port()?;
    let redis = OwnRedis::start(port)?;
    let url = format!("redis://127.0.0.1:{}", redis.port);
    let daemon = Daemon::start_with(&[("ARTSTATION_REDIS_URL", &url)])?;
    let api = Api::new(&daemon.gateway);
    api.register("ann", "artist").await?;
    let ann = access_token(&api.login("ann").await?)?;
    upload(
        &api,
        &ann,
        1,
        json!({"title": "Still here", "price": {"amount_minor": 100, "currency": "USD"}}),
    )
    .await?;
    // Signed in: the gateway's edge cache never answers, so `x-cache` is the service's cache.
    ensure!(x_cache(&api, "/v1/artworks/popular", Some(&ann)).await?.0 == "miss");
    ensure!(x_cache(&api, "/v1/artworks/popular", Some(&ann)).await?.0 == "hit");

    drop(redis);
    let started = Instant::now();
    let (hit, list) = x_cache(&api, "/v1/artworks/popular", Some(&ann)).await?;
    ensure!(
        hit == "miss" && titles(&list) == ["Still here"],
        "{hit} {list}"
    );
    ensure!(
        api.get("/v1/me", Some(&ann)).await?.0 == StatusCode::OK,
        "auth must survive too"
    );
    ensure!(api.login("ann").await.is_ok(), "login must survive too");
    tracing_free_note(started.elapsed());

    // Redis comes back on the same port; the service reconnects by itself.
    let _redis = OwnRedis::start(port)?;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (hit, _) = x_cache(&api, "/v1/artworks/popular", Some(&ann)).await?;
        if hit == "hit" {
            break;
        }
        ensure!(Instant::now() < deadline, "never reconnected to Redis");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    Ok(())
}

/// How long the degraded requests took is informative, not asserted (no timing in tests).
fn tracing_free_note(d: Duration) {
    eprintln!("degraded requests took {d:?}");
}
