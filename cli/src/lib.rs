//! The `artstation` command-line client as a library, so its pieces (credential stores, path
//! expansion, output shapes) are testable without a server and `main.rs` stays a thin shell.
//!
//! Invariant: this crate talks to the server only over the public REST contract; it never links
//! a service crate, only the shared domain newtypes.

pub mod api;
pub mod args;
pub mod commands;
pub mod credentials;
pub mod error;
pub mod licence;
pub mod output;
pub mod session;

pub use args::Cli;
pub use error::{CliError, exit_code};

/// Runs one parsed invocation to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    commands::dispatch(cli).await
}
