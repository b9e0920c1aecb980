//! The gateway's `/openapi.json` against the real gateway it describes: Schemathesis
//! (property-based, from PyPI) generates requests for every documented operation — anonymous,
//! as a buyer and as an artist, with data behind them (an upload, a favourite) — and fails on
//! any 5xx and on any answer whose body breaks the documented schema.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::{Daemon, png};
use reqwest::StatusCode;
use serde_json::json;

/// Bounds per run (three runs): small, so the whole test takes two to three minutes.
const MAX_EXAMPLES: &str = "6";
const MAX_SECONDS: &str = "35";

/// `st` from `ARTSTATION_SCHEMATHESIS_BIN`, else installed (once, cached) by the script CI uses.
fn schemathesis() -> Result<PathBuf> {
    if let Some(bin) = std::env::var_os("ARTSTATION_SCHEMATHESIS_BIN") {
        return Ok(bin.into());
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/install-schemathesis");
    let out = Command::new(&script)
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    ensure!(
        out.status.success(),
        "{} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?.trim().into())
}

/// One bounded Schemathesis run as `who`; its report on failure.
fn run(st: &Path, gateway: &str, who: &str, token: Option<&str>) -> Result<()> {
    let mut cmd = Command::new(st);
    cmd.arg("run")
        .arg(format!("{gateway}/openapi.json"))
        .args(["--checks", "not_a_server_error,response_schema_conformance"])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", MAX_EXAMPLES, "--max-time", MAX_SECONDS])
        // One worker: Hypothesis's lambda introspection is not thread-safe (a run with two
        // failed once on "AST constructor recursion depth mismatch", an error of its own).
        .args(["--workers", "1", "--request-timeout", "20"])
        .args(["--generation-database", "none", "--no-color"]);
    if let Some(token) = token {
        cmd.args(["-H", &format!("Authorization: Bearer {token}")])
            // Ending the session or changing the password would sign the rest of the run out;
            // the anonymous run covers both.
            .args(["--exclude-operation-id", "logout"])
            .args(["--exclude-operation-id", "change_password"]);
    }
    // Schemathesis keeps a `.schemathesis/` cache in its working directory: not in the repo.
    let scratch = tempfile::tempdir()?;
    let out = cmd
        .current_dir(scratch.path())
        .output()
        .with_context(|| format!("running {}", st.display()))?;
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("== schemathesis as {who}\n{report}");
    if !out.status.success() {
        bail!(
            "schemathesis as {who} found problems ({}):\n{report}",
            out.status
        );
    }
    Ok(())
}

#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_schema_violation() -> Result<()> {
    let st = schemathesis()?;
    // The fuzzer's pace is not abuse: rate limits off, so answers are what a route really does.
    let mut daemon = Daemon::start_with(&[
        ("ARTSTATION_GATEWAY_RATE_LIMIT_USER", "0"),
        ("ARTSTATION_GATEWAY_RATE_LIMIT_ADDRESS", "0"),
    ])?;
    let api = Api::new(&daemon.gateway);
    api.register("bea", "buyer").await?;
    api.register("ada", "artist").await?;
    let buyer = access_token(&api.login("bea").await?)?;
    let artist = access_token(&api.login("ada").await?)?;
    let meta = json!({"title": "Dawn", "tags": ["sky"],
                      "price": {"amount_minor": 1250, "currency": "USD"}});
    let (s, art) = api
        .upload(&artist, meta, png(96, 80, 7), "dawn.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {art}");
    let id = art["id"].as_str().context("no artwork id")?;
    let fav = api
        .http
        .put(format!("{}/v1/artworks/{id}/favorite", api.base))
        .bearer_auth(&buyer);
    let (s, b) = api.send(fav).await?;
    ensure!(s == StatusCode::NO_CONTENT, "favourite: {s} {b}");

    let gateway = daemon.gateway.clone();
    let runs = tokio::task::spawn_blocking(move || -> Result<()> {
        run(&st, &gateway, "anonymous", None)?;
        run(&st, &gateway, "buyer", Some(&buyer))?;
        run(&st, &gateway, "artist", Some(&artist))
    })
    .await?;
    ensure!(
        daemon.terminate()?.success(),
        "artstationd did not stop cleanly"
    );
    runs
}
