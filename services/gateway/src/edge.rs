//! What every answer of the gateway passes through: a deadline by route class (504 `timeout`,
//! the upstream call cancelled), a cap on the requests it serves at once (past it, load is shed
//! with 429 and Retry-After rather than queued without bound) and the security headers of a
//! JSON API.

use std::sync::Arc;
use std::time::{Duration, Instant};

use artstation_common::{ErrorCode, ServiceError};
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::AppState;
use crate::problem::ApiError;

/// How long the gateway waits for a request's answer, by class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// GET and HEAD.
    pub read: Duration,
    /// Every other method, uploads excepted (their connection's idle limit bounds them).
    pub write: Duration,
}

impl Timeouts {
    pub const DEFAULT: Self = Self {
        read: Duration::from_secs(10),
        write: Duration::from_secs(30),
    };
}

impl Default for Timeouts {
    fn default() -> Self {
        Self::DEFAULT
    }
}

tokio::task_local! {
    /// When the request being served must be answered; gRPC calls made for it carry what is
    /// left as their `grpc-timeout`.
    static DEADLINE: Instant;
}

/// What is left of the current request's deadline, if it has one.
pub(crate) fn time_left() -> Option<Duration> {
    DEADLINE
        .try_with(|d| d.saturating_duration_since(Instant::now()))
        .ok()
}

/// Answers 504 `timeout` when a request outlives its class's deadline; dropping the handler
/// resets its gRPC stream, which cancels the call in the service.
pub(crate) async fn deadline<F, Fut>(st: &AppState, req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let t = st.inner.config.timeouts;
    let limit = match (req.method(), req.uri().path()) {
        (&Method::POST, "/v1/artworks") => return next(req).await,
        (&Method::GET | &Method::HEAD, _) => t.read,
        _ => t.write,
    };
    let until = Instant::now() + limit;
    match tokio::time::timeout(limit, DEADLINE.scope(until, next(req))).await {
        Ok(resp) => resp,
        Err(_) => {
            tracing::warn!(limit_ms = limit.as_millis() as u64, "request timed out");
            ApiError(ServiceError::new(
                ErrorCode::Timeout,
                format!("no answer within {} ms", limit.as_millis()),
            ))
            .into_response()
        }
    }
}

/// Requests served at once by default: far more than two cores answer without queueing, far
/// fewer than the connections the gateway accepts.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 1024;

#[derive(Debug, Clone)]
pub(crate) struct InFlight(Arc<Semaphore>);

impl InFlight {
    pub(crate) fn new(max: usize) -> Self {
        Self(Arc::new(Semaphore::new(max.max(1))))
    }
}

/// Paths that report on the process rather than serve a caller: never shed, never rate
/// limited.
pub(crate) fn is_probe(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics")
}

/// How long a shed request waits for its 429.
pub const SHED_PAUSE: Duration = Duration::from_millis(100);

/// Sheds a request once `max_in_flight` are being served. Probes pass: they must report the
/// process, not its load.
pub(crate) async fn limit_in_flight<F, Fut>(st: &AppState, req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    if is_probe(req.uri().path()) {
        return next(req).await;
    }
    match st.inner.in_flight.0.try_acquire() {
        Ok(permit) => {
            let resp = next(req).await;
            drop(permit);
            resp
        }
        Err(_) => {
            drop(req);
            // A 429 costs about as much CPU as a small admitted answer, so clients that ask
            // again at once (ignoring Retry-After) would spend on rejections the CPU the
            // admitted requests need: under 10x load the admitted p99 tripled. Pausing the
            // answer, holding nothing but the connection, paces them.
            tokio::time::sleep(SHED_PAUSE).await;
            ApiError(ServiceError {
                retry_after: Some(1),
                ..ServiceError::new(
                    ErrorCode::RateLimited,
                    "the server is serving as many requests as it can; try again shortly",
                )
            })
            .into_response()
        }
    }
}

/// Headers every answer carries unless its handler set its own (images set a sandboxing CSP):
/// nothing here is meant to be sniffed, framed, or to leak the referrer.
pub(crate) async fn security_headers<F, Fut>(req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let mut resp = next(req).await;
    let defaults: [(HeaderName, &str); 4] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
    ];
    let headers = resp.headers_mut();
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    resp
}
