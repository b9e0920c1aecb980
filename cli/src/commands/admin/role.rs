//! `artstation admin role USER ROLE --reason R`: gives a user another role.

use serde_json::{Value, json};

use super::moderate::checked_reason;
use super::text;
use crate::api;
use crate::args::RoleArgs;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: RoleArgs) -> anyhow::Result<()> {
    let reason = checked_reason(&args.reason)?;
    let url = session
        .api
        .url(&["v1", "admin", "users", &args.user, "role"]);
    let body = json!({ "role": args.role.as_str(), "reason": reason });
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let user: Value = api::json(response).await?;
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
