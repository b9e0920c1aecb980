//! `artstation auth status|token`.

use chrono::Utc;
use serde_json::{Value, json};

use crate::args::AuthCommand;
use crate::commands::whoami::credential_origin;
use crate::output::Output;
use crate::session::{Session, TokenSource};

pub async fn run(out: &Output, session: &mut Session, cmd: AuthCommand) -> anyhow::Result<()> {
    match cmd {
        AuthCommand::Status => status(out, session),
        AuthCommand::Token => token(out, session).await,
    }
}

/// Reports the local state only, so it answers even when the server is down; `whoami` asks the
/// server. Not being logged in is a state, not an error: exit 0 with `logged_in: false`.
fn status(out: &Output, session: &Session) -> anyhow::Result<()> {
    let doc = status_document(session);
    if out.json {
        return out.json(&doc);
    }
    let source = session.source();
    if source == TokenSource::None {
        out.line(format!(
            "Not logged in to {} (profile {})",
            session.server, session.profile
        ))?;
    } else {
        let who = doc["username"].as_str().unwrap_or("unknown user");
        out.line(format!(
            "Logged in to {} as {who} (profile {})",
            session.server, session.profile
        ))?;
        if let Some(expires) = doc["expires_at"].as_str() {
            let state = if doc["access_token_expired"] == json!(true) {
                "expired; refreshed on next use"
            } else {
                "valid"
            };
            out.line(format!("access token: {state} until {expires}"))?;
        }
    }
    out.line(format!("credentials: {}", credential_origin(session)))?;
    Ok(())
}

pub fn status_document(session: &Session) -> Value {
    let (store, detail, fallback) = match session.store() {
        Ok(s) => (
            json!(s.kind().as_str()),
            json!(s.description()),
            json!(s.fallback_reason()),
        ),
        Err(e) => (Value::Null, json!(e.to_string()), Value::Null),
    };
    let stored = session.stored();
    let source = match session.source() {
        TokenSource::Env => "env",
        TokenSource::Store => "store",
        TokenSource::None => "none",
    };
    json!({
        "server": session.server,
        "profile": session.profile,
        "store": store,
        "store_detail": detail,
        "store_fallback_reason": fallback,
        "logged_in": session.source() != TokenSource::None,
        "source": source,
        "username": stored.and_then(|c| c.username.clone()),
        "expires_at": stored.map(|c| c.expires_at.to_rfc3339()),
        "access_token_expired": stored.map(|c| c.is_expired(Utc::now())),
    })
}

async fn token(out: &Output, session: &mut Session) -> anyhow::Result<()> {
    let token = session.bearer().await?;
    if out.json {
        return out.json(&json!({
            "access_token": token,
            "expires_at": match session.source() {
                TokenSource::Store => session.stored().map(|c| c.expires_at.to_rfc3339()),
                TokenSource::Env | TokenSource::None => None,
            },
        }));
    }
    out.line(token)
}
