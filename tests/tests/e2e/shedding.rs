//! The gateway as an edge: past its in-flight cap it sheds requests with 429 and Retry-After
//! instead of queueing them (probes still answer), a request whose upstream hangs is a 504
//! `timeout` at its class's deadline, and every answer carries the security headers of a JSON
//! API.

use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use artstation_tests::Daemon;
use artstation_tests::http::{Api, code};
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::AsyncWriteExt as _;
use tokio::net::TcpStream;

/// A request whose body is still arriving: the gateway is serving it (its handler waits for
/// the body). A login, so nothing but the body decides when it ends (no token to verify).
/// Dropping it hangs up.
async fn held_request(gateway: &str) -> Result<TcpStream> {
    let addr = gateway.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await?;
    let body = json!({"login": "nobody", "password": "not this one"}).to_string();
    let head = format!(
        "POST /v1/auth/login HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len() + 1000
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body.as_bytes()[..5]).await?;
    stream.flush().await?;
    Ok(stream)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_in_flight_cap_requests_are_shed_with_429() -> Result<()> {
    let daemon = Daemon::start_with(&[("ARTSTATION_GATEWAY_MAX_IN_FLIGHT", "2")])?;
    let api = Api::new(&daemon.gateway);
    let (s, _) = api.get("/v1/categories", None).await?;
    ensure!(s == StatusCode::OK, "{s}");

    // More held requests than places: whichever two the gateway serves hold them (the others
    // are shed and closed).
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(held_request(&daemon.gateway).await?);
    }
    // The held requests take their places as soon as the gateway has read their heads. A
    // probe below may take a place first and get held requests shed in its stead, so each
    // probe answered 200 adds one more held request.
    let deadline = Instant::now() + Duration::from_secs(10);
    let (status, body, retry) = loop {
        let resp = api
            .http
            .get(format!("{}/v1/categories", daemon.gateway))
            .send()
            .await?;
        let status = resp.status();
        let retry = resp.headers().get("retry-after").cloned();
        let body: serde_json::Value = resp.json().await?;
        if status != StatusCode::OK || Instant::now() > deadline {
            break (status, body, retry);
        }
        held.push(held_request(&daemon.gateway).await?);
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    ensure!(
        status == StatusCode::TOO_MANY_REQUESTS && code(&body) == "rate_limited",
        "{status} {body}"
    );
    ensure!(retry.is_some(), "429 without Retry-After");
    let (s, _) = api.get("/healthz", None).await?;
    ensure!(s == StatusCode::OK, "probes are never shed: {s}");

    drop(held);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (s, _) = api.get("/v1/categories", None).await?;
        if s == StatusCode::OK {
            break;
        }
        ensure!(Instant::now() < deadline, "places never came back: {s}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() -> Result<()> {
    let daemon = Daemon::start()?;
    let api = Api::new(&daemon.gateway);
    for path in ["/healthz", "/v1/artworks", "/v1/no-such-route", "/v1/me"] {
        let resp = api
            .http
            .get(format!("{}{path}", daemon.gateway))
            .send()
            .await?;
        let h = resp.headers();
        for (name, want) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "no-referrer"),
            (
                "content-security-policy",
                "default-src 'none'; frame-ancestors 'none'",
            ),
        ] {
            let got = h.get(name).and_then(|v| v.to_str().ok());
            ensure!(got == Some(want), "{path}: {name} = {got:?}");
        }
    }
    Ok(())
}

fn signal(pid: u32, sig: &str) -> Result<()> {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()?
        .success();
    ensure!(ok, "kill -{sig} {pid} failed");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_upstream_is_a_504_at_the_deadline() -> Result<()> {
    let port = artstation_tests::servers::free_port()?;
    let gateway = Daemon::start_roles(
        &["gateway", "auth", "commerce"],
        &[
            (
                "ARTSTATION_ARTWORK_UPSTREAM",
                &format!("http://127.0.0.1:{port}"),
            ),
            ("ARTSTATION_GATEWAY_READ_TIMEOUT", "1"),
        ],
    )?;
    let artwork = Daemon::start_roles(
        &["artwork"],
        &[
            ("ARTSTATION_ARTWORK_ADDR", &format!("127.0.0.1:{port}")),
            ("ARTSTATION_AUTH_UPSTREAM", gateway.addr("auth")?),
        ],
    )?;
    let api = Api::new(&gateway.gateway);
    // The artwork role prints where it listens before it has opened its stores; with a 1 s
    // read deadline a read that meets a start-up still under way on a loaded machine is a
    // 504 that says nothing about hanging, so wait until it serves.
    served_within(
        &api,
        Duration::from_secs(30),
        "the artwork role never served",
    )
    .await?;

    // Hung, not dead: its connections stay open and nothing answers.
    signal(artwork.pid(), "STOP")?;
    let started = Instant::now();
    let answer = api.get(&fresh_read(), None).await;
    let took = started.elapsed();
    signal(artwork.pid(), "CONT")?;
    let (s, body) = answer?;
    ensure!(
        s == StatusCode::GATEWAY_TIMEOUT && code(&body) == "timeout",
        "{s} {body}"
    );
    ensure!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(10),
        "answered after {took:?}, not at the 1 s deadline"
    );
    // Continued, it first works through what queued while it was stopped: bounded, not at
    // once, since one slow answer would be another 504 at the 1 s deadline.
    served_within(
        &api,
        Duration::from_secs(15),
        "not served again once the upstream answers",
    )
    .await
}

/// A read of a work nobody uploaded, new each time: the artwork service itself must answer
/// (404), since no cache holds it. An anonymous list would do for the first read, but the
/// gateway's edge cache may keep it and answer the hung read from there.
fn fresh_read() -> String {
    format!("/v1/artworks/{}", uuid::Uuid::now_v7())
}

/// Reads until the artwork service answers one (its 404), for at most `within`.
async fn served_within(api: &Api, within: Duration, what: &str) -> Result<()> {
    let deadline = Instant::now() + within;
    loop {
        let (s, body) = api.get(&fresh_read(), None).await?;
        if s == StatusCode::NOT_FOUND && code(&body) == "not_found" {
            return Ok(());
        }
        ensure!(Instant::now() < deadline, "{what}: {s} {body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
