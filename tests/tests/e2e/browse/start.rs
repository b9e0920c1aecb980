//! How the gallery starts: from the command line's query, tag and order, anonymously, and
//! with a stored session the server no longer takes.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, PASSWORD, access_token};
use artstation_tests::images::pattern_png;
use artstation_tests::{Daemon, bin_path};
use serde_json::{Value, json};

use super::{Tmux, after_gallery, seed};

/// The environment of a gallery with no token: a private, empty config dir and no colours.
fn anonymous_env(daemon: &Daemon, config: &std::path::Path) -> Vec<(String, String)> {
    [
        ("ARTSTATION_SERVER", daemon.gateway.clone()),
        ("ARTSTATION_CREDENTIAL_STORE", "file".into()),
        ("ARTSTATION_CONFIG_DIR", config.display().to_string()),
        ("NO_COLOR", "1".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// `artstation browse harbour --tag sea --sort price-asc`, signed out: only the harbours
/// tagged sea, cheapest first, and the header says who (nobody) and which filters.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_starts_anonymously_with_query_tag_and_sort() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    api.register("painter", "artist").await?;
    let artist = access_token(&api.login("painter").await?)?;
    // Uploaded in an order that is neither the price order nor its reverse.
    let works = [
        ("harbour at dawn", "sea", 3000),
        ("harbour in fog", "land", 500),
        ("harbour at night", "sea", 1000),
        ("red sunset", "sea", 100),
        ("harbour lights", "sea", 2000),
    ];
    for (i, (title, tag, price)) in works.iter().enumerate() {
        let meta = json!({
            "title": title, "tags": [tag], "edition_size": 5,
            "price": {"amount_minor": price, "currency": "EUR"},
        });
        let (status, body) = api
            .upload_ready(
                &artist,
                meta,
                pattern_png(320, 240, u64::try_from(i)? + 1),
                "w.png",
            )
            .await?;
        ensure!(status.is_success(), "upload {title}: {status} {body}");
    }
    let config = tempfile::tempdir()?;
    let env = anonymous_env(&daemon, config.path());
    let bin = bin_path("artstation")?.display().to_string();
    let command = after_gallery(&format!(
        "'{bin}' browse harbour --tag sea --sort price-asc --image-protocol none"
    ));
    tokio::task::spawn_blocking(move || -> Result<()> {
        let tmux = Tmux::start(&command, &env, 80, 24)?;
        let screen = tmux.wait("the filtered gallery", 20, |s| {
            s.contains("harbour at dawn") && s.contains("3 shown")
        })?;
        ensure!(
            screen.contains("“harbour” tag:sea sort:price_asc"),
            "the filters line:\n{screen}"
        );
        ensure!(
            screen
                .lines()
                .next()
                .is_some_and(|l| l.ends_with("anonymous")),
            "{screen}"
        );
        for absent in ["harbour in fog", "red sunset"] {
            ensure!(!screen.contains(absent), "{absent} shown:\n{screen}");
        }
        // Three cards on one row of an 80-column grid, cheapest on the left.
        let row = screen
            .lines()
            .find(|l| l.contains("harbour at night"))
            .context("the row of cards")?;
        let at = |t: &str| row.find(t);
        ensure!(
            at("harbour at night") < at("harbour lights")
                && at("harbour lights") < at("harbour at dawn")
                && at("harbour at dawn").is_some(),
            "not cheapest first: {row}\n{screen}"
        );
        ensure!(
            screen.contains("10.00 EUR") && screen.contains("30.00 EUR"),
            "{screen}"
        );
        tmux.keys(&["q"])?;
        tmux.wait("a clean exit", 10, |s| s.contains("BROWSE-EXIT=0"))?;
        tmux.restored()
    })
    .await?
}

/// A stored session whose access token has expired and whose refresh token was revoked
/// (spent elsewhere): the status line says the gallery is signed out and why, the header says
/// anonymous, and browsing goes on — cards, the detail view, a clean quit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_with_a_dead_stored_session_says_so_and_keeps_browsing() -> Result<()> {
    let daemon = Daemon::start()?;
    let (_buyer, _ids) = seed(&daemon).await?;
    let config = tempfile::tempdir()?;
    let env = anonymous_env(&daemon, config.path());
    let bin = bin_path("artstation")?;

    let mut login = Command::new(&bin)
        .args(["login", "--login", "viewer", "--password-stdin"])
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    login
        .stdin
        .take()
        .context("stdin")?
        .write_all(format!("{PASSWORD}\n").as_bytes())?;
    let out = login.wait_with_output()?;
    ensure!(out.status.success(), "login: {out:?}");

    // Expired: the access token's end is in the past, so the CLI must refresh first.
    let file = config.path().join("credentials.json");
    let mut stored: Value = serde_json::from_slice(&std::fs::read(&file)?)?;
    let session = stored["credentials"]
        .as_object_mut()
        .and_then(|all| all.values_mut().next())
        .context("no stored session")?;
    session["expires_at"] = json!("2001-01-01T00:00:00Z");
    let refresh = session["refresh_token"]
        .as_str()
        .context("refresh_token")?
        .to_owned();
    std::fs::write(&file, serde_json::to_vec(&stored)?)?;
    // Revoked: someone else spends the refresh token, so presenting it again is refused.
    let api = Api::new(&daemon.gateway);
    let (status, body) = api
        .post("/v1/auth/refresh", json!({"refresh_token": refresh}), None)
        .await?;
    ensure!(
        status.is_success(),
        "spending the refresh token: {status} {body}"
    );

    let command = after_gallery(&format!("'{}' browse --image-protocol none", bin.display()));
    tokio::task::spawn_blocking(move || -> Result<()> {
        let tmux = Tmux::start(&command, &env, 80, 24)?;
        let screen = tmux.wait("the status line", 20, |s| {
            s.contains("red sunset")
                && s.lines()
                    .last()
                    .is_some_and(|l| l.contains("error: signed out, browsing anonymously"))
        })?;
        ensure!(
            screen
                .lines()
                .next()
                .is_some_and(|l| l.ends_with("anonymous")),
            "{screen}"
        );
        // Still browsing: the first card opens, and back.
        tmux.keys(&["Enter"])?;
        tmux.wait("the detail view", 10, |s| {
            s.contains("editions") && s.contains("blue glacier")
        })?;
        tmux.keys(&["Escape", "f"])?;
        tmux.wait("favourites asking for an account", 10, |s| {
            s.contains("favourites need an account")
        })?;
        tmux.keys(&["q"])?;
        tmux.wait("a clean exit", 10, |s| s.contains("BROWSE-EXIT=0"))?;
        tmux.restored()
    })
    .await?
}
