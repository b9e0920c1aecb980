//! CLI sessions across processes: the keyring store, transparent refresh, `passwd`,
//! `logout --all`, and parallel commands sharing one refresh.

use std::process::{Command, Stdio};

use anyhow::{Context, Result, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, bin_path};

use super::{Cli, code, json_of, login, register};

/// Inside a session keyring (as a login creates), the kernel keyutils store keeps the session:
/// a token stored by one process is read by the next, and nothing is written to the file store.
#[test]
fn keyring_sessions_survive_across_processes() -> Result<()> {
    let keyctl = Command::new("keyctl").arg("--version").output();
    ensure!(
        keyctl.is_ok(),
        "keyctl (Debian package keyutils) is required for this test; scripts/test installs it"
    );
    let daemon = Daemon::start()?;
    let cli = Cli::new(&daemon)?;
    register(&cli, "erin", true)?;
    let bin = bin_path("artstation")?;
    let bin = bin.display();
    let script = format!(
        "printf '%s\\n' '{PASSWORD}' | '{bin}' login --login erin --password-stdin && \
         '{bin}' auth status --json > status.json && '{bin}' whoami --json > me.json"
    );
    let out = Command::new("keyctl")
        .args(["session", "-", "sh", "-c", &script])
        .current_dir(cli.config.path())
        .env("ARTSTATION_SERVER", &cli.server)
        .env("ARTSTATION_CREDENTIAL_STORE", "keyring")
        .env("ARTSTATION_CONFIG_DIR", cli.config.path())
        .env_remove("ARTSTATION_TOKEN")
        .output()?;
    ensure!(code(&out) == 0, "{out:?}");
    let status = json_of(&std::fs::read(cli.config.path().join("status.json"))?)?;
    ensure!(
        status["store"] == "keyring" && status["logged_in"] == true,
        "{status}"
    );
    let me = json_of(&std::fs::read(cli.config.path().join("me.json"))?)?;
    ensure!(me["username"] == "erin", "{me}");
    ensure!(
        !cli.config.path().join("credentials.json").exists(),
        "nothing may leak to the file store"
    );
    Ok(())
}

fn stored_refresh_token(cli: &Cli) -> Result<String> {
    let stored = json_of(&std::fs::read(cli.config.path().join("credentials.json"))?)?;
    let account = format!("default@{}", cli.server);
    stored["credentials"][&account]["refresh_token"]
        .as_str()
        .map(str::to_owned)
        .context("no stored refresh token")
}

/// Sessions from the CLI: transparent refresh, `passwd`, `logout --all`.
#[test]
fn cli_sessions_refresh_and_end_everywhere() -> Result<()> {
    // One-second access tokens: every command finds its token expired and must refresh.
    let daemon = Daemon::start_with(&[("ARTSTATION_ACCESS_TOKEN_TTL", "1")])?;
    let laptop = Cli::new(&daemon)?;
    let phone = Cli::new(&daemon)?;
    register(&laptop, "fay", false)?;
    login(&laptop, "fay")?;
    login(&phone, "fay")?;

    let before = stored_refresh_token(&laptop)?;
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = laptop.run(&["whoami", "--json"], "")?;
    ensure!(code(&out) == 0, "{out:?}");
    ensure!(
        stored_refresh_token(&laptop)? != before,
        "whoami did not refresh transparently"
    );
    let out = laptop.run(&["auth", "token"], "")?;
    ensure!(code(&out) == 0 && out.stdout.starts_with(b"ey"), "{out:?}");

    let new = "tangerine dusk over Lisbon harbour";
    let out = laptop.run(
        &["passwd", "--password-stdin"],
        &format!("{PASSWORD}\n{new}\n"),
    )?;
    ensure!(code(&out) == 0, "{out:?}");
    ensure!(
        laptop.run(&["whoami"], "")?.status.success(),
        "passwd logged this session out"
    );
    let out = phone.run(&["whoami", "--json"], "")?;
    ensure!(
        code(&out) == 3,
        "the other session survived a password change: {out:?}"
    );
    let out = phone.run(
        &["login", "--login", "fay", "--password-stdin"],
        &format!("{new}\n"),
    )?;
    ensure!(code(&out) == 0, "{out:?}");

    let out = laptop.run(&["logout", "--all"], "")?;
    ensure!(code(&out) == 0, "{out:?}");
    ensure!(code(&laptop.run(&["whoami"], "")?) == 3);
    ensure!(
        code(&phone.run(&["whoami"], "")?) == 3,
        "logout --all left the phone logged in"
    );
    Ok(())
}

/// Several commands of one session refreshing at once (a script running `artstation` in
/// parallel): one refreshes, the others take its new pair, and reuse detection, which ends the
/// whole session when a spent refresh token comes back, is never tripped.
#[test]
fn parallel_commands_share_one_refresh() -> Result<()> {
    let daemon = Daemon::start_with(&[("ARTSTATION_ACCESS_TOKEN_TTL", "1")])?;
    let cli = Cli::new(&daemon)?;
    register(&cli, "gil", false)?;
    login(&cli, "gil")?;
    for round in 0..3 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let children = (0..4)
            .map(|_| {
                cli.command("file")?
                    .args(["whoami", "--json"])
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .context("spawning artstation")
            })
            .collect::<Result<Vec<_>>>()?;
        for child in children {
            let out = child.wait_with_output()?;
            ensure!(code(&out) == 0, "round {round}: {out:?}");
        }
    }
    Ok(())
}
