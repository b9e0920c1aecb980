//! RFC 9457 problem details: every error leaves the gateway as `application/problem+json` with
//! a stable `code` member, whichever service it started in, and the `request_id` to quote.

use artstation_api::Problem;
use artstation_common::{ErrorCode, ServiceError};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub const CONTENT_TYPE: &str = "application/problem+json";

#[derive(Debug)]
pub struct ApiError(pub ServiceError);

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        Self(e)
    }
}

impl From<tonic::Status> for ApiError {
    fn from(s: tonic::Status) -> Self {
        // The client cancels a call whose `grpc-timeout` (what was left of the request's
        // deadline) ran out: that is the request timing out, not the service being down.
        let out_of_time = crate::edge::time_left()
            .is_some_and(|left| left < std::time::Duration::from_millis(50));
        if s.code() == tonic::Code::Cancelled && out_of_time {
            return Self(ServiceError::new(
                artstation_common::ErrorCode::Timeout,
                "no answer within the request's deadline",
            ));
        }
        Self(ServiceError::from_status(&s))
    }
}

impl From<artstation_domain::ParseError> for ApiError {
    fn from(e: artstation_domain::ParseError) -> Self {
        Self(e.into())
    }
}

impl ApiError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self(ServiceError::validation(field, message))
    }
}

fn title(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidCredentials => "Invalid credentials",
        ErrorCode::Unauthorized => "Authentication required",
        ErrorCode::Forbidden => "Forbidden",
        ErrorCode::NotFound => "Not found",
        ErrorCode::ValidationFailed => "Validation failed",
        ErrorCode::Conflict => "Conflict",
        ErrorCode::UnsupportedMediaType => "Unsupported media type",
        ErrorCode::PayloadTooLarge => "Payload too large",
        ErrorCode::RateLimited => "Too many requests",
        ErrorCode::SoldOut => "Sold out",
        ErrorCode::PaymentRequired => "Payment required",
        ErrorCode::PriceChanged => "Price changed",
        ErrorCode::IdempotencyConflict => "Idempotency key reused",
        ErrorCode::Unavailable => "Service unavailable",
        ErrorCode::Timeout => "Upstream timeout",
        ErrorCode::Internal => "Internal error",
    }
}

/// The problem as sent: with the request's id, which the answer's `X-Request-Id` repeats
/// and every log line of the request carries.
#[derive(serde::Serialize)]
struct Document {
    #[serde(flatten)]
    problem: Problem,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status =
            StatusCode::from_u16(e.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = Problem {
            kind: format!("urn:artstation:problem:{}", e.code.as_str()),
            title: Some(title(e.code).to_owned()),
            status: status.as_u16(),
            detail: Some(e.message),
            code: e.code.as_str().to_owned(),
            field: e.field,
            existing_id: e.existing_id,
        };
        let json = serde_json::to_vec(&Document {
            problem: body,
            request_id: crate::telemetry::request_id(),
        })
        .unwrap_or_default();
        let mut resp = (status, json).into_response();
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if let Some(secs) = e.retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}
