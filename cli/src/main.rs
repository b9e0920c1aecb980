//! `artstation`: parses flags, runs the command, and turns errors into the contract's exit codes
//! and error output.

use std::process::ExitCode;

use clap::Parser;

use artstation_cli::error::{error_document, exit_code, human_message};
use artstation_cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let json = cli.global.json;

    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|rt| rt.block_on(run(cli)));

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::debug!(error = ?err, "command failed");
            if json {
                eprintln!("{}", error_document(&err));
            } else {
                eprintln!("error: {}", human_message(&err));
            }
            ExitCode::from(exit_code(&err))
        }
    }
}

/// Logs go to stderr and are off unless `ARTSTATION_LOG` asks, so they never mix with output.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ARTSTATION_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("off"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
