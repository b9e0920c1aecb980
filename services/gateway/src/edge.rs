//! What every answer of the gateway passes through: a cap on the requests it serves at once
//! (past it, load is shed with 429 and Retry-After rather than queued without bound) and the
//! security headers of a JSON API.

use std::sync::Arc;

use artstation_common::{ErrorCode, ServiceError};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::AppState;
use crate::problem::ApiError;

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

/// Sheds a request once `max_in_flight` are being served. Probes pass: they must report the
/// process, not its load.
pub(crate) async fn limit_in_flight(
    State(st): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(req.uri().path(), "/healthz" | "/readyz") {
        return next.run(req).await;
    }
    match st.inner.in_flight.0.clone().try_acquire_owned() {
        Ok(permit) => {
            let resp = next.run(req).await;
            drop(permit);
            resp
        }
        Err(_) => ApiError(ServiceError {
            retry_after: Some(1),
            ..ServiceError::new(
                ErrorCode::RateLimited,
                "the server is serving as many requests as it can; try again shortly",
            )
        })
        .into_response(),
    }
}

/// Headers every answer carries unless its handler set its own (images set a sandboxing CSP):
/// nothing here is meant to be sniffed, framed, or to leak the referrer.
pub(crate) async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
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
