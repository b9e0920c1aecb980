//! What artstation's services share.
//!
//! Invariant: this crate knows no service's storage and no HTTP routes. It holds the vocabulary
//! every hop agrees on: the stable error codes (and how they cross gRPC), the access-token
//! verifier, database URL handling, gRPC server plumbing (health, reflection, shutdown), and
//! telemetry (metric names, the recorder, trace propagation).

pub mod cache;
pub mod caller;
pub mod conditional;
pub mod db;
pub mod error;
pub mod grpc;
pub mod jwt;
mod local;
pub mod paging;
pub mod ratelimit;
pub mod revocation;
pub mod service_auth;
pub mod status;
pub mod telemetry;
pub mod time;
pub mod upstream;

pub use cache::Cache;
pub use error::{ErrorCode, ServiceError};
pub use jwt::{AccessClaims, Keyset, TokenVerifier};
pub use paging::{Page, PageLimit};
pub use revocation::Revocations;

/// The current time at the precision every backend stores (microseconds), so a value read
/// back from PostgreSQL or SQLite equals the one written.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound as _;
    chrono::Utc::now().trunc_subsecs(6)
}
