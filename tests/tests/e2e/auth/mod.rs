//! The auth service end to end, through the gateway as clients meet it: sessions, revocation,
//! bans and roles, throttling, key rotation, and tokens forged every way RFC 8725 warns about.

mod passwords;
mod sessions;
mod throttle;
mod tokens;

use std::net::IpAddr;

use anyhow::Result;
use artstation_tests::http::Api;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn from_address(base: &str, ip: &str) -> Result<Api> {
    Api::from_address(base, ip.parse::<IpAddr>()?)
}

async fn me(api: &Api, token: &str) -> Result<StatusCode> {
    Ok(api.get("/v1/me", Some(token)).await?.0)
}

async fn refresh(api: &Api, tokens: &Value) -> Result<(StatusCode, Value)> {
    api.post(
        "/v1/auth/refresh",
        json!({"refresh_token": tokens["refresh_token"]}),
        None,
    )
    .await
}
