//! What artstation's services share.
//!
//! Invariant: this crate knows no service's storage and no HTTP routes. It holds the vocabulary
//! every hop agrees on: the stable error codes (and how they cross gRPC), the access-token
//! verifier, database URL handling, and gRPC server plumbing (health, reflection, shutdown).

pub mod db;
pub mod error;
pub mod grpc;
pub mod jwt;

pub use error::{ErrorCode, ServiceError};
pub use jwt::{AccessClaims, Keyset, TokenVerifier};
