//! `artstation fav add|rm|list`: the caller's favourites. Adding and removing are idempotent on
//! the server, so repeating them is never an error.

use artstation_api::{Artwork, Page};
use serde_json::json;

use crate::api;
use crate::args::{FavCommand, FavListArgs};
use crate::commands::list::print_page;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, cmd: FavCommand) -> anyhow::Result<()> {
    match cmd {
        FavCommand::Add(args) => mark(out, session, &args.id, true).await,
        FavCommand::Rm(args) => mark(out, session, &args.id, false).await,
        FavCommand::List(args) => list(out, session, args).await,
    }
}

/// PUT or DELETE /v1/artworks/{id}/favorite.
async fn mark(out: &Output, session: &mut Session, id: &str, favorite: bool) -> anyhow::Result<()> {
    let url = session.api.url(&["v1", "artworks", id, "favorite"]);
    session.put_or_delete(&url, favorite).await?;
    if out.json {
        return out.json(&json!({ "id": id, "favorite": favorite }));
    }
    if favorite {
        out.note(format!("Added {id} to your favourites"));
    } else {
        out.note(format!("Removed {id} from your favourites"));
    }
    Ok(())
}

async fn list(out: &Output, session: &mut Session, args: FavListArgs) -> anyhow::Result<()> {
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(limit) = args.limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(cursor) = &args.cursor {
        query.push(("cursor", cursor.clone()));
    }
    let url = session.api.url(&["v1", "me", "favorites"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).query(&query).bearer_auth(token))
        .await?;
    let page: Page<Artwork> = api::json(response).await?;
    print_page(out, &page, "No favourites yet.")
}
