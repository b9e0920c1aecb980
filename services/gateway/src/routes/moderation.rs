//! Moderation routes (issue 13): users report works, read their reports' outcomes and appeal a
//! hide; admins read the queue, hide, restore or remove one work or many, and dismiss reports.
//! Every rule, the admin check included, is the artwork service's; this only maps HTTP.

use artstation_api::{
    Appeal, AppealRequest, Artwork, BulkError, BulkModerationRequest, BulkResult, BulkResults,
    Dismissed, ModerationRequest, Outcome, Page, PublicLogEntry, QueueItem, ReasonRequest, Report,
    ReportRequest,
};
use artstation_common::time::from_proto;
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;

use super::{PageQuery, page_limit, present};
use crate::edge_cache::{Fresh, Kind, read_through};
use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, MaybeToken, with_token};

fn report(r: pb::Report) -> Report {
    Report {
        artwork_id: r.artwork_id,
        created_at: from_proto(r.created_at).unwrap_or_default(),
        id: r.id,
        note: Some(r.note).filter(|n| !n.is_empty()),
        outcome: r.outcome.map(|o| Outcome {
            action: o.action,
            at: from_proto(o.at).unwrap_or_default(),
            reason: o.reason,
        }),
        reason: r.reason,
        status: r.status,
    }
}

/// `POST /v1/artworks/{id}/reports`.
#[utoipa::path(
    post,
    path = "/v1/artworks/{id}/reports",
    tag = "moderation",
    params(("id" = String, Path, description = "Artwork id")),
    request_body = artstation_api::ReportRequest,
    responses((status = 201, description = "The report", body = artstation_api::Report), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn file_report(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReportRequest>,
) -> Result<(StatusCode, Json<Report>), ApiError> {
    let r = st
        .artworks()
        .report_artwork(with_token(
            pb::ReportArtworkRequest {
                artwork_id: id,
                reason: body.reason,
                note: body.note.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok((StatusCode::CREATED, Json(report(r))))
}

/// `GET /v1/me/reports`: the caller's reports, newest first, with their outcomes.
#[utoipa::path(
    get,
    path = "/v1/me/reports",
    tag = "moderation",
    params(PageQuery),
    responses((status = 200, description = "The caller's reports", body = artstation_api::Page<artstation_api::Report>)),
    security(("bearer" = []))
)]
pub async fn my_reports(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<Report>>, ApiError> {
    let page = st
        .artworks()
        .list_my_reports(with_token(
            pb::ListMyReportsRequest {
                limit: page_limit(q.limit.as_deref())?,
                cursor: q.cursor.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(Page::new(
        page.items.into_iter().map(report).collect(),
        page.next_cursor,
    )))
}

/// `POST /v1/artworks/{id}/appeal`.
#[utoipa::path(
    post,
    path = "/v1/artworks/{id}/appeal",
    tag = "moderation",
    params(("id" = String, Path, description = "Artwork id")),
    request_body = artstation_api::AppealRequest,
    responses((status = 201, description = "The appeal", body = artstation_api::Appeal), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn appeal(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AppealRequest>,
) -> Result<(StatusCode, Json<Appeal>), ApiError> {
    let a = st
        .artworks()
        .appeal_moderation(with_token(
            pb::AppealModerationRequest {
                artwork_id: id,
                message: body.message,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok((StatusCode::CREATED, Json(present::appeal(a))))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Only works with open reports for this reason, or `near_duplicate`.
    reason: Option<String>,
    /// Only reports at least this many seconds old.
    #[param(value_type = Option<u64>)]
    min_age: Option<String>,
    /// Only reports at most this many seconds old.
    #[param(value_type = Option<u64>)]
    max_age: Option<String>,
    /// Page size, at least 1 (each service caps it).
    #[param(value_type = Option<u32>, minimum = 1)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// An age in seconds (`?min_age=86400`).
fn seconds(field: &str, v: Option<&str>) -> Result<Option<u64>, ApiError> {
    v.map(|s| {
        s.parse::<u64>()
            .map_err(|_| ApiError::validation(field, "a whole number of seconds"))
    })
    .transpose()
}

fn queue_item(i: pb::QueueItem) -> Result<QueueItem, ApiError> {
    let artwork = i.artwork.map(present::artwork).ok_or_else(|| {
        ApiError(artstation_common::ServiceError::internal(
            "queue item without artwork",
        ))
    })?;
    Ok(QueueItem {
        appeal: i.appeal.map(present::appeal),
        artwork,
        first_reported_at: from_proto(i.first_reported_at).unwrap_or_default(),
        last_reported_at: from_proto(i.last_reported_at).unwrap_or_default(),
        near_duplicate_of: i.near_duplicate_of.map(|a| Box::new(present::artwork(a))),
        notes: i.notes,
        open_reports: i.open_reports,
        reasons: i.reasons.into_iter().collect(),
    })
}

/// `GET /v1/admin/reports`: the moderation queue.
#[utoipa::path(
    get,
    path = "/v1/admin/reports",
    tag = "moderation",
    params(QueueQuery),
    responses((status = 200, description = "Reported and flagged artworks", body = artstation_api::Page<artstation_api::QueueItem>)),
    security(("bearer" = []))
)]
pub async fn queue(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> Result<Json<Page<QueueItem>>, ApiError> {
    let page = st
        .artworks()
        .list_moderation_queue(with_token(
            pb::ModerationQueueRequest {
                reason: q.reason.unwrap_or_default(),
                min_age_secs: seconds("min_age", q.min_age.as_deref())?,
                max_age_secs: seconds("max_age", q.max_age.as_deref())?,
                limit: page_limit(q.limit.as_deref())?,
                cursor: q.cursor.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    let items = page
        .items
        .into_iter()
        .map(queue_item)
        .collect::<Result<_, _>>()?;
    Ok(Json(Page::new(items, page.next_cursor)))
}

/// `GET /v1/moderation/log`: the public log, for anyone (no admin's identity in it); anonymous
/// pages go through the edge cache.
#[utoipa::path(
    get,
    path = "/v1/moderation/log",
    tag = "moderation",
    params(PageQuery),
    responses(
        (status = 200, description = "Moderation actions, newest first. Anonymous answers are `public` for a few seconds, others `private, no-cache`; both carry a strong ETag", body = artstation_api::Page<artstation_api::PublicLogEntry>),
        (status = 304, description = "Not modified: the If-None-Match named the current ETag")
    )
)]
pub async fn public_log(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    (method, uri, headers): (Method, Uri, HeaderMap),
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let req = pb::PublicModerationLogRequest {
        limit: page_limit(q.limit.as_deref())?,
        cursor: q.cursor.unwrap_or_default(),
    };
    let read = async {
        let page = st
            .artworks()
            .public_moderation_log(with_token(req, None)?)
            .await?;
        Fresh::of(page, public_log_page)
    };
    let served = read_through(&st, Kind::List, token.is_none(), (&method, &uri), read).await?;
    Ok(served.answer.respond(&headers))
}

fn public_log_page(page: pb::PublicModerationLogResponse) -> Page<PublicLogEntry> {
    let items = page
        .items
        .into_iter()
        .map(|e| PublicLogEntry {
            action: e.action,
            at: from_proto(e.at).unwrap_or_default(),
            reason: Some(e.reason).filter(|r| !r.is_empty()),
            target: artstation_api::AuditTarget {
                id: e.target_id,
                kind: e.target_kind,
            },
        })
        .collect();
    Page::new(items, page.next_cursor)
}

/// `POST /v1/admin/artworks/{id}/moderation`: hide, restore or remove one work.
#[utoipa::path(
    post,
    path = "/v1/admin/artworks/{id}/moderation",
    tag = "moderation",
    params(("id" = String, Path, description = "Artwork id")),
    request_body = artstation_api::ModerationRequest,
    responses((status = 200, description = "The artwork as it now is", body = artstation_api::Artwork), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn moderate(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ModerationRequest>,
) -> Result<Json<Artwork>, ApiError> {
    let a = st
        .artworks()
        .moderate(with_token(
            pb::ModerateRequest {
                artwork_id: id,
                action: body.action,
                reason: body.reason.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::artwork(a)))
}

/// `POST /v1/admin/artworks/moderation`: one action on many works, each id on its own.
#[utoipa::path(
    post,
    path = "/v1/admin/artworks/moderation",
    tag = "moderation",
    request_body = artstation_api::BulkModerationRequest,
    responses((status = 200, description = "One result per id", body = artstation_api::BulkResults)),
    security(("bearer" = []))
)]
pub async fn moderate_many(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<BulkModerationRequest>,
) -> Result<Json<BulkResults>, ApiError> {
    let answer = st
        .artworks()
        .moderate_many(with_token(
            pb::ModerateManyRequest {
                ids: body.ids,
                action: body.action,
                reason: body.reason,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    let results = answer
        .results
        .into_iter()
        .map(|r| match r.result {
            Some(pb::moderation_result::Result::Artwork(a)) => BulkResult {
                artwork: Some(Box::new(present::artwork(a))),
                error: None,
                id: r.id,
                ok: true,
            },
            Some(pb::moderation_result::Result::Error(e)) => BulkResult {
                artwork: None,
                error: Some(BulkError {
                    code: e.code,
                    message: e.message,
                }),
                id: r.id,
                ok: false,
            },
            None => BulkResult {
                artwork: None,
                error: Some(BulkError {
                    code: "internal".into(),
                    message: "no result".into(),
                }),
                id: r.id,
                ok: false,
            },
        })
        .collect();
    Ok(Json(BulkResults { results }))
}

/// `POST /v1/admin/artworks/{id}/reports/dismiss`.
#[utoipa::path(
    post,
    path = "/v1/admin/artworks/{id}/reports/dismiss",
    tag = "moderation",
    params(("id" = String, Path, description = "Artwork id")),
    request_body = artstation_api::ReasonRequest,
    responses((status = 200, description = "How many reports were closed", body = artstation_api::Dismissed)),
    security(("bearer" = []))
)]
pub async fn dismiss(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReasonRequest>,
) -> Result<Json<Dismissed>, ApiError> {
    let answer = st
        .artworks()
        .dismiss_reports(with_token(
            pb::DismissReportsRequest {
                artwork_id: id,
                reason: body.reason.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(Dismissed {
        dismissed: answer.dismissed,
    }))
}
