//! Flags of the buying and selling commands.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct BuyArgs {
    /// Artwork id
    pub id: String,
    /// Refuse to pay unless the artwork costs exactly this, in major units (e.g. 12.50)
    #[arg(long, value_name = "AMOUNT")]
    pub expected_price: Option<String>,
    /// Currency of --expected-price (default: the artwork's)
    #[arg(long, value_name = "CODE", requires = "expected_price")]
    pub currency: Option<String>,
    /// Buy without asking (required when standard input is not a terminal)
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct LibraryArgs {
    /// Items per page
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: Option<u32>,
    /// Continue from the `next_cursor` of a previous page
    #[arg(long)]
    pub cursor: Option<String>,
}

#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// Artwork id
    pub id: String,
    /// File or folder to save to (default: ./ID.EXT, the extension from the file's type)
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace an existing file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct WalletArgs {
    #[command(subcommand)]
    pub command: Option<WalletCommand>,
}

#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Add money to your wallet (sandbox payments only)
    Topup(TopupArgs),
}

#[derive(Debug, Args)]
pub struct TopupArgs {
    /// Amount in major units, e.g. 25 or 12.50
    pub amount: String,
    /// ISO 4217 currency of the amount
    #[arg(long, value_name = "CODE")]
    pub currency: String,
}

#[derive(Debug, Args)]
pub struct RefundArgs {
    /// Order id
    pub order: String,
    /// Refund without asking (required when standard input is not a terminal)
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct SalesArgs {
    /// Items per page
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: Option<u32>,
    /// Continue from the `next_cursor` of a previous page
    #[arg(long)]
    pub cursor: Option<String>,
}

#[derive(Debug, Args)]
pub struct PayoutArgs {
    /// Currency of the earnings to pay out
    #[arg(long, value_name = "CODE")]
    pub currency: String,
}

#[derive(Debug, Subcommand)]
pub enum LicenceCommand {
    /// Show the licence certificate of an order, or save it to a file
    Show(LicenceShowArgs),
    /// Check a saved certificate's signature (offline once the keys are cached)
    Verify(LicenceVerifyArgs),
}

#[derive(Debug, Args)]
pub struct LicenceShowArgs {
    /// Order id
    pub order: String,
    /// Write the certificate (a compact JWS) to this file
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LicenceVerifyArgs {
    /// A certificate saved by `licence show -o`
    pub file: PathBuf,
    /// Verify with this key (a JWKS or a single JWK) instead of the server's cached keys
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
}
