//! Caches across replicas: a sale set through one gateway prices alike through every artwork
//! replica, and a hidden work leaves the popular list, recommendations and by-id reads of
//! every replica at once, however warm their caches were.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::Api;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Ctx, Work, eur, ready, upload};

/// Reads of each kind per gateway: with three artwork replicas behind each, enough that
/// every replica answers some of them.
const READS: usize = 6;

async fn send(
    api: &Api,
    method: Method,
    path: &str,
    body: Option<Value>,
    token: &str,
) -> Result<(StatusCode, Value)> {
    api.call(method, path, body, Some(token)).await
}

async fn effective_price(api: &Api, id: &str) -> Result<i64> {
    let (s, b) = api.get(&format!("/v1/artworks/{id}"), None).await?;
    ensure!(s == StatusCode::OK, "artwork: {s} {b}");
    b["effective_price"]["amount_minor"]
        .as_i64()
        .with_context(|| format!("no effective_price: {b}"))
}

/// How long a replica may price with the sale it last read: the artwork role re-reads it every
/// 5 s (`SALE_REFRESH`), so every replica must agree within this.
const SALE_SETTLES: Duration = Duration::from_secs(10);

/// Waits (bounded by [`SALE_SETTLES`]) until a whole round of reads through every gateway
/// prices the work at `want`, then demands that another round does too.
async fn priced_everywhere(ctx: &Ctx, id: &str, want: i64) -> Result<()> {
    let deadline = Instant::now() + SALE_SETTLES;
    loop {
        let mut seen = Vec::new();
        for i in 0..READS * ctx.apis.len() {
            seen.push(effective_price(ctx.gw(i), id).await?);
        }
        if seen.iter().all(|p| *p == want) {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "replicas still disagree {SALE_SETTLES:?} after the change (want {want}): {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    for i in 0..READS * ctx.apis.len() {
        let got = effective_price(ctx.gw(i), id).await?;
        ensure!(
            got == want,
            "read {i} through {} prices {got}, not {want}",
            ctx.gw(i).base
        );
    }
    Ok(())
}

pub(super) async fn sale(ctx: &Ctx) -> Result<()> {
    let meta = json!({"title": "On sale", "price": eur(1000)});
    let work = upload(ctx.gw(0), &ctx.artist.token, 1, meta).await?;
    ready(ctx, &work.id).await?;
    priced_everywhere(ctx, &work.id, 1000).await?;
    let now = chrono::Utc::now();
    let sale = json!({"percent": "20",
                      "starts_at": (now - chrono::Duration::minutes(1)).to_rfc3339(),
                      "ends_at": (now + chrono::Duration::hours(1)).to_rfc3339()});
    let (s, b) = send(
        ctx.gw(0),
        Method::PUT,
        "/v1/admin/sale",
        Some(sale),
        &ctx.root.token,
    )
    .await?;
    ensure!(s == StatusCode::OK, "set the sale: {s} {b}");
    let during = priced_everywhere(ctx, &work.id, 800).await;
    // Ended whatever happened: later steps price without it.
    let (s, b) = send(
        ctx.gw(1),
        Method::DELETE,
        "/v1/admin/sale",
        None,
        &ctx.root.token,
    )
    .await?;
    ensure!(s == StatusCode::NO_CONTENT, "end the sale: {s} {b}");
    let after = priced_everywhere(ctx, &work.id, 1000).await;
    during.context("during the sale")?;
    after.context("after the sale")
}

fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn list(api: &Api, path: &str, token: Option<&str>) -> Result<Vec<String>> {
    let (s, b) = api.get(path, token).await?;
    ensure!(s == StatusCode::OK, "{path}: {s} {b}");
    Ok(ids(&b))
}

/// Whether `id` is in `path`'s list on every read through every gateway (`None` when the
/// answers disagree).
async fn listed_everywhere(
    ctx: &Ctx,
    path: &str,
    token: Option<&str>,
    id: &str,
) -> Result<Option<bool>> {
    let mut seen = Vec::new();
    for i in 0..READS * ctx.apis.len() {
        seen.push(list(ctx.gw(i), path, token).await?.iter().any(|x| x == id));
    }
    Ok(match (seen.iter().all(|s| *s), seen.iter().any(|s| *s)) {
        (true, _) => Some(true),
        (_, false) => Some(false),
        _ => None,
    })
}

/// Returns the works it uploaded, for the storage step.
pub(super) async fn hide(ctx: &Ctx) -> Result<Vec<Work>> {
    let (cat, dan) = (&ctx.buyers[0], &ctx.buyers[1]);
    let mut works = Vec::new();
    for (i, title) in ["Harbour", "Forest"].iter().enumerate() {
        let meta = json!({"title": title, "price": eur(500)});
        works.push(upload(ctx.gw(i), &ctx.artist.token, 2 + i as u32, meta).await?);
    }
    let (harbour, forest) = (works[0].id.clone(), works[1].id.clone());
    for w in &works {
        ready(ctx, &w.id).await?;
    }
    // Cat likes both, Dan the harbour: Dan is recommended the forest.
    for (i, (who, id)) in [(cat, &harbour), (cat, &forest), (dan, &harbour)]
        .iter()
        .enumerate()
    {
        let path = format!("/v1/artworks/{id}/favorite");
        let (s, b) = send(ctx.gw(i), Method::PUT, &path, None, &who.token).await?;
        ensure!(s.is_success(), "favourite: {s} {b}");
    }
    let by_id = format!("/v1/artworks/{forest}");
    // Warm every cache there is before the hide.
    ensure!(
        listed_everywhere(ctx, "/v1/artworks/popular", None, &forest).await? == Some(true),
        "the forest is not popular everywhere before the hide"
    );
    ensure!(
        listed_everywhere(ctx, "/v1/me/recommendations", Some(&dan.token), &forest).await?
            == Some(true),
        "the forest is not recommended everywhere before the hide"
    );
    for i in 0..ctx.apis.len() * 2 {
        ensure!(ctx.gw(i).get(&by_id, None).await?.0 == StatusCode::OK);
    }

    let (s, b) = ctx
        .gw(1)
        .post(
            &format!("/v1/admin/artworks/{forest}/moderation"),
            json!({"action": "hide", "reason": "scale-out test"}),
            Some(&ctx.root.token),
        )
        .await?;
    ensure!(s == StatusCode::OK, "hide: {s} {b}");

    ensure!(
        listed_everywhere(ctx, "/v1/artworks/popular", None, &forest).await? == Some(false),
        "a replica's popular list still shows the hidden work"
    );
    ensure!(
        listed_everywhere(ctx, "/v1/me/recommendations", Some(&dan.token), &forest).await?
            == Some(false),
        "a replica still recommends the hidden work"
    );
    ensure!(
        listed_everywhere(ctx, "/v1/artworks", None, &forest).await? == Some(false),
        "a replica still lists the hidden work"
    );
    for i in 0..READS * ctx.apis.len() {
        let (s, _) = ctx.gw(i).get(&by_id, None).await?;
        ensure!(
            s == StatusCode::NOT_FOUND,
            "the hidden work by id through {}: {s}",
            ctx.gw(i).base
        );
    }
    // Restored, so the storage step can read its images as anyone.
    let (s, b) = ctx
        .gw(0)
        .post(
            &format!("/v1/admin/artworks/{forest}/moderation"),
            json!({"action": "restore", "reason": "scale-out test"}),
            Some(&ctx.root.token),
        )
        .await?;
    ensure!(s == StatusCode::OK, "restore: {s} {b}");
    Ok(works)
}
