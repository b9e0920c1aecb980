//! What the catalogue must not give away, and what a deletion must not leave behind: the
//! original's fingerprint and size are for its owner and admins, a near-duplicate flag never
//! names a work the uploader cannot see, favourites show only what the user may still see, and
//! a deleted work may be uploaded again.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::{pattern, png_of};
use artstation_tests::{Daemon, Story, png};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{p, send, upload};

fn meta(title: &str, status: &str) -> Value {
    json!({"title": title, "status": status, "price": {"amount_minor": 500, "currency": "USD"}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_privacy_on_the_embedded_default() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    for (name, role) in [("ann", "artist"), ("bob", "artist"), ("cat", "buyer")] {
        api.register(name, role).await?;
    }
    daemon.create_admin("root")?;
    let ann = access_token(&api.login("ann").await?)?;
    let bob = access_token(&api.login("bob").await?)?;
    let cat = access_token(&api.login("cat").await?)?;
    let root = access_token(&api.login("root").await?)?;
    let mut story = Story::new("catalogue privacy");
    story
        .step(
            "the original's details are for its owner and admins",
            original_details(&api, &ann, &cat, &root),
        )
        .await;
    story
        .step(
            "near-duplicate flags name only visible works",
            near_duplicate_flags(&api, &ann, &bob),
        )
        .await;
    story
        .step(
            "favourites show only what the user may see",
            favourites(&api, &ann, &cat, &root),
        )
        .await;
    story
        .step(
            "a deleted work may be uploaded again",
            upload_after_delete(&api, &ann),
        )
        .await;
    story.finish()
}

/// The original's details are `null` (not merely empty) for anyone but the owner and admins.
fn withheld(a: &Value) -> bool {
    a["sha256"].is_null() && a["size_bytes"].is_null() && a["content_type"].is_null()
}

async fn original_details(api: &Api, ann: &str, cat: &str, root: &str) -> Result<()> {
    let id = upload(api, ann, 40, meta("Fingerprinted", "published")).await?;
    for (who, token) in [("ann", Some(ann)), ("root", Some(root))] {
        let (s, a) = send(api, Method::GET, &p(&id), None, token).await?;
        ensure!(s == StatusCode::OK, "{who}: {s} {a}");
        ensure!(
            a["sha256"].as_str().is_some_and(|h| h.len() == 64)
                && a["size_bytes"].as_u64().is_some_and(|n| n > 0)
                && a["content_type"] == "image/png",
            "{who} must see the original's details: {a}"
        );
    }
    for (who, token) in [("cat", Some(cat)), ("anyone", None)] {
        let (s, a) = send(api, Method::GET, &p(&id), None, token).await?;
        ensure!(s == StatusCode::OK, "{who}: {s} {a}");
        ensure!(withheld(&a), "{who} sees the original's details: {a}");
    }
    let (s, list) = send(api, Method::GET, "/v1/artworks?sort=new", None, None).await?;
    ensure!(s == StatusCode::OK, "{s} {list}");
    let items = list["items"].as_array().context("items")?;
    ensure!(
        !items.is_empty() && items.iter().all(withheld),
        "a list shows the original's details: {list}"
    );
    Ok(())
}

async fn near_duplicate_flags(api: &Api, ann: &str, bob: &str) -> Result<()> {
    let picture = pattern(640, 480, 77);
    let (s, draft) = api
        .upload_ready(
            ann,
            meta("Secret draft", "draft"),
            png_of(&picture),
            "d.png",
        )
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {draft}");
    let smaller =
        image::imageops::resize(&picture, 320, 240, image::imageops::FilterType::Triangle);
    let (s, copy) = api
        .upload_ready(
            bob,
            meta("Copy of a draft", "published"),
            png_of(&smaller),
            "c.png",
        )
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {copy}");
    ensure!(
        copy["near_duplicate_of"].is_null(),
        "the flag names another artist's draft: {copy}"
    );
    // Once published, the same picture is flagged.
    let draft_id = draft["id"].as_str().context("id")?;
    let (s, b) = send(
        api,
        Method::PATCH,
        &p(draft_id),
        Some(json!({"status": "published"})),
        Some(ann),
    )
    .await?;
    ensure!(s == StatusCode::OK, "{s} {b}");
    let again = image::imageops::resize(&picture, 400, 300, image::imageops::FilterType::Triangle);
    let (s, copy) = api
        .upload_ready(
            bob,
            meta("Copy of a work", "published"),
            png_of(&again),
            "c2.png",
        )
        .await?;
    ensure!(
        s == StatusCode::CREATED && copy["near_duplicate_of"] == draft_id,
        "a published work must be flagged: {s} {copy}"
    );
    Ok(())
}

async fn favourite_ids(api: &Api, token: &str) -> Result<Vec<String>> {
    let (s, list) = send(api, Method::GET, "/v1/me/favorites", None, Some(token)).await?;
    ensure!(s == StatusCode::OK, "{s} {list}");
    Ok(list["items"]
        .as_array()
        .context("items")?
        .iter()
        .filter_map(|i| i["id"].as_str().map(str::to_owned))
        .collect())
}

async fn favourites(api: &Api, ann: &str, cat: &str, root: &str) -> Result<()> {
    let redrafted = upload(api, ann, 41, meta("Back to draft", "published")).await?;
    let hidden = upload(api, ann, 42, meta("Hidden later", "published")).await?;
    let deleted = upload(api, ann, 43, meta("Deleted later", "published")).await?;
    let kept = upload(api, ann, 44, meta("Still there", "published")).await?;
    for id in [&redrafted, &hidden, &deleted, &kept] {
        let path = format!("{}/favorite", p(id));
        let (s, b) = send(api, Method::PUT, &path, None, Some(cat)).await?;
        ensure!(s.is_success(), "favourite {id}: {s} {b}");
    }
    let (s, b) = send(
        api,
        Method::PATCH,
        &p(&redrafted),
        Some(json!({"status": "draft", "title": "Renamed in private"})),
        Some(ann),
    )
    .await?;
    ensure!(s == StatusCode::OK, "{s} {b}");
    let (s, b) = send(
        api,
        Method::POST,
        &format!("/v1/admin/artworks/{hidden}/moderation"),
        Some(json!({"action": "hide", "reason": "test"})),
        Some(root),
    )
    .await?;
    ensure!(s.is_success(), "hide: {s} {b}");
    let (s, b) = send(api, Method::DELETE, &p(&deleted), None, Some(ann)).await?;
    ensure!(s.is_success(), "delete: {s} {b}");
    let listed = favourite_ids(api, cat).await?;
    ensure!(
        listed == vec![kept],
        "favourites after draft/hide/delete: {listed:?}"
    );
    Ok(())
}

async fn upload_after_delete(api: &Api, ann: &str) -> Result<()> {
    let bytes = png(90, 70, 45);
    let (s, first) = api
        .upload_ready(ann, meta("Once", "published"), bytes.clone(), "o.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {first}");
    let first_id = first["id"].as_str().context("id")?;
    let (s, b) = send(api, Method::DELETE, &p(first_id), None, Some(ann)).await?;
    ensure!(s.is_success(), "delete: {s} {b}");
    let (s, again) = api
        .upload_ready(ann, meta("Twice", "published"), bytes.clone(), "o.png")
        .await?;
    ensure!(
        s == StatusCode::CREATED && again["id"] != first_id,
        "re-upload after delete: {s} {again}"
    );
    // The live copy still counts as a duplicate.
    let (s, b) = api
        .upload_ready(ann, meta("Thrice", "published"), bytes, "o.png")
        .await?;
    ensure!(
        s == StatusCode::CONFLICT && b["existing_id"] == again["id"],
        "{s} {b}"
    );
    Ok(())
}
