//! `artstation whoami`: the user behind the current credentials, and where they are kept.

use artstation_api::User;

use crate::api;
use crate::output::Output;
use crate::session::{Session, TOKEN_ENV, TokenSource};

pub async fn run(out: &Output, session: &mut Session) -> anyhow::Result<()> {
    let url = session.api.url(&["v1", "me"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
        .await?;
    let user: User = api::json(response).await?;
    if out.json {
        return out.json(&user);
    }
    out.line(format!(
        "{} ({}) on {}",
        user.username,
        user.role.as_str(),
        session.server
    ))?;
    out.line(format!("credentials: {}", credential_origin(session)))?;
    Ok(())
}

/// "keyring (Linux kernel keyutils ...)", "file (/path)", or the environment variable.
pub fn credential_origin(session: &Session) -> String {
    if session.source() == TokenSource::Env {
        return format!("{TOKEN_ENV} (environment)");
    }
    match session.store() {
        Ok(store) => {
            let mut s = format!("{} ({})", store.kind().as_str(), store.description());
            if let Some(reason) = store.fallback_reason() {
                s.push_str(&format!("; no keyring: {reason}"));
            }
            s
        }
        Err(e) => format!("unavailable: {e}"),
    }
}
