//! Scale-out on one machine: two gateways, two auth, three artwork and two commerce replicas,
//! each its own `artstationd` process on loopback, on one PostgreSQL, one Redis and a
//! three-node Garage cluster that keeps three copies of every blob. The gateways balance over
//! the replicas of each role, and the clients here spread their requests over both gateways,
//! so every check below crosses replicas.
//!
//! One fleet serves the whole story (starting it is most of the cost); the destructive steps
//! (a replica of each role killed, a Garage node killed) come last.

mod burst;
mod caches;
mod kill;
mod sessions;
mod storage;

use std::net::{IpAddr, Ipv4Addr};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::{FleetSize, Story, on_fleet, png};
use futures::{StreamExt, TryStreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SIZE: FleetSize = FleetSize {
    gateways: 2,
    auth: 2,
    artwork: 3,
    commerce: 2,
    garage_nodes: 3,
};

/// Buyers in the purchase burst: as many as one address may register in an hour, so the
/// registrations double as the check that the limit is shared.
const BUYERS: usize = 20;
/// The address every buyer registers from.
const BUYERS_ADDRESS: Ipv4Addr = Ipv4Addr::new(127, 3, 0, 1);
/// Argon2 hashing bounds how many sign-ups are worth sending at once.
const SIGN_UPS_AT_ONCE: usize = 4;

/// A signed-in account.
#[derive(Clone, Debug)]
struct Account {
    id: String,
    token: String,
}

/// An artwork and the bytes uploaded for it.
#[derive(Clone, Debug)]
struct Work {
    id: String,
    bytes: Vec<u8>,
}

/// What every step shares: a client per gateway and the accounts made at the start.
struct Ctx {
    /// One client per gateway; `gw(i)` picks by index modulo their number.
    apis: Vec<Api>,
    root: Account,
    artist: Account,
    buyers: Vec<Account>,
}

impl Ctx {
    fn gw(&self, i: usize) -> &Api {
        &self.apis[i % self.apis.len()]
    }
}

fn eur(amount_minor: i64) -> Value {
    json!({"amount_minor": amount_minor, "currency": "EUR"})
}

async fn login(api: &Api, name: &str) -> Result<Account> {
    let tokens = api.login(name).await?;
    let token = access_token(&tokens)?;
    let (s, me) = api.get("/v1/me", Some(&token)).await?;
    ensure!(s == StatusCode::OK, "me: {s} {me}");
    let id = me["id"].as_str().context("user id")?.to_owned();
    Ok(Account { id, token })
}

/// Registers through `api` from `ip`, then logs in through the same gateway.
async fn sign_up(base: &str, ip: Ipv4Addr, name: &str, role: &str) -> Result<Account> {
    let api = Api::from_address(base, IpAddr::V4(ip))?;
    api.register(name, role).await?;
    login(&api, name).await
}

/// Uploads a small published work through `api`.
async fn upload(api: &Api, token: &str, seed: u32, meta: Value) -> Result<Work> {
    // Distinct sizes and colours, so no two works are near-duplicates; 64 px is the minimum side.
    let bytes = png(64 + seed % 64, 64 + seed / 64 % 64, (seed % 251) as u8);
    let (s, b) = api.upload(token, meta, bytes.clone(), "work.png").await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {b}");
    Ok(Work {
        id: b["id"].as_str().context("artwork id")?.to_owned(),
        bytes,
    })
}

/// Waits (bounded) until `id` is public through every gateway: a work joins public reads
/// once its thumbnail and preview are made, after the upload is acknowledged. Bounded like
/// `Api::wait_ready`'s patience with a debug build, not a healthy run's few seconds: the
/// fleet's nine processes and Garage share two cores.
async fn ready(ctx: &Ctx, id: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    for api in &ctx.apis {
        loop {
            let (s, b) = api.get(&format!("/v1/artworks/{id}"), None).await?;
            if s == StatusCode::OK {
                break;
            }
            ensure!(
                std::time::Instant::now() < deadline,
                "{id} never became public through {}: {s} {b}",
                api.base
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    Ok(())
}

/// Longest the buyers' registrations and the steps before the throttle check may take: the
/// check counts them in the registration limit's hourly window (aligned to the clock), which
/// must not end in between.
const REGISTRATION_WINDOW_NEED: u64 = 180;

async fn setup(fleet: &artstation_tests::Fleet) -> Result<Ctx> {
    sessions::clear_of_window_edge(3600, REGISTRATION_WINDOW_NEED).await;
    let apis: Vec<Api> = fleet.gateway_urls().iter().map(|u| Api::new(u)).collect();
    fleet.auth[0].create_admin("root")?;
    let root = login(&apis[1], "root").await?;
    let artist = sign_up(
        &apis[0].base,
        Ipv4Addr::new(127, 4, 0, 1),
        "fleetartist",
        "artist",
    )
    .await?;
    // Alternate gateways: the shared registration limit counts all of them as one address.
    let bases: Vec<String> = apis.iter().map(|a| a.base.clone()).collect();
    let buyers =
        futures::stream::iter(0..BUYERS)
            .map(|i| {
                let base = bases[i % bases.len()].clone();
                async move {
                    sign_up(&base, BUYERS_ADDRESS, &format!("fleetbuyer{i:02}"), "buyer").await
                }
            })
            .buffered(SIGN_UPS_AT_ONCE)
            .try_collect()
            .await?;
    Ok(Ctx {
        apis,
        root,
        artist,
        buyers,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_share_state_survive_kills_and_a_lost_garage_node() -> Result<()> {
    on_fleet(SIZE, |mut fleet| async move {
        let mut story = Story::new("scale-out");
        let Some(ctx) = story.step("accounts", setup(&fleet)).await else {
            return story.finish();
        };
        let ok = &["accounts"];
        story
            .after(ok, "sessions cross gateways", sessions::sessions(&ctx))
            .await;
        story
            .after(ok, "a ban revokes on every gateway", sessions::ban(&ctx))
            .await;
        story
            .after(ok, "throttles are shared", sessions::throttles(&ctx))
            .await;
        story
            .after(ok, "a sale prices alike everywhere", caches::sale(&ctx))
            .await;
        let works = story
            .after(
                ok,
                "caches drop a hidden work everywhere",
                caches::hide(&ctx),
            )
            .await
            .unwrap_or_default();
        story
            .after(ok, "a burst never oversells", burst::burst(&ctx))
            .await;
        story.step_sync("ledger check after the burst", || {
            fleet.commerce[0]
                .command(&["ledger", "check"], "")
                .map(drop)
        });
        let acked = story
            .after(
                ok,
                "kill a replica of each role under load",
                kill::kill(&ctx, &mut fleet),
            )
            .await
            .unwrap_or_default();
        story.step_sync("ledger check after the kill", || {
            fleet.commerce[0]
                .command(&["ledger", "check"], "")
                .map(drop)
        });
        let every: Vec<Work> = works.into_iter().chain(acked).collect();
        story
            .after(
                ok,
                "one Garage node down",
                storage::node_down(&ctx, &mut fleet, &every),
            )
            .await;
        story.finish()
    })
    .await
}
