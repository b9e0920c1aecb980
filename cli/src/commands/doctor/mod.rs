//! `artstation doctor`: checks what a session depends on and explains each finding — where the
//! credentials are kept and why, whether the server answers (and its version when it says),
//! how far this clock is from the server's, what the terminal can draw, and whether the
//! configuration directory and credential file are private. Exit 1 when a check fails; warnings
//! are advice and keep exit 0.

mod server;
mod terminal;

use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use crate::api::{self, Api};
use crate::args::GlobalArgs;
use crate::credentials::{self, CredentialStore, StoreKind};
use crate::error::CliError;
use crate::output::Output;
use crate::session::{Session, TOKEN_ENV, TokenSource};

pub use server::clock;
pub use terminal::{graphics_protocol, terminal};

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
    let (server, clock) = server::server_and_clock(&api).await;
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

/// Which store `login` would use here, and why not a better one (the Secret Service, a keyring).
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
        "backend": store.backend(),
        "description": store.description(),
        "fallback_reason": store.fallback_reason(),
        "passed_over": store.passed_over(),
        "token_from_environment": env_token,
    });
    let mut check = match (store.kind(), store.fallback_reason()) {
        (StoreKind::Keyring, _) if store.passed_over().is_empty() => Check::new(
            "credentials",
            Status::Ok,
            format!("keyring: {}", store.description()),
        ),
        // keyutils keys last until logout: fine for a server, a surprise on a desktop.
        (StoreKind::Keyring, _) => Check::new(
            "credentials",
            Status::Ok,
            format!(
                "keyring: {} (not {})",
                store.description(),
                store.passed_over().join("; ")
            ),
        )
        .hint("on a desktop, a running GNOME Keyring or KWallet keeps the session across logouts"),
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
