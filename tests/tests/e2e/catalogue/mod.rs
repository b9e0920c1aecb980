//! The catalogue end to end over REST: who may change what, search and browse, favourites,
//! cached trending and recommendations, the sale, bulk repricing, and a Redis that goes away.

mod admin;
mod browse;
mod edits;
mod privacy;
mod redis;

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::{Daemon, Story, on_production_profile, png};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn send(
    api: &Api,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
    token: Option<&str>,
) -> Result<(StatusCode, Value)> {
    api.call(method, path, body, token).await
}

async fn upload(api: &Api, token: &str, seed: u8, meta: Value) -> Result<String> {
    let (s, b) = api
        .upload_ready(token, meta, png(64 + u32::from(seed), 64, seed), "w.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {b}");
    Ok(b["id"].as_str().context("id")?.to_owned())
}

fn titles(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["title"].as_str()).collect())
        .unwrap_or_default()
}

async fn x_cache(api: &Api, path: &str, token: Option<&str>) -> Result<(String, Value)> {
    let mut req = api.http.get(format!("{}{path}", api.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await?;
    ensure!(resp.status() == StatusCode::OK, "{path}: {}", resp.status());
    let hit = resp
        .headers()
        .get("x-cache")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    Ok((hit, resp.json().await?))
}

fn p(id: &str) -> String {
    format!("/v1/artworks/{id}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_on_the_embedded_default() -> Result<()> {
    catalogue_story(&Daemon::start()?).await
}

/// The production profile: PostgreSQL (tsvector search) and Redis (cached lists).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_on_postgres_and_redis() -> Result<()> {
    on_production_profile(&[], |daemon| async move { catalogue_story(&daemon).await }).await
}

/// The accounts and artworks every step of the story works with.
#[derive(Clone)]
struct Ctx {
    ann: String,
    bob: String,
    cat: String,
    root: String,
    harbour: String,
    forest: String,
    draft: String,
    bobs: String,
}

/// Three users, an admin and four artworks; the steps need all of them, so a failure here
/// ends the story.
async fn setup(daemon: &Daemon, api: &Api) -> Result<Ctx> {
    for (name, role) in [("ann", "artist"), ("bob", "artist"), ("cat", "buyer")] {
        api.register(name, role).await?;
    }
    daemon.create_admin("root")?;
    let ann = access_token(&api.login("ann").await?)?;
    let bob = access_token(&api.login("bob").await?)?;
    let cat = access_token(&api.login("cat").await?)?;
    let root = access_token(&api.login("root").await?)?;

    let harbour = upload(api, &ann, 1, json!({"title": "Sunsets over the harbour", "tags": ["sea", "sky"], "category": "painting", "price": {"amount_minor": 1500, "currency": "USD"}})).await?;
    let forest = upload(api, &ann, 2, json!({"title": "Forest at dawn", "tags": ["trees"], "category": "photography", "licence": "commercial", "price": {"amount_minor": 900, "currency": "USD"}})).await?;
    let draft = upload(api, &ann, 3, json!({"title": "Unfinished", "status": "draft", "price": {"amount_minor": 100, "currency": "USD"}})).await?;
    let bobs = upload(api, &bob, 4, json!({"title": "Neon city", "tags": ["city"], "price": {"amount_minor": 4000, "currency": "USD"}})).await?;
    Ok(Ctx {
        ann,
        bob,
        cat,
        root,
        harbour,
        forest,
        draft,
        bobs,
    })
}

async fn refuses_unknown_categories(api: &Api, ann: &str) -> Result<()> {
    let (s, b) = api.upload_ready(ann, json!({"title": "x", "category": "no-such-thing", "price": {"amount_minor": 1, "currency": "USD"}}), png(70, 64, 5), "x.png").await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "category",
        "{s} {b}"
    );
    Ok(())
}

async fn catalogue_story(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    let c = setup(daemon, &api)
        .await
        .context("setting up the catalogue story")?;
    let mut story = Story::new("catalogue");
    story
        .step(
            "uploads refuse unknown categories",
            refuses_unknown_categories(&api, &c.ann),
        )
        .await;
    story
        .step(
            "who may change what",
            edits::who_may_change_what(&api, c.clone()),
        )
        .await;
    story.step("edits", edits::edits(&api, c.clone())).await;
    story
        .step(
            "search and browse",
            browse::search_and_browse(&api, c.clone()),
        )
        .await;
    story
        .step("favourites", browse::favourites(&api, c.clone()))
        .await;
    // Cat's recommendations come from what the favourites step made her like.
    story
        .after(
            &["favourites"],
            "recommendations",
            browse::recommendations(&api, c.clone()),
        )
        .await;
    story
        .step("trending", browse::trending(&api, c.clone()))
        .await;
    story
        .step(
            "repricing and the sale",
            admin::repricing_and_sale(&api, c.clone()),
        )
        .await;
    story
        .step("categories", admin::categories(&api, c.clone()))
        .await;
    // Last: it hides and deletes artworks the other steps look at.
    story.step("moderation", admin::moderation(&api, c)).await;
    story.finish()
}
