//! The users' side: reports (one open per user and work, not on one's own work, not on what
//! one cannot see, reasons checked), their outcomes, and the artist's one appeal.

use anyhow::{Result, ensure};
use artstation_tests::http::{Api, code};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Ctx, get_ok, post_ok, send};

fn reports(id: &str) -> String {
    format!("/v1/artworks/{id}/reports")
}

pub(super) async fn file_reports(api: &Api, c: Ctx) -> Result<()> {
    let r = post_ok(
        api,
        &reports(&c.harbour),
        json!({"reason": "spam", "note": "same picture posted by many accounts"}),
        &c.cat,
        StatusCode::CREATED,
    )
    .await?;
    ensure!(
        r["status"] == "open" && r["outcome"].is_null() && r["artwork_id"] == c.harbour.as_str(),
        "{r}"
    );
    post_ok(
        api,
        &reports(&c.harbour),
        json!({"reason": "stolen", "note": "this is my photo"}),
        &c.dan,
        StatusCode::CREATED,
    )
    .await?;
    let (s, b) = send(
        api,
        Method::POST,
        &reports(&c.harbour),
        Some(json!({"reason": "nsfw"})),
        &c.cat,
    )
    .await?;
    ensure!(
        s == StatusCode::CONFLICT && code(&b) == "conflict",
        "second open report: {s} {b}"
    );
    let (s, b) = send(
        api,
        Method::POST,
        &reports(&c.harbour),
        Some(json!({"reason": "spam"})),
        &c.ann,
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN, "own work: {s} {b}");
    let (s, b) = send(
        api,
        Method::POST,
        &reports(&c.harbour),
        Some(json!({"reason": "ugly"})),
        &c.cat,
    )
    .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "reason",
        "{s} {b}"
    );
    let (s, b) = send(
        api,
        Method::POST,
        &reports(&c.harbour),
        Some(json!({"reason": "spam", "note": "x".repeat(1001)})),
        &c.dan,
    )
    .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "note",
        "{s} {b}"
    );
    let missing = uuid::Uuid::now_v7();
    let (s, _) = send(
        api,
        Method::POST,
        &reports(&missing.to_string()),
        Some(json!({"reason": "spam"})),
        &c.cat,
    )
    .await?;
    ensure!(s == StatusCode::NOT_FOUND);
    let (s, _) = api
        .post(&reports(&c.harbour), json!({"reason": "spam"}), None)
        .await?;
    ensure!(s == StatusCode::UNAUTHORIZED);
    // Later than the harbour's reports, so the forest leads the queue.
    post_ok(
        api,
        &reports(&c.forest),
        json!({"reason": "nsfw"}),
        &c.cat,
        StatusCode::CREATED,
    )
    .await?;
    let mine = get_ok(api, "/v1/me/reports", Some(&c.cat)).await?;
    let items = mine["items"].as_array().cloned().unwrap_or_default();
    ensure!(
        items.len() == 2 && items[0]["artwork_id"] == c.forest.as_str(),
        "newest first: {mine}"
    );
    let paged = get_ok(api, "/v1/me/reports?limit=1", Some(&c.cat)).await?;
    let cursor = paged["next_cursor"].as_str().unwrap_or_default().to_owned();
    ensure!(!cursor.is_empty(), "{paged}");
    let rest = get_ok(
        api,
        &format!("/v1/me/reports?limit=1&cursor={cursor}"),
        Some(&c.cat),
    )
    .await?;
    ensure!(
        rest["items"][0]["artwork_id"] == c.harbour.as_str() && rest["next_cursor"].is_null(),
        "{rest}"
    );
    Ok(())
}

async fn appeal(api: &Api, token: &str, id: &str, message: &str) -> Result<(StatusCode, Value)> {
    send(
        api,
        Method::POST,
        &format!("/v1/artworks/{id}/appeal"),
        Some(json!({"message": message})),
        token,
    )
    .await
}

pub(super) async fn outcome_and_appeal(api: &Api, c: Ctx) -> Result<()> {
    let mine = get_ok(api, "/v1/me/reports", Some(&c.cat)).await?;
    let harbour = mine["items"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|r| r["artwork_id"] == c.harbour.as_str())
                .cloned()
        })
        .unwrap_or_default();
    ensure!(
        harbour["status"] == "resolved"
            && harbour["outcome"]["action"] == "hide"
            && harbour["outcome"]["reason"] == "spam ring",
        "{mine}"
    );
    let own = get_ok(api, &format!("/v1/artworks/{}", c.harbour), Some(&c.ann)).await?;
    ensure!(
        own["status"] == "hidden"
            && own["moderation"]["state"] == "hidden"
            && own["moderation"]["reason"] == "spam ring"
            && own["moderation"]["appeal"].is_null(),
        "{own}"
    );
    let (s, b) = appeal(api, &c.cat, &c.harbour, "not mine but still").await?;
    ensure!(s == StatusCode::NOT_FOUND, "a stranger appealed: {s} {b}");
    let (s, b) = appeal(api, &c.ann, &c.dune, "nothing to appeal").await?;
    ensure!(s == StatusCode::CONFLICT, "appealed a public work: {s} {b}");
    let (s, b) = appeal(api, &c.ann, &c.harbour, "").await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "message",
        "{s} {b}"
    );
    let (s, b) = appeal(
        api,
        &c.ann,
        &c.harbour,
        "I painted this myself; sketches attached",
    )
    .await?;
    ensure!(
        s == StatusCode::CREATED && b["status"] == "pending",
        "{s} {b}"
    );
    let (s, b) = appeal(api, &c.ann, &c.harbour, "again").await?;
    ensure!(s == StatusCode::CONFLICT, "a second appeal: {s} {b}");
    let own = get_ok(api, &format!("/v1/artworks/{}", c.harbour), Some(&c.ann)).await?;
    ensure!(own["moderation"]["appeal"]["status"] == "pending", "{own}");
    // The admins see the appeal in the queue.
    let queue = get_ok(api, "/v1/admin/reports", Some(&c.rex)).await?;
    let item = queue["items"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|i| i["artwork"]["id"] == c.harbour.as_str())
                .cloned()
        })
        .unwrap_or_default();
    ensure!(
        item["appeal"]["status"] == "pending" && item["open_reports"] == 0,
        "{queue}"
    );
    Ok(())
}
