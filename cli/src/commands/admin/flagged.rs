//! `artstation admin flagged`: uploads the pipeline found to look like another artist's work
//! (`GET /v1/admin/artworks/flagged`).

use serde_json::Value;

use super::{pages, text, when};
use crate::args::FlaggedArgs;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: FlaggedArgs) -> anyhow::Result<()> {
    let segments = ["v1", "admin", "artworks", "flagged"];
    let doc = pages::fetch(session, &segments, Vec::new(), &args.page).await?;
    pages::print(
        out,
        &doc,
        &["ID", "TITLE", "ARTIST", "UPLOADED", "LOOKS LIKE"],
        row,
        "No flagged uploads.",
    )
}

fn row(artwork: &Value) -> Vec<String> {
    vec![
        text(artwork, "/id"),
        text(artwork, "/title"),
        text(artwork, "/artist/username"),
        when(artwork, "/created_at"),
        near_duplicate(&artwork["near_duplicate_of"]),
    ]
}

/// The matched work: an id, or an artwork document (`id` and its artist).
fn near_duplicate(of: &Value) -> String {
    match of {
        Value::String(id) => id.clone(),
        Value::Object(_) => format!("{} by {}", text(of, "/id"), text(of, "/artist/username")),
        _ => "-".into(),
    }
}
