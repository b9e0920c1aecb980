//! The gateway does not let a client hold a connection by trickling a request head: it closes
//! one that never finishes its head, while other clients are served meanwhile.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::Api;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

#[tokio::test]
async fn a_half_sent_request_head_is_cut_off() -> Result<()> {
    let daemon = Daemon::start()?;
    let addr = daemon
        .gateway
        .strip_prefix("http://")
        .context("gateway address is not http://")?
        .to_owned();

    let mut slow = TcpStream::connect(&addr).await?;
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await?;
    let opened = Instant::now();

    // Another client is served while the slow one holds its connection.
    let api = Api::new(&daemon.gateway);
    let status = api
        .http
        .get(format!("{}/healthz", daemon.gateway))
        .send()
        .await?
        .status();
    ensure!(status.is_success(), "healthz answered {status}");

    let mut buf = [0u8; 1024];
    let closed = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match slow.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    ensure!(
        closed.is_ok(),
        "the gateway kept a half-sent head open for 20 s"
    );
    let after = opened.elapsed();
    ensure!(
        after >= Duration::from_secs(5),
        "closed after {after:?}, before the head timeout"
    );
    Ok(())
}
