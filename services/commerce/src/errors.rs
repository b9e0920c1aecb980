//! How the commerce service's failures reach a caller.
//!
//! `ErrorCode` has no `payment_required` (402), `price_changed` (409) or `idempotency_conflict`
//! (422) yet; adding them means touching the gateway's problem titles too, so until the
//! integrator does, these travel as the nearest existing code with the exact reason in the
//! message, built only here so the switch is one edit.

use artstation_common::{ErrorCode, ServiceError};

use crate::store::StoreError;

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ServiceError::not_found(what),
            StoreError::Conflict(message) => ServiceError::new(ErrorCode::Conflict, message),
            StoreError::InsufficientFunds => payment_required(),
            other => ServiceError::internal(other),
        }
    }
}

pub(crate) fn sold_out() -> ServiceError {
    ServiceError::new(ErrorCode::SoldOut, "every edition of this artwork is sold")
}

pub(crate) fn payment_required() -> ServiceError {
    ServiceError::new(
        ErrorCode::Conflict,
        "payment_required: the wallet holds less than the price",
    )
}

pub(crate) fn price_changed(now: &artstation_domain::Money) -> ServiceError {
    ServiceError::new(
        ErrorCode::Conflict,
        format!("price_changed: the artwork now costs {now}"),
    )
}

pub(crate) fn idempotency_conflict() -> ServiceError {
    ServiceError::validation(
        "idempotency_key",
        "idempotency_conflict: this key was used for a different request",
    )
}
