//! `GET /v1/artworks/{id}/thumbnail`, `/preview` and `/original`: image bytes streamed from the
//! artwork service, with the headers that make them safe to serve from a marketplace's origin
//! (a fixed type and disposition, no sniffing, a sandboxing CSP) and cheap to serve again
//! (strong ETags, short shared-cache lifetimes so withdrawal takes effect, Range for originals).

use artstation_common::ServiceError;
use artstation_proto::artwork::v1 as pb;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt as _;

use crate::problem::ApiError;
use crate::{AppState, MaybeToken, with_token};

#[utoipa::path(
    get,
    path = "/v1/artworks/{id}/thumbnail",
    tag = "artworks",
    params(("id" = String, Path, description = "Artwork id"), ("If-None-Match" = Option<String>, Header)),
    responses((status = 200, description = "JPEG thumbnail", content_type = "image/jpeg", body = crate::openapi::Binary, headers(("ETag" = String))), (status = 304, description = "Unchanged since `If-None-Match`")),
    security((), ("bearer" = []))
)]
pub async fn thumbnail(
    st: State<AppState>,
    token: MaybeToken,
    id: Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    serve(st, token, id, headers, pb::ImageVariant::Thumbnail).await
}

#[utoipa::path(
    get,
    path = "/v1/artworks/{id}/preview",
    tag = "artworks",
    params(("id" = String, Path, description = "Artwork id"), ("If-None-Match" = Option<String>, Header)),
    responses((status = 200, description = "Watermarked JPEG preview", content_type = "image/jpeg", body = crate::openapi::Binary, headers(("ETag" = String))), (status = 304, description = "Unchanged since `If-None-Match`")),
    security((), ("bearer" = []))
)]
pub async fn preview(
    st: State<AppState>,
    token: MaybeToken,
    id: Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    serve(st, token, id, headers, pb::ImageVariant::Preview).await
}

#[utoipa::path(
    get,
    path = "/v1/artworks/{id}/original",
    tag = "artworks",
    params(("id" = String, Path, description = "Artwork id"), ("If-None-Match" = Option<String>, Header), ("Range" = Option<String>, Header, description = "One `bytes=` range")),
    responses((status = 200, description = "The original file (owners and buyers)", content_type = "application/octet-stream", body = crate::openapi::Binary, headers(("ETag" = String))), (status = 304, description = "Unchanged since `If-None-Match`"), (status = 206, description = "The requested byte range", content_type = "application/octet-stream", body = crate::openapi::Binary), (status = 416, description = "The range is outside the file")),
    security((), ("bearer" = []))
)]
pub async fn original(
    st: State<AppState>,
    token: MaybeToken,
    id: Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    serve(st, token, id, headers, pb::ImageVariant::Original).await
}

/// A single `bytes=` range (RFC 9110 §14.1.2). Anything else — several ranges, other units,
/// bad syntax — is ignored, which the RFC allows: the whole image is sent.
fn parse_range(value: &str) -> Option<pb::ByteRange> {
    let spec = value.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let num = |s: &str| -> Option<Option<u64>> {
        let s = s.trim();
        if s.is_empty() {
            Some(None)
        } else if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok().map(Some)
        } else {
            None
        }
    };
    let (first, last) = (num(first)?, num(last)?);
    match (first, last) {
        (None, None) => None,
        (Some(f), Some(l)) if l < f => None,
        _ => Some(pb::ByteRange { first, last }),
    }
}

fn header_value(s: &str) -> Result<HeaderValue, ApiError> {
    HeaderValue::from_str(s).map_err(|e| ApiError(ServiceError::internal(e)))
}

async fn serve(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    Path(id): Path<String>,
    headers: HeaderMap,
    variant: pb::ImageVariant,
) -> Result<Response, ApiError> {
    let original = variant == pb::ImageVariant::Original;
    let range = if original {
        headers
            .get(header::RANGE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_range)
    } else {
        None
    };
    let if_none_match = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut req = with_token(
        pb::ReadImageRequest {
            id,
            variant: variant.into(),
            if_none_match,
            range,
        },
        token.as_deref(),
    )?;
    // The bytes stream after the answer's head, at the client's pace: the route's deadline
    // bounds the wait for the head, the connection's idle limit a stalled body, so the call
    // itself may last as long as a large original takes to download.
    req.set_timeout(std::time::Duration::from_secs(3600));
    let mut stream = st.artworks().read_image(req).await?.into_inner();
    let head = match stream.message().await? {
        Some(pb::ReadImageResponse {
            part: Some(pb::read_image_response::Part::Head(h)),
        }) => h,
        _ => {
            return Err(ApiError(ServiceError::internal(
                "image stream did not start with its head",
            )));
        }
    };

    let cache = if head.public {
        // The bytes behind an image URL never change, but the right to see them does: a work
        // unpublished or hidden by moderation must leave shared caches soon, so caches keep it
        // five minutes and then revalidate (a cheap 304 by ETag while it stays public).
        "public, max-age=300"
    } else if original {
        "private, no-cache"
    } else {
        "private, max-age=3600"
    };
    let disposition = if original {
        format!("attachment; filename=\"{}\"", head.filename)
    } else {
        format!("inline; filename=\"{}\"", head.filename)
    };
    let mut out = HeaderMap::new();
    out.insert(header::ETAG, header_value(&head.etag)?);
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Even a browser that ignored the type would run nothing from this response.
    out.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    if original {
        out.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    }
    if head.not_modified {
        return Ok((StatusCode::NOT_MODIFIED, out).into_response());
    }
    if head.unsatisfiable {
        let mut resp = ApiError::validation(
            "range",
            format!("the range lies outside the image's {} bytes", head.size),
        )
        .into_response();
        *resp.status_mut() = StatusCode::RANGE_NOT_SATISFIABLE;
        resp.headers_mut().insert(
            header::CONTENT_RANGE,
            header_value(&format!("bytes */{}", head.size))?,
        );
        return Ok(resp);
    }
    out.insert(header::CONTENT_TYPE, header_value(&head.content_type)?);
    out.insert(header::CONTENT_DISPOSITION, header_value(&disposition)?);
    let (status, length) = if head.partial {
        out.insert(
            header::CONTENT_RANGE,
            header_value(&format!(
                "bytes {}-{}/{}",
                head.range_start,
                head.range_end.saturating_sub(1),
                head.size
            ))?,
        );
        (
            StatusCode::PARTIAL_CONTENT,
            head.range_end - head.range_start,
        )
    } else {
        (StatusCode::OK, head.size)
    };
    out.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    let body = stream.filter_map(|msg| async move {
        match msg {
            Ok(pb::ReadImageResponse {
                part: Some(pb::read_image_response::Part::Chunk(bytes)),
            }) => Some(Ok(bytes::Bytes::from(bytes))),
            Ok(_) => None,
            // Headers are gone already: breaking the body is how the client learns of it.
            Err(status) => {
                tracing::warn!(%status, "image stream broke off");
                Some(Err(std::io::Error::other(status.message().to_owned())))
            }
        }
    });
    Ok((status, out, Body::from_stream(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_like_rfc_9110() {
        let r = |v: &str| parse_range(v).map(|r| (r.first, r.last));
        assert_eq!(r("bytes=0-99"), Some((Some(0), Some(99))));
        assert_eq!(r("bytes=100-"), Some((Some(100), None)));
        assert_eq!(r("bytes=-500"), Some((None, Some(500))));
        for ignored in [
            "bytes=0-1,5-6",
            "items=0-1",
            "bytes=a-b",
            "bytes=-",
            "bytes=9-3",
            "0-1",
        ] {
            assert_eq!(r(ignored), None, "{ignored}");
        }
    }
}
