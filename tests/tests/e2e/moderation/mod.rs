//! Moderation end to end over REST and gRPC (issue 13), on the embedded default and on
//! PostgreSQL with Redis: two users report works, two admins work the queue, hide (the work
//! vanishes from every list, search, tag page, favourites and the cached popular list at once),
//! the reporter sees the outcome, the artist sees the state and appeals once, the other admin
//! restores; bulk actions with good and bad ids; dismissals; bans and roles with reasons; the
//! audit log merged from the auth and artwork services in time order, with filters; and
//! non-admins refused at the gateway and by the services themselves.

mod actions;
mod audit;
mod flags;
mod refusals;
mod reports;

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::{Daemon, Story, on_production_profile, png};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn send(
    api: &Api,
    method: Method,
    path: &str,
    body: Option<Value>,
    token: &str,
) -> Result<(StatusCode, Value)> {
    api.call(method, path, body, Some(token)).await
}

/// `POST path body` as `token`, which must answer `want`: the document.
async fn post_ok(
    api: &Api,
    path: &str,
    body: Value,
    token: &str,
    want: StatusCode,
) -> Result<Value> {
    let (s, b) = send(api, Method::POST, path, Some(body), token).await?;
    ensure!(s == want, "POST {path}: {s} {b}");
    Ok(b)
}

async fn get_ok(api: &Api, path: &str, token: Option<&str>) -> Result<Value> {
    let (s, b) = api.get(path, token).await?;
    ensure!(s == StatusCode::OK, "GET {path}: {s} {b}");
    Ok(b)
}

fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["id"].as_str().or(i["artwork"]["id"].as_str()))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Everyone in the story: artists ann and bob, users cat and dan, admins root and rex.
#[derive(Clone)]
struct Ctx {
    artwork_grpc: String,
    auth_grpc: String,
    commerce_grpc: String,
    ann: String,
    bob: String,
    cat: String,
    dan: String,
    dan_id: String,
    cat_id: String,
    root: String,
    rex: String,
    /// Ann's works: reported and hidden, reported and bulk-hidden, removed.
    harbour: String,
    forest: String,
    dune: String,
    /// Bob's work: reported, then the reports dismissed.
    neon: String,
}

async fn upload(api: &Api, token: &str, seed: u8, title: &str, tags: &[&str]) -> Result<String> {
    let meta =
        json!({"title": title, "tags": tags, "price": {"amount_minor": 500, "currency": "USD"}});
    let (s, b) = api
        .upload_ready(token, meta, png(80 + u32::from(seed), 64, seed), "w.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {b}");
    Ok(b["id"].as_str().context("id")?.to_owned())
}

async fn setup(daemon: &Daemon, api: &Api) -> Result<Ctx> {
    for (name, role) in [
        ("ann", "artist"),
        ("bob", "artist"),
        ("cat", "buyer"),
        ("dan", "buyer"),
    ] {
        api.register(name, role).await?;
    }
    daemon.create_admin("root")?;
    daemon.create_admin("rex")?;
    let token = |name: &'static str| async move { access_token(&api.login(name).await?) };
    let (ann, bob, cat, dan) = (
        token("ann").await?,
        token("bob").await?,
        token("cat").await?,
        token("dan").await?,
    );
    let (root, rex) = (token("root").await?, token("rex").await?);
    let me = |t: String| async move {
        let b = get_ok(api, "/v1/me", Some(&t)).await?;
        Ok::<_, anyhow::Error>(b["id"].as_str().context("id")?.to_owned())
    };
    let (cat_id, dan_id) = (me(cat.clone()).await?, me(dan.clone()).await?);
    let harbour = upload(api, &ann, 1, "Harbour at night", &["sea"]).await?;
    let forest = upload(api, &ann, 2, "Forest", &["trees"]).await?;
    let dune = upload(api, &ann, 3, "Dune", &["sand"]).await?;
    let neon = upload(api, &bob, 4, "Neon", &["city"]).await?;
    Ok(Ctx {
        artwork_grpc: daemon.addr("artwork")?.to_owned(),
        auth_grpc: daemon.addr("auth")?.to_owned(),
        commerce_grpc: daemon.addr("commerce")?.to_owned(),
        ann,
        bob,
        cat,
        dan,
        dan_id,
        cat_id,
        root,
        rex,
        harbour,
        forest,
        dune,
        neon,
    })
}

async fn moderation_story(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    let c = setup(daemon, &api)
        .await
        .context("setting up the moderation story")?;
    let mut story = Story::new("moderation");
    story
        .step("users report works", reports::file_reports(&api, c.clone()))
        .await;
    story
        .after(
            &["users report works"],
            "the queue",
            actions::queue(&api, c.clone()),
        )
        .await;
    story
        .after(
            &["the queue"],
            "a hide takes effect everywhere at once",
            actions::hide(&api, c.clone()),
        )
        .await;
    story
        .after(
            &["a hide takes effect everywhere at once"],
            "the reporter sees the outcome, the artist appeals once",
            reports::outcome_and_appeal(&api, c.clone()),
        )
        .await;
    story
        .after(
            &["the reporter sees the outcome, the artist appeals once"],
            "the other admin restores",
            actions::restore(&api, c.clone()),
        )
        .await;
    story
        .step("bulk actions and removal", actions::bulk(&api, c.clone()))
        .await;
    story
        .step("dismissing reports", actions::dismiss(&api, c.clone()))
        .await;
    story
        .step(
            "bans and roles with reasons",
            audit::accounts(&api, c.clone()),
        )
        .await;
    story
        .after(
            &[
                "the other admin restores",
                "bans and roles with reasons",
                "dismissing reports",
            ],
            "the merged audit log",
            audit::merged_log(&api, c.clone()),
        )
        .await;
    story
        .step(
            "non-admins are refused by the services themselves",
            refusals::services_refuse_non_admins(&api, c.clone()),
        )
        .await;
    story.finish()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_on_the_embedded_default() -> Result<()> {
    moderation_story(&Daemon::start()?).await
}

/// PostgreSQL for every service, Redis for the cached lists the hide must drop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_on_postgres_and_redis() -> Result<()> {
    on_production_profile(&[], |daemon| async move { moderation_story(&daemon).await }).await
}
