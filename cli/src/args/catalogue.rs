//! Flags of the catalogue commands: browsing and searching, and an artist's edits, prices,
//! publishing, deletions and favourites.

use clap::{Args, Subcommand, ValueEnum};

use super::Licence;

/// Order of a catalogue page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Newest first
    New,
    /// Most favourited first
    Popular,
    /// Cheapest first (by effective price)
    #[value(alias = "price_asc")]
    PriceAsc,
    /// Dearest first (by effective price)
    #[value(alias = "price_desc")]
    PriceDesc,
}

impl Sort {
    /// The server's spelling, which uses underscores where the flag uses dashes.
    pub fn as_query(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Popular => "popular",
            Self::PriceAsc => "price_asc",
            Self::PriceDesc => "price_desc",
        }
    }
}

/// Catalogue filters shared by `list` and `search`.
#[derive(Debug, Clone, Default, Args)]
pub struct CatalogueFilters {
    /// Only artworks with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only artworks in this category (a slug, see the categories of the server)
    #[arg(long, value_name = "SLUG")]
    pub category: Option<String>,
    /// Only artworks by this artist
    #[arg(long, value_name = "USERNAME")]
    pub artist: Option<String>,
    /// Only artworks sold under this licence
    #[arg(long, value_enum)]
    pub licence: Option<Licence>,
    /// Lowest effective price, in major units of --currency, e.g. 10 or 9.99
    #[arg(long, value_name = "AMOUNT")]
    pub min_price: Option<String>,
    /// Highest effective price, in major units of --currency
    #[arg(long, value_name = "AMOUNT")]
    pub max_price: Option<String>,
    /// Currency of the artworks and of --min-price/--max-price (USD for the price bounds when absent)
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Order of the results
    #[arg(long, value_enum)]
    pub sort: Option<Sort>,
    /// Items per page
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: Option<u32>,
    /// Continue from the `next_cursor` of a previous page
    #[arg(long)]
    pub cursor: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: CatalogueFilters,
    /// Your own works instead, drafts and hidden ones included, newest first
    #[arg(long, conflicts_with_all = ["tag", "category", "artist", "licence", "min_price", "max_price", "currency", "sort"])]
    pub mine: bool,
    /// With --mine: only works with this status
    #[arg(long, value_enum, requires = "mine")]
    pub status: Option<StatusFilter>,
}

/// The status of one's own works `list --mine` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    Draft,
    Published,
    /// Hidden by moderation
    Hidden,
}

impl StatusFilter {
    pub fn as_query(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Hidden => "hidden",
        }
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for in titles, descriptions and tags
    pub query: String,
    #[command(flatten)]
    pub filters: CatalogueFilters,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Artwork id
    pub id: String,
    /// New title
    #[arg(long)]
    pub title: Option<String>,
    /// New description ('' clears it)
    #[arg(long)]
    pub description: Option<String>,
    /// Comma-separated tags replacing the current ones ('' removes every tag)
    #[arg(long, value_delimiter = ',', value_name = "TAG,...", num_args = 1)]
    pub tags: Option<Vec<String>>,
    /// New category
    #[arg(long, value_name = "SLUG", conflicts_with = "no_category")]
    pub category: Option<String>,
    /// Remove the category
    #[arg(long)]
    pub no_category: bool,
    /// New price in major units, e.g. 12.50
    #[arg(long, value_name = "AMOUNT")]
    pub price: Option<String>,
    /// Currency of --price (default: the artwork's current currency)
    #[arg(long, value_name = "CODE", requires = "price")]
    pub currency: Option<String>,
    /// Licence granted to buyers
    #[arg(long, value_enum)]
    pub licence: Option<Licence>,
    /// Make it a limited edition of N copies
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), conflicts_with = "open_edition")]
    pub edition: Option<u32>,
    /// Make it an open edition (no limit on copies)
    #[arg(long)]
    pub open_edition: bool,
    /// Turn it back into a draft, hidden from the catalogue
    #[arg(long, conflicts_with = "publish")]
    pub draft: bool,
    /// Publish it
    #[arg(long)]
    pub publish: bool,
}

#[derive(Debug, Subcommand)]
pub enum PriceCommand {
    /// Set the price of one artwork
    Set(PriceSetArgs),
    /// Reprice several of your artworks at once, by a percentage or to one price
    Bulk(PriceBulkArgs),
}

#[derive(Debug, Args)]
pub struct PriceSetArgs {
    /// Artwork id
    pub id: String,
    /// New price in major units, e.g. 12.50
    pub amount: String,
    /// Currency of the price (default: the artwork's current currency)
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
}

/// Exactly one of --percent and --set, and exactly one of --all and IDs; checked by the
/// command rather than clap so that `--json` reports the mistake as a JSON error.
#[derive(Debug, Args)]
pub struct PriceBulkArgs {
    /// Artwork ids to reprice
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Reprice every artwork of yours
    #[arg(long)]
    pub all: bool,
    /// Change prices by this percentage, -90 to 1000 (e.g. -10 or 12.5); the server rounds to
    /// whole minor units, half away from zero
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    pub percent: Option<String>,
    /// Set every price to this amount, in major units of --currency
    #[arg(long, value_name = "AMOUNT")]
    pub set: Option<String>,
    /// Currency of --set
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Artwork id
    pub id: String,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Artwork id
    pub id: String,
    /// Delete without asking (required when standard input is not a terminal)
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum FavCommand {
    /// Add an artwork to your favourites
    Add(FavIdArgs),
    /// Remove an artwork from your favourites
    Rm(FavIdArgs),
    /// List your favourites
    List(FavListArgs),
}

#[derive(Debug, Args)]
pub struct FavIdArgs {
    /// Artwork id
    pub id: String,
}

#[derive(Debug, Args)]
pub struct FavListArgs {
    /// Items per page
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: Option<u32>,
    /// Continue from the `next_cursor` of a previous page
    #[arg(long)]
    pub cursor: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Artwork id
    pub id: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command};
    use clap::Parser;

    #[test]
    fn search_takes_the_list_filters() {
        let cli = Cli::try_parse_from([
            "artstation",
            "search",
            "red sun",
            "--tag",
            "sky",
            "--min-price",
            "10",
            "--currency",
            "EUR",
            "--sort",
            "price-asc",
            "--limit",
            "5",
        ]);
        let Ok(Cli {
            command: Command::Search(search),
            ..
        }) = cli
        else {
            panic!("search did not parse: {cli:?}");
        };
        assert_eq!(search.query, "red sun");
        assert_eq!(search.filters.tag.as_deref(), Some("sky"));
        assert_eq!(search.filters.min_price.as_deref(), Some("10"));
        assert_eq!(search.filters.sort, Some(Sort::PriceAsc));
        assert_eq!(search.filters.limit, Some(5));
    }

    #[test]
    fn sort_accepts_the_server_spelling_too() {
        for (flag, want) in [
            ("price-desc", Sort::PriceDesc),
            ("price_desc", Sort::PriceDesc),
        ] {
            let cli = Cli::try_parse_from(["artstation", "list", "--sort", flag]);
            let Ok(Cli {
                command: Command::List(list),
                ..
            }) = cli
            else {
                panic!("list --sort {flag} did not parse: {cli:?}");
            };
            assert_eq!(list.filters.sort, Some(want));
        }
        assert!(Cli::try_parse_from(["artstation", "list", "--sort", "cheap"]).is_err());
    }

    #[test]
    fn negative_percentages_are_values_not_flags() {
        let cli = Cli::try_parse_from(["artstation", "price", "bulk", "--percent", "-10", "--all"]);
        let Ok(Cli {
            command: Command::Price(PriceCommand::Bulk(bulk)),
            ..
        }) = cli
        else {
            panic!("price bulk did not parse: {cli:?}");
        };
        assert_eq!(bulk.percent.as_deref(), Some("-10"));
        assert!(bulk.all);
    }
}
