//! One module per command; each takes what it needs and returns an error that knows its exit code.

pub mod admin;
pub mod appeal;
pub mod auth;
pub mod browse;
pub mod buy;
pub mod completions;
pub mod doctor;
pub mod download;
pub mod edit;
pub mod fav;
pub mod follow;
pub mod library;
pub mod licence;
pub mod list;
pub mod login;
pub mod logout;
pub mod passwd;
pub mod price;
pub mod publish;
pub mod refund;
pub mod register;
pub mod report;
pub mod reports;
pub mod rm;
pub mod sales;
pub mod search;
pub mod show;
pub mod unfollow;
pub mod upload;
pub mod wallet;
pub mod watch;
pub mod whoami;

use std::io::{BufRead, IsTerminal, Write};

use artstation_api::{Artwork, Price};
use artstation_domain::{Currency, Money};

use crate::api;
use crate::args::{Cli, Command};
use crate::error::CliError;
use crate::output::Output;
use crate::session::Session;

pub async fn dispatch(cli: Cli) -> anyhow::Result<()> {
    let out = Output::detect(cli.global.json, cli.global.quiet);
    match cli.command {
        Command::Completions(args) => completions::run(&args),
        Command::Browse(args) => browse::run(&cli.global, args).await,
        Command::Register(args) => register::run(&out, &cli.global, args).await,
        Command::Login(args) => login::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Logout(args) => logout::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Passwd(args) => passwd::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Whoami => whoami::run(&out, &mut Session::new(&cli.global)?).await,
        Command::Auth(cmd) => auth::run(&out, &mut Session::new(&cli.global)?, cmd).await,
        Command::Upload(args) => upload::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::List(args) => list::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Search(args) => search::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Show(args) => show::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Edit(args) => edit::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Price(cmd) => price::run(&out, &mut Session::new(&cli.global)?, cmd).await,
        Command::Publish(args) => publish::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Rm(args) => rm::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Fav(cmd) => fav::run(&out, &mut Session::new(&cli.global)?, cmd).await,
        Command::Follow(args) => follow::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Unfollow(args) => unfollow::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Watch(args) => watch::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Buy(args) => buy::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Library(args) => library::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Download(args) => download::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Wallet(args) => wallet::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Refund(args) => refund::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Sales(args) => sales::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Payout(args) => sales::payout(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Licence(cmd) => licence::run(&out, &cli.global, cmd).await,
        Command::Report(args) => report::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Reports(args) => reports::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Appeal(args) => appeal::run(&out, &mut Session::new(&cli.global)?, args).await,
        Command::Admin(cmd) => admin::run(&out, &mut Session::new(&cli.global)?, cmd).await,
        Command::Doctor => doctor::run(&out, &cli.global).await,
    }
}

pub fn stdin_is_tty() -> bool {
    std::io::stdin().is_terminal()
}

/// The password piped on stdin: its first line, without the line ending, never trimmed
/// otherwise since spaces may be part of it.
pub fn read_password_stdin() -> Result<String, CliError> {
    read_password_line(&mut std::io::stdin().lock())
}

/// One password per line of `input` (for commands that read several).
pub fn read_password_line(input: &mut impl BufRead) -> Result<String, CliError> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .map_err(|e| CliError::Usage(format!("cannot read the password from stdin: {e}")))?;
    let password = strip_line_ending(&line).to_owned();
    if password.is_empty() {
        return Err(CliError::Usage(
            "--password-stdin: standard input had no password".into(),
        ));
    }
    Ok(password)
}

fn strip_line_ending(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Asks for a line on the terminal.
pub fn prompt(label: &str) -> Result<String, CliError> {
    eprint!("{label}: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Usage(format!("cannot read {label}: {e}")))?;
    Ok(line.trim().to_owned())
}

/// Asks for a secret on the terminal without echoing it.
pub fn prompt_password(label: &str) -> Result<String, CliError> {
    rpassword::prompt_password(format!("{label}: "))
        .map_err(|e| CliError::Usage(format!("cannot read {label}: {e}")))
}

/// The value of a flag, else a prompt on a terminal, else a usage error naming the flag.
pub fn flag_or_prompt(value: Option<String>, flag: &str, label: &str) -> Result<String, CliError> {
    match value {
        Some(v) => Ok(v),
        None if stdin_is_tty() => prompt(label),
        None => Err(CliError::Usage(format!(
            "{flag} is required when standard input is not a terminal"
        ))),
    }
}

/// Asks a yes/no question on the terminal; anything but y or yes is a no.
pub fn confirm(question: &str) -> Result<bool, CliError> {
    let answer = prompt(&format!("{question} [y/N]"))?;
    Ok(matches!(answer.to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// A currency typed by the user; `flag` names where it came from in the error.
pub fn parse_currency(flag: &str, code: &str) -> Result<Currency, CliError> {
    Currency::parse(code).map_err(|e| CliError::Usage(format!("{flag}: {e}")))
}

/// A decimal amount typed by the user, converted exactly to minor units of `currency`.
pub fn parse_money(flag: &str, amount: &str, currency: Currency) -> Result<Money, CliError> {
    Money::parse_decimal(amount, currency).map_err(|e| CliError::Usage(format!("{flag}: {e}")))
}

/// The REST shape of a price.
pub fn money_json(money: Money) -> Price {
    Price::from(money)
}

/// One artwork as its owner sees it (drafts included); needs a session.
pub async fn fetch_own_artwork(session: &mut Session, id: &str) -> Result<Artwork, CliError> {
    let url = session.api.url(&["v1", "artworks", id]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
        .await?;
    api::json(response).await
}

/// The currency an artwork is listed in, so a bare amount keeps it.
pub fn listed_currency(artwork: &Artwork) -> Result<Currency, CliError> {
    let code = artwork.price.currency.as_str();
    Currency::parse(code).map_err(|e| {
        CliError::Invalid(format!(
            "the artwork is listed in {code}, which this client does not know ({e}); pass --currency"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_lines_keep_inner_spaces() {
        assert_eq!(
            strip_line_ending("  my pass phrase \r\n"),
            "  my pass phrase "
        );
        assert_eq!(strip_line_ending("secret\n"), "secret");
        assert_eq!(strip_line_ending("secret"), "secret");
    }
}
