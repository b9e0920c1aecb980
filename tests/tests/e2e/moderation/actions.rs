//! The admins' side: the queue, hide (gone from every list at once), restore, bulk actions with
//! good and bad ids, removal and dismissals.

use anyhow::{Result, ensure};
use artstation_tests::http::Api;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Ctx, get_ok, ids, post_ok, send};

fn moderate(id: &str) -> String {
    format!("/v1/admin/artworks/{id}/moderation")
}

pub(super) async fn queue(api: &Api, c: Ctx) -> Result<()> {
    let q = get_ok(api, "/v1/admin/reports", Some(&c.root)).await?;
    let items = q["items"].as_array().cloned().unwrap_or_default();
    ensure!(items.len() >= 2, "{q}");
    ensure!(
        items[0]["artwork"]["id"] == c.forest.as_str(),
        "latest report first: {q}"
    );
    let h = &items[1];
    ensure!(
        h["artwork"]["id"] == c.harbour.as_str()
            && h["open_reports"] == 2
            && h["reasons"] == json!({"spam": 1, "stolen": 1})
            && h["notes"] == json!(["this is my photo", "same picture posted by many accounts"])
            && h["near_duplicate_of"].is_null(),
        "{h}"
    );
    let stolen = get_ok(api, "/v1/admin/reports?reason=stolen", Some(&c.rex)).await?;
    ensure!(ids(&stolen) == [c.harbour.clone()], "{stolen}");
    let old = get_ok(api, "/v1/admin/reports?min_age=3600", Some(&c.rex)).await?;
    ensure!(
        !ids(&old).contains(&c.harbour),
        "reported seconds ago: {old}"
    );
    let page = get_ok(api, "/v1/admin/reports?limit=1", Some(&c.root)).await?;
    let cursor = page["next_cursor"].as_str().unwrap_or_default().to_owned();
    let next = get_ok(
        api,
        &format!("/v1/admin/reports?limit=1&cursor={cursor}"),
        Some(&c.root),
    )
    .await?;
    ensure!(ids(&next) == [c.harbour.clone()], "{next}");
    let (s, _) = api.get("/v1/admin/reports", Some(&c.cat)).await?;
    ensure!(s == StatusCode::FORBIDDEN, "a user read the queue");
    let (s, b) = api
        .get("/v1/admin/reports?reason=ugly", Some(&c.root))
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "reason",
        "{s} {b}"
    );
    Ok(())
}

/// Everywhere a public work shows: the catalogue, search, its tag, Dan's favourites and the
/// (cached) popular list.
async fn shown(api: &Api, c: &Ctx, id: &str) -> Result<Vec<&'static str>> {
    let mut places = Vec::new();
    let lists: [(&str, String, Option<&str>); 5] = [
        ("catalogue", "/v1/artworks".into(), None),
        ("search", "/v1/artworks?q=harbour".into(), None),
        ("tag", "/v1/artworks?tag=sea".into(), None),
        ("favourites", "/v1/me/favorites".into(), Some(&c.dan)),
        ("popular", "/v1/artworks/popular".into(), None),
    ];
    for (name, path, token) in lists {
        if ids(&get_ok(api, &path, token).await?)
            .iter()
            .any(|i| i == id)
        {
            places.push(name);
        }
    }
    Ok(places)
}

pub(super) async fn hide(api: &Api, c: Ctx) -> Result<()> {
    let (s, b) = send(
        api,
        Method::PUT,
        &format!("/v1/artworks/{}/favorite", c.harbour),
        None,
        &c.dan,
    )
    .await?;
    ensure!(s.is_success(), "{s} {b}");
    let everywhere = ["catalogue", "search", "tag", "favourites", "popular"];
    // Twice, so the popular list is certainly cached.
    shown(api, &c, &c.harbour).await?;
    ensure!(shown(api, &c, &c.harbour).await? == everywhere);
    let (s, b) = send(
        api,
        Method::POST,
        &moderate(&c.harbour),
        Some(json!({"action": "hide"})),
        &c.root,
    )
    .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "reason",
        "a hide without a reason: {s} {b}"
    );
    let (s, _) = send(
        api,
        Method::POST,
        &moderate(&c.harbour),
        Some(json!({"action": "hide", "reason": "x"})),
        &c.ann,
    )
    .await?;
    ensure!(
        s == StatusCode::FORBIDDEN,
        "the artist used the admin route"
    );
    let hidden = post_ok(
        api,
        &moderate(&c.harbour),
        json!({"action": "hide", "reason": "spam ring"}),
        &c.root,
        StatusCode::OK,
    )
    .await?;
    ensure!(
        hidden["status"] == "hidden" && hidden["moderation"]["state"] == "hidden",
        "{hidden}"
    );
    let again = post_ok(
        api,
        &moderate(&c.harbour),
        json!({"action": "hide", "reason": "spam ring, again"}),
        &c.rex,
        StatusCode::OK,
    )
    .await?;
    ensure!(again["status"] == "hidden", "idempotent: {again}");
    ensure!(
        again["moderation"]["reason"] == "spam ring",
        "a no-op keeps the first reason: {again}"
    );
    let left = shown(api, &c, &c.harbour).await?;
    ensure!(left.is_empty(), "still shown in {left:?}");
    let (s, _) = api
        .get(&format!("/v1/artworks/{}", c.harbour), Some(&c.cat))
        .await?;
    ensure!(s == StatusCode::NOT_FOUND);
    Ok(())
}

pub(super) async fn restore(api: &Api, c: Ctx) -> Result<()> {
    let back = post_ok(
        api,
        &moderate(&c.harbour),
        json!({"action": "restore", "reason": "appeal upheld"}),
        &c.rex,
        StatusCode::OK,
    )
    .await?;
    ensure!(
        back["status"] == "published" && back["moderation"].is_null(),
        "{back}"
    );
    let seen = get_ok(api, &format!("/v1/artworks/{}", c.harbour), Some(&c.cat)).await?;
    ensure!(seen["moderation"].is_null(), "{seen}");
    let places = shown(api, &c, &c.harbour).await?;
    ensure!(places.len() == 5, "back in {places:?} only");
    let mine = get_ok(api, "/v1/me/reports", Some(&c.dan)).await?;
    ensure!(
        mine["items"][0]["outcome"]["action"] == "restore"
            && mine["items"][0]["outcome"]["reason"] == "appeal upheld",
        "{mine}"
    );
    Ok(())
}

fn result<'a>(results: &'a Value, id: &str) -> &'a Value {
    results["results"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == id))
        .unwrap_or(&Value::Null)
}

pub(super) async fn bulk(api: &Api, c: Ctx) -> Result<()> {
    let missing = uuid::Uuid::now_v7().to_string();
    let body = json!({"action": "hide", "reason": "bulk sweep", "ids": [c.forest, c.dune, "not-an-id", missing]});
    let (s, _) = send(
        api,
        Method::POST,
        "/v1/admin/artworks/moderation",
        Some(body.clone()),
        &c.cat,
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN);
    for bad in [
        json!({"action": "hide", "reason": "x", "ids": []}),
        json!({"action": "hide", "reason": "", "ids": [c.forest]}),
        json!({"action": "burn", "reason": "x", "ids": [c.forest]}),
    ] {
        let (s, b) = send(
            api,
            Method::POST,
            "/v1/admin/artworks/moderation",
            Some(bad.clone()),
            &c.root,
        )
        .await?;
        ensure!(s == StatusCode::BAD_REQUEST, "{bad}: {s} {b}");
    }
    // Cat likes the harbour and the forest, so Dan (who likes the harbour) is recommended the
    // forest; asked twice, the second answer comes from the cache the hide must drop.
    for id in [&c.harbour, &c.forest] {
        let (s, b) = send(
            api,
            Method::PUT,
            &format!("/v1/artworks/{id}/favorite"),
            None,
            &c.cat,
        )
        .await?;
        ensure!(s.is_success(), "{s} {b}");
    }
    get_ok(api, "/v1/me/recommendations", Some(&c.dan)).await?;
    let recs = get_ok(api, "/v1/me/recommendations", Some(&c.dan)).await?;
    ensure!(ids(&recs).contains(&c.forest), "{recs}");
    let r = post_ok(
        api,
        "/v1/admin/artworks/moderation",
        body,
        &c.root,
        StatusCode::OK,
    )
    .await?;
    ensure!(r["results"].as_array().map(Vec::len) == Some(4), "{r}");
    for id in [&c.forest, &c.dune] {
        let one = result(&r, id);
        ensure!(
            one["ok"] == true && one["artwork"]["status"] == "hidden",
            "{one}"
        );
    }
    for id in ["not-an-id", missing.as_str()] {
        let one = result(&r, id);
        ensure!(
            one["ok"] == false && one["error"]["code"] == "not_found",
            "{one}"
        );
    }
    let recs = get_ok(api, "/v1/me/recommendations", Some(&c.dan)).await?;
    ensure!(!ids(&recs).contains(&c.forest), "still recommended: {recs}");
    let listed = ids(&get_ok(api, "/v1/artworks", None).await?);
    ensure!(
        !listed.contains(&c.forest) && !listed.contains(&c.dune),
        "{listed:?}"
    );
    let cat = get_ok(api, "/v1/me/reports", Some(&c.cat)).await?;
    ensure!(
        cat["items"][0]["outcome"]["action"] == "hide",
        "the forest report: {cat}"
    );

    let removed = post_ok(
        api,
        &moderate(&c.dune),
        json!({"action": "remove", "reason": "duplicate account"}),
        &c.root,
        StatusCode::OK,
    )
    .await?;
    ensure!(removed["moderation"]["state"] == "removed", "{removed}");
    let again = post_ok(
        api,
        &moderate(&c.dune),
        json!({"action": "remove", "reason": "again"}),
        &c.rex,
        StatusCode::OK,
    )
    .await?;
    ensure!(again["moderation"]["state"] == "removed", "{again}");
    let (s, _) = api
        .get(&format!("/v1/artworks/{}", c.dune), Some(&c.ann))
        .await?;
    ensure!(
        s == StatusCode::NOT_FOUND,
        "a removed work is gone for its artist too"
    );
    let (s, _) = send(
        api,
        Method::POST,
        &moderate(&c.dune),
        Some(json!({"action": "restore", "reason": "x"})),
        &c.root,
    )
    .await?;
    ensure!(
        s == StatusCode::NOT_FOUND,
        "a removed work cannot be restored"
    );
    Ok(())
}

pub(super) async fn dismiss(api: &Api, c: Ctx) -> Result<()> {
    post_ok(
        api,
        &format!("/v1/artworks/{}/reports", c.neon),
        json!({"reason": "offensive"}),
        &c.dan,
        StatusCode::CREATED,
    )
    .await?;
    let path = format!("/v1/admin/artworks/{}/reports/dismiss", c.neon);
    let (s, _) = send(
        api,
        Method::POST,
        &path,
        Some(json!({"reason": "fine"})),
        &c.bob,
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let (s, b) = send(api, Method::POST, &path, Some(json!({})), &c.rex).await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "reason",
        "{s} {b}"
    );
    let d = post_ok(
        api,
        &path,
        json!({"reason": "not offensive"}),
        &c.rex,
        StatusCode::OK,
    )
    .await?;
    ensure!(d == json!({"dismissed": 1}), "{d}");
    let queue = get_ok(api, "/v1/admin/reports", Some(&c.root)).await?;
    ensure!(!ids(&queue).contains(&c.neon), "{queue}");
    let mine = get_ok(api, "/v1/me/reports", Some(&c.dan)).await?;
    ensure!(
        mine["items"][0]["status"] == "dismissed"
            && mine["items"][0]["outcome"]["action"] == "dismiss",
        "{mine}"
    );
    Ok(())
}
