//! Reads through the edge cache: the route handlers of the anonymous public reads hand it the
//! call to the artwork service, and it serves a kept answer instead when it may.

use std::future::Future;
use std::sync::Arc;

use artstation_common::ServiceError;
use axum::http::{HeaderValue, Method, Uri};
use serde::Serialize;

use super::{Answer, shared_lifetime};
use crate::AppState;
use crate::problem::ApiError;

/// What the edge cache counts a lookup under (`artstation_cache_requests_total{cache=…}`).
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// `GET /v1/artworks/{id}`.
    Artwork,
    /// Every public list: the catalogue's pages and searches, popular, categories, the sale,
    /// the public moderation log.
    List,
}

impl Kind {
    pub(super) fn label(self) -> &'static str {
        match self {
            Self::Artwork => "edge_artwork",
            Self::List => "edge_list",
        }
    }
}

/// An answer and whether the edge cache gave it.
pub(crate) struct Served {
    pub(crate) answer: Arc<Answer>,
    pub(crate) kept: bool,
}

/// What the artwork service answered, ready to send: the REST document, and the
/// `cache-control` the service allowed (see [`allowed`]).
pub(crate) struct Fresh {
    body: Vec<u8>,
    shared: Option<HeaderValue>,
}

impl Fresh {
    /// The service's `answer` as the REST document `present` makes of it, shareable as the
    /// service allowed.
    pub(crate) fn of<T, D: Serialize>(
        answer: tonic::Response<T>,
        present: impl FnOnce(T) -> D,
    ) -> Result<Self, ApiError> {
        let shared = allowed(&answer);
        let body = serde_json::to_vec(&present(answer.into_inner()))
            .map_err(|e| ServiceError::internal(format!("cannot encode the answer: {e}")))?;
        Ok(Self { body, shared })
    }
}

/// The `cache-control` the artwork service put on `answer` (none: not shareable).
fn allowed<T>(answer: &tonic::Response<T>) -> Option<HeaderValue> {
    answer
        .metadata()
        .get("cache-control")
        .and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok())
}

/// What an answer is kept under: the request's method, path and query exactly as they came.
/// Not normalised: the handler reads the query as `serde_urlencoded` does (repeats, empty
/// values, `+`, percent escapes), and a normaliser that differed from it in one case would
/// serve one query's answer for another; spelling a query two ways costs only a second entry.
/// `HEAD` is answered by the same handler, so it shares `GET`'s entries.
fn key(method: &Method, uri: &Uri) -> String {
    let method = if method == Method::HEAD {
        &Method::GET
    } else {
        method
    };
    let target = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    format!("{method} {target}")
}

/// The answer to a read of `uri`: kept when `anonymous` and the edge cache has it, else
/// `read` (not polled at all on a hit), kept for the lifetime the service allowed when
/// `anonymous`. A signed-in reader's answer is never kept nor served from what was kept, and
/// is sent `private, no-cache` even if the service would have shared it.
pub(crate) async fn read_through(
    st: &AppState,
    kind: Kind,
    anonymous: bool,
    (method, uri): (&Method, &Uri),
    read: impl Future<Output = Result<Fresh, ApiError>>,
) -> Result<Served, ApiError> {
    let edge = st.edge();
    let key = anonymous.then(|| key(method, uri));
    if let Some(key) = &key
        && let Some(answer) = edge.get(kind, key)
    {
        return Ok(Served { answer, kept: true });
    }
    let ticket = edge.ticket();
    let fresh = read.await?;
    let shared = fresh.shared.filter(|_| anonymous);
    let lifetime = shared.as_ref().and_then(shared_lifetime);
    let answer = Arc::new(Answer::new(fresh.body, shared));
    if let (Some(key), Some(lifetime)) = (key, lifetime) {
        edge.put(ticket, &key, answer.clone(), lifetime);
    }
    Ok(Served {
        answer,
        kept: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_request_line_as_it_came() {
        let uri = |s: &'static str| Uri::from_static(s);
        assert_eq!(
            key(&Method::GET, &uri("/v1/artworks?tag=a&limit=2")),
            "GET /v1/artworks?tag=a&limit=2"
        );
        assert_eq!(
            key(&Method::HEAD, &uri("/v1/artworks?tag=a")),
            key(&Method::GET, &uri("/v1/artworks?tag=a"))
        );
        assert_ne!(
            key(&Method::GET, &uri("/v1/artworks?limit=2&tag=a")),
            key(&Method::GET, &uri("/v1/artworks?tag=a&limit=2")),
            "spelt differently: kept apart rather than guessed the same"
        );
        assert_eq!(
            key(&Method::GET, &uri("/v1/categories")),
            "GET /v1/categories"
        );
    }
}
