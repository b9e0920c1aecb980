//! The shared cache behaves the same in-process and on a real Redis.

use std::time::Duration;

use anyhow::{Result, ensure};
use artstation_common::Cache;

async fn backends() -> Result<Vec<Cache>> {
    let prefix = format!("test-{}:", uuid::Uuid::now_v7().simple());
    let redis = Cache::redis("redis://127.0.0.1:6379", &prefix)
        .await
        .map_err(|e| anyhow::anyhow!("Redis is required on 127.0.0.1:6379 for this test: {e}"))?;
    Ok(vec![Cache::in_process(), redis])
}

#[tokio::test]
async fn values_counters_and_expiry() -> Result<()> {
    for c in backends().await? {
        let kind = c.kind();
        c.set("k", "v", Duration::from_secs(1)).await?;
        ensure!(
            c.get_many(&["k", "missing"]).await? == vec![Some("v".to_owned()), None],
            "{kind}"
        );
        ensure!(c.ttl("k").await?.is_some_and(|t| t <= 1), "{kind}");
        ensure!(c.ttl("missing").await?.is_none(), "{kind}");
        for n in 1..=3 {
            ensure!(c.incr("n", Duration::from_secs(1)).await? == n, "{kind}");
        }
        tokio::time::sleep(Duration::from_millis(2100)).await;
        ensure!(
            c.get("k").await?.is_none(),
            "{kind}: value outlived its ttl"
        );
        ensure!(
            c.incr("n", Duration::from_secs(1)).await? == 1,
            "{kind}: window did not reset"
        );
    }
    Ok(())
}

#[tokio::test]
async fn prefixes_keep_deployments_apart() -> Result<()> {
    let a = Cache::redis(
        "redis://127.0.0.1:6379",
        &format!("a-{}:", uuid::Uuid::now_v7().simple()),
    )
    .await?;
    let b = Cache::redis(
        "redis://127.0.0.1:6379",
        &format!("b-{}:", uuid::Uuid::now_v7().simple()),
    )
    .await?;
    a.set("same", "from a", Duration::from_secs(5)).await?;
    ensure!(b.get("same").await?.is_none());
    Ok(())
}

#[tokio::test]
async fn concurrent_increments_are_all_counted() -> Result<()> {
    for c in backends().await? {
        let kind = c.kind();
        let c = std::sync::Arc::new(c);
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let c = c.clone();
            tasks.spawn(async move {
                for _ in 0..50 {
                    c.incr("hits", Duration::from_secs(30)).await?;
                }
                Ok::<_, artstation_common::cache::CacheError>(())
            });
        }
        while let Some(r) = tasks.join_next().await {
            r??;
        }
        ensure!(
            c.get("hits").await?.as_deref() == Some("400"),
            "{kind}: increments were lost"
        );
    }
    Ok(())
}

#[tokio::test]
async fn in_process_cache_stays_bounded() -> Result<()> {
    let c = Cache::in_process_bounded(100);
    for i in 0..5_000 {
        c.set(&format!("k{i}"), "v", Duration::from_secs(60))
            .await?;
    }
    let held = c.local_len().unwrap_or(u64::MAX);
    ensure!(held <= 100, "{held} entries held past a capacity of 100");
    ensure!(Cache::in_process().local_len() == Some(0));
    Ok(())
}
