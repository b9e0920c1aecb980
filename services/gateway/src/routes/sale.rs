//! The site-wide sale: read by anyone (edge-cached when anonymous), set and ended by admins.

use artstation_api::{SaleDocument, SaleRequest};
use artstation_common::time;
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;

use super::catalogue::percent_bp;
use super::present;
use crate::edge_cache::{Fresh, Kind, read_through};
use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::{AppState, Authenticated, MaybeToken, with_token};

#[utoipa::path(
    get,
    path = "/v1/sale",
    tag = "catalogue",
    responses(
        (status = 200, description = "The site-wide sale, if any. Anonymous answers are `public` for a few seconds (never past the sale's start or end), others `private, no-cache`; both carry a strong ETag", body = artstation_api::SaleDocument),
        (status = 304, description = "Not modified: the If-None-Match named the current ETag")
    )
)]
pub async fn sale(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    (method, uri, headers): (Method, Uri, HeaderMap),
) -> Result<Response, ApiError> {
    let read = async {
        let req = with_token(pb::GetSaleRequest {}, None)?;
        Fresh::of(st.artworks().get_sale(req).await?, present::sale)
    };
    let served = read_through(&st, Kind::List, token.is_none(), (&method, &uri), read).await?;
    Ok(served.answer.respond(&headers))
}

/// `PUT /v1/admin/sale`: a store-wide discount of `percent` between two instants.
#[utoipa::path(
    put,
    path = "/v1/admin/sale",
    tag = "catalogue",
    request_body = artstation_api::SaleRequest,
    responses((status = 200, description = "The sale", body = artstation_api::SaleDocument)),
    security(("bearer" = []))
)]
pub async fn set_sale(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<SaleRequest>,
) -> Result<Json<SaleDocument>, ApiError> {
    let bp = percent_bp(&body.percent)?;
    // The wire reads 0 % as "no sale"; the upper bound is the artwork service's rule.
    if bp < 1 {
        return Err(ApiError::validation(
            "percent",
            "must be above 0 and below 100",
        ));
    }
    let s = st
        .artworks()
        .set_sale(with_token(
            pb::Sale {
                percent_bp: u32::try_from(bp).unwrap_or(0),
                starts_at: Some(time::to_proto(body.starts_at)),
                ends_at: Some(time::to_proto(body.ends_at)),
                active: false,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::sale(s)))
}

#[utoipa::path(
    delete,
    path = "/v1/admin/sale",
    tag = "catalogue",
    responses((status = 204, description = "No sale any more")),
    security(("bearer" = []))
)]
pub async fn end_sale(
    State(st): State<AppState>,
    caller: Authenticated,
) -> Result<StatusCode, ApiError> {
    st.artworks()
        .set_sale(with_token(pb::Sale::default(), Some(&caller.token))?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
