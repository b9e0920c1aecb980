//! Failed logins are throttled per account and per address, in the daemon or in Redis, and
//! only a trusted proxy may name the client.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, profile};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::from_address;

/// Throttles count in fixed windows aligned to the clock (a minute, an hour): a test that
/// straddles a window's end would see its count start again. Waits, when needed, until at
/// least `need` seconds of the current `period` are left. Called once the daemons are up, so
/// their start-up (seconds on a loaded machine) does not eat into the margin.
async fn clear_of_window_edge(period: u64, need: u64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let left = period - now % period;
    if left < need {
        tokio::time::sleep(std::time::Duration::from_secs(left + 1)).await;
    }
}

async fn throttling_story(daemon: &Daemon) -> Result<()> {
    clear_of_window_edge(60, 20).await;
    let owner = from_address(&daemon.gateway, "127.0.0.5")?;
    owner.register("victim", "buyer").await?;
    owner.login("victim").await?;

    let attacker = from_address(&daemon.gateway, "127.0.0.2")?;
    for i in 0..10 {
        let (s, b) = attacker
            .login_with("victim", "not the right password")
            .await?;
        ensure!(s == StatusCode::UNAUTHORIZED, "attempt {i}: {s} {b}");
    }
    let resp = attacker
        .http
        .post(format!("{}/v1/auth/login", daemon.gateway))
        .json(&json!({"login": "victim", "password": "not the right password"}))
        .send()
        .await?;
    ensure!(
        resp.status() == StatusCode::TOO_MANY_REQUESTS,
        "{}",
        resp.status()
    );
    let retry: u64 = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .context("no Retry-After")?;
    ensure!((1..=60).contains(&retry), "Retry-After {retry}");
    ensure!(resp.json::<Value>().await?["code"] == "rate_limited");

    // X-Forwarded-For from an untrusted peer changes nothing.
    let spoofed = attacker
        .http
        .post(format!("{}/v1/auth/login", daemon.gateway))
        .header("x-forwarded-for", "203.0.113.77")
        .json(&json!({"login": "someone-else", "password": "not the right password"}))
        .send()
        .await?;
    ensure!(
        spoofed.status() == StatusCode::TOO_MANY_REQUESTS,
        "XFF reset the count"
    );

    // Another address is stopped by the account's own limit, even with the right password...
    let stranger = from_address(&daemon.gateway, "127.0.0.3")?;
    ensure!(stranger.login_with("victim", PASSWORD).await?.0 == StatusCode::TOO_MANY_REQUESTS);
    // ...but the owner, from where they logged in before, is not locked out.
    let (s, b) = owner.login_with("victim", PASSWORD).await?;
    ensure!(s == StatusCode::OK, "owner locked out: {s} {b}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_throttled_per_account_and_address() -> Result<()> {
    let daemon = Daemon::start()?;
    throttling_story(&daemon).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttle_counts_live_in_redis() -> Result<()> {
    // Both replicas get the same Redis settings, so the same key prefix.
    let redis = profile::redis_env();
    let env: Vec<(&str, &str)> = redis
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let daemon = Daemon::start_with(&env)?;
    // Started before the story, not after it: the counts live in a one-minute window, and a
    // start-up on a loaded machine after the story could carry the check into the next one.
    let replica = Daemon::start_with(&env)?;
    throttling_story(&daemon).await?;
    // A second replica on the same Redis sees the counts the first one made.
    let attacker = from_address(&replica.gateway, "127.0.0.2")?;
    let (s, _) = attacker
        .login_with("nobody-here", "not the right password")
        .await?;
    ensure!(
        s == StatusCode::TOO_MANY_REQUESTS,
        "replica did not share counts: {s}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxies_may_name_the_client() -> Result<()> {
    let daemon = Daemon::start_with(&[("ARTSTATION_TRUSTED_PROXIES", "127.0.0.9")])?;
    clear_of_window_edge(60, 20).await;
    let proxy = from_address(&daemon.gateway, "127.0.0.9")?;
    let attempt = |xff: &'static str| {
        proxy
            .http
            .post(format!("{}/v1/auth/login", daemon.gateway))
            .header("x-forwarded-for", xff)
            .json(&json!({"login": format!("nobody-{xff}"), "password": "not the right password"}))
            .send()
    };
    for _ in 0..10 {
        ensure!(attempt("198.51.100.1").await?.status() == StatusCode::UNAUTHORIZED);
    }
    ensure!(attempt("198.51.100.1").await?.status() == StatusCode::TOO_MANY_REQUESTS);
    ensure!(
        attempt("198.51.100.2").await?.status() == StatusCode::UNAUTHORIZED,
        "behind a trusted proxy each client has its own count"
    );
    Ok(())
}

/// A burst of wrong passwords in parallel: each attempt is counted before its password is
/// hashed, so no more than the limit is ever checked, however many arrive at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_wrong_passwords_is_throttled_too() -> Result<()> {
    let daemon = Daemon::start()?;
    clear_of_window_edge(60, 20).await;
    let attacker = from_address(&daemon.gateway, "127.0.0.6")?;
    attacker.register("burst", "buyer").await?;
    let attempts = (0..40).map(|_| attacker.login_with("burst", "not the right password"));
    let mut refused = 0;
    let mut checked = 0;
    for answer in futures::future::join_all(attempts).await {
        let (s, b) = answer?;
        if s == StatusCode::UNAUTHORIZED {
            checked += 1;
        } else {
            ensure!(
                s == StatusCode::TOO_MANY_REQUESTS && b["code"] == "rate_limited",
                "{s} {b}"
            );
            refused += 1;
        }
    }
    ensure!(
        checked <= 10,
        "{checked} wrong passwords checked, {refused} refused"
    );
    Ok(())
}

/// Registrations are limited per client address (each costs a password hash), and a taken
/// name is still answered as a conflict.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_are_limited_per_address() -> Result<()> {
    let daemon = Daemon::start()?;
    clear_of_window_edge(3600, 60).await;
    let client = from_address(&daemon.gateway, "127.0.0.8")?;
    client.register("first", "buyer").await?;
    let (s, b) = client
        .post(
            "/v1/auth/register",
            json!({"email": "other@example.com", "username": "first", "password": PASSWORD}),
            None,
        )
        .await?;
    ensure!(
        s == StatusCode::CONFLICT && b["field"] == "username",
        "{s} {b}"
    );
    for i in 2..20 {
        client.register(&format!("user{i}"), "buyer").await?;
    }
    let resp = client
        .http
        .post(format!("{}/v1/auth/register", daemon.gateway))
        .json(&json!({"email": "late@example.com", "username": "late", "password": PASSWORD}))
        .send()
        .await?;
    ensure!(
        resp.status() == StatusCode::TOO_MANY_REQUESTS,
        "{}",
        resp.status()
    );
    let retry: u64 = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .context("no Retry-After")?;
    ensure!((1..=3600).contains(&retry), "Retry-After {retry}");
    ensure!(resp.json::<Value>().await?["code"] == "rate_limited");
    let elsewhere = from_address(&daemon.gateway, "127.0.0.10")?;
    elsewhere.register("late", "buyer").await?;
    Ok(())
}

/// Only the gateway (which shows the internal secret) may name the client address auth
/// throttles by: a caller reaching the auth service directly is counted by its own address,
/// however many addresses it names.
#[tokio::test]
async fn a_direct_caller_cannot_name_its_own_address() -> Result<()> {
    use artstation_proto::auth::v1 as pb;
    let daemon = Daemon::start()?;
    clear_of_window_edge(60, 20).await;
    let channel = tonic::transport::Channel::from_shared(daemon.addr("auth")?.to_owned())?
        .connect()
        .await?;
    let mut auth = pb::auth_service_client::AuthServiceClient::new(channel);
    let mut codes = Vec::new();
    for i in 0..12 {
        let r = auth
            .login(pb::LoginRequest {
                login: format!("nobody{i}"),
                password: "not the right password".into(),
                client_ip: format!("198.51.100.{i}"),
            })
            .await;
        codes.push(r.err().map(|s| s.code()));
    }
    ensure!(
        codes[..10]
            .iter()
            .all(|c| *c == Some(tonic::Code::Unauthenticated)),
        "{codes:?}"
    );
    ensure!(
        codes[10..]
            .iter()
            .all(|c| *c == Some(tonic::Code::ResourceExhausted)),
        "the per-address limit must hold whatever address a direct caller names: {codes:?}"
    );
    Ok(())
}
