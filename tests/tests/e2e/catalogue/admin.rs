//! Bulk repricing, the store-wide sale, categories and moderation.

use anyhow::{Result, ensure};
use artstation_tests::http::Api;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{Ctx, p, send, titles};

/// Bulk repricing and the store-wide sale.
pub(super) async fn repricing_and_sale(api: &Api, c: Ctx) -> Result<()> {
    let Ctx {
        ann, root, harbour, ..
    } = c;
    let list = |q: &'static str| api.get(q, None);
    let (s, b) = send(
        api,
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
            api,
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
        api,
        Method::PUT,
        "/v1/admin/sale",
        Some(sale.clone()),
        Some(&ann),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let (s, b) = send(api, Method::PUT, "/v1/admin/sale", Some(sale), Some(&root)).await?;
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
    let (s, _) = send(api, Method::DELETE, "/v1/admin/sale", None, Some(&root)).await?;
    ensure!(s == StatusCode::NO_CONTENT);
    let (_, s2) = api.get("/v1/sale", None).await?;
    ensure!(s2["sale"].is_null(), "{s2}");
    Ok(())
}

/// Categories are a managed list.
pub(super) async fn categories(api: &Api, c: Ctx) -> Result<()> {
    let Ctx { bob, root, .. } = c;
    let (s, _) = send(
        api,
        Method::POST,
        "/v1/admin/categories",
        Some(json!({"slug": "sculpture", "name": "Sculpture"})),
        Some(&bob),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let (s, _) = send(
        api,
        Method::POST,
        "/v1/admin/categories",
        Some(json!({"slug": "sculpture", "name": "Sculpture"})),
        Some(&root),
    )
    .await?;
    ensure!(s == StatusCode::CREATED);
    let (s, _) = send(
        api,
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
        api,
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
    Ok(())
}

/// Moderation hides; the owner cannot un-hide by PATCH; admins may edit and delete.
pub(super) async fn moderation(api: &Api, c: Ctx) -> Result<()> {
    let Ctx {
        ann,
        bob,
        root,
        forest,
        bobs,
        ..
    } = c;
    let list = |q: &'static str| api.get(q, None);
    let (s, b) = send(
        api,
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
        api,
        Method::PATCH,
        &p(&forest),
        Some(json!({"status": "published"})),
        Some(&ann),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN, "owner un-hid a moderated work");
    let (s, b) = send(
        api,
        Method::PATCH,
        &p(&forest),
        Some(json!({"title": "Forest, reworked"})),
        Some(&ann),
    )
    .await?;
    ensure!(s == StatusCode::OK && b["status"] == "hidden", "{s} {b}");
    let (s, _) = send(
        api,
        Method::PATCH,
        &p(&bobs),
        Some(json!({"title": "Neon city (edited by staff)"})),
        Some(&root),
    )
    .await?;
    ensure!(s == StatusCode::OK);
    let (s, _) = send(api, Method::DELETE, &p(&bobs), None, Some(&bob)).await?;
    ensure!(s == StatusCode::NO_CONTENT);
    ensure!(api.get(&p(&bobs), None).await?.0 == StatusCode::NOT_FOUND);
    let (s, _) = send(api, Method::DELETE, &p(&bobs), None, Some(&bob)).await?;
    ensure!(s == StatusCode::NOT_FOUND);
    Ok(())
}
