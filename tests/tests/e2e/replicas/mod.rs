//! The gateway's upstream balancer against real replicas: several `artstationd --role artwork`
//! processes behind one gateway, killed, stopped (SIGSTOP) and brought back, watched through
//! `GET /v1/status`. Only anonymous reads are sent, so no auth or commerce role is needed
//! (their upstreams name a port nothing listens on, which status shows as down).

mod breaker;
mod kill;

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use artstation_tests::Daemon;
use artstation_tests::http::Api;
use reqwest::StatusCode;
use serde_json::Value;

/// Upstreams nobody serves: the gateway starts anyway (its channels connect lazily).
const NOWHERE: &str = "http://127.0.0.1:9";

/// Starts a gateway whose artwork upstream is `artwork`, with `extra` settings.
fn gateway(artwork: &str, extra: &[(&str, &str)]) -> Result<Daemon> {
    let mut env = vec![
        ("ARTSTATION_ARTWORK_UPSTREAM", artwork),
        ("ARTSTATION_AUTH_UPSTREAM", NOWHERE),
        ("ARTSTATION_COMMERCE_UPSTREAM", NOWHERE),
        // The load comes from one address; the limit is not what is tested here.
        ("ARTSTATION_GATEWAY_RATE_LIMIT_ADDRESS", "0"),
    ];
    env.extend_from_slice(extra);
    Daemon::start_roles(&["gateway"], &env)
}

/// The artwork service's replicas as `GET /v1/status` shows them.
async fn replicas(api: &Api) -> Result<Vec<Value>> {
    let (status, body) = api.get("/v1/status", None).await?;
    if status != StatusCode::OK {
        bail!("GET /v1/status: {status} {body}");
    }
    body["services"]["artwork"]["replicas"]
        .as_array()
        .cloned()
        .with_context(|| format!("no artwork replicas in {body}"))
}

/// The replica listed at `addr` (`127.0.0.1:PORT`).
async fn replica(api: &Api, addr: &str) -> Result<Value> {
    replicas(api)
        .await?
        .into_iter()
        .find(|r| r["address"] == addr)
        .with_context(|| format!("no replica {addr} in status"))
}

/// Polls the replica at `addr` until `ok` holds, for at most `within`.
async fn wait_for(
    api: &Api,
    addr: &str,
    within: Duration,
    what: &str,
    ok: impl Fn(&Value) -> bool,
) -> Result<Value> {
    let until = Instant::now() + within;
    loop {
        // A name is resolved in the background: the replica may not be listed yet.
        let r = replica(api, addr).await;
        if let Ok(r) = &r
            && ok(r)
        {
            return Ok(r.clone());
        }
        if Instant::now() > until {
            bail!("replica {addr} never became {what}: {r:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `127.0.0.1:PORT` of a role's `http://127.0.0.1:PORT`.
fn host_port(url: &str) -> &str {
    url.trim_start_matches("http://")
}

/// Sends a signal (`STOP`, `CONT`) to a process.
fn signal(pid: u32, name: &str) -> Result<()> {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()?
        .success();
    if !ok {
        bail!("kill -{name} {pid} failed");
    }
    Ok(())
}
