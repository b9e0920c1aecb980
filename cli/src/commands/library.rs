//! `artstation library`: the caller's purchases, newest first, one page at a time.

use artstation_api::{Order, Page};

use crate::api;
use crate::args::LibraryArgs;
use crate::output::{Output, ellipsize, format_price, or_dash};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: LibraryArgs) -> anyhow::Result<()> {
    let page = fetch(session, args.limit, args.cursor.as_deref()).await?;
    if out.json {
        return out.json(&page);
    }
    if page.items.is_empty() {
        out.note("Nothing bought yet.");
    } else {
        out.table(ORDER_HEADERS, &order_rows(&page.items, out.stdout_tty))?;
    }
    if let Some(cursor) = &page.next_cursor {
        out.note(format!("More: repeat with --cursor {cursor}"));
    }
    Ok(())
}

/// One page of GET /v1/me/purchases.
pub async fn fetch(
    session: &mut Session,
    limit: Option<u32>,
    cursor: Option<&str>,
) -> anyhow::Result<Page<Order>> {
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(limit) = limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(cursor) = cursor {
        query.push(("cursor", cursor.to_owned()));
    }
    let url = session.api.url(&["v1", "me", "purchases"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).query(&query).bearer_auth(token))
        .await?;
    Ok(api::json(response).await?)
}

pub const ORDER_HEADERS: &[&str] = &[
    "ORDER", "ARTWORK", "TITLE", "SERIAL", "PRICE", "STATUS", "DATE",
];

pub fn order_rows(orders: &[Order], shorten: bool) -> Vec<Vec<String>> {
    orders
        .iter()
        .map(|o| {
            let title = o.title.clone().unwrap_or_else(|| "-".into());
            vec![
                o.id.clone(),
                o.artwork_id.clone(),
                if shorten {
                    ellipsize(&title, 40)
                } else {
                    title
                },
                serial(o),
                format_price(Some(&o.price)),
                o.status.clone(),
                or_dash(
                    o.paid_at
                        .or(o.created_at)
                        .map(|t| t.format("%Y-%m-%d").to_string()),
                ),
            ]
        })
        .collect()
}

/// "2/10", "7" for an open edition, "-" before payment.
pub fn serial(o: &Order) -> String {
    match (o.serial, o.edition_size) {
        (Some(n), Some(m)) => format!("{n}/{m}"),
        (Some(n), None) => n.to_string(),
        (None, _) => "-".into(),
    }
}
