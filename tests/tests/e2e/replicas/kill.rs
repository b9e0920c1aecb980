//! Three artwork replicas on one PostgreSQL database behind one gateway: reads under load
//! keep succeeding while one is SIGKILLed (no 5xx), status shows it ejected, and once it is
//! back on the same port it is readmitted and serves again.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Result, ensure};
use artstation_tests::http::Api;
use artstation_tests::{Daemon, FreshPostgres};

use super::{gateway, host_port, replica, replicas, wait_for};

/// Clients reading at once.
const CLIENTS: usize = 4;
const READS: [&str; 3] = [
    "/v1/categories",
    "/v1/artworks?limit=5",
    "/v1/artworks/popular",
];

#[tokio::test]
async fn reads_survive_a_killed_replica_which_is_readmitted_when_back() -> Result<()> {
    let db = FreshPostgres::create().await?;
    let outcome = scenario(&db.url).await;
    db.drop_database().await?;
    outcome
}

async fn scenario(database_url: &str) -> Result<()> {
    let env = [("ARTSTATION_ARTWORK_DATABASE_URL", database_url)];
    // One after the other, each ready before the next starts: the first applies the
    // migrations. A replica prints where it listens before it opens its stores, so without
    // the wait all three would open the fresh database at once.
    let mut artwork = (0..3)
        .map(|_| {
            let replica = Daemon::start_roles(&["artwork"], &env)?;
            replica.wait_ready("artwork")?;
            Ok(replica)
        })
        .collect::<Result<Vec<_>>>()?;
    let urls: Vec<String> = artwork
        .iter()
        .map(|d| d.addr("artwork").map(str::to_owned))
        .collect::<Result<_>>()?;
    let gw = gateway(
        &urls.join(","),
        &[("ARTSTATION_UPSTREAM_BREAKER_COOLDOWN_MS", "500")],
    )?;
    let api = Api::new(&gw.gateway);
    for url in &urls {
        wait_for(
            &api,
            host_port(url),
            Duration::from_secs(10),
            "healthy",
            |r| r["healthy"] == true,
        )
        .await?;
    }

    // Reads from several clients while the first replica is killed mid-way.
    let stop = AtomicBool::new(false);
    let tally: Mutex<BTreeMap<u16, usize>> = Mutex::default();
    let load = async {
        let clients = (0..CLIENTS).map(|c| {
            let (api, stop, tally) = (&api, &stop, &tally);
            async move {
                let mut k = c;
                while !stop.load(Ordering::Relaxed) {
                    let code = match api.get(READS[k % READS.len()], None).await {
                        Ok((s, _)) => s.as_u16(),
                        Err(_) => 0,
                    };
                    if let Ok(mut t) = tally.lock() {
                        *t.entry(code).or_default() += 1;
                    }
                    k += 1;
                }
            }
        });
        futures::future::join_all(clients).await;
    };
    let killer = async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let killed = artwork[0].kill();
        tokio::time::sleep(Duration::from_secs(3)).await;
        stop.store(true, Ordering::Relaxed);
        killed
    };
    let ((), killed) = tokio::join!(load, killer);
    killed?;
    let tally = tally.into_inner().unwrap_or_default();
    eprintln!("answers while a replica died: {tally:?}");
    let ok = tally.get(&200).copied().unwrap_or(0);
    let bad: usize = tally
        .iter()
        .filter(|(s, _)| **s != 200)
        .map(|(_, n)| n)
        .sum();
    ensure!(bad == 0, "reads failed while a replica died: {tally:?}");
    ensure!(ok > 20, "too few reads to tell anything: {tally:?}");

    // The dead replica is out of the pool; the others are not.
    let dead = host_port(&urls[0]).to_owned();
    wait_for(&api, &dead, Duration::from_secs(5), "ejected", |r| {
        r["healthy"] == false
    })
    .await?;
    for url in &urls[1..] {
        let r = replica(&api, host_port(url)).await?;
        ensure!(r["healthy"] == true && r["breaker"] == "closed", "{r}");
    }

    // Back on the same port: readmitted by its health check, then serving reads again.
    let mut env_back: Vec<(&str, &str)> = env.to_vec();
    env_back.push(("ARTSTATION_ARTWORK_ADDR", &dead));
    artwork[0] = Daemon::start_roles(&["artwork"], &env_back)?;
    wait_for(&api, &dead, Duration::from_secs(10), "readmitted", |r| {
        r["healthy"] == true
    })
    .await?;
    // Reads until the balancer has sent it some and its breaker (if it opened) is closed.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        for path in READS {
            let (s, _) = api.get(path, None).await?;
            ensure!(s == 200, "GET {path}: {s}");
        }
        let r = replica(&api, &dead).await?;
        if r["breaker"] == "closed" {
            break;
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "never closed again: {r}"
        );
    }
    // The services' own reports name their stores, never where they are.
    let (_, status) = api.get("/v1/status", None).await?;
    let text = status.to_string();
    ensure!(
        status["services"]["artwork"]["stores"][0]["kind"] == "postgres"
            && !text.contains("postgres://"),
        "{status}"
    );
    let all = replicas(&api).await?;
    ensure!(all.len() == 3, "{all:?}");
    ensure!(
        all.iter()
            .all(|r| r["healthy"] == true && r["breaker"] == "closed"),
        "{all:?}"
    );
    Ok(())
}
