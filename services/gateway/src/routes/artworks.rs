use artstation_api::{Artwork, Page, UploadMetadata};
use artstation_common::ServiceError;
use artstation_domain::ArtworkStatus;
use artstation_multipart::{Bounds, Sink, read_upload};
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;

use super::PageQuery;
use pb::upload_request::Part;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_stream::wrappers::ReceiverStream;

use super::{page_limit, present};
use crate::edge_cache::{Fresh, Kind, read_through};
use crate::json;
use crate::multipart::{UploadBody, read_error};
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, MaybeToken, with_token};

/// gRPC messages carry the file in pieces of this size: large enough to keep per-message
/// overhead low, far below tonic's 4 MiB message limit.
const CHUNK: usize = 256 * 1024;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Page size, at least 1 (each service caps it).
    #[param(value_type = Option<u32>, minimum = 1)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Search text.
    q: Option<String>,
    /// Only works with this tag.
    tag: Option<String>,
    /// Only works in this category (slug).
    category: Option<String>,
    /// Only works by this artist (id or username).
    artist: Option<String>,
    /// Only works under this licence.
    licence: Option<String>,
    /// Lowest price in minor units.
    #[param(value_type = Option<i64>)]
    min_price: Option<String>,
    /// Highest price in minor units.
    #[param(value_type = Option<i64>)]
    max_price: Option<String>,
    /// ISO 4217 code the price bounds are in.
    currency: Option<String>,
    /// `new`, `popular`, `price_asc` or `price_desc`.
    sort: Option<String>,
}

/// A price bound in minor units; its range is the artwork service's to judge.
fn price_param(name: &str, value: Option<&str>) -> Result<Option<i64>, ApiError> {
    value
        .map(|v| {
            v.parse::<i64>()
                .map_err(|_| ApiError::validation(name, "must be an integer (minor units)"))
        })
        .transpose()
}

/// `GET /v1/artworks`: the public catalogue, searched (`q`), filtered and sorted. Anonymous
/// pages go through the edge cache.
#[utoipa::path(
    get,
    path = "/v1/artworks",
    operation_id = "list_artworks",
    tag = "artworks",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of published artworks. Anonymous answers are `public` for a few seconds (shared caches may keep them), others `private, no-cache`; both carry a strong ETag", body = artstation_api::Page<artstation_api::Artwork>),
        (status = 304, description = "Not modified: the If-None-Match named the current ETag")
    )
)]
pub async fn list(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    (method, uri, headers): (Method, Uri, HeaderMap),
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let req = pb::ListArtworksRequest {
        limit: page_limit(q.limit.as_deref())?,
        cursor: q.cursor.unwrap_or_default(),
        q: q.q.unwrap_or_default(),
        tag: q.tag.unwrap_or_default(),
        category: q.category.unwrap_or_default(),
        artist: q.artist.unwrap_or_default(),
        licence: q.licence.unwrap_or_default(),
        min_price: price_param("min_price", q.min_price.as_deref())?,
        max_price: price_param("max_price", q.max_price.as_deref())?,
        currency: q.currency.unwrap_or_default(),
        sort: q.sort.unwrap_or_default(),
    };
    let read = async {
        let page = st.artworks().list_artworks(with_token(req, None)?).await?;
        Fresh::of(page, present::artwork_page)
    };
    let served = read_through(&st, Kind::List, token.is_none(), (&method, &uri), read).await?;
    Ok(served.answer.respond(&headers))
}

/// `GET /v1/admin/artworks/flagged`: uploads that look like another artist's work.
#[utoipa::path(
    get,
    path = "/v1/admin/artworks/flagged",
    tag = "moderation",
    params(PageQuery),
    responses((status = 200, description = "Uploads that resemble another artist's work", body = artstation_api::Page<artstation_api::Artwork>)),
    security(("bearer" = []))
)]
pub async fn flagged(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<Artwork>>, ApiError> {
    let page = st
        .artworks()
        .list_flagged_artworks(with_token(
            pb::ListArtworksRequest {
                limit: page_limit(q.limit.as_deref())?,
                cursor: q.cursor.unwrap_or_default(),
                ..Default::default()
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::artwork_page(page)))
}

#[utoipa::path(
    get,
    path = "/v1/artworks/{id}",
    tag = "artworks",
    params(("id" = String, Path, description = "Artwork id")),
    responses(
        (status = 200, description = "The artwork; owners and admins see more. Anonymous answers are `public` for a few seconds (shared caches may keep them), others `private, no-cache`; both carry a strong ETag", body = artstation_api::Artwork),
        (status = 304, description = "Not modified: the If-None-Match named the current ETag")
    ),
    security((), ("bearer" = []))
)]
pub async fn get(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    (method, uri, headers): (Method, Uri, HeaderMap),
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let anonymous = token.is_none();
    let read = async {
        let req = with_token(pb::GetArtworkRequest { id }, token.as_deref())?;
        // The service says whether anyone may be shown this answer, and for how long.
        Fresh::of(st.artworks().get_artwork(req).await?, present::artwork)
    };
    let served = read_through(&st, Kind::Artwork, anonymous, (&method, &uri), read).await?;
    Ok(served.answer.respond(&headers))
}

fn parse_metadata(bytes: &[u8]) -> Result<pb::UploadMetadata, ApiError> {
    let m: UploadMetadata = json::parse(bytes).map_err(|mut e| {
        // Name fields as the client sees them: inside the `metadata` part.
        e.0.field = e.0.field.map(|f| {
            if f == "body" {
                "metadata".into()
            } else {
                format!("metadata.{f}")
            }
        });
        e
    })?;
    let status = match m.status {
        None | Some(ArtworkStatus::Published) => pb::ArtworkStatus::Published,
        Some(ArtworkStatus::Draft) => pb::ArtworkStatus::Draft,
        // Only moderation hides; an upload cannot start hidden.
        Some(ArtworkStatus::Hidden) => {
            return Err(ApiError::validation(
                "metadata.status",
                "unknown status \"hidden\"; expected draft or published",
            ));
        }
    };
    Ok(pb::UploadMetadata {
        title: m.title,
        description: m.description.unwrap_or_default(),
        tags: m.tags.unwrap_or_default(),
        category: m.category.unwrap_or_default(),
        price: Some(pb::Price {
            amount_minor: m.price.amount_minor,
            currency: m.price.currency,
        }),
        licence: m.licence.unwrap_or_default(),
        edition_size: m.edition_size.unwrap_or(0),
        status: status.into(),
    })
}

/// A client-streaming `CreateArtwork` call in progress, fed through `tx`. Dropped before it
/// is finished (the client's body broke off, a part was refused) it aborts the call, so the
/// service sees the stream end without `finish` and discards what it staged.
struct Upload {
    tx: Option<mpsc::Sender<pb::UploadRequest>>,
    call: Option<JoinHandle<Result<tonic::Response<pb::Artwork>, tonic::Status>>>,
}

impl Upload {
    fn start(st: &AppState, token: &str) -> Result<Self, ApiError> {
        // A few messages in flight keep the link busy while bounding what waits here.
        let (tx, rx) = mpsc::channel(4);
        let mut req = with_token(ReceiverStream::new(rx), Some(token))?;
        // A large upload over a slow link may take long; the connection's idle limit bounds
        // a stalled one.
        req.set_timeout(std::time::Duration::from_secs(3600));
        let mut client = st.artworks();
        let call = tokio::spawn(async move { client.create_artwork(req).await });
        Ok(Self {
            tx: Some(tx),
            call: Some(call),
        })
    }

    /// `false` means the service stopped listening (it refused the upload); its answer then
    /// says why.
    async fn send(&self, part: Part) -> bool {
        match &self.tx {
            Some(tx) => tx
                .send(pb::UploadRequest { part: Some(part) })
                .await
                .is_ok(),
            None => false,
        }
    }

    /// Sends `buf` as chunk messages.
    async fn send_chunks(&self, buf: &[u8]) -> bool {
        for piece in buf.chunks(CHUNK) {
            if !self.send(Part::Chunk(piece.to_vec())).await {
                return false;
            }
        }
        true
    }

    /// Ends the stream (with `finish` when every part arrived) and waits for the answer.
    async fn answer(mut self, complete: bool) -> Result<pb::Artwork, ApiError> {
        if complete {
            self.send(Part::Finish(pb::UploadFinish {})).await;
        }
        self.tx = None;
        let Some(call) = self.call.take() else {
            return Err(ServiceError::internal("upload answered twice").into());
        };
        Ok(call
            .await
            .map_err(|e| ServiceError::internal(format!("upload task failed: {e}")))??
            .into_inner())
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if let Some(call) = &self.call {
            call.abort();
        }
    }
}

/// Where the upload's parts go: one client-streaming call, started by the first part that
/// arrives.
struct ToService<'a> {
    st: &'a AppState,
    token: &'a str,
    upload: Option<Upload>,
}

impl ToService<'_> {
    fn upload(&mut self) -> Result<&Upload, ApiError> {
        if self.upload.is_none() {
            self.upload = Some(Upload::start(self.st, self.token)?);
        }
        self.upload
            .as_ref()
            .ok_or_else(|| ServiceError::internal("the upload did not start").into())
    }
}

impl Sink for ToService<'_> {
    type Error = ApiError;

    async fn metadata(&mut self, bytes: Vec<u8>) -> Result<bool, ApiError> {
        let meta = parse_metadata(&bytes)?;
        Ok(self.upload()?.send(Part::Metadata(meta)).await)
    }

    async fn file(&mut self, piece: &[u8]) -> Result<bool, ApiError> {
        Ok(self.upload()?.send_chunks(piece).await)
    }
}

const MAX_METADATA_BYTES: usize = 64 * 1024;

/// `POST /v1/artworks`: multipart with a `metadata` JSON part and a `file` part, in either
/// order. Both stream straight into one gRPC call as they arrive (the service accepts metadata
/// before or after the bytes), so the gateway holds about one message per upload whatever the
/// order, and the uploads it streams at once are capped per user and in all.
#[utoipa::path(
    post,
    path = "/v1/artworks",
    tag = "artworks",
    request_body(content = crate::openapi::UploadForm, content_type = "multipart/form-data", description = "A `metadata` JSON part and a `file` part, in either order"),
    responses((status = 201, description = "The new artwork", body = artstation_api::Artwork), (status = 403, response = crate::openapi::Forbidden), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn create(
    State(st): State<AppState>,
    caller: Authenticated,
    UploadBody {
        mut multipart,
        progress,
    }: UploadBody,
) -> Result<(StatusCode, Json<Artwork>), ApiError> {
    let _slot = st.inner.uploads.try_acquire(&caller.claims.sub)?;
    let mut sink = ToService {
        st: &st,
        token: &caller.token,
        upload: None,
    };
    let bounds = Bounds {
        max_metadata: MAX_METADATA_BYTES,
        chunk: CHUNK,
    };
    let read = read_upload(&mut multipart, &progress, bounds, &mut sink)
        .await
        .map_err(read_error)?;
    let refused = read.refused;
    if !refused {
        if read.file_bytes.is_none() {
            return Err(ApiError::validation("file", "the file part is missing"));
        }
        if read.file_bytes == Some(0) {
            return Err(ApiError::validation("file", "the file is empty"));
        }
        if !read.metadata {
            return Err(ApiError::validation(
                "metadata",
                "the metadata part is missing",
            ));
        }
    }
    let Some(upload) = sink.upload else {
        return Err(ApiError::validation("file", "the file part is missing"));
    };
    let artwork = upload.answer(!refused).await?;
    Ok((StatusCode::CREATED, Json(present::artwork(artwork))))
}
