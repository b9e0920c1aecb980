//! The command-line surface, exactly as the contract names it.

use clap::{Args, Parser, Subcommand, ValueEnum};

mod admin;
mod browse;
mod catalogue;
mod commerce;
mod feed;
mod upload;

pub use admin::{
    AdminCommand, AppealArgs, AuditArgs, BanArgs, DismissArgs, FlaggedArgs, ModerateArgs,
    MyReportsArgs, PageArgs, QueueArgs, QueueReason, ReportArgs, ReportReason, RoleArgs, RoleName,
    UnbanArgs, UsersArgs,
};
pub use browse::{BrowseArgs, ImageProtocol};
pub use catalogue::{
    CatalogueFilters, EditArgs, FavCommand, FavIdArgs, FavListArgs, ListArgs, PriceBulkArgs,
    PriceCommand, PriceSetArgs, PublishArgs, RmArgs, SearchArgs, ShowArgs, Sort, StatusFilter,
};
pub use commerce::{
    BuyArgs, DownloadArgs, LibraryArgs, LicenceCommand, LicenceShowArgs, LicenceVerifyArgs,
    PayoutArgs, RefundArgs, SalesArgs, TopupArgs, WalletArgs, WalletCommand,
};

pub use feed::{FollowArgs, WatchArgs};
pub use upload::{DEFAULT_JOBS, UploadArgs};

pub const DEFAULT_SERVER: &str = "http://127.0.0.1:8080";

#[derive(Debug, Parser)]
#[command(
    name = "artstation",
    version,
    about = "Sell and buy digital art from the command line",
    propagate_version = true,
    after_help = "Environment:\n  ARTSTATION_SERVER            gateway URL (like --server)\n  ARTSTATION_PROFILE           credential profile (like --profile)\n  ARTSTATION_TOKEN             access token to use instead of stored credentials\n  ARTSTATION_CREDENTIAL_STORE  keyring|file: force where credentials are kept\n  ARTSTATION_CONFIG_DIR        directory of the credential file store\n  ARTSTATION_LOG               log filter, e.g. debug\n\nExit codes: 0 ok, 1 error, 2 usage, 3 not authenticated, 4 not found, 5 partial failure."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Gateway base URL
    #[arg(long, global = true, env = "ARTSTATION_SERVER", default_value = DEFAULT_SERVER, value_name = "URL")]
    pub server: String,
    /// Print one JSON document on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,
    /// Print nothing but results and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Credential profile, to keep several accounts on one server
    #[arg(
        long,
        global = true,
        env = "ARTSTATION_PROFILE",
        default_value = "default",
        value_name = "NAME"
    )]
    pub profile: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an account
    Register(RegisterArgs),
    /// Log in and store the session in the credential store
    Login(LoginArgs),
    /// End the session and forget the stored credentials
    Logout(LogoutArgs),
    /// Change your password; every other session of yours ends
    Passwd(PasswdArgs),
    /// Show the logged-in user
    Whoami,
    /// Inspect the stored session
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Upload image files or folders of images
    Upload(UploadArgs),
    /// List published artworks
    List(ListArgs),
    /// Search published artworks
    Search(SearchArgs),
    /// Show one artwork
    Show(ShowArgs),
    /// Change an artwork of yours
    Edit(EditArgs),
    /// Reprice one artwork, or many at once
    #[command(subcommand)]
    Price(PriceCommand),
    /// Publish a draft
    Publish(PublishArgs),
    /// Delete an artwork of yours
    Rm(RmArgs),
    /// Your favourite artworks
    #[command(subcommand)]
    Fav(FavCommand),
    /// Follow an artist, to see their new works in `watch`
    Follow(FollowArgs),
    /// Stop following an artist
    Unfollow(FollowArgs),
    /// Print new works of the artists you follow as they appear (Ctrl-C to stop)
    Watch(WatchArgs),
    /// Buy an artwork with your wallet
    Buy(BuyArgs),
    /// The artworks you bought
    Library(LibraryArgs),
    /// Download the original of an artwork you bought or own, checking its SHA-256
    Download(DownloadArgs),
    /// Your wallet balances; `wallet topup` adds money
    Wallet(WalletArgs),
    /// Refund an order of yours
    Refund(RefundArgs),
    /// Your sales and earnings per currency
    Sales(SalesArgs),
    /// Ask for a payout of your available earnings in one currency
    Payout(PayoutArgs),
    /// Licence certificates of your orders
    #[command(subcommand)]
    Licence(LicenceCommand),
    /// Report an artwork to the moderators
    Report(ReportArgs),
    /// Your reports and what came of them
    Reports(MyReportsArgs),
    /// Appeal the hiding of an artwork of yours (once)
    Appeal(AppealArgs),
    /// Moderation and user management (admins)
    #[command(subcommand)]
    Admin(AdminCommand),
    /// A full-screen gallery in the terminal, with pictures
    Browse(BrowseArgs),
    /// Check the credential store, the server, the clock, the terminal and file permissions
    Doctor,
    /// Print a shell completion script
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// End every session of this account, on every device
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct PasswdArgs {
    /// Read the current password from the first line of standard input and the new one from
    /// the second (for scripts; on a terminal you are prompted)
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// Email address (prompted on a terminal when absent)
    #[arg(long)]
    pub email: Option<String>,
    /// User name (prompted on a terminal when absent)
    #[arg(long)]
    pub username: Option<String>,
    /// Register as an artist, who can sell artworks
    #[arg(long)]
    pub artist: bool,
    /// Read the password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Email or user name (prompted on a terminal when absent)
    #[arg(long, value_name = "EMAIL_OR_USERNAME")]
    pub login: Option<String>,
    /// Read the password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Show where credentials are stored and whether a session exists
    Status,
    /// Print the current access token (refreshing it if needed), for scripts
    Token,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Licence {
    Personal,
    Commercial,
}

impl Licence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Commercial => "commercial",
        }
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate the script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The clap command tree, for completions and documentation generators.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_tree_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn upload_flags_parse() {
        let cli = Cli::try_parse_from([
            "artstation",
            "--json",
            "upload",
            "a.png",
            "dir",
            "--price",
            "12.50",
            "--tags",
            "a,b",
            "--licence",
            "personal",
            "--edition",
            "3",
            "--draft",
        ]);
        let Ok(Cli {
            global,
            command: Command::Upload(up),
        }) = cli
        else {
            panic!("upload did not parse: {cli:?}");
        };
        assert!(global.json);
        assert_eq!(up.paths.len(), 2);
        assert_eq!(up.tags, ["a", "b"]);
        assert_eq!(up.licence, Some(Licence::Personal));
        assert_eq!(up.edition, Some(3));
        assert_eq!(up.currency, "USD");
        assert!(up.draft);
    }
}
