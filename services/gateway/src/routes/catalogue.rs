//! Catalogue routes: owner edits, bulk repricing, favourites, trending and recommendations
//! (with an `X-Cache` header saying whether the cache answered) and categories (the sale is
//! `sale.rs`, moderation `moderation.rs`).

use artstation_api::{
    Artwork, ArtworkPatch, Category, CategoryRequest, Items, Page, Percent, Price, RepriceRequest,
    Repriced,
};
use artstation_domain::ArtworkStatus;
use artstation_proto::artwork::v1 as pb;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;

use super::PageQuery;

use super::{page_limit, present};
use crate::edge_cache::{Fresh, Kind, read_through};
use crate::json::ApiJson;
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, MaybeToken, with_token};

fn pb_price(p: Price) -> pb::Price {
    pb::Price {
        amount_minor: p.amount_minor,
        currency: p.currency,
    }
}

#[utoipa::path(
    patch,
    path = "/v1/artworks/{id}",
    tag = "catalogue",
    params(("id" = String, Path, description = "Artwork id")),
    request_body = artstation_api::ArtworkPatch,
    responses((status = 200, description = "The artwork as edited", body = artstation_api::Artwork), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn update(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ArtworkPatch>,
) -> Result<Json<Artwork>, ApiError> {
    let status = match body.status {
        None => pb::ArtworkStatus::Unspecified,
        Some(ArtworkStatus::Draft) => pb::ArtworkStatus::Draft,
        Some(ArtworkStatus::Published) => pb::ArtworkStatus::Published,
        // Only moderation hides or restores.
        Some(ArtworkStatus::Hidden) => {
            return Err(ApiError::validation(
                "status",
                "status must be draft or published, not \"hidden\"",
            ));
        }
    };
    // The wire reads an edition size of 0 as "open", so an explicit 0 must stop here.
    if body.edition_size == Some(Some(0)) {
        return Err(ApiError::validation(
            "edition_size",
            "must be at least 1 (null for an open edition)",
        ));
    }
    let req = pb::UpdateArtworkRequest {
        id,
        title: body.title,
        description: body.description,
        set_tags: body.tags.is_some(),
        tags: body.tags.unwrap_or_default(),
        set_category: body.category.is_some(),
        category: body.category.flatten().unwrap_or_default(),
        price: body.price.map(pb_price),
        licence: body.licence,
        set_edition_size: body.edition_size.is_some(),
        edition_size: body.edition_size.flatten().unwrap_or(0),
        status: status.into(),
    };
    let a = st
        .artworks()
        .update_artwork(with_token(req, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(present::artwork(a)))
}

#[utoipa::path(
    delete,
    path = "/v1/artworks/{id}",
    tag = "catalogue",
    params(("id" = String, Path, description = "Artwork id")),
    responses((status = 204, description = "Deleted"), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn delete(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    st.artworks()
        .delete_artwork(with_token(
            pb::DeleteArtworkRequest { id },
            Some(&caller.token),
        )?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A percentage as a decimal with at most two decimals ("-10.5" or -10.5), in basis points.
pub(super) fn percent_bp(v: &Percent) -> Result<i32, ApiError> {
    let bad = || ApiError::validation("percent", "a number like \"-10.5\" (at most 2 decimals)");
    let text = v.text().ok_or_else(bad)?;
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 6
    {
        return Err(bad());
    }
    let whole: i32 = whole.parse().map_err(|_| bad())?;
    let frac: i32 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let bp = whole * 100 + frac;
    Ok(if neg { -bp } else { bp })
}

/// `POST /v1/me/artworks/reprice`: `set` a price or change by `percent` (rounded half away
/// from zero to whole minor units), across `ids` or `all` of the caller's works, all or nothing.
#[utoipa::path(
    post,
    path = "/v1/me/artworks/reprice",
    tag = "catalogue",
    request_body = artstation_api::RepriceRequest,
    responses((status = 200, description = "The repriced artworks", body = artstation_api::Repriced)),
    security(("bearer" = []))
)]
pub async fn reprice(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<RepriceRequest>,
) -> Result<Json<Repriced>, ApiError> {
    let change = match (body.set, &body.percent) {
        (Some(p), None) => pb::reprice_request::Change::Set(pb_price(p)),
        (None, Some(v)) => pb::reprice_request::Change::PercentBp(percent_bp(v)?),
        _ => {
            return Err(ApiError::validation(
                "set",
                "give exactly one of set and percent",
            ));
        }
    };
    let items = st
        .artworks()
        .reprice(with_token(
            pb::RepriceRequest {
                ids: body.ids.unwrap_or_default(),
                all: body.all.unwrap_or(false),
                change: Some(change),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner()
        .items;
    Ok(Json(Repriced {
        updated: items.len() as u64,
        items: present::artworks(items),
    }))
}

async fn set_favorite(
    st: &AppState,
    caller: &Authenticated,
    id: String,
    on: bool,
) -> Result<StatusCode, ApiError> {
    st.artworks()
        .set_favorite(with_token(
            pb::SetFavoriteRequest {
                artwork_id: id,
                favorite: on,
            },
            Some(&caller.token),
        )?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    put,
    path = "/v1/artworks/{id}/favorite",
    tag = "catalogue",
    params(("id" = String, Path, description = "Artwork id")),
    responses((status = 204, description = "Favourited")),
    security(("bearer" = []))
)]
pub async fn favorite(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    set_favorite(&st, &caller, id, true).await
}

#[utoipa::path(
    delete,
    path = "/v1/artworks/{id}/favorite",
    tag = "catalogue",
    params(("id" = String, Path, description = "Artwork id")),
    responses((status = 204, description = "No longer a favourite")),
    security(("bearer" = []))
)]
pub async fn unfavorite(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    set_favorite(&st, &caller, id, false).await
}

#[utoipa::path(
    get,
    path = "/v1/me/favorites",
    tag = "catalogue",
    params(PageQuery),
    responses((status = 200, description = "The caller's favourites", body = artstation_api::Page<artstation_api::Artwork>)),
    security(("bearer" = []))
)]
pub async fn favorites(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<Artwork>>, ApiError> {
    let page = st
        .artworks()
        .list_favorites(with_token(
            pb::ListFavoritesRequest {
                limit: page_limit(q.limit.as_deref())?,
                cursor: q.cursor.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::artwork_page(page)))
}

fn cached(list: pb::CachedArtworks) -> (HeaderMap, Json<Items<Artwork>>) {
    let mut headers = HeaderMap::new();
    headers.insert("x-cache", cache_signal(list.cache_hit));
    let items = present::artworks(list.items);
    (headers, Json(Items { items }))
}

fn cache_signal(hit: bool) -> HeaderValue {
    HeaderValue::from_static(if hit { "hit" } else { "miss" })
}

/// `GET /v1/artworks/popular`; anonymous answers go through the edge cache, and `x-cache`
/// says `hit` when either the edge or the artwork service's cache answered.
#[utoipa::path(
    get,
    path = "/v1/artworks/popular",
    tag = "artworks",
    params(PageQuery),
    responses(
        (status = 200, description = "The most popular published artworks. Anonymous answers are `public` for a few seconds, others `private, no-cache`; both carry a strong ETag", body = artstation_api::Items<artstation_api::Artwork>, headers(("x-cache" = String, description = "`hit` or `miss`"))),
        (status = 304, description = "Not modified: the If-None-Match named the current ETag")
    )
)]
pub async fn popular(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    (method, uri, headers): (Method, Uri, HeaderMap),
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let req = pb::PopularRequest {
        limit: page_limit(q.limit.as_deref())?,
    };
    let mut service_hit = false;
    let read = async {
        let list = st.artworks().popular(with_token(req, None)?).await?;
        Fresh::of(list, |list| {
            service_hit = list.cache_hit;
            Items {
                items: present::artworks(list.items),
            }
        })
    };
    let served = read_through(&st, Kind::List, token.is_none(), (&method, &uri), read).await?;
    let mut resp = served.answer.respond(&headers);
    let signal = cache_signal(served.kept || service_hit);
    resp.headers_mut().insert("x-cache", signal);
    Ok(resp)
}

#[utoipa::path(
    get,
    path = "/v1/me/recommendations",
    tag = "catalogue",
    params(PageQuery),
    responses((status = 200, description = "Artworks the caller may like", body = artstation_api::Items<artstation_api::Artwork>, headers(("x-cache" = String, description = "`hit` or `miss`")))),
    security(("bearer" = []))
)]
pub async fn recommendations(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<(HeaderMap, Json<Items<Artwork>>), ApiError> {
    let list = st
        .artworks()
        .recommendations(with_token(
            pb::RecommendationsRequest {
                limit: page_limit(q.limit.as_deref())?,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(cached(list))
}

#[utoipa::path(
    get,
    path = "/v1/categories",
    tag = "catalogue",
    responses(
        (status = 200, description = "Every category. Anonymous answers are `public` for a few seconds, others `private, no-cache`; both carry a strong ETag", body = artstation_api::Items<artstation_api::Category>),
        (status = 304, description = "Not modified: the If-None-Match named the current ETag")
    )
)]
pub async fn categories(
    State(st): State<AppState>,
    MaybeToken(token): MaybeToken,
    (method, uri, headers): (Method, Uri, HeaderMap),
) -> Result<Response, ApiError> {
    let read = async {
        let req = with_token(pb::ListCategoriesRequest {}, None)?;
        Fresh::of(st.artworks().list_categories(req).await?, |list| Items {
            items: list
                .items
                .into_iter()
                .map(present::category)
                .collect::<Vec<_>>(),
        })
    };
    let served = read_through(&st, Kind::List, token.is_none(), (&method, &uri), read).await?;
    Ok(served.answer.respond(&headers))
}

async fn put_category(
    st: &AppState,
    caller: &Authenticated,
    slug: String,
    name: String,
) -> Result<Json<Category>, ApiError> {
    let c = st
        .artworks()
        .put_category(with_token(
            pb::Category { slug, name },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::category(c)))
}

#[utoipa::path(
    post,
    path = "/v1/admin/categories",
    tag = "catalogue",
    request_body = artstation_api::CategoryRequest,
    responses((status = 201, description = "The new category", body = artstation_api::Category), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn add_category(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<CategoryRequest>,
) -> Result<(StatusCode, Json<Category>), ApiError> {
    let slug = body
        .slug
        .ok_or_else(|| ApiError::validation("slug", "missing field `slug`"))?;
    Ok((
        StatusCode::CREATED,
        put_category(&st, &caller, slug, body.name).await?,
    ))
}

#[utoipa::path(
    patch,
    path = "/v1/admin/categories/{slug}",
    tag = "catalogue",
    params(("slug" = String, Path, description = "Category slug")),
    request_body = artstation_api::CategoryRequest,
    responses((status = 200, description = "The renamed category", body = artstation_api::Category), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn rename_category(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<CategoryRequest>,
) -> Result<Json<Category>, ApiError> {
    let exists = st
        .artworks()
        .list_categories(with_token(pb::ListCategoriesRequest {}, None)?)
        .await?
        .into_inner()
        .items
        .iter()
        .any(|c| c.slug == slug);
    if !exists {
        return Err(ApiError(artstation_common::ServiceError::not_found(
            "category",
        )));
    }
    put_category(&st, &caller, slug, body.name).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn percents_become_basis_points() {
        let bp = |v: serde_json::Value| {
            serde_json::from_value::<Percent>(v)
                .ok()
                .and_then(|p| percent_bp(&p).ok())
        };
        assert_eq!(bp(json!("-10.5")), Some(-1050));
        assert_eq!(bp(json!("20")), Some(2000));
        assert_eq!(bp(json!(-10.25)), Some(-1025));
        assert_eq!(bp(json!("+5.1")), Some(510));
        assert_eq!(bp(json!("1.234")), None);
        assert_eq!(bp(json!("ten")), None);
        assert_eq!(bp(json!(true)), None);
    }
}
