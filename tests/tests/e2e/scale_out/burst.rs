//! A purchase burst spread over both gateways, and so over both commerce replicas: twenty
//! buyers, an edition of five, every request in flight before any answer is read. Exactly
//! five orders, serials one to five, the others `sold_out`, and nobody charged for nothing.

use std::collections::BTreeSet;

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::{Api, code};
use futures::future::join_all;
use futures::{StreamExt, TryStreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Ctx, eur, ready, upload};

const EDITION: usize = 5;
const PRICE: i64 = 100;
const FUNDS: i64 = 10_000;

async fn buy(api: &Api, token: &str, work: &str, key: &str) -> Result<(StatusCode, Value)> {
    let req = api
        .http
        .post(format!("{}/v1/artworks/{work}/purchase", api.base))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&json!({}));
    api.send(req).await
}

async fn balance(api: &Api, token: &str) -> Result<i64> {
    let (s, b) = api.get("/v1/me/wallet", Some(token)).await?;
    ensure!(s == StatusCode::OK, "wallet: {s} {b}");
    Ok(b["balances"]
        .as_array()
        .context("balances")?
        .iter()
        .find(|m| m["currency"] == "EUR")
        .and_then(|m| m["amount_minor"].as_i64())
        .unwrap_or(0))
}

/// Tops every buyer up (through alternating gateways); the kill step spends it too.
pub(super) async fn fund(ctx: &Ctx) -> Result<()> {
    futures::stream::iter(ctx.buyers.iter().enumerate())
        .map(|(i, b)| async move {
            let (s, body) = ctx
                .gw(i)
                .post("/v1/me/wallet/topup", eur(FUNDS), Some(&b.token))
                .await?;
            ensure!(s == StatusCode::OK, "top-up: {s} {body}");
            Ok(())
        })
        .buffer_unordered(8)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(())
}

pub(super) async fn burst(ctx: &Ctx) -> Result<()> {
    fund(ctx).await?;
    let meta = json!({"title": "Five", "price": eur(PRICE), "edition_size": EDITION});
    let work = upload(ctx.gw(1), &ctx.artist.token, 7, meta).await?;
    ready(ctx, &work.id).await?;
    let answers = join_all(ctx.buyers.iter().enumerate().map(|(i, b)| {
        let key = format!("burst-{i}");
        let id = work.id.clone();
        async move { buy(ctx.gw(i), &b.token, &id, &key).await }
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
                ensure!(serials.insert(serial), "serial {serial} sold twice");
                winners.insert(i);
            }
            StatusCode::CONFLICT if code(&body) == "sold_out" => sold_out += 1,
            other => bail!("buyer {i}: {other} {body}"),
        }
    }
    eprintln!(
        "scale-out burst: {} orders, {sold_out} sold_out of {} buyers",
        serials.len(),
        ctx.buyers.len()
    );
    let expected: BTreeSet<u64> = (1..=EDITION as u64).collect();
    ensure!(serials == expected, "serials {serials:?}");
    ensure!(
        sold_out == ctx.buyers.len() - EDITION,
        "{sold_out} sold out"
    );
    for (i, b) in ctx.buyers.iter().enumerate() {
        let got = balance(ctx.gw(i + 1), &b.token).await?;
        let want = FUNDS - if winners.contains(&i) { PRICE } else { 0 };
        ensure!(got == want, "buyer {i} has {got}, not {want}");
    }
    let (_, a) = ctx
        .gw(0)
        .get(&format!("/v1/artworks/{}", work.id), None)
        .await?;
    ensure!(
        a["editions_sold"] == EDITION && a["editions_remaining"] == 0,
        "{a}"
    );
    Ok(())
}
