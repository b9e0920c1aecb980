//! The commerce service.

pub mod store;
