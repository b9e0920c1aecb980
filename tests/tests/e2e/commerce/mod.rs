//! Commerce end to end over REST: buying editions with idempotency keys, wallets, the library
//! and originals, sales and earnings, refunds, licence certificates checked against the
//! published keys, payouts, a crowd racing for a limited edition, and the artwork role gone
//! mid-purchase — on the embedded default and on PostgreSQL.

mod buying;
mod crash;
mod crowd;
mod outage;

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::png;
use futures::{StreamExt, TryStreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Registration and login hash passwords (argon2): this many accounts are made at once.
const SIGN_UPS_AT_ONCE: usize = 8;

/// A signed-in account.
#[derive(Clone, Debug)]
struct Account {
    id: String,
    token: String,
}

async fn account(api: &Api, name: &str, role: &str) -> Result<Account> {
    let user = api.register(name, role).await?;
    let token = access_token(&api.login(name).await?)?;
    let id = user["id"].as_str().context("user id")?.to_owned();
    Ok(Account { id, token })
}

/// Accounts for every `(name, role)`, made a few at a time, in the order given. Each signs up
/// from an address of its own, as a crowd of people would (registrations are limited per
/// address).
async fn accounts(api: &Api, who: &[(String, &str)]) -> Result<Vec<Account>> {
    futures::stream::iter(who.iter().enumerate())
        .map(|(i, (name, role))| async move {
            let [hi, lo] = u16::try_from(i + 1)?.to_be_bytes();
            let own = Api::from_address(&api.base, std::net::Ipv4Addr::new(127, 2, hi, lo).into())?;
            account(&own, name, role).await
        })
        .buffered(SIGN_UPS_AT_ONCE)
        .try_collect()
        .await
}

fn eur(amount_minor: i64) -> Value {
    json!({"amount_minor": amount_minor, "currency": "EUR"})
}

/// Uploads a work and returns its id and the bytes sent.
async fn upload(api: &Api, token: &str, seed: u8, meta: Value) -> Result<(String, Vec<u8>)> {
    let bytes = png(64 + u32::from(seed), 64, seed);
    let (s, b) = api
        .upload_ready(token, meta, bytes.clone(), "work.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {b}");
    Ok((b["id"].as_str().context("artwork id")?.to_owned(), bytes))
}

/// `POST /v1/artworks/{id}/purchase`, with an `Idempotency-Key` when given and a JSON body
/// when given (none at all otherwise).
async fn buy(
    api: &Api,
    token: &str,
    artwork: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> Result<(StatusCode, Value)> {
    let mut req = api
        .http
        .post(format!("{}/v1/artworks/{artwork}/purchase", api.base))
        .bearer_auth(token);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    api.send(req).await
}

async fn top_up(api: &Api, token: &str, amount_minor: i64) -> Result<Value> {
    let (s, b) = api
        .post("/v1/me/wallet/topup", eur(amount_minor), Some(token))
        .await?;
    ensure!(s == StatusCode::OK, "top-up: {s} {b}");
    Ok(b)
}

/// The caller's EUR balance (0 when the wallet has none).
async fn balance(api: &Api, token: &str) -> Result<i64> {
    let (s, b) = api.get("/v1/me/wallet", Some(token)).await?;
    ensure!(s == StatusCode::OK, "wallet: {s} {b}");
    let balances = b["balances"].as_array().context("balances")?;
    Ok(balances
        .iter()
        .find(|m| m["currency"] == "EUR")
        .and_then(|m| m["amount_minor"].as_i64())
        .unwrap_or(0))
}

/// `GET` of raw bytes: the status and the body.
async fn bytes(api: &Api, path: &str, token: &str) -> Result<(StatusCode, Vec<u8>)> {
    let resp = api
        .http
        .get(format!("{}{path}", api.base))
        .bearer_auth(token)
        .send()
        .await?;
    let status = resp.status();
    Ok((status, resp.bytes().await?.to_vec()))
}

/// The EUR earnings of a sales document.
fn earnings(sales: &Value) -> Result<&Value> {
    sales["earnings"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["currency"] == "EUR"))
        .with_context(|| format!("no EUR earnings in {sales}"))
}
