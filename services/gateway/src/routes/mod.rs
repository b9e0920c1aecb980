mod artworks;
mod audit;
mod auth;
mod catalogue;
mod commerce;
mod follow;
mod health;
mod images;
mod mine;
mod moderation;
mod present;
mod sale;
mod status;

use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::Response;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

use crate::AppState;

/// `?limit=N&cursor=C` of every cursor-paged list (checked by `page_limit`, passed on as is).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, at least 1 (each service caps it).
    #[param(value_type = Option<u32>, minimum = 1)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}
use crate::problem::ApiError;
use artstation_common::ServiceError;

/// Every route of the gateway. A handler registered with `routes!` takes its method and path
/// from its `#[utoipa::path]`, the same annotation `/openapi.json` is generated from
/// (`crate::openapi`), so what is routed here is documented by construction. Add routes the
/// same way: `openapi::tests` fails on a plain `.route(…)` and says what to write instead.
pub(crate) fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::ApiDoc::openapi())
        .routes(routes!(crate::openapi::serve))
        .routes(routes!(health::healthz))
        .routes(routes!(crate::telemetry::render_metrics))
        .routes(routes!(status::status))
        .routes(routes!(health::readyz))
        .routes(routes!(auth::jwks))
        .routes(routes!(auth::register))
        .routes(routes!(auth::login))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::change_password))
        .routes(routes!(auth::request_role))
        .routes(routes!(auth::admin_users))
        .routes(routes!(audit::ban))
        .routes(routes!(audit::unban))
        .routes(routes!(audit::set_role))
        .routes(routes!(audit::audit))
        // Uploads stream: their size is bounded by the upload limits, not axum's default.
        .routes(routes!(artworks::list, artworks::create).layer(DefaultBodyLimit::disable()))
        .routes(routes!(artworks::get, catalogue::update, catalogue::delete))
        .routes(routes!(catalogue::popular))
        .routes(routes!(catalogue::favorite, catalogue::unfavorite))
        .routes(routes!(catalogue::favorites))
        .routes(routes!(catalogue::recommendations))
        .routes(routes!(catalogue::reprice))
        .routes(routes!(mine::list))
        .routes(routes!(mine::lookup))
        .routes(routes!(catalogue::categories))
        .routes(routes!(catalogue::add_category))
        .routes(routes!(catalogue::rename_category))
        .routes(routes!(sale::sale))
        .routes(routes!(sale::set_sale, sale::end_sale))
        .routes(routes!(moderation::moderate))
        .routes(routes!(moderation::moderate_many))
        .routes(routes!(moderation::dismiss))
        .routes(routes!(moderation::queue))
        .routes(routes!(moderation::file_report))
        .routes(routes!(moderation::appeal))
        .routes(routes!(moderation::my_reports))
        .routes(routes!(moderation::public_log))
        .routes(routes!(images::thumbnail))
        .routes(routes!(images::preview))
        .routes(routes!(images::original))
        .routes(routes!(artworks::flagged))
        .routes(routes!(commerce::purchase))
        .routes(routes!(commerce::purchases))
        .routes(routes!(commerce::order))
        .routes(routes!(commerce::refund))
        .routes(routes!(commerce::licence))
        .routes(routes!(commerce::licence_keys))
        .routes(routes!(commerce::wallet))
        .routes(routes!(commerce::top_up))
        .routes(routes!(commerce::credit))
        .routes(routes!(commerce::sales))
        .routes(routes!(commerce::request_payout))
        .routes(routes!(commerce::mark_paid))
        .routes(routes!(follow::follow, follow::unfollow))
        .routes(routes!(follow::feed))
        .routes(routes!(follow::stream))
}

pub fn router(state: AppState) -> Router {
    let (routes, _) = documented().split_for_parts();
    routes
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::edge_cache::forget_after_writes,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), edge_stack))
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

/// What every request passes through, outermost first: its id, trace and metrics; the access
/// log; the security headers; CORS; the in-flight cap; the rate limits; the deadline; whether
/// it only reads. One layer calling each in turn, rather than a `from_fn` layer each: every
/// such layer boxed the rest of the stack (after cloning it) and its own future on every
/// request, which was a visible share of a cached read's cost.
async fn edge_stack(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let st = &st;
    crate::telemetry::observe(req, move |req| {
        access_log(req, move |req| {
            crate::edge::security_headers(req, move |req| {
                crate::cors::cors(st, req, move |req| {
                    crate::edge::limit_in_flight(st, req, move |req| {
                        crate::ratelimit::limit(st, req, move |req| {
                            crate::edge::deadline(st, req, move |req| {
                                crate::reads::scope(req, move |req| next.run(req))
                            })
                        })
                    })
                })
            })
        })
    })
    .await
}

/// One line per request under the target `artstation::access`: writes and failures at info,
/// answered reads at debug. A line per read at info cost about a quarter of the gateway's
/// read throughput (formatting plus a write to the log); `/metrics` counts reads by route and
/// status, and `ARTSTATION_LOG=info,artstation::access=debug` shows every one.
async fn access_log<F, Fut>(req: Request, next: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response>,
{
    let method = req.method().clone();
    // Kept as the URI (a shared buffer) rather than copied out: most lines are not written.
    let uri = req.uri().clone();
    let start = Instant::now();
    let resp = next(req).await;
    let status = resp.status().as_u16();
    let ms = start.elapsed().as_millis() as u64;
    let read = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    if read && status < 400 {
        tracing::debug!(target: "artstation::access", %method, path = %uri.path(), status, ms, "request");
    } else {
        tracing::info!(target: "artstation::access", %method, path = %uri.path(), status, ms, "request");
    }
    resp
}
