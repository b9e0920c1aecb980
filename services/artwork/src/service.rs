//! The gRPC face of the artwork service.

use std::sync::Arc;

use artstation_common::jwt::{AccessClaims, authenticate, bearer_from_metadata};
use artstation_common::{ErrorCode, ServiceError, TokenVerifier};
use artstation_domain::{ArtworkStatus, Currency, Money, Role, Title};
use artstation_proto::artwork::v1 as pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use tonic::{Request, Response, Status, Streaming};

use crate::ArtworkConfig;
use crate::ingest::Ingest;
use crate::storage::{BlobKey, BlobStore};
use crate::store::{ArtworkRecord, ArtworkStore, StoreError};

const MAX_DESCRIPTION_CHARS: usize = 5_000;
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 40;
const MAX_CATEGORY_CHARS: usize = 64;
const DEFAULT_PAGE: u32 = 20;
const MAX_PAGE: u32 = 100;

#[derive(Clone)]
pub struct ArtworkService {
    inner: Arc<Inner>,
}

struct Inner {
    config: ArtworkConfig,
    store: Arc<dyn ArtworkStore>,
    blobs: Arc<dyn BlobStore>,
    verifier: Arc<TokenVerifier>,
}

impl ArtworkService {
    pub fn new(
        config: ArtworkConfig,
        store: Arc<dyn ArtworkStore>,
        blobs: Arc<dyn BlobStore>,
        verifier: Arc<TokenVerifier>,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                store,
                blobs,
                verifier,
            }),
        }
    }
}

/// Upload metadata, parsed once.
struct NewArtwork {
    title: Title,
    description: String,
    tags: Vec<String>,
    category: String,
    price: Money,
    licence: &'static str,
    edition_size: u32,
    status: ArtworkStatus,
}

fn parse_metadata(m: pb::UploadMetadata) -> Result<NewArtwork, ServiceError> {
    let title = Title::parse(&m.title)?;
    let description = m.description.trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(ServiceError::validation(
            "description",
            format!("at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    if m.tags.len() > MAX_TAGS {
        return Err(ServiceError::validation(
            "tags",
            format!("at most {MAX_TAGS} tags"),
        ));
    }
    let mut tags: Vec<String> = Vec::with_capacity(m.tags.len());
    for raw in &m.tags {
        let tag = raw.trim().to_lowercase();
        let n = tag.chars().count();
        if n == 0 || n > MAX_TAG_CHARS || tag.chars().any(char::is_control) {
            return Err(ServiceError::validation(
                "tags",
                format!("each tag must be 1 to {MAX_TAG_CHARS} characters"),
            ));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let category = m.category.trim().to_lowercase();
    if category.chars().count() > MAX_CATEGORY_CHARS || category.chars().any(char::is_control) {
        return Err(ServiceError::validation(
            "category",
            format!("at most {MAX_CATEGORY_CHARS} characters"),
        ));
    }
    let price = m
        .price
        .ok_or_else(|| ServiceError::validation("price", "a price is required"))?;
    let currency = Currency::parse(&price.currency)
        .map_err(|e| ServiceError::validation("price.currency", e.reason))?;
    let price = Money::new(price.amount_minor, currency)?;
    let licence = match m.licence.as_str() {
        "" | "personal" => "personal",
        "commercial" => "commercial",
        other => {
            return Err(ServiceError::validation(
                "licence",
                format!("unknown licence {other:?}; expected personal or commercial"),
            ));
        }
    };
    let status = match pb::ArtworkStatus::try_from(m.status) {
        Ok(pb::ArtworkStatus::Unspecified | pb::ArtworkStatus::Published) => {
            ArtworkStatus::Published
        }
        Ok(pb::ArtworkStatus::Draft) => ArtworkStatus::Draft,
        Err(_) => return Err(ServiceError::validation("status", "unknown status")),
    };
    Ok(NewArtwork {
        title,
        description,
        tags,
        category,
        price,
        licence,
        edition_size: m.edition_size,
        status,
    })
}

fn timestamp(t: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: t.timestamp(),
        nanos: i32::try_from(t.timestamp_subsec_nanos()).unwrap_or(0),
    }
}

fn to_pb(a: ArtworkRecord) -> pb::Artwork {
    pb::Artwork {
        id: a.id,
        title: a.title,
        description: a.description,
        tags: a.tags,
        category: a.category,
        price: Some(pb::Price {
            amount_minor: a.price_minor,
            currency: a.currency,
        }),
        licence: a.licence,
        edition_size: a.edition_size,
        status: match a.status {
            ArtworkStatus::Draft => pb::ArtworkStatus::Draft,
            ArtworkStatus::Published => pb::ArtworkStatus::Published,
        }
        .into(),
        artist: Some(pb::Artist {
            id: a.artist_id,
            username: a.artist_username,
        }),
        created_at: Some(timestamp(a.created_at)),
        content_type: a.content_type,
        size_bytes: a.size_bytes,
        width: a.width,
        height: a.height,
        sha256: a.sha256,
        favorite_count: a.favorite_count,
    }
}

fn store_err(e: StoreError) -> ServiceError {
    match e {
        StoreError::Duplicate { existing_id } => ServiceError::new(
            ErrorCode::Conflict,
            format!("you already uploaded this file as artwork {existing_id}"),
        )
        .with_existing_id(existing_id),
        other => ServiceError::internal(other),
    }
}

/// Opaque page cursor: the last id of the previous page. Versioned so its form can change.
fn encode_cursor(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1:{id}"))
}

fn decode_cursor(cursor: &str) -> Result<String, ServiceError> {
    let bad = || ServiceError::validation("cursor", "malformed cursor");
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let s = String::from_utf8(raw).map_err(|_| bad())?;
    let id = s.strip_prefix("v1:").ok_or_else(bad)?;
    uuid::Uuid::parse_str(id).map_err(|_| bad())?;
    Ok(id.to_owned())
}

impl Inner {
    async fn create(
        &self,
        claims: AccessClaims,
        mut stream: Streaming<pb::UploadRequest>,
    ) -> Result<pb::Artwork, ServiceError> {
        if claims.role != Role::Artist {
            return Err(ServiceError::forbidden("only artists can upload artworks"));
        }
        let aborted = |s: Status| {
            tracing::info!(status = %s, "upload aborted by the client");
            ServiceError::validation("file", "the upload was interrupted")
        };
        let first = stream.message().await.map_err(aborted)?;
        let Some(pb::upload_request::Part::Metadata(meta)) = first.and_then(|m| m.part) else {
            return Err(ServiceError::validation(
                "metadata",
                "an upload must start with its metadata",
            ));
        };
        let meta = parse_metadata(meta)?;
        let mut ingest =
            Ingest::begin(self.blobs.staging_dir(), self.config.max_upload_bytes).await?;
        let mut finished = false;
        while let Some(msg) = stream.message().await.map_err(aborted)? {
            match msg.part {
                Some(pb::upload_request::Part::Chunk(bytes)) if !finished => {
                    ingest.write(&bytes).await?;
                }
                Some(pb::upload_request::Part::Finish(_)) if !finished => finished = true,
                Some(pb::upload_request::Part::Metadata(_)) => {
                    return Err(ServiceError::validation("metadata", "metadata sent twice"));
                }
                Some(_) => {
                    return Err(ServiceError::validation("file", "data after finish"));
                }
                None => {}
            }
        }
        if !finished {
            // A clean end of stream without `finish` is a client that gave up midway: storing
            // what arrived would keep a truncated original.
            return Err(ServiceError::validation(
                "file",
                "the upload ended before it was finished",
            ));
        }
        let verified = ingest.finish().await?;
        if let Some(existing) = self
            .store
            .find_by_sha256(&claims.sub, &verified.sha256)
            .await
            .map_err(store_err)?
        {
            return Err(store_err(StoreError::Duplicate {
                existing_id: existing,
            }));
        }
        let id = uuid::Uuid::now_v7();
        let key = BlobKey::original(&id);
        self.blobs
            .put_file(&key, verified.staged.path())
            .await
            .map_err(ServiceError::internal)?;
        verified.staged.disarm();
        let record = ArtworkRecord {
            id: id.to_string(),
            artist_id: claims.sub,
            artist_username: claims.preferred_username,
            title: meta.title.into_inner(),
            description: meta.description,
            tags: meta.tags,
            category: meta.category,
            price_minor: meta.price.amount_minor(),
            currency: meta.price.currency().code().to_owned(),
            licence: meta.licence.to_owned(),
            edition_size: meta.edition_size,
            status: meta.status,
            content_type: verified.kind.content_type().to_owned(),
            size_bytes: verified.size,
            width: verified.width,
            height: verified.height,
            sha256: verified.sha256,
            blob_key: key.as_str().to_owned(),
            favorite_count: 0,
            created_at: artstation_common::now(),
        };
        if let Err(e) = self.store.create(&record).await {
            if let Err(del) = self.blobs.delete(&key).await {
                tracing::error!(key = key.as_str(), error = %del, "cannot remove blob of failed upload");
            }
            return Err(store_err(e));
        }
        tracing::info!(artwork_id = %record.id, size = record.size_bytes, "artwork created");
        Ok(to_pb(record))
    }

    /// The caller, if a token came with the request; a token that fails verification is an
    /// error rather than silently anonymous.
    async fn optional_caller<T>(
        &self,
        req: &Request<T>,
    ) -> Result<Option<AccessClaims>, ServiceError> {
        match bearer_from_metadata(req.metadata()) {
            None => Ok(None),
            Some(token) => self.verifier.verify(token).await.map(Some),
        }
    }

    async fn get(
        &self,
        caller: Option<AccessClaims>,
        id: &str,
    ) -> Result<pb::Artwork, ServiceError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        let artwork = self
            .store
            .get(id)
            .await
            .map_err(store_err)?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        let visible = artwork.status == ArtworkStatus::Published
            || caller.is_some_and(|c| c.sub == artwork.artist_id || c.role == Role::Admin);
        if !visible {
            return Err(ServiceError::not_found("artwork"));
        }
        Ok(to_pb(artwork))
    }

    async fn list(
        &self,
        req: pb::ListArtworksRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        let limit = match req.limit {
            0 => DEFAULT_PAGE,
            n if n <= MAX_PAGE => n,
            _ => {
                return Err(ServiceError::validation(
                    "limit",
                    format!("must be 1 to {MAX_PAGE}"),
                ));
            }
        };
        let before = if req.cursor.is_empty() {
            None
        } else {
            Some(decode_cursor(&req.cursor)?)
        };
        // One extra row tells whether another page exists without a COUNT.
        let mut rows = self
            .store
            .list_published(limit + 1, before.as_deref())
            .await
            .map_err(store_err)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = match (more, rows.last()) {
            (true, Some(last)) => encode_cursor(&last.id),
            _ => String::new(),
        };
        Ok(pb::ListArtworksResponse {
            items: rows.into_iter().map(to_pb).collect(),
            next_cursor,
        })
    }
}

#[tonic::async_trait]
impl pb::artwork_service_server::ArtworkService for ArtworkService {
    async fn create_artwork(
        &self,
        req: Request<Streaming<pb::UploadRequest>>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let claims = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.create(claims, req.into_inner()).await?,
        ))
    }

    async fn get_artwork(
        &self,
        req: Request<pb::GetArtworkRequest>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let caller = self.inner.optional_caller(&req).await?;
        Ok(Response::new(
            self.inner.get(caller, &req.into_inner().id).await?,
        ))
    }

    async fn list_artworks(
        &self,
        req: Request<pb::ListArtworksRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        Ok(Response::new(self.inner.list(req.into_inner()).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let id = uuid::Uuid::now_v7().to_string();
        assert_eq!(decode_cursor(&encode_cursor(&id)).ok(), Some(id));
        for bad in [
            "",
            "!!!",
            "djE6bm90LWEtdXVpZA",
            &URL_SAFE_NO_PAD.encode("v2:x"),
        ] {
            assert_eq!(
                decode_cursor(bad).map_err(|e| e.field),
                Err(Some("cursor".to_owned()))
            );
        }
    }

    fn meta() -> pb::UploadMetadata {
        pb::UploadMetadata {
            title: " Dawn ".into(),
            tags: vec!["Sky".into(), "sky".into(), " sea ".into()],
            price: Some(pb::Price {
                amount_minor: 1250,
                currency: "eur".into(),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn metadata_is_normalised() -> Result<(), ServiceError> {
        let m = parse_metadata(meta())?;
        assert_eq!(m.title.as_str(), "Dawn");
        assert_eq!(m.tags, ["sky", "sea"]);
        assert_eq!(m.price.currency().code(), "EUR");
        assert_eq!(m.licence, "personal");
        assert_eq!(m.status, ArtworkStatus::Published);
        Ok(())
    }

    #[test]
    fn bad_metadata_names_the_field() {
        let field = |m: pb::UploadMetadata| parse_metadata(m).err().and_then(|e| e.field);
        assert_eq!(
            field(pb::UploadMetadata {
                price: None,
                ..meta()
            })
            .as_deref(),
            Some("price")
        );
        let mut m = meta();
        m.price = Some(pb::Price {
            amount_minor: -1,
            currency: "USD".into(),
        });
        assert_eq!(field(m).as_deref(), Some("price.amount_minor"));
        let mut m = meta();
        m.price = Some(pb::Price {
            amount_minor: 1,
            currency: "XXX".into(),
        });
        assert_eq!(field(m).as_deref(), Some("price.currency"));
        let mut m = meta();
        m.tags = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(field(m).as_deref(), Some("tags"));
        assert_eq!(
            field(pb::UploadMetadata {
                licence: "cc0".into(),
                ..meta()
            })
            .as_deref(),
            Some("licence")
        );
        assert_eq!(
            field(pb::UploadMetadata {
                title: "".into(),
                ..meta()
            })
            .as_deref(),
            Some("title")
        );
    }
}
