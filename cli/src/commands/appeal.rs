//! `artstation appeal ID --message TEXT`: the artist of a hidden work asks, once, for it back.

use serde_json::{Value, json};

use crate::api;
use crate::args::AppealArgs;
use crate::commands::admin::text;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

const MESSAGE_MAX_CHARS: usize = 2000;

pub async fn run(out: &Output, session: &mut Session, args: AppealArgs) -> anyhow::Result<()> {
    let message = args.message.trim();
    let chars = message.chars().count();
    if chars == 0 || chars > MESSAGE_MAX_CHARS {
        return Err(
            CliError::Invalid(format!("--message: 1 to {MESSAGE_MAX_CHARS} characters")).into(),
        );
    }
    let url = session.api.url(&["v1", "artworks", &args.id, "appeal"]);
    let body = json!({ "message": message });
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let appeal: Value = api::json(response).await?;
    if out.json {
        return out.json(&appeal);
    }
    out.line(format!(
        "Appealed the hiding of {} ({})",
        args.id,
        text(&appeal, "/status")
    ))
}
