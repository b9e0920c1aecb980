//! Input at the edges of what the stores accept: control characters (PostgreSQL cannot hold
//! NUL) are refused as validation errors naming the field, and the files holding accounts and
//! signing keys are readable by their owner only.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use anyhow::{Context, Result, ensure};
use artstation_tests::http::{Api, access_token, code};
use artstation_tests::{Daemon, Profile, bin_path, on_profile, png};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A 400 `validation_failed` whose field ends with `field` (uploads prefix `metadata.`).
fn ensure_refused(what: &str, field: &str, (s, b): (StatusCode, Value)) -> Result<()> {
    ensure!(
        s == StatusCode::BAD_REQUEST
            && code(&b) == "validation_failed"
            && b["field"].as_str().is_some_and(|f| f.ends_with(field)),
        "{what}: expected 400 validation_failed on {field}, got {s} {b}"
    );
    Ok(())
}

fn meta(description: &str) -> Value {
    json!({
        "title": "Dawn",
        "description": description,
        "price": {"amount_minor": 1250, "currency": "USD"},
    })
}

#[tokio::test]
async fn control_characters_are_refused_on_postgres() -> Result<()> {
    on_profile(Profile::POSTGRES, &[], |stack| async move {
        let mut daemon = stack.daemon;
        let api = Api::new(&daemon.gateway);
        api.register("ann", "artist").await?;
        let token = access_token(&api.login("ann").await?)?;

        ensure_refused("q", "q", api.get("/v1/artworks?q=%00", None).await?)?;
        ensure_refused(
            "artist",
            "artist",
            api.get("/v1/artworks?artist=a%00b", None).await?,
        )?;
        ensure_refused("login", "login", api.login_with("an\u{0}n", "x").await?)?;
        ensure_refused(
            "upload",
            "description",
            api.upload_ready(&token, meta("a\u{0}b"), png(96, 80, 1), "a.png")
                .await?,
        )?;

        let (s, art) = api
            .upload_ready(&token, meta("line one\nline two"), png(96, 80, 2), "b.png")
            .await?;
        ensure!(s == StatusCode::CREATED, "upload: {s} {art}");
        let id = art["id"].as_str().context("no artwork id")?;
        let edit = api
            .http
            .patch(format!("{}/v1/artworks/{id}", api.base))
            .bearer_auth(&token)
            .json(&json!({"description": "a\u{0}b"}));
        ensure_refused("edit", "description", api.send(edit).await?)?;
        let (s, b) = api.get("/v1/artworks?q=dawn", None).await?;
        ensure!(s == StatusCode::OK, "search after refusals: {s} {b}");
        ensure!(daemon.terminate()?.success());
        Ok(())
    })
    .await
}

/// No bit for group or others.
fn ensure_owner_only(path: &Path) -> Result<()> {
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
    ensure!(
        mode & 0o077 == 0,
        "{} is {mode:o}, expected owner-only",
        path.display()
    );
    Ok(())
}

fn ensure_databases_owner_only(dir: &Path) -> Result<usize> {
    let mut seen = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with(".db") || name.ends_with(".db-wal") || name.ends_with(".db-shm") {
            ensure_owner_only(&path)?;
            seen += 1;
        }
    }
    Ok(seen)
}

#[test]
fn data_dir_and_databases_are_owner_only() -> Result<()> {
    let daemon = Daemon::start()?;
    ensure_owner_only(daemon.data_dir.path())?;
    // The roles open their databases once listening: wait for all three.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while ensure_databases_owner_only(daemon.data_dir.path())? < 3 {
        ensure!(
            std::time::Instant::now() < deadline,
            "the daemon created no SQLite databases"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(daemon);

    // A data dir the daemon creates itself.
    let parent = tempfile::tempdir()?;
    let dir = parent.path().join("fresh");
    let out = std::process::Command::new(bin_path("artstationd")?)
        .arg("--data-dir")
        .arg(&dir)
        .arg("migrate")
        .env("ARTSTATION_LOG", "warn")
        .output()?;
    ensure!(
        out.status.success(),
        "migrate: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    ensure_owner_only(&dir)?;
    let seen = ensure_databases_owner_only(&dir)?;
    ensure!(
        seen >= 2,
        "expected SQLite databases in {}, saw {seen}",
        dir.display()
    );
    Ok(())
}
