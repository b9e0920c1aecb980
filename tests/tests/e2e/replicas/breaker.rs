//! A breaker opening and closing: a stopped (SIGSTOP) artwork replica makes reads time out;
//! after three its breaker opens and the gateway fails fast with 503 `unavailable` and
//! Retry-After; once the replica runs again (SIGCONT) a probe closes it. The upstream is a
//! DNS name (`localhost`), so the resolver path is the one taken.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, code};

use super::{gateway, host_port, replica, replicas, signal, wait_for};

/// A work nobody uploaded, new each time so no cache can answer: the artwork service says 404.
fn read() -> String {
    format!("/v1/artworks/{}", uuid::Uuid::now_v7())
}

#[tokio::test]
async fn a_stopped_replica_opens_its_breaker_and_a_probe_closes_it() -> Result<()> {
    let artwork = Daemon::start_roles(&["artwork"], &[])?;
    let addr = host_port(artwork.addr("artwork")?).to_owned();
    let port = addr.rsplit(':').next().context("no port")?;
    let gw = gateway(
        &format!("http://localhost:{port}"),
        &[
            ("ARTSTATION_GATEWAY_READ_TIMEOUT", "1"),
            ("ARTSTATION_UPSTREAM_BREAKER_WINDOW_MS", "20000"),
            // Long enough that, on a loaded machine, the reads and the status poll after the
            // breaker opens still meet it open rather than already letting a probe through.
            ("ARTSTATION_UPSTREAM_BREAKER_COOLDOWN_MS", "4000"),
        ],
    )?;
    let api = Api::new(&gw.gateway);
    wait_for(&api, &addr, Duration::from_secs(10), "healthy", |r| {
        r["healthy"] == true
    })
    .await?;
    // `localhost` resolved to loopback addresses on the right port, 127.0.0.1 among them.
    for r in replicas(&api).await? {
        let a: std::net::SocketAddr = r["address"].as_str().unwrap_or_default().parse()?;
        ensure!(a.ip().is_loopback() && a.port().to_string() == port, "{r}");
    }
    let (s, body) = api.get(&read(), None).await?;
    ensure!(s == 404 && code(&body) == "not_found", "{s} {body}");
    stores_as_the_service_sees_them(&api).await?;

    signal(artwork.pid(), "STOP")?;
    let outcome = stopped(&api, &addr).await;
    signal(artwork.pid(), "CONT")?;
    outcome?;

    // Running again: after the cool-down a read is let through as the probe (its NotFound is
    // an answer) and closes it.
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let (s, _) = api.get(&read(), None).await?;
        if s == 404 {
            break;
        }
        ensure!(Instant::now() < until, "reads never recovered: {s}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let r = replica(&api, &addr).await?;
    ensure!(r["breaker"] == "closed", "{r}");
    Ok(())
}

/// While the replica is stopped: three reads time out (504), then the breaker is open and a
/// read fails fast with 503 and Retry-After.
async fn stopped(api: &Api, addr: &str) -> Result<()> {
    let paths: Vec<String> = (0..3).map(|_| read()).collect();
    let timeouts = futures::future::join_all(paths.iter().map(|p| api.get(p, None))).await;
    for t in timeouts {
        let (s, body) = t?;
        ensure!(s == 504 && code(&body) == "timeout", "{s} {body}");
    }
    wait_for(api, addr, Duration::from_secs(2), "open", |r| {
        r["breaker"] == "open"
    })
    .await?;
    let resp = api
        .http
        .get(format!("{}{}", api.base, read()))
        .send()
        .await?;
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body: serde_json::Value = resp.json().await?;
    if status != 503 {
        bail!("an open breaker answered {status} {body}");
    }
    ensure!(code(&body) == "unavailable", "{body}");
    // Status still answers, showing the hung service down rather than waiting for it.
    let (s, body) = api.get("/v1/status", None).await?;
    ensure!(
        s == 200 && body["services"]["artwork"]["status"] == "down",
        "{s} {body}"
    );
    // 503, not 504: the open breaker answered at once instead of waiting for the deadline.
    ensure!(
        retry_after.is_some_and(|s| (1..=4).contains(&s)),
        "{retry_after:?}"
    );
    Ok(())
}

/// `GET /v1/status` carries each service's own report of its stores, and shows a service
/// nobody serves as down, without waiting on it.
async fn stores_as_the_service_sees_them(api: &Api) -> Result<()> {
    let (s, body) = api.get("/v1/status", None).await?;
    ensure!(s == 200, "{s} {body}");
    let artwork = &body["services"]["artwork"];
    ensure!(artwork["status"] == "ok", "{body}");
    ensure!(artwork["version"].is_string(), "{body}");
    let stores: Vec<(&str, &str, bool)> = artwork["stores"]
        .as_array()
        .context("no stores")?
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or_default(),
                s["kind"].as_str().unwrap_or_default(),
                s["reachable"] == true,
            )
        })
        .collect();
    ensure!(
        stores
            == [
                ("database", "sqlite", true),
                ("cache", "in-process", true),
                ("blobs", "local", true),
            ],
        "{stores:?}"
    );
    ensure!(body["services"]["commerce"]["status"] == "down", "{body}");
    ensure!(body["status"] == "degraded", "{body}");
    Ok(())
}
