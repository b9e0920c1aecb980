//! Races over real HTTP: a hundred buyers for an edition of ten, and one buyer's retries
//! storming in with a single idempotency key.

use std::collections::BTreeSet;

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, code};
use artstation_tests::{Daemon, Profile, Story, on_profile};
use futures::future::join_all;
use futures::{StreamExt, TryStreamExt};
use reqwest::StatusCode;
use serde_json::json;

use super::{Account, accounts, balance, buy, eur, top_up, upload};

const BUYERS: usize = 100;
const EDITION: usize = 10;
const RETRIES: usize = 20;
const PRICE: i64 = 100;
const FUNDS: i64 = 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_on_the_embedded_default() -> Result<()> {
    races(&Daemon::start()?).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_on_postgres() -> Result<()> {
    on_profile(Profile::POSTGRES, &[], |stack| async move {
        races(&stack.daemon).await
    })
    .await
}

async fn races(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    let mut story = Story::new("races");
    let who: Vec<(String, &str)> = std::iter::once(("crowdartist".to_owned(), "artist"))
        .chain((0..=BUYERS).map(|i| (format!("crowd{i:03}"), "buyer")))
        .collect();
    let Some(mut people) = story.step("accounts", accounts(&api, &who)).await else {
        return story.finish();
    };
    let artist = people.remove(0);
    let solo = people.pop().context("the retrying buyer")?;
    let buyers = people;
    story
        .step(
            "a hundred buyers, ten editions",
            crowd(&api, &artist, &buyers),
        )
        .await;
    story
        .step("one key, twenty requests", one_key(&api, &artist, &solo))
        .await;
    story.step_sync("ledger check", || {
        daemon.command(&["ledger", "check"], "").map(drop)
    });
    story.finish()
}

async fn crowd(api: &Api, artist: &Account, buyers: &[Account]) -> Result<()> {
    let meta = json!({"title": "Ten", "price": eur(PRICE), "edition_size": EDITION});
    let (work, _) = upload(api, &artist.token, 10, meta).await?;
    futures::stream::iter(buyers)
        .map(|b| top_up(api, &b.token, FUNDS))
        .buffer_unordered(16)
        .try_collect::<Vec<_>>()
        .await?;
    // Every request is in flight before any answer is read.
    let answers = join_all(buyers.iter().enumerate().map(|(i, b)| {
        let key = format!("crowd-{i}");
        let work = work.clone();
        async move { buy(api, &b.token, &work, Some(&key), None).await }
    }))
    .await;
    let mut serials = BTreeSet::new();
    let mut winners = BTreeSet::new();
    let mut sold_out = 0;
    for (i, answer) in answers.into_iter().enumerate() {
        let (s, body) = answer?;
        match s {
            StatusCode::CREATED => {
                let serial = body["serial"].as_u64().context("serial")?;
                ensure!(serials.insert(serial), "serial {serial} issued twice");
                winners.insert(i);
            }
            StatusCode::CONFLICT if code(&body) == "sold_out" => sold_out += 1,
            other => anyhow::bail!("buyer {i}: {other} {body}"),
        }
    }
    let expected: BTreeSet<u64> = (1..=EDITION as u64).collect();
    ensure!(serials == expected, "serials {serials:?}");
    ensure!(sold_out == BUYERS - EDITION, "{sold_out} sold out");
    let balances = futures::stream::iter(buyers)
        .map(|b| balance(api, &b.token))
        .buffered(16)
        .try_collect::<Vec<_>>()
        .await?;
    for (i, got) in balances.into_iter().enumerate() {
        let want = if winners.contains(&i) {
            FUNDS - PRICE
        } else {
            FUNDS
        };
        ensure!(got == want, "buyer {i} has {got}, not {want}");
    }
    let (_, a) = api.get(&format!("/v1/artworks/{work}"), None).await?;
    ensure!(
        a["editions_sold"] == EDITION && a["editions_remaining"] == 0,
        "{a}"
    );
    Ok(())
}

async fn one_key(api: &Api, artist: &Account, solo: &Account) -> Result<()> {
    let meta = json!({"title": "Once", "price": eur(PRICE)});
    let (work, _) = upload(api, &artist.token, 11, meta).await?;
    top_up(api, &solo.token, FUNDS).await?;
    let answers =
        join_all((0..RETRIES).map(|_| buy(api, &solo.token, &work, Some("the-only-key"), None)))
            .await;
    let mut ids = BTreeSet::new();
    let mut created = 0;
    for answer in answers {
        let (s, body) = answer?;
        ensure!(
            s == StatusCode::CREATED || s == StatusCode::OK,
            "{s} {body}"
        );
        created += usize::from(s == StatusCode::CREATED);
        ids.insert(body["id"].as_str().context("order id")?.to_owned());
    }
    ensure!(ids.len() == 1, "one order, not {ids:?}");
    ensure!(created == 1, "{created} answers said created");
    ensure!(
        balance(api, &solo.token).await? == FUNDS - PRICE,
        "debited once"
    );
    let (_, lib) = api.get("/v1/me/purchases", Some(&solo.token)).await?;
    ensure!(lib["items"].as_array().map(Vec::len) == Some(1), "{lib}");
    Ok(())
}
