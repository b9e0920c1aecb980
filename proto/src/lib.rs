//! Generated gRPC types, clients and servers of every artstation service.
//!
//! Invariant: this crate is generated code plus nothing that knows about storage or HTTP; every
//! other crate talks to a service only through these types.

#![allow(clippy::all, clippy::pedantic, missing_docs)]

/// Shapes several services share: the audit log's query and entries.
pub mod audit {
    pub mod v1 {
        tonic::include_proto!("artstation.audit.v1");
    }
}

pub mod auth {
    pub mod v1 {
        tonic::include_proto!("artstation.auth.v1");
    }
}

pub mod artwork {
    pub mod v1 {
        tonic::include_proto!("artstation.artwork.v1");
    }
}

pub mod commerce {
    pub mod v1 {
        tonic::include_proto!("artstation.commerce.v1");
    }
}

pub mod status {
    pub mod v1 {
        tonic::include_proto!("artstation.status.v1");
    }
}

/// Encoded `FileDescriptorSet` of every artstation .proto file, for gRPC server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/artstation_descriptor.bin"));
