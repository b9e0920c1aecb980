//! Rate limits at the gateway: per client address for anonymous callers, per user for
//! signed-in ones, with the RateLimit headers on every counted answer; two gateways sharing a
//! Redis share one budget, and a Redis that dies lets requests through.
//!
//! The limiter is GCRA (no clock-aligned window): with a limit of N a minute a place comes back
//! every 60/N s, so each test spends a key's N+1 requests well within that interval instead of
//! waiting clear of a window's edge.

use std::net::IpAddr;

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token, code};
use artstation_tests::servers::OwnRedis;
use artstation_tests::{Daemon, servers};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

const SECRET: &str = "rate-limit-test-internal-secret-0123456789";

fn client(gateway: &str, ip: &str) -> Result<Api> {
    Api::from_address(gateway, ip.parse::<IpAddr>()?)
}

/// A GET's status, `code` (on errors) and headers.
async fn get(
    api: &Api,
    path: &str,
    token: Option<&str>,
) -> Result<(StatusCode, String, HeaderMap)> {
    let mut req = api.http.get(format!("{}{path}", api.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await?;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body: serde_json::Value = resp.json().await.unwrap_or_default();
    Ok((status, code(&body).to_owned(), headers))
}

fn header<'h>(h: &'h HeaderMap, name: &str) -> Option<&'h str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

fn number(h: &HeaderMap, name: &str) -> Result<u64> {
    header(h, name)
        .and_then(|v| v.parse().ok())
        .with_context(|| format!("no numeric {name} header"))
}

/// Spends a quota of `limit` with `limit` admitted requests, checking the RateLimit headers
/// count down, then expects the next one refused with 429, Retry-After and the headers.
async fn spend_then_refused(
    apis: &[&Api],
    path: &str,
    token: Option<&str>,
    limit: u64,
) -> Result<()> {
    for i in 0..limit {
        let api = apis[i as usize % apis.len()];
        let (s, c, h) = get(api, path, token).await?;
        ensure!(s == StatusCode::OK, "request {i} of {limit}: {s} {c}");
        ensure!(number(&h, "ratelimit-limit")? == limit, "{h:?}");
        ensure!(
            number(&h, "ratelimit-remaining")? == limit - 1 - i,
            "request {i}: {:?}",
            header(&h, "ratelimit-remaining")
        );
        ensure!(number(&h, "ratelimit-reset")? <= 60, "{h:?}");
        ensure!(
            header(&h, "ratelimit-policy") == Some(&*format!("{limit};w=60")),
            "{h:?}"
        );
    }
    let api = apis[limit as usize % apis.len()];
    let (s, c, h) = get(api, path, token).await?;
    ensure!(
        s == StatusCode::TOO_MANY_REQUESTS && c == "rate_limited",
        "request {limit} of {limit}: {s} {c}"
    );
    let retry = number(&h, "retry-after")?;
    ensure!((1..=60 / limit + 1).contains(&retry), "Retry-After {retry}");
    ensure!(number(&h, "ratelimit-remaining")? == 0, "{h:?}");
    ensure!(number(&h, "ratelimit-limit")? == limit, "{h:?}");
    Ok(())
}

#[tokio::test]
async fn addresses_and_users_are_limited_apart() -> Result<()> {
    let daemon = Daemon::start_with(&[
        ("ARTSTATION_GATEWAY_RATE_LIMIT_ADDRESS", "4"),
        ("ARTSTATION_GATEWAY_RATE_LIMIT_USER", "4"),
    ])?;
    // Accounts are made from addresses of their own: registering and logging in count too.
    let mut tokens = Vec::new();
    for (name, ip) in [("ada", "127.0.0.21"), ("bob", "127.0.0.22")] {
        let setup = client(&daemon.gateway, ip)?;
        setup.register(name, "buyer").await?;
        tokens.push(access_token(&setup.login(name).await?)?);
    }

    let crowded = client(&daemon.gateway, "127.0.0.23")?;
    spend_then_refused(&[&crowded], "/v1/categories", None, 4).await?;
    let (s, _, h) = get(&crowded, "/healthz", None).await?;
    ensure!(s == StatusCode::OK, "probes are exempt: {s}");
    ensure!(
        header(&h, "ratelimit-limit").is_none(),
        "a probe is not counted"
    );
    let (s, c, _) = get(&crowded, "/v1/categories", Some("not-a-token")).await?;
    ensure!(
        s == StatusCode::TOO_MANY_REQUESTS,
        "a bogus token escapes the address limit: {s} {c}"
    );

    let elsewhere = client(&daemon.gateway, "127.0.0.24")?;
    let (s, _, h) = get(&elsewhere, "/v1/categories", None).await?;
    ensure!(s == StatusCode::OK, "another address was limited: {s}");
    ensure!(number(&h, "ratelimit-remaining")? == 3);

    // A signed-in user counts on their own budget, even from the spent address.
    spend_then_refused(&[&crowded], "/v1/me", Some(&tokens[0]), 4).await?;
    let (s, c, h) = get(&crowded, "/v1/me", Some(&tokens[1])).await?;
    ensure!(s == StatusCode::OK, "another user was limited: {s} {c}");
    ensure!(number(&h, "ratelimit-remaining")? == 3);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateways_sharing_a_redis_share_the_budget_and_fail_open_without_it() -> Result<()> {
    let redis = OwnRedis::start(servers::free_port()?)?;
    let url = redis.url();
    let prefix = format!("test-{}:", uuid::Uuid::now_v7().simple());
    let shared = [
        ("ARTSTATION_REDIS_URL", url.as_str()),
        ("ARTSTATION_REDIS_PREFIX", prefix.as_str()),
        ("ARTSTATION_INTERNAL_SECRET", SECRET),
        ("ARTSTATION_GATEWAY_RATE_LIMIT_ADDRESS", "6"),
    ];
    let first = Daemon::start_with(&shared)?;
    let mut env = shared.to_vec();
    env.extend([
        ("ARTSTATION_AUTH_UPSTREAM", first.addr("auth")?),
        ("ARTSTATION_ARTWORK_UPSTREAM", first.addr("artwork")?),
        ("ARTSTATION_COMMERCE_UPSTREAM", first.addr("commerce")?),
    ]);
    let second = Daemon::start_roles(&["gateway"], &env)?;

    let via_first = client(&first.gateway, "127.0.0.31")?;
    let via_second = client(&second.gateway, "127.0.0.31")?;
    spend_then_refused(&[&via_first, &via_second], "/v1/categories", None, 6).await?;
    for api in [&via_first, &via_second] {
        let (s, c, _) = get(api, "/v1/categories", None).await?;
        ensure!(s == StatusCode::TOO_MANY_REQUESTS, "{}: {s} {c}", api.base);
    }

    // Without Redis nothing can be counted: requests pass rather than fail.
    drop(redis);
    for api in [&via_first, &via_second] {
        for _ in 0..3 {
            let (s, c, h) = get(api, "/v1/categories", None).await?;
            ensure!(s == StatusCode::OK, "{} without Redis: {s} {c}", api.base);
            ensure!(
                header(&h, "ratelimit-limit").is_none(),
                "uncounted yet {h:?}"
            );
        }
    }
    Ok(())
}
