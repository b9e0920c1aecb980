//! One error vocabulary for every hop: a stable `code` that maps to a gRPC status code on the
//! way out of a service and to an HTTP status at the gateway, so a client sees the same code
//! whichever door it came in through.

use tonic::metadata::MetadataValue;

/// gRPC metadata entry carrying the stable error code across the gRPC hop.
pub const CODE_METADATA: &str = "x-artstation-code";
/// gRPC metadata entry naming the field a validation error is about.
pub const FIELD_METADATA: &str = "x-artstation-field";
/// gRPC metadata entry carrying an id a conflict refers to (e.g. the existing artwork).
pub const EXISTING_ID_METADATA: &str = "x-artstation-existing-id";
/// gRPC metadata entry telling a throttled caller how many seconds to wait.
pub const RETRY_AFTER_METADATA: &str = "x-artstation-retry-after";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    InvalidCredentials,
    Unauthorized,
    Forbidden,
    NotFound,
    ValidationFailed,
    Conflict,
    UnsupportedMediaType,
    PayloadTooLarge,
    RateLimited,
    SoldOut,
    /// The wallet holds less than the price.
    PaymentRequired,
    /// The price differs from the one the buyer expected.
    PriceChanged,
    /// An idempotency key sent again with a different request.
    IdempotencyConflict,
    Unavailable,
    /// An upstream did not answer within the request's deadline (the call was cancelled).
    Timeout,
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 16] = [
        Self::InvalidCredentials,
        Self::Unauthorized,
        Self::Forbidden,
        Self::NotFound,
        Self::ValidationFailed,
        Self::Conflict,
        Self::UnsupportedMediaType,
        Self::PayloadTooLarge,
        Self::RateLimited,
        Self::SoldOut,
        Self::PaymentRequired,
        Self::PriceChanged,
        Self::IdempotencyConflict,
        Self::Unavailable,
        Self::Timeout,
        Self::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidCredentials => "invalid_credentials",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::ValidationFailed => "validation_failed",
            Self::Conflict => "conflict",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::PayloadTooLarge => "payload_too_large",
            Self::RateLimited => "rate_limited",
            Self::SoldOut => "sold_out",
            Self::PaymentRequired => "payment_required",
            Self::PriceChanged => "price_changed",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::Unavailable => "unavailable",
            Self::Timeout => "timeout",
            Self::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn grpc_code(self) -> tonic::Code {
        use tonic::Code;
        match self {
            Self::InvalidCredentials | Self::Unauthorized => Code::Unauthenticated,
            Self::Forbidden => Code::PermissionDenied,
            Self::NotFound => Code::NotFound,
            Self::ValidationFailed | Self::UnsupportedMediaType => Code::InvalidArgument,
            Self::Conflict => Code::AlreadyExists,
            Self::PayloadTooLarge | Self::RateLimited => Code::ResourceExhausted,
            Self::SoldOut | Self::PaymentRequired | Self::PriceChanged => Code::FailedPrecondition,
            Self::IdempotencyConflict => Code::InvalidArgument,
            Self::Unavailable => Code::Unavailable,
            Self::Timeout => Code::DeadlineExceeded,
            Self::Internal => Code::Internal,
        }
    }

    /// Best guess for a status that carries no code of ours (a proxy, a crashed peer).
    pub fn from_grpc_code(code: tonic::Code) -> Self {
        use tonic::Code;
        match code {
            Code::Unauthenticated => Self::Unauthorized,
            Code::PermissionDenied => Self::Forbidden,
            Code::NotFound => Self::NotFound,
            Code::InvalidArgument | Code::OutOfRange => Self::ValidationFailed,
            Code::AlreadyExists => Self::Conflict,
            Code::ResourceExhausted => Self::RateLimited,
            Code::FailedPrecondition => Self::Conflict,
            Code::DeadlineExceeded => Self::Timeout,
            Code::Unavailable | Code::Cancelled => Self::Unavailable,
            _ => Self::Internal,
        }
    }

    pub fn http_status(self) -> u16 {
        match self {
            Self::InvalidCredentials | Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::ValidationFailed => 400,
            Self::Conflict | Self::SoldOut | Self::PriceChanged => 409,
            Self::PaymentRequired => 402,
            Self::IdempotencyConflict => 422,
            Self::UnsupportedMediaType => 415,
            Self::PayloadTooLarge => 413,
            Self::RateLimited => 429,
            Self::Unavailable => 503,
            Self::Timeout => 504,
            Self::Internal => 500,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error a service returns to its caller: safe to show, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ServiceError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    pub existing_id: Option<String>,
    /// Seconds a throttled caller should wait before trying again.
    pub retry_after: Option<u64>,
}

impl ServiceError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            existing_id: None,
            retry_after: None,
        }
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Self {
            retry_after: Some(retry_after_secs.max(1)),
            ..Self::new(
                ErrorCode::RateLimited,
                "too many failed attempts; try again later",
            )
        }
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..Self::new(ErrorCode::ValidationFailed, message)
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn unauthorized() -> Self {
        Self::new(ErrorCode::Unauthorized, "missing or invalid access token")
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unavailable, message)
    }

    /// Logs the cause and returns an error that reveals nothing about it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(ErrorCode::Internal, "internal error")
    }

    pub fn with_existing_id(mut self, id: impl Into<String>) -> Self {
        self.existing_id = Some(id.into());
        self
    }

    /// Reads a status from another artstation service (or anything else speaking gRPC).
    pub fn from_status(status: &tonic::Status) -> Self {
        let md = status.metadata();
        let get = |k: &str| md.get(k).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let code = get(CODE_METADATA)
            .and_then(|c| ErrorCode::parse(&c))
            .unwrap_or_else(|| ErrorCode::from_grpc_code(status.code()));
        let message = if status.message().is_empty() {
            code.as_str().to_owned()
        } else {
            status.message().to_owned()
        };
        Self {
            code,
            message,
            field: get(FIELD_METADATA),
            existing_id: get(EXISTING_ID_METADATA),
            retry_after: get(RETRY_AFTER_METADATA).and_then(|v| v.parse().ok()),
        }
    }
}

impl From<artstation_domain::ParseError> for ServiceError {
    fn from(e: artstation_domain::ParseError) -> Self {
        Self::validation(e.field, e.to_string())
    }
}

impl From<ServiceError> for tonic::Status {
    fn from(e: ServiceError) -> Self {
        let mut status = tonic::Status::new(e.code.grpc_code(), e.message);
        let md = status.metadata_mut();
        md.insert(CODE_METADATA, MetadataValue::from_static(e.code.as_str()));
        let retry_after = e.retry_after.map(|s| s.to_string());
        for (key, value) in [
            (FIELD_METADATA, e.field),
            (EXISTING_ID_METADATA, e.existing_id),
            (RETRY_AFTER_METADATA, retry_after),
        ] {
            if let Some(v) = value.and_then(|v| MetadataValue::try_from(v.as_str()).ok()) {
                md.insert(key, v);
            }
        }
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_their_names() {
        for c in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(c.as_str()), Some(c));
        }
        assert_eq!(ErrorCode::parse("nope"), None);
    }

    #[test]
    fn errors_survive_the_grpc_hop() {
        let e = ServiceError::validation("price.currency", "unsupported currency")
            .with_existing_id("abc");
        let throttled = ServiceError::rate_limited(42);
        assert_eq!(
            ServiceError::from_status(&tonic::Status::from(throttled.clone())),
            throttled
        );
        let status = tonic::Status::from(e.clone());
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert_eq!(ServiceError::from_status(&status), e);
    }

    #[test]
    fn foreign_statuses_get_a_sensible_code() {
        let s = tonic::Status::unavailable("connection refused");
        let e = ServiceError::from_status(&s);
        assert_eq!(e.code, ErrorCode::Unavailable);
        assert_eq!(e.code.http_status(), 503);
    }
}
