//! Following artists and the live feed, end to end: follow and unfollow (idempotent, by id or
//! username, never oneself), the feed's keyset pages, and the Server-Sent Events stream that
//! delivers a new public work — on the embedded default, across two artwork replicas sharing
//! PostgreSQL and Redis, and through `artstation follow` and `artstation watch --json`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::{Api, access_token, code};
use artstation_tests::profile::redis_env;
use artstation_tests::{Daemon, FreshPostgres, bin_path, png};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Generous: receipt is what is checked here, not speed.
const RECEIPT: Duration = Duration::from_secs(30);

/// A shared secret for roles in separate processes.
const SECRET: &str = "feed-tests-internal-secret-0123456789abcdef";

/// Registers and signs in; the access token and the user's id.
async fn account(api: &Api, name: &str, role: &str) -> Result<(String, String)> {
    let user = api.register(name, role).await?;
    let token = access_token(&api.login(name).await?)?;
    let id = user["id"].as_str().context("no user id")?.to_owned();
    Ok((token, id))
}

async fn upload(api: &Api, token: &str, seed: u8, draft: bool) -> Result<String> {
    let mut meta = json!({"title": format!("Feed {seed}"),
                          "price": {"amount_minor": 500, "currency": "EUR"}});
    if draft {
        meta["status"] = json!("draft");
    }
    let (s, body) = api
        .upload_ready(token, meta, png(96, 80, seed), "feed.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {body}");
    Ok(body["id"].as_str().context("no id")?.to_owned())
}

async fn set_follow(api: &Api, token: &str, artist: &str, on: bool) -> Result<(StatusCode, Value)> {
    let url = format!("{}/v1/artists/{artist}/follow", api.base);
    let req = if on {
        api.http.put(url)
    } else {
        api.http.delete(url)
    };
    api.send(req.bearer_auth(token)).await
}

/// A Server-Sent Events stream read as it arrives.
struct Sse {
    resp: reqwest::Response,
    buf: String,
}

impl Sse {
    async fn open(api: &Api, token: &str, last_event_id: Option<&str>) -> Result<Self> {
        let mut req = api
            .http
            .get(format!("{}/v1/me/feed/stream", api.base))
            .bearer_auth(token);
        if let Some(id) = last_event_id {
            req = req.header("Last-Event-ID", id);
        }
        let resp = req.send().await?;
        ensure!(resp.status() == StatusCode::OK, "stream: {}", resp.status());
        let ctype = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        ensure!(
            ctype.starts_with("text/event-stream"),
            "stream type {ctype}"
        );
        Ok(Self {
            resp,
            buf: String::new(),
        })
    }

    /// The next `artwork` event: its `id:` and its data.
    async fn next_artwork(&mut self) -> Result<(String, Value)> {
        let deadline = Instant::now() + RECEIPT;
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let (mut event, mut id, mut data) = (None, None, String::new());
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = Some(v.trim().to_owned());
                    } else if let Some(v) = line.strip_prefix("id:") {
                        id = Some(v.trim().to_owned());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                if event.as_deref() == Some("artwork") {
                    let id = id.context("an artwork event without an id")?;
                    return Ok((id, serde_json::from_str(&data)?));
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.resp.chunk()).await {
                Err(_) => bail!("no artwork event within {RECEIPT:?}"),
                Ok(chunk) => match chunk? {
                    Some(bytes) => self.buf.push_str(&String::from_utf8_lossy(&bytes)),
                    None => bail!("the stream ended"),
                },
            }
        }
    }
}

/// Reads artwork events until `want` arrives. A work published just before the stream opened
/// may still be on its way to the watcher's replica, so earlier events are allowed, but each
/// must be by one of `followed`.
async fn expect_work(live: &mut Sse, want: &str, followed: &[&str]) -> Result<Value> {
    loop {
        let (id, data) = live.next_artwork().await?;
        let artist = data["artist"]["username"].as_str().unwrap_or_default();
        ensure!(
            followed.contains(&artist),
            "got {id} by {artist}, who is not followed"
        );
        if id == want {
            return Ok(data);
        }
    }
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|a| a["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_the_feed_and_its_live_stream_on_the_embedded_default() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    let (ann, ann_id) = account(&api, "feedann", "artist").await?;
    let (bob, _) = account(&api, "feedbob", "artist").await?;
    let (fan, _) = account(&api, "feedfan", "buyer").await?;
    let mut anns = Vec::new();
    for seed in 1..=3 {
        anns.push(upload(&api, &ann, seed, false).await?);
    }
    upload(&api, &bob, 9, false).await?;

    // Follow by id, twice; by username; unfollow twice.
    for _ in 0..2 {
        let (s, body) = set_follow(&api, &fan, &ann_id, true).await?;
        ensure!(s == StatusCode::NO_CONTENT, "follow: {s} {body}");
    }
    ensure!(set_follow(&api, &fan, "feedbob", true).await?.0 == StatusCode::NO_CONTENT);
    for _ in 0..2 {
        ensure!(set_follow(&api, &fan, "feedbob", false).await?.0 == StatusCode::NO_CONTENT);
    }
    let (s, body) = set_follow(&api, &ann, &ann_id, true).await?;
    ensure!(
        s == StatusCode::BAD_REQUEST && code(&body) == "validation_failed",
        "self-follow: {s} {body}"
    );
    let (s, body) = set_follow(&api, &ann, "feedann", true).await?;
    ensure!(
        code(&body) == "validation_failed",
        "self by name: {s} {body}"
    );
    let (s, body) = set_follow(&api, &fan, "nosuchartist", true).await?;
    ensure!(
        s == StatusCode::NOT_FOUND && code(&body) == "not_found",
        "unknown: {s} {body}"
    );
    let (s, _) = api
        .send(
            api.http
                .put(format!("{}/v1/artists/{ann_id}/follow", api.base)),
        )
        .await?;
    ensure!(s == StatusCode::UNAUTHORIZED, "anonymous follow: {s}");

    // The feed: ann's works only, newest first, in keyset pages.
    let (s, first) = api.get("/v1/me/feed?limit=2", Some(&fan)).await?;
    ensure!(s == StatusCode::OK, "feed: {s} {first}");
    let cursor = first["next_cursor"].as_str().context("no next cursor")?;
    let (_, second) = api
        .get(&format!("/v1/me/feed?limit=2&cursor={cursor}"), Some(&fan))
        .await?;
    ensure!(second["next_cursor"].is_null(), "{second}");
    let seen: Vec<String> = ids(&first).into_iter().chain(ids(&second)).collect();
    let newest_first: Vec<String> = anns.iter().rev().cloned().collect();
    ensure!(seen == newest_first, "{seen:?} vs {newest_first:?}");
    let (s, body) = api.get("/v1/me/feed?cursor=bogus", Some(&fan)).await?;
    ensure!(code(&body) == "validation_failed", "bad cursor: {s} {body}");
    ensure!(api.get("/v1/me/feed", None).await?.0 == StatusCode::UNAUTHORIZED);

    // Live: a new upload arrives; an unfollowed artist's does not; a published draft does.
    let mut live = Sse::open(&api, &fan, None).await?;
    let fresh = upload(&api, &ann, 4, false).await?;
    let data = expect_work(&mut live, &fresh, &["feedann"]).await?;
    ensure!(data["id"] == json!(fresh), "{data}");
    ensure!(
        data["sha256"].is_null(),
        "the original's details leaked: {data}"
    );
    upload(&api, &bob, 10, false).await?;
    let draft = upload(&api, &ann, 5, true).await?;
    let (s, body) = api
        .send(
            api.http
                .patch(format!("{}/v1/artworks/{draft}", api.base))
                .bearer_auth(&ann)
                .json(&json!({"status": "published"})),
        )
        .await?;
    ensure!(s == StatusCode::OK, "publish: {s} {body}");
    // Bob's work, in between, is not followed: `expect_work` fails on it.
    expect_work(&mut live, &draft, &["feedann"]).await?;

    // Reconnecting with Last-Event-ID replays what came after, oldest first.
    let mut resumed = Sse::open(&api, &fan, Some(&anns[1])).await?;
    let mut replayed = Vec::new();
    for _ in 0..3 {
        replayed.push(resumed.next_artwork().await?.0);
    }
    ensure!(
        replayed == [anns[2].clone(), fresh.clone(), draft.clone()],
        "{replayed:?}"
    );
    Ok(())
}

/// Two `artstationd` processes with the artwork role (and a gateway each) on one PostgreSQL
/// and one Redis: a watcher connected through the second sees works uploaded through the
/// first, and follows made through the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watcher_on_one_artwork_replica_sees_works_uploaded_through_another() -> Result<()> {
    let dbs = [
        FreshPostgres::create().await?,
        FreshPostgres::create().await?,
        FreshPostgres::create().await?,
    ];
    let result = async {
        let storage = tempfile::tempdir()?;
        let storage_url = format!("file://{}", storage.path().display());
        let mut env: Vec<(String, String)> = redis_env();
        env.extend([
            ("ARTSTATION_AUTH_DATABASE_URL".into(), dbs[0].url.clone()),
            ("ARTSTATION_ARTWORK_DATABASE_URL".into(), dbs[1].url.clone()),
            (
                "ARTSTATION_COMMERCE_DATABASE_URL".into(),
                dbs[2].url.clone(),
            ),
            ("ARTSTATION_STORAGE".into(), storage_url),
            ("ARTSTATION_INTERNAL_SECRET".into(), SECRET.into()),
        ]);
        let pairs = |extra: &[(String, String)]| -> Vec<(String, String)> {
            env.iter().chain(extra).cloned().collect()
        };
        let first_env = pairs(&[]);
        let first = Daemon::start_with(
            &first_env
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )?;
        let second_env = pairs(&[
            (
                "ARTSTATION_AUTH_UPSTREAM".into(),
                first.addr("auth")?.to_owned(),
            ),
            (
                "ARTSTATION_COMMERCE_UPSTREAM".into(),
                first.addr("commerce")?.to_owned(),
            ),
        ]);
        let second = Daemon::start_roles(
            &["artwork", "gateway"],
            &second_env
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )?;
        ensure!(first.addr("artwork")? != second.addr("artwork")?);
        let a = Api::new(&first.gateway);
        let b = Api::new(&second.gateway);
        let (ann, ann_id) = account(&a, "replann", "artist").await?;
        let (cid, _) = account(&a, "replcid", "artist").await?;
        let (fan, _) = account(&a, "replfan", "buyer").await?;
        upload(&a, &ann, 1, false).await?;
        upload(&a, &cid, 2, false).await?;
        let (s, body) = set_follow(&b, &fan, &ann_id, true).await?;
        ensure!(s == StatusCode::NO_CONTENT, "follow through B: {s} {body}");

        let mut live = Sse::open(&b, &fan, None).await?;
        let fresh = upload(&a, &ann, 3, false).await?;
        expect_work(&mut live, &fresh, &["replann"]).await?;

        // A follow made through A reaches the watcher on B before the next upload does.
        ensure!(set_follow(&a, &fan, "replcid", true).await?.0 == StatusCode::NO_CONTENT);
        let cids = upload(&a, &cid, 4, false).await?;
        expect_work(&mut live, &cids, &["replann", "replcid"]).await?;
        Ok(())
    }
    .await;
    for db in dbs {
        db.drop_database().await?;
    }
    result
}

/// `artstation follow USER`, then `artstation watch --json` prints the artist's next work as
/// one JSON line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_follows_and_watches() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    let (ann, _) = account(&api, "cliann", "artist").await?;
    let (fan, _) = account(&api, "clifan", "buyer").await?;
    upload(&api, &ann, 1, false).await?;
    let config = tempfile::tempdir()?;
    let cli = || -> Result<Command> {
        let mut cmd = Command::new(bin_path("artstation")?);
        cmd.env("ARTSTATION_SERVER", &daemon.gateway)
            .env("ARTSTATION_TOKEN", &fan)
            .env("ARTSTATION_CREDENTIAL_STORE", "file")
            .env("ARTSTATION_CONFIG_DIR", config.path())
            .env_remove("ARTSTATION_PROFILE");
        Ok(cmd)
    };
    let out = cli()?.args(["follow", "cliann"]).output()?;
    ensure!(
        out.status.success(),
        "follow: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli()?.args(["follow", "nosuchartist"]).output()?;
    ensure!(out.status.code() == Some(4), "unknown artist: {out:?}");

    let mut watch = cli()?
        .args(["watch", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = watch.stdout.take().context("no stdout")?;
    let stderr = watch.stderr.take().context("no stderr")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Uploaded only once the watcher says (on stderr) that its stream is open.
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if line.contains("watching") {
                let _ = ready_tx.send(());
            }
        }
    });
    tokio::task::spawn_blocking(move || ready_rx.recv_timeout(RECEIPT))
        .await?
        .context("artstation watch never said it was watching")?;
    let fresh = upload(&api, &ann, 2, false).await?;
    let got = tokio::task::spawn_blocking(move || rx.recv_timeout(RECEIPT)).await?;
    let _ = Command::new("kill")
        .args(["-INT", &watch.id().to_string()])
        .status();
    let status = watch.wait()?;
    let line = got.context("artstation watch printed nothing")?;
    let doc: Value = serde_json::from_str(&line).with_context(|| format!("not JSON: {line}"))?;
    ensure!(doc["id"] == json!(fresh), "{doc}");
    ensure!(status.success(), "watch exited with {status} on Ctrl-C");

    let out = cli()?.args(["unfollow", "cliann"]).output()?;
    ensure!(out.status.success(), "unfollow: {out:?}");
    Ok(())
}
