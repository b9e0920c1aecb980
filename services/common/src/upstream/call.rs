//! One call through an upstream: choose a replica (healthy first, breaker permitting, power of
//! two choices), send, judge the outcome for the breaker and the metrics, and retry an
//! idempotent call once on another replica when the first failed before it was served.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::BodyExt as _;
use tonic::Status;
use tonic::body::Body;
use tonic::metadata::MetadataMap;
use tower_service::Service;

use super::breaker::Admission;
use super::replica::{self, Health, Replica};
use super::{Idempotent, Shared, Upstream, p2c};
use crate::ServiceError;
use crate::telemetry::trace;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Response = http::Response<Body>;

impl Service<http::Request<Body>> for Upstream {
    type Response = Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        // Readiness is per replica and is awaited once one is chosen.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let shared = self.shared.clone();
        Box::pin(async move { shared.send(req).await })
    }
}

/// What an attempt came to.
enum Outcome {
    /// Final, whatever it says.
    Answer(Result<Response, BoxError>),
    /// The replica did not serve the call (it could not be reached, or said Unavailable):
    /// another replica may be asked.
    Retryable(Result<Response, BoxError>),
}

impl Outcome {
    fn into_result(self) -> Result<Response, BoxError> {
        match self {
            Self::Answer(r) | Self::Retryable(r) => r,
        }
    }
}

impl Shared {
    async fn send(self: Arc<Self>, mut req: http::Request<Body>) -> Result<Response, BoxError> {
        // Every hop between roles passes here: a call made while serving another continues
        // its trace (a trace the caller set is kept).
        let mut metadata = MetadataMap::from_headers(std::mem::take(req.headers_mut()));
        trace::inject_current(&mut metadata);
        *req.headers_mut() = metadata.into_headers();
        if self.current().is_empty() {
            self.resolve().await;
        }
        self.budget().deposit(Instant::now());
        let deadline = crate::grpc::timeout_header(req.headers()).map(|d| Instant::now() + d);
        if req.extensions().get::<Idempotent>().is_none() {
            let (replica, admission) = self.pick(None)?;
            return attempt(&replica, admission, req, deadline)
                .await
                .into_result();
        }
        // A read is small and unary: keep its bytes so it can be sent twice.
        let (parts, body) = req.into_parts();
        let bytes = body
            .collect()
            .await
            .map_err(|e| Status::internal(format!("cannot read the request: {e}")))?
            .to_bytes();
        let (first, admission) = self.pick(None)?;
        let outcome = attempt(
            &first,
            admission,
            rebuild(&parts, &bytes, deadline),
            deadline,
        )
        .await;
        let Outcome::Retryable(failed) = outcome else {
            return outcome.into_result();
        };
        let now = Instant::now();
        if deadline.is_some_and(|d| d <= now) || !self.budget().withdraw(now) {
            return failed;
        }
        let Ok((second, admission)) = self.pick(Some(first.addr())) else {
            return failed;
        };
        tracing::debug!(upstream = %self.name, from = %first.label, to = %second.label, "retrying a read on another replica");
        attempt(
            &second,
            admission,
            rebuild(&parts, &bytes, deadline),
            deadline,
        )
        .await
        .into_result()
    }

    fn budget(&self) -> std::sync::MutexGuard<'_, super::budget::RetryBudget> {
        self.budget
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A replica for the next call and how its breaker let it through. Known-healthy replicas
    /// first, then unchecked ones; when none is either, any whose breaker allows (a health
    /// check can be wrong; a breaker has seen real calls fail).
    fn pick(&self, exclude: Option<SocketAddr>) -> Result<(Arc<Replica>, Admission), Status> {
        let all = self.current();
        let usable: Vec<&Arc<Replica>> = all
            .iter()
            .filter(|r| Some(r.addr()) != exclude && r.breaker_available())
            .collect();
        let tier = |h: Health| -> Vec<&Arc<Replica>> {
            usable.iter().copied().filter(|r| r.health() == h).collect()
        };
        let mut candidates = tier(Health::Serving);
        if candidates.is_empty() {
            candidates = tier(Health::Unknown);
        }
        if candidates.is_empty() {
            candidates = usable;
        }
        while !candidates.is_empty() {
            let loads: Vec<usize> = candidates.iter().map(|r| r.in_flight()).collect();
            let i = p2c::choose(&loads, &self.rng).unwrap_or(0);
            if let Some(admission) = candidates[i].admit() {
                return Ok((candidates[i].clone(), admission));
            }
            candidates.swap_remove(i);
        }
        replica::count(&self.name, "none", "rejected");
        let now = Instant::now();
        // When the first open breaker lets a probe through, the caller may try again.
        let retry_after = all
            .iter()
            .filter_map(|r| r.breaker_opens_at())
            .min()
            .map_or(1, |t| {
                t.saturating_duration_since(now).as_secs_f64().ceil() as u64
            })
            .max(1);
        Err(ServiceError {
            retry_after: Some(retry_after),
            ..ServiceError::unavailable(format!("no usable replica of the {} service", self.name))
        }
        .into())
    }
}

/// A call in flight to one replica. Dropped before it ends (the caller gave up), it counts as
/// a timeout if the call's deadline had passed, else it just frees a half-open probe.
struct Attempt {
    replica: Arc<Replica>,
    admission: Admission,
    deadline: Option<Instant>,
    finished: bool,
}

impl Drop for Attempt {
    fn drop(&mut self) {
        self.replica.end_call();
        if self.finished {
            return;
        }
        if late(self.deadline) {
            self.replica.failed();
            self.replica.count("timeout");
        } else {
            self.replica.abandoned(self.admission);
        }
    }
}

/// Whether `deadline` has (all but) passed.
fn late(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() + Duration::from_millis(50) >= d)
}

async fn attempt(
    replica: &Arc<Replica>,
    admission: Admission,
    req: http::Request<Body>,
    deadline: Option<Instant>,
) -> Outcome {
    replica.start_call();
    let mut guard = Attempt {
        replica: replica.clone(),
        admission,
        deadline,
        finished: false,
    };
    let mut transport = replica.transport.clone();
    let call = async move {
        std::future::poll_fn(|cx| transport.poll_ready(cx)).await?;
        transport.call(req).await
    };
    let result = match deadline {
        // The server enforces `grpc-timeout` too, failing the call: past the deadline, any
        // failure is the call running out of time.
        Some(d) => match tokio::time::timeout_at(d.into(), call).await {
            Ok(Err(_)) if late(Some(d)) => None,
            r => r.ok(),
        },
        None => Some(call.await),
    };
    guard.finished = true;
    let r = &guard.replica;
    match result {
        None => {
            r.failed();
            r.count("timeout");
            Outcome::Answer(Err(Box::new(Status::deadline_exceeded(format!(
                "no answer from the {} service in time",
                r.upstream
            )))))
        }
        Some(Err(e)) => {
            r.failed();
            r.count("error");
            // Not reachable: out of the pool until its health check says SERVING again.
            r.set_health(Health::Down);
            tracing::warn!(upstream = %r.upstream, replica = %r.label, error = %chain(&*e), "replica unreachable");
            // Callers (and the gateway's clients) learn no internal address.
            let status: Status = ServiceError {
                retry_after: Some(1),
                ..ServiceError::unavailable(format!("the {} service cannot be reached", r.upstream))
            }
            .into();
            Outcome::Retryable(Err(Box::new(status)))
        }
        Some(Ok(resp)) => match grpc_status(&resp) {
            Verdict::Served => {
                r.succeeded();
                r.count("ok");
                Outcome::Answer(Ok(resp))
            }
            Verdict::Unavailable => {
                r.failed();
                r.count("error");
                Outcome::Retryable(Ok(resp))
            }
            Verdict::Timeout => {
                r.failed();
                r.count("timeout");
                Outcome::Answer(Ok(resp))
            }
            Verdict::Broken => {
                r.failed();
                r.count("error");
                Outcome::Answer(Ok(resp))
            }
        },
    }
}

enum Verdict {
    /// Answered, a business error (NotFound, InvalidArgument…) included.
    Served,
    Unavailable,
    Timeout,
    /// Not a gRPC answer (a proxy's error page).
    Broken,
}

/// Judges an answer by its head: errors come trailers-only, so `grpc-status` is there.
fn grpc_status(resp: &Response) -> Verdict {
    if resp.status() != http::StatusCode::OK {
        return Verdict::Broken;
    }
    let code = resp
        .headers()
        .get("grpc-status")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i32>().ok());
    match code.map(tonic::Code::from_i32) {
        Some(tonic::Code::Unavailable) => Verdict::Unavailable,
        Some(tonic::Code::DeadlineExceeded) => Verdict::Timeout,
        _ => Verdict::Served,
    }
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// A copy of a buffered request, its `grpc-timeout` cut to what is left of the deadline.
fn rebuild(
    parts: &http::request::Parts,
    body: &Bytes,
    deadline: Option<Instant>,
) -> http::Request<Body> {
    let mut req = http::Request::new(Body::new(http_body_util::Full::new(body.clone())));
    *req.method_mut() = parts.method.clone();
    *req.uri_mut() = parts.uri.clone();
    *req.version_mut() = parts.version;
    *req.headers_mut() = parts.headers.clone();
    *req.extensions_mut() = parts.extensions.clone();
    if let Some(d) = deadline {
        let left = d
            .saturating_duration_since(Instant::now())
            .as_millis()
            .max(1);
        if let Ok(v) = http::HeaderValue::from_str(&format!("{left}m")) {
            req.headers_mut().insert("grpc-timeout", v);
        }
    }
    req
}
