//! `artstationd`: runs any artstation role. With no arguments it runs every role in one process
//! on the embedded default (SQLite files and originals under the data dir).

mod config;
mod serve;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::config::Options;

#[derive(Parser, Debug)]
#[command(
    name = "artstationd",
    version,
    about = "The artstation marketplace server"
)]
struct Cli {
    #[command(flatten)]
    options: Options,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run roles (all of them unless --role is given). The default command.
    Serve {
        /// A role to run: auth, artwork or gateway. Repeat for several.
        #[arg(long = "role", value_enum)]
        roles: Vec<config::Role>,
    },
    /// Apply every service's database migrations and exit.
    Migrate,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("artstationd: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let settings = config::Settings::resolve(cli.options)?;
    init_tracing(&settings.log);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve { roles: Vec::new() }) {
            Command::Serve { roles } => serve::run(settings, roles).await,
            Command::Migrate => serve::migrate(&settings).await,
        }
    })
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
