//! Which upstream calls may be repeated: those made while answering a GET or HEAD. The
//! balancer may retry them once on another replica; a write is never sent twice.

use artstation_common::upstream::Idempotent;
use axum::extract::Request;
use axum::http::Method;
use axum::response::Response;

tokio::task_local! {
    /// Whether the request being served only reads.
    static READ: bool;
}

/// Runs the rest of the request knowing whether it only reads.
pub(crate) async fn scope<F, Fut>(req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let read = matches!(*req.method(), Method::GET | Method::HEAD);
    READ.scope(read, next(req)).await
}

/// Marks a gRPC call made for a read as idempotent.
pub(crate) fn mark<T>(req: &mut tonic::Request<T>) {
    if READ.try_with(|r| *r).unwrap_or(false) {
        req.extensions_mut().insert(Idempotent);
    }
}
