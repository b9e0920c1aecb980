//! The image read path (`ReadImage`): who may read which variant, then a head (type, size,
//! strong ETag, range, whether it may be cached publicly) followed by the chunks. HTTP
//! semantics live here — `If-None-Match` (RFC 9110 §13.1.2) and byte ranges of originals — so
//! the gateway only copies the head into headers.
//!
//! Originals are for the artist and for buyers holding a live entitlement (recorded by the
//! commerce service through the internal calls); the entitlement outlives the artist's delete.

use std::ops::Range;
use std::pin::Pin;

use artstation_common::ServiceError;
use artstation_common::conditional::etag_matches;
use artstation_common::jwt::AccessClaims;
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use futures::{Stream, StreamExt as _};
use tonic::Status;

use crate::blobs::{BlobKey, Variant};
use crate::pipeline::format::ImageKind;
use crate::pipeline::imaging::DERIVATIVE_CONTENT_TYPE;
use crate::state::State;
use crate::store::ArtworkRecord;

pub(crate) type ImageStream =
    Pin<Box<dyn Stream<Item = Result<pb::ReadImageResponse, Status>> + Send>>;

/// What to send for one variant of one artwork.
struct Source {
    key: String,
    sha256: String,
    content_type: String,
    filename: String,
    /// Known for originals only; ranges are for originals (derivatives are small and always
    /// sent whole).
    size: Option<u64>,
}

impl State {
    pub(crate) async fn read_image(
        &self,
        caller: Option<AccessClaims>,
        req: pb::ReadImageRequest,
    ) -> Result<ImageStream, ServiceError> {
        let variant = pb::ImageVariant::try_from(req.variant)
            .ok()
            .filter(|v| *v != pb::ImageVariant::Unspecified)
            .ok_or_else(|| ServiceError::validation("variant", "unknown image variant"))?;
        let (artwork, may_read_original) = match self.load_visible(&req.id, caller.as_ref()).await {
            Ok(v) => {
                // The owner and admins (who moderate originals, e.g. theft reports).
                let entitled = !v.privileged
                    && variant == pb::ImageVariant::Original
                    && self.bought(&req.id, caller.as_ref()).await?.is_some();
                (v.artwork, v.privileged || entitled)
            }
            // Buyers keep their original when the artist deletes the work (or moderation
            // hides it); everyone else, a refunded buyer too, gets the answer they got before.
            Err(e) if variant == pb::ImageVariant::Original => {
                match self.bought(&req.id, caller.as_ref()).await? {
                    Some(a) => (a, true),
                    None => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        let published = artwork.status == ArtworkStatus::Published;
        let source = match variant {
            pb::ImageVariant::Original => {
                if caller.is_none() {
                    return Err(ServiceError::unauthorized());
                }
                if !may_read_original {
                    return Err(ServiceError::forbidden(
                        "only the artist, its buyers and admins can download the original",
                    ));
                }
                let ext = ImageKind::extension_of(&artwork.content_type);
                Source {
                    key: artwork.blob_key.clone(),
                    sha256: artwork.sha256.clone(),
                    content_type: artwork.content_type.clone(),
                    filename: format!("artwork-{}.{ext}", artwork.id),
                    size: Some(artwork.size_bytes),
                }
            }
            pb::ImageVariant::Thumbnail | pb::ImageVariant::Preview => {
                let (d, name) = if variant == pb::ImageVariant::Thumbnail {
                    (artwork.thumbnail.as_ref(), Variant::Thumbnail.name())
                } else {
                    (artwork.preview.as_ref(), Variant::Preview.name())
                };
                let d = d.ok_or_else(|| ServiceError::not_found(name))?;
                Source {
                    key: d.blob_key.clone(),
                    sha256: d.sha256.clone(),
                    content_type: DERIVATIVE_CONTENT_TYPE.to_owned(),
                    filename: format!("artwork-{}-{name}.jpg", artwork.id),
                    size: None,
                }
            }
            pb::ImageVariant::Unspecified => {
                return Err(ServiceError::validation("variant", "unknown image variant"));
            }
        };
        let mut head = pb::ImageHead {
            content_type: source.content_type,
            etag: format!("\"{}\"", source.sha256),
            filename: source.filename,
            public: published && variant != pb::ImageVariant::Original,
            ..Default::default()
        };
        let key = BlobKey::parse(&source.key).map_err(ServiceError::internal)?;
        if etag_matches(&req.if_none_match, &head.etag) {
            head.not_modified = true;
            head.size = source.size.unwrap_or(0);
            return Ok(head_only(head));
        }
        let range = match (req.range, source.size) {
            (Some(r), Some(size)) => match resolve_range(&r, size) {
                Some(r) => Some(r),
                None => {
                    head.size = size;
                    head.unsatisfiable = true;
                    return Ok(head_only(head));
                }
            },
            _ => None,
        };
        let read = self
            .blobs
            .read(&key, range.clone())
            .await
            .map_err(ServiceError::internal)?
            .ok_or_else(|| {
                ServiceError::internal(format!("blob {key} of artwork {} is missing", artwork.id))
            })?;
        head.size = read.size;
        if range.is_some() {
            head.partial = true;
            head.range_start = read.range.start;
            head.range_end = read.range.end;
        }
        let first = futures::stream::once(async move {
            Ok(pb::ReadImageResponse {
                part: Some(pb::read_image_response::Part::Head(head)),
            })
        });
        let body = read.body.map(move |chunk| match chunk {
            Ok(bytes) => Ok(pb::ReadImageResponse {
                part: Some(pb::read_image_response::Part::Chunk(bytes.to_vec())),
            }),
            Err(e) => Err(Status::from(ServiceError::internal(e))),
        });
        Ok(Box::pin(first.chain(body)))
    }
}

impl State {
    /// Artwork `id` (even deleted) if `caller` holds a live entitlement to it: they bought it
    /// and were not refunded.
    async fn bought(
        &self,
        id: &str,
        caller: Option<&AccessClaims>,
    ) -> Result<Option<ArtworkRecord>, ServiceError> {
        match caller {
            Some(c) if uuid::Uuid::parse_str(id).is_ok() => {
                Ok(self.store.owned_artwork(id, &c.sub).await?)
            }
            _ => Ok(None),
        }
    }
}

fn head_only(head: pb::ImageHead) -> ImageStream {
    Box::pin(futures::stream::once(async move {
        Ok(pb::ReadImageResponse {
            part: Some(pb::read_image_response::Part::Head(head)),
        })
    }))
}

/// Resolves an HTTP byte range against a size; `None` when it cannot be satisfied.
fn resolve_range(r: &pb::ByteRange, size: u64) -> Option<Range<u64>> {
    match (r.first, r.last) {
        (Some(first), last) => {
            if first >= size || last.is_some_and(|l| l < first) {
                return None;
            }
            let end = last.map_or(size, |l| l.saturating_add(1).min(size));
            Some(first..end)
        }
        (None, Some(suffix)) => {
            if suffix == 0 || size == 0 {
                return None;
            }
            Some(size.saturating_sub(suffix)..size)
        }
        (None, None) => Some(0..size),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_resolve_like_http() {
        let r = |first: Option<u64>, last: Option<u64>| pb::ByteRange { first, last };
        assert_eq!(resolve_range(&r(Some(0), Some(9)), 100), Some(0..10));
        assert_eq!(resolve_range(&r(Some(90), Some(200)), 100), Some(90..100));
        assert_eq!(resolve_range(&r(Some(10), None), 100), Some(10..100));
        assert_eq!(resolve_range(&r(None, Some(30)), 100), Some(70..100));
        assert_eq!(resolve_range(&r(None, Some(300)), 100), Some(0..100));
        assert_eq!(resolve_range(&r(Some(100), None), 100), None);
        assert_eq!(resolve_range(&r(Some(5), Some(4)), 100), None);
        assert_eq!(resolve_range(&r(None, Some(0)), 100), None);
    }
}
