//! Sessions and throttles across replicas: a session made through one gateway works,
//! refreshes and ends through the other; a ban through one is felt by both at once; failed
//! logins and registrations count against one shared limit whichever replica they reach.

use std::net::{IpAddr, Ipv4Addr};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::{Api, PASSWORD, access_token, code};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{BUYERS_ADDRESS, Ctx, login, sign_up};

async fn me(api: &Api, token: &str) -> Result<StatusCode> {
    Ok(api.get("/v1/me", Some(token)).await?.0)
}

fn refresh_token(tokens: &Value) -> Result<String> {
    tokens["refresh_token"]
        .as_str()
        .map(str::to_owned)
        .context("no refresh_token")
}

async fn refresh(api: &Api, refresh: &str) -> Result<(StatusCode, Value)> {
    api.post("/v1/auth/refresh", json!({"refresh_token": refresh}), None)
        .await
}

pub(super) async fn sessions(ctx: &Ctx) -> Result<()> {
    let (g1, g2) = (ctx.gw(0), ctx.gw(1));
    sign_up(
        &g1.base,
        Ipv4Addr::new(127, 4, 0, 2),
        "fleetsession",
        "buyer",
    )
    .await?;
    let first = g1.login("fleetsession").await?;
    let access = access_token(&first)?;
    for api in [g1, g2, g1, g2] {
        ensure!(me(api, &access).await? == StatusCode::OK, "{}", api.base);
    }
    // Refreshed through the other gateway: the new pair works everywhere, the old refresh
    // token is spent everywhere.
    let (s, second) = refresh(g2, &refresh_token(&first)?).await?;
    ensure!(
        s == StatusCode::OK,
        "refresh through gateway 2: {s} {second}"
    );
    let access2 = access_token(&second)?;
    for api in [g1, g2] {
        ensure!(me(api, &access2).await? == StatusCode::OK, "{}", api.base);
    }
    // The spent token replayed through the other gateway is refused, and (theft detection)
    // ends the session: its newest access token stops working on both gateways at once.
    let (s, b) = refresh(g1, &refresh_token(&first)?).await?;
    ensure!(
        s == StatusCode::UNAUTHORIZED,
        "a spent refresh token was taken by the other gateway: {s} {b}"
    );
    for api in [g2, g1] {
        ensure!(
            me(api, &access2).await? == StatusCode::UNAUTHORIZED,
            "a revoked session's token still works through {}",
            api.base
        );
    }
    let third = g2.login("fleetsession").await?;
    let (s, _) = g1
        .post(
            "/v1/auth/logout",
            json!({"refresh_token": refresh_token(&third)?}),
            Some(&access_token(&third)?),
        )
        .await?;
    ensure!(s == StatusCode::NO_CONTENT, "logout: {s}");
    for api in [g2, g1] {
        let (s, b) = refresh(api, &refresh_token(&third)?).await?;
        ensure!(
            s == StatusCode::UNAUTHORIZED,
            "a logged-out session refreshed through {}: {s} {b}",
            api.base
        );
    }
    Ok(())
}

pub(super) async fn ban(ctx: &Ctx) -> Result<()> {
    let (g1, g2) = (ctx.gw(0), ctx.gw(1));
    let who = sign_up(
        &g2.base,
        Ipv4Addr::new(127, 4, 0, 3),
        "fleetbanned",
        "buyer",
    )
    .await?;
    for api in [g1, g2] {
        ensure!(me(api, &who.token).await? == StatusCode::OK);
    }
    let (s, b) = g1
        .post(
            &format!("/v1/admin/users/{}/ban", who.id),
            json!({"reason": "spam"}),
            Some(&ctx.root.token),
        )
        .await?;
    ensure!(s == StatusCode::OK && b["banned"] == true, "ban: {s} {b}");
    // At once: no waiting for a cache to expire on either gateway.
    for api in [g2, g1, g2, g1] {
        ensure!(
            me(api, &who.token).await? == StatusCode::UNAUTHORIZED,
            "a banned user's token still works through {}",
            api.base
        );
    }
    let (s, b) = g2.login_with("fleetbanned", PASSWORD).await?;
    ensure!(s == StatusCode::FORBIDDEN, "a banned login: {s} {b}");
    let (s, _) = g2
        .post(
            &format!("/v1/admin/users/{}/unban", who.id),
            json!({}),
            Some(&ctx.root.token),
        )
        .await?;
    ensure!(s == StatusCode::OK, "unban: {s}");
    let back = login(g1, "fleetbanned").await?;
    ensure!(me(g2, &back.token).await? == StatusCode::OK);
    Ok(())
}

/// Throttles count in windows aligned to the clock: a check that straddles a window's end
/// would see its count start again. Waits until at least `need` seconds of `period` are left.
pub(super) async fn clear_of_window_edge(period: u64, need: u64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let left = period - now % period;
    if left < need {
        tokio::time::sleep(std::time::Duration::from_secs(left + 1)).await;
    }
}

pub(super) async fn throttles(ctx: &Ctx) -> Result<()> {
    // Registrations: the buyers used this address's whole hourly allowance, half through
    // each gateway; the next one is refused by both.
    for (i, api) in ctx.apis.iter().enumerate() {
        let from = Api::from_address(&api.base, IpAddr::V4(BUYERS_ADDRESS))?;
        let (s, b) = from
            .post(
                "/v1/auth/register",
                json!({"email": format!("fleetextra{i}@example.com"), "username": format!("fleetextra{i}"), "password": PASSWORD}),
                None,
            )
            .await?;
        ensure!(
            s == StatusCode::TOO_MANY_REQUESTS && code(&b) == "rate_limited",
            "registration past the shared limit through {}: {s} {b}",
            api.base
        );
    }

    // Failed logins: ten wrong passwords, alternating gateways (and so auth replicas), lock
    // the account on both.
    clear_of_window_edge(60, 20).await;
    sign_up(
        &ctx.gw(0).base,
        Ipv4Addr::new(127, 4, 0, 4),
        "fleetvictim",
        "buyer",
    )
    .await?;
    let attackers: Vec<Api> = ctx
        .apis
        .iter()
        .map(|a| Api::from_address(&a.base, IpAddr::V4(Ipv4Addr::new(127, 4, 0, 5))))
        .collect::<Result<_>>()?;
    for i in 0..10 {
        let (s, b) = attackers[i % attackers.len()]
            .login_with("fleetvictim", "not the right password")
            .await?;
        ensure!(s == StatusCode::UNAUTHORIZED, "attempt {i}: {s} {b}");
    }
    for attacker in &attackers {
        let (s, b) = attacker
            .login_with("fleetvictim", "not the right password")
            .await?;
        ensure!(
            s == StatusCode::TOO_MANY_REQUESTS && code(&b) == "rate_limited",
            "the eleventh failure through {}: {s} {b}",
            attacker.base
        );
    }
    gateway_rate_limit(ctx).await
}

fn header_u64(resp: &reqwest::Response, name: &str) -> Option<u64> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([';', ',']).next())
        .and_then(|v| v.trim().parse().ok())
}

/// Requests in the shared-quota check: enough that what one gateway alone would count is
/// clearly apart from what both count together, even with the quota refilling meanwhile.
const QUOTA_REQUESTS: u64 = 60;

/// The gateways announce the request quota (`RateLimit-*`), and it is one quota for the fleet:
/// after requests alternating between the gateways, what is left is what all of them spent
/// allows (give or take the refill), not half of it.
async fn gateway_rate_limit(ctx: &Ctx) -> Result<()> {
    let ip = IpAddr::V4(Ipv4Addr::new(127, 4, 0, 6));
    let clients: Vec<Api> = ctx
        .apis
        .iter()
        .map(|a| Api::from_address(&a.base, ip))
        .collect::<Result<_>>()?;
    let started = std::time::Instant::now();
    let mut last = None;
    for i in 0..QUOTA_REQUESTS as usize {
        let client = &clients[i % clients.len()];
        let resp = client
            .http
            .get(format!("{}/v1/categories", client.base))
            .send()
            .await?;
        ensure!(
            resp.status() == StatusCode::OK,
            "categories: {}",
            resp.status()
        );
        last = Some((
            header_u64(&resp, "ratelimit-limit"),
            header_u64(&resp, "ratelimit-remaining"),
        ));
    }
    let elapsed = started.elapsed().as_secs_f64();
    // Every counted answer carries them; without them the shared quota cannot be checked,
    // which must fail rather than pass unchecked.
    let Some((Some(limit), Some(remaining))) = last else {
        bail!(
            "the gateways announced no RateLimit-Limit/Remaining on an anonymous read \
             ({last:?}); the shared request quota cannot be checked"
        );
    };
    // The quota refills at `limit` a minute; allow that plus one for rounding.
    let refill = (elapsed * limit as f64 / 60.0).ceil() as u64 + 1;
    let shared_bound = limit.saturating_sub(QUOTA_REQUESTS) + refill;
    ensure!(
        remaining <= shared_bound,
        "{remaining} of {limit} left after {QUOTA_REQUESTS} requests over both gateways in \
         {elapsed:.2} s (at most {shared_bound} if the quota is shared)"
    );
    Ok(())
}
