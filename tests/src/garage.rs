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

pub(crate) fn free_port() -> Result<u16> {
    // The port is released before Garage binds it; on loopback nothing else races for it.
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub(crate) fn random_hex() -> String {
    format!(
        "{}{}",
        uuid::Uuid::now_v7().simple(),
        uuid::Uuid::now_v7().simple()
    )
}

/// The loopback ports one Garage node listens on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ports {
    pub rpc: u16,
    pub s3: u16,
    pub admin: u16,
}

impl Ports {
    pub(crate) fn free() -> Result<Self> {
        Ok(Self {
            rpc: free_port()?,
            s3: free_port()?,
            admin: free_port()?,
        })
    }
}

/// A node's configuration: data under `dir`, `replication_factor` copies of every block, and
/// the cluster's shared `rpc_secret` (nodes with different secrets refuse each other).
pub(crate) fn config_toml(
    dir: &Path,
    replication_factor: u8,
    p: Ports,
    rpc_secret: &str,
) -> String {
    format!(
        r#"metadata_dir = "{meta}"
data_dir = "{data}"
db_engine = "sqlite"
replication_factor = {replication_factor}
rpc_bind_addr = "127.0.0.1:{rpc}"
rpc_public_addr = "127.0.0.1:{rpc}"
rpc_secret = "{rpc_secret}"

[s3_api]
s3_region = "{REGION}"
api_bind_addr = "127.0.0.1:{s3}"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:{admin}"
admin_token = "{token}"
"#,
        meta = dir.join("meta").display(),
        data = dir.join("data").display(),
        rpc = p.rpc,
        s3 = p.s3,
        admin = p.admin,
        token = random_hex(),
    )
}

/// Runs `garage -c CONFIG ARGS…` and returns its stdout.
pub(crate) fn run_cli(bin: &Path, config: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new(bin)
        .arg("-c")
        .arg(config)
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

/// Starts `garage -c CONFIG server`, its output in `log`.
pub(crate) fn spawn_server(bin: &Path, config: &Path, log: &Path) -> Result<Child> {
    let log = std::fs::File::create(log)?;
    Command::new(bin)
        .arg("-c")
        .arg(config)
        .arg("server")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .with_context(|| format!("cannot start {}", bin.display()))
}

/// Creates an access key called `name`: its id and secret.
pub(crate) fn create_key(bin: &Path, config: &Path, name: &str) -> Result<(String, String)> {
    let key = run_cli(bin, config, &["key", "create", name])?;
    let field = |label: &str| {
        key.lines()
            .find_map(|l| l.trim().strip_prefix(label).map(|v| v.trim().to_owned()))
            .with_context(|| format!("no {label:?} in `key create` output:\n{key}"))
    };
    Ok((field("Key ID:")?, field("Secret key:")?))
}

/// Runs an admin command until it succeeds or `deadline` passes: `node id` reads the key from
/// disk and can answer before the server's RPC listens, and under load (several Garages
/// starting at once) the first admin calls may be refused.
pub(crate) fn cli_until(
    bin: &Path,
    config: &Path,
    args: &[&str],
    deadline: Instant,
) -> Result<String> {
    loop {
        match run_cli(bin, config, args) {
            Ok(out) => return Ok(out),
            Err(e) if Instant::now() > deadline => return Err(e),
            Err(_) => std::thread::sleep(Duration::from_millis(200)),
        }
    }
}

/// Creates a bucket the key `key_name` may read, write and own.
pub(crate) fn create_bucket(bin: &Path, config: &Path, name: &str, key_name: &str) -> Result<()> {
    run_cli(bin, config, &["bucket", "create", name])?;
    run_cli(
        bin,
        config,
        &[
            "bucket", "allow", "--read", "--write", "--owner", name, "--key", key_name,
        ],
    )?;
    Ok(())
}

impl Garage {
    pub fn start() -> Result<Self> {
        let bin = garage_bin()?;
        let dir = tempfile::tempdir()?;
        let ports = Ports::free()?;
        let config = dir.path().join("garage.toml");
        std::fs::write(&config, config_toml(dir.path(), 1, ports, &random_hex()))?;
        let child = spawn_server(&bin, &config, &dir.path().join("garage.log"))?;
        let mut garage = Self {
            child,
            bin,
            config,
            endpoint: format!("http://127.0.0.1:{}", ports.s3),
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
        (self.access_key_id, self.secret_access_key) =
            create_key(&self.bin, &self.config, &self.key_name)?;
        let bucket = self.bucket.clone();
        self.create_bucket(&bucket)
    }

    fn cli_until(&self, args: &[&str], deadline: Instant) -> Result<String> {
        cli_until(&self.bin, &self.config, args, deadline)
    }

    /// Runs `garage -c CONFIG ARGS…` and returns its stdout.
    pub fn cli(&self, args: &[&str]) -> Result<String> {
        run_cli(&self.bin, &self.config, args)
    }

    /// Creates a bucket the test key may read, write and own.
    pub fn create_bucket(&self, name: &str) -> Result<()> {
        create_bucket(&self.bin, &self.config, name, &self.key_name)
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
