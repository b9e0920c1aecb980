//! Search and browse, favourites, recommendations and trending.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, code};
use reqwest::{Method, StatusCode};

use super::{Ctx, p, send, titles, x_cache};

/// Search and browse.
pub(super) async fn search_and_browse(api: &Api, _: Ctx) -> Result<()> {
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
    Ok(())
}

/// Favourites: idempotent, counted, listed.
pub(super) async fn favourites(api: &Api, c: Ctx) -> Result<()> {
    let Ctx {
        cat, draft, bobs, ..
    } = c;
    for _ in 0..2 {
        let (s, _) = send(
            api,
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
        api,
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
    Ok(())
}

/// Recommendations from co-favourites, cached per user.
pub(super) async fn recommendations(api: &Api, c: Ctx) -> Result<()> {
    let Ctx {
        cat,
        root,
        forest,
        bobs,
        ..
    } = c;
    send(
        api,
        Method::PUT,
        &format!("/v1/artworks/{bobs}/favorite"),
        None,
        Some(&root),
    )
    .await?;
    send(
        api,
        Method::PUT,
        &format!("/v1/artworks/{forest}/favorite"),
        None,
        Some(&root),
    )
    .await?;
    let (hit, recs) = x_cache(api, "/v1/me/recommendations", Some(&cat)).await?;
    ensure!(
        hit == "miss" && titles(&recs) == ["Forest at dawn"],
        "{hit} {recs}"
    );
    let (hit, _) = x_cache(api, "/v1/me/recommendations", Some(&cat)).await?;
    ensure!(hit == "hit");
    send(
        api,
        Method::PUT,
        &format!("/v1/artworks/{forest}/favorite"),
        None,
        Some(&cat),
    )
    .await?;
    let (hit, recs) = x_cache(api, "/v1/me/recommendations", Some(&cat)).await?;
    ensure!(
        hit == "miss" && titles(&recs).is_empty(),
        "own favourites are not recommended: {hit} {recs}"
    );
    let (s, _) = send(
        api,
        Method::DELETE,
        &format!("/v1/artworks/{bobs}/favorite"),
        None,
        Some(&cat),
    )
    .await?;
    ensure!(s == StatusCode::NO_CONTENT);
    let (s, _) = send(
        api,
        Method::DELETE,
        &format!("/v1/artworks/{bobs}/favorite"),
        None,
        Some(&cat),
    )
    .await?;
    ensure!(s == StatusCode::NO_CONTENT, "unfavourite is idempotent too");
    Ok(())
}

/// Trending, from the cache the second time.
pub(super) async fn trending(api: &Api, _: Ctx) -> Result<()> {
    let (hit, pop) = x_cache(api, "/v1/artworks/popular", None).await?;
    ensure!(hit == "miss" && !titles(&pop).is_empty(), "{hit} {pop}");
    let (hit, again) = x_cache(api, "/v1/artworks/popular", None).await?;
    ensure!(hit == "hit" && again == pop, "{hit}");
    Ok(())
}
