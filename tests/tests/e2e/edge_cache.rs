//! The gateway's edge cache against a real artstationd: an anonymous reader's
//! `GET /v1/artworks/{id}` and public lists (pages, searches, popular, categories, the sale,
//! the public moderation log) are shareable (`public, max-age`, a strong ETag, 304 on
//! `If-None-Match`, `Vary: authorization`) and served again without asking the artwork
//! service; signed-in answers are private and never kept; a write through the gateway, a
//! change made straight at the artwork service (which the gateway hears of only through
//! `WatchChanges`), and a work made public by the derivative workers (which no call carries)
//! are seen by the next anonymous read.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_proto::artwork::v1 as pb;
use artstation_proto::artwork::v1::artwork_service_client::ArtworkServiceClient;
use artstation_tests::http::{Api, access_token};
use artstation_tests::{Daemon, png};
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

/// Answers the edge cache gave from what it kept, as the gateway's `/metrics` counts them.
async fn edge_hits(api: &Api) -> Result<f64> {
    hits_of(api, "edge_artwork").await
}

/// Lists the edge cache gave from what it kept.
async fn list_hits(api: &Api) -> Result<f64> {
    hits_of(api, "edge_list").await
}

async fn hits_of(api: &Api, cache: &str) -> Result<f64> {
    let label = format!("cache=\"{cache}\"");
    let text = api
        .http
        .get(format!("{}/metrics", api.base))
        .send()
        .await?
        .text()
        .await?;
    Ok(text
        .lines()
        .filter(|l| {
            l.starts_with("artstation_cache_requests_total{")
                && l.contains(&label)
                && l.contains("result=\"hit\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum())
}

async fn anonymous(api: &Api, id: &str) -> Result<(StatusCode, reqwest::header::HeaderMap, Value)> {
    let resp = api
        .http
        .get(format!("{}/v1/artworks/{id}", api.base))
        .send()
        .await?;
    let (status, headers) = (resp.status(), resp.headers().clone());
    Ok((status, headers, resp.json().await?))
}

fn header_of(headers: &reqwest::header::HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Reads anonymously until an answer is served from the edge cache (the gateway starts
/// watching the artwork service's changes as it starts; nothing is kept before).
async fn until_served_from_the_cache(api: &Api, id: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let before = edge_hits(api).await?;
        anonymous(api, id).await?;
        anonymous(api, id).await?;
        if edge_hits(api).await? > before {
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "no anonymous read was served from the edge cache"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn anonymous_reads_are_shared_and_changes_are_seen_at_once() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    api.register("edgeartist", "artist").await?;
    let artist = access_token(&api.login("edgeartist").await?)?;
    api.register("edgefan", "buyer").await?;
    let fan = access_token(&api.login("edgefan").await?)?;
    let meta = json!({"title": "Tide", "price": {"amount_minor": 900, "currency": "EUR"}});
    let (s, art) = api
        .upload_ready(&artist, meta, png(96, 80, 11), "tide.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {art}");
    let id = art["id"].as_str().context("no id")?.to_owned();

    // Anonymous: shareable for a few seconds, with a strong validator.
    let (s, headers, body) = anonymous(&api, &id).await?;
    ensure!(s == StatusCode::OK, "anonymous read: {s} {body}");
    let cc = header_of(&headers, header::CACHE_CONTROL);
    ensure!(cc.starts_with("public, max-age="), "cache-control: {cc:?}");
    ensure!(
        header_of(&headers, header::VARY).contains("authorization"),
        "vary: {headers:?}"
    );
    let etag = header_of(&headers, header::ETAG).to_owned();
    ensure!(etag.starts_with('"') && etag.len() > 2, "etag: {etag:?}");
    ensure!(
        body["sha256"].is_null(),
        "anonymous sees no fingerprint: {body}"
    );
    let resp = api
        .http
        .get(format!("{}/v1/artworks/{id}", api.base))
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await?;
    ensure!(
        resp.status() == StatusCode::NOT_MODIFIED,
        "revalidation: {}",
        resp.status()
    );
    ensure!(resp.bytes().await?.is_empty(), "a 304 has no body");
    until_served_from_the_cache(&api, &id).await?;

    // Signed in: private, never kept, and the owner's view (which the cache never shows).
    let before = edge_hits(&api).await?;
    let (s, owner) = api
        .get(&format!("/v1/artworks/{id}"), Some(&artist))
        .await?;
    ensure!(
        s == StatusCode::OK && owner["sha256"].is_string(),
        "owner: {s} {owner}"
    );
    let resp = api
        .http
        .get(format!("{}/v1/artworks/{id}", api.base))
        .bearer_auth(&fan)
        .send()
        .await?;
    let cc = header_of(resp.headers(), header::CACHE_CONTROL).to_owned();
    ensure!(cc == "private, no-cache", "signed-in cache-control: {cc:?}");
    ensure!(
        edge_hits(&api).await? == before,
        "a signed-in read was answered from the cache"
    );

    // A write through the gateway: the very next anonymous read shows it.
    let (s, body) = api
        .call(
            reqwest::Method::PATCH,
            &format!("/v1/artworks/{id}"),
            Some(json!({"title": "Tide at dusk"})),
            Some(&artist),
        )
        .await?;
    ensure!(s == StatusCode::OK, "edit: {s} {body}");
    let (_, _, seen) = anonymous(&api, &id).await?;
    ensure!(seen["title"] == "Tide at dusk", "after the edit: {seen}");
    let (s, body) = api
        .call(
            reqwest::Method::PUT,
            &format!("/v1/artworks/{id}/favorite"),
            None,
            Some(&fan),
        )
        .await?;
    ensure!(s.is_success(), "favourite: {s} {body}");
    let (_, _, seen) = anonymous(&api, &id).await?;
    ensure!(seen["favorite_count"] == 1, "after the favourite: {seen}");

    // A change the gateway did not carry (straight at the artwork service): it hears of it
    // through WatchChanges and forgets what it kept.
    until_served_from_the_cache(&api, &id).await?;
    let mut artwork = ArtworkServiceClient::connect(daemon.addr("artwork")?.to_owned()).await?;
    let mut req = tonic::Request::new(pb::UpdateArtworkRequest {
        id: id.clone(),
        title: Some("Tide at night".into()),
        ..Default::default()
    });
    req.metadata_mut()
        .insert("authorization", format!("Bearer {artist}").parse()?);
    artwork.update_artwork(req).await?;
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let (_, _, seen) = anonymous(&api, &id).await?;
        if seen["title"] == "Tide at night" {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "a change made at the artwork service is still not seen: {seen}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// An anonymous read of `path`: its status, headers and document.
async fn anonymous_at(api: &Api, path: &str) -> Result<(StatusCode, header::HeaderMap, Value)> {
    let resp = api.http.get(format!("{}{path}", api.base)).send().await?;
    let (status, headers) = (resp.status(), resp.headers().clone());
    Ok((status, headers, resp.json().await?))
}

/// Reads `path` anonymously until the edge cache answers it from what it kept.
async fn until_list_is_kept(api: &Api, path: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        anonymous_at(api, path).await?;
        let before = list_hits(api).await?;
        let (s, _, body) = anonymous_at(api, path).await?;
        ensure!(s == StatusCode::OK, "{path}: {s} {body}");
        if list_hits(api).await? > before {
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "{path} was never served from the edge cache"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn item_ids(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["id"].as_str()).collect())
        .unwrap_or_default()
}

/// The first item of the anonymous list at `path`, read once.
async fn first_item(api: &Api, path: &str) -> Result<Value> {
    let (s, _, list) = anonymous_at(api, path).await?;
    ensure!(s == StatusCode::OK, "{path}: {s} {list}");
    Ok(list["items"][0].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_lists_are_shared_and_changes_are_seen_at_once() -> Result<()> {
    let daemon = Daemon::start()?;
    daemon.create_admin("edgeroot")?;
    let api = Api::new(&daemon.gateway);
    let root = access_token(&api.login("edgeroot").await?)?;
    api.register("listartist", "artist").await?;
    let artist = access_token(&api.login("listartist").await?)?;
    let meta = json!({"title": "Shoal", "tags": ["shore"], "price": {"amount_minor": 900, "currency": "EUR"}});
    let (s, art) = api
        .upload_ready(&artist, meta, png(96, 80, 21), "shoal.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {art}");
    let id = art["id"].as_str().context("no id")?.to_owned();

    let pages = [
        "/v1/artworks",
        "/v1/artworks?limit=1",
        "/v1/artworks?tag=shore",
        "/v1/artworks?q=shoal",
        "/v1/artworks?artist=listartist&sort=price_asc",
        "/v1/artworks/popular",
        "/v1/categories",
        "/v1/sale",
        "/v1/moderation/log",
    ];
    for path in pages {
        let (s, headers, body) = anonymous_at(&api, path).await?;
        ensure!(s == StatusCode::OK, "{path}: {s} {body}");
        let cc = header_of(&headers, header::CACHE_CONTROL);
        ensure!(cc.starts_with("public, max-age="), "{path}: {cc:?}");
        ensure!(
            header_of(&headers, header::VARY).contains("authorization"),
            "{path}: {headers:?}"
        );
        until_list_is_kept(&api, path).await?;
    }
    // Popular says an edge answer is a cache hit too.
    let (_, headers, _) = anonymous_at(&api, "/v1/artworks/popular").await?;
    ensure!(
        header_of(&headers, "x-cache".parse()?) == "hit",
        "{headers:?}"
    );

    // Revalidation: 304 without a body on the list's strong validator.
    let (_, headers, _) = anonymous_at(&api, "/v1/artworks").await?;
    let etag = header_of(&headers, header::ETAG).to_owned();
    ensure!(etag.starts_with('"') && etag.len() > 2, "etag: {etag:?}");
    let resp = api
        .http
        .get(format!("{}/v1/artworks", api.base))
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await?;
    ensure!(
        resp.status() == StatusCode::NOT_MODIFIED,
        "{}",
        resp.status()
    );
    ensure!(resp.bytes().await?.is_empty(), "a 304 has no body");

    // Signed in: private and never served from what was kept.
    let before = list_hits(&api).await?;
    for path in pages {
        let resp = api
            .http
            .get(format!("{}{path}", api.base))
            .bearer_auth(&artist)
            .send()
            .await?;
        ensure!(resp.status() == StatusCode::OK, "{path}: {}", resp.status());
        let cc = header_of(resp.headers(), header::CACHE_CONTROL).to_owned();
        ensure!(cc == "private, no-cache", "signed-in {path}: {cc:?}");
    }
    ensure!(
        list_hits(&api).await? == before,
        "a signed-in list was answered from the edge cache"
    );

    // A price changed straight at the artwork service: heard through WatchChanges.
    until_list_is_kept(&api, "/v1/artworks").await?;
    let mut artwork = ArtworkServiceClient::connect(daemon.addr("artwork")?.to_owned()).await?;
    let mut req = tonic::Request::new(pb::RepriceRequest {
        ids: vec![id.clone()],
        all: false,
        change: Some(pb::reprice_request::Change::Set(pb::Price {
            amount_minor: 1200,
            currency: "EUR".into(),
        })),
    });
    req.metadata_mut()
        .insert("authorization", format!("Bearer {artist}").parse()?);
    artwork.reprice(req).await?;
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let seen = first_item(&api, "/v1/artworks").await?;
        if seen["price"]["amount_minor"] == 1200 {
            break;
        }
        ensure!(
            Instant::now() < deadline,
            "a price changed at the artwork service is still not listed: {seen}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // A sale set by an admin: the very next anonymous pages show it.
    until_list_is_kept(&api, "/v1/artworks?tag=shore").await?;
    until_list_is_kept(&api, "/v1/sale").await?;
    let now = chrono::Utc::now();
    let sale = json!({"percent": "25", "starts_at": (now - chrono::Duration::minutes(1)).to_rfc3339(), "ends_at": (now + chrono::Duration::hours(1)).to_rfc3339()});
    let (s, b) = api
        .call(
            reqwest::Method::PUT,
            "/v1/admin/sale",
            Some(sale),
            Some(&root),
        )
        .await?;
    ensure!(s == StatusCode::OK, "sale: {s} {b}");
    let seen = first_item(&api, "/v1/artworks?tag=shore").await?;
    ensure!(
        seen["effective_price"]["amount_minor"] == 900,
        "the sale is not listed: {seen}"
    );
    let (_, _, sale) = anonymous_at(&api, "/v1/sale").await?;
    ensure!(sale["sale"]["active"] == true, "{sale}");

    // Hidden by an admin: gone from the very next anonymous pages, and in the public log.
    until_list_is_kept(&api, "/v1/artworks?q=shoal").await?;
    until_list_is_kept(&api, "/v1/moderation/log").await?;
    let (s, b) = api
        .call(
            reqwest::Method::POST,
            &format!("/v1/admin/artworks/{id}/moderation"),
            Some(json!({"action": "hide", "reason": "edge test"})),
            Some(&root),
        )
        .await?;
    ensure!(
        s == StatusCode::OK && b["status"] == "hidden",
        "hide: {s} {b}"
    );
    for path in [
        "/v1/artworks?q=shoal",
        "/v1/artworks",
        "/v1/artworks/popular",
    ] {
        let (_, _, list) = anonymous_at(&api, path).await?;
        ensure!(
            !item_ids(&list).contains(&id.as_str()),
            "{path} still lists the hidden work: {list}"
        );
    }
    let (_, _, log) = anonymous_at(&api, "/v1/moderation/log").await?;
    ensure!(log["items"][0]["target"]["id"] == id.as_str(), "{log}");
    Ok(())
}

/// A work becomes public when a derivative worker has made its thumbnails, with no call to
/// announce it: the anonymous list kept while it was pending must not outlive that.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_work_made_public_by_the_derivative_workers_is_listed_at_once() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    api.register("slowartist", "artist").await?;
    let artist = access_token(&api.login("slowartist").await?)?;
    let page = "/v1/artworks?artist=slowartist";
    until_list_is_kept(&api, page).await?;

    // Large enough that its derivatives take a while on a debug build.
    let meta = json!({"title": "Wide", "price": {"amount_minor": 500, "currency": "EUR"}});
    let (s, created) = api
        .upload(&artist, meta, png(2400, 2400, 31), "wide.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {created}");
    let id = created["id"].as_str().context("no id")?.to_owned();
    let mut kept_while_pending = false;
    // Until when the latest list kept without the work stays fresh: the start of the read
    // that stored it (a miss) plus the lifetime it was stored for.
    let mut kept_until: Option<Instant> = None;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (s, own) = api
            .get(&format!("/v1/artworks/{id}"), Some(&artist))
            .await?;
        ensure!(s == StatusCode::OK, "{s} {own}");
        if own["derivatives"] == "ready" {
            break;
        }
        ensure!(own["derivatives"] == "pending", "{own}");
        let before = list_hits(&api).await?;
        let asked = Instant::now();
        let (_, headers, list) = anonymous_at(&api, page).await?;
        let hit = list_hits(&api).await? > before;
        if !hit
            && item_ids(&list).is_empty()
            && let Some(lifetime) = max_age(&headers)
        {
            kept_until = Some(asked + lifetime);
        }
        // Read again: it may have been made public since the owner's read.
        let (_, own) = api
            .get(&format!("/v1/artworks/{id}"), Some(&artist))
            .await?;
        if own["derivatives"] == "pending" {
            ensure!(
                item_ids(&list).is_empty(),
                "a pending work is listed: {list}"
            );
            kept_while_pending |= hit;
        }
        ensure!(Instant::now() < deadline, "derivatives still pending");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    ensure!(
        kept_while_pending,
        "the derivatives were made before a list without the work was kept; nothing was tested"
    );
    // Ready: the next anonymous page lists it. The gateway hears of it through WatchChanges
    // a moment after the store has it, so a read racing that moment may retry, briefly (a
    // list kept from before would be served for seconds). On a loaded machine that moment
    // may pass 200 ms; a listing is still proof while the list kept before could not yet
    // have expired, so the retries go on until then.
    let soon = Instant::now() + Duration::from_millis(200);
    let deadline = kept_until.map_or(soon, |k| k.max(soon));
    loop {
        let asked = Instant::now();
        let (_, _, list) = anonymous_at(&api, page).await?;
        if item_ids(&list) == [id.as_str()] {
            ensure!(
                asked < soon || kept_until.is_some_and(|k| Instant::now() < k),
                "the ready work was listed only once the list kept before it could have \
                 expired, which proves nothing"
            );
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "the ready work is not listed: {list}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The lifetime an answer's `Cache-Control: public, max-age=N` gives it.
fn max_age(headers: &header::HeaderMap) -> Option<Duration> {
    header_of(headers, header::CACHE_CONTROL)
        .split(',')
        .find_map(|d| d.trim().strip_prefix("max-age="))?
        .parse()
        .ok()
        .map(Duration::from_secs)
}
