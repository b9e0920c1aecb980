//! Backing servers of a test's own, on free loopback ports, so a fault test can kill, stop or
//! restart them without touching the shared ones other tests use.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

pub fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn wait_for_port(port: u16, what: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        ensure!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// A `redis-server` of the test's own, killed on drop.
pub struct OwnRedis {
    child: Child,
    pub port: u16,
}

impl OwnRedis {
    pub fn start(port: u16) -> Result<Self> {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .context("redis-server is required for this test")?;
        wait_for_port(port, "redis-server")?;
        Ok(Self { child, port })
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// SIGSTOP or SIGCONT: a server that hangs (its connections stay open, nothing answers).
    pub fn signal(&self, signal: &str) -> Result<()> {
        let ok = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()?
            .success();
        ensure!(ok, "kill -{signal} failed");
        Ok(())
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        // A stopped process must be continued to die promptly on SIGKILL's reaping.
        let _ = self.signal("CONT");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A PostgreSQL cluster of the test's own (initdb into a temporary directory), which the test
/// may stop and start again on the same port and data.
pub struct OwnPostgres {
    dir: tempfile::TempDir,
    pub port: u16,
    bin: std::path::PathBuf,
}

/// PostgreSQL refuses to run as root: run its tools as the `postgres` user then.
fn pg_command(bin: &Path, tool: &str) -> Command {
    let path = bin.join(tool);
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(path);
        c
    } else {
        Command::new(path)
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// Where Debian keeps the server binaries (`/usr/lib/postgresql/N/bin`), newest first.
fn pg_bin() -> Result<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .context("no PostgreSQL server binaries under /usr/lib/postgresql")?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop().context("no pg_ctl under /usr/lib/postgresql")
}

impl OwnPostgres {
    pub fn start() -> Result<Self> {
        let bin = pg_bin()?;
        let dir = tempfile::tempdir()?;
        if is_root() {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()?
                .success();
            ensure!(ok, "cannot hand the cluster directory to postgres");
        }
        let out = pg_command(&bin, "initdb")
            .args(["-A", "trust", "-U", "postgres", "-D"])
            .arg(dir.path().join("data"))
            .output()?;
        ensure!(out.status.success(), "initdb failed: {out:?}");
        let pg = Self {
            dir,
            port: free_port()?,
            bin,
        };
        pg.start_again()?;
        Ok(pg)
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    pub async fn create_database(&self, name: &str) -> Result<String> {
        use sqlx::Connection as _;
        let mut conn = sqlx::PgConnection::connect(&self.url("postgres")).await?;
        // Names come from the tests themselves, never from input.
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&mut conn)
            .await?;
        Ok(self.url(name))
    }

    /// Starts the stopped cluster on its port, waiting until it accepts connections.
    pub fn start_again(&self) -> Result<()> {
        let data = self.dir.path().join("data");
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.path().display()
        );
        let out = pg_command(&self.bin, "pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-o", &opts, "-l"])
            .arg(self.dir.path().join("log"))
            .args(["-w", "start"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        if !out.success() {
            let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
            bail!("pg_ctl start failed: {log}");
        }
        wait_for_port(self.port, "postgres")
    }

    /// Stops the cluster: `immediate` is a crash (no checkpoint; recovery replays the WAL at
    /// the next start), `fast` a clean shutdown.
    pub fn stop(&self, mode: &str) -> Result<()> {
        let ok = pg_command(&self.bin, "pg_ctl")
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", mode, "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?
            .success();
        ensure!(ok, "pg_ctl stop -m {mode} failed");
        Ok(())
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = self.stop("immediate");
    }
}
