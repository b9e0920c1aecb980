//! Metrics and traces every role shares: the Prometheus recorder and the names of its metrics,
//! W3C `traceparent` propagation with request ids, and the layer that observes each gRPC call
//! a service serves.

pub mod grpc_layer;
pub mod metrics;
pub mod trace;

pub use grpc_layer::GrpcTelemetryLayer;
pub use trace::{CallContext, TraceParent};
