//! The gateway's edge cache against a real artstationd: an anonymous reader's
//! `GET /v1/artworks/{id}` is shareable (`public, max-age`, a strong ETag, 304 on
//! `If-None-Match`, `Vary: authorization`) and served again without asking the artwork
//! service; signed-in answers are private and never kept; a write through the gateway, and a
//! change made straight at the artwork service (which the gateway hears of only through
//! `WatchChanges`), are seen by the next anonymous read.

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
                && l.contains("cache=\"edge_artwork\"")
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
