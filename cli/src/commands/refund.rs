//! `artstation refund ORDER`: gives the money back and ends access at once, so it is confirmed
//! on a terminal and must be asked for explicitly (`--yes`) by scripts.

use artstation_api::Order;

use crate::api;
use crate::args::RefundArgs;
use crate::commands::{confirm, stdin_is_tty};
use crate::error::CliError;
use crate::output::{Output, format_price};
use crate::session::Session;

pub async fn run(out: &Output, session: &mut Session, args: RefundArgs) -> anyhow::Result<()> {
    if !args.yes {
        if !stdin_is_tty() {
            return Err(CliError::Usage(
                "--yes is required to refund when standard input is not a terminal".into(),
            )
            .into());
        }
        let url = session.api.url(&["v1", "orders", &args.order]);
        let response = session
            .send_authed(|client, token| client.get(url.clone()).bearer_auth(token))
            .await?;
        let order: Order = api::json(response).await?;
        let question = format!(
            "Refund {} ({}, {})? You lose access to the original",
            order.id,
            order.title.as_deref().unwrap_or(&order.artwork_id),
            format_price(Some(&order.price))
        );
        if !confirm(&question)? {
            return Err(anyhow::anyhow!("cancelled; nothing was refunded"));
        }
    }
    let url = session.api.url(&["v1", "orders", &args.order, "refund"]);
    let response = session
        .send_authed(|client, token| client.post(url.clone()).bearer_auth(token))
        .await?;
    let order: Order = api::json(response).await?;
    if out.json {
        return out.json(&order);
    }
    out.line(format!(
        "Refunded order {}: {} back to the wallet",
        order.id,
        format_price(Some(&order.price))
    ))
}
