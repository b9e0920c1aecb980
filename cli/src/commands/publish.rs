//! `artstation publish ID`: puts a draft in the catalogue.

use serde_json::json;

use crate::args::PublishArgs;
use crate::commands::edit;
use crate::output::{Output, text};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: PublishArgs) -> anyhow::Result<()> {
    let artwork = edit::patch(session, &args.id, &json!({ "status": "published" })).await?;
    if out.json {
        return out.json(&artwork);
    }
    out.line(format!(
        "Published {} ({})",
        text(&artwork, "title"),
        text(&artwork, "id")
    ))
}
