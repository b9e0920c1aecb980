//! How the commerce service's failures reach a caller: each with its stable code
//! (`sold_out` 409, `payment_required` 402, `price_changed` 409, `idempotency_conflict` 422).

use artstation_common::{ErrorCode, ServiceError};

use crate::store::StoreError;

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ServiceError::not_found(what),
            StoreError::Conflict(message) => ServiceError::new(ErrorCode::Conflict, message),
            StoreError::InsufficientFunds => payment_required(),
            StoreError::Db(e) if artstation_common::db::is_unavailable(&e) => {
                artstation_common::db::unavailable(&e)
            }
            other => ServiceError::internal(other),
        }
    }
}

pub(crate) fn sold_out() -> ServiceError {
    ServiceError::new(ErrorCode::SoldOut, "every edition of this artwork is sold")
}

pub(crate) fn payment_required() -> ServiceError {
    ServiceError::new(
        ErrorCode::PaymentRequired,
        "the wallet holds less than the price",
    )
}

pub(crate) fn price_changed(now: &artstation_domain::Money) -> ServiceError {
    ServiceError::new(
        ErrorCode::PriceChanged,
        format!("the artwork now costs {now}"),
    )
}

pub(crate) fn idempotency_conflict() -> ServiceError {
    ServiceError {
        field: Some("idempotency_key".into()),
        ..ServiceError::new(
            ErrorCode::IdempotencyConflict,
            "this key was used for a different request",
        )
    }
}
