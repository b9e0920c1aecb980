//! `artstation rm ID`: deletes an artwork. Deleting cannot be undone, so it is confirmed on a
//! terminal and must be asked for explicitly (`--yes`) by scripts.

use serde_json::json;

use crate::args::RmArgs;
use crate::commands::{confirm, fetch_own_artwork, stdin_is_tty};
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: RmArgs) -> anyhow::Result<()> {
    if !args.yes {
        if !stdin_is_tty() {
            return Err(CliError::Usage(
                "--yes is required to delete when standard input is not a terminal".into(),
            )
            .into());
        }
        // Naming the artwork guards against a mistyped id; a missing one fails here with exit 4.
        let artwork = fetch_own_artwork(session, &args.id).await?;
        let question = format!("Delete {:?} ({}) for good?", artwork.title, args.id);
        if !confirm(&question)? {
            // Declining is not a misuse, but a script watching the status must not read it as done.
            return Err(anyhow::anyhow!("cancelled; nothing was deleted"));
        }
    }
    let url = session.api.url(&["v1", "artworks", &args.id]);
    session
        .send_authed(|client, token| client.delete(url.clone()).bearer_auth(token))
        .await?;
    if out.json {
        return out.json(&json!({ "id": args.id, "deleted": true }));
    }
    out.note(format!("Deleted {}", args.id));
    Ok(())
}
