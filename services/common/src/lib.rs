//! What artstation's services share.
//!
//! Invariant: this crate knows no service's own tables and no HTTP routes. It holds the
//! vocabulary every hop agrees on: the stable error codes (and how they cross gRPC), the
//! access-token verifier, database URL handling, gRPC server plumbing (health, reflection,
//! shutdown), telemetry (metric names, the recorder, trace propagation), and the audit log
//! every service keeps alike (each its own `audit_log` table, in its own database).

pub mod audit;
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
