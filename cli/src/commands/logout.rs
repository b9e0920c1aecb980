//! `artstation logout [--all]`: revokes the session (or, with `--all`, every session of the
//! account) on the server, then forgets it locally whatever the server said, so a dead server
//! cannot keep a user logged in.

use artstation_api::LogoutRequest;
use chrono::Utc;
use serde_json::json;

use crate::args::LogoutArgs;
use crate::error::{CliError, human_message};
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: LogoutArgs) -> anyhow::Result<()> {
    if session.stored().is_none() {
        if out.json {
            out.json(&logged_out(session, false))?;
        } else {
            out.note(format!(
                "Not logged in to {} (profile {})",
                session.server, session.profile
            ));
        }
        return Ok(());
    }
    if let Err(e) = revoke(session, args.all).await {
        out.warn(format!(
            "the server did not confirm the logout: {}",
            human_message(&anyhow::Error::new(e))
        ));
    }
    let had = session.forget()?;
    if out.json {
        return out.json(&logged_out(session, had));
    }
    if args.all {
        out.note(format!("Logged out of every session on {}", session.server));
    } else {
        out.note(format!("Logged out of {}", session.server));
    }
    Ok(())
}

async fn revoke(session: &mut Session, all: bool) -> Result<(), CliError> {
    if session.stored().is_some_and(|c| c.is_expired(Utc::now())) {
        session.refresh().await?;
    }
    let Some(creds) = session.stored().cloned() else {
        return Ok(());
    };
    let api = &session.api;
    let mut url = api.url(&["v1", "auth", "logout"]);
    if all {
        url.query_pairs_mut().append_pair("all", "true");
    }
    let request = api
        .client()
        .post(url)
        .bearer_auth(&creds.access_token)
        .json(&LogoutRequest {
            refresh_token: Some(creds.refresh_token),
        });
    session.checked(api.send(request).await?).await.map(drop)
}

fn logged_out(session: &Session, had_session: bool) -> serde_json::Value {
    json!({
        "server": session.server,
        "profile": session.profile,
        "logged_out": had_session,
    })
}
