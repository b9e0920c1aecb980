//! `artstation sales` (orders of the caller's works and earnings per currency) and
//! `artstation payout --currency C`.

use artstation_api::{Earnings, Payout, PayoutRequest, Price, Sales};

use crate::api;
use crate::args::{PayoutArgs, SalesArgs};
use crate::commands::library::{ORDER_HEADERS, order_rows};
use crate::commands::parse_currency;
use crate::output::{Output, format_price};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: SalesArgs) -> anyhow::Result<()> {
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(limit) = args.limit {
        query.push(("limit", limit.to_string()));
    }
    if let Some(cursor) = &args.cursor {
        query.push(("cursor", cursor.clone()));
    }
    let url = session.api.url(&["v1", "me", "sales"]);
    let response = session
        .send_authed(|client, token| client.get(url.clone()).query(&query).bearer_auth(token))
        .await?;
    let sales: Sales = api::json(response).await?;
    if out.json {
        return out.json(&sales);
    }
    if sales.items.is_empty() {
        out.note("No sales yet.");
    } else {
        out.table(ORDER_HEADERS, &order_rows(&sales.items, out.stdout_tty))?;
    }
    if let Some(cursor) = &sales.next_cursor {
        out.note(format!("More: repeat with --cursor {cursor}"));
    }
    if !sales.earnings.is_empty() {
        out.line("")?;
        out.table(
            &[
                "CURRENCY",
                "ORDERS",
                "GROSS",
                "NET",
                "AVAILABLE",
                "PENDING",
                "PAID OUT",
            ],
            &earnings_rows(&sales.earnings),
        )?;
    }
    Ok(())
}

pub fn earnings_rows(earnings: &[Earnings]) -> Vec<Vec<String>> {
    earnings
        .iter()
        .map(|e| {
            let money = |amount_minor: i64| {
                format_price(Some(&Price {
                    amount_minor,
                    currency: e.currency.clone(),
                }))
            };
            vec![
                e.currency.clone(),
                e.orders.to_string(),
                money(e.gross_minor),
                money(e.net_minor),
                money(e.available_minor),
                money(e.pending_payout_minor),
                money(e.paid_out_minor),
            ]
        })
        .collect()
}

pub async fn payout(out: &Output, session: &mut Session, args: PayoutArgs) -> anyhow::Result<()> {
    let currency = parse_currency("--currency", &args.currency)?;
    let body = PayoutRequest {
        currency: currency.code().to_owned(),
    };
    let url = session.api.url(&["v1", "me", "payouts"]);
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token).json(&body))
        .await?;
    let payout: Payout = api::json(response).await?;
    if out.json {
        return out.json(&payout);
    }
    out.line(format!(
        "Payout {} of {} requested ({})",
        payout.id,
        format_price(Some(&payout.amount)),
        payout.status
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earnings_show_money_in_the_currency() {
        let rows = earnings_rows(&[Earnings {
            available_minor: 1125,
            currency: "EUR".into(),
            gross_minor: 1250,
            net_minor: 1125,
            orders: 1,
            paid_out_minor: 0,
            pending_payout_minor: 0,
        }]);
        assert_eq!(
            rows,
            [[
                "EUR",
                "1",
                "12.50 EUR",
                "11.25 EUR",
                "11.25 EUR",
                "0.00 EUR",
                "0.00 EUR"
            ]]
        );
    }
}
