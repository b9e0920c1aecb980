//! Moderation through the `artstation` CLI end to end: the real binary against a real
//! `artstationd`. Users report works; an admin scripts the queue with a shell pipeline through
//! `jq` into `admin hide -`; the reporter sees the outcome; a batch with a bad id exits 5 naming
//! it; destructive actions need `--yes` without a terminal; non-admins are refused; the audit
//! log, dismissals, appeals, bans and roles work from the command line.

mod driver;
mod flagged_remove;

use std::process::Command;

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::{Daemon, Profile, Story, on_profile};

use driver::{Cli, code, error_code, ids_in, json_of, show, str_of, upload_three};

#[tokio::test]
async fn cli_admin_moderation_story() -> Result<()> {
    story(&Daemon::start()?).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_admin_on_postgres_and_redis() -> Result<()> {
    on_profile(Profile::PRODUCTION, &[], |stack| async move {
        story(&stack.daemon).await
    })
    .await
}

async fn story(daemon: &Daemon) -> Result<()> {
    if Command::new("jq").arg("--version").output().is_err() {
        bail!("jq is needed for the scripted pipeline (scripts/test installs it)");
    }
    daemon.create_admin("ada")?;
    let admin = Cli::new(daemon)?;
    admin.login("ada")?;
    let artist = Cli::new(daemon)?;
    artist.join("mina", true)?;
    let reporter = Cli::new(daemon)?;
    reporter.join("otto", false)?;
    let second = Cli::new(daemon)?;
    second.join("pia", false)?;

    let dir = tempfile::tempdir()?;
    let [spam1, spam2, nude] = upload_three(&artist, dir.path())?;
    let mut story = Story::new("cli admin");

    story.step_sync("report", || {
        let r = reporter.json(&["report", &spam1, "--reason", "spam", "--note", "ads"])?;
        ensure!(
            r["status"] == "open" && r["artwork_id"] == spam1.as_str() && r["note"] == "ads",
            "{r}"
        );
        reporter.json(&["report", &spam2, "--reason", "spam"])?;
        reporter.json(&["report", &nude, "--reason", "nsfw"])?;
        second.json(&["report", &spam1, "--reason", "spam"])?;
        // One open report per user and work.
        let out = reporter.run(&["report", &spam1, "--reason", "stolen", "--json"])?;
        ensure!(
            code(&out) == 1 && error_code(&out)? == "conflict",
            "{}",
            show(&out)
        );
        Ok(())
    });

    story
        .after(&["report"], "queue", async {
            let queue = admin.json(&["admin", "reports", "--reason", "spam"])?;
            let ids = ids_in(&queue, "/artwork/id");
            ensure!(
                ids.contains(&spam1) && ids.contains(&spam2) && !ids.contains(&nude),
                "{queue}"
            );
            let first = queue["items"]
                .as_array()
                .and_then(|items| items.iter().find(|i| i["artwork"]["id"] == spam1.as_str()))
                .context("spam1 in the queue")?;
            ensure!(
                first["open_reports"] == 2 && first["reasons"]["spam"] == 2,
                "{first}"
            );
            // For people: tab-separated rows, the artwork id first.
            let out = admin.run(&["admin", "reports", "--all"])?;
            let text = String::from_utf8_lossy(&out.stdout);
            ensure!(
                code(&out) == 0 && text.lines().any(|l| l.starts_with(&format!("{nude}\t"))),
                "{}",
                show(&out)
            );
            Ok(())
        })
        .await;

    story.step_sync("non-admins are refused", || {
        for args in [
            &["admin", "reports", "--json"][..],
            &[
                "admin", "hide", &spam1, "--reason", "mine", "--yes", "--json",
            ],
            &["admin", "audit", "--json"],
        ] {
            let out = reporter.run(args)?;
            ensure!(
                code(&out) == 1 && error_code(&out)? == "forbidden" && out.stdout.is_empty(),
                "{args:?}: {}",
                show(&out)
            );
        }
        Ok(())
    });

    story.step_sync("destructive actions need --yes without a terminal", || {
        for args in [
            &["admin", "hide", &spam1, "--reason", "spam"][..],
            &["admin", "remove", &spam1, "--reason", "spam"],
        ] {
            let out = admin.run(args)?;
            let err = String::from_utf8_lossy(&out.stderr);
            ensure!(
                code(&out) == 2 && err.contains("--yes"),
                "{args:?}: {}",
                show(&out)
            );
        }
        // Nothing happened: the work is still public.
        let seen = reporter.json(&["show", &spam1])?;
        ensure!(seen["id"] == spam1.as_str(), "{seen}");
        Ok(())
    });

    story
        .after(&["queue"], "scripted pipeline hides the spam", async {
            let out = admin.shell(
                "set -e; \"$ARTSTATION\" admin reports --reason spam --json \
             | jq -r '.items[].artwork.id' \
             | \"$ARTSTATION\" admin hide - --reason spam --yes --json",
            )?;
            ensure!(code(&out) == 0, "{}", show(&out));
            let doc = json_of(&out.stdout)?;
            let results = doc["results"].as_array().context("results")?;
            ensure!(
                results.len() == 2 && results.iter().all(|r| r["ok"] == true),
                "{doc}"
            );
            for id in [&spam1, &spam2] {
                let out = reporter.run(&["show", id, "--json"])?;
                ensure!(code(&out) == 4, "{id} still visible: {}", show(&out));
                let own = artist.json(&["show", id])?;
                ensure!(
                    own["moderation"]["state"] == "hidden" && own["moderation"]["reason"] == "spam",
                    "{own}"
                );
            }
            let public = reporter.json(&["list", "--limit", "50"])?;
            let listed = ids_in(&public, "/id");
            ensure!(
                listed.contains(&nude) && !listed.contains(&spam1) && !listed.contains(&spam2),
                "{public}"
            );
            Ok(())
        })
        .await;

    story
        .after(
            &["scripted pipeline hides the spam"],
            "reporter sees the outcome",
            async {
                let mine = reporter.json(&["reports"])?;
                let item = mine["items"]
                    .as_array()
                    .and_then(|items| items.iter().find(|r| r["artwork_id"] == spam1.as_str()))
                    .context("my report of spam1")?;
                ensure!(
                    item["status"] == "resolved"
                        && item["outcome"]["action"] == "hide"
                        && item["outcome"]["reason"] == "spam",
                    "{mine}"
                );
                let queue = admin.json(&["admin", "reports", "--all"])?;
                let ids = ids_in(&queue, "/artwork/id");
                ensure!(!ids.contains(&spam1) && ids.contains(&nude), "{queue}");
                let out = reporter.run(&["reports"])?;
                let text = String::from_utf8_lossy(&out.stdout);
                ensure!(
                    code(&out) == 0 && text.contains("hide: spam"),
                    "{}",
                    show(&out)
                );
                Ok(())
            },
        )
        .await;

    story.step_sync("a bad id in the batch exits 5, naming it", || {
        let out = admin.run_with(
            &["admin", "hide", "-", "--reason", "nsfw", "--yes", "--json"],
            &format!("{nude}\n\n  no-such-artwork  \n"),
        )?;
        ensure!(code(&out) == 5, "{}", show(&out));
        let doc = json_of(&out.stdout)?;
        ensure!(
            doc["results"][0]["id"] == nude.as_str()
                && doc["results"][0]["ok"] == true
                && doc["results"][1]["id"] == "no-such-artwork"
                && doc["results"][1]["ok"] == false
                && doc["results"][1]["error"]["code"] == "not_found",
            "{doc}"
        );
        ensure!(error_code(&out)? == "partial_failure", "{}", show(&out));
        // For people: each failure on stderr with its code.
        let out = admin.run(&["admin", "restore", &nude, "nope-1", "--reason", "fine"])?;
        let err = String::from_utf8_lossy(&out.stderr);
        ensure!(
            code(&out) == 5 && err.contains("nope-1") && err.contains("not_found"),
            "{}",
            show(&out)
        );
        let back = reporter.json(&["show", &nude])?;
        ensure!(back["id"] == nude.as_str(), "{back}");
        Ok(())
    });

    story.step_sync("appeal and restore", || {
        let appeal = artist.json(&["appeal", &spam2, "--message", "this is my own art"])?;
        ensure!(appeal["status"] == "pending", "{appeal}");
        let out = artist.run(&["appeal", &spam2, "--message", "again", "--json"])?;
        ensure!(
            code(&out) == 1 && error_code(&out)? == "conflict",
            "{}",
            show(&out)
        );
        let done = admin.json(&["admin", "restore", &spam2, "--reason", "appeal upheld"])?;
        ensure!(done["results"][0]["ok"] == true, "{done}");
        let seen = reporter.json(&["show", &spam2])?;
        ensure!(seen["id"] == spam2.as_str(), "{seen}");
        Ok(())
    });

    story
        .after(
            &["appeal and restore"],
            "on a terminal the pipeline asks on /dev/tty",
            async {
                // The pipeline as typed at a terminal, without --yes: stdin carries the ids, so
                // the question goes to the terminal (a pseudo-terminal made by script(1)).
                second.json(&["report", &spam2, "--reason", "spam"])?;
                let pipeline = "\"$ARTSTATION\" admin reports --reason spam --json \
             | jq -r '.items[].artwork.id' | \"$ARTSTATION\" admin hide - --reason spam";
                let declined = admin.on_terminal(pipeline, "n\n")?;
                ensure!(code(&declined) == 1, "{}", show(&declined));
                ensure!(reporter.json(&["show", &spam2])?["id"] == spam2.as_str());
                let accepted = admin.on_terminal(pipeline, "y\n")?;
                let screen = String::from_utf8_lossy(&accepted.stdout);
                ensure!(
                    code(&accepted) == 0 && screen.contains("[y/N]"),
                    "{}",
                    show(&accepted)
                );
                let out = reporter.run(&["show", &spam2])?;
                ensure!(code(&out) == 4, "{}", show(&out));
                let back = admin.json(&["admin", "restore", &spam2, "--reason", "test over"])?;
                ensure!(back["results"][0]["ok"] == true, "{back}");
                Ok(())
            },
        )
        .await;

    story.step_sync("dismiss", || {
        let extra = second.json(&["report", &nude, "--reason", "offensive"])?;
        ensure!(extra["status"] == "open", "{extra}");
        let done = admin.json(&["admin", "dismiss", &nude, "--reason", "art, not offensive"])?;
        ensure!(
            done["results"][0]["ok"] == true && done["results"][0]["dismissed"] == 1,
            "{done}"
        );
        let queue = admin.json(&["admin", "reports", "--all"])?;
        ensure!(!ids_in(&queue, "/artwork/id").contains(&nude), "{queue}");
        Ok(())
    });

    story.step_sync("a second admin, told apart in the audit log", || {
        let bea = Cli::new(daemon)?;
        bea.join("bea", false)?;
        let found = admin.json(&["admin", "users", "--query", "bea"])?;
        let bea_id = ids_in(&found, "/id")
            .into_iter()
            .next()
            .context("bea listed")?;
        let promoted = admin.json(&["admin", "role", "bea", "admin", "--reason", "moderator"])?;
        ensure!(promoted["role"] == "admin", "{promoted}");
        // The role is in the access token: a fresh login carries it.
        bea.login("bea")?;
        let done = bea.json(&["admin", "hide", &nude, "--reason", "second look", "--yes"])?;
        ensure!(done["results"][0]["ok"] == true, "{done}");
        bea.json(&["admin", "restore", &nude, "--reason", "fine after all"])?;

        let by_bea = admin.json(&["admin", "audit", "--actor", &bea_id])?;
        let actions: Vec<&str> = by_bea["items"]
            .as_array()
            .map(|e| e.iter().filter_map(|e| e["action"].as_str()).collect())
            .unwrap_or_default();
        ensure!(actions == ["restore", "hide"], "{by_bea}");
        let on_bea = bea.json(&["admin", "audit", "--target", &bea_id])?;
        ensure!(
            on_bea["items"][0]["action"] == "role"
                && on_bea["items"][0]["actor"]["username"] == "ada"
                && on_bea["items"][0]["reason"] == "moderator",
            "{on_bea}"
        );
        Ok(())
    });

    story.step_sync("users, role and ban", || {
        let found = admin.json(&["admin", "users", "--query", "otto"])?;
        let otto = found["items"]
            .as_array()
            .and_then(|u| u.iter().find(|u| u["username"] == "otto"))
            .context("otto listed")?;
        let otto_id = str_of(otto, "/id")?.to_owned();
        let user = admin.json(&["admin", "role", &otto_id, "artist", "--reason", "asked"])?;
        ensure!(user["role"] == "artist", "{user}");

        let out = admin.run(&["admin", "ban", &otto_id, "--reason", "abuse"])?;
        ensure!(code(&out) == 2, "ban without --yes: {}", show(&out));
        let banned = admin.run_with(
            &["admin", "ban", "-", "--reason", "abuse", "--yes", "--json"],
            &format!("{otto_id}\n"),
        )?;
        ensure!(code(&banned) == 0, "{}", show(&banned));
        let doc = json_of(&banned.stdout)?;
        ensure!(doc["results"][0]["user"]["banned"] == true, "{doc}");
        // The ban ends otto's session at once.
        let out = reporter.run(&["whoami", "--json"])?;
        ensure!(matches!(code(&out), 1 | 3), "{}", show(&out));
        let listed = admin.json(&["admin", "users", "--banned"])?;
        ensure!(ids_in(&listed, "/id").contains(&otto_id), "{listed}");
        // A username does as well as an id.
        let lifted = admin.json(&["admin", "unban", "otto", "--reason", "appealed"])?;
        ensure!(lifted["results"][0]["user"]["banned"] == false, "{lifted}");
        reporter.login("otto")?;
        reporter.json(&["whoami"])?;
        Ok(())
    });

    story
        .after(&["scripted pipeline hides the spam"], "audit log", async {
            let log = admin.json(&["admin", "audit", "--action", "hide", "--since", "1h"])?;
            let entries = log["items"].as_array().context("items")?;
            for id in [&spam1, &spam2] {
                let entry = entries
                    .iter()
                    .find(|e| e["target"]["id"] == id.as_str())
                    .with_context(|| format!("no hide of {id}: {log}"))?;
                ensure!(
                    entry["actor"]["username"] == "ada"
                        && entry["reason"] == "spam"
                        && entry["outcome"] == "ok"
                        && entry["target"]["kind"] == "artwork",
                    "{entry}"
                );
            }
            let all = admin.json(&["admin", "audit", "--all"])?;
            let actions: Vec<&str> = all["items"]
                .as_array()
                .map(|e| e.iter().filter_map(|e| e["action"].as_str()).collect())
                .unwrap_or_default();
            for action in ["hide", "restore", "dismiss"] {
                ensure!(actions.contains(&action), "no {action}: {all}");
            }
            Ok(())
        })
        .await;

    story.finish()
}
