//! The commerce role killed (SIGKILL) in the middle of a burst of purchases and started again:
//! buyers retry with their keys, recovery finishes what the crash interrupted, and afterwards no
//! order is paid without access or has access without payment, no edition is oversold, and the
//! ledger balances.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::Api;
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use super::{Account, accounts, balance, buy, bytes, top_up, upload};

const BUYERS: usize = 24;
const EDITION: i64 = 6;
const PRICE: i64 = 500;
const FUNDS: i64 = 2000;
const SECRET: &str = "crash-test-internal-secret-0123456789abcdef";

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The commerce role alone, on a fixed port and database, so it can be started again after a
/// crash exactly where the other roles expect it.
fn start_commerce(port: u16, db: &str, others: &Daemon) -> Result<Daemon> {
    Daemon::start_roles(
        &["commerce"],
        &[
            ("ARTSTATION_COMMERCE_ADDR", &format!("127.0.0.1:{port}")),
            ("ARTSTATION_COMMERCE_DATABASE_URL", db),
            ("ARTSTATION_AUTH_UPSTREAM", others.addr("auth")?),
            ("ARTSTATION_ARTWORK_UPSTREAM", others.addr("artwork")?),
            ("ARTSTATION_INTERNAL_SECRET", SECRET),
        ],
    )
}

/// Buys until the answer is final (anything but a transport failure or a 5xx), always with the
/// same key, as a client that keeps its Idempotency-Key does.
async fn buy_until_final(
    api: &Api,
    buyer: &Account,
    artwork: &str,
    key: String,
) -> Result<StatusCode> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match buy(api, &buyer.token, artwork, Some(&key), None).await {
            Ok((s, _)) if !s.is_server_error() => return Ok(s),
            _ if Instant::now() > deadline => anyhow::bail!("no final answer for {key}"),
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_commerce_crash_mid_burst_loses_and_oversells_nothing() -> Result<()> {
    let port = free_port()?;
    let upstream = format!("http://127.0.0.1:{port}");
    let others = Daemon::start_roles(
        &["gateway", "auth", "artwork"],
        &[
            ("ARTSTATION_COMMERCE_UPSTREAM", &upstream),
            ("ARTSTATION_INTERNAL_SECRET", SECRET),
        ],
    )?;
    let db_dir = tempfile::tempdir()?;
    let db = format!("sqlite://{}", db_dir.path().join("commerce.db").display());
    let mut commerce = start_commerce(port, &db, &others)?;
    let api = Api::new(&others.gateway);

    let names: Vec<(String, &str)> = std::iter::once(("crash-artist".to_owned(), "artist"))
        .chain((0..BUYERS).map(|i| (format!("crash-buyer-{i}"), "buyer")))
        .collect();
    let people = accounts(&api, &names).await?;
    let (artist, buyers) = people.split_first().context("accounts")?;
    let meta = json!({"title": "Crash", "price": {"amount_minor": PRICE, "currency": "EUR"},
                      "edition_size": EDITION});
    let (artwork, original) = upload(&api, &artist.token, 7, meta).await?;
    for b in buyers {
        top_up(&api, &b.token, FUNDS).await?;
    }

    // Every buyer at once; the commerce role dies once the first has its answer and the rest
    // are in flight.
    let done = AtomicUsize::new(0);
    let burst = buyers.iter().enumerate().map(|(i, b)| {
        let (api, artwork, done) = (&api, &artwork, &done);
        async move {
            let r = buy(api, &b.token, artwork, Some(&format!("key-{i}")), None).await;
            done.fetch_add(1, Ordering::SeqCst);
            r
        }
    });
    let (first, ()) = tokio::join!(join_all(burst), async {
        let deadline = Instant::now() + Duration::from_secs(20);
        while done.load(Ordering::SeqCst) < 1 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let _ = commerce.kill();
    });
    let answered = first
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|(s, _)| !s.is_server_error()))
        .count();
    eprintln!("{answered} of {BUYERS} purchases were answered before the crash");
    drop(commerce);
    let _restarted = start_commerce(port, &db, &others)?;

    // Each buyer retries with its own key until the answer is final.
    let finals = join_all(
        buyers
            .iter()
            .enumerate()
            .map(|(i, b)| buy_until_final(&api, b, &artwork, format!("key-{i}"))),
    )
    .await
    .into_iter()
    .collect::<Result<Vec<_>>>()?;
    let bought = finals.iter().filter(|s| s.is_success()).count();
    ensure!(
        bought as i64 == EDITION,
        "{bought} bought of an edition of {EDITION} ({answered} answered before the crash): {finals:?}"
    );

    // Recovery delivers every sale to the artwork side (at start, then periodically).
    let deadline = Instant::now() + Duration::from_secs(45);
    loop {
        let (_, a) = api.get(&format!("/v1/artworks/{artwork}"), None).await?;
        if a["editions_sold"].as_i64() == Some(EDITION) {
            break;
        }
        ensure!(Instant::now() < deadline, "editions_sold stuck: {a}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    let mut serials = BTreeSet::new();
    for (b, status) in buyers.iter().zip(&finals) {
        let (_, library) = api.get("/v1/me/purchases", Some(&b.token)).await?;
        let paid: Vec<_> = library["items"]
            .as_array()
            .context("library")?
            .iter()
            .filter(|o| o["status"] == "paid")
            .collect();
        let owns = status.is_success();
        ensure!(paid.len() == usize::from(owns), "{library} after {status}");
        for o in &paid {
            serials.insert(o["serial"].as_i64().context("serial")?);
        }
        let spent = if owns { PRICE } else { 0 };
        ensure!(
            balance(&api, &b.token).await? == FUNDS - spent,
            "debited once at most"
        );
        let (s, body) = bytes(&api, &format!("/v1/artworks/{artwork}/original"), &b.token).await?;
        if owns {
            ensure!(
                s == StatusCode::OK && body == original,
                "a paid buyer reads: {s}"
            );
        } else {
            ensure!(s == StatusCode::FORBIDDEN, "access without payment: {s}");
        }
    }
    ensure!(serials == (1..=EDITION).collect(), "serials {serials:?}");

    let check = std::process::Command::new(artstation_tests::bin_path("artstationd")?)
        .args(["ledger", "check"])
        .env("ARTSTATION_COMMERCE_DATABASE_URL", &db)
        .output()?;
    ensure!(
        check.status.success(),
        "ledger check: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    Ok(())
}
