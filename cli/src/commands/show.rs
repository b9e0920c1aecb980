//! `artstation show ID`: one artwork. Sent with credentials when there are any, so an artist
//! sees their own drafts.

use artstation_api::Artwork;

use crate::api;
use crate::args::ShowArgs;
use crate::output::{Output, artwork_price, or_dash};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: ShowArgs) -> anyhow::Result<()> {
    let url = session.api.url(&["v1", "artworks", &args.id]);
    let response = session
        .send_maybe_authed(|client| client.get(url.clone()))
        .await?;
    let artwork: Artwork = api::json(response).await?;
    print(out, &artwork)
}

/// One artwork: the document with `--json`, aligned fields on a terminal, `key<TAB>value`
/// lines otherwise. Shared by the commands that answer with an artwork.
pub fn print(out: &Output, artwork: &Artwork) -> anyhow::Result<()> {
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

pub fn fields(a: &Artwork) -> Vec<(&'static str, String)> {
    let tags = if a.tags.is_empty() {
        "-".into()
    } else {
        a.tags.join(", ")
    };
    vec![
        ("Title", a.title.clone()),
        ("ID", a.id.clone()),
        ("Artist", a.artist.username.clone()),
        ("Price", artwork_price(a)),
        ("Status", a.status.as_str().to_owned()),
        ("Licence", a.licence.clone()),
        ("Edition", edition(a)),
        ("Category", or_dash(a.category.as_deref())),
        ("Tags", tags),
        ("Favorites", a.favorite_count.to_string()),
        (
            "Created",
            or_dash(a.created_at.as_ref().map(artstation_api::time::micros)),
        ),
        ("Preview", or_dash(a.preview_url.as_deref())),
        ("Thumbnail", or_dash(a.thumbnail_url.as_deref())),
        ("SHA-256", or_dash(a.sha256.as_deref())),
        ("Description", a.description.clone()),
    ]
}

/// "open" for an open edition (null), else the number of copies.
fn edition(a: &Artwork) -> String {
    a.edition_size
        .map_or_else(|| "open".into(), |n| n.to_string())
}
