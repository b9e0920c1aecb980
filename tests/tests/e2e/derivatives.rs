//! Derivatives after the acknowledgement (issue 12): an upload is answered once its original is
//! stored, with `derivatives: pending`; its owner sees it at once, the public only once the
//! workers made its thumbnail and preview. The queue lives in the database, so jobs survive the
//! artwork role being killed (SIGKILL) right after its acknowledgements.

use std::path::Path;

use anyhow::{Context, Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::pattern_jpeg;
use futures::StreamExt as _;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::Connection as _;

/// The gateway's default per-user cap on concurrent uploads.
const UPLOADS_PER_USER: usize = 8;

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The artwork role alone, on a fixed port, database and blob store, so it can be started
/// again where the gateway expects it, on the same data.
fn start_artwork(port: u16, dir: &Path, others: &Daemon, workers: &str) -> Result<Daemon> {
    Daemon::start_roles(
        &["artwork"],
        &[
            ("ARTSTATION_ARTWORK_ADDR", &format!("127.0.0.1:{port}")),
            (
                "ARTSTATION_ARTWORK_DATABASE_URL",
                &format!("sqlite://{}", dir.join("artwork.db").display()),
            ),
            (
                "ARTSTATION_STORAGE",
                &format!("file://{}", dir.join("originals").display()),
            ),
            ("ARTSTATION_AUTH_UPSTREAM", others.addr("auth")?),
            ("ARTSTATION_DERIVATIVE_WORKERS", workers),
            // A killed worker's jobs wait for its lease to run out; keep that short here.
            ("ARTSTATION_DERIVATIVE_LEASE_SECS", "2"),
        ],
    )
}

fn gateway_and_auth(port: u16) -> Result<Daemon> {
    Daemon::start_roles(
        &["gateway", "auth"],
        &[(
            "ARTSTATION_ARTWORK_UPSTREAM",
            &format!("http://127.0.0.1:{port}"),
        )],
    )
}

async fn artist(api: &Api, name: &str) -> Result<String> {
    api.register(name, "artist").await?;
    access_token(&api.login(name).await?)
}

async fn upload(api: &Api, token: &str, title: &str, seed: u64) -> Result<Value> {
    let (s, body) = api
        .upload(
            token,
            json!({"title": title, "price": {"amount_minor": 900, "currency": "EUR"}, "tags": ["dusk"]}),
            pattern_jpeg(1200, 800, seed),
            "w.jpg",
        )
        .await?;
    ensure!(s == StatusCode::CREATED, "upload {title}: {s} {body}");
    Ok(body)
}

/// Ids in a list answer.
fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// What the public lists show: newest, by tag, by artist, and text search.
async fn public_ids(api: &Api, artist: &str) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for path in [
        "/v1/artworks?limit=100".to_owned(),
        "/v1/artworks?tag=dusk&limit=100".to_owned(),
        format!("/v1/artworks?artist={artist}&limit=100"),
        "/v1/artworks?q=evening&limit=100".to_owned(),
    ] {
        let (s, list) = api.get(&path, None).await?;
        ensure!(s == StatusCode::OK, "{path}: {s} {list}");
        out.push(ids(&list));
    }
    Ok(out)
}

async fn status_of(api: &Api, path: &str, token: Option<&str>) -> Result<StatusCode> {
    let mut req = api.http.get(format!("{}{path}", api.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    Ok(req.send().await?.status())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_sees_a_pending_work_at_once_and_the_public_once_it_is_ready() -> Result<()> {
    let port = free_port()?;
    let others = gateway_and_auth(port)?;
    let dir = tempfile::tempdir()?;
    // No workers at first: the work stays pending for as long as the test looks at it.
    let mut artwork = start_artwork(port, dir.path(), &others, "0")?;
    let api = Api::new(&others.gateway);
    let token = artist(&api, "dawnartist").await?;

    let created = upload(&api, &token, "Evening light", 1).await?;
    let id = created["id"].as_str().context("id")?.to_owned();
    ensure!(created["derivatives"] == "pending", "{created}");
    ensure!(created["thumbnail_url"].is_null() && created["preview_url"].is_null());

    // The owner sees it at once, in their own list and by id.
    let (s, own) = api.get(&format!("/v1/artworks/{id}"), Some(&token)).await?;
    ensure!(
        s == StatusCode::OK && own["derivatives"] == "pending",
        "{s} {own}"
    );
    let (s, mine) = api.get("/v1/me/artworks", Some(&token)).await?;
    ensure!(s == StatusCode::OK, "{s} {mine}");
    let listed = mine["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == id.as_str()))
        .context("the owner's list lacks the pending work")?;
    ensure!(listed["derivatives"] == "pending", "{listed}");

    // Nobody else does, and there is no thumbnail to fetch yet.
    ensure!(
        public_ids(&api, "dawnartist")
            .await?
            .iter()
            .all(Vec::is_empty)
    );
    let (s, body) = api.get(&format!("/v1/artworks/{id}"), None).await?;
    ensure!(s == StatusCode::NOT_FOUND, "{s} {body}");
    for variant in ["thumbnail", "preview"] {
        let path = format!("/v1/artworks/{id}/{variant}");
        ensure!(status_of(&api, &path, Some(&token)).await? == StatusCode::NOT_FOUND);
        ensure!(status_of(&api, &path, None).await? == StatusCode::NOT_FOUND);
    }

    // Workers start with the next process, which finds the job in the database.
    ensure!(artwork.terminate()?.success());
    let _artwork = start_artwork(port, dir.path(), &others, "2")?;
    let ready = api.wait_ready(&token, &id).await?;
    ensure!(
        ready["thumbnail_url"] == format!("/v1/artworks/{id}/thumbnail").as_str(),
        "{ready}"
    );
    let public = public_ids(&api, "dawnartist").await?;
    ensure!(public.iter().all(|l| *l == [id.clone()]), "{public:?}");
    for variant in ["thumbnail", "preview"] {
        let path = format!("/v1/artworks/{id}/{variant}");
        ensure!(
            status_of(&api, &path, None).await? == StatusCode::OK,
            "{path}"
        );
    }
    let (s, seen) = api.get(&format!("/v1/artworks/{id}"), None).await?;
    ensure!(
        s == StatusCode::OK && seen["derivatives"] == "ready",
        "{s} {seen}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn jobs_survive_the_artwork_role_killed_right_after_its_acknowledgements() -> Result<()> {
    let port = free_port()?;
    let others = gateway_and_auth(port)?;
    let dir = tempfile::tempdir()?;
    let mut artwork = start_artwork(port, dir.path(), &others, "2")?;
    let api = Api::new(&others.gateway);
    let token = artist(&api, "crashartist").await?;

    // The gateway lets one user hold 8 uploads at once; ten in a burst would be refused with 429
    // whenever the first two have not finished by the time the last two start.
    let uploads = (0..10u64).map(|n| upload(&api, &token, "Evening crash", 10 + n));
    let created: Vec<Value> = futures::stream::iter(uploads)
        .buffer_unordered(UPLOADS_PER_USER)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_>>()?;
    // Killed as soon as the last acknowledgement is in: no chance to drain anything.
    artwork.kill()?;
    let ids: Vec<String> = created
        .iter()
        .map(|c| c["id"].as_str().map(str::to_owned).context("id"))
        .collect::<Result<_>>()?;
    ensure!(
        created.iter().all(|c| c["derivatives"] == "pending"),
        "an upload was answered with its derivatives made: {created:?}"
    );
    // The kill must have left work behind, or there is nothing to survive.
    let db = format!("sqlite://{}", dir.path().join("artwork.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&db).await?;
    let (left,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM derivative_jobs WHERE state = 'queued'")
            .fetch_one(&mut conn)
            .await?;
    conn.close().await?;
    ensure!(left > 0, "every job was done before the kill");

    let _artwork = start_artwork(port, dir.path(), &others, "2")?;
    for id in &ids {
        let ready = api.wait_ready(&token, id).await?;
        ensure!(!ready["thumbnail_url"].is_null(), "{ready}");
        for variant in ["thumbnail", "preview"] {
            let path = format!("/v1/artworks/{id}/{variant}");
            ensure!(
                status_of(&api, &path, None).await? == StatusCode::OK,
                "{path}"
            );
        }
    }
    let mut listed = public_ids(&api, "crashartist").await?.swap_remove(0);
    listed.sort();
    let mut want = ids.clone();
    want.sort();
    ensure!(listed == want, "{listed:?} vs {want:?}");
    Ok(())
}

/// A published work whose derivatives are still pending is not public, so it cannot be bought
/// either, not even by someone who learnt its id: the purchase gets the `not_found` a public
/// read of it gets, and no money moves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_work_cannot_be_bought_by_its_id() -> Result<()> {
    // No workers: the work stays pending for the whole test.
    let daemon = Daemon::start_with(&[("ARTSTATION_DERIVATIVE_WORKERS", "0")])?;
    let api = Api::new(&daemon.gateway);
    let token = artist(&api, "pendingseller").await?;
    let created = upload(&api, &token, "Evening unsold", 3).await?;
    let id = created["id"].as_str().context("id")?.to_owned();
    ensure!(created["derivatives"] == "pending", "{created}");

    api.register("eagerbuyer", "buyer").await?;
    let buyer = access_token(&api.login("eagerbuyer").await?)?;
    let funds = json!({"amount_minor": 5000, "currency": "EUR"});
    let (s, b) = api.post("/v1/me/wallet/topup", funds, Some(&buyer)).await?;
    ensure!(s == StatusCode::OK, "top-up: {s} {b}");

    let (read, read_body) = api.get(&format!("/v1/artworks/{id}"), Some(&buyer)).await?;
    ensure!(read == StatusCode::NOT_FOUND, "{read} {read_body}");
    let req = api
        .http
        .post(format!("{}/v1/artworks/{id}/purchase", api.base))
        .bearer_auth(&buyer)
        .header("Idempotency-Key", "pending-1");
    let (s, b) = api.send(req).await?;
    ensure!(
        s == StatusCode::NOT_FOUND && b["code"] == read_body["code"],
        "buying a pending work: {s} {b} (a read of it: {read_body})"
    );
    let (s, wallet) = api.get("/v1/me/wallet", Some(&buyer)).await?;
    ensure!(s == StatusCode::OK, "{s} {wallet}");
    ensure!(
        wallet["balances"][0]["amount_minor"] == 5000,
        "money moved: {wallet}"
    );
    Ok(())
}
