//! Compiles the .proto files with protox (pure Rust), so building needs no system `protoc`.

use prost::Message;
use std::path::PathBuf;

const PROTOS: &[&str] = &[
    "artstation/audit/v1/audit.proto",
    "artstation/auth/v1/auth.proto",
    "artstation/artwork/v1/artwork.proto",
    "artstation/artwork/v1/internal.proto",
    "artstation/commerce/v1/commerce.proto",
    "artstation/status/v1/status.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for p in PROTOS {
        println!("cargo:rerun-if-changed={p}");
    }
    let fds = protox::compile(PROTOS, ["."])?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    // Served by gRPC reflection so grpcurl and friends can discover the services.
    std::fs::write(out.join("artstation_descriptor.bin"), fds.encode_to_vec())?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .compile_fds(fds)?;
    Ok(())
}
