//! An answer as the edge cache keeps and sends it, and what of the artwork service's
//! `cache-control` lets it be kept.

use std::time::Duration;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use sha2::{Digest as _, Sha256};

/// A JSON answer as it is sent: its bytes, strong validator and caching headers.
pub(crate) struct Answer {
    pub(super) body: Bytes,
    pub(super) etag: HeaderValue,
    pub(super) cache_control: HeaderValue,
}

/// Answers to signed-in readers are theirs alone, and are revalidated every time.
const PRIVATE: HeaderValue = HeaderValue::from_static("private, no-cache");

impl Answer {
    /// `body` with the caching the artwork service allowed (`shared`), else private.
    pub(crate) fn new(body: Vec<u8>, shared: Option<HeaderValue>) -> Self {
        let digest = Sha256::digest(&body);
        let etag = format!("\"{}\"", hex_prefix(&digest[..16]));
        Self {
            body: Bytes::from(body),
            etag: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
            cache_control: shared.unwrap_or(PRIVATE),
        }
    }

    /// The answer to a request with `headers`: 304 when its `If-None-Match` names this one.
    pub(crate) fn respond(&self, headers: &HeaderMap) -> Response {
        let not_modified = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .zip(self.etag.to_str().ok())
            .is_some_and(|(inm, etag)| artstation_common::conditional::etag_matches(inm, etag));
        let caching = [
            (header::ETAG, self.etag.clone()),
            (header::CACHE_CONTROL, self.cache_control.clone()),
            // Signed-in readers get answers of their own (an owner or an admin sees more of
            // a work), which a shared cache must not give anyone else.
            (header::VARY, HeaderValue::from_static("authorization")),
        ];
        if not_modified {
            return (StatusCode::NOT_MODIFIED, caching).into_response();
        }
        let json = HeaderValue::from_static("application/json");
        (caching, [(header::CONTENT_TYPE, json)], self.body.clone()).into_response()
    }
}

fn hex_prefix(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `max-age` of a `cache-control` value that allows a shared cache to keep the answer.
pub(crate) fn shared_lifetime(cache_control: &HeaderValue) -> Option<Duration> {
    let value = cache_control.to_str().ok()?;
    let directives: Vec<&str> = value.split(',').map(str::trim).collect();
    if !directives.contains(&"public")
        || directives
            .iter()
            .any(|d| matches!(*d, "private" | "no-store" | "no-cache"))
    {
        return None;
    }
    let secs: u64 = directives
        .iter()
        .find_map(|d| d.strip_prefix("max-age="))?
        .parse()
        .ok()?;
    (secs > 0).then(|| Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_answers_with_a_lifetime_may_be_shared() {
        let life = |v: &'static str| shared_lifetime(&HeaderValue::from_static(v));
        assert_eq!(life("public, max-age=5"), Some(Duration::from_secs(5)));
        assert_eq!(life("max-age=5"), None);
        assert_eq!(life("public, max-age=0"), None);
        assert_eq!(life("public, no-store, max-age=5"), None);
        assert_eq!(life("public"), None);
        assert_eq!(life("private, no-cache"), None);
    }

    #[test]
    fn a_matching_validator_gets_304_without_a_body() {
        let a = Answer::new(
            b"{\"id\":1}".to_vec(),
            Some(HeaderValue::from_static("public, max-age=5")),
        );
        let mut headers = HeaderMap::new();
        assert_eq!(a.respond(&headers).status(), StatusCode::OK);
        headers.insert(header::IF_NONE_MATCH, a.etag.clone());
        let resp = a.respond(&headers);
        assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(resp.headers().get(header::ETAG), Some(&a.etag));
        assert_eq!(
            Answer::new(b"{}".to_vec(), None).cache_control,
            HeaderValue::from_static("private, no-cache")
        );
    }
}
