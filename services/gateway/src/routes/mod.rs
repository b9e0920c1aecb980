mod artworks;
mod audit;
mod auth;
mod catalogue;
mod commerce;
mod health;
mod images;
mod mine;
mod moderation;
mod present;

use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, patch, post, put};

use crate::AppState;

/// `?limit=N&cursor=C` of every cursor-paged list (checked by `page_limit`, passed on as is).
#[derive(serde::Deserialize)]
pub struct PageQuery {
    limit: Option<String>,
    cursor: Option<String>,
}
use crate::problem::ApiError;
use artstation_common::ServiceError;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/.well-known/jwks.json", get(auth::jwks))
        .route("/v1/auth/register", post(auth::register))
        .route("/v1/auth/login", post(auth::login))
        .route("/v1/auth/refresh", post(auth::refresh))
        .route("/v1/auth/logout", post(auth::logout))
        .route("/v1/me", get(auth::me))
        .route("/v1/me/password", post(auth::change_password))
        .route("/v1/me/role", post(auth::request_role))
        .route("/v1/admin/users", get(auth::admin_users))
        .route("/v1/admin/users/{id}/ban", post(audit::ban))
        .route("/v1/admin/users/{id}/unban", post(audit::unban))
        .route("/v1/admin/users/{id}/role", post(audit::set_role))
        .route("/v1/admin/audit", get(audit::audit))
        .route(
            "/v1/artworks",
            get(artworks::list)
                .post(artworks::create)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/v1/artworks/{id}",
            get(artworks::get)
                .patch(catalogue::update)
                .delete(catalogue::delete),
        )
        .route("/v1/artworks/popular", get(catalogue::popular))
        .route(
            "/v1/artworks/{id}/favorite",
            put(catalogue::favorite).delete(catalogue::unfavorite),
        )
        .route("/v1/me/favorites", get(catalogue::favorites))
        .route("/v1/me/recommendations", get(catalogue::recommendations))
        .route("/v1/me/artworks/reprice", post(catalogue::reprice))
        .route("/v1/me/artworks", get(mine::list))
        .route("/v1/me/artworks/lookup", post(mine::lookup))
        .route("/v1/categories", get(catalogue::categories))
        .route("/v1/admin/categories", post(catalogue::add_category))
        .route(
            "/v1/admin/categories/{slug}",
            patch(catalogue::rename_category),
        )
        .route("/v1/sale", get(catalogue::sale))
        .route(
            "/v1/admin/sale",
            put(catalogue::set_sale).delete(catalogue::end_sale),
        )
        .route(
            "/v1/admin/artworks/{id}/moderation",
            post(moderation::moderate),
        )
        .route(
            "/v1/admin/artworks/moderation",
            post(moderation::moderate_many),
        )
        .route(
            "/v1/admin/artworks/{id}/reports/dismiss",
            post(moderation::dismiss),
        )
        .route("/v1/admin/reports", get(moderation::queue))
        .route("/v1/artworks/{id}/reports", post(moderation::file_report))
        .route("/v1/artworks/{id}/appeal", post(moderation::appeal))
        .route("/v1/me/reports", get(moderation::my_reports))
        .route("/v1/moderation/log", get(moderation::public_log))
        .route("/v1/artworks/{id}/thumbnail", get(images::thumbnail))
        .route("/v1/artworks/{id}/preview", get(images::preview))
        .route("/v1/artworks/{id}/original", get(images::original))
        .route("/v1/admin/artworks/flagged", get(artworks::flagged))
        .route("/v1/artworks/{id}/purchase", post(commerce::purchase))
        .route("/v1/me/purchases", get(commerce::purchases))
        .route("/v1/orders/{id}", get(commerce::order))
        .route("/v1/orders/{id}/refund", post(commerce::refund))
        .route("/v1/orders/{id}/licence", get(commerce::licence))
        .route(
            "/.well-known/licence-keys.json",
            get(commerce::licence_keys),
        )
        .route("/v1/me/wallet", get(commerce::wallet))
        .route("/v1/me/wallet/topup", post(commerce::top_up))
        .route("/v1/admin/users/{id}/credit", post(commerce::credit))
        .route("/v1/me/sales", get(commerce::sales))
        .route("/v1/me/payouts", post(commerce::request_payout))
        .route("/v1/admin/payouts/{id}/paid", post(commerce::mark_paid))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::edge::deadline,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::ratelimit::limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::edge::limit_in_flight,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::cors::cors,
        ))
        .layer(middleware::from_fn(crate::edge::security_headers))
        .layer(middleware::from_fn(access_log))
        .with_state(state)
}

/// A `limit` query parameter. Zero is refused here because the wire reads 0 as "the default";
/// each service enforces its own maximum.
fn page_limit(limit: Option<&str>) -> Result<u32, ApiError> {
    let Some(limit) = limit else { return Ok(0) };
    limit
        .parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| ApiError::validation("limit", "must be a positive integer"))
}

async fn not_found() -> ApiError {
    ApiError(ServiceError::not_found("route"))
}

async fn method_not_allowed() -> Response {
    use axum::response::IntoResponse;
    let mut resp =
        ApiError(ServiceError::validation("method", "method not allowed")).into_response();
    *resp.status_mut() = axum::http::StatusCode::METHOD_NOT_ALLOWED;
    resp
}

async fn access_log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let start = Instant::now();
    let resp = next.run(req).await;
    tracing::info!(
        %method,
        %path,
        status = resp.status().as_u16(),
        ms = start.elapsed().as_millis() as u64,
        "request"
    );
    resp
}
