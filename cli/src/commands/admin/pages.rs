//! Cursor-paged lists (`{"items", "next_cursor"}`): one page, or with `--all` every page merged
//! into one document, so `--json | jq '.items[]'` sees everything.

use serde_json::{Value, json};

use crate::api;
use crate::args::PageArgs;
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

/// The page (or pages) of the list at `segments` under the server, with `query` as filters.
pub async fn fetch(
    session: &mut Session,
    segments: &[&str],
    mut query: Vec<(&'static str, String)>,
    page: &PageArgs,
) -> Result<Value, CliError> {
    if let Some(limit) = page.limit {
        query.push(("limit", limit.to_string()));
    }
    let url = session.api.url(segments);
    let mut cursor = page.cursor.clone();
    let mut items: Vec<Value> = Vec::new();
    loop {
        let mut q = query.clone();
        if let Some(c) = &cursor {
            q.push(("cursor", c.clone()));
        }
        let response = session
            .send_authed(|client, token| client.get(url.clone()).query(&q).bearer_auth(token))
            .await?;
        let mut doc: Value = api::json(response).await?;
        let next = doc["next_cursor"]
            .as_str()
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        if !page.all {
            return Ok(doc);
        }
        if let Some(Value::Array(page_items)) = doc.get_mut("items").map(Value::take) {
            items.extend(page_items);
        }
        // A cursor that comes back unchanged would loop for ever.
        match next {
            Some(n) if cursor.as_deref() != Some(n.as_str()) => cursor = Some(n),
            _ => return Ok(json!({ "items": items, "next_cursor": null })),
        }
    }
}

/// Prints a list document: itself with `--json`, else a table and how to get the next page.
pub fn print(
    out: &Output,
    doc: &Value,
    headers: &[&str],
    row: impl Fn(&Value) -> Vec<String>,
    empty: &str,
) -> anyhow::Result<()> {
    if out.json {
        return out.json(doc);
    }
    let rows: Vec<Vec<String>> = items(doc).iter().map(row).collect();
    if rows.is_empty() {
        out.note(empty);
    } else {
        out.table(headers, &rows)?;
    }
    if let Some(cursor) = doc["next_cursor"].as_str().filter(|c| !c.is_empty()) {
        out.note(format!("More: repeat with --cursor {cursor}, or use --all"));
    }
    Ok(())
}

fn items(doc: &Value) -> &[Value] {
    doc["items"].as_array().map_or(&[], Vec::as_slice)
}
