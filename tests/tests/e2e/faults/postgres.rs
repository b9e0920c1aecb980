//! PostgreSQL restarted (a crash: immediate stop, WAL recovery at start) under a stream of
//! writes: every write that was acknowledged is there afterwards, writes while it is down are
//! prompt 503s with Retry-After, and `artstationd` recovers by itself within 15 s.

use std::time::{Duration, Instant};

use anyhow::{Result, bail, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, code};
use artstation_tests::servers::OwnPostgres;
use reqwest::StatusCode;

use super::{account, summary, upload};

const WORKS: usize = 24;
/// How soon after PostgreSQL is back writes must succeed again.
const RECOVERY: Duration = Duration::from_secs(15);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_a_postgres_restart() -> Result<()> {
    let pg = OwnPostgres::start()?;
    let urls = [
        pg.create_database("auth").await?,
        pg.create_database("artwork").await?,
        pg.create_database("commerce").await?,
    ];
    let daemon = Daemon::start_with(&[
        ("ARTSTATION_AUTH_DATABASE_URL", &urls[0]),
        ("ARTSTATION_ARTWORK_DATABASE_URL", &urls[1]),
        ("ARTSTATION_COMMERCE_DATABASE_URL", &urls[2]),
    ])?;
    let api = Api::new(&daemon.gateway);
    let artist = account(&api, "pgartist", "artist").await?;
    let fan = account(&api, "pgfan", "buyer").await?;
    let mut ids = Vec::new();
    for seed in 0..WORKS as u64 {
        ids.push(upload(&api, &artist, 100 + seed).await?);
    }

    // One favourite after another, each retried until acknowledged; PostgreSQL crashes and
    // comes back partway through.
    let writer = {
        let (base, fan, ids) = (daemon.gateway.clone(), fan.clone(), ids.clone());
        tokio::spawn(async move { favourite_all(&Api::new(&base), &fan, &ids).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    pg.stop("immediate")?;
    let down = Instant::now();
    tokio::time::sleep(Duration::from_secs(3)).await;
    pg.start_again()?;
    eprintln!("PostgreSQL was down {:?}", down.elapsed());
    let restarted = Instant::now();

    let outcome = writer.await??;
    eprintln!(
        "writes while down: {}; first write after the restart {:?} later",
        summary(outcome.refused.clone()),
        outcome.first_ok_after.map(|t| t.duration_since(restarted))
    );
    ensure!(
        !outcome.refused.is_empty(),
        "no write met the outage; the test proved nothing"
    );
    ensure!(
        outcome.refused.iter().all(|d| *d < Duration::from_secs(5)),
        "writes hung while PostgreSQL was down: {}",
        summary(outcome.refused)
    );
    ensure!(
        outcome.without_retry_after == 0,
        "{} of {} 503s while PostgreSQL was down carried no Retry-After",
        outcome.without_retry_after,
        outcome.refused.len()
    );
    // Pools notice a dead connection on its next use and reconnect; well within this.
    let recovered = outcome
        .first_ok_after
        .map(|t| t.saturating_duration_since(restarted));
    ensure!(
        recovered.is_some_and(|d| d < RECOVERY),
        "writes did not recover within {RECOVERY:?} of PostgreSQL's restart: {recovered:?}"
    );

    let (s, favs) = api.get("/v1/me/favorites?limit=100", Some(&fan)).await?;
    ensure!(s == StatusCode::OK, "{s} {favs}");
    let listed: Vec<&str> = favs["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|w| w["id"].as_str()).collect())
        .unwrap_or_default();
    for id in &ids {
        ensure!(
            listed.contains(&id.as_str()),
            "acknowledged favourite {id} was lost"
        );
    }
    Ok(())
}

struct Outcome {
    /// How long each refused write took to be refused.
    refused: Vec<Duration>,
    /// Refusals without a usable `Retry-After` (whole seconds).
    without_retry_after: usize,
    first_ok_after: Option<Instant>,
}

async fn favourite_all(api: &Api, token: &str, ids: &[String]) -> Result<Outcome> {
    let mut out = Outcome {
        refused: Vec::new(),
        without_retry_after: 0,
        first_ok_after: None,
    };
    let deadline = Instant::now() + Duration::from_secs(90);
    for id in ids {
        loop {
            ensure!(Instant::now() < deadline, "writes never recovered");
            let started = Instant::now();
            let resp = api
                .http
                .put(format!("{}/v1/artworks/{id}/favorite", api.base))
                .bearer_auth(token)
                .send()
                .await;
            let r = match resp {
                Ok(resp) => {
                    let retry_after = resp
                        .headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok());
                    let s = resp.status();
                    let body: serde_json::Value =
                        serde_json::from_slice(&resp.bytes().await?).unwrap_or_default();
                    Ok((s, body, retry_after))
                }
                Err(e) => Err(e),
            };
            match r {
                Ok((s, _, _)) if s.is_success() => {
                    if !out.refused.is_empty() && out.first_ok_after.is_none() {
                        out.first_ok_after = Some(Instant::now());
                    }
                    break;
                }
                Ok((StatusCode::SERVICE_UNAVAILABLE, body, retry_after))
                    if code(&body) == "unavailable" =>
                {
                    out.refused.push(started.elapsed());
                    if retry_after.is_none() {
                        out.without_retry_after += 1;
                    }
                }
                Ok((s, body, _)) => bail!("favourite {id}: {s} {body}"),
                Err(e) => bail!("favourite {id}: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(out)
}
