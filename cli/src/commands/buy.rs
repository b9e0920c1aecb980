//! `artstation buy ID`: pays for an artwork from the wallet. The command makes one
//! Idempotency-Key and sends it with every retry, so a retry after a lost answer returns the
//! order already made instead of buying twice.

use std::time::Duration;

use artstation_api::{Artwork, Order, Price, PurchaseRequest, Wallet};

use crate::api;
use crate::args::BuyArgs;
use crate::commands::{
    confirm, listed_currency, money_json, parse_currency, parse_money, stdin_is_tty,
};
use crate::error::CliError;
use crate::output::{Output, format_price, or_dash};
use crate::session::Session;

/// Pauses before the 2nd, 3rd and 4th attempt.
const BACKOFF: [Duration; 3] = [
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];

pub async fn run(out: &Output, session: &mut Session, args: BuyArgs) -> anyhow::Result<()> {
    if !args.yes && !stdin_is_tty() {
        return Err(CliError::Usage(
            "buy asks for confirmation; pass --yes when standard input is not a terminal".into(),
        )
        .into());
    }
    let artwork = fetch_artwork(session, &args.id).await?;
    let pays = artwork
        .effective_price
        .clone()
        .unwrap_or_else(|| artwork.price.clone());
    let mut expected = match &args.expected_price {
        Some(amount) => {
            let currency = match &args.currency {
                Some(code) => parse_currency("--currency", code)?,
                None => listed_currency(&artwork)?,
            };
            Some(money_json(parse_money(
                "--expected-price",
                amount,
                currency,
            )?))
        }
        None => None,
    };
    if !args.yes {
        let balance = wallet_balance(session, &pays.currency).await;
        eprintln!(
            "{} by {}: {}{}",
            artwork.title,
            artwork.artist.username,
            format_price(Some(&pays)),
            editions_note(&artwork)
        );
        eprintln!(
            "Your wallet: {}",
            or_dash(balance.as_ref().map(|b| format_price(Some(b))))
        );
        if !confirm("Buy it?")? {
            return Err(anyhow::anyhow!("cancelled; nothing was bought"));
        }
        // What the user agreed to is what they pay: a price change in between is refused.
        expected.get_or_insert(pays);
    }
    let body = PurchaseRequest {
        expected_price: expected,
    };
    let key = uuid::Uuid::now_v7().to_string();
    let order = purchase(out, session, &args.id, &key, &body).await?;
    if out.json {
        return out.json(&order);
    }
    let title = order.title.clone().unwrap_or(artwork.title);
    out.line(bought_line(&title, &order))
}

/// "Bought Sunset — serial 2 of 10 for 12.50 EUR; order o1".
pub fn bought_line(title: &str, order: &Order) -> String {
    let serial = match (order.serial, order.edition_size) {
        (Some(n), Some(m)) => format!(" — serial {n} of {m}"),
        (Some(n), None) => format!(" — serial {n} (open edition)"),
        (None, _) => String::new(),
    };
    format!(
        "Bought {title}{serial} for {}; order {}",
        format_price(Some(&order.price)),
        order.id
    )
}

fn editions_note(artwork: &Artwork) -> String {
    match (artwork.edition_size, artwork.editions_remaining) {
        (Some(size), Some(left)) => format!(" ({left} of {size} editions left)"),
        _ => String::new(),
    }
}

async fn fetch_artwork(session: &mut Session, id: &str) -> Result<Artwork, CliError> {
    let url = session.api.url(&["v1", "artworks", id]);
    let response = session
        .send_maybe_authed(|client| client.get(url.clone()))
        .await?;
    api::json(response).await
}

/// The balance in one currency; `None` when it cannot be read (the prompt then shows "-").
async fn wallet_balance(session: &mut Session, currency: &str) -> Option<Price> {
    let url = session.api.url(&["v1", "me", "wallet"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
        .await
        .ok()?;
    let wallet: Wallet = api::json(response).await.ok()?;
    let balance = wallet.balances.into_iter().find(|b| b.currency == currency);
    Some(balance.unwrap_or(Price {
        amount_minor: 0,
        currency: currency.to_owned(),
    }))
}

/// POST the purchase, retrying what may be transient with the same key.
async fn purchase(
    out: &Output,
    session: &mut Session,
    id: &str,
    key: &str,
    body: &PurchaseRequest,
) -> Result<Order, CliError> {
    let url = session.api.url(&["v1", "artworks", id, "purchase"]);
    let on_retry = |e: &CliError, pause: Duration| {
        out.note(format!("{e}; retrying in {} ms", pause.as_millis()));
    };
    with_retries(&BACKOFF, on_retry, async || {
        let response = session
            .send_authed(|client, token| {
                client
                    .post(url.clone())
                    .bearer_auth(token)
                    .header("Idempotency-Key", key)
                    .json(body)
            })
            .await?;
        api::json::<Order>(response).await
    })
    .await
    .map_err(|e| explain(e, id))
}

/// Runs `attempt` until it succeeds, fails for good, or the pauses of `backoff` run out;
/// only [`is_transient`] failures are tried again.
pub async fn with_retries<T>(
    backoff: &[Duration],
    mut on_retry: impl FnMut(&CliError, Duration),
    mut attempt: impl AsyncFnMut() -> Result<T, CliError>,
) -> Result<T, CliError> {
    let mut pauses = backoff.iter().copied();
    loop {
        match attempt().await {
            Err(e) if is_transient(&e) => {
                let Some(pause) = pauses.next() else {
                    return Err(e);
                };
                on_retry(&e, pause);
                tokio::time::sleep(pause).await;
            }
            done => return done,
        }
    }
}

/// Failures where the same request may well succeed a moment later: the server unreachable
/// or answering with a 5xx or 429. The key makes repeating them safe.
pub fn is_transient(e: &CliError) -> bool {
    match e {
        CliError::Transport { .. } => true,
        CliError::Api(p) => p.status >= 500 || p.status == 429,
        _ => false,
    }
}

/// Purchase refusals in words a buyer can act on; the code and status stay the server's.
pub fn explain(e: CliError, id: &str) -> CliError {
    let CliError::Api(mut p) = e else { return e };
    let detail = match (p.status, p.code.as_str()) {
        (402, _) | (_, "payment_required") => Some(format!(
            "your wallet has too little for this; top it up with `artstation wallet topup AMOUNT --currency CODE`{}",
            p.detail
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        )),
        (_, "sold_out") => Some(format!("{id} is sold out: every edition has been bought")),
        (_, "price_changed") => Some(format!(
            "the price of {id} changed; see `artstation show {id}` and buy again"
        )),
        (403, _) => Some(format!(
            "you cannot buy {id}{}",
            p.detail
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        )),
        (422, _) if p.detail.is_none() => {
            Some("this purchase was already made with other details".into())
        }
        _ => None,
    };
    if let Some(detail) = detail {
        p.detail = Some(detail);
    }
    CliError::Api(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use artstation_api::Problem;

    fn problem(status: u16, code: &str) -> CliError {
        CliError::Api(Box::new(Problem {
            status,
            code: code.into(),
            ..Problem::default()
        }))
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(is_transient(&CliError::Transport {
            message: "refused".into()
        }));
        assert!(is_transient(&problem(503, "unavailable")));
        assert!(is_transient(&problem(502, "unavailable")));
        assert!(is_transient(&problem(429, "rate_limited")));
        for (status, code) in [
            (402, "payment_required"),
            (409, "sold_out"),
            (404, "not_found"),
        ] {
            assert!(!is_transient(&problem(status, code)), "{code}");
        }
        assert!(!is_transient(&CliError::Usage("x".into())));
    }

    #[tokio::test]
    async fn transient_failures_are_retried_then_given_up() {
        let pauses = [Duration::ZERO; 3];
        let mut calls = 0;
        let result = with_retries(
            &pauses,
            |_, _| {},
            async || {
                calls += 1;
                if calls < 3 {
                    Err(problem(503, "unavailable"))
                } else {
                    Ok(calls)
                }
            },
        )
        .await;
        assert_eq!(result.ok(), Some(3));

        let mut calls = 0;
        let result: Result<(), _> = with_retries(
            &pauses,
            |_, _| {},
            async || {
                calls += 1;
                Err(problem(409, "sold_out"))
            },
        )
        .await;
        assert_eq!((result.is_err(), calls), (true, 1), "a refusal is final");

        let mut calls = 0;
        let mut noted = 0;
        let result: Result<(), _> = with_retries(
            &pauses,
            |_, _| noted += 1,
            async || {
                calls += 1;
                Err(CliError::Transport {
                    message: "refused".into(),
                })
            },
        )
        .await;
        assert!(matches!(result, Err(CliError::Transport { .. })));
        assert_eq!((calls, noted), (4, 3), "one try and a retry per pause");
    }

    #[test]
    fn refusals_are_explained_and_keep_their_code() {
        let e = explain(problem(409, "sold_out"), "a1");
        assert_eq!(e.code(), "sold_out");
        assert!(e.to_string().contains("sold out"), "{e}");
        let e = explain(problem(402, "payment_required"), "a1");
        assert_eq!((e.code().as_str(), e.exit_code()), ("payment_required", 1));
        assert!(e.to_string().contains("wallet topup"), "{e}");
        let e = explain(problem(409, "price_changed"), "a1");
        assert!(e.to_string().contains("artstation show a1"), "{e}");
        let e = explain(problem(404, "not_found"), "a1");
        assert_eq!(e.exit_code(), 4);
    }

    #[test]
    fn the_bought_line_names_the_serial() -> anyhow::Result<()> {
        let order: Order = serde_json::from_value(serde_json::json!({
            "artist_id": "u2", "artwork_id": "a1", "buyer_id": "u1", "created_at": null,
            "edition_size": 10, "failure": null, "id": "o1", "licence": "personal",
            "paid_at": null, "price": {"amount_minor": 1250, "currency": "EUR"},
            "refunded_at": null, "serial": 2, "status": "paid", "title": "Sunset",
        }))?;
        assert_eq!(
            bought_line("Sunset", &order),
            "Bought Sunset — serial 2 of 10 for 12.50 EUR; order o1"
        );
        Ok(())
    }
}
