//! Test support shared by every crate's tests: fresh PostgreSQL databases, a real S3 server
//! (Garage), real `artstationd` processes on port 0 with every role of [`ROLES`], the
//! profiles they run on, and a runner for stories told in named steps.
//!
//! Invariant: nothing here fakes a component. A test that asks for PostgreSQL gets a real
//! database (and fails loudly when the server is unreachable); a test that asks for a server
//! gets the real binary.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use sqlx::Connection;

pub mod append_only;
pub mod audit_log;
pub mod daemon;
pub mod fleet;
pub mod garage;
pub mod garage_cluster;
pub mod http;
pub mod images;
mod invariants;
pub mod profile;
pub mod roles;
pub mod servers;
pub mod story;

pub use daemon::Daemon;
pub use fleet::{Fleet, FleetSize, on_fleet};
pub use garage::{Garage, garage_bin};
pub use profile::{Profile, Stack, on_production_profile, on_profile};
pub use roles::{ROLES, RoleSpec};
pub use story::Story;

/// The PostgreSQL server tests use: `ARTSTATION_TEST_POSTGRES_URL`, else the local one.
pub fn postgres_admin_url() -> String {
    std::env::var("ARTSTATION_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A database created for one test, dropped by [`FreshPostgres::drop_database`].
pub struct FreshPostgres {
    pub url: String,
    name: String,
}

fn with_database(admin_url: &str, db: &str) -> String {
    match admin_url.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{db}"),
        None => format!("{admin_url}/{db}"),
    }
}

impl FreshPostgres {
    /// Creates an empty database. Fails (never skips) when PostgreSQL cannot be reached: a
    /// suite that silently skipped its PostgreSQL half would claim coverage it does not have.
    pub async fn create() -> Result<Self> {
        let admin = postgres_admin_url();
        let mut conn = sqlx::PgConnection::connect(&admin).await.with_context(|| {
            format!(
                "PostgreSQL is required for this test and is unreachable at {admin} \
                 (set ARTSTATION_TEST_POSTGRES_URL to point elsewhere)"
            )
        })?;
        let name = format!("artstation_test_{}", uuid::Uuid::now_v7().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        Ok(Self {
            url: with_database(&admin, &name),
            name,
        })
    }

    pub async fn drop_database(self) -> Result<()> {
        let mut conn = sqlx::PgConnection::connect(&postgres_admin_url()).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        Ok(())
    }
}

/// Where cargo put the workspace's binaries: the test executable lives in `target/<profile>/deps`.
pub fn bin_path(name: &str) -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .context("cannot locate the target directory")?;
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !path.exists() {
        bail!(
            "{} is not built; run `cargo build --workspace --bins` first (scripts/test does)",
            path.display()
        );
    }
    Ok(path)
}

/// A valid PNG of `w`×`h` pixels, different for every `seed`, made without any image library.
pub fn png(w: u32, h: u32, seed: u8) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    // Stored (uncompressed) deflate blocks keep this free of a zlib dependency.
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        for x in 0..w {
            raw.extend_from_slice(&[seed, (x % 256) as u8, (y % 256) as u8]);
        }
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        let len = u16::try_from(block.len()).unwrap_or(0);
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Files under `dir`, recursively (to prove an upload left nothing behind).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Runs one store scenario on SQLite (a fresh file) and then on a fresh PostgreSQL database,
/// naming the backend in any failure: the shared conformance harness of every store trait.
pub async fn on_every_backend<S, Open, OpenFut, Scenario, Fut>(
    file: &str,
    open: Open,
    scenario: Scenario,
) -> Result<()>
where
    Open: Fn(String) -> OpenFut,
    OpenFut: std::future::Future<Output = Result<S>>,
    Scenario: Fn(S) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let sqlite = open(format!("sqlite://{}", dir.path().join(file).display())).await?;
    scenario(sqlite).await.map_err(|e| e.context("on SQLite"))?;

    let pg = FreshPostgres::create().await?;
    let result = async { scenario(open(pg.url.clone()).await?).await }.await;
    pg.drop_database().await?;
    result.map_err(|e| e.context("on PostgreSQL"))
}

/// A memory figure of a process from `/proc/PID/status` (`VmRSS`, `VmHWM`…), in KiB.
pub fn proc_status_kib(pid: u32, field: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let value = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .with_context(|| format!("no {field} in /proc/{pid}/status"))?;
    Ok(value
        .split_whitespace()
        .next()
        .with_context(|| format!("{field} has no value"))?
        .parse()?)
}
