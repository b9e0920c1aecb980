//! `artstation admin role USER ROLE --reason R`: gives a user another role.

use serde_json::{Value, json};

use super::moderate::checked_reason;
use super::{text, users};
use crate::api;
use crate::args::RoleArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: RoleArgs) -> anyhow::Result<()> {
    let reason = checked_reason(&args.reason)?;
    let body = json!({ "role": args.role.as_str(), "reason": reason });
    let user = match set_role(session, &args.user, &body).await {
        // No user has that id: maybe it is a username.
        Err(CliError::Api(p)) if p.status == 404 => {
            match users::id_of_username(session, &args.user).await? {
                Some(id) => set_role(session, &id, &body).await?,
                None => return Err(CliError::Api(p).into()),
            }
        }
        other => other?,
    };
    if out.json {
        return out.json(&user);
    }
    out.line(format!(
        "{} ({}) is now {}",
        text(&user, "/username"),
        text(&user, "/id"),
        text(&user, "/role")
    ))
}

async fn set_role(session: &mut Session, id: &str, body: &Value) -> Result<Value, CliError> {
    let url = session.api.url(&["v1", "admin", "users", id, "role"]);
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(body))
        .await?;
    api::json(response).await
}
