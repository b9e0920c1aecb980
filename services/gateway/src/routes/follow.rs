//! Following artists and the live feed: `PUT`/`DELETE /v1/artists/{id}/follow` (idempotent,
//! 204; `id` is the artist's user id or username), `GET /v1/me/feed` (keyset pages of new
//! works by followed artists, newest first) and `GET /v1/me/feed/stream`, the same live as
//! Server-Sent Events fed by the artwork service's `WatchFeed` stream.
//!
//! The stream outlives the route's deadline: the deadline bounds the wait for the answer's
//! head, keep-alive comments keep the connection from idling out, and when the client goes
//! away the body is dropped, and with it the gRPC stream and the service's watcher.

use std::convert::Infallible;
use std::time::Duration;

use artstation_api::{Artwork, Page};
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::{Stream, StreamExt as _};

use super::{PageQuery, page_limit, present};
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, with_token};

/// How often an idle stream sends a comment: well inside the gateway's idle limit and the
/// usual proxies' read timeouts.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What an SSE client waits before reconnecting after the stream ends.
const RECONNECT: Duration = Duration::from_secs(1);

/// `PUT /v1/artists/{id}/follow`.
#[utoipa::path(
    put,
    path = "/v1/artists/{id}/follow",
    tag = "feed",
    params(("id" = String, Path, description = "The artist's user id or username")),
    responses(
        (status = 204, description = "Followed (also when already followed)"),
        (status = 404, description = "No artist with public works by that id or name"),
        (status = 400, description = "The caller named themselves"),
    ),
    security(("bearer" = []))
)]
pub async fn follow(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    st.artworks()
        .follow(with_token(
            pb::FollowRequest { artist: id },
            Some(&caller.token),
        )?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /v1/artists/{id}/follow`.
#[utoipa::path(
    delete,
    path = "/v1/artists/{id}/follow",
    tag = "feed",
    params(("id" = String, Path, description = "The artist's user id or username")),
    responses((status = 204, description = "No longer followed (also when not followed)")),
    security(("bearer" = []))
)]
pub async fn unfollow(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    st.artworks()
        .unfollow(with_token(
            pb::FollowRequest { artist: id },
            Some(&caller.token),
        )?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/me/feed`.
#[utoipa::path(
    get,
    path = "/v1/me/feed",
    tag = "feed",
    params(PageQuery),
    responses((status = 200, description = "Public works of followed artists, newest first", body = artstation_api::Page<artstation_api::Artwork>)),
    security(("bearer" = []))
)]
pub async fn feed(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<Artwork>>, ApiError> {
    let req = pb::ListFeedRequest {
        limit: page_limit(q.limit.as_deref())?,
        cursor: q.cursor.unwrap_or_default(),
    };
    let page = st
        .artworks()
        .list_feed(with_token(req, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(present::artwork_page(page)))
}

/// One work as an SSE event: `event: artwork`, its id (so a reconnecting client's
/// `Last-Event-ID` resumes after it) and the artwork document as `data`.
fn artwork_event(a: pb::Artwork) -> Option<Event> {
    let id = a.id.clone();
    match Event::default()
        .event("artwork")
        .id(id)
        .json_data(present::artwork(a))
    {
        Ok(e) => Some(e),
        Err(e) => {
            tracing::warn!(error = %e, "cannot encode a feed event");
            None
        }
    }
}

/// `GET /v1/me/feed/stream`.
#[utoipa::path(
    get,
    path = "/v1/me/feed/stream",
    tag = "feed",
    params(("Last-Event-ID" = Option<String>, Header, description = "The id of the last work seen: newer ones are sent first")),
    responses((status = 200, description = "Server-Sent Events: `event: artwork`, `id:` the artwork's id, `data:` the artwork document; comments keep the connection alive", content_type = "text/event-stream", body = String)),
    security(("bearer" = []))
)]
pub async fn stream(
    State(st): State<AppState>,
    caller: Authenticated,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut req = with_token(pb::WatchFeedRequest { last_event_id }, Some(&caller.token))?;
    // The call lasts as long as the client listens, not the route's deadline.
    req.metadata_mut().remove("grpc-timeout");
    let watched = st.artworks().watch_feed(req).await?.into_inner();
    let first = futures::stream::iter([Ok(Event::default().retry(RECONNECT))]);
    let events = watched
        .take_while(|item| {
            if let Err(status) = item {
                // Fell behind, or the service stopped: the client reconnects with its
                // Last-Event-ID and is replayed what it missed.
                tracing::info!(code = ?status.code(), message = status.message(), "feed stream ended");
            }
            std::future::ready(item.is_ok())
        })
        .filter_map(|item| {
            std::future::ready(
                item.ok()
                    .and_then(|e| e.artwork)
                    .and_then(artwork_event)
                    .map(Ok),
            )
        });
    Ok(Sse::new(first.chain(events)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)))
}
