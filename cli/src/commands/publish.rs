//! `artstation publish ID`: puts a draft in the catalogue.

use artstation_api::{ArtworkPatch, ArtworkStatus};

use crate::args::PublishArgs;
use crate::commands::edit;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: PublishArgs) -> anyhow::Result<()> {
    let publish = ArtworkPatch {
        status: Some(ArtworkStatus::Published),
        ..ArtworkPatch::default()
    };
    let artwork = edit::patch(session, &args.id, &publish).await?;
    if out.json {
        return out.json(&artwork);
    }
    out.line(format!("Published {} ({})", artwork.title, artwork.id))
}
