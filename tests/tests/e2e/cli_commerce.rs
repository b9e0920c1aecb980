//! Buying through the `artstation` CLI end to end: the real binary against a real
//! `artstationd` — top-up, buy, library, a verified download, the licence certificate saved and
//! verified (also offline with a key file, and a tampered copy refused), refund, and access
//! ending with it.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, bin_path, png};
use serde_json::Value;

/// One user's CLI: its own config dir, so its session and key cache are its own.
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

    fn run_on(&self, server: &str, args: &[&str], stdin: &str) -> Result<Output> {
        let mut child = Command::new(bin_path("artstation")?)
            .env("ARTSTATION_SERVER", server)
            .env("ARTSTATION_CREDENTIAL_STORE", "file")
            .env("ARTSTATION_CONFIG_DIR", self.config.path())
            .env_remove("ARTSTATION_TOKEN")
            .env_remove("ARTSTATION_PROFILE")
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

    fn run(&self, args: &[&str]) -> Result<Output> {
        self.run_on(&self.server, args, "")
    }

    /// A `--json` command that must succeed: its document.
    fn json(&self, args: &[&str]) -> Result<Value> {
        let mut args = args.to_vec();
        args.push("--json");
        let out = self.run(&args)?;
        ensure!(code(&out) == 0, "{args:?}: {out:?}");
        json_of(&out.stdout)
    }

    fn join(&self, name: &str, artist: bool) -> Result<()> {
        let email = format!("{name}@example.com");
        let mut args = vec![
            "register",
            "--email",
            &email,
            "--username",
            name,
            "--password-stdin",
        ];
        if artist {
            args.push("--artist");
        }
        let out = self.run_on(&self.server, &args, &format!("{PASSWORD}\n"))?;
        ensure!(code(&out) == 0, "register {name}: {out:?}");
        let login = ["login", "--login", name, "--password-stdin"];
        let out = self.run_on(&self.server, &login, &format!("{PASSWORD}\n"))?;
        ensure!(code(&out) == 0, "login {name}: {out:?}");
        Ok(())
    }
}

fn json_of(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes)
        .with_context(|| format!("not JSON: {}", String::from_utf8_lossy(bytes)))
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The certificate with one character of its payload changed.
fn tampered(certificate: &str) -> Result<String> {
    let mut parts: Vec<String> = certificate.split('.').map(str::to_owned).collect();
    ensure!(parts.len() == 3, "not a compact JWS: {certificate}");
    let payload = parts[1].clone();
    let mid = payload.len() / 2;
    let old = payload.as_bytes()[mid];
    let new = if old == b'A' { 'B' } else { 'A' };
    parts[1] = format!("{}{new}{}", &payload[..mid], &payload[mid + 1..]);
    Ok(parts.join("."))
}

fn path_arg(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn cli_commerce_buy_download_licence_refund() -> Result<()> {
    let daemon = Daemon::start()?;
    let artist = Cli::new(&daemon)?;
    let buyer = Cli::new(&daemon)?;
    artist.join("mina", true)?;
    buyer.join("otto", false)?;

    let dir = tempfile::tempdir()?;
    let image = dir.path().join("tidal_pools.png");
    let original = png(80, 64, 7);
    std::fs::write(&image, &original)?;
    let report = artist.json(&[
        "upload",
        &path_arg(&image),
        "--price",
        "12.50",
        "--currency",
        "EUR",
        "--edition",
        "5",
    ])?;
    let id = report["uploaded"][0]["id"]
        .as_str()
        .context("uploaded id")?
        .to_owned();
    // Buyers see the work once its derivatives are made.
    artstation_tests::http::Api::wait_ready_blocking(std::slice::from_ref(&id), |id| {
        artist.json(&["show", id])
    })?;

    // Scripts must say --yes; an empty wallet is a clear 402.
    let out = buyer.run(&["buy", &id])?;
    ensure!(code(&out) == 2 && stderr(&out).contains("--yes"), "{out:?}");
    let out = buyer.run(&["buy", &id, "--yes", "--json"])?;
    ensure!(code(&out) == 1 && out.stdout.is_empty(), "{out:?}");
    ensure!(
        json_of(&out.stderr)?["error"]["code"] == "payment_required",
        "{out:?}"
    );

    let wallet = buyer.json(&["wallet", "topup", "20", "--currency", "eur"])?;
    ensure!(
        wallet["balances"] == serde_json::json!([{"amount_minor": 2000, "currency": "EUR"}]),
        "{wallet}"
    );
    let out = buyer.run(&["buy", &id, "--yes", "--expected-price", "9.99"])?;
    ensure!(
        code(&out) == 1 && stderr(&out).contains("price_changed"),
        "{out:?}"
    );

    let order = buyer.json(&["buy", &id, "--yes", "--expected-price", "12.50"])?;
    ensure!(
        order["status"] == "paid"
            && order["serial"] == 1
            && order["edition_size"] == 5
            && order["artwork_id"] == id.as_str()
            && order["price"]["amount_minor"] == 1250,
        "{order}"
    );
    let order_id = order["id"].as_str().context("order id")?.to_owned();
    let wallet = buyer.json(&["wallet"])?;
    ensure!(wallet["balances"][0]["amount_minor"] == 750, "{wallet}");

    let library = buyer.json(&["library", "--limit", "10"])?;
    ensure!(library["items"][0]["id"] == order_id.as_str(), "{library}");

    // The original, checked against the certificate's SHA-256; never overwritten silently.
    let saved = dir.path().join("bought.png");
    let done = buyer.json(&["download", &id, "-o", &path_arg(&saved)])?;
    ensure!(std::fs::read(&saved)? == original, "the download differs");
    ensure!(done["verified_against"] == "licence certificate", "{done}");
    let out = buyer.run(&["download", &id, "-o", &path_arg(&saved)])?;
    ensure!(
        code(&out) == 1 && stderr(&out).contains("--force"),
        "{out:?}"
    );
    buyer.json(&["download", &id, "-o", &path_arg(&saved), "--force"])?;
    // The owner's copy is checked against the artwork document.
    let own = dir.path().join("own.png");
    let done = artist.json(&["download", &id, "-o", &path_arg(&own)])?;
    ensure!(done["verified_against"] == "artwork document", "{done}");

    let cert = dir.path().join("cert.jws");
    let doc = buyer.json(&["licence", "show", &order_id, "-o", &path_arg(&cert)])?;
    ensure!(doc["revoked"] == false, "{doc}");
    let certificate = std::fs::read_to_string(&cert)?;
    ensure!(
        certificate == doc["certificate"],
        "the file is not the certificate"
    );
    let verified = buyer.json(&["licence", "verify", &path_arg(&cert)])?;
    ensure!(
        verified["valid"] == true
            && verified["revoked"] == false
            && verified["claims"]["order_id"] == order_id.as_str()
            && verified["claims"]["serial"] == 1,
        "{verified}"
    );

    // For people: the claims in words, tab-separated when piped.
    let out = buyer.run(&["licence", "show", &order_id])?;
    let text = String::from_utf8_lossy(&out.stdout);
    ensure!(
        code(&out) == 0
            && text.contains("edition\tserial 1 of 5")
            && text.contains("signature\tvalid")
            && text.contains("status\tactive"),
        "{out:?}"
    );
    let out = buyer.run(&["library"])?;
    ensure!(
        code(&out) == 0 && String::from_utf8_lossy(&out.stdout).contains(&order_id),
        "{out:?}"
    );

    // Offline, with the keys as a file: valid, revocation unknown.
    let cache = buyer.config.path().join("licence-keys");
    let key = std::fs::read_dir(&cache)?
        .next()
        .context("no cached licence keys")??
        .path();
    let offline = [
        "licence",
        "verify",
        &path_arg(&cert),
        "--key",
        &path_arg(&key),
        "--json",
    ];
    let out = buyer.run_on("http://127.0.0.1:9", &offline, "")?;
    ensure!(code(&out) == 0, "{out:?}");
    ensure!(json_of(&out.stdout)?["revoked"].is_null(), "{out:?}");

    let forged = dir.path().join("forged.jws");
    std::fs::write(&forged, tampered(&certificate)?)?;
    let out = buyer.run(&["licence", "verify", &path_arg(&forged), "--json"])?;
    ensure!(code(&out) == 1 && out.stdout.is_empty(), "{out:?}");
    ensure!(
        json_of(&out.stderr)?["error"]["code"] == "invalid_licence",
        "{out:?}"
    );

    let sales = artist.json(&["sales"])?;
    ensure!(
        sales["items"][0]["id"] == order_id.as_str() && sales["earnings"][0]["currency"] == "EUR",
        "{sales}"
    );

    let out = buyer.run(&["refund", &order_id])?;
    ensure!(code(&out) == 2, "refund without a TTY needs --yes: {out:?}");
    let refunded = buyer.json(&["refund", &order_id, "--yes"])?;
    ensure!(refunded["status"] == "refunded", "{refunded}");
    let wallet = buyer.json(&["wallet"])?;
    ensure!(wallet["balances"][0]["amount_minor"] == 2000, "{wallet}");

    let out = buyer.run(&["licence", "verify", &path_arg(&cert)])?;
    ensure!(
        code(&out) == 1 && stderr(&out).contains("revoked"),
        "{out:?}"
    );
    let after = dir.path().join("after.png");
    let out = buyer.run(&["download", &id, "-o", &path_arg(&after)])?;
    ensure!(
        matches!(code(&out), 1 | 3) && stderr(&out).contains("forbidden"),
        "{out:?}"
    );
    ensure!(!after.exists(), "a refused download left a file");
    Ok(())
}
