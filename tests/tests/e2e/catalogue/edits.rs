//! Who may change what, and edits with their validation.

use anyhow::{Result, ensure};
use artstation_tests::http::{Api, code};
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{Ctx, p, send};

/// Who may change what: every route that takes an id, with two users.
pub(super) async fn who_may_change_what(api: &Api, c: Ctx) -> Result<()> {
    let Ctx {
        ann,
        bob,
        harbour,
        draft,
        ..
    } = c;
    let (s, b) = send(
        api,
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
        api,
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
    let (s, _) = send(api, Method::DELETE, &p(&harbour), None, Some(&bob)).await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let (s, _) = send(api, Method::DELETE, &p(&draft), None, Some(&bob)).await?;
    ensure!(s == StatusCode::NOT_FOUND);
    let (s, b) = send(
        api,
        Method::POST,
        "/v1/me/artworks/reprice",
        Some(json!({"ids": [harbour], "percent": "50"})),
        Some(&bob),
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN, "{s} {b}");
    let (s, _) = send(
        api,
        Method::PATCH,
        &p(&harbour),
        Some(json!({"title": "x"})),
        None,
    )
    .await?;
    ensure!(s == StatusCode::UNAUTHORIZED);
    for field in ["artist", "favorite_count", "id", "sha256", "created_at"] {
        let (s, b) = send(
            api,
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
        api,
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
    Ok(())
}

/// Owners edit their artworks; every field is validated and named when wrong.
pub(super) async fn edits(api: &Api, c: Ctx) -> Result<()> {
    let Ctx { ann, harbour, .. } = c;
    let (s, b) = send(
        api,
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
        api,
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
            api,
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
    Ok(())
}
