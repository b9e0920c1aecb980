//! `artstationd`: runs any artstation role. With no arguments it runs every role in one process
//! on the embedded default (SQLite files and originals under the data dir).

mod config;
mod healthcheck;
mod metrics;
mod roles;
mod serve;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::config::Options;

/// jemalloc, not the system allocator: decoding an upload takes tens of megabytes for a moment,
/// and glibc's malloc kept such freed memory (an idle server stayed at 360 MB after a batch of
/// uploads). jemalloc's background threads purge freed pages after its decay time even when
/// the process is idle, so they go back to the OS (see `give_back_memory`).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Turns on jemalloc's background purging: without it, pages freed by a thread that then goes
/// idle (a decoding worker after a batch) are only purged when that thread allocates again.
fn give_back_memory() {
    #[cfg(not(target_env = "msvc"))]
    if let Err(e) = tikv_jemalloc_ctl::background_thread::write(true) {
        tracing::warn!(error = %e, "cannot start jemalloc's background purging");
    }
}

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
        /// A role to run (auth, artwork, commerce, gateway). Repeat for several.
        #[arg(long = "role", value_enum)]
        roles: Vec<config::Role>,
    },
    /// Apply every service's database migrations and exit.
    Migrate,
    /// Remove blobs no artwork references (older than --orphan-grace-secs) and exit.
    Gc,
    /// Administration that needs no running server.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Exit 0 when a role answers ready (the gateway's /readyz, a service's gRPC health),
    /// non-zero otherwise: for container health checks and probes.
    Healthcheck {
        /// The role to check [default: gateway].
        #[arg(long, value_enum)]
        role: Option<config::Role>,
    },
    /// The commerce ledger.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Signing keys of access tokens.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
}

#[derive(Subcommand, Debug)]
enum AdminCommand {
    /// Create an admin account (bootstrap), in the auth database this configuration names.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        username: String,
        /// Read the password from the first line of standard input (required: passwords never
        /// go on a command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand, Debug)]
enum LedgerCommand {
    /// Verify that every currency's postings sum to zero and every balance matches its
    /// postings; exit 0 when they do.
    Check,
}

#[derive(Subcommand, Debug)]
enum KeysCommand {
    /// Add a new signing key: published in the JWKS at once, signing only after
    /// --activate-in seconds, so every verifier has it before it meets a token it signed.
    /// Old keys stay published until the tokens they signed have expired.
    Rotate {
        #[arg(long, value_name = "SECONDS", default_value_t = 300)]
        activate_in: u64,
    },
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
    give_back_memory();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let command = cli.command.unwrap_or(Command::Serve { roles: Vec::new() });
        // A probe must not write: it runs often, maybe on a read-only file system.
        if !matches!(command, Command::Healthcheck { .. }) {
            serve::prepare_data_dir(&settings).await?;
        }
        match command {
            Command::Serve { roles } => serve::run(settings, roles).await,
            Command::Migrate => serve::migrate(&settings).await,
            Command::Gc => serve::gc(&settings).await,
            Command::Healthcheck { role } => healthcheck::run(&settings, role).await,
            Command::Ledger {
                command: LedgerCommand::Check,
            } => serve::ledger_check(&settings).await,
            Command::Admin {
                command:
                    AdminCommand::Create {
                        email,
                        username,
                        password_stdin: _,
                    },
            } => admin_create(&settings, &email, &username).await,
            Command::Keys {
                command: KeysCommand::Rotate { activate_in },
            } => {
                let kid = artstation_auth::rotate_signing_key(
                    settings.database_url(config::Role::Auth)?,
                    std::time::Duration::from_secs(activate_in),
                )
                .await?;
                println!("{kid}");
                Ok(())
            }
        }
    })
}

async fn admin_create(settings: &config::Settings, email: &str, username: &str) -> Result<()> {
    let mut password = String::new();
    std::io::stdin().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    let id = artstation_auth::create_admin(
        settings.database_url(config::Role::Auth)?,
        email,
        username,
        password,
    )
    .await?;
    println!("{id}");
    Ok(())
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colours only for a terminal: a log file or journal would keep the escape codes, which
    // split `trace_id=…` and `request_id=…` apart for anyone searching for them.
    use std::io::IsTerminal as _;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}
