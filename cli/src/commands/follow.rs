//! `artstation follow USER`: follow an artist (by username or id) to see their new works in
//! `artstation watch` and the feed. Idempotent on the server, so repeating it is never an error.

use serde_json::json;

use crate::args::FollowArgs;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: FollowArgs) -> anyhow::Result<()> {
    set(out, session, &args.user, true).await
}

/// PUT or DELETE /v1/artists/{user}/follow; the server takes a username or an id alike.
pub async fn set(
    out: &Output,
    session: &mut Session,
    user: &str,
    follow: bool,
) -> anyhow::Result<()> {
    let url = session.api.url(&["v1", "artists", user, "follow"]);
    session.put_or_delete(&url, follow).await?;
    if out.json {
        return out.json(&json!({ "artist": user, "following": follow }));
    }
    if follow {
        out.line(format!("Following {user}"))
    } else {
        out.line(format!("No longer following {user}"))
    }
}
