//! The gRPC face of the artwork service.

use std::ops::Range;
use std::pin::Pin;
use std::sync::Arc;

use artstation_common::jwt::{AccessClaims, authenticate, bearer_from_metadata};
use artstation_common::{Cache, ErrorCode, ServiceError, TokenVerifier};
use artstation_domain::{ArtworkStatus, Currency, Money, Role, Title};
use artstation_proto::artwork::v1 as pb;
use futures::{Stream, StreamExt as _};
use tokio::sync::Semaphore;
use tonic::{Request, Response, Status, Streaming};

use crate::ArtworkConfig;
use crate::imaging::{self, DERIVATIVE_CONTENT_TYPE};
use crate::ingest::Ingest;
use crate::storage::{BlobKey, BlobStore, Uncommitted, Variant};
use crate::store::{ArtworkRecord, ArtworkStore, Derivative, StoreError};

const MAX_DESCRIPTION_CHARS: usize = 5_000;
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 40;
const MAX_CATEGORY_CHARS: usize = 64;
const DEFAULT_PAGE: u32 = 20;
const MAX_PAGE: u32 = 100;
/// Perceptual hashes this close (in bits, of 64) count as the same picture. Must stay below
/// `store::PHASH_BANDS` for the band index to find every match.
const NEAR_DUPLICATE_BITS: u32 = 5;
const _: () = assert!((NEAR_DUPLICATE_BITS as usize) < crate::store::PHASH_BANDS);

/// A hash with almost all bits equal comes from a picture with no structure (a flat colour, a
/// plain gradient): such pictures all look alike, so their likeness proves nothing.
fn distinctive(phash: u64) -> bool {
    (8..=56).contains(&phash.count_ones())
}

type ImageStream = Pin<Box<dyn Stream<Item = Result<pb::ReadImageResponse, Status>> + Send>>;

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
    /// Bounds concurrent image decodes (each may hold hundreds of MB).
    pub(crate) decode: Arc<Semaphore>,
}

impl ArtworkService {
    pub fn new(
        config: ArtworkConfig,
        store: Arc<dyn ArtworkStore>,
        blobs: Arc<dyn BlobStore>,
        verifier: Arc<TokenVerifier>,
        cache: Arc<Cache>,
    ) -> Self {
        let decode = Arc::new(Semaphore::new(config.decode_concurrency.max(1)));
        Self {
            inner: Arc::new(Inner {
                config,
                store,
                blobs,
                verifier,
                cache,
                sale: tokio::sync::RwLock::new(crate::catalogue::SaleSnapshot::default()),
                decode,
            }),
        }
    }

    /// Sweeps orphaned blobs now.
    pub async fn sweep(&self) -> Result<crate::gc::SweepReport, crate::ArtworkError> {
        crate::gc::sweep(
            self.inner.store.as_ref(),
            self.inner.blobs.as_ref(),
            self.inner.config.orphan_grace,
        )
        .await
    }

    /// Makes the derivatives of artworks stored before the image pipeline, in the background.
    pub(crate) fn spawn_backfill(&self) -> tokio::task::JoinHandle<()> {
        let inner = self.inner.clone();
        tokio::spawn(async move {
            match crate::backfill::run(
                inner.store.as_ref(),
                &inner.blobs,
                inner.config.limits,
                &inner.decode,
            )
            .await
            {
                Ok(r) if r == crate::backfill::BackfillReport::default() => {}
                Ok(r) => tracing::info!(?r, "derivative backfill done"),
                Err(e) => tracing::warn!(error = %e, "derivative backfill failed"),
            }
        })
    }

    /// Starts the periodic orphan sweep, if the config asks for one.
    pub(crate) fn spawn_sweeper(&self) -> Option<tokio::task::JoinHandle<()>> {
        let every = self.inner.config.sweep_interval?;
        let service = self.clone();
        Some(tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                match service.sweep().await {
                    Ok(r) => tracing::info!(?r, "orphan sweep done"),
                    Err(e) => tracing::warn!(error = %e, "orphan sweep failed"),
                }
            }
        }))
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

/// The artwork as the caller may see it: the near-duplicate flag is for the owner and admins.
fn to_pb_for(a: ArtworkRecord, caller: Option<&AccessClaims>) -> pb::Artwork {
    let privileged = caller.is_some_and(|c| c.sub == a.artist_id || c.role == Role::Admin);
    let flag = if privileged {
        a.near_duplicate_of.clone().unwrap_or_default()
    } else {
        String::new()
    };
    pb::Artwork {
        near_duplicate_of: flag,
        ..to_pb(a)
    }
}

/// The artwork as stored; [`Inner::present`] adds the sale price.
pub(crate) fn to_pb(a: ArtworkRecord) -> pb::Artwork {
    pb::Artwork {
        has_thumbnail: a.thumbnail.is_some(),
        has_preview: a.preview.is_some(),
        near_duplicate_of: String::new(),
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
        created_at: Some(artstation_common::time::to_proto(a.created_at)),
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
        let mut ingest = Ingest::begin(
            self.blobs.staging_dir(),
            self.config.max_upload_bytes,
            self.config.limits,
        )
        .await?;
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
        let sha256 = verified.sha256_hex();
        if let Some(existing) = self
            .store
            .find_by_sha256(&claims.sub, &sha256)
            .await
            .map_err(store_err)?
        {
            return Err(store_err(StoreError::Duplicate {
                existing_id: existing,
            }));
        }
        let derived = self
            .derive(
                verified.staged.path(),
                verified.kind,
                &claims.preferred_username,
            )
            .await?;
        let near_duplicate_of = if distinctive(derived.phash) {
            self.store
                .near_duplicate(&claims.sub, derived.phash, NEAR_DUPLICATE_BITS)
                .await
                .map_err(store_err)?
                .map(|(other, distance)| {
                    tracing::warn!(other = %other, distance, "upload resembles another artist's artwork; flagged");
                    other
                })
        } else {
            None
        };

        let id = uuid::Uuid::now_v7();
        let mut written = Uncommitted::new(self.blobs.clone());
        let key = written.track(BlobKey::original(&id));
        let thumb_key = written.track(BlobKey::derivative(&id, Variant::Thumbnail));
        let preview_key = written.track(BlobKey::derivative(&id, Variant::Preview));
        let thumbnail = Derivative {
            blob_key: thumb_key.as_str().to_owned(),
            sha256: derived.thumbnail.sha256.clone(),
        };
        let preview = Derivative {
            blob_key: preview_key.as_str().to_owned(),
            sha256: derived.preview.sha256.clone(),
        };
        tokio::try_join!(
            self.blobs.put_file(
                &key,
                verified.staged.path(),
                verified.kind.content_type(),
                Some(verified.sha256),
            ),
            self.blobs.put_bytes(
                &thumb_key,
                derived.thumbnail.bytes.into(),
                DERIVATIVE_CONTENT_TYPE
            ),
            self.blobs.put_bytes(
                &preview_key,
                derived.preview.bytes.into(),
                DERIVATIVE_CONTENT_TYPE
            ),
        )
        .map_err(ServiceError::internal)?;
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
            sha256,
            blob_key: key.as_str().to_owned(),
            favorite_count: 0,
            created_at: artstation_common::now(),
            thumbnail: Some(thumbnail),
            preview: Some(preview),
            phash: Some(derived.phash),
            near_duplicate_of,
        };
        // On failure `written` is dropped armed and removes the blobs.
        self.store.create(&record).await.map_err(store_err)?;
        written.disarm();
        tracing::info!(artwork_id = %record.id, size = record.size_bytes, "artwork created");
        // The uploader is the owner, who may see the flag.
        let flag = record.near_duplicate_of.clone().unwrap_or_default();
        Ok(pb::Artwork {
            near_duplicate_of: flag,
            ..self.present(record).await
        })
    }

    /// Decodes a staged original and makes its derivatives on a blocking thread, at most
    /// `decode_concurrency` at once.
    async fn derive(
        &self,
        path: &std::path::Path,
        kind: crate::ingest::ImageKind,
        artist: &str,
    ) -> Result<imaging::Derivatives, ServiceError> {
        let permit = self
            .decode
            .clone()
            .acquire_owned()
            .await
            .map_err(ServiceError::internal)?;
        let path = path.to_owned();
        let limits = self.config.limits;
        let artist = artist.to_owned();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let data = std::fs::read(&path).map_err(ServiceError::internal)?;
            imaging::derive(&data, kind, limits, &artist)
        })
        .await
        .map_err(ServiceError::internal)?
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
        let flag = if privileged {
            artwork.near_duplicate_of.clone().unwrap_or_default()
        } else {
            String::new()
        };
        Ok(pb::Artwork {
            near_duplicate_of: flag,
            ..self.present(artwork).await
        })
    }

    async fn list_flagged(
        &self,
        caller: AccessClaims,
        req: pb::ListArtworksRequest,
    ) -> Result<pb::ListArtworksResponse, ServiceError> {
        if caller.role != Role::Admin {
            return Err(ServiceError::forbidden(
                "only admins can see flagged artworks",
            ));
        }
        let (limit, before) = page_args(&req)?;
        let mut rows = self
            .store
            .list_flagged(limit + 1, before.as_deref())
            .await
            .map_err(store_err)?;
        Ok(page(&mut rows, limit, |a| to_pb_for(a, Some(&caller))))
    }

    async fn read_image(
        &self,
        caller: Option<AccessClaims>,
        req: pb::ReadImageRequest,
    ) -> Result<ImageStream, ServiceError> {
        let variant = pb::ImageVariant::try_from(req.variant)
            .ok()
            .filter(|v| *v != pb::ImageVariant::Unspecified)
            .ok_or_else(|| ServiceError::validation("variant", "unknown image variant"))?;
        if uuid::Uuid::parse_str(&req.id).is_err() {
            return Err(ServiceError::not_found("artwork"));
        }
        let artwork = self
            .store
            .get(&req.id)
            .await
            .map_err(store_err)?
            .ok_or_else(|| ServiceError::not_found("artwork"))?;
        let owner = caller.as_ref().is_some_and(|c| c.sub == artwork.artist_id);
        let admin = caller.as_ref().is_some_and(|c| c.role == Role::Admin);
        let published = artwork.status == ArtworkStatus::Published;
        if !(published || owner || admin) {
            return Err(ServiceError::not_found("artwork"));
        }
        let (key, sha256, content_type, filename, known_size) = match variant {
            pb::ImageVariant::Original => {
                if caller.is_none() {
                    return Err(ServiceError::unauthorized());
                }
                if !owner {
                    return Err(ServiceError::forbidden(
                        "only the artist can download the original",
                    ));
                }
                let ext = crate::ingest::ImageKind::extension_of(&artwork.content_type);
                (
                    artwork.blob_key.clone(),
                    artwork.sha256.clone(),
                    artwork.content_type.clone(),
                    format!("artwork-{}.{ext}", artwork.id),
                    Some(artwork.size_bytes),
                )
            }
            pb::ImageVariant::Thumbnail | pb::ImageVariant::Preview => {
                let (d, name) = if variant == pb::ImageVariant::Thumbnail {
                    (artwork.thumbnail.as_ref(), Variant::Thumbnail.name())
                } else {
                    (artwork.preview.as_ref(), Variant::Preview.name())
                };
                let d = d.ok_or_else(|| ServiceError::not_found(name))?;
                (
                    d.blob_key.clone(),
                    d.sha256.clone(),
                    DERIVATIVE_CONTENT_TYPE.to_owned(),
                    format!("artwork-{}-{name}.jpg", artwork.id),
                    None,
                )
            }
            pb::ImageVariant::Unspecified => {
                return Err(ServiceError::validation("variant", "unknown image variant"));
            }
        };
        let etag = format!("\"{sha256}\"");
        let mut head = pb::ImageHead {
            content_type,
            etag,
            filename,
            public: published && variant != pb::ImageVariant::Original,
            ..Default::default()
        };
        let key = BlobKey::parse(&key).map_err(ServiceError::internal)?;
        if etag_matches(&req.if_none_match, &head.etag) {
            head.not_modified = true;
            head.size = known_size.unwrap_or(0);
            return Ok(head_only(head));
        }
        let range = match (req.range, known_size) {
            (Some(r), Some(size)) => match resolve_range(&r, size) {
                Some(r) => Some(r),
                None => {
                    head.size = size;
                    head.unsatisfiable = true;
                    return Ok(head_only(head));
                }
            },
            // Ranges are for originals; derivatives are small and always sent whole.
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

fn page_args(req: &pb::ListArtworksRequest) -> Result<(u32, Option<String>), ServiceError> {
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
        Some(crate::catalogue::decode_new_cursor(&req.cursor)?)
    };
    Ok((limit, before))
}

/// Cuts a `limit + 1` row fetch into a page and the cursor of the next one.
fn page(
    rows: &mut Vec<ArtworkRecord>,
    limit: u32,
    show: impl Fn(ArtworkRecord) -> pb::Artwork,
) -> pb::ListArtworksResponse {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => crate::catalogue::encode_new_cursor(&last.id),
        _ => String::new(),
    };
    pb::ListArtworksResponse {
        items: std::mem::take(rows).into_iter().map(show).collect(),
        next_cursor,
    }
}

fn head_only(head: pb::ImageHead) -> ImageStream {
    Box::pin(futures::stream::once(async move {
        Ok(pb::ReadImageResponse {
            part: Some(pb::read_image_response::Part::Head(head)),
        })
    }))
}

/// `If-None-Match`: `*` or a list of entity tags, compared weakly (RFC 9110 §13.1.2).
fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let bare = etag.trim_start_matches("W/");
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || (!t.is_empty() && t.trim_start_matches("W/") == bare))
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

    type ReadImageStream = ImageStream;

    async fn read_image(
        &self,
        req: Request<pb::ReadImageRequest>,
    ) -> Result<Response<ImageStream>, Status> {
        let caller = self.inner.optional_caller(&req).await?;
        Ok(Response::new(
            self.inner.read_image(caller, req.into_inner()).await?,
        ))
    }

    async fn list_flagged_artworks(
        &self,
        req: Request<pb::ListArtworksRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        let caller = authenticate(&self.inner.verifier, &req).await?;
        Ok(Response::new(
            self.inner.list_flagged(caller, req.into_inner()).await?,
        ))
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

    #[test]
    fn etags_match_lists_weak_forms_and_star() {
        let tag = "\"abc\"";
        assert!(etag_matches("\"abc\"", tag));
        assert!(etag_matches("\"x\", W/\"abc\"", tag));
        assert!(etag_matches("*", tag));
        assert!(!etag_matches("", tag));
        assert!(!etag_matches("\"abd\"", tag));
    }

    #[test]
    fn only_structured_hashes_are_compared() {
        assert!(!distinctive(0));
        assert!(!distinctive(u64::MAX));
        assert!(!distinctive(0x7F));
        assert!(distinctive(0x9f3a_5c71_e20b_d846));
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
