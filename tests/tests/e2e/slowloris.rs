//! The gateway does not let clients hold it with connections: it closes one that never
//! finishes its head or stalls its upload body, and holds only so many at once, while other
//! clients are served meanwhile.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, access_token};
use artstation_tests::images::pattern_jpeg;
use serde_json::json;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::time::timeout;

fn host_port(daemon: &Daemon) -> Result<String> {
    Ok(daemon
        .gateway
        .strip_prefix("http://")
        .context("gateway address is not http://")?
        .to_owned())
}

/// `/healthz` over a connection of its own, so no pooled connection the gateway may just
/// have closed for idling is reused.
async fn healthz(daemon: &Daemon) -> Result<()> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(5))
        .build()?;
    let status = http
        .get(format!("{}/healthz", daemon.gateway))
        .send()
        .await?
        .status();
    ensure!(status.is_success(), "healthz answered {status}");
    Ok(())
}

/// Writes a keep-alive `GET /healthz` on `stream`.
async fn ask(stream: &mut TcpStream) -> Result<()> {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
        .await?;
    Ok(())
}

/// Reads one answer from `stream` (head, then a Content-Length body); its status code.
/// Reads byte by byte, so dropping it before anything arrived loses nothing.
async fn answer(stream: &mut TcpStream) -> Result<u16> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        ensure!(
            stream.read(&mut byte).await? == 1,
            "the connection closed before a whole answer: {}",
            String::from_utf8_lossy(&head)
        );
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("no status line in {head:?}"))?;
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

async fn healthz_on(stream: &mut TcpStream) -> Result<u16> {
    ask(stream).await?;
    timeout(Duration::from_secs(5), answer(stream))
        .await
        .context("no answer within 5 s")?
}

#[tokio::test]
async fn a_half_sent_request_head_is_cut_off() -> Result<()> {
    let daemon = Daemon::start()?;
    let addr = host_port(&daemon)?;

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

/// An upload whose body stops arriving holds its connection (and its upload slot) only for the
/// idle limit, shortened here from 60 s to 2 s, while other clients are served.
#[tokio::test]
async fn a_stalled_upload_body_is_cut_off_after_the_idle_limit() -> Result<()> {
    let daemon = Daemon::start_with(&[("ARTSTATION_GATEWAY_IDLE_TIMEOUT_SECS", "2")])?;
    let addr = host_port(&daemon)?;
    let api = Api::new(&daemon.gateway);
    api.register("stallartist", "artist").await?;
    let token = access_token(&api.login("stallartist").await?)?;

    let boundary = "stalled-upload-boundary";
    let meta = json!({"title": "Stalled", "price": {"amount_minor": 300, "currency": "EUR"}});
    let file = pattern_jpeg(400, 300, 7);
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\
         Content-Type: application/json\r\n\r\n{meta}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"stall.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    let closing = format!("\r\n--{boundary}--\r\n");
    let declared = body.len() + file.len() + closing.len();
    // Half the file, then nothing more: the body is declared whole but never finishes.
    body.extend_from_slice(&file[..file.len() / 2]);
    let head = format!(
        "POST /v1/artworks HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {declared}\r\n\r\n"
    );
    let mut stalled = TcpStream::connect(&addr).await?;
    stalled.write_all(head.as_bytes()).await?;
    stalled.write_all(&body).await?;
    stalled.flush().await?;
    let since = Instant::now();

    // Others are served while the upload stalls.
    healthz(&daemon).await?;

    let mut heard = Vec::new();
    let cut = timeout(Duration::from_secs(20), async {
        let mut buf = [0u8; 1024];
        loop {
            match stalled.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => heard.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    let after = since.elapsed();
    ensure!(cut.is_ok(), "the gateway held a stalled upload for 20 s");
    ensure!(
        after >= Duration::from_millis(1500),
        "cut after {after:?}, before the 2 s idle limit"
    );
    // The default is 60 s; well under it shows the configured limit took effect.
    ensure!(
        after < Duration::from_secs(10),
        "cut after {after:?}, long past the configured 2 s idle limit"
    );
    let heard = String::from_utf8_lossy(&heard);
    ensure!(
        !heard.starts_with("HTTP/1.1 2"),
        "the stalled upload was accepted: {heard}"
    );
    eprintln!("stalled upload cut {after:?} after its last byte");
    healthz(&daemon).await
}

/// With the cap at 4 connections, a fifth is not served while the four are open (they go on
/// working), and is served once one of them closes; so is a new one after another closes.
#[tokio::test]
async fn connections_past_the_cap_wait_until_others_close() -> Result<()> {
    const CAP: usize = 4;
    let daemon = Daemon::start_with(&[("ARTSTATION_GATEWAY_MAX_CONNECTIONS", "4")])?;
    let addr = host_port(&daemon)?;
    let mut open = Vec::new();
    for i in 0..CAP {
        let mut s = TcpStream::connect(&addr).await?;
        let status = healthz_on(&mut s)
            .await
            .with_context(|| format!("connection {i} within the cap"))?;
        ensure!(status == 200, "connection {i}: {status}");
        open.push(s);
    }

    // The kernel may complete the handshake, but the gateway does not take the connection.
    let mut extra = TcpStream::connect(&addr).await?;
    ask(&mut extra).await?;
    // Refused or closed is as good as waiting.
    if let Ok(Ok(status)) = timeout(Duration::from_secs(1), answer(&mut extra)).await {
        anyhow::bail!("a connection past the cap of {CAP} was served: {status}");
    }
    for (i, s) in open.iter_mut().enumerate() {
        let status = healthz_on(s)
            .await
            .with_context(|| format!("open connection {i} at the cap"))?;
        ensure!(status == 200, "open connection {i} at the cap: {status}");
    }

    // One closes: the waiting connection is taken and answered.
    drop(open.pop());
    let status = timeout(Duration::from_secs(5), answer(&mut extra))
        .await
        .context("the waiting connection was not served after one closed")??;
    ensure!(status == 200, "the waiting connection: {status}");

    // Another closes: a brand-new connection is served.
    drop(open.pop());
    let mut fresh = TcpStream::connect(&addr).await?;
    let status = healthz_on(&mut fresh)
        .await
        .context("a new connection after others closed")?;
    ensure!(
        status == 200,
        "a new connection after others closed: {status}"
    );
    Ok(())
}
