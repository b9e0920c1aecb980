//! `artstation wallet [topup AMOUNT --currency C]`: balances per currency, and sandbox top-ups.

use artstation_api::{TopUpRequest, Wallet};

use crate::api;
use crate::args::{TopupArgs, WalletArgs, WalletCommand};
use crate::commands::{parse_currency, parse_money};
use crate::output::{Output, format_price};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: WalletArgs) -> anyhow::Result<()> {
    let wallet = match args.command {
        None => {
            let url = session.api.url(&["v1", "me", "wallet"]);
            let response = session
                .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
                .await?;
            api::json::<Wallet>(response).await?
        }
        Some(WalletCommand::Topup(topup)) => top_up(out, session, topup).await?,
    };
    print(out, &wallet)
}

async fn top_up(out: &Output, session: &mut Session, args: TopupArgs) -> anyhow::Result<Wallet> {
    let body = topup_body(&args)?;
    let url = session.api.url(&["v1", "me", "wallet", "topup"]);
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let wallet = api::json::<Wallet>(response).await?;
    out.note(format!(
        "Added {} to your wallet",
        format_price(Some(&artstation_api::Price {
            amount_minor: body.amount_minor,
            currency: body.currency.clone(),
        }))
    ));
    Ok(wallet)
}

/// The top-up request: a positive amount typed in major units of the currency.
pub fn topup_body(args: &TopupArgs) -> Result<TopUpRequest, crate::error::CliError> {
    let currency = parse_currency("--currency", &args.currency)?;
    let money = parse_money("AMOUNT", &args.amount, currency)?;
    if money.amount_minor() <= 0 {
        return Err(crate::error::CliError::Usage(format!(
            "AMOUNT: a top-up must be more than zero, not {money}"
        )));
    }
    Ok(TopUpRequest {
        amount_minor: money.amount_minor(),
        currency: currency.code().to_owned(),
    })
}

fn print(out: &Output, wallet: &Wallet) -> anyhow::Result<()> {
    if out.json {
        return out.json(wallet);
    }
    if wallet.balances.is_empty() {
        out.note("Your wallet is empty.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = wallet
        .balances
        .iter()
        .map(|b| vec![b.currency.clone(), format_price(Some(b))])
        .collect();
    out.table(&["CURRENCY", "BALANCE"], &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CliError;

    fn args(amount: &str, currency: &str) -> TopupArgs {
        TopupArgs {
            amount: amount.into(),
            currency: currency.into(),
        }
    }

    #[test]
    fn top_ups_are_sent_in_minor_units() -> anyhow::Result<()> {
        let body = topup_body(&args("12.50", "eur"))?;
        assert_eq!((body.amount_minor, body.currency.as_str()), (1250, "EUR"));
        assert_eq!(topup_body(&args("500", "JPY"))?.amount_minor, 500);
        for (amount, currency) in [("0", "EUR"), ("-5", "EUR"), ("1.234", "EUR"), ("5", "EURO")] {
            assert!(
                matches!(topup_body(&args(amount, currency)), Err(CliError::Usage(_))),
                "{amount} {currency}"
            );
        }
        Ok(())
    }
}
