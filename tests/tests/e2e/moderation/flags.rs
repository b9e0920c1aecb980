//! The queue holds the upload pipeline's near-duplicate flags beside the matched work, and
//! reports are rate limited per user.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::pattern_png;
use artstation_tests::{Daemon, on_production_profile};
use reqwest::StatusCode;
use serde_json::json;

use super::{get_ok, ids, post_ok, send};

async fn upload(api: &Api, token: &str, title: &str) -> Result<String> {
    let meta = json!({"title": title, "price": {"amount_minor": 500, "currency": "USD"}});
    let (s, b) = api
        .upload_ready(token, meta, pattern_png(400, 300, 7), "p.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {b}");
    Ok(b["id"].as_str().context("id")?.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flagged_works_are_queued_and_reports_are_rate_limited() -> Result<()> {
    flags_and_rate_limit(&Daemon::start()?).await
}

/// PostgreSQL for the flags and for the reports the rate limit counts, Redis for the caches.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flagged_works_are_queued_and_reports_are_rate_limited_on_postgres_and_redis() -> Result<()>
{
    on_production_profile(
        &[],
        |daemon| async move { flags_and_rate_limit(&daemon).await },
    )
    .await
}

async fn flags_and_rate_limit(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    for (name, role) in [("ann", "artist"), ("eve", "artist"), ("cat", "buyer")] {
        api.register(name, role).await?;
    }
    daemon.create_admin("root")?;
    let ann = access_token(&api.login("ann").await?)?;
    let eve = access_token(&api.login("eve").await?)?;
    let cat = access_token(&api.login("cat").await?)?;
    let root = access_token(&api.login("root").await?)?;
    let original = upload(&api, &ann, "Original").await?;
    let copy = upload(&api, &eve, "Copy").await?;

    let flagged = get_ok(&api, "/v1/admin/reports?reason=near_duplicate", Some(&root)).await?;
    ensure!(ids(&flagged) == [copy.clone()], "{flagged}");
    let item = &flagged["items"][0];
    ensure!(
        item["open_reports"] == 0
            && item["reasons"] == json!({})
            && item["near_duplicate_of"]["id"] == original.as_str()
            && item["artwork"]["near_duplicate_of"] == original.as_str(),
        "{item}"
    );
    let spam = get_ok(&api, "/v1/admin/reports?reason=spam", Some(&root)).await?;
    ensure!(ids(&spam).is_empty(), "{spam}");

    // Twenty reports an hour: reporting and dismissing the same work over and over counts.
    let report = format!("/v1/artworks/{original}/reports");
    let dismiss = format!("/v1/admin/artworks/{original}/reports/dismiss");
    for n in 0..20 {
        post_ok(
            &api,
            &report,
            json!({"reason": "spam"}),
            &cat,
            StatusCode::CREATED,
        )
        .await?;
        let d = post_ok(
            &api,
            &dismiss,
            json!({"reason": format!("round {n}")}),
            &root,
            StatusCode::OK,
        )
        .await?;
        ensure!(d["dismissed"] == 1, "{d}");
    }
    let (s, b) = send(
        &api,
        reqwest::Method::POST,
        &report,
        Some(json!({"reason": "spam"})),
        &cat,
    )
    .await?;
    ensure!(
        s == StatusCode::TOO_MANY_REQUESTS && b["code"] == "rate_limited",
        "{s} {b}"
    );

    // Dismissing the copy's reports drops its flag too: it leaves the queue.
    let d = post_ok(
        &api,
        &format!("/v1/admin/artworks/{copy}/reports/dismiss"),
        json!({"reason": "a study, credited"}),
        &root,
        StatusCode::OK,
    )
    .await?;
    ensure!(d["dismissed"] == 0, "{d}");
    let queue = get_ok(&api, "/v1/admin/reports", Some(&root)).await?;
    ensure!(ids(&queue).is_empty(), "{queue}");
    Ok(())
}
