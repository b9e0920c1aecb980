//! A real S3 server for tests: Garage, started on loopback on free ports in a temporary
//! directory, with a single-node layout, a key and a bucket; killed when dropped.
//!
//! The binary comes from `ARTSTATION_GARAGE_BIN`, else `~/.cache/artstation-tools/bin/garage`
//! (where `scripts/install-garage` puts it). A test that needs S3 fails when Garage cannot
//! start: skipping would claim coverage the suite does not have.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The region Garage is configured with; clients must sign for it.
pub const REGION: &str = "garage";

pub struct Garage {
    child: Child,
    bin: PathBuf,
    config: PathBuf,
    /// `http://127.0.0.1:PORT`, the S3 API.
    pub endpoint: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// A bucket created at start; [`Garage::create_bucket`] makes more.
    pub bucket: String,
    key_name: String,
    dir: tempfile::TempDir,
}

/// Where the Garage binary is expected.
pub fn garage_bin() -> Result<PathBuf> {
    let path = match std::env::var_os("ARTSTATION_GARAGE_BIN") {
        Some(p) => PathBuf::from(p),
        None => {
            let home = std::env::var_os("HOME").context("HOME is not set")?;
            PathBuf::from(home).join(".cache/artstation-tools/bin/garage")
        }
    };
    if !path.is_file() {
        bail!(
            "Garage (the S3 server these tests need) is not at {}; run scripts/install-garage \
             (scripts/test does) or set ARTSTATION_GARAGE_BIN",
            path.display()
        );
    }
    Ok(path)
}

fn free_port() -> Result<u16> {
    // The port is released before Garage binds it; on loopback nothing else races for it.
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn random_hex() -> String {
    format!(
        "{}{}",
        uuid::Uuid::now_v7().simple(),
        uuid::Uuid::now_v7().simple()
    )
}

impl Garage {
    pub fn start() -> Result<Self> {
        let bin = garage_bin()?;
        let dir = tempfile::tempdir()?;
        let (rpc, s3, admin) = (free_port()?, free_port()?, free_port()?);
        let config = dir.path().join("garage.toml");
        std::fs::write(
            &config,
            format!(
                r#"metadata_dir = "{meta}"
data_dir = "{data}"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:{rpc}"
rpc_public_addr = "127.0.0.1:{rpc}"
rpc_secret = "{secret}"

[s3_api]
s3_region = "{REGION}"
api_bind_addr = "127.0.0.1:{s3}"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:{admin}"
admin_token = "{token}"
"#,
                meta = dir.path().join("meta").display(),
                data = dir.path().join("data").display(),
                secret = random_hex(),
                token = random_hex(),
            ),
        )?;
        let log = std::fs::File::create(dir.path().join("garage.log"))?;
        let child = Command::new(&bin)
            .arg("-c")
            .arg(&config)
            .arg("server")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        let mut garage = Self {
            child,
            bin,
            config,
            endpoint: format!("http://127.0.0.1:{s3}"),
            access_key_id: String::new(),
            secret_access_key: String::new(),
            bucket: "artstation-test".into(),
            key_name: "artstation-test".into(),
            dir,
        };
        garage.configure().with_context(|| {
            format!(
                "Garage did not come up; its log:\n{}",
                std::fs::read_to_string(garage.dir.path().join("garage.log")).unwrap_or_default()
            )
        })?;
        Ok(garage)
    }

    fn configure(&mut self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let node = loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("garage server exited with {status}");
            }
            if let Ok(id) = self.cli(&["node", "id", "-q"]) {
                break id;
            }
            if Instant::now() > deadline {
                bail!("garage did not answer `node id` within 30 s");
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        let node = node.trim().split('@').next().unwrap_or_default().to_owned();
        // `node id` reads the key from disk and can answer before the server's RPC listens;
        // under load (several Garages starting at once) the first admin call may be refused.
        self.cli_until(
            &["layout", "assign", "-z", "dc1", "-c", "1G", &node],
            deadline,
        )?;
        self.cli_until(&["layout", "apply", "--version", "1"], deadline)?;
        let key = self.cli(&["key", "create", &self.key_name.clone()])?;
        let field = |label: &str| {
            key.lines()
                .find_map(|l| l.trim().strip_prefix(label).map(|v| v.trim().to_owned()))
                .with_context(|| format!("no {label:?} in `key create` output:\n{key}"))
        };
        self.access_key_id = field("Key ID:")?;
        self.secret_access_key = field("Secret key:")?;
        let bucket = self.bucket.clone();
        self.create_bucket(&bucket)
    }

    /// Runs an admin command until it succeeds or `deadline` passes.
    fn cli_until(&self, args: &[&str], deadline: Instant) -> Result<String> {
        loop {
            match self.cli(args) {
                Ok(out) => return Ok(out),
                Err(e) if Instant::now() > deadline => return Err(e),
                Err(_) => std::thread::sleep(Duration::from_millis(200)),
            }
        }
    }

    /// Runs `garage -c CONFIG ARGS…` and returns its stdout.
    pub fn cli(&self, args: &[&str]) -> Result<String> {
        let out = Command::new(&self.bin)
            .arg("-c")
            .arg(&self.config)
            .args(args)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .output()?;
        if !out.status.success() {
            bail!(
                "garage {}: {}\n{}",
                args.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Creates a bucket the test key may read, write and own.
    pub fn create_bucket(&self, name: &str) -> Result<()> {
        self.cli(&["bucket", "create", name])?;
        self.cli(&[
            "bucket",
            "allow",
            "--read",
            "--write",
            "--owner",
            name,
            "--key",
            &self.key_name,
        ])?;
        Ok(())
    }

    /// The environment that points `artstationd` at `bucket` on this server.
    pub fn daemon_env(&self, bucket: &str) -> Vec<(String, String)> {
        vec![
            ("ARTSTATION_STORAGE".into(), format!("s3://{bucket}")),
            ("ARTSTATION_S3_ENDPOINT".into(), self.endpoint.clone()),
            ("AWS_ACCESS_KEY_ID".into(), self.access_key_id.clone()),
            (
                "AWS_SECRET_ACCESS_KEY".into(),
                self.secret_access_key.clone(),
            ),
            ("AWS_REGION".into(), REGION.into()),
        ]
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Garage {
    fn drop(&mut self) {
        // Our own child, by handle: nothing else is touched.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
