//! `artstation admin reports [--reason R] [--min-age 7d] [--max-age 1d] [--all]`: the moderation
//! queue, one item per artwork, most recently reported first.

use serde_json::Value;

use super::{pages, text, when};
use crate::args::QueueArgs;
use crate::output::{Output, ellipsize};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: QueueArgs) -> anyhow::Result<()> {
    let mut query: Vec<(&'static str, String)> = Vec::new();
    if let Some(reason) = args.reason {
        query.push(("reason", reason.as_str().into()));
    }
    if let Some(age) = args.min_age {
        query.push(("min_age", age.to_string()));
    }
    if let Some(age) = args.max_age {
        query.push(("max_age", age.to_string()));
    }
    let doc = pages::fetch(session, &["v1", "admin", "reports"], query, &args.page).await?;
    let tty = out.stdout_tty;
    pages::print(
        out,
        &doc,
        &[
            "ARTWORK",
            "TITLE",
            "ARTIST",
            "OPEN",
            "REASONS",
            "LAST REPORT",
            "NOTES",
        ],
        |item| row(item, tty),
        "The queue is empty.",
    )
}

fn row(item: &Value, tty: bool) -> Vec<String> {
    let notes = notes(item);
    vec![
        text(item, "/artwork/id"),
        text(item, "/artwork/title"),
        text(item, "/artwork/artist/username"),
        text(item, "/open_reports"),
        reasons(item),
        when(item, "/last_reported_at"),
        if tty { ellipsize(&notes, 50) } else { notes },
    ]
}

/// "spam 2, stolen 1", plus the near-duplicate flag and a pending appeal, most frequent first.
pub fn reasons(item: &Value) -> String {
    let mut counts: Vec<(String, i64)> = item["reasons"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_i64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    if let Some(of) = item
        .pointer("/near_duplicate_of/id")
        .and_then(Value::as_str)
    {
        parts.push(format!("near-duplicate of {of}"));
    }
    if item.pointer("/appeal/status").and_then(Value::as_str) == Some("pending") {
        parts.push("appeal pending".into());
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

fn notes(item: &Value) -> String {
    let notes: Vec<&str> = item["notes"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if notes.is_empty() {
        "-".into()
    } else {
        notes.join(" | ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reasons_read_most_frequent_first_with_flags() {
        let item = json!({
            "reasons": {"stolen": 1, "spam": 2},
            "near_duplicate_of": {"id": "a7"},
            "appeal": {"status": "pending"},
        });
        assert_eq!(
            reasons(&item),
            "spam 2, stolen 1, near-duplicate of a7, appeal pending"
        );
        assert_eq!(
            reasons(&json!({"reasons": {}, "near_duplicate_of": null})),
            "-"
        );
    }
}
