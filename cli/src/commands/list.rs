//! `artstation list`: one page of the published catalogue.

use serde_json::Value;

use crate::api;
use crate::args::ListArgs;
use crate::output::{Output, ellipsize, format_price, text};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: ListArgs) -> anyhow::Result<()> {
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(limit) = args.limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(cursor) = &args.cursor {
        query.push(("cursor", cursor.clone()));
    }
    let api = &session.api;
    // The catalogue is public: sending credentials would only risk a needless refresh failure.
    let request = api.client().get(api.url(&["v1", "artworks"])).query(&query);
    let page: Value = api::json(api.send(request).await?).await?;
    if out.json {
        return out.json(&page);
    }
    let items = page["items"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if items.is_empty() {
        out.note("No artworks.");
    } else {
        out.table(
            &["ID", "TITLE", "ARTIST", "PRICE"],
            &rows(items, out.stdout_tty),
        )?;
    }
    if let Some(cursor) = page["next_cursor"].as_str() {
        out.note(format!("More: artstation list --cursor {cursor}"));
    }
    Ok(())
}

pub fn rows(items: &[Value], shorten: bool) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|a| {
            let title = text(a, "title");
            vec![
                text(a, "id"),
                if shorten {
                    ellipsize(&title, 48)
                } else {
                    title
                },
                text(&a["artist"], "username"),
                format_price(&a["price"]),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_read_the_artwork_shape() {
        let items = [json!({
            "id": "a1", "title": "Sunset", "artist": {"id": "u1", "username": "alice"},
            "price": {"amount_minor": 1250, "currency": "EUR"}
        })];
        assert_eq!(rows(&items, true), [["a1", "Sunset", "alice", "12.50 EUR"]]);
    }
}
