//! `artstation admin audit [--actor ID] [--action A] [--target ID] [--since T] [--until T]`:
//! every admin action, newest first, merged from every service's log.

use chrono::SecondsFormat;
use serde_json::Value;

use super::{pages, text, when};
use crate::args::AuditArgs;
use crate::output::{Output, ellipsize};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: AuditArgs) -> anyhow::Result<()> {
    let mut query: Vec<(&'static str, String)> = Vec::new();
    for (name, value) in [
        ("actor", args.actor),
        ("action", args.action),
        ("target", args.target),
    ] {
        if let Some(v) = value {
            query.push((name, v));
        }
    }
    for (name, at) in [("since", args.since), ("until", args.until)] {
        if let Some(at) = at {
            query.push((name, at.to_rfc3339_opts(SecondsFormat::Secs, true)));
        }
    }
    let doc = pages::fetch(session, &["v1", "admin", "audit"], query, &args.page).await?;
    let wide = out.stdout_tty;
    pages::print(
        out,
        &doc,
        &["AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "REASON"],
        |e| row(e, wide),
        "No admin actions match.",
    )
}

fn row(entry: &Value, tty: bool) -> Vec<String> {
    let reason = text(entry, "/reason");
    vec![
        when(entry, "/at"),
        text(entry, "/actor/username"),
        text(entry, "/action"),
        format!(
            "{} {}",
            text(entry, "/target/kind"),
            text(entry, "/target/id")
        ),
        text(entry, "/outcome"),
        if tty { ellipsize(&reason, 60) } else { reason },
    ]
}
