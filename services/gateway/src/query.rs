//! A query-string extractor whose failures are problem+json like every other error, instead
//! of axum's plain-text rejection (a repeated or mistyped parameter is the client's mistake
//! and answers 400 `validation_failed` in the documented shape).

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::problem::ApiError;

pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Query::try_from_uri(&parts.uri)
            .map(|Query(q)| Self(q))
            .map_err(|e| ApiError::validation("query", e.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use artstation_common::ErrorCode;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Q {
        all: Option<bool>,
        limit: Option<String>,
    }

    async fn extract(uri: &str) -> Result<ApiQuery<Q>, ApiError> {
        let req = axum::http::Request::builder()
            .uri(uri)
            .body(())
            .map_err(|e| ApiError::validation("uri", e.to_string()))?;
        let (mut parts, ()) = req.into_parts();
        ApiQuery::<Q>::from_request_parts(&mut parts, &()).await
    }

    #[tokio::test]
    async fn bad_queries_are_validation_problems() {
        for uri in ["/x?all=maybe", "/x?limit=1&limit=2"] {
            let err = extract(uri).await.err().map(|e| (e.0.code, e.0.field));
            assert_eq!(
                err,
                Some((ErrorCode::ValidationFailed, Some("query".into()))),
                "{uri}"
            );
        }
        let ok = extract("/x?all=true&limit=5").await.ok().map(|q| q.0.all);
        assert_eq!(ok, Some(Some(true)));
    }
}
