//! The upload body as the gateway reads it: multer straight over the request body under
//! `artstation_multipart`'s pace guard, so neither the part loop nor the parser holds more
//! than a bounded amount whatever the client sends (axum's `Multipart` gives no way to put
//! the guard between the body and multer). The part loop itself is
//! `artstation_multipart::read_upload`, fuzzed in `fuzz/`.

use artstation_multipart::{Progress, ReadError, TooFarAhead, paced};
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;

use crate::problem::ApiError;

/// How much of the body may arrive while multer looks for the next part (the preamble, a
/// part's headers) before the upload is refused. Real headers are a few hundred bytes; the
/// room is for the body's frames (hyper reads up to ~400 KiB at once), so two frames around a
/// header never trip it.
pub const MAX_AHEAD: u64 = 1024 * 1024;

/// An upload's multipart body, ready for `artstation_multipart::read_upload`.
pub struct UploadBody {
    pub multipart: multer::Multipart<'static>,
    pub progress: Progress,
}

impl<S: Send + Sync> FromRequest<S> for UploadBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _: &S) -> Result<Self, ApiError> {
        let boundary = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| multer::parse_boundary(v).ok())
            .ok_or_else(|| {
                ApiError::validation(
                    "body",
                    "expected a multipart/form-data body with a boundary",
                )
            })?;
        let (body, progress) = paced(req.into_body().into_data_stream(), MAX_AHEAD);
        Ok(Self {
            multipart: multer::Multipart::new(body, boundary),
            progress,
        })
    }
}

/// The answer to a part loop that stopped early: a malformed body or an oversized or
/// repeated part is the client's error, named by field; the sink's own errors pass through.
pub fn read_error(e: ReadError<ApiError>) -> ApiError {
    match e {
        ReadError::Multipart(e) => {
            let ahead = std::error::Error::source(&e).is_some_and(|s| s.is::<TooFarAhead>());
            let why = if ahead {
                format!("a part's headers run past {MAX_AHEAD} bytes")
            } else {
                e.to_string()
            };
            ApiError::validation("file", format!("malformed multipart body: {why}"))
        }
        ReadError::MetadataTooLarge { max } => ApiError::validation(
            "metadata",
            format!("the metadata part is larger than {max} bytes"),
        ),
        ReadError::Repeated { part } => ApiError::validation(part, "part sent more than once"),
        ReadError::Sink(e) => e,
    }
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use artstation_multipart::{Bounds, Sink, read_upload};
    use axum::body::Body;

    use super::*;

    struct Discard;

    impl Sink for Discard {
        type Error = ApiError;
        async fn metadata(&mut self, _: Vec<u8>) -> Result<bool, ApiError> {
            Ok(true)
        }
        async fn file(&mut self, _: &[u8]) -> Result<bool, ApiError> {
            Ok(true)
        }
    }

    async fn read(content_type: &str, body: Body) -> Result<(), ApiError> {
        let req = Request::builder()
            .header(CONTENT_TYPE, content_type)
            .body(body)
            .map_err(|e| ApiError::validation("test", e.to_string()))?;
        let UploadBody {
            mut multipart,
            progress,
        } = UploadBody::from_request(req, &()).await?;
        let bounds = Bounds {
            max_metadata: 1024,
            chunk: 1024,
        };
        // A handler's future must be Send: so must the loop's over a concrete sink.
        is_send(read_upload(&mut multipart, &progress, bounds, &mut Discard))
            .await
            .map(|_| ())
            .map_err(read_error)
    }

    fn is_send<T: Send>(t: T) -> T {
        t
    }

    #[tokio::test]
    async fn endless_part_headers_are_a_400_not_held() {
        // Arrives in pieces, as from a socket; the guard stops reading after MAX_AHEAD.
        let head = "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n";
        let pad = (0..100_000).map(|_| Ok::<_, Infallible>("X-Pad: aaaaaaaaaaaaaaaaaaaaaaaa\r\n"));
        let pieces = std::iter::once(Ok(head)).chain(pad);
        let body = Body::from_stream(futures::stream::iter(pieces));
        let err = read("multipart/form-data; boundary=B", body).await.err();
        let err = err.map(|e| (e.0.field, e.0.message));
        assert_eq!(
            err,
            Some((
                Some("file".to_owned()),
                format!("malformed multipart body: a part's headers run past {MAX_AHEAD} bytes")
            ))
        );

        let err = read("application/json", Body::from("{}")).await.err();
        assert_eq!(err.and_then(|e| e.0.field), Some("body".to_owned()));
    }
}
