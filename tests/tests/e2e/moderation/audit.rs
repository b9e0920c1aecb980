//! Account actions with reasons, and the audit log merged from the auth, artwork and commerce
//! services.

use std::collections::BTreeSet;

use anyhow::{Result, ensure};
use artstation_tests::http::Api;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Ctx, get_ok, post_ok, send};

pub(super) async fn accounts(api: &Api, c: Ctx) -> Result<()> {
    let ban = format!("/v1/admin/users/{}/ban", c.dan_id);
    let (s, _) = send(
        api,
        Method::POST,
        &ban,
        Some(json!({"reason": "x"})),
        &c.cat,
    )
    .await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let b = post_ok(
        api,
        &ban,
        json!({"reason": "report spam"}),
        &c.root,
        StatusCode::OK,
    )
    .await?;
    ensure!(b["banned"] == true, "{b}");
    let b = post_ok(
        api,
        &ban,
        json!({"reason": "report spam, again"}),
        &c.rex,
        StatusCode::OK,
    )
    .await?;
    ensure!(b["banned"] == true, "idempotent: {b}");
    let banned = get_ok(api, "/v1/admin/users?banned=true", Some(&c.rex)).await?;
    ensure!(super::ids(&banned) == [c.dan_id.clone()], "{banned}");
    let (s, b) = api
        .get("/v1/admin/users?banned=maybe", Some(&c.rex))
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "banned",
        "{s} {b}"
    );
    let (s, _) = api.get("/v1/me", Some(&c.dan)).await?;
    ensure!(s == StatusCode::UNAUTHORIZED, "the ban ended the session");
    let b = post_ok(
        api,
        &format!("/v1/admin/users/{}/unban", c.dan_id),
        json!({"reason": "apologised"}),
        &c.rex,
        StatusCode::OK,
    )
    .await?;
    ensure!(b["banned"] == false, "{b}");
    let r = post_ok(
        api,
        &format!("/v1/admin/users/{}/role", c.cat_id),
        json!({"role": "artist", "reason": "verified portfolio"}),
        &c.root,
        StatusCode::OK,
    )
    .await?;
    ensure!(r["role"] == "artist", "{r}");
    post_ok(
        api,
        "/v1/admin/categories",
        json!({"slug": "collage", "name": "Collage"}),
        &c.root,
        StatusCode::CREATED,
    )
    .await?;
    let credit = format!("/v1/admin/users/{}/credit", c.cat_id);
    let body = json!({"amount_minor": 700, "currency": "EUR", "reason": "goodwill"});
    post_ok(api, &credit, body, &c.rex, StatusCode::OK).await?;
    let artists = get_ok(
        api,
        "/v1/admin/users?role=artist&banned=false",
        Some(&c.root),
    )
    .await?;
    let artists = super::ids(&artists);
    ensure!(
        artists.contains(&c.cat_id) && !artists.contains(&c.dan_id),
        "{artists:?}"
    );
    Ok(())
}

fn entries(page: &Value) -> Vec<Value> {
    page["items"].as_array().cloned().unwrap_or_default()
}

fn key(e: &Value) -> (String, String, String) {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    (s(&e["service"]), s(&e["action"]), s(&e["outcome"]))
}

pub(super) async fn merged_log(api: &Api, c: Ctx) -> Result<()> {
    let (s, _) = api.get("/v1/admin/audit", Some(&c.bob)).await?;
    ensure!(s == StatusCode::FORBIDDEN);
    let all = entries(&get_ok(api, "/v1/admin/audit?limit=200", Some(&c.root)).await?);
    let times: Vec<&str> = all.iter().filter_map(|e| e["at"].as_str()).collect();
    ensure!(
        times.len() == all.len() && times.windows(2).all(|w| w[0] >= w[1]),
        "not newest first: {times:?}"
    );
    let seen: BTreeSet<(String, String, String)> = all.iter().map(key).collect();
    for (service, action, outcome) in [
        ("artwork", "hide", "ok"),
        ("artwork", "hide", "noop"),
        ("artwork", "restore", "ok"),
        ("artwork", "remove", "ok"),
        ("artwork", "remove", "noop"),
        ("artwork", "dismiss", "ok"),
        ("auth", "ban", "ok"),
        ("auth", "ban", "noop"),
        ("auth", "unban", "ok"),
        ("auth", "role", "ok"),
        ("commerce", "credit", "ok"),
        ("artwork", "category", "ok"),
    ] {
        let k = (service.to_owned(), action.to_owned(), outcome.to_owned());
        ensure!(seen.contains(&k), "no {k:?} in {seen:?}");
    }
    let role = all
        .iter()
        .find(|e| e["action"] == "role")
        .cloned()
        .unwrap_or_default();
    ensure!(
        role["actor"]["username"] == "root"
            && role["target"] == json!({"kind": "user", "id": c.cat_id})
            && role["reason"] == "verified portfolio",
        "{role}"
    );

    let rex_id = all
        .iter()
        .find(|e| e["actor"]["username"] == "rex")
        .and_then(|e| e["actor"]["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let by_rex = entries(
        &get_ok(
            api,
            &format!("/v1/admin/audit?actor={rex_id}"),
            Some(&c.root),
        )
        .await?,
    );
    ensure!(
        by_rex.iter().all(|e| e["actor"]["username"] == "rex"),
        "{by_rex:?}"
    );
    let services: BTreeSet<&str> = by_rex
        .iter()
        .filter_map(|e| e["service"].as_str())
        .collect();
    ensure!(
        services == BTreeSet::from(["artwork", "auth", "commerce"]),
        "rex acted in every service: {services:?}"
    );
    let bans = entries(&get_ok(api, "/v1/admin/audit?action=ban", Some(&c.rex)).await?);
    ensure!(
        bans.len() == 2 && bans.iter().all(|e| e["target"]["id"] == c.dan_id.as_str()),
        "{bans:?}"
    );
    let harbour = entries(
        &get_ok(
            api,
            &format!("/v1/admin/audit?target={}", c.harbour),
            Some(&c.root),
        )
        .await?,
    );
    let actions: Vec<(&str, &str)> = harbour
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or(""),
                e["actor"]["username"].as_str().unwrap_or(""),
            )
        })
        .collect();
    ensure!(
        actions == [("restore", "rex"), ("hide", "rex"), ("hide", "root")],
        "{actions:?}"
    );
    let since = harbour[0]["at"].as_str().unwrap_or_default().to_owned();
    let later = entries(
        &get_ok(
            api,
            &format!("/v1/admin/audit?since={}", since.replace('+', "%2B")),
            Some(&c.root),
        )
        .await?,
    );
    ensure!(
        !later.is_empty()
            && later
                .iter()
                .all(|e| e["at"].as_str().unwrap_or("") >= since.as_str()),
        "{later:?}"
    );
    let (s, b) = api
        .get("/v1/admin/audit?since=yesterday", Some(&c.root))
        .await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && b["field"] == "since",
        "{s} {b}"
    );

    // The public log: anyone reads what was hidden and why, never who did it.
    let public = get_ok(api, "/v1/moderation/log?limit=100", None).await?;
    let harbour_log: Vec<String> = entries(&public)
        .iter()
        .filter(|e| e["target"]["id"] == c.harbour.as_str())
        .filter_map(|e| e["action"].as_str().map(str::to_owned))
        .collect();
    ensure!(harbour_log == ["restore", "hide"], "{public}");
    ensure!(
        entries(&public).iter().all(|e| e.get("actor").is_none()),
        "{public}"
    );

    // Paged three at a time, the pages add up to the whole log, in order, without repeats.
    let mut paged = Vec::new();
    let mut path = "/v1/admin/audit?limit=3".to_owned();
    for _ in 0..all.len() + 2 {
        let page = get_ok(api, &path, Some(&c.root)).await?;
        paged.extend(entries(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/v1/admin/audit?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    let ids = |v: &[Value]| v.iter().map(|e| e["id"].clone()).collect::<Vec<_>>();
    ensure!(ids(&paged) == ids(&all), "paging lost or repeated entries");
    Ok(())
}
