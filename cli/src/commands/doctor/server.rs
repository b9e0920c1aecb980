//! The server's side of `doctor`: `/healthz` (reachability, latency, version when stated, the
//! `Date` for the clock), `/readyz` (the services behind the gateway) and the clock's skew.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{Check, Status};
use crate::api::Api;
use crate::error::CliError;

/// How long the server gets to answer before it counts as unreachable.
const TIMEOUT: Duration = Duration::from_secs(5);
/// Skew beyond this is worth knowing about; beyond `SKEW_FAIL` tokens may be refused.
const SKEW_WARN_SECS: i64 = 30;
const SKEW_FAIL_SECS: i64 = 300;

/// `/healthz` (reachability, version, the `Date` for the clock) and `/readyz` (the services
/// behind the gateway).
pub async fn server_and_clock(api: &Api) -> (Check, Check) {
    let url = api.url(&["healthz"]);
    let sent = Utc::now();
    let started = Instant::now();
    let answer = api.client().get(url.clone()).timeout(TIMEOUT).send().await;
    let elapsed = started.elapsed();
    let response = match answer {
        Ok(r) => r,
        Err(e) => {
            let message = match api.transport_error(&e) {
                CliError::Transport { message } => message,
                other => other.to_string(),
            };
            return (
                Check::new("server", Status::Fail, message)
                    .hint("start the server, or point --server / ARTSTATION_SERVER at it"),
                Check::new(
                    "clock",
                    Status::Skip,
                    "not checked: the server is unreachable",
                ),
            );
        }
    };
    let received = sent + chrono::TimeDelta::from_std(elapsed).unwrap_or_default();
    let headers = response.headers().clone();
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let version = body["version"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| header(&headers, "x-artstation-version"))
        .or_else(|| header(&headers, "server"));
    let clock = clock(
        header(&headers, "date").as_deref(),
        sent + (received - sent) / 2,
    );
    let ready = readiness(api).await;
    let millis = elapsed.as_millis();
    let details = json!({
        "url": url.as_str(),
        "http_status": status.as_u16(),
        "latency_ms": millis,
        "version": version,
        "readiness": ready,
    });
    let version_text = version.as_deref().unwrap_or("version not stated");
    let server = if !status.is_success() {
        Check::new("server", Status::Fail, format!("{url} answered {status}"))
            .hint("is --server the gateway's address?")
    } else if ready["status"] != "ok" && !ready.is_null() {
        Check::new(
            "server",
            Status::Warn,
            format!(
                "reachable in {millis} ms ({version_text}), but not ready: {}",
                ready["checks"]
            ),
        )
        .hint("a service behind the gateway is down; see `artstationd` logs")
    } else {
        Check::new(
            "server",
            Status::Ok,
            format!("reachable in {millis} ms ({version_text})"),
        )
    };
    (server.details(details), clock)
}

async fn readiness(api: &Api) -> Value {
    let request = api.client().get(api.url(&["readyz"])).timeout(TIMEOUT);
    match request.send().await {
        // 503 carries the same document, naming what is down.
        Ok(r) => r.json().await.unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The skew between the server's `Date` (whole seconds) and this clock at the middle of the
/// round trip; positive when the server is ahead.
pub fn clock(date: Option<&str>, local: DateTime<Utc>) -> Check {
    let Some(server) = date.and_then(|d| DateTime::parse_from_rfc2822(d).ok()) else {
        return Check::new("clock", Status::Skip, "the server sent no Date header");
    };
    let skew = (server.with_timezone(&Utc) - local).num_milliseconds();
    // The header has whole seconds, so under a second is no skew at all.
    let seconds = if skew.abs() < 1000 { 0 } else { skew / 1000 };
    let details = json!({ "skew_seconds": seconds, "server_date": date });
    let ahead = if seconds > 0 { "ahead of" } else { "behind" };
    let check = match seconds.abs() {
        0 => Check::new("clock", Status::Ok, "in step with the server (within 1 s)"),
        s if s <= SKEW_WARN_SECS => Check::new(
            "clock",
            Status::Ok,
            format!("the server is {s} s {ahead} this machine"),
        ),
        s if s <= SKEW_FAIL_SECS => Check::new(
            "clock",
            Status::Warn,
            format!("the server is {s} s {ahead} this machine"),
        )
        .hint("turn on time synchronisation (NTP) on this machine"),
        s => Check::new(
            "clock",
            Status::Fail,
            format!("the server is {s} s {ahead} this machine: tokens may look expired"),
        )
        .hint("turn on time synchronisation (NTP) on this machine"),
    };
    check.details(details)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_is_measured_against_the_date_header() {
        let local = DateTime::parse_from_rfc3339("2026-11-30T04:00:00.400Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let same = clock(Some("Mon, 30 Nov 2026 04:00:00 GMT"), local);
        assert_eq!(
            (same.status, same.details["skew_seconds"].as_i64()),
            (Status::Ok, Some(0))
        );
        let ahead = clock(Some("Mon, 30 Nov 2026 04:02:00 GMT"), local);
        assert_eq!(ahead.status, Status::Warn);
        assert_eq!(ahead.details["skew_seconds"], 119);
        let behind = clock(Some("Mon, 30 Nov 2026 03:00:00 GMT"), local);
        assert_eq!(behind.status, Status::Fail);
        assert!(behind.summary.contains("behind"), "{}", behind.summary);
        assert_eq!(clock(None, local).status, Status::Skip);
    }
}
