//! `artstation admin flagged` and a successful `admin remove --yes`, through the real binary:
//! an artist uploads another's picture again, the admin finds it among the flagged uploads
//! (for people and as JSON), hides it (the artist sees the state and reason), then removes it
//! for good: it is gone from every listing, for its artist too, the reporter sees the outcome,
//! the public log says why, and the audit log names who did it.

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::pattern_png;
use artstation_tests::{Daemon, Profile, Story, on_profile};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::driver::{Cli, code, error_code, ids_in, json_of, show};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_admin_flagged_and_remove() -> Result<()> {
    story(&Daemon::start()?).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_admin_flagged_and_remove_on_postgres_and_redis() -> Result<()> {
    on_profile(Profile::PRODUCTION, &[], |stack| async move {
        story(&stack.daemon).await
    })
    .await
}

/// The same picture by `token`: the second artist's copy is flagged as a near-duplicate.
async fn upload(api: &Api, token: &str, title: &str) -> Result<String> {
    let meta = json!({"title": title, "price": {"amount_minor": 500, "currency": "USD"}});
    let (s, b) = api
        .upload_ready(token, meta, pattern_png(400, 300, 11), "p.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "{s} {b}");
    Ok(b["id"].as_str().context("id")?.to_owned())
}

async fn story(daemon: &Daemon) -> Result<()> {
    let api = Api::new(&daemon.gateway);
    for (name, role) in [("mina", "artist"), ("eve", "artist"), ("otto", "buyer")] {
        api.register(name, role).await?;
    }
    daemon.create_admin("ada")?;
    let original = upload(&api, &access_token(&api.login("mina").await?)?, "Tide").await?;
    let copy = upload(&api, &access_token(&api.login("eve").await?)?, "Tide, mine").await?;
    let admin = Cli::new(daemon)?;
    admin.login("ada")?;
    let artist = Cli::new(daemon)?;
    artist.login("eve")?;
    let buyer = Cli::new(daemon)?;
    buyer.login("otto")?;
    let mut story = Story::new("cli admin flagged and remove");

    story.step_sync("flagged, as JSON and for people", || {
        let doc = admin.json(&["admin", "flagged"])?;
        ensure!(ids_in(&doc, "/id") == [copy.clone()], "{doc}");
        ensure!(
            doc["items"][0]["near_duplicate_of"] == original.as_str()
                && doc["items"][0]["artist"]["username"] == "eve",
            "{doc}"
        );
        let out = admin.run(&["admin", "flagged", "--all"])?;
        let text = String::from_utf8_lossy(&out.stdout);
        // Off a terminal: tab-separated rows, no header; the matched work is the last column.
        let row: Vec<&str> = text.lines().next().unwrap_or("").split('\t').collect();
        ensure!(
            code(&out) == 0
                && text.lines().count() == 1
                && row.len() == 5
                && row[..3] == [copy.as_str(), "Tide, mine", "eve"]
                && row[4] == original.as_str(),
            "{}",
            show(&out)
        );
        let out = buyer.run(&["admin", "flagged", "--json"])?;
        ensure!(
            code(&out) == 1 && error_code(&out)? == "forbidden" && out.stdout.is_empty(),
            "{}",
            show(&out)
        );
        Ok(())
    });

    story.step_sync("a hide first: the artist sees the state and reason", || {
        let r = buyer.json(&["report", &copy, "--reason", "stolen"])?;
        ensure!(r["status"] == "open", "{r}");
        let done = admin.json(&["admin", "hide", &copy, "--reason", "stolen", "--yes"])?;
        ensure!(done["results"][0]["ok"] == true, "{done}");
        let own = artist.json(&["show", &copy])?;
        ensure!(
            own["moderation"]["state"] == "hidden" && own["moderation"]["reason"] == "stolen",
            "{own}"
        );
        let hidden = artist.json(&["list", "--mine", "--status", "hidden"])?;
        ensure!(ids_in(&hidden, "/id") == [copy.clone()], "{hidden}");
        Ok(())
    });

    story.step_sync("remove --yes succeeds", || {
        let out = admin.run(&[
            "admin",
            "remove",
            &copy,
            "--reason",
            "a copy of mina's Tide",
            "--yes",
            "--json",
        ])?;
        ensure!(code(&out) == 0, "{}", show(&out));
        let doc = json_of(&out.stdout)?;
        let result = &doc["results"][0];
        ensure!(
            doc["results"].as_array().map(Vec::len) == Some(1)
                && result["id"] == copy.as_str()
                && result["ok"] == true
                && result["artwork"]["moderation"]["state"] == "removed"
                && result["artwork"]["moderation"]["reason"] == "a copy of mina's Tide",
            "{doc}"
        );
        // Again, for people: idempotent, the row says removed, the tally goes to stderr.
        let out = admin.run(&["admin", "remove", &copy, "--reason", "again", "--yes"])?;
        let text = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        ensure!(
            code(&out) == 0
                && text
                    .lines()
                    .any(|l| l.starts_with(&format!("{copy}\tremoved")))
                && err.contains("Removed: 1 of 1"),
            "{}",
            show(&out)
        );
        Ok(())
    });

    story
        .after(&["remove --yes succeeds"], "the work is gone", async {
            for who in [&buyer, &artist] {
                let out = who.run(&["show", &copy, "--json"])?;
                ensure!(code(&out) == 4, "{}", show(&out));
            }
            let public = buyer.json(&["list", "--limit", "50"])?;
            let listed = ids_in(&public, "/id");
            ensure!(
                listed.contains(&original) && !listed.contains(&copy),
                "{public}"
            );
            let mine = artist.json(&["list", "--mine"])?;
            ensure!(!ids_in(&mine, "/id").contains(&copy), "{mine}");
            let found = buyer.json(&["search", "Tide"])?;
            ensure!(!ids_in(&found, "/id").contains(&copy), "{found}");
            // The reporter learns the outcome; the public log says what and why, not who.
            let reports = buyer.json(&["reports"])?;
            let outcome = reports["items"]
                .as_array()
                .and_then(|r| r.iter().find(|r| r["artwork_id"] == copy.as_str()))
                .map(|r| r["outcome"].clone())
                .unwrap_or_default();
            ensure!(
                outcome["action"] == "hide",
                "resolved by the hide: {reports}"
            );
            let (s, log) = api.get("/v1/moderation/log", None).await?;
            let removal = entries(&log)
                .into_iter()
                .find(|e| e["target"]["id"] == copy.as_str() && e["action"] == "remove");
            ensure!(
                s == StatusCode::OK
                    && removal.is_some_and(
                        |e| e["reason"] == "a copy of mina's Tide" && e.get("actor").is_none()
                    ),
                "{s} {log}"
            );
            Ok(())
        })
        .await;

    story
        .after(
            &["remove --yes succeeds"],
            "the audit log records the removal",
            async {
                let log = admin.json(&["admin", "audit", "--target", &copy])?;
                let seen: Vec<(String, String, String, String)> = entries(&log)
                    .iter()
                    .map(|e| {
                        let s = |p: &str| e.pointer(p).and_then(Value::as_str).unwrap_or("");
                        (
                            s("/action").to_owned(),
                            s("/outcome").to_owned(),
                            s("/actor/username").to_owned(),
                            s("/reason").to_owned(),
                        )
                    })
                    .collect();
                let entry = |action: &str, outcome: &str, reason: &str| {
                    let s = str::to_owned;
                    (s(action), s(outcome), s("ada"), s(reason))
                };
                ensure!(
                    seen == [
                        entry("remove", "noop", "again"),
                        entry("remove", "ok", "a copy of mina's Tide"),
                        entry("hide", "ok", "stolen"),
                    ],
                    "{seen:?}"
                );
                ensure!(
                    entries(&log)
                        .iter()
                        .all(|e| e["target"]["kind"] == "artwork"),
                    "{log}"
                );
                Ok(())
            },
        )
        .await;

    story.finish()
}

fn entries(doc: &Value) -> Vec<Value> {
    doc["items"].as_array().cloned().unwrap_or_default()
}
