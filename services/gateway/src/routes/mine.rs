//! The caller's own works: `GET /v1/me/artworks` (drafts and hidden works included, newest
//! first, `?status=draft|published|hidden`) and `POST /v1/me/artworks/lookup`, which says which
//! of some SHA-256s the caller already uploaded so a bulk upload skips them without sending
//! their bytes.

use artstation_api::{Artwork, LookupRequest, LookupResponse, MAX_LOOKUP, OwnedOriginal, Page};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::State;

use super::{page_limit, present};
use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, with_token};

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MineQuery {
    /// Page size, at least 1 (each service caps it).
    #[param(value_type = Option<u32>, minimum = 1)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// `draft`, `published` or `hidden`.
    #[param(value_type = Option<artstation_api::ArtworkStatus>)]
    status: Option<String>,
}

fn status_filter(raw: Option<&str>) -> Result<pb::ArtworkStatus, ApiError> {
    match raw.map(ArtworkStatus::parse) {
        None => Ok(pb::ArtworkStatus::Unspecified),
        Some(Ok(ArtworkStatus::Draft)) => Ok(pb::ArtworkStatus::Draft),
        Some(Ok(ArtworkStatus::Published)) => Ok(pb::ArtworkStatus::Published),
        Some(Ok(ArtworkStatus::Hidden)) => Ok(pb::ArtworkStatus::Hidden),
        Some(Err(_)) => Err(ApiError::validation(
            "status",
            "status must be draft, published or hidden",
        )),
    }
}

fn status_of(raw: i32) -> ArtworkStatus {
    match pb::ArtworkStatus::try_from(raw) {
        Ok(pb::ArtworkStatus::Draft) => ArtworkStatus::Draft,
        Ok(pb::ArtworkStatus::Hidden) => ArtworkStatus::Hidden,
        _ => ArtworkStatus::Published,
    }
}

/// `GET /v1/me/artworks`.
#[utoipa::path(
    get,
    path = "/v1/me/artworks",
    operation_id = "list_my_artworks",
    tag = "artworks",
    params(MineQuery),
    responses((status = 200, description = "The caller's artworks, any status", body = artstation_api::Page<artstation_api::Artwork>)),
    security(("bearer" = []))
)]
pub async fn list(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<MineQuery>,
) -> Result<Json<Page<Artwork>>, ApiError> {
    let req = pb::ListMineRequest {
        limit: page_limit(q.limit.as_deref())?,
        cursor: q.cursor.unwrap_or_default(),
        status: status_filter(q.status.as_deref())?.into(),
    };
    let page = st
        .artworks()
        .list_mine(with_token(req, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(present::artwork_page(page)))
}

/// `POST /v1/me/artworks/lookup`.
#[utoipa::path(
    post,
    path = "/v1/me/artworks/lookup",
    tag = "artworks",
    request_body = artstation_api::LookupRequest,
    responses((status = 200, description = "Which of these originals the caller already uploaded", body = artstation_api::LookupResponse)),
    security(("bearer" = []))
)]
pub async fn lookup(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<LookupRequest>,
) -> Result<Json<LookupResponse>, ApiError> {
    // Refused here too, so an oversized batch costs no call.
    if body.sha256.len() > MAX_LOOKUP {
        return Err(ApiError::validation(
            "sha256",
            format!("at most {MAX_LOOKUP} at once"),
        ));
    }
    let found = st
        .artworks()
        .lookup_mine(with_token(
            pb::LookupMineRequest {
                sha256: body.sha256,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner()
        .found;
    Ok(Json(LookupResponse {
        found: found
            .into_iter()
            .map(|o| OwnedOriginal {
                id: o.id,
                sha256: o.sha256,
                status: status_of(o.status),
            })
            .collect(),
    }))
}
