//! `artstation price set ID AMOUNT` and `artstation price bulk`: repricing one artwork with a
//! PATCH, or many in one server-side transaction.

use artstation_api::{ArtworkPatch, Percent, RepriceRequest, Repriced};

use crate::api;
use crate::args::{PriceBulkArgs, PriceCommand, PriceSetArgs};
use crate::commands::{
    edit, fetch_own_artwork, listed_currency, money_json, parse_currency, parse_money,
};
use crate::error::CliError;
use crate::output::{Output, artwork_price};
use crate::session::Session;

/// Bounds of `--percent` as the server states them: a cut of at most 90 %, a rise of at most
/// 1000 %.
const MAX_CUT: u32 = 90;
const MAX_RISE: u32 = 1000;

pub async fn run(out: &Output, session: &mut Session, cmd: PriceCommand) -> anyhow::Result<()> {
    match cmd {
        PriceCommand::Set(args) => set(out, session, args).await,
        PriceCommand::Bulk(args) => bulk(out, session, args).await,
    }
}

async fn set(out: &Output, session: &mut Session, args: PriceSetArgs) -> anyhow::Result<()> {
    let currency = match &args.currency {
        Some(code) => parse_currency("--currency", code)?,
        None => listed_currency(&fetch_own_artwork(session, &args.id).await?)?,
    };
    let price = parse_money("AMOUNT", &args.amount, currency)?;
    let change = ArtworkPatch {
        price: Some(money_json(price)),
        ..ArtworkPatch::default()
    };
    let artwork = edit::patch(session, &args.id, &change).await?;
    if out.json {
        return out.json(&artwork);
    }
    out.line(format!(
        "{} ({}): {}",
        artwork.title,
        artwork.id,
        artwork_price(&artwork)
    ))
}

async fn bulk(out: &Output, session: &mut Session, args: PriceBulkArgs) -> anyhow::Result<()> {
    let body = reprice_body(&args)?;
    let url = session.api.url(&["v1", "me", "artworks", "reprice"]);
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let result: Repriced = api::json(response).await?;
    if out.json {
        return out.json(&result);
    }
    let updated = result.updated;
    out.line(format!(
        "Repriced {updated} artwork{}",
        if updated == 1 { "" } else { "s" }
    ))
}

/// The reprice request: exactly one change (`--percent` or `--set` with `--currency`) applied to
/// exactly one selection (`--all` or ids). Violations are usage errors caught before sending.
pub fn reprice_body(args: &PriceBulkArgs) -> Result<RepriceRequest, CliError> {
    let mut body = RepriceRequest::default();
    match (&args.percent, &args.set) {
        (Some(_), Some(_)) => {
            return Err(CliError::Usage(
                "give either --percent or --set, not both".into(),
            ));
        }
        (None, None) => {
            return Err(CliError::Usage(
                "give --percent P or --set AMOUNT --currency CODE".into(),
            ));
        }
        (Some(percent), None) => {
            if args.currency.is_some() {
                return Err(CliError::Usage(
                    "--currency goes with --set; --percent keeps each artwork's currency".into(),
                ));
            }
            body.percent = Some(Percent::new(parse_percent(percent)?));
        }
        (None, Some(amount)) => {
            // One amount over artworks in different currencies has no default to fall back on.
            let code = args.currency.as_deref().ok_or_else(|| {
                CliError::Usage("--set needs --currency, the currency of the new prices".into())
            })?;
            let money = parse_money("--set", amount, parse_currency("--currency", code)?)?;
            body.set = Some(money_json(money));
        }
    }
    match (args.all, args.ids.is_empty()) {
        (true, false) => {
            return Err(CliError::Usage(
                "give either --all or artwork ids, not both".into(),
            ));
        }
        (false, true) => {
            return Err(CliError::Usage(
                "give the artwork ids to reprice, or --all".into(),
            ));
        }
        (true, true) => {
            body.all = Some(true);
        }
        (false, false) => {
            let mut ids: Vec<String> = Vec::with_capacity(args.ids.len());
            for id in &args.ids {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
            body.ids = Some(ids);
        }
    }
    Ok(body)
}

/// `-10`, `+12.5`, `5%` → the decimal string the server takes ("-10", "12.5", "5"), checked
/// against the server's bounds exactly, without floating point.
pub fn parse_percent(input: &str) -> Result<String, CliError> {
    let bad = || {
        CliError::Usage(format!(
            "--percent: {input:?} is not a percentage from -{MAX_CUT} to {MAX_RISE}, e.g. -10 or 12.5"
        ))
    };
    let s = input.trim();
    let s = s.strip_suffix('%').unwrap_or(s).trim_end();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = match digits.split_once('.') {
        Some((whole, frac)) if !frac.is_empty() => (whole, frac),
        Some(_) => return Err(bad()),
        None => (digits, ""),
    };
    let is_digits = |d: &str| d.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !is_digits(whole) || !is_digits(frac) {
        return Err(bad());
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let frac = frac.trim_end_matches('0');
    let limit = if negative { MAX_CUT } else { MAX_RISE };
    // More digits than the limit has is out of range whatever they are; parsing is then safe.
    let whole_value: u32 = if whole.len() > 4 {
        return Err(bad());
    } else {
        whole.parse().map_err(|_| bad())?
    };
    if whole_value > limit || (whole_value == limit && !frac.is_empty()) {
        return Err(bad());
    }
    let zero = whole_value == 0 && frac.is_empty();
    let mut out = String::new();
    if negative && !zero {
        out.push('-');
    }
    out.push_str(whole);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command};
    use clap::Parser;
    use serde_json::{Value, json};

    fn bulk_args(flags: &[&str]) -> PriceBulkArgs {
        let argv = ["artstation", "price", "bulk"]
            .into_iter()
            .chain(flags.iter().copied());
        match Cli::try_parse_from(argv) {
            Ok(Cli {
                command: Command::Price(PriceCommand::Bulk(args)),
                ..
            }) => args,
            other => panic!("price bulk {flags:?} did not parse: {other:?}"),
        }
    }

    fn body(flags: &[&str]) -> Result<Value, CliError> {
        reprice_body(&bulk_args(flags)).map(|b| serde_json::to_value(b).unwrap_or_default())
    }

    #[test]
    fn reprice_bodies() -> anyhow::Result<()> {
        assert_eq!(
            body(&["--percent", "-10.5", "--all"])?,
            json!({"percent": "-10.5", "all": true})
        );
        assert_eq!(
            body(&["--percent=15%", "a1", "a2", "a1"])?,
            json!({"percent": "15", "ids": ["a1", "a2"]})
        );
        assert_eq!(
            body(&["--set", "9.99", "--currency", "usd", "a1"])?,
            json!({"set": {"amount_minor": 999, "currency": "USD"}, "ids": ["a1"]})
        );
        assert_eq!(
            body(&["a1", "--set", "700", "--currency", "JPY"])?,
            json!({"set": {"amount_minor": 700, "currency": "JPY"}, "ids": ["a1"]})
        );
        Ok(())
    }

    #[test]
    fn exactly_one_change_and_one_selection() {
        for flags in [
            &["--all"][..],
            &["--percent", "5", "--set", "1", "--currency", "USD", "--all"],
            &["--percent", "5"],
            &["--percent", "5", "--all", "a1"],
            &["--set", "1", "--all"],
            &["--percent", "5", "--currency", "USD", "--all"],
            &["--set", "1.234", "--currency", "USD", "--all"],
        ] {
            assert!(
                matches!(body(flags), Err(CliError::Usage(_))),
                "{flags:?} should be a usage error"
            );
        }
    }

    #[test]
    fn percentages_are_normalised_and_bounded() -> anyhow::Result<()> {
        for (input, sent) in [
            ("-10", "-10"),
            ("+12.50", "12.5"),
            (" 5% ", "5"),
            ("007", "7"),
            ("-90", "-90"),
            ("-90.000", "-90"),
            ("1000", "1000"),
            ("-0", "0"),
            ("0.25", "0.25"),
        ] {
            assert_eq!(parse_percent(input)?, sent, "{input}");
        }
        for input in [
            "-90.01",
            "1000.5",
            "1001",
            "-100",
            "",
            "-",
            "5.",
            ".5",
            "1e3",
            "ten",
            "99999999999",
            "--5",
        ] {
            assert!(
                matches!(parse_percent(input), Err(CliError::Usage(_))),
                "{input:?}"
            );
        }
        Ok(())
    }
}
