//! `artstation report ID --reason R [--note TEXT]`: asks the moderators to look at a work.

use serde_json::{Value, json};

use crate::api;
use crate::args::ReportArgs;
use crate::commands::admin::text;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

/// The server refuses longer notes; saying so here keeps the round trip.
const NOTE_MAX_CHARS: usize = 1000;

pub async fn run(out: &Output, session: &mut Session, args: ReportArgs) -> anyhow::Result<()> {
    let note = args
        .note
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if note
        .as_ref()
        .is_some_and(|n| n.chars().count() > NOTE_MAX_CHARS)
    {
        return Err(
            CliError::Invalid(format!("--note: at most {NOTE_MAX_CHARS} characters")).into(),
        );
    }
    let mut body = json!({ "reason": args.reason.as_str() });
    if let Some(note) = note {
        body["note"] = Value::String(note);
    }
    let url = session.api.url(&["v1", "artworks", &args.id, "reports"]);
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let report: Value = api::json(response).await?;
    if out.json {
        return out.json(&report);
    }
    out.line(format!(
        "Reported {} ({}); report {}",
        args.id,
        args.reason.as_str(),
        text(&report, "/id")
    ))?;
    out.note("See what came of it with `artstation reports`.");
    Ok(())
}
