//! Following artists and watching what they publish.

use clap::Args;

#[derive(Debug, Args)]
pub struct FollowArgs {
    /// The artist's username or user id
    #[arg(value_name = "USER")]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Also print the works newer than this artwork id that you missed (at most a page)
    #[arg(long, value_name = "ID")]
    pub since: Option<String>,
}
