//! Configuration, layered: defaults < config file (`--config`) < environment (`ARTSTATION_*`)
//! < flags. clap handles the last two; the file fills whatever they left unset.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use artstation_auth::AuthConfig;
use artstation_common::service_auth::ServiceSecret;
use serde::Deserialize;

use crate::roles::ROLES;

pub use crate::roles::Role;

/// A role's own section of the TOML file (`[auth]`, `[artwork]`, `[gateway]`), the nested
/// spelling of its flat keys (`auth_addr`, `auth_upstream`, `auth_database_url`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoleOptions {
    pub addr: Option<SocketAddr>,
    pub upstream: Option<String>,
    pub database_url: Option<String>,
}

impl RoleOptions {
    /// Fills what `self` leaves unset from `other`.
    fn or(self, other: RoleOptions) -> RoleOptions {
        RoleOptions {
            addr: self.addr.or(other.addr),
            upstream: self.upstream.or(other.upstream),
            database_url: self.database_url.or(other.database_url),
        }
    }
}

/// Options shared by every command; each also reads its environment variable.
#[derive(clap::Args, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// TOML file with any of these options (snake_case keys).
    #[arg(long, env = "ARTSTATION_CONFIG", global = true)]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// Where embedded-default data lives [default: the platform data dir]/artstation.
    #[arg(long, env = "ARTSTATION_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Where the gateway listens [default: 127.0.0.1:8080].
    #[arg(long, env = "ARTSTATION_HTTP_ADDR", global = true)]
    pub http_addr: Option<SocketAddr>,
    /// Where the auth role listens for gRPC [default: 127.0.0.1:50051].
    #[arg(long, env = "ARTSTATION_AUTH_ADDR", global = true)]
    pub auth_addr: Option<SocketAddr>,
    /// Where the artwork role listens for gRPC [default: 127.0.0.1:50052].
    #[arg(long, env = "ARTSTATION_ARTWORK_ADDR", global = true)]
    pub artwork_addr: Option<SocketAddr>,
    /// Where the commerce role listens for gRPC [default: 127.0.0.1:50053].
    #[arg(long, env = "ARTSTATION_COMMERCE_ADDR", global = true)]
    pub commerce_addr: Option<SocketAddr>,
    /// Where other roles reach auth, e.g. http://auth:50051 (comma-separated to balance)
    /// [default: the auth role's listen address].
    #[arg(long, env = "ARTSTATION_AUTH_UPSTREAM", global = true)]
    pub auth_upstream: Option<String>,
    /// Where other roles reach artwork [default: the artwork role's listen address].
    #[arg(long, env = "ARTSTATION_ARTWORK_UPSTREAM", global = true)]
    pub artwork_upstream: Option<String>,
    /// Where other roles reach commerce [default: the commerce role's listen address].
    #[arg(long, env = "ARTSTATION_COMMERCE_UPSTREAM", global = true)]
    pub commerce_upstream: Option<String>,
    /// sqlite://PATH or postgres://… [default: sqlite://DATA_DIR/commerce.db].
    #[arg(long, env = "ARTSTATION_COMMERCE_DATABASE_URL", global = true)]
    pub commerce_database_url: Option<String>,
    /// sqlite://PATH or postgres://… [default: sqlite://DATA_DIR/auth.db].
    #[arg(long, env = "ARTSTATION_AUTH_DATABASE_URL", global = true)]
    pub auth_database_url: Option<String>,
    /// sqlite://PATH or postgres://… [default: sqlite://DATA_DIR/artwork.db].
    #[arg(long, env = "ARTSTATION_ARTWORK_DATABASE_URL", global = true)]
    pub artwork_database_url: Option<String>,
    /// Redis for shared caches; absent means an in-process cache.
    #[arg(long, env = "ARTSTATION_REDIS_URL", global = true)]
    pub redis_url: Option<String>,
    /// Where originals and derivatives are stored: file:///PATH or s3://BUCKET (credentials
    /// and region from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION)
    /// [default: file://DATA_DIR/originals].
    #[arg(long, env = "ARTSTATION_STORAGE", global = true)]
    pub storage: Option<String>,
    /// Prefix of every Redis key, so deployments can share one Redis [default: artstation:].
    #[arg(long, env = "ARTSTATION_REDIS_PREFIX", global = true)]
    pub redis_prefix: Option<String>,
    /// Reverse proxies whose X-Forwarded-For is believed: comma-separated IPs or CIDRs
    /// [default: none; the socket peer is the client].
    #[arg(
        long,
        env = "ARTSTATION_TRUSTED_PROXIES",
        global = true,
        value_delimiter = ','
    )]
    pub trusted_proxies: Option<Vec<String>>,
    /// Lifetime of access tokens in seconds [default: 900].
    #[arg(long, env = "ARTSTATION_ACCESS_TOKEN_TTL", global = true)]
    pub access_token_ttl: Option<u64>,
    /// A self-hosted S3 endpoint for s3:// storage, e.g. http://127.0.0.1:3900 (path-style
    /// addressing) [default: AWS].
    #[arg(long, env = "ARTSTATION_S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,
    /// Largest accepted upload in bytes [default: 100000000].
    #[arg(long, env = "ARTSTATION_MAX_UPLOAD_BYTES", global = true)]
    pub max_upload_bytes: Option<u64>,
    /// Largest accepted image in pixels (width × height) [default: 100000000].
    #[arg(long, env = "ARTSTATION_MAX_PIXELS", global = true)]
    pub max_pixels: Option<u64>,
    /// Smallest accepted shorter side of an image, in pixels [default: 64].
    #[arg(long, env = "ARTSTATION_MIN_IMAGE_SIDE", global = true)]
    pub min_image_side: Option<u32>,
    /// Unreferenced blobs older than this many seconds are removed by the sweep and
    /// `artstationd gc` [default: 86400].
    #[arg(long, env = "ARTSTATION_ORPHAN_GRACE_SECS", global = true)]
    pub orphan_grace_secs: Option<u64>,
    /// Seconds between orphan sweeps of the artwork role; 0 turns them off [default: 3600].
    #[arg(long, env = "ARTSTATION_SWEEP_INTERVAL_SECS", global = true)]
    pub sweep_interval_secs: Option<u64>,
    /// Workers making thumbnails and previews after uploads; 0 leaves the queue to other
    /// replicas [default: the number of cores].
    #[arg(long, env = "ARTSTATION_DERIVATIVE_WORKERS", global = true)]
    pub derivative_workers: Option<usize>,
    /// Seconds a derivative job stays claimed by a worker that stopped renewing it (a killed
    /// process) before another takes it [default: 30].
    #[arg(long, env = "ARTSTATION_DERIVATIVE_LEASE_SECS", global = true)]
    pub derivative_lease_secs: Option<u64>,
    /// `sandbox`: buyers top their wallets up freely (the embedded default, tests); `admin`
    /// (or empty): only admins credit wallets [default: sandbox].
    #[arg(long, env = "ARTSTATION_PAYMENTS", global = true)]
    pub payments: Option<String>,
    /// Uploads the gateway streams at once over all users; past that it answers 503 with
    /// Retry-After [default: 64].
    #[arg(long, env = "ARTSTATION_GATEWAY_MAX_UPLOADS", global = true)]
    pub gateway_max_uploads: Option<usize>,
    /// Uploads one user may stream through the gateway at once; past that 429 with
    /// Retry-After [default: 8].
    #[arg(long, env = "ARTSTATION_GATEWAY_MAX_UPLOADS_PER_USER", global = true)]
    pub gateway_max_uploads_per_user: Option<usize>,
    /// Requests the gateway serves at once; past that it answers 429 with Retry-After
    /// [default: 1024].
    #[arg(long, env = "ARTSTATION_GATEWAY_MAX_IN_FLIGHT", global = true)]
    pub gateway_max_in_flight: Option<usize>,
    /// Seconds the gateway waits for a GET's answer before 504 [default: 10].
    #[arg(long, env = "ARTSTATION_GATEWAY_READ_TIMEOUT", global = true)]
    pub gateway_read_timeout: Option<u64>,
    /// Seconds the gateway waits for any other request's answer (uploads excepted) before 504
    /// [default: 30].
    #[arg(long, env = "ARTSTATION_GATEWAY_WRITE_TIMEOUT", global = true)]
    pub gateway_write_timeout: Option<u64>,
    /// Seconds a gateway connection may go without reading or writing a byte (a stalled
    /// upload, a client that stopped reading) before it is dropped [default: 60].
    #[arg(long, env = "ARTSTATION_GATEWAY_IDLE_TIMEOUT_SECS", global = true)]
    pub gateway_idle_timeout_secs: Option<u64>,
    /// Connections the gateway holds at once; past that it stops accepting until one closes
    /// [default: 10000].
    #[arg(long, env = "ARTSTATION_GATEWAY_MAX_CONNECTIONS", global = true)]
    pub gateway_max_connections: Option<usize>,
    /// Requests per minute one signed-in user may make through the gateway (shared by the
    /// replicas through Redis); past that 429 with Retry-After; 0 turns it off [default: 6000].
    #[arg(long, env = "ARTSTATION_GATEWAY_RATE_LIMIT_USER", global = true)]
    pub gateway_rate_limit_user: Option<u32>,
    /// Requests per minute from one client address without a valid token; 0 turns it off
    /// [default: 3000].
    #[arg(long, env = "ARTSTATION_GATEWAY_RATE_LIMIT_ADDRESS", global = true)]
    pub gateway_rate_limit_address: Option<u32>,
    /// Origins a browser app may call the API from (CORS): comma-separated exact origins such
    /// as https://app.example, or `*` [default: none; no CORS headers].
    #[arg(long, env = "ARTSTATION_CORS_ORIGINS", global = true)]
    pub cors_origins: Option<String>,
    /// Milliseconds within which 3 failed calls to one upstream replica open its circuit
    /// breaker [default: 35000, 3.5 × the read timeout].
    #[arg(long, env = "ARTSTATION_UPSTREAM_BREAKER_WINDOW_MS", global = true)]
    pub upstream_breaker_window_ms: Option<u64>,
    /// Milliseconds an open breaker fails fast before letting a probe call through
    /// [default: 5000].
    #[arg(long, env = "ARTSTATION_UPSTREAM_BREAKER_COOLDOWN_MS", global = true)]
    pub upstream_breaker_cooldown_ms: Option<u64>,
    /// Whether roles of this process call each other in memory (`true`) or over their
    /// loopback sockets like roles in separate processes (`false`) [default: true].
    #[arg(long, env = "ARTSTATION_LOCAL_CALLS", global = true,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub local_calls: Option<bool>,
    /// Where the service roles (auth, artwork, commerce) serve Prometheus `GET /metrics` over
    /// plain HTTP, one listener for all the roles of this process; the gateway serves it on
    /// its own port, covering every role of its process [default: none].
    #[arg(long, env = "ARTSTATION_METRICS_ADDR", global = true)]
    pub metrics_addr: Option<SocketAddr>,
    /// The secret services show each other on internal calls (at least 32 printable ASCII
    /// characters; the same for every role). Needed when roles run in separate processes;
    /// with every role in one process a random one is made [default: random per process].
    #[arg(
        long,
        env = "ARTSTATION_INTERNAL_SECRET",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip)]
    pub internal_secret: Option<String>,
    /// Log filter, e.g. `info` or `artstation_auth=debug` [default: info].
    #[arg(long, env = "ARTSTATION_LOG", global = true)]
    pub log: Option<String>,
    #[arg(skip)]
    pub auth: Option<RoleOptions>,
    #[arg(skip)]
    pub artwork: Option<RoleOptions>,
    #[arg(skip)]
    pub commerce: Option<RoleOptions>,
    #[arg(skip)]
    pub gateway: Option<RoleOptions>,
}

impl Options {
    /// One role's options: its flat flags, else its TOML section.
    fn role(&self, role: Role) -> RoleOptions {
        let (flat, section) = match role {
            Role::Auth => (
                RoleOptions {
                    addr: self.auth_addr,
                    upstream: self.auth_upstream.clone(),
                    database_url: self.auth_database_url.clone(),
                },
                &self.auth,
            ),
            Role::Artwork => (
                RoleOptions {
                    addr: self.artwork_addr,
                    upstream: self.artwork_upstream.clone(),
                    database_url: self.artwork_database_url.clone(),
                },
                &self.artwork,
            ),
            Role::Commerce => (
                RoleOptions {
                    addr: self.commerce_addr,
                    upstream: self.commerce_upstream.clone(),
                    database_url: self.commerce_database_url.clone(),
                },
                &self.commerce,
            ),
            Role::Gateway => (
                RoleOptions {
                    addr: self.http_addr,
                    ..RoleOptions::default()
                },
                &self.gateway,
            ),
        };
        flat.or(section.clone().unwrap_or_default())
    }
}

/// One role's resolved settings.
#[derive(Debug, Clone)]
pub struct RoleSettings {
    pub addr: SocketAddr,
    /// Where other roles reach it; `None`: where it listens in this process or by default.
    pub upstream: Option<String>,
    /// `None` for a role that owns no data.
    pub database_url: Option<String>,
}

/// Every option resolved to a value.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub roles: BTreeMap<Role, RoleSettings>,
    pub redis_url: Option<String>,
    pub redis_prefix: String,
    pub trusted_proxies: Vec<artstation_gateway::IpNet>,
    pub access_token_ttl: std::time::Duration,
    pub storage: String,
    pub s3_endpoint: Option<String>,
    /// Unset values keep the owning crate's defaults, so each default is written once.
    pub max_upload_bytes: Option<u64>,
    pub max_pixels: Option<u64>,
    pub min_image_side: Option<u32>,
    pub orphan_grace_secs: Option<u64>,
    pub sweep_interval_secs: Option<u64>,
    pub derivative_workers: Option<usize>,
    pub derivative_lease_secs: Option<u64>,
    pub payments_sandbox: bool,
    pub gateway_max_uploads: Option<usize>,
    pub gateway_max_uploads_per_user: Option<usize>,
    pub gateway_max_in_flight: Option<usize>,
    pub gateway_read_timeout: Option<u64>,
    pub gateway_write_timeout: Option<u64>,
    pub gateway_idle_timeout_secs: Option<u64>,
    pub gateway_max_connections: Option<usize>,
    pub gateway_rate_limit_user: Option<u32>,
    pub gateway_rate_limit_address: Option<u32>,
    pub cors_origins: artstation_gateway::CorsOrigins,
    pub upstream_breaker_window_ms: Option<u64>,
    pub upstream_breaker_cooldown_ms: Option<u64>,
    pub local_calls: bool,
    pub metrics_addr: Option<SocketAddr>,
    /// `None`: not configured; a process running every role makes one.
    pub internal_secret: Option<ServiceSecret>,
    pub log: String,
}

fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("artstation")
}

fn sqlite_url(dir: &Path, file: &str) -> String {
    format!("sqlite://{}", dir.join(file).display())
}

impl Settings {
    pub fn resolve(cli: Options) -> Result<Self> {
        let file = match &cli.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read config file {}", path.display()))?;
                toml::from_str::<Options>(&text)
                    .with_context(|| format!("invalid config file {}", path.display()))?
            }
            None => Options::default(),
        };
        let data_dir = cli
            .data_dir
            .clone()
            .or(file.data_dir.clone())
            .unwrap_or_else(default_data_dir);
        let data_dir = if data_dir.is_absolute() {
            data_dir
        } else {
            std::env::current_dir()?.join(data_dir)
        };
        let mut roles = BTreeMap::new();
        for spec in &ROLES {
            let o = cli.role(spec.role).or(file.role(spec.role));
            let database_url = spec.database_file.map(|f| {
                o.database_url
                    .clone()
                    .unwrap_or_else(|| sqlite_url(&data_dir, f))
            });
            roles.insert(
                spec.role,
                RoleSettings {
                    addr: o.addr.unwrap_or_else(|| spec.role.default_addr()),
                    upstream: o.upstream,
                    database_url,
                },
            );
        }
        Ok(Self {
            roles,
            redis_url: cli.redis_url.or(file.redis_url),
            redis_prefix: cli
                .redis_prefix
                .or(file.redis_prefix)
                .unwrap_or_else(|| "artstation:".into()),
            trusted_proxies: cli
                .trusted_proxies
                .or(file.trusted_proxies)
                .unwrap_or_default()
                .iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.parse().map_err(anyhow::Error::msg))
                .collect::<Result<_>>()
                .context("ARTSTATION_TRUSTED_PROXIES")?,
            access_token_ttl: cli
                .access_token_ttl
                .or(file.access_token_ttl)
                .filter(|s| *s > 0)
                .map_or(AuthConfig::DEFAULT_ACCESS_TOKEN_TTL, Duration::from_secs),
            storage: cli
                .storage
                .or(file.storage)
                .unwrap_or_else(|| format!("file://{}", data_dir.join("originals").display())),
            s3_endpoint: cli.s3_endpoint.or(file.s3_endpoint),
            max_upload_bytes: cli.max_upload_bytes.or(file.max_upload_bytes),
            max_pixels: cli.max_pixels.or(file.max_pixels),
            min_image_side: cli.min_image_side.or(file.min_image_side),
            orphan_grace_secs: cli.orphan_grace_secs.or(file.orphan_grace_secs),
            sweep_interval_secs: cli.sweep_interval_secs.or(file.sweep_interval_secs),
            derivative_workers: cli.derivative_workers.or(file.derivative_workers),
            derivative_lease_secs: cli.derivative_lease_secs.or(file.derivative_lease_secs),
            gateway_max_uploads: cli.gateway_max_uploads.or(file.gateway_max_uploads),
            gateway_max_uploads_per_user: cli
                .gateway_max_uploads_per_user
                .or(file.gateway_max_uploads_per_user),
            gateway_max_in_flight: cli.gateway_max_in_flight.or(file.gateway_max_in_flight),
            gateway_read_timeout: cli.gateway_read_timeout.or(file.gateway_read_timeout),
            gateway_write_timeout: cli.gateway_write_timeout.or(file.gateway_write_timeout),
            gateway_idle_timeout_secs: cli
                .gateway_idle_timeout_secs
                .or(file.gateway_idle_timeout_secs),
            gateway_max_connections: cli.gateway_max_connections.or(file.gateway_max_connections),
            upstream_breaker_window_ms: cli
                .upstream_breaker_window_ms
                .or(file.upstream_breaker_window_ms),
            upstream_breaker_cooldown_ms: cli
                .upstream_breaker_cooldown_ms
                .or(file.upstream_breaker_cooldown_ms),
            local_calls: cli.local_calls.or(file.local_calls).unwrap_or(true),
            gateway_rate_limit_user: cli.gateway_rate_limit_user.or(file.gateway_rate_limit_user),
            gateway_rate_limit_address: cli
                .gateway_rate_limit_address
                .or(file.gateway_rate_limit_address),
            cors_origins: cli
                .cors_origins
                .or(file.cors_origins)
                .unwrap_or_default()
                .parse()
                .map_err(anyhow::Error::msg)
                .context("ARTSTATION_CORS_ORIGINS")?,
            payments_sandbox: match cli.payments.or(file.payments).as_deref() {
                None | Some("sandbox") => true,
                Some("" | "admin") => false,
                Some(other) => bail!("ARTSTATION_PAYMENTS must be sandbox or admin, not {other:?}"),
            },
            metrics_addr: cli.metrics_addr.or(file.metrics_addr),
            // Only from the environment or a flag: a secret does not belong in a config file
            // that may be committed.
            internal_secret: cli
                .internal_secret
                .as_deref()
                .map(ServiceSecret::parse)
                .transpose()
                .context("ARTSTATION_INTERNAL_SECRET")?,
            log: cli.log.or(file.log).unwrap_or_else(|| "info".into()),
            data_dir,
        })
    }

    /// Whether any embedded-default store lives under the data dir (so it must exist).
    pub fn uses_data_dir(&self) -> bool {
        self.roles
            .values()
            .filter_map(|r| r.database_url.as_deref())
            .any(|u| u.starts_with("sqlite:"))
            || self.storage.starts_with("file:")
    }

    pub fn role(&self, role: Role) -> Result<&RoleSettings> {
        self.roles
            .get(&role)
            .with_context(|| format!("no settings for the {} role", role.name()))
    }

    /// The database of a role that owns one.
    pub fn database_url(&self, role: Role) -> Result<&str> {
        self.role(role)?
            .database_url
            .as_deref()
            .with_context(|| format!("the {} role has no database", role.name()))
    }
}
