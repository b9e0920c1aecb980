//! Test support shared by every crate's tests: fresh PostgreSQL databases, a real S3 server
//! (Garage) and real `artstationd` processes on port 0.
//!
//! Invariant: nothing here fakes a component. A test that asks for PostgreSQL gets a real
//! database (and fails loudly when the server is unreachable); a test that asks for a server
//! gets the real binary.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use sqlx::Connection;

pub mod garage;
pub mod http;
pub mod images;

pub use garage::{Garage, garage_bin};

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

/// A running `artstationd` with every role on port 0, stopped with SIGTERM on drop.
pub struct Daemon {
    child: Child,
    env: Vec<(String, String)>,
    pub gateway: String,
    pub auth: String,
    pub artwork: String,
    pub data_dir: tempfile::TempDir,
}

impl Daemon {
    /// Starts every role on the embedded default (SQLite, local disk) in a temporary data dir.
    pub fn start() -> Result<Self> {
        Self::start_with(&[])
    }

    /// Starts every role with extra environment (e.g. PostgreSQL database URLs).
    pub fn start_with(env: &[(&str, &str)]) -> Result<Self> {
        let data_dir = tempfile::tempdir()?;
        let mut cmd = Command::new(bin_path("artstationd")?);
        cmd.arg("--data-dir")
            .arg(data_dir.path())
            .args(["--http-addr", "127.0.0.1:0"])
            .args(["--auth-addr", "127.0.0.1:0"])
            .args(["--artwork-addr", "127.0.0.1:0"])
            .env(
                "ARTSTATION_LOG",
                std::env::var("ARTSTATION_TEST_LOG").unwrap_or("warn".into()),
            )
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().context("cannot start artstationd")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let (mut gateway, mut auth, mut artwork) = (None, None, None);
        let deadline = Instant::now() + Duration::from_secs(30);
        while gateway.is_none() || auth.is_none() || artwork.is_none() {
            if Instant::now() > deadline {
                bail!("artstationd did not report its addresses in time");
            }
            let Some(line) = lines.next() else {
                bail!("artstationd exited before listening: {:?}", child.wait());
            };
            let line = line?;
            let addr = line.rsplit(' ').next().unwrap_or_default().to_owned();
            if line.contains(" gateway listening on ") {
                gateway = Some(format!("http://{addr}"));
            } else if line.contains(" auth listening on ") {
                auth = Some(format!("http://{addr}"));
            } else if line.contains(" artwork listening on ") {
                artwork = Some(format!("http://{addr}"));
            }
        }
        // Keep draining stdout so the daemon never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let daemon = Self {
            child,
            env: env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            gateway: gateway.unwrap_or_default(),
            auth: auth.unwrap_or_default(),
            artwork: artwork.unwrap_or_default(),
            data_dir,
        };
        Ok(daemon)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Runs another `artstationd` command (`admin create`, `keys rotate`…) against this
    /// daemon's configuration, feeding `stdin`.
    pub fn command(&self, args: &[&str], stdin: &str) -> Result<std::process::Output> {
        use std::io::Write as _;
        let mut child = Command::new(bin_path("artstationd")?)
            .arg("--data-dir")
            .arg(self.data_dir.path())
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .env("ARTSTATION_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut input) = child.stdin.take() {
            input.write_all(stdin.as_bytes())?;
        }
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!(
                "artstationd {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(out)
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(&mut self) -> Result<std::process::ExitStatus> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                self.child.kill()?;
                bail!("artstationd did not stop within 20 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.terminate();
        }
    }
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

/// Runs `story` against a daemon in the production profile: a fresh PostgreSQL database per
/// service and Redis (keys under a prefix of this run's own), dropping the databases after.
pub async fn on_production_profile<F, Fut>(extra_env: &[(&str, &str)], story: F) -> Result<()>
where
    F: FnOnce(Daemon) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let auth_db = FreshPostgres::create().await?;
    let artwork_db = FreshPostgres::create().await?;
    let prefix = format!("test-{}:", uuid::Uuid::now_v7().simple());
    let result = async {
        let mut env = vec![
            ("ARTSTATION_AUTH_DATABASE_URL", auth_db.url.as_str()),
            ("ARTSTATION_ARTWORK_DATABASE_URL", artwork_db.url.as_str()),
            ("ARTSTATION_REDIS_URL", "redis://127.0.0.1:6379"),
            ("ARTSTATION_REDIS_PREFIX", prefix.as_str()),
        ];
        env.extend_from_slice(extra_env);
        story(Daemon::start_with(&env)?).await
    }
    .await;
    auth_db.drop_database().await?;
    artwork_db.drop_database().await?;
    result
}
