//! The rate limiter admits exactly its quota, in process and on a real Redis, and replicas
//! sharing one Redis share one budget.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use artstation_common::Cache;
use artstation_common::ratelimit::{Quota, RateLimiter};

const REDIS: &str = "redis://127.0.0.1:6379";

fn prefix() -> String {
    format!("test-{}:", uuid::Uuid::now_v7().simple())
}

async fn redis_limiter(prefix: &str) -> Result<RateLimiter> {
    let cache = Cache::redis(REDIS, prefix)
        .await
        .map_err(|e| anyhow::anyhow!("Redis is required on 127.0.0.1:6379 for this test: {e}"))?;
    let limiter = RateLimiter::beside(&cache);
    ensure!(limiter.kind() == "redis");
    Ok(limiter)
}

async fn backends() -> Result<Vec<RateLimiter>> {
    let local = RateLimiter::beside(&Cache::in_process());
    ensure!(local.kind() == "in-process");
    Ok(vec![local, redis_limiter(&prefix()).await?])
}

fn quota(limit: u32, period: Duration) -> Result<Quota> {
    Quota::new(limit, period).context("a zero quota")
}

#[tokio::test]
async fn a_burst_takes_exactly_the_quota() -> Result<()> {
    for limiter in backends().await? {
        let kind = limiter.kind();
        let q = quota(5, Duration::from_secs(60))?;
        for i in 0..5 {
            let d = limiter.check("user:a", q).await?;
            ensure!(d.allowed, "{kind}: request {i} refused");
            ensure!(d.remaining == 4 - i, "{kind}: remaining {}", d.remaining);
            ensure!(d.limit == 5);
        }
        let refused = limiter.check("user:a", q).await?;
        ensure!(!refused.allowed, "{kind}: the sixth passed");
        ensure!(refused.remaining == 0);
        // One place comes back every 12 s, the whole quota within 60 s.
        ensure!(
            refused.retry_after > Duration::from_secs(10)
                && refused.retry_after <= Duration::from_secs(12),
            "{kind}: retry after {:?}",
            refused.retry_after
        );
        ensure!(
            refused.reset > Duration::from_secs(58) && refused.reset <= Duration::from_secs(60),
            "{kind}: reset {:?}",
            refused.reset
        );
        ensure!(
            limiter.check("user:b", q).await?.allowed,
            "{kind}: another key was refused"
        );
    }
    Ok(())
}

#[tokio::test]
async fn places_come_back_at_the_steady_pace() -> Result<()> {
    for limiter in backends().await? {
        let kind = limiter.kind();
        let q = quota(2, Duration::from_millis(400))?;
        ensure!(limiter.check("k", q).await?.allowed, "{kind}");
        ensure!(limiter.check("k", q).await?.allowed, "{kind}");
        ensure!(
            !limiter.check("k", q).await?.allowed,
            "{kind}: a third passed"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
        ensure!(
            limiter.check("k", q).await?.allowed,
            "{kind}: no place came back after one interval"
        );
        ensure!(
            !limiter.check("k", q).await?.allowed,
            "{kind}: more than one place came back"
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_never_pass_the_quota() -> Result<()> {
    for limiter in backends().await? {
        let kind = limiter.kind();
        let limiter = Arc::new(limiter);
        let q = quota(50, Duration::from_secs(3600))?;
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..200 {
            let limiter = limiter.clone();
            tasks.spawn(async move { limiter.check("hot", q).await });
        }
        let mut admitted = 0;
        while let Some(r) = tasks.join_next().await {
            if r??.allowed {
                admitted += 1;
            }
        }
        ensure!(admitted == 50, "{kind}: {admitted} admitted");
    }
    Ok(())
}

#[tokio::test]
async fn replicas_on_one_redis_share_one_budget() -> Result<()> {
    let shared = prefix();
    let (a, b) = (redis_limiter(&shared).await?, redis_limiter(&shared).await?);
    let other = redis_limiter(&prefix()).await?;
    let q = quota(4, Duration::from_secs(60))?;
    for (i, replica) in [&a, &b, &a, &b].into_iter().enumerate() {
        ensure!(replica.check("ip:1", q).await?.allowed, "request {i}");
    }
    ensure!(!a.check("ip:1", q).await?.allowed);
    ensure!(!b.check("ip:1", q).await?.allowed);
    ensure!(
        other.check("ip:1", q).await?.allowed,
        "another prefix is another deployment"
    );
    Ok(())
}

#[tokio::test]
async fn an_unreachable_redis_is_an_error_not_a_wait() -> Result<()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut redis = std::process::Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("redis-server is required for this test")?;
    let url = format!("redis://127.0.0.1:{port}");
    let cache = loop {
        if let Ok(c) = Cache::redis(&url, "t:").await {
            break c;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let limiter = RateLimiter::beside(&cache);
    let q = quota(10, Duration::from_secs(60))?;
    ensure!(limiter.check("k", q).await?.allowed);
    redis.kill()?;
    redis.wait()?;
    let started = std::time::Instant::now();
    ensure!(
        limiter.check("k", q).await.is_err(),
        "no error without Redis"
    );
    ensure!(
        started.elapsed() < Duration::from_secs(2),
        "waited on a dead Redis"
    );
    Ok(())
}
