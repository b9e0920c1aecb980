//! What the gateway records of each request: its request id (echoed in `X-Request-Id`, in
//! problem documents and in every log line), its trace (an incoming W3C `traceparent` is
//! continued, else a trace starts here; every gRPC call carries it on), and the Prometheus
//! metrics of its answers by route template, method and status. `GET /metrics` renders them
//! with everything else this process recorded.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Instant;

use artstation_common::telemetry::CallContext;
use artstation_common::telemetry::metrics::{
    self as names, HTTP_DURATION, HTTP_IN_FLIGHT, HTTP_REQUESTS,
};
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use metrics::{Counter, Gauge, Histogram};
use tracing::Instrument as _;

tokio::task_local! {
    /// The request being served: problem documents name its id, gRPC calls carry its trace.
    static REQUEST: CallContext;
}

/// The id of the request being served, if any.
pub(crate) fn request_id() -> Option<String> {
    REQUEST.try_with(|r| r.request_id.clone()).ok()
}

/// Continues the current request's trace (and names its id) on a gRPC call made for it.
pub(crate) fn propagate(metadata: &mut tonic::metadata::MetadataMap) {
    let _ = REQUEST.try_with(|r| r.inject(metadata));
}

/// The label of a method: the standard ones by name, any other as `other`, so a client
/// cannot mint series.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The in-flight gauge, resolved once (after the recorder is installed).
fn in_flight_gauge() -> Option<&'static Gauge> {
    static GAUGE: OnceLock<Gauge> = OnceLock::new();
    if let Some(g) = GAUGE.get() {
        return Some(g);
    }
    names::installed().then(|| GAUGE.get_or_init(|| metrics::gauge!(HTTP_IN_FLIGHT)))
}

/// Counts a request as in flight until it is answered or dropped.
struct InFlight;

impl InFlight {
    fn enter() -> Self {
        match in_flight_gauge() {
            Some(g) => g.increment(1.0),
            None => metrics::gauge!(HTTP_IN_FLIGHT).increment(1.0),
        }
        Self
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        match in_flight_gauge() {
            Some(g) => g.decrement(1.0),
            None => metrics::gauge!(HTTP_IN_FLIGHT).decrement(1.0),
        }
    }
}

/// The series of one route template and method: its duration histogram and its counter by
/// status.
struct RouteSeries {
    method: &'static str,
    duration: Histogram,
    by_status: Vec<(u16, Counter)>,
}

thread_local! {
    /// Handles of the series this worker thread recorded, by route template. Resolving a
    /// labelled series in the registry builds its key (a vector, the labels' strings), hashes
    /// it and takes a lock: four of those were a visible share of a cached read's cost. Each
    /// thread keeps its own so the lookup here takes no lock; the series are few (routes ×
    /// methods × statuses).
    static SERIES: RefCell<HashMap<Box<str>, Vec<RouteSeries>>> = RefCell::default();
}

/// Records one answer under its route template, method and status.
fn record(route: &str, method: &'static str, status: u16, seconds: f64) {
    if !names::installed() {
        let status = status.to_string();
        metrics::histogram!(HTTP_DURATION, "route" => route.to_owned(), "method" => method)
            .record(seconds);
        metrics::counter!(HTTP_REQUESTS, "route" => route.to_owned(), "method" => method, "status" => status)
            .increment(1);
        return;
    }
    SERIES.with_borrow_mut(|all| {
        if !all.contains_key(route) {
            all.insert(route.into(), Vec::new());
        }
        let Some(by_method) = all.get_mut(route) else {
            return;
        };
        let i = match by_method.iter().position(|s| s.method == method) {
            Some(i) => i,
            None => {
                by_method.push(RouteSeries {
                    method,
                    duration: metrics::histogram!(HTTP_DURATION, "route" => route.to_owned(), "method" => method),
                    by_status: Vec::new(),
                });
                by_method.len() - 1
            }
        };
        let series = &mut by_method[i];
        series.duration.record(seconds);
        match series.by_status.iter().find(|(s, _)| *s == status) {
            Some((_, c)) => c.increment(1),
            None => {
                let c = metrics::counter!(HTTP_REQUESTS, "route" => route.to_owned(), "method" => method, "status" => status.to_string());
                c.increment(1);
                series.by_status.push((status, c));
            }
        }
    });
}

/// The outermost layer: gives the request its id and trace, serves it inside a span naming
/// both, stamps `X-Request-Id` on the answer and counts it under its route template (never
/// the raw path: ids would make a series each).
pub(crate) async fn observe<F, Fut>(req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let start = Instant::now();
    let _in_flight = InFlight::enter();
    let ctx = CallContext::from_headers(req.headers());
    // The template is shared with the router (an `Arc<str>`): cloning it copies no text.
    let route = req.extensions().get::<MatchedPath>().cloned();
    let method = method_label(req.method());
    let span = tracing::info_span!(
        "request",
        request_id = %ctx.request_id,
        trace_id = %ctx.trace.trace_id(),
    );
    let id = HeaderValue::from_str(&ctx.request_id).ok();
    let mut resp = REQUEST.scope(ctx, next(req)).instrument(span).await;
    if let Some(id) = id {
        resp.headers_mut().insert("x-request-id", id);
    }
    record(
        route.as_ref().map_or("unmatched", MatchedPath::as_str),
        method,
        resp.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    resp
}

/// `GET /metrics`: the Prometheus text exposition of this process (every role it runs).
/// Operational, like the probes: scraped by Prometheus, kept off the public ingress.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "health",
    responses((status = 200, description = "Prometheus metrics of every role of this process (text format 0.0.4)", content_type = "text/plain; version=0.0.4", body = String))
)]
pub(crate) async fn render_metrics() -> Response {
    (
        [(header::CONTENT_TYPE, names::CONTENT_TYPE)],
        names::render(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusual_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        let odd = Method::from_bytes(b"BREW").unwrap_or(Method::TRACE);
        assert_eq!(method_label(&odd), "other");
    }
}
