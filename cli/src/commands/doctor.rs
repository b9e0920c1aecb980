//! `artstation doctor`: checks what a session depends on and explains each finding — where the
//! credentials are kept and why, whether the server answers (and its version when it says),
//! how far this clock is from the server's, what the terminal can draw, and whether the
//! configuration directory and credential file are private. Exit 1 when a check fails; warnings
//! are advice and keep exit 0.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::api::{self, Api};
use crate::args::GlobalArgs;
use crate::credentials::{self, CredentialStore, StoreKind};
use crate::error::CliError;
use crate::output::Output;
use crate::session::{Session, TOKEN_ENV, TokenSource};

/// How long the server gets to answer before it counts as unreachable.
const TIMEOUT: Duration = Duration::from_secs(5);
/// Skew beyond this is worth knowing about; beyond `SKEW_FAIL` tokens may be refused.
const SKEW_WARN_SECS: i64 = 30;
const SKEW_FAIL_SECS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Fail,
    Skip,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warn => "warn",
            Self::Fail => "FAIL",
            Self::Skip => "skip",
        }
    }
}

/// One finding: what was checked, how it went, and what to do about it.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub summary: String,
    pub details: Value,
    pub hint: Option<String>,
}

impl Check {
    fn new(name: &'static str, status: Status, summary: impl Into<String>) -> Self {
        Self {
            name,
            status,
            summary: summary.into(),
            details: Value::Null,
            hint: None,
        }
    }

    fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

pub async fn run(out: &Output, global: &GlobalArgs) -> anyhow::Result<()> {
    let api = Api::new(global.server.trim_end_matches('/'))?;
    let mut checks = vec![credential_store()];
    let (server, clock) = server_and_clock(&api).await;
    let reachable = server.status != Status::Fail;
    checks.push(server);
    checks.push(clock);
    checks.push(if reachable {
        session(global).await
    } else {
        Check::new(
            "session",
            Status::Skip,
            "not checked: the server is unreachable",
        )
    });
    checks.push(terminal(out, &|name| std::env::var(name).ok()));
    checks.push(permissions());

    let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
    if out.json {
        out.json(&json!({ "server": api.base().as_str(), "ok": failed == 0, "checks": checks }))?;
    } else {
        for check in &checks {
            out.line(format!(
                "{:<5} {:<12} {}",
                check.status.label(),
                check.name,
                check.summary
            ))?;
            if let Some(hint) = &check.hint {
                out.line(format!("{:<18} {hint}", ""))?;
            }
        }
    }
    if failed > 0 {
        return Err(CliError::Check {
            code: "doctor_failed",
            message: format!("{failed} of {} checks failed", checks.len()),
        }
        .into());
    }
    Ok(())
}

/// Which store `login` would use here, and why not the keyring when it is the file.
fn credential_store() -> Check {
    let env_token = std::env::var(TOKEN_ENV).is_ok_and(|t| !t.trim().is_empty());
    let store = match CredentialStore::select() {
        Ok(store) => store,
        Err(e) => {
            return Check::new("credentials", Status::Fail, e.to_string()).hint(format!(
                "unset {} or set it to keyring or file",
                credentials::STORE_ENV
            ));
        }
    };
    let details = json!({
        "store": store.kind().as_str(),
        "description": store.description(),
        "fallback_reason": store.fallback_reason(),
        "token_from_environment": env_token,
    });
    let mut check = match (store.kind(), store.fallback_reason()) {
        (StoreKind::Keyring, _) => Check::new(
            "credentials",
            Status::Ok,
            format!("keyring: {}", store.description()),
        ),
        (StoreKind::File, None) => Check::new(
            "credentials",
            Status::Ok,
            format!(
                "{} (chosen by {})",
                store.description(),
                credentials::STORE_ENV
            ),
        ),
        (StoreKind::File, Some(reason)) => Check::new(
            "credentials",
            Status::Warn,
            format!(
                "{}, readable only by you; no keyring: {reason}",
                store.description()
            ),
        )
        .hint("a desktop session's keyring keeps tokens out of files; the file works everywhere"),
    }
    .details(details);
    if env_token {
        check
            .summary
            .push_str(&format!("; {TOKEN_ENV} overrides it"));
    }
    check
}

/// `/healthz` (reachability, version, the `Date` for the clock) and `/readyz` (the services
/// behind the gateway).
async fn server_and_clock(api: &Api) -> (Check, Check) {
    let url = api.url(&["healthz"]);
    let sent = Utc::now();
    let started = Instant::now();
    let answer = api.client().get(url.clone()).timeout(TIMEOUT).send().await;
    let elapsed = started.elapsed();
    let response = match answer {
        Ok(r) => r,
        Err(e) => {
            let message = match api.transport_error(&e) {
                CliError::Transport { message } => message,
                other => other.to_string(),
            };
            return (
                Check::new("server", Status::Fail, message)
                    .hint("start the server, or point --server / ARTSTATION_SERVER at it"),
                Check::new(
                    "clock",
                    Status::Skip,
                    "not checked: the server is unreachable",
                ),
            );
        }
    };
    let received = sent + chrono::TimeDelta::from_std(elapsed).unwrap_or_default();
    let headers = response.headers().clone();
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let version = body["version"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| header(&headers, "x-artstation-version"))
        .or_else(|| header(&headers, "server"));
    let clock = clock(
        header(&headers, "date").as_deref(),
        sent + (received - sent) / 2,
    );
    let ready = readiness(api).await;
    let millis = elapsed.as_millis();
    let details = json!({
        "url": url.as_str(),
        "http_status": status.as_u16(),
        "latency_ms": millis,
        "version": version,
        "readiness": ready,
    });
    let version_text = version.as_deref().unwrap_or("version not stated");
    let server = if !status.is_success() {
        Check::new("server", Status::Fail, format!("{url} answered {status}"))
            .hint("is --server the gateway's address?")
    } else if ready["status"] != "ok" && !ready.is_null() {
        Check::new(
            "server",
            Status::Warn,
            format!(
                "reachable in {millis} ms ({version_text}), but not ready: {}",
                ready["checks"]
            ),
        )
        .hint("a service behind the gateway is down; see `artstationd` logs")
    } else {
        Check::new(
            "server",
            Status::Ok,
            format!("reachable in {millis} ms ({version_text})"),
        )
    };
    (server.details(details), clock)
}

async fn readiness(api: &Api) -> Value {
    let request = api.client().get(api.url(&["readyz"])).timeout(TIMEOUT);
    match request.send().await {
        // 503 carries the same document, naming what is down.
        Ok(r) => r.json().await.unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The skew between the server's `Date` (whole seconds) and this clock at the middle of the
/// round trip; positive when the server is ahead.
pub fn clock(date: Option<&str>, local: DateTime<Utc>) -> Check {
    let Some(server) = date.and_then(|d| DateTime::parse_from_rfc2822(d).ok()) else {
        return Check::new("clock", Status::Skip, "the server sent no Date header");
    };
    let skew = (server.with_timezone(&Utc) - local).num_milliseconds();
    // The header has whole seconds, so under a second is no skew at all.
    let seconds = if skew.abs() < 1000 { 0 } else { skew / 1000 };
    let details = json!({ "skew_seconds": seconds, "server_date": date });
    let ahead = if seconds > 0 { "ahead of" } else { "behind" };
    let check = match seconds.abs() {
        0 => Check::new("clock", Status::Ok, "in step with the server (within 1 s)"),
        s if s <= SKEW_WARN_SECS => Check::new(
            "clock",
            Status::Ok,
            format!("the server is {s} s {ahead} this machine"),
        ),
        s if s <= SKEW_FAIL_SECS => Check::new(
            "clock",
            Status::Warn,
            format!("the server is {s} s {ahead} this machine"),
        )
        .hint("turn on time synchronisation (NTP) on this machine"),
        s => Check::new(
            "clock",
            Status::Fail,
            format!("the server is {s} s {ahead} this machine: tokens may look expired"),
        )
        .hint("turn on time synchronisation (NTP) on this machine"),
    };
    check.details(details)
}

/// Whether the stored session still works, by asking who it belongs to.
async fn session(global: &GlobalArgs) -> Check {
    let mut session = match Session::new(global) {
        Ok(s) => s,
        Err(e) => return Check::new("session", Status::Fail, e.to_string()),
    };
    if session.source() == TokenSource::None {
        return Check::new(
            "session",
            Status::Skip,
            format!(
                "not logged in to {} (profile {})",
                session.server, session.profile
            ),
        )
        .hint("run `artstation login`");
    }
    let url = session.api.url(&["v1", "me"]);
    let answer = session
        .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
        .await;
    let user: Result<Value, CliError> = match answer {
        Ok(response) => api::json(response).await,
        Err(e) => Err(e),
    };
    match user {
        Ok(user) => Check::new(
            "session",
            Status::Ok,
            format!(
                "signed in as {} ({})",
                user["username"].as_str().unwrap_or("?"),
                user["role"].as_str().unwrap_or("?")
            ),
        )
        .details(json!({ "username": user["username"], "role": user["role"] })),
        Err(e) => Check::new("session", Status::Fail, e.to_string()).hint("run `artstation login`"),
    }
}

/// What the terminal can draw, guessed from the environment (`browse` asks the terminal itself).
pub fn terminal(out: &Output, env: &dyn Fn(&str) -> Option<String>) -> Check {
    let term = env("TERM").unwrap_or_default();
    let truecolor = env("COLORTERM").is_some_and(|c| matches!(c.as_str(), "truecolor" | "24bit"));
    let protocol = graphics_protocol(env);
    let details = json!({
        "stdout_tty": out.stdout_tty,
        "stderr_tty": out.stderr_tty,
        "term": term,
        "truecolor": truecolor,
        "graphics": protocol,
    });
    let summary = if !out.stdout_tty {
        "output is not a terminal: tables become tab-separated lines, no pictures".to_owned()
    } else {
        match protocol {
            "kitty" => "pictures via the kitty graphics protocol".to_owned(),
            "iterm2" => "pictures via iTerm2 inline images".to_owned(),
            "sixel" => "pictures via sixel".to_owned(),
            "halfblocks" if truecolor => "pictures as true-colour half-blocks".to_owned(),
            "halfblocks" => "pictures as 256-colour half-blocks".to_owned(),
            _ => "no pictures: the terminal declares no colours".to_owned(),
        }
    };
    Check::new("terminal", Status::Ok, summary).details(details)
}

/// The best picture protocol the environment names: kitty, iterm2, sixel, halfblocks or none.
pub fn graphics_protocol(env: &dyn Fn(&str) -> Option<String>) -> &'static str {
    let term = env("TERM").unwrap_or_default();
    let program = env("TERM_PROGRAM").unwrap_or_default();
    let has = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    if has("KITTY_WINDOW_ID")
        || term == "xterm-kitty"
        || term == "xterm-ghostty"
        || matches!(program.as_str(), "WezTerm" | "ghostty")
        || has("KONSOLE_VERSION")
    {
        "kitty"
    } else if matches!(program.as_str(), "iTerm.app" | "mintty") {
        "iterm2"
    } else if term.starts_with("foot") || term.starts_with("mlterm") || has("WT_SESSION") {
        "sixel"
    } else if !term.is_empty() && term != "dumb" {
        "halfblocks"
    } else {
        "none"
    }
}

/// The configuration directory should be the user's alone, and the credential file too.
fn permissions() -> Check {
    let dir = match credentials::config_dir() {
        Ok(dir) => dir,
        Err(e) => return Check::new("permissions", Status::Skip, e.to_string()),
    };
    let file = dir.join(credentials::FILE_NAME);
    let findings = loose_modes(&dir, &file);
    let details = json!({
        "config_dir": dir.display().to_string(),
        "credential_file": file.display().to_string(),
        "problems": findings.iter().map(|(path, mode, _)| json!({
            "path": path, "mode": format!("{mode:04o}"),
        })).collect::<Vec<_>>(),
    });
    if findings.is_empty() {
        let summary = if dir.exists() {
            format!("{} is private to you", dir.display())
        } else {
            format!("{} does not exist yet (created private)", dir.display())
        };
        return Check::new("permissions", Status::Ok, summary).details(details);
    }
    let secret = findings.iter().any(|(_, _, secret)| *secret);
    let summary = findings
        .iter()
        .map(|(path, mode, _)| format!("{path} is mode {mode:04o}"))
        .collect::<Vec<_>>()
        .join("; ");
    let hint = findings
        .iter()
        .map(|(path, _, secret)| format!("chmod {} {path}", if *secret { "600" } else { "700" }))
        .collect::<Vec<_>>()
        .join(" && ");
    // Others reading the refresh token could act as you: that is a failure, not advice.
    let status = if secret { Status::Fail } else { Status::Warn };
    Check::new("permissions", status, summary)
        .hint(hint)
        .details(details)
}

/// `(path, mode, holds secrets)` of the directory and credential file when group or others have
/// any access to them.
#[cfg(unix)]
pub fn loose_modes(dir: &Path, file: &Path) -> Vec<(String, u32, bool)> {
    use std::os::unix::fs::PermissionsExt;
    let mut found = Vec::new();
    for (path, secret) in [(dir, false), (file, true)] {
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o077 != 0 {
                found.push((path.display().to_string(), mode, secret));
            }
        }
    }
    found
}

#[cfg(not(unix))]
pub fn loose_modes(_dir: &Path, _file: &Path) -> Vec<(String, u32, bool)> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn protocols_are_guessed_from_the_environment() {
        let cases: [(&'static [(&'static str, &'static str)], &str); 7] = [
            (&[("TERM", "xterm-kitty")], "kitty"),
            (
                &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")],
                "kitty",
            ),
            (
                &[("TERM", "xterm-256color"), ("TERM_PROGRAM", "iTerm.app")],
                "iterm2",
            ),
            (&[("TERM", "foot")], "sixel"),
            (&[("TERM", "xterm-256color")], "halfblocks"),
            (&[("TERM", "dumb")], "none"),
            (&[], "none"),
        ];
        for (env, want) in cases {
            assert_eq!(graphics_protocol(&env_of(env)), want, "{env:?}");
        }
    }

    #[test]
    fn skew_is_measured_against_the_date_header() {
        let local = DateTime::parse_from_rfc3339("2026-11-30T04:00:00.400Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let same = clock(Some("Mon, 30 Nov 2026 04:00:00 GMT"), local);
        assert_eq!(
            (same.status, same.details["skew_seconds"].as_i64()),
            (Status::Ok, Some(0))
        );
        let ahead = clock(Some("Mon, 30 Nov 2026 04:02:00 GMT"), local);
        assert_eq!(ahead.status, Status::Warn);
        assert_eq!(ahead.details["skew_seconds"], 119);
        let behind = clock(Some("Mon, 30 Nov 2026 03:00:00 GMT"), local);
        assert_eq!(behind.status, Status::Fail);
        assert!(behind.summary.contains("behind"), "{}", behind.summary);
        assert_eq!(clock(None, local).status, Status::Skip);
    }

    #[cfg(unix)]
    #[test]
    fn loose_modes_name_the_directory_and_the_credential_file() -> anyhow::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("credentials.json");
        std::fs::write(&file, b"{}")?;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))?;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
        assert!(loose_modes(dir.path(), &file).is_empty());
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))?;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))?;
        let found = loose_modes(dir.path(), &file);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].1, found[0].2), (0o755, false));
        assert_eq!((found[1].1, found[1].2), (0o644, true));
        Ok(())
    }
}
