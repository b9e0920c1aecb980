use artstation_api::{Artwork, Page, UploadMetadata};
use artstation_common::ServiceError;
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::multipart::{Field, Multipart};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::PageQuery;
use pb::upload_request::Part;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_stream::wrappers::ReceiverStream;

use super::{page_limit, present};
use crate::json;
use crate::problem::ApiError;
use crate::{AppState, Authenticated, MaybeToken, with_token};

/// gRPC messages carry the file in pieces of this size: large enough to keep per-message
/// overhead low, far below tonic's 4 MiB message limit.
const CHUNK: usize = 256 * 1024;

#[derive(Deserialize)]
pub struct ListQuery {
    limit: Option<String>,
    cursor: Option<String>,
    q: Option<String>,
    tag: Option<String>,
    category: Option<String>,
    artist: Option<String>,
    licence: Option<String>,
    min_price: Option<String>,
    max_price: Option<String>,
    currency: Option<String>,
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

/// `GET /v1/artworks`: the public catalogue, searched (`q`), filtered and sorted.
pub async fn list(
    State(st): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Page<Artwork>>, ApiError> {
    let page = st
        .artworks()
        .list_artworks(with_token(
            pb::ListArtworksRequest {
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
            },
            None,
        )?)
        .await?
        .into_inner();
    Ok(Json(present::artwork_page(page)))
}

/// `GET /v1/admin/artworks/flagged`: uploads that look like another artist's work.
pub async fn flagged(
    State(st): State<AppState>,
    caller: Authenticated,
    Query(q): Query<PageQuery>,
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

pub async fn get(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    Path(id): Path<String>,
) -> Result<Json<Artwork>, ApiError> {
    let a = st
        .artworks()
        .get_artwork(with_token(pb::GetArtworkRequest { id }, token.as_deref())?)
        .await?
        .into_inner();
    Ok(Json(present::artwork(a)))
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

fn multipart_err(e: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::validation(
        "file",
        format!("malformed multipart body: {}", e.body_text()),
    )
}

/// What streaming a file part came to.
enum Streamed {
    /// Every byte went to the service; how many.
    Sent(u64),
    /// The service stopped listening: it refused the upload.
    Refused,
}

/// Streams the `file` part into the call, coalescing multipart chunks into larger messages;
/// at most one message is buffered here, so memory does not grow with the file.
async fn stream_file(field: &mut Field<'_>, upload: &Upload) -> Result<Streamed, ApiError> {
    let mut buf = Vec::with_capacity(CHUNK);
    let mut total = 0u64;
    while let Some(chunk) = field.chunk().await.map_err(multipart_err)? {
        total += chunk.len() as u64;
        buf.extend_from_slice(&chunk);
        if buf.len() >= CHUNK {
            if !upload.send_chunks(&buf).await {
                return Ok(Streamed::Refused);
            }
            buf.clear();
        }
    }
    if !upload.send_chunks(&buf).await {
        return Ok(Streamed::Refused);
    }
    Ok(Streamed::Sent(total))
}

/// Reads a whole (small) part into memory, refusing more than `max` bytes.
async fn read_limited(field: &mut Field<'_>, max: usize) -> Result<Vec<u8>, ApiError> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_err)? {
        if buf.len() + chunk.len() > max {
            return Err(ApiError::validation(
                "metadata",
                format!("the metadata part is larger than {max} bytes"),
            ));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

const MAX_METADATA_BYTES: usize = 64 * 1024;

/// `POST /v1/artworks`: multipart with a `metadata` JSON part and a `file` part, in either
/// order. Both stream straight into one gRPC call as they arrive (the service accepts metadata
/// before or after the bytes), so the gateway holds about one message per upload whatever the
/// order, and the uploads it streams at once are capped per user and in all.
pub async fn create(
    State(st): State<AppState>,
    caller: Authenticated,
    mut multipart: Multipart,
) -> Result<(StatusCode, Json<Artwork>), ApiError> {
    let _slot = st.inner.uploads.try_acquire(&caller.claims.sub)?;
    let mut upload: Option<Upload> = None;
    let (mut has_meta, mut file_bytes) = (false, None::<u64>);
    let mut refused = false;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_err)? {
        match field.name() {
            Some("metadata") if !has_meta => {
                has_meta = true;
                let meta = parse_metadata(&read_limited(&mut field, MAX_METADATA_BYTES).await?)?;
                let up = match &mut upload {
                    Some(up) => up,
                    None => upload.insert(Upload::start(&st, &caller.token)?),
                };
                if !up.send(Part::Metadata(meta)).await {
                    refused = true;
                    break;
                }
            }
            Some("file") if file_bytes.is_none() => {
                let up = match &mut upload {
                    Some(up) => up,
                    None => upload.insert(Upload::start(&st, &caller.token)?),
                };
                match stream_file(&mut field, up).await? {
                    Streamed::Sent(n) => file_bytes = Some(n),
                    Streamed::Refused => {
                        // Skip the rest of the body: the service's answer is final.
                        refused = true;
                        break;
                    }
                }
            }
            Some("metadata") | Some("file") => {
                let name = field.name().unwrap_or_default().to_owned();
                return Err(ApiError::validation(name, "part sent more than once"));
            }
            _ => {
                // Unknown parts are drained and ignored, as HTML forms may add some.
                while field.chunk().await.map_err(multipart_err)?.is_some() {}
            }
        }
    }
    if !refused {
        if file_bytes.is_none() {
            return Err(ApiError::validation("file", "the file part is missing"));
        }
        if file_bytes == Some(0) {
            return Err(ApiError::validation("file", "the file is empty"));
        }
        if !has_meta {
            return Err(ApiError::validation(
                "metadata",
                "the metadata part is missing",
            ));
        }
    }
    let Some(upload) = upload else {
        return Err(ApiError::validation("file", "the file part is missing"));
    };
    let artwork = upload.answer(!refused).await?;
    Ok((StatusCode::CREATED, Json(present::artwork(artwork))))
}
