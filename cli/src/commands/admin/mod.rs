//! `artstation admin ...`: moderation and user management, each subcommand in its own file.
//! Every subcommand prints with `--json` what the server answered; the ones that act on many ids
//! report each id (`results.rs`) and exit 5 when any failed.

pub mod audit;
pub mod ban;
pub mod confirm;
pub mod dismiss;
pub mod flagged;
pub mod ids;
pub mod moderate;
pub mod pages;
pub mod reports;
pub mod results;
pub mod role;
pub mod users;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::args::AdminCommand;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, cmd: AdminCommand) -> anyhow::Result<()> {
    match cmd {
        AdminCommand::Reports(args) => reports::run(out, session, args).await,
        AdminCommand::Flagged(args) => flagged::run(out, session, args).await,
        AdminCommand::Hide(args) => moderate::run(out, session, moderate::Action::Hide, args).await,
        AdminCommand::Restore(args) => {
            moderate::run(out, session, moderate::Action::Restore, args).await
        }
        AdminCommand::Remove(args) => {
            moderate::run(out, session, moderate::Action::Remove, args).await
        }
        AdminCommand::Dismiss(args) => dismiss::run(out, session, args).await,
        AdminCommand::Ban(args) => ban::ban(out, session, args).await,
        AdminCommand::Unban(args) => ban::unban(out, session, args).await,
        AdminCommand::Role(args) => role::run(out, session, args).await,
        AdminCommand::Users(args) => users::run(out, session, args).await,
        AdminCommand::Audit(args) => audit::run(out, session, args).await,
    }
}

/// A member of a server document for a table cell: strings as they are, numbers and booleans
/// written out, "-" for null or absent. `pointer` is a JSON pointer like `/artist/username`.
pub fn text(doc: &Value, pointer: &str) -> String {
    match doc.pointer(pointer) {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) if s.is_empty() => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// An RFC 3339 member as "2026-11-30 03:36" (UTC), for people.
pub fn when(doc: &Value, pointer: &str) -> String {
    doc.pointer(pointer)
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map_or_else(
            || text(doc, pointer),
            |t| t.with_timezone(&Utc).format("%Y-%m-%d %H:%M").to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_read_any_member() {
        let doc = json!({"a": {"b": "x"}, "n": 3, "t": true, "z": null, "e": "",
                         "at": "2026-11-30T03:36:42.123456Z"});
        assert_eq!(text(&doc, "/a/b"), "x");
        assert_eq!(text(&doc, "/n"), "3");
        assert_eq!(text(&doc, "/t"), "true");
        assert_eq!(text(&doc, "/z"), "-");
        assert_eq!(text(&doc, "/e"), "-");
        assert_eq!(text(&doc, "/missing"), "-");
        assert_eq!(when(&doc, "/at"), "2026-11-30 03:36");
        assert_eq!(when(&doc, "/a/b"), "x");
    }
}
