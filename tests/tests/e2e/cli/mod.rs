//! The `artstation` CLI end to end: the real binary against a real `artstationd`, as a user
//! (or a script) would drive it, including credentials that persist across processes.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, Profile, bin_path, on_profile, png};
use serde_json::Value;

mod secret_service;
mod sessions;

/// Waits until the owner's `show` says each work's derivatives are made (an upload is
/// answered before), so the public lists that follow hold them.
fn wait_ready(cli: &Cli, ids: &[String]) -> Result<()> {
    artstation_tests::http::Api::wait_ready_blocking(ids, |id| {
        let out = cli.run(&["show", id, "--json"], "")?;
        ensure!(code(&out) == 0, "show {id}: {out:?}");
        json_of(&out.stdout)
    })
}

struct Cli {
    server: String,
    config: tempfile::TempDir,
}

impl Cli {
    fn new(daemon: &Daemon) -> Result<Self> {
        Ok(Self {
            server: daemon.gateway.clone(),
            config: tempfile::tempdir()?,
        })
    }

    fn command(&self, store: &str) -> Result<Command> {
        let mut cmd = Command::new(bin_path("artstation")?);
        cmd.env("ARTSTATION_SERVER", &self.server)
            .env("ARTSTATION_CREDENTIAL_STORE", store)
            .env("ARTSTATION_CONFIG_DIR", self.config.path())
            .env_remove("ARTSTATION_TOKEN")
            .env_remove("ARTSTATION_PROFILE");
        Ok(cmd)
    }

    fn run(&self, args: &[&str], stdin: &str) -> Result<Output> {
        let mut child = self
            .command("file")?
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut input) = child.stdin.take() {
            input.write_all(stdin.as_bytes())?;
        }
        Ok(child.wait_with_output()?)
    }
}

fn json_of(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes)
        .with_context(|| format!("not JSON: {}", String::from_utf8_lossy(bytes)))
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn register(cli: &Cli, name: &str, artist: bool) -> Result<()> {
    let email = format!("{name}@example.com");
    let mut args = vec![
        "register",
        "--email",
        &email,
        "--username",
        name,
        "--password-stdin",
        "--json",
    ];
    if artist {
        args.push("--artist");
    }
    let out = cli.run(&args, &format!("{PASSWORD}\n"))?;
    ensure!(code(&out) == 0, "register {name}: {out:?}");
    ensure!(json_of(&out.stdout)?["username"] == name);
    Ok(())
}

fn login(cli: &Cli, name: &str) -> Result<()> {
    let out = cli.run(
        &["login", "--login", name, "--password-stdin"],
        &format!("{PASSWORD}\n"),
    )?;
    ensure!(code(&out) == 0, "login {name}: {out:?}");
    Ok(())
}

fn write_png(dir: &Path, name: &str, seed: u8) -> Result<String> {
    let path = dir.join(name);
    std::fs::write(&path, png(64 + u32::from(seed), 64, seed))?;
    Ok(path.display().to_string())
}

/// Register, log in, upload, list and show, through the CLI only.
fn cli_story(daemon: &Daemon) -> Result<()> {
    let cli = Cli::new(daemon)?;
    let out = cli.run(&["whoami", "--json"], "")?;
    ensure!(code(&out) == 3 && out.stdout.is_empty(), "{out:?}");
    ensure!(json_of(&out.stderr)?["error"]["code"] == "not_authenticated");

    register(&cli, "carol", true)?;
    let out = cli.run(
        &["login", "--login", "carol", "--password-stdin"],
        "wrong password, surely\n",
    )?;
    ensure!(code(&out) == 3, "{out:?}");
    ensure!(String::from_utf8_lossy(&out.stderr).contains("invalid_credentials"));
    login(&cli, "carol@example.com")?;

    // A second process finds the stored session.
    let out = cli.run(&["whoami", "--json"], "")?;
    ensure!(code(&out) == 0, "{out:?}");
    let me = json_of(&out.stdout)?;
    ensure!(me["username"] == "carol" && me["role"] == "artist", "{me}");
    let out = cli.run(&["auth", "status", "--json"], "")?;
    let status = json_of(&out.stdout)?;
    ensure!(
        status["store"] == "file" && status["logged_in"] == true,
        "{status}"
    );

    let dir = tempfile::tempdir()?;
    let art = dir.path().join("art");
    std::fs::create_dir_all(&art)?;
    let sunrise = write_png(&art, "sunrise_over-sea.png", 1)?;
    write_png(&art, "noon.png", 2)?;
    std::fs::write(art.join("notes.txt"), "ignored: not an image name")?;
    let fake = dir.path().join("fake.png");
    std::fs::write(&fake, "text pretending to be a PNG")?;
    let fake = fake.display().to_string();
    let art_arg = art.display().to_string();

    let out = cli.run(
        &[
            "upload",
            &art_arg,
            &fake,
            "--price",
            "12.50",
            "--currency",
            "eur",
            "--tags",
            "sky,sea",
            "--json",
        ],
        "",
    )?;
    ensure!(code(&out) == 5, "partial failure must exit 5: {out:?}");
    let report = json_of(&out.stdout)?;
    let uploaded = report["uploaded"].as_array().context("uploaded")?;
    ensure!(uploaded.len() == 2, "{report}");
    ensure!(report["failed"][0]["path"] == fake.as_str(), "{report}");
    ensure!(
        report["failed"][0]["code"] == "unsupported_media_type",
        "{report}"
    );
    let sunrise_id = uploaded
        .iter()
        .find(|u| u["path"] == sunrise.as_str())
        .and_then(|u| u["id"].as_str())
        .context("sunrise id")?
        .to_owned();
    let ids: Vec<String> = uploaded
        .iter()
        .filter_map(|u| u["id"].as_str().map(str::to_owned))
        .collect();
    wait_ready(&cli, &ids)?;

    // Uploading the same folder again skips what is already there (by content, server-side).
    let out = cli.run(
        &[
            "upload",
            &art_arg,
            "--price",
            "12.50",
            "--currency",
            "EUR",
            "--json",
        ],
        "",
    )?;
    ensure!(code(&out) == 0, "{out:?}");
    let again = json_of(&out.stdout)?;
    ensure!(
        again["uploaded"].as_array().is_some_and(Vec::is_empty),
        "{again}"
    );
    ensure!(
        again["skipped"].as_array().map(Vec::len) == Some(2),
        "{again}"
    );

    let out = cli.run(&["show", &sunrise_id, "--json"], "")?;
    ensure!(code(&out) == 0, "{out:?}");
    let shown = json_of(&out.stdout)?;
    ensure!(shown["title"] == "sunrise over sea", "{shown}");
    ensure!(
        shown["price"]["amount_minor"] == 1250 && shown["price"]["currency"] == "EUR",
        "{shown}"
    );
    ensure!(
        shown["tags"] == serde_json::json!(["sky", "sea"]),
        "{shown}"
    );

    let out = cli.run(&["list", "--json", "--limit", "1"], "")?;
    ensure!(code(&out) == 0, "{out:?}");
    let page = json_of(&out.stdout)?;
    ensure!(
        page["items"].as_array().map(Vec::len) == Some(1) && page["next_cursor"].is_string(),
        "{page}"
    );

    let out = cli.run(
        &["show", "01a21c9f-0000-7000-8000-000000000000", "--json"],
        "",
    )?;
    ensure!(code(&out) == 4 && out.stdout.is_empty(), "{out:?}");
    ensure!(json_of(&out.stderr)?["error"]["code"] == "not_found");

    // A buyer is refused by the server, and the CLI says so with the server's code.
    let buyer = Cli::new(daemon)?;
    register(&buyer, "dave", false)?;
    login(&buyer, "dave")?;
    let out = buyer.run(&["upload", &sunrise, "--price", "1", "--json"], "")?;
    ensure!(code(&out) != 0, "{out:?}");
    ensure!(
        json_of(&out.stdout)?["failed"][0]["code"] == "forbidden",
        "{out:?}"
    );

    let out = cli.run(
        &["upload", &sunrise, "--price", "12.505", "--currency", "USD"],
        "",
    )?;
    ensure!(code(&out) == 2, "bad price is a usage error: {out:?}");

    let out = cli.run(&["logout"], "")?;
    ensure!(code(&out) == 0, "{out:?}");
    let out = cli.run(&["whoami", "--json"], "")?;
    ensure!(code(&out) == 3, "{out:?}");
    Ok(())
}

#[test]
fn cli_against_the_embedded_default() -> Result<()> {
    let daemon = Daemon::start()?;
    cli_story(&daemon)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_against_postgres() -> Result<()> {
    on_profile(Profile::POSTGRES, &[], |stack| async move {
        // The CLI runs as child processes and waits for them: off the runtime.
        tokio::task::spawn_blocking(move || cli_story(&stack.daemon)).await?
    })
    .await
}

/// The artist and buyer tools of the catalogue, through the CLI against a real server.
#[test]
fn cli_catalogue_commands() -> Result<()> {
    let daemon = Daemon::start()?;
    let artist = Cli::new(&daemon)?;
    let buyer = Cli::new(&daemon)?;
    register(&artist, "gus", true)?;
    login(&artist, "gus")?;
    register(&buyer, "hal", false)?;
    login(&buyer, "hal")?;
    let dir = tempfile::tempdir()?;
    let a = write_png(dir.path(), "quiet_harbour.png", 11)?;
    let b = write_png(dir.path(), "loud_city.png", 12)?;
    let out = artist.run(
        &[
            "upload",
            &a,
            &b,
            "--price",
            "10",
            "--currency",
            "EUR",
            "--draft",
            "--json",
        ],
        "",
    )?;
    ensure!(code(&out) == 0, "{out:?}");
    let report = json_of(&out.stdout)?;
    let id_of = |path: &str| -> Result<String> {
        report["uploaded"]
            .as_array()
            .and_then(|u| u.iter().find(|x| x["path"] == path))
            .and_then(|x| x["id"].as_str())
            .map(str::to_owned)
            .context("uploaded id")
    };
    let (harbour, city) = (id_of(&a)?, id_of(&b)?);
    wait_ready(&artist, &[harbour.clone(), city.clone()])?;

    let json_ok = |cli: &Cli, args: &[&str]| -> Result<Value> {
        let out = cli.run(args, "")?;
        ensure!(code(&out) == 0, "{args:?}: {out:?}");
        json_of(&out.stdout)
    };
    let shown = json_ok(
        &artist,
        &[
            "edit",
            &harbour,
            "--title",
            "Quiet harbour at dusk",
            "--tags",
            "sea,dusk",
            "--category",
            "painting",
            "--edition",
            "3",
            "--json",
        ],
    )?;
    ensure!(
        shown["title"] == "Quiet harbour at dusk" && shown["edition_size"] == 3,
        "{shown}"
    );
    json_ok(&artist, &["publish", &harbour, "--json"])?;
    json_ok(&artist, &["publish", &city, "--json"])?;
    let priced = json_ok(&artist, &["price", "set", &city, "25.50", "--json"])?;
    ensure!(
        priced["price"] == serde_json::json!({"amount_minor": 2550, "currency": "EUR"}),
        "{priced}"
    );
    let bulk = json_ok(
        &artist,
        &["price", "bulk", "--all", "--percent", "-10", "--json"],
    )?;
    ensure!(bulk["updated"] == 2, "{bulk}");

    let found = json_ok(&buyer, &["search", "harbour", "--json"])?;
    ensure!(
        found["items"][0]["id"] == harbour.as_str()
            && found["items"][0]["price"]["amount_minor"] == 900,
        "{found}"
    );
    let sorted = json_ok(&buyer, &["list", "--sort", "price-desc", "--json"])?;
    ensure!(sorted["items"][0]["id"] == city.as_str(), "{sorted}");
    let cheap = json_ok(
        &buyer,
        &["list", "--max-price", "10", "--currency", "EUR", "--json"],
    )?;
    ensure!(
        cheap["items"].as_array().map(Vec::len) == Some(1),
        "{cheap}"
    );

    let out = buyer.run(&["edit", &harbour, "--title", "stolen"], "")?;
    ensure!(
        code(&out) == 1 && String::from_utf8_lossy(&out.stderr).contains("forbidden"),
        "{out:?}"
    );

    json_ok(&buyer, &["fav", "add", &harbour, "--json"])?;
    json_ok(&buyer, &["fav", "add", &harbour, "--json"])?;
    let favs = json_ok(&buyer, &["fav", "list", "--json"])?;
    ensure!(
        favs["items"].as_array().map(Vec::len) == Some(1)
            && favs["items"][0]["favorite_count"] == 1,
        "{favs}"
    );
    json_ok(&buyer, &["fav", "rm", &harbour, "--json"])?;
    let favs = json_ok(&buyer, &["fav", "list", "--json"])?;
    ensure!(
        favs["items"].as_array().is_some_and(Vec::is_empty),
        "{favs}"
    );

    let out = artist.run(&["rm", &city], "")?;
    ensure!(code(&out) == 2, "rm without a TTY needs --yes: {out:?}");
    json_ok(&artist, &["rm", &city, "--yes", "--json"])?;
    let out = buyer.run(&["show", &city, "--json"], "")?;
    ensure!(code(&out) == 4, "{out:?}");
    Ok(())
}
