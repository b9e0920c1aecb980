use artstation_api::{Artwork, Page, UploadMetadata};
use artstation_common::{ErrorCode, ServiceError};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::multipart::{Field, Multipart};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::PageQuery;
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

type Call = JoinHandle<Result<tonic::Response<pb::Artwork>, tonic::Status>>;

/// Starts the client-streaming gRPC upload; the returned sender feeds it.
fn start_upload(
    st: &AppState,
    token: &str,
    meta: pb::UploadMetadata,
) -> Result<(mpsc::Sender<pb::UploadRequest>, Call), ApiError> {
    use pb::upload_request::Part;
    let (tx, rx) = mpsc::channel(4);
    // The channel is empty and ours alone, so this first send cannot fail.
    let _ = tx.try_send(pb::UploadRequest {
        part: Some(Part::Metadata(meta)),
    });
    let mut req = with_token(ReceiverStream::new(rx), Some(token))?;
    // A large upload over a slow link may take long; the stream itself bounds idle time.
    req.set_timeout(std::time::Duration::from_secs(3600));
    let mut client = st.artworks();
    let call = tokio::spawn(async move { client.create_artwork(req).await });
    Ok((tx, call))
}

/// Sends `buf` as chunk messages. `false` means the service stopped listening (it refused the
/// upload); its answer then says why.
async fn send_chunks(tx: &mpsc::Sender<pb::UploadRequest>, buf: &[u8]) -> bool {
    for piece in buf.chunks(CHUNK) {
        let msg = pb::UploadRequest {
            part: Some(pb::upload_request::Part::Chunk(piece.to_vec())),
        };
        if tx.send(msg).await.is_err() {
            return false;
        }
    }
    true
}

fn multipart_err(e: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::validation(
        "file",
        format!("malformed multipart body: {}", e.body_text()),
    )
}

/// Streams the `file` part into the call, coalescing multipart chunks into larger messages.
async fn stream_file(
    field: &mut Field<'_>,
    tx: &mpsc::Sender<pb::UploadRequest>,
) -> Result<bool, ApiError> {
    let mut buf = Vec::with_capacity(CHUNK);
    while let Some(chunk) = field.chunk().await.map_err(multipart_err)? {
        buf.extend_from_slice(&chunk);
        if buf.len() >= CHUNK {
            if !send_chunks(tx, &buf).await {
                return Ok(false);
            }
            buf.clear();
        }
    }
    Ok(send_chunks(tx, &buf).await)
}

/// Reads a whole part into memory, refusing more than `max` bytes.
async fn read_limited(field: &mut Field<'_>, max: u64) -> Result<Vec<u8>, ApiError> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_err)? {
        if (buf.len() + chunk.len()) as u64 > max {
            return Err(ApiError(ServiceError::new(
                ErrorCode::PayloadTooLarge,
                format!("uploads are limited to {max} bytes"),
            )));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

/// `POST /v1/artworks`: multipart with a `metadata` JSON part and a `file` part. With metadata
/// first (as the CLI sends it) the file streams straight through to the artwork service;
/// a file sent first is held in memory (bounded by the upload limit) until metadata arrives.
pub async fn create(
    State(st): State<AppState>,
    caller: Authenticated,
    mut multipart: Multipart,
) -> Result<(StatusCode, Json<Artwork>), ApiError> {
    use pb::upload_request::Part;
    let max = st.inner.config.max_upload_bytes;
    let mut meta: Option<pb::UploadMetadata> = None;
    let mut early_file: Option<Vec<u8>> = None;
    let mut call: Option<Call> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_err)? {
        match field.name() {
            Some("metadata") if meta.is_none() && call.is_none() => {
                let bytes = read_limited(&mut field, 64 * 1024).await.map_err(|_| {
                    ApiError::validation("metadata", "the metadata part is too large")
                })?;
                meta = Some(parse_metadata(&bytes)?);
            }
            Some("file") if call.is_none() && early_file.is_none() => match meta.take() {
                Some(m) => {
                    let (tx, handle) = start_upload(&st, &caller.token, m)?;
                    let complete = stream_file(&mut field, &tx).await;
                    match complete {
                        Ok(true) => {
                            let _ = tx
                                .send(pb::UploadRequest {
                                    part: Some(Part::Finish(pb::UploadFinish {})),
                                })
                                .await;
                        }
                        // The service refused mid-stream; its answer says why.
                        Ok(false) => {}
                        Err(ref e) => {
                            // The client's body broke off: abort the call so the service
                            // discards what it received.
                            handle.abort();
                            return Err(ApiError(e.0.clone()));
                        }
                    }
                    drop(tx);
                    call = Some(handle);
                    if !matches!(complete, Ok(true)) {
                        // Skip the rest of the body: the service's answer is final.
                        break;
                    }
                }
                None => early_file = Some(read_limited(&mut field, max).await?),
            },
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
    let handle = match (call, early_file, meta) {
        (Some(h), _, _) => h,
        (None, Some(file), Some(m)) => {
            let (tx, handle) = start_upload(&st, &caller.token, m)?;
            if send_chunks(&tx, &file).await {
                let _ = tx
                    .send(pb::UploadRequest {
                        part: Some(Part::Finish(pb::UploadFinish {})),
                    })
                    .await;
            }
            drop(tx);
            handle
        }
        (None, Some(_), None) => {
            return Err(ApiError::validation(
                "metadata",
                "the metadata part is missing",
            ));
        }
        (None, None, _) => return Err(ApiError::validation("file", "the file part is missing")),
    };
    let artwork = handle
        .await
        .map_err(|e| ServiceError::internal(format!("upload task failed: {e}")))??
        .into_inner();
    Ok((StatusCode::CREATED, Json(present::artwork(artwork))))
}
