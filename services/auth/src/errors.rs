//! The errors the crate's public entry points return (start-up, serving, bootstrap commands).
//! Request errors are `ServiceError`s; see `store` for how storage errors become one.

use artstation_common::grpc::ServeError;

use crate::keys::KeyError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Serve(#[from] ServeError),
    #[error("cannot start: {0}")]
    Startup(String),
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Invalid(#[from] artstation_domain::ParseError),
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}
