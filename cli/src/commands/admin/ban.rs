//! `artstation admin ban USER... --reason R [--yes]` and `admin unban USER... --reason R`. A ban
//! ends the user's sessions and access tokens at once, so it is confirmed.

use serde_json::{Value, json};

use super::moderate::checked_reason;
use super::{confirm, ids, results, text, users};
use crate::api;
use crate::args::{BanArgs, UnbanArgs};
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn ban(out: &Output, session: &mut Session, args: BanArgs) -> anyhow::Result<()> {
    let reason = checked_reason(&args.reason)?;
    let ids = ids::from_args(args.users)?;
    let question = format!(
        "Ban {} ({})? Their sessions end at once",
        if ids.ids.len() == 1 {
            "1 user".to_owned()
        } else {
            format!("{} users", ids.ids.len())
        },
        confirm::some_ids(&ids.ids)
    );
    confirm::destructive(args.yes, ids.from_stdin, "banned", &question)?;
    each(out, session, &ids.ids, "ban", reason, "Banned").await
}

pub async fn unban(out: &Output, session: &mut Session, args: UnbanArgs) -> anyhow::Result<()> {
    let reason = checked_reason(&args.reason)?;
    let ids = ids::from_args(args.users)?;
    each(out, session, &ids.ids, "unban", reason, "Unbanned").await
}

async fn each(
    out: &Output,
    session: &mut Session,
    users: &[String],
    verb: &str,
    reason: &str,
    done: &str,
) -> anyhow::Result<()> {
    let mut all = Vec::with_capacity(users.len());
    for id in users {
        let result = send(session, id, verb, reason).await;
        all.push(results::record(id, "user", result)?);
    }
    results::report(
        out,
        &all,
        &["ID", "USERNAME", "ROLE", "BANNED"],
        |r| {
            vec![
                text(r, "/id"),
                text(r, "/user/username"),
                text(r, "/user/role"),
                text(r, "/user/banned"),
            ]
        },
        &format!("{done}:"),
    )
}

/// Acts on `user`: an id, or else (when no user has that id) a username.
async fn send(
    session: &mut Session,
    user: &str,
    verb: &str,
    reason: &str,
) -> Result<Value, CliError> {
    match send_to(session, user, verb, reason).await {
        Err(CliError::Api(p)) if p.status == 404 => {
            match users::id_of_username(session, user).await? {
                Some(id) => send_to(session, &id, verb, reason).await,
                None => Err(CliError::Api(p)),
            }
        }
        other => other,
    }
}

async fn send_to(
    session: &mut Session,
    id: &str,
    verb: &str,
    reason: &str,
) -> Result<Value, CliError> {
    let url = session.api.url(&["v1", "admin", "users", id, verb]);
    let body = json!({ "reason": reason });
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    api::json(response).await
}
