//! `artstation admin users [--query Q] [--role R] [--banned]`: users as admins see them.

use serde_json::Value;

use super::{pages, text, when};
use crate::args::UsersArgs;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: UsersArgs) -> anyhow::Result<()> {
    let mut query: Vec<(&'static str, String)> = Vec::new();
    if let Some(q) = args.query {
        query.push(("q", q));
    }
    if let Some(role) = args.role {
        query.push(("role", role.as_str().into()));
    }
    if args.banned {
        query.push(("banned", "true".into()));
    }
    let doc = pages::fetch(session, &["v1", "admin", "users"], query, &args.page).await?;
    pages::print(
        out,
        &doc,
        &["ID", "USERNAME", "EMAIL", "ROLE", "BANNED", "JOINED"],
        row,
        "No users match.",
    )
}

fn row(user: &Value) -> Vec<String> {
    vec![
        text(user, "/id"),
        text(user, "/username"),
        text(user, "/email"),
        text(user, "/role"),
        if user["banned"].as_bool() == Some(true) {
            "banned".into()
        } else {
            "-".into()
        },
        when(user, "/created_at"),
    ]
}

/// The id of the user called exactly `username`, for commands that take a USER and were given a
/// name rather than an id (ids are opaque, so a name is only tried after the id was not found).
pub async fn id_of_username(
    session: &mut Session,
    username: &str,
) -> Result<Option<String>, crate::error::CliError> {
    let query = vec![("q", username.to_owned())];
    let doc = pages::fetch(
        session,
        &["v1", "admin", "users"],
        query,
        &crate::args::PageArgs {
            all: true,
            ..Default::default()
        },
    )
    .await?;
    Ok(doc["items"].as_array().and_then(|users| {
        users
            .iter()
            .find(|u| u["username"].as_str() == Some(username))
            .and_then(|u| u["id"].as_str())
            .map(str::to_owned)
    }))
}
