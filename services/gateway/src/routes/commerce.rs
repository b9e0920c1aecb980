//! Commerce routes: purchases and the library, orders, refunds and licence certificates,
//! wallets, sales and payouts. Only the shape of HTTP is checked here (the idempotency key
//! header, the bodies); every rule is the commerce service's.

use artstation_api::{
    CreditRequest, Jwks, Licence, Order, Page, Payout, PayoutRequest, Price, PurchaseRequest,
    Sales, TopUpRequest, Wallet,
};
use artstation_proto::commerce::v1 as pb;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;

use super::PageQuery;

use super::{page_limit, present};
use crate::json::{ApiJson, check_size, parse, require_json};
use crate::problem::ApiError;
use crate::query::ApiQuery;
use crate::{AppState, Authenticated, with_token};

/// Longest `Idempotency-Key` accepted, in bytes.
const MAX_IDEMPOTENCY_KEY: usize = 255;

const IDEMPOTENCY_KEY: &str = "idempotency-key";

fn pb_money(p: Price) -> pb::Money {
    pb::Money {
        amount_minor: p.amount_minor,
        currency: p.currency,
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let bad = |msg: &str| ApiError::validation("Idempotency-Key", msg);
    let mut values = headers.get_all(IDEMPOTENCY_KEY).iter();
    let value = values
        .next()
        .ok_or_else(|| bad("the Idempotency-Key header is required"))?;
    if values.next().is_some() {
        return Err(bad("send one Idempotency-Key header"));
    }
    let key = value
        .to_str()
        .map_err(|_| bad("must be visible ASCII"))?
        .trim();
    if key.is_empty() {
        return Err(bad("must not be empty"));
    }
    if key.len() > MAX_IDEMPOTENCY_KEY {
        return Err(bad("must be at most 255 characters"));
    }
    Ok(key.to_owned())
}

/// The purchase body is optional: nothing at all means `{}`.
fn purchase_body(headers: &HeaderMap, body: &[u8]) -> Result<PurchaseRequest, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(PurchaseRequest::default());
    }
    require_json(headers)?;
    check_size(body)?;
    parse(body)
}

/// `POST /v1/artworks/{id}/purchase`: 201 with a new order, 200 with the order the same
/// `Idempotency-Key` made before.
#[utoipa::path(
    post,
    path = "/v1/artworks/{id}/purchase",
    tag = "commerce",
    params(("id" = String, Path, description = "Artwork id"), ("Idempotency-Key" = String, Header, description = "1 to 255 visible ASCII characters; a retry with the same key answers the same order")),
    request_body(content = Option<artstation_api::PurchaseRequest>, description = "Optional: `expected_price` refuses a purchase at another price"),
    responses((status = 201, description = "The new order", body = artstation_api::Order, headers(("Location" = String, description = "The order"))), (status = 200, description = "The order this Idempotency-Key made before", body = artstation_api::Order, headers(("Location" = String, description = "The order"))), (status = 402, response = crate::openapi::PaymentRequired), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn purchase(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let key = idempotency_key(&headers)?;
    let body = purchase_body(&headers, &body)?;
    let resp = st
        .commerce()
        .purchase(with_token(
            pb::PurchaseRequest {
                artwork_id: id,
                idempotency_key: key,
                expected_price: body.expected_price.map(pb_money),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    let order = present::order(resp.order.unwrap_or_default());
    let status = if resp.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let mut out = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!("/v1/orders/{}", order.id)) {
        out.insert(header::LOCATION, v);
    }
    Ok((status, out, Json(order)))
}

/// `GET /v1/me/purchases`: the library, newest first.
#[utoipa::path(
    get,
    path = "/v1/me/purchases",
    tag = "commerce",
    params(PageQuery),
    responses((status = 200, description = "The caller's orders, newest first", body = artstation_api::Page<artstation_api::Order>)),
    security(("bearer" = []))
)]
pub async fn purchases(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<Order>>, ApiError> {
    let page = st
        .commerce()
        .list_purchases(with_token(
            pb::ListPurchasesRequest {
                limit: page_limit(q.limit.as_deref())?,
                cursor: q.cursor.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::orders(page)))
}

#[utoipa::path(
    get,
    path = "/v1/orders/{id}",
    tag = "commerce",
    params(("id" = String, Path, description = "Order id")),
    responses((status = 200, description = "The order", body = artstation_api::Order)),
    security(("bearer" = []))
)]
pub async fn order(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(id): Path<String>,
) -> Result<Json<Order>, ApiError> {
    let o = st
        .commerce()
        .get_order(with_token(pb::GetOrderRequest { id }, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(present::order(o)))
}

#[utoipa::path(
    post,
    path = "/v1/orders/{id}/refund",
    tag = "commerce",
    params(("id" = String, Path, description = "Order id")),
    responses((status = 200, description = "The refunded order", body = artstation_api::Order), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn refund(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(order_id): Path<String>,
) -> Result<Json<Order>, ApiError> {
    let o = st
        .commerce()
        .refund(with_token(
            pb::RefundRequest { order_id },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::order(o)))
}

#[utoipa::path(
    get,
    path = "/v1/orders/{id}/licence",
    tag = "commerce",
    params(("id" = String, Path, description = "Order id")),
    responses((status = 200, description = "The signed licence certificate", body = artstation_api::Licence), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn licence(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(order_id): Path<String>,
) -> Result<Json<Licence>, ApiError> {
    let l = st
        .commerce()
        .get_licence(with_token(
            pb::GetLicenceRequest {
                order_id: order_id.clone(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::licence(order_id, l)))
}

/// `GET /.well-known/licence-keys.json`: anyone may verify a certificate offline.
#[utoipa::path(
    get,
    path = "/.well-known/licence-keys.json",
    tag = "commerce",
    responses((status = 200, description = "The keys that verify licence certificates", body = artstation_api::Jwks))
)]
pub async fn licence_keys(State(st): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let keys = st
        .commerce()
        .get_licence_keys(with_token(pb::GetLicenceKeysRequest {}, None)?)
        .await?
        .into_inner();
    let keys = Jwks {
        keys: keys.keys.into_iter().map(present::licence_key).collect(),
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok((headers, Json(keys)))
}

#[utoipa::path(
    get,
    path = "/v1/me/wallet",
    tag = "commerce",
    responses((status = 200, description = "The caller's balances", body = artstation_api::Wallet)),
    security(("bearer" = []))
)]
pub async fn wallet(
    State(st): State<AppState>,
    caller: Authenticated,
) -> Result<Json<Wallet>, ApiError> {
    let w = st
        .commerce()
        .get_wallet(with_token(pb::GetWalletRequest {}, Some(&caller.token))?)
        .await?
        .into_inner();
    Ok(Json(present::wallet(w)))
}

#[utoipa::path(
    post,
    path = "/v1/me/wallet/topup",
    tag = "commerce",
    request_body = artstation_api::TopUpRequest,
    responses((status = 200, description = "The wallet after the top-up", body = artstation_api::Wallet)),
    security(("bearer" = []))
)]
pub async fn top_up(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<TopUpRequest>,
) -> Result<Json<Wallet>, ApiError> {
    let amount = pb::Money {
        amount_minor: body.amount_minor,
        currency: body.currency,
    };
    let w = st
        .commerce()
        .top_up(with_token(
            pb::TopUpRequest {
                amount: Some(amount),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::wallet(w)))
}

/// `POST /v1/admin/users/{id}/credit`.
#[utoipa::path(
    post,
    path = "/v1/admin/users/{id}/credit",
    tag = "commerce",
    params(("id" = String, Path, description = "User id")),
    request_body = artstation_api::CreditRequest,
    responses((status = 200, description = "The user's wallet after the credit", body = artstation_api::Wallet)),
    security(("bearer" = []))
)]
pub async fn credit(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(user_id): Path<String>,
    ApiJson(body): ApiJson<CreditRequest>,
) -> Result<Json<Wallet>, ApiError> {
    let amount = pb::Money {
        amount_minor: body.amount_minor,
        currency: body.currency,
    };
    let w = st
        .commerce()
        .admin_credit(with_token(
            pb::AdminCreditRequest {
                user_id,
                amount: Some(amount),
                reason: body.reason,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::wallet(w)))
}

#[utoipa::path(
    get,
    path = "/v1/me/sales",
    tag = "commerce",
    params(PageQuery),
    responses((status = 200, description = "The artist's sales and earnings", body = artstation_api::Sales)),
    security(("bearer" = []))
)]
pub async fn sales(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Sales>, ApiError> {
    let s = st
        .commerce()
        .list_sales(with_token(
            pb::ListSalesRequest {
                limit: page_limit(q.limit.as_deref())?,
                cursor: q.cursor.unwrap_or_default(),
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::sales(s)))
}

/// `POST /v1/me/payouts` → 201 with the pending payout.
#[utoipa::path(
    post,
    path = "/v1/me/payouts",
    tag = "commerce",
    request_body = artstation_api::PayoutRequest,
    responses((status = 201, description = "The payout request", body = artstation_api::Payout), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn request_payout(
    State(st): State<AppState>,
    caller: Authenticated,
    ApiJson(body): ApiJson<PayoutRequest>,
) -> Result<(StatusCode, Json<Payout>), ApiError> {
    let p = st
        .commerce()
        .request_payout(with_token(
            pb::RequestPayoutRequest {
                currency: body.currency,
            },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok((StatusCode::CREATED, Json(present::payout(p))))
}

/// `POST /v1/admin/payouts/{id}/paid`.
#[utoipa::path(
    post,
    path = "/v1/admin/payouts/{id}/paid",
    tag = "commerce",
    params(("id" = String, Path, description = "Payout id")),
    responses((status = 200, description = "The payout, paid", body = artstation_api::Payout), (status = 409, response = crate::openapi::Conflict)),
    security(("bearer" = []))
)]
pub async fn mark_paid(
    State(st): State<AppState>,
    caller: Authenticated,
    Path(payout_id): Path<String>,
) -> Result<Json<Payout>, ApiError> {
    let p = st
        .commerce()
        .mark_payout_paid(with_token(
            pb::MarkPayoutPaidRequest { payout_id },
            Some(&caller.token),
        )?)
        .await?
        .into_inner();
    Ok(Json(present::payout(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(v: &str) -> Result<String, ApiError> {
        let mut h = HeaderMap::new();
        h.insert(
            IDEMPOTENCY_KEY,
            HeaderValue::from_str(v).map_err(|_| ApiError::validation("test", "bad header"))?,
        );
        idempotency_key(&h)
    }

    fn field(r: Result<String, ApiError>) -> Option<String> {
        r.err().and_then(|e| e.0.field)
    }

    #[test]
    fn idempotency_keys_are_required_and_bounded() {
        assert_eq!(
            field(idempotency_key(&HeaderMap::new())).as_deref(),
            Some("Idempotency-Key")
        );
        assert_eq!(field(key("  ")).as_deref(), Some("Idempotency-Key"));
        assert_eq!(
            field(key(&"k".repeat(256))).as_deref(),
            Some("Idempotency-Key")
        );
        assert_eq!(key(&"k".repeat(255)).ok().map(|k| k.len()), Some(255));
        assert_eq!(key("abc").ok().as_deref(), Some("abc"));
    }

    #[test]
    fn an_empty_purchase_body_means_no_expectation() {
        let none = HeaderMap::new();
        assert_eq!(
            purchase_body(&none, b"").ok(),
            Some(PurchaseRequest::default())
        );
        assert!(
            purchase_body(&none, b"{}").is_err(),
            "a body needs its type"
        );
        let mut json = HeaderMap::new();
        json.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        let parsed = purchase_body(
            &json,
            br#"{"expected_price": {"amount_minor": 5, "currency": "EUR"}}"#,
        )
        .ok()
        .and_then(|b| b.expected_price);
        assert_eq!(parsed.map(|p| p.amount_minor), Some(5));
        assert!(purchase_body(&json, br#"{"price": 1}"#).is_err());
    }
}
