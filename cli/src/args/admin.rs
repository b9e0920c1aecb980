//! Flags of moderation: a user's reports and appeals, and the `admin` commands.
//!
//! Commands that act on many things take ids as arguments, and `-` among them reads one id per
//! line from standard input, so `... --json | jq -r '.items[].artwork.id' | artstation admin
//! hide - --reason spam --yes` works.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};

/// Why a user reports an artwork.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportReason {
    /// The work is someone else's
    Stolen,
    Spam,
    Nsfw,
    Offensive,
    Other,
}

impl ReportReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stolen => "stolen",
            Self::Spam => "spam",
            Self::Nsfw => "nsfw",
            Self::Offensive => "offensive",
            Self::Other => "other",
        }
    }
}

/// A reason filter of the moderation queue: a report reason, or the upload pipeline's
/// near-duplicate flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueueReason {
    Stolen,
    Spam,
    Nsfw,
    Offensive,
    Other,
    /// Uploads flagged as near-duplicates of another artist's work
    #[value(name = "near_duplicate", alias = "near-duplicate")]
    NearDuplicate,
}

impl QueueReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stolen => "stolen",
            Self::Spam => "spam",
            Self::Nsfw => "nsfw",
            Self::Offensive => "offensive",
            Self::Other => "other",
            Self::NearDuplicate => "near_duplicate",
        }
    }
}

/// A role an admin can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleName {
    Buyer,
    Artist,
    Admin,
}

impl RoleName {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Buyer => "buyer",
            Self::Artist => "artist",
            Self::Admin => "admin",
        }
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Artwork id
    pub id: String,
    /// Why the work should be looked at
    #[arg(long, value_enum)]
    pub reason: ReportReason,
    /// What the moderators should know (at most 1000 characters)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// `--limit`, `--cursor` and `--all` of every paged list here.
#[derive(Debug, Clone, Default, Args)]
pub struct PageArgs {
    /// Items per page
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: Option<u32>,
    /// Continue from the `next_cursor` of a previous page
    #[arg(long, conflicts_with = "all")]
    pub cursor: Option<String>,
    /// Fetch every page and print them as one list
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct MyReportsArgs {
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct AppealArgs {
    /// Id of your hidden artwork
    pub id: String,
    /// Why the work should be shown again (1 to 2000 characters)
    #[arg(long, value_name = "TEXT")]
    pub message: String,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// The moderation queue: reported and flagged artworks, most recently reported first
    Reports(QueueArgs),
    /// Uploads flagged as near-duplicates of another artist's work
    Flagged(FlaggedArgs),
    /// Hide artworks from everyone but their owner and admins (resolves their reports)
    Hide(ModerateArgs),
    /// Show hidden artworks again (upholds a pending appeal)
    Restore(ModerateArgs),
    /// Remove artworks for good (buyers keep access; resolves their reports)
    Remove(ModerateArgs),
    /// Dismiss every open report and near-duplicate flag of artworks
    Dismiss(DismissArgs),
    /// Ban users: their sessions and access tokens end at once
    Ban(BanArgs),
    /// Lift bans
    Unban(UnbanArgs),
    /// Change a user's role
    Role(RoleArgs),
    /// List and search users
    Users(UsersArgs),
    /// Every admin action, newest first
    Audit(AuditArgs),
}

#[derive(Debug, Args)]
pub struct QueueArgs {
    /// Only artworks reported for this reason (near_duplicate: only flagged uploads)
    #[arg(long, value_enum)]
    pub reason: Option<QueueReason>,
    /// Only items first reported at least this long ago: seconds, or 30m, 12h, 7d, 2w
    #[arg(long, value_name = "AGE", value_parser = parse_age)]
    pub min_age: Option<u64>,
    /// Only items first reported at most this long ago
    #[arg(long, value_name = "AGE", value_parser = parse_age)]
    pub max_age: Option<u64>,
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct FlaggedArgs {
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct ModerateArgs {
    /// Artwork ids; `-` reads one per line from standard input
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Why (recorded in the audit log and shown to the artist)
    #[arg(long)]
    pub reason: String,
    /// Do it without asking (required when there is no terminal to ask on)
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct DismissArgs {
    /// Artwork ids; `-` reads one per line from standard input
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Why (recorded in the audit log)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct BanArgs {
    /// User ids (as `admin users` prints them) or usernames; `-` reads one per line from stdin
    #[arg(required = true, value_name = "USER")]
    pub users: Vec<String>,
    /// Why (recorded in the audit log)
    #[arg(long)]
    pub reason: String,
    /// Do it without asking (required when there is no terminal to ask on)
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct UnbanArgs {
    /// User ids or usernames; `-` reads one per line from standard input
    #[arg(required = true, value_name = "USER")]
    pub users: Vec<String>,
    /// Why (recorded in the audit log)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct RoleArgs {
    /// User id or username
    pub user: String,
    /// The new role
    #[arg(value_enum)]
    pub role: RoleName,
    /// Why (recorded in the audit log)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct UsersArgs {
    /// Only users whose name or email contains this
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Only users with this role
    #[arg(long, value_enum)]
    pub role: Option<RoleName>,
    /// Only banned users
    #[arg(long)]
    pub banned: bool,
    #[command(flatten)]
    pub page: PageArgs,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only actions by this admin (a user id)
    #[arg(long, value_name = "USER")]
    pub actor: Option<String>,
    /// Only this action: hide, restore, remove, dismiss, ban, unban, role, ...
    #[arg(long)]
    pub action: Option<String>,
    /// Only actions on this target (an artwork or user id)
    #[arg(long, value_name = "ID")]
    pub target: Option<String>,
    /// Only actions at or after this instant: RFC 3339, or an age like 7d
    #[arg(long, value_name = "TIME", value_parser = parse_instant)]
    pub since: Option<DateTime<Utc>>,
    /// Only actions before this instant: RFC 3339, or an age like 1h
    #[arg(long, value_name = "TIME", value_parser = parse_instant)]
    pub until: Option<DateTime<Utc>>,
    #[command(flatten)]
    pub page: PageArgs,
}

/// An age in seconds: a bare number, or a number with s, m, h, d or w.
pub fn parse_age(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not an age like 90, 30m, 12h, 7d or 2w"))?;
    let scale = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        other => return Err(format!("unknown unit {other:?}; use s, m, h, d or w")),
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("{text:?} is too long ago"))
}

/// An instant: RFC 3339, or an age counted back from now.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(at.with_timezone(&Utc));
    }
    let seconds = parse_age(text)
        .map_err(|_| format!("{text:?} is neither an RFC 3339 time nor an age like 7d"))?;
    i64::try_from(seconds)
        .ok()
        .and_then(chrono::TimeDelta::try_seconds)
        .and_then(|age| Utc::now().checked_sub_signed(age))
        .ok_or_else(|| format!("{text:?} is too long ago"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command};
    use clap::Parser;

    #[test]
    fn ages_take_units() {
        assert_eq!(parse_age("90"), Ok(90));
        assert_eq!(parse_age("30m"), Ok(1800));
        assert_eq!(parse_age("12h"), Ok(43_200));
        assert_eq!(parse_age("7d"), Ok(604_800));
        assert_eq!(parse_age("2w"), Ok(1_209_600));
        for bad in ["", "d", "7y", "-1d", "1.5h"] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn instants_are_rfc3339_or_ages() {
        let at = parse_instant("2026-01-02T03:04:05Z");
        assert_eq!(
            at.map(|t| t.to_rfc3339()),
            Ok("2026-01-02T03:04:05+00:00".into())
        );
        let week_ago = parse_instant("7d").unwrap_or_default();
        let age = Utc::now() - week_ago;
        assert!((age.num_seconds() - 604_800).abs() < 5, "{age}");
        assert!(parse_instant("yesterday").is_err());
    }

    #[test]
    fn hide_takes_ids_and_a_dash() {
        let cli = Cli::try_parse_from([
            "artstation",
            "admin",
            "hide",
            "a1",
            "-",
            "--reason",
            "spam",
            "--yes",
        ]);
        let Ok(Cli {
            command: Command::Admin(AdminCommand::Hide(args)),
            ..
        }) = cli
        else {
            panic!("hide did not parse: {cli:?}");
        };
        assert_eq!(args.ids, ["a1", "-"]);
        assert_eq!(args.reason, "spam");
        assert!(args.yes);
    }

    #[test]
    fn moderation_needs_a_reason() {
        for argv in [
            &["artstation", "admin", "hide", "a1"][..],
            &["artstation", "admin", "ban", "u1", "--yes"],
            &["artstation", "admin", "role", "u1", "artist"],
            &["artstation", "report", "a1"],
        ] {
            assert!(Cli::try_parse_from(argv).is_err(), "{argv:?}");
        }
    }

    #[test]
    fn queue_filters_parse() {
        let cli = Cli::try_parse_from([
            "artstation",
            "admin",
            "reports",
            "--reason",
            "near_duplicate",
            "--min-age",
            "7d",
            "--all",
        ]);
        let Ok(Cli {
            command: Command::Admin(AdminCommand::Reports(q)),
            ..
        }) = cli
        else {
            panic!("reports did not parse: {cli:?}");
        };
        assert_eq!(q.reason, Some(QueueReason::NearDuplicate));
        assert_eq!(q.min_age, Some(604_800));
        assert!(q.page.all);
    }
}
