//! The desktop keyring: inside a D-Bus session with GNOME Keyring unlocked (as a desktop login
//! leaves it), the CLI keeps its session in the Secret Service, ahead of kernel keyutils (whose
//! keys vanish at logout) and of the file; without one it says why and falls back at once.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, ensure};
use artstation_tests::http::PASSWORD;
use artstation_tests::{Daemon, bin_path};
use serde_json::Value;

use super::{Cli, code, json_of, register};

const TOOLS: [(&str, &str); 4] = [
    ("dbus-run-session", "dbus-daemon"),
    ("gnome-keyring-daemon", "gnome-keyring"),
    ("secret-tool", "libsecret-tools"),
    ("keyctl", "keyutils"),
];

/// The tools the test drives; scripts/test installs them, and a missing one is a failure.
fn tools_present() -> Result<()> {
    let missing: Vec<String> = TOOLS
        .iter()
        .filter(|(tool, _)| {
            !Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|(tool, package)| format!("{tool} (Debian package {package})"))
        .collect();
    anyhow::ensure!(
        missing.is_empty(),
        "missing {}; scripts/test installs them",
        missing.join(", ")
    );
    Ok(())
}

/// A private home and runtime directory, so the keyring daemon's files stay in the test's tree.
fn desktop_env(cmd: &mut Command, server: &str, config: &Path, home: &Path) -> Result<()> {
    let runtime = home.join("run");
    std::fs::create_dir_all(&runtime)?;
    std::fs::create_dir_all(home.join("data"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))?;
    }
    cmd.current_dir(config)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("ARTSTATION_SERVER", server)
        .env("ARTSTATION_CONFIG_DIR", config)
        .env("ARTSTATION_BIN", bin_path("artstation")?)
        .env("ARTSTATION_TEST_PASSWORD", PASSWORD)
        .env_remove("ARTSTATION_CREDENTIAL_STORE")
        .env_remove("ARTSTATION_TOKEN")
        .env_remove("ARTSTATION_PROFILE")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    Ok(())
}

fn read(dir: &Path, name: &str) -> Result<String> {
    std::fs::read_to_string(dir.join(name)).with_context(|| format!("reading {name}"))
}

/// Logged in on a desktop session, the token is an item of the Secret Service (found by
/// `secret-tool` under service `artstation`), a second process reads it back, nothing goes to
/// the kernel keyring or the file, `doctor` names the store, and `logout` removes the item.
#[test]
fn desktop_sessions_go_to_the_secret_service() -> Result<()> {
    tools_present()?;
    let daemon = Daemon::start()?;
    let cli = Cli::new(&daemon)?;
    register(&cli, "ivy", true)?;
    let home = tempfile::tempdir()?;
    // The keyring daemon is started and unlocked (empty password on stdin, as PAM does at a
    // desktop login) before any CLI call, inside a fresh session keyring too, so keyutils would
    // work as well: the Secret Service must win on its merits.
    let script = r#"
        set -e
        eval "$(echo '' | gnome-keyring-daemon --unlock --components=secrets)"
        printf '%s\n' "$ARTSTATION_TEST_PASSWORD" | "$ARTSTATION_BIN" login --login ivy --password-stdin
        "$ARTSTATION_BIN" auth status --json > status.json
        "$ARTSTATION_BIN" whoami --json > me.json
        "$ARTSTATION_BIN" doctor --json > doctor.json || true
        secret-tool search --all service artstation > search.txt 2>&1
        keyctl show @s > keyutils.txt
        "$ARTSTATION_BIN" logout
        secret-tool search --all service artstation > after.txt 2>&1 || true
    "#;
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", "keyctl", "session", "-", "sh", "-c", script]);
    desktop_env(&mut cmd, &cli.server, cli.config.path(), home.path())?;
    let out = cmd.output()?;
    ensure!(code(&out) == 0, "{out:?}");
    let dir = cli.config.path();

    let status = json_of(read(dir, "status.json")?.as_bytes())?;
    ensure!(
        status["store"] == "keyring"
            && status["logged_in"] == true
            && status["store_detail"]
                .as_str()
                .is_some_and(|d| d.contains("Secret Service")),
        "{status}"
    );
    let me = json_of(read(dir, "me.json")?.as_bytes())?;
    ensure!(me["username"] == "ivy", "{me}");
    let doctor = json_of(read(dir, "doctor.json")?.as_bytes())?;
    let store_check = doctor["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|c| c["name"] == "credentials"))
        .context("doctor has no credentials check")?;
    ensure!(
        store_check["details"]["backend"] == "secret-service"
            && store_check["details"]["passed_over"] == serde_json::json!([]),
        "{store_check}"
    );

    let search = read(dir, "search.txt")?;
    let account = format!("attribute.username = default@{}", cli.server);
    ensure!(
        search.contains(&account) && search.contains("\"access_token\""),
        "the Secret Service holds no session item for {account}:\n{search}"
    );
    // The per-user persistent keyring linked into every session may hold other tests' sessions:
    // only this server's entry counts.
    let this_session = format!("default@{}", cli.server);
    let keyutils = read(dir, "keyutils.txt")?;
    ensure!(
        !keyutils.contains(&this_session),
        "the session also went to kernel keyutils:\n{keyutils}"
    );
    ensure!(
        !dir.join("credentials.json").exists(),
        "nothing may leak to the file store"
    );
    let after = read(dir, "after.txt")?;
    ensure!(
        !after.contains("attribute.service = artstation"),
        "logout left the item behind:\n{after}"
    );
    Ok(())
}

/// No session bus, or a bus whose Secret Service has no keyring to write to: another store is
/// chosen and `doctor` says why the Secret Service was passed over.
#[test]
fn without_a_usable_secret_service_the_fallback_says_why() -> Result<()> {
    tools_present()?;
    // Only the store is looked at: the server may as well be unreachable.
    let config = tempfile::tempdir()?;
    let home = tempfile::tempdir()?;

    let doctor = |cmd: &mut Command| -> Result<Value> {
        desktop_env(cmd, "http://127.0.0.1:9", config.path(), home.path())?;
        let out = cmd.output()?;
        let report = json_of(&out.stdout).with_context(|| format!("{out:?}"))?;
        report["checks"]
            .as_array()
            .and_then(|checks| checks.iter().find(|c| c["name"] == "credentials"))
            .cloned()
            .context("doctor has no credentials check")
    };

    // No bus at all: XDG_RUNTIME_DIR is an empty directory and the address is unset.
    let bin = bin_path("artstation")?;
    let mut no_bus = Command::new(&bin);
    no_bus.args(["doctor", "--json"]);
    let check = doctor(&mut no_bus)?;
    ensure!(check["details"]["backend"] != "secret-service", "{check}");
    let first = check["details"]["passed_over"][0].as_str().unwrap_or("");
    ensure!(
        first.starts_with("Secret Service: no D-Bus session bus"),
        "{check}"
    );

    // A bus, but no unlocked keyring (D-Bus may activate gnome-keyring, which has none here).
    let mut bare_bus = Command::new("dbus-run-session");
    bare_bus.arg("--").arg(&bin).args(["doctor", "--json"]);
    let check = doctor(&mut bare_bus)?;
    ensure!(check["details"]["backend"] != "secret-service", "{check}");
    let first = check["details"]["passed_over"][0].as_str().unwrap_or("");
    ensure!(first.starts_with("Secret Service: "), "{check}");
    Ok(())
}

/// A session kept in kernel keyutils (by an earlier version, or a login without the desktop's
/// keyring) is moved into the Secret Service at its first use there: not lost, not left behind.
#[test]
fn a_keyutils_session_moves_to_the_secret_service() -> Result<()> {
    tools_present()?;
    let daemon = Daemon::start()?;
    let cli = Cli::new(&daemon)?;
    register(&cli, "jay", false)?;
    let home = tempfile::tempdir()?;
    // The first two calls see no bus (an empty address and no socket in XDG_RUNTIME_DIR).
    let script = r#"
        set -e
        printf '%s\n' "$ARTSTATION_TEST_PASSWORD" | DBUS_SESSION_BUS_ADDRESS= "$ARTSTATION_BIN" login --login jay --password-stdin
        DBUS_SESSION_BUS_ADDRESS= "$ARTSTATION_BIN" auth status --json > before.json
        keyctl show @s > keyutils-before.txt
        eval "$(echo '' | gnome-keyring-daemon --unlock --components=secrets)"
        "$ARTSTATION_BIN" whoami --json > me.json
        "$ARTSTATION_BIN" auth status --json > after.json
        secret-tool search --all service artstation > search.txt 2>&1
        keyctl show @s > keyutils-after.txt
    "#;
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", "keyctl", "session", "-", "sh", "-c", script]);
    desktop_env(&mut cmd, &cli.server, cli.config.path(), home.path())?;
    let out = cmd.output()?;
    ensure!(code(&out) == 0, "{out:?}");
    let dir = cli.config.path();

    let before = json_of(read(dir, "before.json")?.as_bytes())?;
    ensure!(
        before["store_detail"]
            .as_str()
            .is_some_and(|d| d.contains("keyutils")),
        "{before}"
    );
    let this_session = format!("default@{}", cli.server);
    ensure!(read(dir, "keyutils-before.txt")?.contains(&this_session));
    let me = json_of(read(dir, "me.json")?.as_bytes())?;
    ensure!(me["username"] == "jay", "the session was lost: {me}");
    let after = json_of(read(dir, "after.json")?.as_bytes())?;
    ensure!(
        after["logged_in"] == true
            && after["store_detail"]
                .as_str()
                .is_some_and(|d| d.contains("Secret Service")),
        "{after}"
    );
    let search = read(dir, "search.txt")?;
    ensure!(
        search.contains(&format!("attribute.username = {this_session}")),
        "{search}"
    );
    let keyutils = read(dir, "keyutils-after.txt")?;
    ensure!(
        !keyutils.contains(&this_session),
        "the session stayed in keyutils too:\n{keyutils}"
    );
    Ok(())
}
