//! The OpenAPI 3.1 document served at `GET /openapi.json`, generated from the code: each
//! handler's `#[utoipa::path]` describes its route, and `routes::documented()` registers the
//! handlers from those same annotations, so the document and the router come from one table.
//! Here are what every route shares: the problem+json error responses, the bearer scheme, and
//! the answers the edge may give any request (429 shed or limited, 503, 504).

use std::sync::OnceLock;

use artstation_api::Problem;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, HeaderBuilder, ObjectBuilder, OpenApi as Document, Ref, RefOr, Response,
    ResponseBuilder, Type,
};
use utoipa::{Modify, OpenApi, ToResponse};

use crate::problem::CONTENT_TYPE as PROBLEM;

/// The security scheme of every route that needs (or may take) an access token.
pub const BEARER: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "artstation",
        description = "The REST API of the artstation marketplace. Errors are RFC 9457 \
                       `application/problem+json` documents with a stable `code`; lists are \
                       cursor pages `{items, next_cursor}` (pass `next_cursor` back as \
                       `cursor`, `limit` ≥ 1, each service caps it)."
    ),
    components(schemas(Problem)),
    modifiers(&Shared),
    tags(
        (name = "health", description = "Probes"),
        (name = "auth", description = "Accounts, sessions and keys"),
        (name = "admin", description = "Users, audit log"),
        (name = "artworks", description = "The catalogue, uploads and images"),
        (name = "catalogue", description = "Edits, favourites, categories, sales"),
        (name = "moderation", description = "Reports, appeals, the admins' queue"),
        (name = "commerce", description = "Purchases, orders, wallets, sales, payouts"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

macro_rules! problems {
    ($($name:ident => $status:literal, $description:literal;)*) => {
        $(
            #[doc = $description]
            pub struct $name;

            impl<'s> ToResponse<'s> for $name {
                fn response() -> (&'s str, RefOr<Response>) {
                    (stringify!($name), RefOr::T(problem($description)))
                }
            }
        )*

        /// Every problem response, as `(status, name, response)`.
        fn all_problems() -> Vec<(u16, &'static str, RefOr<Response>)> {
            vec![$(($status, stringify!($name), $name::response().1)),*]
        }
    };
}

problems! {
    BadRequest => 400, "A parameter or member is invalid (`validation_failed`, naming the `field`).";
    Unauthorized => 401, "No valid access token (`unauthorized`, `invalid_credentials`).";
    PaymentRequired => 402, "The wallet cannot pay (`payment_required`).";
    Forbidden => 403, "The caller may not do this (`forbidden`).";
    NotFound => 404, "No such resource, or not visible to the caller (`not_found`).";
    Conflict => 409, "It conflicts with the current state (`conflict`, `sold_out`, `price_changed`, `idempotency_conflict`).";
    PayloadTooLarge => 413, "The body is too large (`payload_too_large`).";
    UnsupportedMediaType => 415, "The body's type is not accepted (`unsupported_media_type`).";
    TooManyRequests => 429, "Too many requests (`rate_limited`); `Retry-After` says when to come back.";
    Unavailable => 503, "An upstream service is unavailable (`unavailable`).";
    Timeout => 504, "No answer within the request's deadline (`timeout`).";
}

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

/// The multipart body of `POST /v1/artworks`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // a schema only: the handler streams the parts as they come
pub struct UploadForm {
    /// The artwork's details (a JSON part).
    metadata: artstation_api::UploadMetadata,
    /// The image: PNG, JPEG, WebP or GIF.
    #[schema(content_media_type = "application/octet-stream", value_type = String)]
    file: Vec<u8>,
}

/// The bytes of an image as stored (a schema only: the handlers stream them).
#[derive(utoipa::ToSchema)]
#[schema(content_media_type = "application/octet-stream")]
#[allow(dead_code)]
pub struct Binary(String);

/// What [`ApiDoc`] adds to every operation once the handlers' annotations are in.
struct Shared;

impl Modify for Shared {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("An access token from `POST /v1/auth/login`."))
                    .build(),
            ),
        );
        for (status, name, mut response) in all_problems() {
            if let (429, RefOr::T(resp)) = (status, &mut response) {
                resp.headers.insert(
                    "Retry-After".to_owned(),
                    RefOr::T(
                        HeaderBuilder::new()
                            .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
                            .description(Some("Seconds to wait before retrying"))
                            .build(),
                    ),
                );
            }
            components.responses.insert(name.to_owned(), response);
        }
    }
}

/// The responses any operation may give besides its own: the edge's (limits, upstream down,
/// deadline), a bad token on routes that read one, and a refused body on routes that take one.
fn add_shared_responses(op: &mut Operation) {
    let mut add = |status: u16, name: &str| {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
    };
    add(429, "TooManyRequests");
    add(503, "Unavailable");
    add(504, "Timeout");
    let takes_token = op
        .security
        .iter()
        .flatten()
        .any(|req| serde_json::to_value(req).is_ok_and(|v| v.get(BEARER).is_some()));
    if takes_token {
        // A banned account's token is refused with 403 everywhere.
        add(401, "Unauthorized");
        add(403, "Forbidden");
    }
    if op.request_body.is_some() {
        add(400, "BadRequest");
        add(413, "PayloadTooLarge");
        add(415, "UnsupportedMediaType");
    }
    let params = op.parameters.iter().flatten();
    let (mut any, mut in_path) = (false, false);
    for p in params {
        any = true;
        in_path |= matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Path);
    }
    if any {
        add(400, "BadRequest");
    }
    if in_path {
        add(404, "NotFound");
    }
}

/// The finished document: the routes' table plus what every operation shares.
pub fn document() -> Document {
    let mut doc = crate::routes::documented().into_openapi();
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
            &mut item.query,
        ]
        .into_iter()
        .flatten()
        {
            add_shared_responses(op);
        }
    }
    doc
}

/// `document()` serialised once: it never changes while the process runs.
pub fn json() -> &'static [u8] {
    static JSON: OnceLock<Vec<u8>> = OnceLock::new();
    JSON.get_or_init(|| serde_json::to_vec(&document()).unwrap_or_default())
}

/// `GET /openapi.json`.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    responses((status = 200, description = "This OpenAPI 3.1 document", content_type = "application/json", body = Object))
)]
pub async fn serve() -> impl axum::response::IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        json(),
    )
}

#[cfg(test)]
mod tests;
