//! `artstation show ID`: one artwork. Sent with credentials when there are any, so an artist
//! sees their own drafts.

use serde_json::Value;

use crate::api;
use crate::args::ShowArgs;
use crate::output::{Output, format_effective_price, text};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: ShowArgs) -> anyhow::Result<()> {
    let url = session.api.url(&["v1", "artworks", &args.id]);
    let response = session
        .send_maybe_authed(|client| client.get(url.clone()))
        .await?;
    let artwork: Value = api::json(response).await?;
    print(out, &artwork)
}

/// One artwork: the document with `--json`, aligned fields on a terminal, `key<TAB>value`
/// lines otherwise. Shared by the commands that answer with an artwork.
pub fn print(out: &Output, artwork: &Value) -> anyhow::Result<()> {
    if out.json {
        return out.json(artwork);
    }
    let pairs = fields(artwork);
    let text = if out.stdout_tty {
        let width = pairs.iter().map(|(k, _)| k.len() + 1).max().unwrap_or(0);
        pairs
            .iter()
            .map(|(k, v)| format!("{:width$}  {v}\n", format!("{k}:")))
            .collect::<String>()
    } else {
        pairs
            .iter()
            .map(|(k, v)| format!("{}\t{}\n", k.to_lowercase(), v.replace(['\t', '\n'], " ")))
            .collect()
    };
    out.line(text.trim_end())
}

pub fn fields(a: &Value) -> Vec<(&'static str, String)> {
    let tags = a["tags"]
        .as_array()
        .map(|t| {
            t.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "-".into());
    vec![
        ("Title", text(a, "title")),
        ("ID", text(a, "id")),
        ("Artist", text(&a["artist"], "username")),
        ("Price", format_effective_price(a)),
        ("Status", text(a, "status")),
        ("Licence", text(a, "licence")),
        ("Edition", edition(a)),
        ("Category", text(a, "category")),
        ("Tags", tags),
        ("Favorites", text(a, "favorite_count")),
        ("Created", text(a, "created_at")),
        ("Preview", text(a, "preview_url")),
        ("Thumbnail", text(a, "thumbnail_url")),
        ("SHA-256", text(a, "sha256")),
        ("Description", text(a, "description")),
    ]
}

/// "open" for an open edition (null), else the number of copies.
fn edition(a: &Value) -> String {
    match a.get("edition_size") {
        Some(Value::Null) => "open".into(),
        _ => text(a, "edition_size"),
    }
}
