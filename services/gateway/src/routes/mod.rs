mod artworks;
mod auth;
mod health;
mod images;

use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};

use crate::AppState;
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
        .route(
            "/v1/artworks",
            get(artworks::list)
                .post(artworks::create)
                .layer(DefaultBodyLimit::disable()),
        )
        .route("/v1/artworks/{id}", get(artworks::get))
        .route("/v1/artworks/{id}/thumbnail", get(images::thumbnail))
        .route("/v1/artworks/{id}/preview", get(images::preview))
        .route("/v1/artworks/{id}/original", get(images::original))
        .route("/v1/admin/artworks/flagged", get(artworks::flagged))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(access_log))
        .with_state(state)
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
