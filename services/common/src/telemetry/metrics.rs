//! The Prometheus metrics of every role: their names (the table in deploy/README.md, which the
//! dashboard and scrapers read), the one recorder a process installs, and small recorders for
//! the outcomes services count.
//!
//! Every crate records through the `metrics` facade, which does nothing until `artstationd`
//! installs the recorder ([`install`]); the gateway's `/metrics` and the service roles'
//! metrics listener render the same registry ([`render`]).

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::{ErrorCode, ServiceError};

pub const HTTP_REQUESTS: &str = "artstation_http_requests_total";
pub const HTTP_DURATION: &str = "artstation_http_request_duration_seconds";
pub const HTTP_IN_FLIGHT: &str = "artstation_http_requests_in_flight";
pub const GRPC_REQUESTS: &str = "artstation_grpc_requests_total";
pub const GRPC_DURATION: &str = "artstation_grpc_request_duration_seconds";
pub const CACHE_REQUESTS: &str = "artstation_cache_requests_total";
pub const UPLOADS: &str = "artstation_uploads_total";
pub const UPLOAD_BYTES: &str = "artstation_upload_bytes_total";
pub const LOGINS: &str = "artstation_logins_total";
pub const PURCHASES: &str = "artstation_purchases_total";
pub const SALES_AMOUNT: &str = "artstation_sales_amount_minor_total";

/// The content type of the text exposition format the recorder renders.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4";

/// Prometheus's default histogram buckets (seconds), so dashboards' quantiles mean the same
/// as for any other exporter.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// How often histograms are drained into their buckets between scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error("metrics buckets: {0}")]
    Build(#[from] metrics_exporter_prometheus::BuildError),
    #[error("another metrics recorder is installed already")]
    Taken,
}

/// Installs the process's Prometheus recorder as the `metrics` facade's global recorder and
/// starts its upkeep on the current Tokio runtime. Installing twice returns the first handle.
pub fn install() -> Result<PrometheusHandle, InstallError> {
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let recorder = PrometheusBuilder::new()
        .set_buckets(&BUCKETS)?
        .build_recorder();
    let handle = recorder.handle();
    metrics::set_global_recorder(recorder).map_err(|_| InstallError::Taken)?;
    let handle = HANDLE.get_or_init(|| handle).clone();
    describe();
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(UPKEEP_EVERY);
        loop {
            tick.tick().await;
            upkeep.run_upkeep();
        }
    });
    Ok(handle)
}

/// Whether [`install`] has run: a handle resolved before it is a no-op for good, so callers
/// that keep handles (to skip the registry's lookup on every request) keep only these.
pub fn installed() -> bool {
    HANDLE.get().is_some()
}

/// The text exposition of every metric recorded in this process; empty when no recorder was
/// installed (a library used on its own).
pub fn render() -> String {
    HANDLE
        .get()
        .map(PrometheusHandle::render)
        .unwrap_or_default()
}

fn describe() {
    use metrics::Unit;
    metrics::describe_counter!(HTTP_REQUESTS, "Answers of the gateway");
    metrics::describe_histogram!(HTTP_DURATION, Unit::Seconds, "Gateway request duration");
    metrics::describe_gauge!(HTTP_IN_FLIGHT, "Requests being served by the gateway");
    metrics::describe_counter!(GRPC_REQUESTS, "Calls served by a service role");
    metrics::describe_histogram!(GRPC_DURATION, Unit::Seconds, "Served call duration");
    metrics::describe_counter!(CACHE_REQUESTS, "Cache lookups");
    metrics::describe_counter!(UPLOADS, "Finished uploads");
    metrics::describe_counter!(UPLOAD_BYTES, Unit::Bytes, "Bytes of uploads received");
    metrics::describe_counter!(LOGINS, "Login attempts");
    metrics::describe_counter!(PURCHASES, "Purchase attempts");
    metrics::describe_counter!(SALES_AMOUNT, "Sum of completed sale prices, in minor units");
}

/// Counts a cache lookup: `found` when it answered, `None` when the cache failed.
pub fn cache_lookup(cache: &'static str, found: Option<bool>) {
    let result = match found {
        Some(true) => "hit",
        Some(false) => "miss",
        None => "error",
    };
    if !installed() {
        metrics::counter!(CACHE_REQUESTS, "cache" => cache, "result" => result).increment(1);
        return;
    }
    // An edge-cache hit is a whole request's work in a few microseconds: the registry's
    // lookup (key built, hashed, a lock) was a visible share of it.
    thread_local! {
        static SERIES: std::cell::RefCell<std::collections::HashMap<(&'static str, &'static str), metrics::Counter>> =
            std::cell::RefCell::default();
    }
    SERIES.with_borrow_mut(|series| {
        series
            .entry((cache, result))
            .or_insert_with(
                || metrics::counter!(CACHE_REQUESTS, "cache" => cache, "result" => result),
            )
            .increment(1);
    });
}

/// Counts a login attempt by its outcome: refused input, a wrong password and a banned
/// account are `invalid`; a failure of ours (a database down) is `error`.
pub fn login<T>(outcome: &Result<T, ServiceError>) {
    let result = match outcome {
        Ok(_) => "success",
        Err(e) if e.code == ErrorCode::RateLimited => "throttled",
        Err(e) if is_ours(e.code) => "error",
        Err(_) => "invalid",
    };
    metrics::counter!(LOGINS, "result" => result).increment(1);
}

/// Counts a finished upload: `stored`, `duplicate` (the artist's own earlier upload),
/// `rejected` (the client's fault: a bad image, too large, not allowed) or `failed` (ours).
pub fn upload<T>(outcome: &Result<T, ServiceError>) {
    let result = match outcome {
        Ok(_) => "stored",
        Err(e) if e.code == ErrorCode::Conflict && e.existing_id.is_some() => "duplicate",
        Err(e) if is_ours(e.code) => "failed",
        Err(_) => "rejected",
    };
    metrics::counter!(UPLOADS, "result" => result).increment(1);
}

/// Counts bytes of an upload as they arrive (uploads that are refused midway included).
pub fn upload_bytes(n: usize) {
    metrics::counter!(UPLOAD_BYTES).increment(n as u64);
}

/// Counts a purchase attempt; a replay of a completed purchase is `completed` again (the
/// sale itself is counted once, by [`sale`]).
pub fn purchase<T>(outcome: &Result<T, ServiceError>) {
    let result = match outcome {
        Ok(_) => "completed",
        Err(e) => match e.code {
            ErrorCode::SoldOut => "sold_out",
            ErrorCode::PriceChanged => "price_changed",
            ErrorCode::PaymentRequired => "payment_required",
            _ => "failed",
        },
    };
    metrics::counter!(PURCHASES, "result" => result).increment(1);
}

/// Adds a completed sale's price to the revenue of its currency.
pub fn sale(currency: &'static str, amount_minor: i64) {
    metrics::counter!(SALES_AMOUNT, "currency" => currency)
        .increment(u64::try_from(amount_minor).unwrap_or(0));
}

/// Failures that are the server's, not the caller's.
fn is_ours(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::Internal | ErrorCode::Unavailable | ErrorCode::Timeout
    )
}
