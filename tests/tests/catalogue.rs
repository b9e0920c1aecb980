//! The catalogue end to end over REST: who may change what, search and browse, favourites,
//! cached trending and recommendations, the sale, bulk repricing, and a Redis that goes away.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, PASSWORD, access_token, code};
use artstation_tests::{Daemon, on_production_profile, png};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn send(
    api: &Api,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
    token: Option<&str>,
) -> Result<(StatusCode, Value)> {
    let mut req = api.http.request(method, format!("{}{path}", api.base));
    if let Some(b) = body {
        req = req.json(&b);
    }
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    api.send(req).await
}

async fn upload(api: &Api, token: &str, seed: u8, meta: Value) -> Result<String> {
    let (s, b) = api
        .upload(token, meta, png(64 + u32::from(seed), 64, seed), "w.png")
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_on_the_embedded_default() -> Result<()> {
    catalogue_story(&Daemon::start()?).await
}

/// The production profile: PostgreSQL (tsvector search) and Redis (cached lists).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_on_postgres_and_redis() -> Result<()> {
    on_production_profile(&[], |daemon| async move { catalogue_story(&daemon).await }).await
}

async fn catalogue_story(daemon: &Daemon) -> Result<()> {
    use reqwest::Method;
    let api = Api::new(&daemon.gateway);
    for (name, role) in [("ann", "artist"), ("bob", "artist"), ("cat", "buyer")] {
        api.register(name, role).await?;
    }
    daemon.command(
        &[
            "admin",
            "create",
            "--email",
            "root@example.com",
            "--username",
            "root",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    )?;
    let ann = access_token(&api.login("ann").await?)?;
    let bob = access_token(&api.login("bob").await?)?;
    let cat = access_token(&api.login("cat").await?)?;
    let root = access_token(&api.login("root").await?)?;

    let harbour = upload(&api, &ann, 1, json!({"title": "Sunsets over the harbour", "tags": ["sea", "sky"], "category": "painting", "price": {"amount_minor": 1500, "currency": "USD"}})).await?;
    let forest = upload(&api, &ann, 2, json!({"title": "Forest at dawn", "tags": ["trees"], "category": "photography", "licence": "commercial", "price": {"amount_minor": 900, "currency": "USD"}})).await?;
    let draft = upload(&api, &ann, 3, json!({"title": "Unfinished", "status": "draft", "price": {"amount_minor": 100, "currency": "USD"}})).await?;
    let bobs = upload(&api, &bob, 4, json!({"title": "Neon city", "tags": ["city"], "price": {"amount_minor": 4000, "currency": "USD"}})).await?;
    let (s, b) = api.upload(&ann, json!({"title": "x", "category": "no-such-thing", "price": {"amount_minor": 1, "currency": "USD"}}), png(70, 64, 5), "x.png").await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "category",
        "{s} {b}"
    );

    // Who may change what: every route that takes an id, with two users.
    let p = |id: &str| format!("/v1/artworks/{id}");
    let (s, b) = send(
        &api,
        Method::PATCH,
        &p(&harbour),
        Some(json!({"title": "Mine now"})),
        Some(&bob),
    )
    .await?;
    ensure!(
        s == StatusCode::FORBIDDEN && code(&b) == "forbidden",
        "{s} {b}"
    );
    let (s, _) = send(
        &api,
        Method::PATCH,
        &p(&draft),
        Some(json!({"title": "Mine now"})),
        Some(&bob),
    )
    .await?;
    ensure!(
        s == StatusCode::NOT_FOUND,
        "someone else's draft must look absent: {s}"
    );
    let (s, _) = send(&api, Method::DELETE, &p(&harbour), None, Some(&bob)).await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let (s, _) = send(&api, Method::DELETE, &p(&draft), None, Some(&bob)).await?;
    ensure!(s == StatusCode::NOT_FOUND);
    let (s, b) = send(
        &api,
        Method::POST,
        "/v1/me/artworks/reprice",
        Some(json!({"ids": [harbour], "percent": "50"})),
        Some(&bob),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN, "{s} {b}");
    let (s, _) = send(
        &api,
        Method::PATCH,
        &p(&harbour),
        Some(json!({"title": "x"})),
        None,
    )
    .await?;
    ensure!(s == StatusCode::UNAUTHORIZED);
    for field in ["artist", "favorite_count", "id", "sha256", "created_at"] {
        let (s, b) = send(
            &api,
            Method::PATCH,
            &p(&harbour),
            Some(json!({ field: "x" })),
            Some(&ann),
        )
        .await?;
        ensure!(
            s == StatusCode::BAD_REQUEST && b["field"] == field,
            "{field}: {s} {b}"
        );
    }
    let (s, b) = send(
        &api,
        Method::PATCH,
        &p(&harbour),
        Some(json!({"status": "hidden"})),
        Some(&ann),
    )
    .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "status",
        "{s} {b}"
    );
    let (_, same) = api.get(&p(&harbour), None).await?;
    ensure!(
        same["title"] == "Sunsets over the harbour" && same["price"]["amount_minor"] == 1500,
        "nothing changed: {same}"
    );

    let (s, b) = send(
        &api,
        Method::PATCH,
        &p(&harbour),
        Some(
            json!({"description": "Gold and grey", "tags": ["Sea", "harbour"], "edition_size": 5}),
        ),
        Some(&ann),
    )
    .await?;
    ensure!(
        s == StatusCode::OK && b["tags"] == json!(["sea", "harbour"]) && b["edition_size"] == 5,
        "{s} {b}"
    );
    let (s, b) = send(
        &api,
        Method::PATCH,
        &p(&harbour),
        Some(json!({"edition_size": null, "category": null})),
        Some(&ann),
    )
    .await?;
    ensure!(
        s == StatusCode::OK && b["edition_size"].is_null() && b["category"].is_null(),
        "{s} {b}"
    );
    for (body, field) in [
        (
            json!({"price": {"amount_minor": -1, "currency": "USD"}}),
            "price.amount_minor",
        ),
        (
            json!({"price": {"amount_minor": 5, "currency": "XYZ"}}),
            "price.currency",
        ),
        (
            json!({"tags": (0..30).map(|i| format!("t{i}")).collect::<Vec<_>>()}),
            "tags",
        ),
        (json!({"title": "t".repeat(500)}), "title"),
        (json!({"licence": "cc0"}), "licence"),
        (json!({"edition_size": 0}), "edition_size"),
        (json!({}), "body"),
    ] {
        let (s, b) = send(
            &api,
            Method::PATCH,
            &p(&harbour),
            Some(body.clone()),
            Some(&ann),
        )
        .await?;
        ensure!(
            s == StatusCode::BAD_REQUEST && b["field"] == field,
            "{body}: {s} {b}"
        );
    }

    // Search and browse.
    let list = |q: &'static str| api.get(q, None);
    ensure!(titles(&list("/v1/artworks?q=sunset").await?.1) == ["Sunsets over the harbour"]);
    ensure!(titles(&list("/v1/artworks?tag=trees").await?.1) == ["Forest at dawn"]);
    ensure!(titles(&list("/v1/artworks?category=photography").await?.1) == ["Forest at dawn"]);
    ensure!(titles(&list("/v1/artworks?artist=bob").await?.1) == ["Neon city"]);
    ensure!(titles(&list("/v1/artworks?licence=commercial").await?.1) == ["Forest at dawn"]);
    ensure!(
        titles(&list("/v1/artworks?min_price=1000&max_price=2000").await?.1)
            == ["Sunsets over the harbour"]
    );
    ensure!(
        titles(&list("/v1/artworks?sort=price_asc").await?.1)
            == ["Forest at dawn", "Sunsets over the harbour", "Neon city"]
    );
    ensure!(titles(&list("/v1/artworks?sort=price_desc&limit=1").await?.1) == ["Neon city"]);
    for (q, field) in [
        ("/v1/artworks?sort=random", "sort"),
        ("/v1/artworks?category=nope", "category"),
        ("/v1/artworks?licence=cc0", "licence"),
        ("/v1/artworks?min_price=-5", "min_price"),
        ("/v1/artworks?min_price=abc", "min_price"),
        ("/v1/artworks?min_price=10&max_price=5", "min_price"),
        ("/v1/artworks?currency=XYZ", "currency"),
        ("/v1/artworks?cursor=zzz", "cursor"),
        ("/v1/artworks?limit=0", "limit"),
    ] {
        let (s, b) = list(q).await?;
        ensure!(
            s == StatusCode::BAD_REQUEST && code(&b) == "validation_failed" && b["field"] == field,
            "{q}: {s} {b}"
        );
    }
    let long = format!("/v1/artworks?q={}", "a".repeat(300));
    let (s, b) = api.get(&long, None).await?;
    ensure!(s == StatusCode::BAD_REQUEST && b["field"] == "q", "{s} {b}");
    let (_, page1) = list("/v1/artworks?sort=price_asc&limit=2").await?;
    let cursor = page1["next_cursor"].as_str().context("cursor")?;
    let (_, page2) = api
        .get(
            &format!("/v1/artworks?sort=price_asc&limit=2&cursor={cursor}"),
            None,
        )
        .await?;
    ensure!(titles(&page2) == ["Neon city"], "{page2}");
    let (s, _) = api
        .get(&format!("/v1/artworks?sort=new&cursor={cursor}"), None)
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST,
        "a price cursor replayed on another sort"
    );

    // Favourites: idempotent, counted, listed.
    for _ in 0..2 {
        let (s, _) = send(
            &api,
            Method::PUT,
            &format!("/v1/artworks/{bobs}/favorite"),
            None,
            Some(&cat),
        )
        .await?;
        ensure!(s == StatusCode::NO_CONTENT);
    }
    let (_, neon) = api.get(&p(&bobs), None).await?;
    ensure!(neon["favorite_count"] == 1, "{neon}");
    let (s, _) = send(
        &api,
        Method::PUT,
        &format!("/v1/artworks/{draft}/favorite"),
        None,
        Some(&cat),
    )
    .await?;
    ensure!(s == StatusCode::NOT_FOUND, "favourited an invisible draft");
    let (_, favs) = api.get("/v1/me/favorites", Some(&cat)).await?;
    ensure!(titles(&favs) == ["Neon city"], "{favs}");
    let (s, _) = api.get("/v1/me/favorites", None).await?;
    ensure!(s == StatusCode::UNAUTHORIZED);

    // Recommendations from co-favourites, cached per user.
    send(
        &api,
        Method::PUT,
        &format!("/v1/artworks/{bobs}/favorite"),
        None,
        Some(&root),
    )
    .await?;
    send(
        &api,
        Method::PUT,
        &format!("/v1/artworks/{forest}/favorite"),
        None,
        Some(&root),
    )
    .await?;
    let (hit, recs) = x_cache(&api, "/v1/me/recommendations", Some(&cat)).await?;
    ensure!(
        hit == "miss" && titles(&recs) == ["Forest at dawn"],
        "{hit} {recs}"
    );
    let (hit, _) = x_cache(&api, "/v1/me/recommendations", Some(&cat)).await?;
    ensure!(hit == "hit");
    send(
        &api,
        Method::PUT,
        &format!("/v1/artworks/{forest}/favorite"),
        None,
        Some(&cat),
    )
    .await?;
    let (hit, recs) = x_cache(&api, "/v1/me/recommendations", Some(&cat)).await?;
    ensure!(
        hit == "miss" && titles(&recs).is_empty(),
        "own favourites are not recommended: {hit} {recs}"
    );
    let (s, _) = send(
        &api,
        Method::DELETE,
        &format!("/v1/artworks/{bobs}/favorite"),
        None,
        Some(&cat),
    )
    .await?;
    ensure!(s == StatusCode::NO_CONTENT);
    let (s, _) = send(
        &api,
        Method::DELETE,
        &format!("/v1/artworks/{bobs}/favorite"),
        None,
        Some(&cat),
    )
    .await?;
    ensure!(s == StatusCode::NO_CONTENT, "unfavourite is idempotent too");

    // Trending, from the cache the second time.
    let (hit, pop) = x_cache(&api, "/v1/artworks/popular", None).await?;
    ensure!(hit == "miss" && !titles(&pop).is_empty(), "{hit} {pop}");
    let (hit, again) = x_cache(&api, "/v1/artworks/popular", None).await?;
    ensure!(hit == "hit" && again == pop, "{hit}");

    // Bulk repricing and the store-wide sale.
    let (s, b) = send(
        &api,
        Method::POST,
        "/v1/me/artworks/reprice",
        Some(json!({"all": true, "percent": "-10"})),
        Some(&ann),
    )
    .await?;
    ensure!(s == StatusCode::OK && b["updated"] == 3, "{s} {b}");
    let (_, h) = api.get(&p(&harbour), None).await?;
    ensure!(h["price"]["amount_minor"] == 1350, "{h}");
    for body in [
        json!({"all": true}),
        json!({"all": true, "percent": "-95"}),
        json!({"ids": [harbour], "all": true, "percent": "5"}),
        json!({"all": true, "percent": "1.234"}),
    ] {
        let (s, b) = send(
            &api,
            Method::POST,
            "/v1/me/artworks/reprice",
            Some(body.clone()),
            Some(&ann),
        )
        .await?;
        ensure!(s == StatusCode::BAD_REQUEST, "{body}: {s} {b}");
    }
    let now = chrono::Utc::now();
    let sale = json!({"percent": "20", "starts_at": (now - chrono::Duration::minutes(1)).to_rfc3339(), "ends_at": (now + chrono::Duration::hours(1)).to_rfc3339()});
    let (s, _) = send(
        &api,
        Method::PUT,
        "/v1/admin/sale",
        Some(sale.clone()),
        Some(&ann),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let (s, b) = send(&api, Method::PUT, "/v1/admin/sale", Some(sale), Some(&root)).await?;
    ensure!(
        s == StatusCode::OK && b["sale"]["active"] == true,
        "{s} {b}"
    );
    let (_, h) = api.get(&p(&harbour), None).await?;
    ensure!(
        h["price"]["amount_minor"] == 1350 && h["effective_price"]["amount_minor"] == 1080,
        "{h}"
    );
    ensure!(
        titles(&list("/v1/artworks?max_price=1080").await?.1).contains(&"Sunsets over the harbour"),
        "bounds use what buyers pay"
    );
    ensure!(
        !titles(&list("/v1/artworks?max_price=1079").await?.1)
            .contains(&"Sunsets over the harbour")
    );
    let (s, _) = send(&api, Method::DELETE, "/v1/admin/sale", None, Some(&root)).await?;
    ensure!(s == StatusCode::NO_CONTENT);
    let (_, s2) = api.get("/v1/sale", None).await?;
    ensure!(s2["sale"].is_null(), "{s2}");

    // Categories are a managed list.
    let (s, _) = send(
        &api,
        Method::POST,
        "/v1/admin/categories",
        Some(json!({"slug": "sculpture", "name": "Sculpture"})),
        Some(&bob),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let (s, _) = send(
        &api,
        Method::POST,
        "/v1/admin/categories",
        Some(json!({"slug": "sculpture", "name": "Sculpture"})),
        Some(&root),
    )
    .await?;
    ensure!(s == StatusCode::CREATED);
    let (s, _) = send(
        &api,
        Method::PATCH,
        "/v1/admin/categories/sculpture",
        Some(json!({"name": "Sculpture & form"})),
        Some(&root),
    )
    .await?;
    ensure!(s == StatusCode::OK);
    let (_, cats) = api.get("/v1/categories", None).await?;
    ensure!(
        cats["items"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["name"] == "Sculpture & form")),
        "{cats}"
    );
    let (s, b) = send(
        &api,
        Method::POST,
        "/v1/admin/categories",
        Some(json!({"slug": "Bad Slug!", "name": "x"})),
        Some(&root),
    )
    .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "slug",
        "{s} {b}"
    );

    // Moderation hides; the owner cannot un-hide by PATCH; admins may edit and delete.
    let (s, b) = send(
        &api,
        Method::POST,
        &format!("/v1/admin/artworks/{forest}/moderation"),
        Some(json!({"action": "hide", "reason": "test"})),
        Some(&root),
    )
    .await?;
    ensure!(s == StatusCode::OK && b["status"] == "hidden", "{s} {b}");
    ensure!(api.get(&p(&forest), None).await?.0 == StatusCode::NOT_FOUND);
    ensure!(!titles(&list("/v1/artworks").await?.1).contains(&"Forest at dawn"));
    let (s, _) = send(
        &api,
        Method::PATCH,
        &p(&forest),
        Some(json!({"status": "published"})),
        Some(&ann),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN, "owner un-hid a moderated work");
    let (s, b) = send(
        &api,
        Method::PATCH,
        &p(&forest),
        Some(json!({"title": "Forest, reworked"})),
        Some(&ann),
    )
    .await?;
    ensure!(s == StatusCode::OK && b["status"] == "hidden", "{s} {b}");
    let (s, _) = send(
        &api,
        Method::PATCH,
        &p(&bobs),
        Some(json!({"title": "Neon city (edited by staff)"})),
        Some(&root),
    )
    .await?;
    ensure!(s == StatusCode::OK);
    let (s, _) = send(&api, Method::DELETE, &p(&bobs), None, Some(&bob)).await?;
    ensure!(s == StatusCode::NO_CONTENT);
    ensure!(api.get(&p(&bobs), None).await?.0 == StatusCode::NOT_FOUND);
    let (s, _) = send(&api, Method::DELETE, &p(&bobs), None, Some(&bob)).await?;
    ensure!(s == StatusCode::NOT_FOUND);
    Ok(())
}

/// A Redis of our own on a free loopback port, so the test can stop and restart it.
struct OwnRedis {
    child: Child,
    port: u16,
}

impl OwnRedis {
    fn start(port: u16) -> Result<Self> {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .spawn()
            .context("redis-server is required for this test")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            ensure!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self { child, port })
    }

    fn free_port() -> Result<u16> {
        Ok(std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port())
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_redis_is_not_an_outage() -> Result<()> {
    let port = OwnRedis::free_port()?;
    let redis = OwnRedis::start(port)?;
    let url = format!("redis://127.0.0.1:{}", redis.port);
    let daemon = Daemon::start_with(&[("ARTSTATION_REDIS_URL", &url)])?;
    let api = Api::new(&daemon.gateway);
    api.register("ann", "artist").await?;
    let ann = access_token(&api.login("ann").await?)?;
    upload(
        &api,
        &ann,
        1,
        json!({"title": "Still here", "price": {"amount_minor": 100, "currency": "USD"}}),
    )
    .await?;
    ensure!(x_cache(&api, "/v1/artworks/popular", None).await?.0 == "miss");
    ensure!(x_cache(&api, "/v1/artworks/popular", None).await?.0 == "hit");

    drop(redis);
    let started = Instant::now();
    let (hit, list) = x_cache(&api, "/v1/artworks/popular", None).await?;
    ensure!(
        hit == "miss" && titles(&list) == ["Still here"],
        "{hit} {list}"
    );
    ensure!(
        api.get("/v1/me", Some(&ann)).await?.0 == StatusCode::OK,
        "auth must survive too"
    );
    ensure!(api.login("ann").await.is_ok(), "login must survive too");
    tracing_free_note(started.elapsed());

    // Redis comes back on the same port; the service reconnects by itself.
    let _redis = OwnRedis::start(port)?;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (hit, _) = x_cache(&api, "/v1/artworks/popular", None).await?;
        if hit == "hit" {
            break;
        }
        ensure!(Instant::now() < deadline, "never reconnected to Redis");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    Ok(())
}

/// How long the degraded requests took is informative, not asserted (no timing in tests).
fn tracing_free_note(d: Duration) {
    eprintln!("degraded requests took {d:?}");
}
