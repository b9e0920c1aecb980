//! `artstation search QUERY`: the catalogue narrowed by words, with the same filters as `list`.

use crate::args::SearchArgs;
use crate::commands::list::{catalogue_query, fetch_page, print_page};
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: SearchArgs) -> anyhow::Result<()> {
    let words = args.query.trim();
    // An empty query would silently turn the search into a plain listing.
    if words.is_empty() {
        return Err(
            CliError::Usage("the search query is empty; use `artstation list`".into()).into(),
        );
    }
    let query = catalogue_query(&args.filters, Some(words))?;
    let page = fetch_page(session, &query).await?;
    print_page(out, &page, "No artworks match.")
}
