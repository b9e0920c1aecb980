//! `artstation doctor` against a real `artstationd`: every check passes for a fresh login, a
//! credential file others can read fails naming it, and an unreachable server fails the server
//! check and skips what needs it.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, bin_path};
use serde_json::Value;

fn artstation(
    config: &std::path::Path,
    server: &str,
    args: &[&str],
    stdin: &str,
) -> Result<Output> {
    let mut child = Command::new(bin_path("artstation")?)
        .env("ARTSTATION_SERVER", server)
        .env("ARTSTATION_CREDENTIAL_STORE", "file")
        .env("ARTSTATION_CONFIG_DIR", config)
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

fn show(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The check called `name` of a `doctor --json` document.
fn check<'a>(doc: &'a Value, name: &str) -> Result<&'a Value> {
    doc["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == name))
        .with_context(|| format!("no {name} check in {doc}"))
}

#[test]
fn cli_doctor_explains_the_setup() -> Result<()> {
    let daemon = Daemon::start()?;
    let config = tempfile::tempdir()?;
    let dir = config.path().join("cfg");
    let run = |server: &str, args: &[&str], stdin: &str| artstation(&dir, server, args, stdin);
    let gw = daemon.gateway.as_str();
    let password = format!("{PASSWORD}\n");
    let register = [
        "register",
        "--email",
        "dora@example.com",
        "--username",
        "dora",
        "--password-stdin",
    ];
    ensure!(run(gw, &register, &password)?.status.success());
    let out = run(
        gw,
        &["login", "--login", "dora", "--password-stdin"],
        &password,
    )?;
    ensure!(out.status.success(), "{}", show(&out));

    let out = run(gw, &["doctor", "--json"], "")?;
    ensure!(out.status.code() == Some(0), "{}", show(&out));
    let doc: Value = serde_json::from_slice(&out.stdout)?;
    ensure!(doc["ok"] == true, "{doc}");
    let server = check(&doc, "server")?;
    ensure!(
        server["status"] == "ok" && server["details"]["http_status"] == 200,
        "{server}"
    );
    let clock = check(&doc, "clock")?;
    let skew = clock["details"]["skew_seconds"].as_i64().context("skew")?;
    ensure!(clock["status"] == "ok" && skew.abs() <= 2, "{clock}");
    let session = check(&doc, "session")?;
    ensure!(
        session["status"] == "ok" && session["details"]["username"] == "dora",
        "{session}"
    );
    let store = check(&doc, "credentials")?;
    ensure!(
        store["details"]["store"] == "file" && store["status"] == "ok",
        "{store}"
    );
    ensure!(check(&doc, "permissions")?["status"] == "ok", "{doc}");
    ensure!(
        check(&doc, "terminal")?["details"]["stdout_tty"] == false,
        "{doc}"
    );

    // For people: one line per check.
    let out = run(gw, &["doctor"], "")?;
    let text = String::from_utf8_lossy(&out.stdout);
    ensure!(
        out.status.success() && text.lines().any(|l| l.starts_with("ok    server")),
        "{}",
        show(&out)
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let file = dir.join("credentials.json");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))?;
        let out = run(gw, &["doctor", "--json"], "")?;
        ensure!(out.status.code() == Some(1), "{}", show(&out));
        let doc: Value = serde_json::from_slice(&out.stdout)?;
        let perms = check(&doc, "permissions")?;
        ensure!(
            perms["status"] == "fail"
                && perms["summary"]
                    .as_str()
                    .is_some_and(|s| s.contains("credentials.json") && s.contains("0644"))
                && perms["hint"]
                    .as_str()
                    .is_some_and(|h| h.starts_with("chmod 600")),
            "{perms}"
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
    }

    let out = run("http://127.0.0.1:9", &["doctor", "--json"], "")?;
    ensure!(out.status.code() == Some(1), "{}", show(&out));
    let doc: Value = serde_json::from_slice(&out.stdout)?;
    ensure!(
        check(&doc, "server")?["status"] == "fail"
            && check(&doc, "clock")?["status"] == "skip"
            && check(&doc, "session")?["status"] == "skip"
            && doc["ok"] == false,
        "{doc}"
    );
    let err: Value = serde_json::from_slice(&out.stderr)?;
    ensure!(err["error"]["code"] == "doctor_failed", "{err}");
    Ok(())
}
