//! The layer around every gRPC server: it counts each call by service, method and gRPC status
//! (`artstation_grpc_requests_total`, `artstation_grpc_request_duration_seconds`), and runs
//! the call inside a tracing span carrying the caller's trace id and request id, so every log
//! line of the call names them, with the call current ([`trace::scope`]) so the calls its
//! handler makes to other services continue the trace. Each call ends with a debug line.
//!
//! The status of a call is in the `grpc-status` header of a trailers-only answer (most
//! errors), else in the trailers at the end of the body: the call is counted when the body
//! ends, so a streaming answer counts its whole stream. A body dropped before its trailers is
//! a call the client gave up on (`Canceled`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use http_body::{Body, Frame, SizeHint};
use tower_layer::Layer;
use tower_service::Service;
use tracing::Instrument as _;

use super::metrics::{GRPC_DURATION, GRPC_REQUESTS};
use super::trace::{self, CallContext};

/// Adds [`GrpcTelemetry`] to a server: `Server::builder().layer(GrpcTelemetryLayer)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GrpcTelemetryLayer;

impl<S> Layer<S> for GrpcTelemetryLayer {
    type Service = GrpcTelemetry<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GrpcTelemetry { inner }
    }
}

#[derive(Debug, Clone)]
pub struct GrpcTelemetry<S> {
    inner: S,
}

/// A call being served, counted once when its status is known.
struct Call {
    service: String,
    method: String,
    start: Instant,
}

impl Call {
    /// Counts the call, and logs it (at debug) in the call's span, so that even a call whose
    /// handler logs nothing leaves a line naming its trace.
    fn finish(self, status: &'static str) {
        let elapsed = self.start.elapsed();
        tracing::debug!(
            code = status,
            elapsed_ms = elapsed.as_secs_f64() * 1e3,
            "grpc call served"
        );
        // A path no service serves is any string a client sent: one label for them all
        // keeps the series bounded.
        let (service, method) = if status == "Unimplemented" {
            ("unknown".to_owned(), "unknown".to_owned())
        } else {
            (self.service, self.method)
        };
        metrics::histogram!(GRPC_DURATION, "service" => service.clone(), "method" => method.clone())
            .record(elapsed.as_secs_f64());
        metrics::counter!(GRPC_REQUESTS, "service" => service, "method" => method, "code" => status)
            .increment(1);
    }
}

/// `/package.Service/Method` as (service, method); anything else is `unknown`.
fn rpc_names(path: &str) -> (String, String) {
    let plain = |s: &str| {
        !s.is_empty()
            && s.len() <= 200
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
    };
    match path.strip_prefix('/').and_then(|p| p.split_once('/')) {
        Some((service, method)) if plain(service) && plain(method) => {
            (service.to_owned(), method.to_owned())
        }
        _ => ("unknown".to_owned(), "unknown".to_owned()),
    }
}

/// The name of a `grpc-status` value, as Prometheus exporters of gRPC spell them (Go's
/// `codes.Code` names: `OK`, `NotFound`, `InvalidArgument`…).
pub fn status_name(value: &[u8]) -> &'static str {
    match value {
        b"0" => "OK",
        b"1" => "Canceled",
        b"2" => "Unknown",
        b"3" => "InvalidArgument",
        b"4" => "DeadlineExceeded",
        b"5" => "NotFound",
        b"6" => "AlreadyExists",
        b"7" => "PermissionDenied",
        b"8" => "ResourceExhausted",
        b"9" => "FailedPrecondition",
        b"10" => "Aborted",
        b"11" => "OutOfRange",
        b"12" => "Unimplemented",
        b"13" => "Internal",
        b"14" => "Unavailable",
        b"15" => "DataLoss",
        b"16" => "Unauthenticated",
        _ => "Unknown",
    }
}

fn status_of(headers: &http::HeaderMap) -> Option<&'static str> {
    headers
        .get("grpc-status")
        .map(|v| status_name(v.as_bytes()))
}

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for GrpcTelemetry<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: Body + Unpin + Send + 'static,
{
    type Response = http::Response<Observed<ResBody>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqBody>) -> Self::Future {
        let (service, method) = rpc_names(req.uri().path());
        let ctx = CallContext::from_headers(req.headers());
        let span = tracing::info_span!(
            "grpc",
            method = %method,
            trace_id = %ctx.trace.trace_id(),
            request_id = %ctx.request_id,
        );
        let call = Call {
            service,
            method,
            start: Instant::now(),
        };
        let served = {
            let _entered = span.enter();
            self.inner.call(req)
        };
        let body_span = span.clone();
        Box::pin(
            async move {
                let resp = trace::scope(ctx, served).await?;
                let mut call = Some(call);
                // A trailers-only answer (most errors) has its status in the headers.
                if let Some(status) = status_of(resp.headers())
                    && let Some(call) = call.take()
                {
                    call.finish(status);
                }
                Ok(resp.map(|inner| Observed {
                    inner,
                    call,
                    span: body_span,
                }))
            }
            .instrument(span),
        )
    }
}

/// A response body that counts its call when the trailers (or the end) arrive, and polls its
/// stream inside the call's span (log lines of a streaming answer carry the trace too).
pub struct Observed<B> {
    inner: B,
    call: Option<Call>,
    span: tracing::Span,
}

impl<B: Body + Unpin> Body for Observed<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = &mut *self;
        let _entered = this.span.enter();
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        let status = match &polled {
            Poll::Ready(Some(Ok(frame))) => frame.trailers_ref().and_then(status_of),
            Poll::Ready(Some(Err(_))) => Some("Unknown"),
            // Trailers always carry a status; a body ending without one answered nothing.
            Poll::Ready(None) => Some("Unknown"),
            Poll::Pending => None,
        };
        if let Some(status) = status
            && let Some(call) = this.call.take()
        {
            call.finish(status);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl<B> Drop for Observed<B> {
    fn drop(&mut self) {
        if let Some(call) = self.call.take() {
            let _entered = self.span.enter();
            call.finish("Canceled");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_service_and_method_or_nothing() {
        assert_eq!(
            rpc_names("/artstation.auth.v1.AuthService/Login"),
            ("artstation.auth.v1.AuthService".into(), "Login".into())
        );
        for odd in ["", "/", "/x", "/a/b/c", "/a b/c", "/svc/"] {
            assert_eq!(
                rpc_names(odd),
                ("unknown".into(), "unknown".into()),
                "{odd}"
            );
        }
    }

    #[test]
    fn statuses_have_their_names() {
        assert_eq!(status_name(b"0"), "OK");
        assert_eq!(status_name(b"5"), "NotFound");
        assert_eq!(status_name(b"16"), "Unauthenticated");
        assert_eq!(status_name(b"99"), "Unknown");
    }
}
