//! The end-to-end suites, one module each, linked into one test binary: the real
//! `artstationd` and `artstation` binaries against real PostgreSQL, Redis and Garage.

mod auth;
mod browse;
mod bulk_upload;
mod catalogue;
mod cli;
mod cli_admin;
mod cli_commerce;
mod cli_doctor;
mod commerce;
mod cors;
mod derivatives;
mod edge;
mod edge_cache;
mod faults;
mod feed;
mod grpc;
mod harness;
mod ingest;
mod memory;
mod metrics;
mod moderation;
mod openapi;
mod ratelimit;
mod replicas;
mod rest;
mod scale_out;
mod shedding;
mod slowloris;
mod trace;
mod upload_limits;
