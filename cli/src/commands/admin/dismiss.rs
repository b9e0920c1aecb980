//! `artstation admin dismiss ID... --reason R`: closes every open report and the near-duplicate
//! flag of each artwork (`POST /v1/admin/artworks/{id}/reports/dismiss`), so it leaves the queue.

use serde_json::{Value, json};

use super::moderate::checked_reason;
use super::{ids, results, text};
use crate::api;
use crate::args::DismissArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: DismissArgs) -> anyhow::Result<()> {
    let reason = checked_reason(&args.reason)?;
    let ids = ids::from_args(args.ids)?;
    let mut all = Vec::with_capacity(ids.ids.len());
    for id in &ids.ids {
        let result = dismiss(session, id, reason).await;
        all.push(results::record(id, "dismissed", result)?);
    }
    results::report(
        out,
        &all,
        &["ID", "DISMISSED"],
        |r| vec![text(r, "/id"), text(r, "/dismissed")],
        "Dismissed:",
    )
}

/// How many open reports were dismissed.
async fn dismiss(session: &mut Session, id: &str, reason: &str) -> Result<Value, CliError> {
    let url = session
        .api
        .url(&["v1", "admin", "artworks", id, "reports", "dismiss"]);
    let body = json!({ "reason": reason });
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let doc: Value = api::json(response).await?;
    Ok(doc.get("dismissed").cloned().unwrap_or(Value::Null))
}
