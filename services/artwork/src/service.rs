//! The gRPC face of the artwork service.

use std::sync::Arc;

use artstation_common::jwt::{AccessClaims, authenticate, bearer_from_metadata};
use artstation_common::{Cache, ErrorCode, ServiceError, TokenVerifier};
use artstation_domain::{ArtworkStatus, Currency, Money, Role, Title};
use artstation_proto::artwork::v1 as pb;
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

#[derive(Clone)]
pub struct ArtworkService {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: ArtworkConfig,
    pub(crate) store: Arc<dyn ArtworkStore>,
    pub(crate) blobs: Arc<dyn BlobStore>,
    pub(crate) verifier: Arc<TokenVerifier>,
    /// Popular lists and recommendations (Redis in production, in-process otherwise).
    pub(crate) cache: Arc<Cache>,
    /// The store-wide sale, re-read every few seconds so every replica prices alike.
    pub(crate) sale: tokio::sync::RwLock<crate::catalogue::SaleSnapshot>,
}

impl ArtworkService {
    pub fn new(
        config: ArtworkConfig,
        store: Arc<dyn ArtworkStore>,
        blobs: Arc<dyn BlobStore>,
        verifier: Arc<TokenVerifier>,
        cache: Arc<Cache>,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                store,
                blobs,
                verifier,
                cache,
                sale: tokio::sync::RwLock::new(crate::catalogue::SaleSnapshot::default()),
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

pub(crate) fn parse_description(raw: &str) -> Result<String, ServiceError> {
    let description = raw.trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(ServiceError::validation(
            "description",
            format!("at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    Ok(description)
}

/// Tags are trimmed, lower-cased, deduplicated and bounded in count and length.
pub(crate) fn parse_tags(raw: &[String]) -> Result<Vec<String>, ServiceError> {
    if raw.len() > MAX_TAGS {
        return Err(ServiceError::validation(
            "tags",
            format!("at most {MAX_TAGS} tags"),
        ));
    }
    let mut tags: Vec<String> = Vec::with_capacity(raw.len());
    for raw in raw {
        let tag = parse_tag(raw)?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(tags)
}

pub(crate) fn parse_tag(raw: &str) -> Result<String, ServiceError> {
    let tag = raw.trim().to_lowercase();
    let n = tag.chars().count();
    if n == 0 || n > MAX_TAG_CHARS || tag.chars().any(char::is_control) {
        return Err(ServiceError::validation(
            "tags",
            format!("each tag must be 1 to {MAX_TAG_CHARS} characters"),
        ));
    }
    Ok(tag)
}

pub(crate) fn parse_category(raw: &str) -> Result<String, ServiceError> {
    let category = raw.trim().to_lowercase();
    if category.chars().count() > MAX_CATEGORY_CHARS || category.chars().any(char::is_control) {
        return Err(ServiceError::validation(
            "category",
            format!("at most {MAX_CATEGORY_CHARS} characters"),
        ));
    }
    Ok(category)
}

pub(crate) fn parse_price(price: Option<pb::Price>) -> Result<Money, ServiceError> {
    let price = price.ok_or_else(|| ServiceError::validation("price", "a price is required"))?;
    let currency = Currency::parse(&price.currency)
        .map_err(|e| ServiceError::validation("price.currency", e.reason))?;
    Ok(Money::new(price.amount_minor, currency)?)
}

pub(crate) fn parse_licence(raw: &str) -> Result<&'static str, ServiceError> {
    match raw {
        "" | "personal" => Ok("personal"),
        "commercial" => Ok("commercial"),
        other => Err(ServiceError::validation(
            "licence",
            format!("unknown licence {other:?}; expected personal or commercial"),
        )),
    }
}

/// Editions are open (0) or limited to 1..=1 000 000.
pub(crate) fn parse_edition(n: u32) -> Result<u32, ServiceError> {
    if n > 1_000_000 {
        return Err(ServiceError::validation("edition_size", "at most 1000000"));
    }
    Ok(n)
}

fn parse_metadata(m: pb::UploadMetadata) -> Result<NewArtwork, ServiceError> {
    let title = Title::parse(&m.title)?;
    let description = parse_description(&m.description)?;
    let tags = parse_tags(&m.tags)?;
    let category = parse_category(&m.category)?;
    let price = parse_price(m.price)?;
    let licence = parse_licence(&m.licence)?;
    let status = match pb::ArtworkStatus::try_from(m.status) {
        Ok(pb::ArtworkStatus::Unspecified | pb::ArtworkStatus::Published) => {
            ArtworkStatus::Published
        }
        Ok(pb::ArtworkStatus::Draft) => ArtworkStatus::Draft,
        Ok(pb::ArtworkStatus::Hidden) | Err(_) => {
            return Err(ServiceError::validation(
                "status",
                "status must be draft or published",
            ));
        }
    };
    Ok(NewArtwork {
        title,
        description,
        tags,
        category,
        price,
        licence,
        edition_size: parse_edition(m.edition_size)?,
        status,
    })
}

fn timestamp(t: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: t.timestamp(),
        nanos: i32::try_from(t.timestamp_subsec_nanos()).unwrap_or(0),
    }
}

/// The artwork as stored; [`Inner::present`] adds the sale price.
pub(crate) fn to_pb(a: ArtworkRecord) -> pb::Artwork {
    pb::Artwork {
        id: a.id,
        title: a.title,
        description: a.description,
        tags: a.tags,
        category: a.category,
        effective_price: Some(pb::Price {
            amount_minor: a.price_minor,
            currency: a.currency.clone(),
        }),
        price: Some(pb::Price {
            amount_minor: a.price_minor,
            currency: a.currency,
        }),
        licence: a.licence,
        edition_size: a.edition_size,
        status: match a.status {
            ArtworkStatus::Draft => pb::ArtworkStatus::Draft,
            ArtworkStatus::Published => pb::ArtworkStatus::Published,
            ArtworkStatus::Hidden => pb::ArtworkStatus::Hidden,
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

pub(crate) fn store_err(e: StoreError) -> ServiceError {
    match e {
        StoreError::NotOwner { id } => {
            ServiceError::forbidden(format!("artwork {id} is not yours"))
        }
        StoreError::Invalid { field, message } => ServiceError::validation(field, message),
        StoreError::Missing { .. } => ServiceError::not_found("artwork"),
        StoreError::Duplicate { existing_id } => ServiceError::new(
            ErrorCode::Conflict,
            format!("you already uploaded this file as artwork {existing_id}"),
        )
        .with_existing_id(existing_id),
        other => ServiceError::internal(other),
    }
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
        self.check_category(&meta.category).await?;
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
        Ok(self.present(record).await)
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
        let privileged = caller
            .as_ref()
            .is_some_and(|c| c.sub == artwork.artist_id || c.role == Role::Admin);
        if artwork.status != ArtworkStatus::Published && !privileged {
            return Err(ServiceError::not_found("artwork"));
        }
        if artwork.status == ArtworkStatus::Published && !privileged {
            self.count_view(&artwork.id);
        }
        Ok(self.present(artwork).await)
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

    async fn update_artwork(
        &self,
        req: Request<pb::UpdateArtworkRequest>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.update(&caller, req.into_inner()).await?,
        ))
    }

    async fn delete_artwork(
        &self,
        req: Request<pb::DeleteArtworkRequest>,
    ) -> Result<Response<pb::DeleteArtworkResponse>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        self.inner.delete(&caller, &req.into_inner().id).await?;
        Ok(Response::new(pb::DeleteArtworkResponse {}))
    }

    async fn reprice(
        &self,
        req: Request<pb::RepriceRequest>,
    ) -> Result<Response<pb::RepriceResponse>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.reprice(&caller, req.into_inner()).await?,
        ))
    }

    async fn set_favorite(
        &self,
        req: Request<pb::SetFavoriteRequest>,
    ) -> Result<Response<pb::SetFavoriteResponse>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        self.inner.set_favorite(&caller, req.into_inner()).await?;
        Ok(Response::new(pb::SetFavoriteResponse {}))
    }

    async fn list_favorites(
        &self,
        req: Request<pb::ListFavoritesRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.favorites(&caller, req.into_inner()).await?,
        ))
    }

    async fn popular(
        &self,
        req: Request<pb::PopularRequest>,
    ) -> Result<Response<pb::CachedArtworks>, Status> {
        Ok(Response::new(self.inner.popular(req.into_inner()).await?))
    }

    async fn recommendations(
        &self,
        req: Request<pb::RecommendationsRequest>,
    ) -> Result<Response<pb::CachedArtworks>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner
                .recommendations(&caller, req.into_inner())
                .await?,
        ))
    }

    async fn list_categories(
        &self,
        _req: Request<pb::ListCategoriesRequest>,
    ) -> Result<Response<pb::ListCategoriesResponse>, Status> {
        Ok(Response::new(self.inner.categories().await?))
    }

    async fn put_category(
        &self,
        req: Request<pb::Category>,
    ) -> Result<Response<pb::Category>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.put_category(&caller, req.into_inner()).await?,
        ))
    }

    async fn get_sale(
        &self,
        _req: Request<pb::GetSaleRequest>,
    ) -> Result<Response<pb::Sale>, Status> {
        Ok(Response::new(self.inner.sale().await?))
    }

    async fn set_sale(&self, req: Request<pb::Sale>) -> Result<Response<pb::Sale>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.set_sale(&caller, req.into_inner()).await?,
        ))
    }

    async fn moderate(
        &self,
        req: Request<pb::ModerateRequest>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.moderate(&caller, req.into_inner()).await?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
