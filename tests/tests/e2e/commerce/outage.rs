//! The artwork role out of reach during a purchase: the buyer is told to retry later and no
//! money moves.

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, code};
use reqwest::StatusCode;

use super::{account, balance, buy, top_up};

/// A port nothing listens on: bound, then released.
fn closed_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_artwork_role_moves_no_money() -> Result<()> {
    let upstream = format!("http://127.0.0.1:{}", closed_port()?);
    let daemon = Daemon::start_roles(
        &["gateway", "auth", "commerce"],
        &[("ARTSTATION_ARTWORK_UPSTREAM", &upstream)],
    )?;
    let api = Api::new(&daemon.gateway);
    let buyer = account(&api, "stranded", "buyer").await?;
    top_up(&api, &buyer.token, 1000).await?;
    let (s, b) = buy(&api, &buyer.token, "any-artwork", Some("k1"), None).await?;
    ensure!(
        s == StatusCode::SERVICE_UNAVAILABLE && code(&b) == "unavailable",
        "{s} {b}"
    );
    ensure!(balance(&api, &buyer.token).await? == 1000, "no money moved");
    let (_, lib) = api.get("/v1/me/purchases", Some(&buyer.token)).await?;
    ensure!(lib["items"].as_array().is_some_and(Vec::is_empty), "{lib}");
    daemon.command(&["ledger", "check"], "")?;
    Ok(())
}
