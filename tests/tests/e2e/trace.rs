//! One trace across a service-to-service hop: a purchase sent to a real `artstationd` with a
//! `traceparent` and a request id is served by the commerce service, which asks the artwork
//! service for a quote and tells it of the sale. The log lines of both services, the
//! artwork side's included, name the client's trace id and request id.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use artstation_tests::http::{Api, access_token};
use artstation_tests::{Daemon, png};
use reqwest::StatusCode;
use serde_json::json;

const REQUEST_ID: &str = "e2e-trace-purchase-1";

/// A label and the test a log line must pass to count for it.
type Wanted<'a> = (&'a str, &'a dyn Fn(&str) -> bool);

/// Waits (logs cross a pipe) until the daemon has logged, for each of `wanted`, a line its
/// test accepts; names the ones still missing after a while.
async fn lines_for(daemon: &Daemon, wanted: &[Wanted<'_>]) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = daemon.log();
        let missing: Vec<&str> = wanted
            .iter()
            .filter(|(_, accepts)| !log.lines().any(accepts))
            .map(|(label, _)| *label)
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("no log line for {missing:?}:\n{log}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purchase_is_logged_under_one_trace_in_both_services() -> Result<()> {
    let daemon = Daemon::start_capturing(&[(
        "ARTSTATION_LOG",
        // Debug for the gRPC layer: one line per call served, whatever its handler logs.
        "info,artstation_common::telemetry=debug",
    )])?;
    let api = Api::new(&daemon.gateway);
    let base = &daemon.gateway;

    api.register("ada", "artist").await?;
    api.register("bea", "buyer").await?;
    let artist = access_token(&api.login("ada").await?)?;
    let buyer = access_token(&api.login("bea").await?)?;
    let meta = json!({
        "title": "Traced",
        "price": {"amount_minor": 700, "currency": "EUR"},
        "status": "published",
    });
    let (s, art) = api
        .upload_ready(&artist, meta, png(72, 64, 9), "traced.png")
        .await?;
    ensure!(s == StatusCode::CREATED, "upload: {s} {art}");
    let artwork = art["id"].as_str().context("artwork id")?;
    let topup = json!({"amount_minor": 1000, "currency": "EUR"});
    let (s, b) = api.post("/v1/me/wallet/topup", topup, Some(&buyer)).await?;
    ensure!(s == StatusCode::OK, "top-up: {s} {b}");

    let trace_id = uuid::Uuid::now_v7().simple().to_string();
    let resp = api
        .http
        .post(format!("{base}/v1/artworks/{artwork}/purchase"))
        .bearer_auth(&buyer)
        .header("Idempotency-Key", "trace-1")
        .header("traceparent", format!("00-{trace_id}-00f067aa0ba902b7-01"))
        .header("x-request-id", REQUEST_ID)
        .send()
        .await?;
    let status = resp.status();
    let order: serde_json::Value = resp.json().await?;
    ensure!(status == StatusCode::CREATED, "purchase: {status} {order}");
    ensure!(order["status"] == "paid", "{order}");

    // The span of a served call prints as `grpc{method=M trace_id=T request_id=R}`.
    let traced = |method: &'static str| {
        let span = format!("grpc{{method={method} trace_id={trace_id} request_id={REQUEST_ID}}}");
        move |line: &str| line.contains(&span)
    };
    let (purchase, quote, sale) = (traced("Purchase"), traced("Quote"), traced("RecordSale"));
    let sale_recorded = |line: &str| sale(line) && line.contains("sale recorded");
    // Quote and RecordSale are artwork's internal calls, made only by commerce: the trace
    // reaches them only across the service-to-service hop, never from the gateway.
    lines_for(
        &daemon,
        &[
            ("commerce Purchase", &purchase),
            ("artwork Quote", &quote),
            ("artwork RecordSale", &sale),
            ("artwork's own `sale recorded`", &sale_recorded),
        ],
    )
    .await
}
