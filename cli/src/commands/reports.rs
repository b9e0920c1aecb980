//! `artstation reports`: the caller's reports, newest first, and what came of them.

use serde_json::Value;

use crate::args::MyReportsArgs;
use crate::commands::admin::{pages, text, when};
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: MyReportsArgs) -> anyhow::Result<()> {
    let doc = pages::fetch(session, &["v1", "me", "reports"], Vec::new(), &args.page).await?;
    pages::print(
        out,
        &doc,
        &[
            "REPORT", "ARTWORK", "REASON", "STATUS", "OUTCOME", "REPORTED",
        ],
        row,
        "You have not reported anything.",
    )
}

fn row(report: &Value) -> Vec<String> {
    vec![
        text(report, "/id"),
        text(report, "/artwork_id"),
        text(report, "/reason"),
        text(report, "/status"),
        outcome(&report["outcome"]),
        when(report, "/created_at"),
    ]
}

/// "hide: spam (2026-11-30 03:36)", or "-" while the report is open.
pub fn outcome(outcome: &Value) -> String {
    if outcome.is_null() {
        return "-".into();
    }
    format!(
        "{}: {} ({})",
        text(outcome, "/action"),
        text(outcome, "/reason"),
        when(outcome, "/at")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn outcomes_name_the_action_and_reason() {
        let o = json!({"action": "hide", "reason": "spam", "at": "2026-11-30T03:36:00Z"});
        assert_eq!(outcome(&o), "hide: spam (2026-11-30 03:36)");
        assert_eq!(outcome(&Value::Null), "-");
    }
}
