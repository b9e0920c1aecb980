//! `artstation unfollow USER`: stop following an artist (by username or id); idempotent.

use crate::args::FollowArgs;
use crate::commands::follow;
use crate::output::Output;
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: FollowArgs) -> anyhow::Result<()> {
    follow::set(out, session, &args.user, false).await
}
