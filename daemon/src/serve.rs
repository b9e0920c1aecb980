//! Starting roles: bind every listener first (so port 0 works and upstream defaults can name
//! the real ports), print where each listens, then serve until SIGTERM/SIGINT.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result};
use artstation_artwork::ArtworkConfig;
use artstation_auth::AuthConfig;
use std::sync::Arc;

use artstation_commerce::{CommerceConfig, GrpcCatalogue};
use artstation_common::ratelimit::RateLimiter;
use artstation_common::service_auth::ServiceSecret;
use artstation_common::upstream::{Upstream, UpstreamConfig};
use artstation_common::{Cache, Revocations};
use artstation_gateway::{AppState, GatewayConfig, UploadLimits, Upstreams};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::config::{Role, Settings};

pub(crate) async fn prepare_data_dir(settings: &Settings) -> Result<()> {
    if settings.uses_data_dir() {
        tokio::fs::create_dir_all(&settings.data_dir)
            .await
            .with_context(|| format!("cannot create data dir {}", settings.data_dir.display()))?;
        restrict_data_dir(&settings.data_dir).await;
    }
    Ok(())
}

/// Databases (with the signing keys) and blobs live in the data dir: owner-only, an existing
/// one included. Not fatal: an operator may have handed over a directory this user cannot
/// chmod but which is private already.
#[cfg(unix)]
async fn restrict_data_dir(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let outcome = match tokio::fs::metadata(dir).await {
        Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
            tokio::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).await
        }
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    if let Err(e) = outcome {
        tracing::warn!(dir = %dir.display(), error = %e, "cannot make the data dir owner-only");
    }
}

#[cfg(not(unix))]
async fn restrict_data_dir(_dir: &std::path::Path) {}

/// Redis when configured (shared by replicas), else one in-process cache for every role here.
async fn open_cache(settings: &Settings) -> Result<Arc<Cache>> {
    Ok(Arc::new(match &settings.redis_url {
        Some(url) => Cache::redis(url, &settings.redis_prefix)
            .await
            .with_context(|| {
                format!(
                    "cannot reach Redis at {}",
                    artstation_common::db::redact(url)
                )
            })?,
        None => Cache::in_process(),
    }))
}

pub async fn migrate(settings: &Settings) -> Result<()> {
    prepare_data_dir(settings).await?;
    for role in Role::all() {
        let Some(url) = settings.role(role)?.database_url.as_deref() else {
            continue;
        };
        let applied = match role {
            Role::Auth => artstation_auth::migrate(url).await.map_err(Into::into),
            Role::Artwork => artstation_artwork::migrate(url).await.map_err(Into::into),
            Role::Commerce => artstation_commerce::migrate(url).await.map_err(Into::into),
            Role::Gateway => Ok::<(), anyhow::Error>(()),
        };
        applied.with_context(|| format!("{} migrations", role.name()))?;
    }
    println!("migrations applied");
    Ok(())
}

/// The artwork role's configuration, shared by `serve` and `gc`.
fn artwork_config(settings: &Settings) -> Result<ArtworkConfig> {
    let mut config = ArtworkConfig::new(settings.database_url(Role::Artwork)?, &settings.storage)
        // Remote stores stage uploads under the data dir; local disk stages inside its root.
        .with_staging_dir(settings.data_dir.join("staging"));
    config.storage.s3_endpoint = settings.s3_endpoint.clone();
    if let Some(v) = settings.max_upload_bytes {
        config.max_upload_bytes = v;
    }
    if let Some(v) = settings.max_pixels {
        config.limits.max_pixels = v;
    }
    if let Some(v) = settings.min_image_side {
        config.limits.min_side = v;
    }
    if let Some(v) = settings.orphan_grace_secs {
        config.orphan_grace = Duration::from_secs(v);
    }
    if let Some(v) = settings.sweep_interval_secs {
        config.sweep_interval = Some(Duration::from_secs(v)).filter(|d| !d.is_zero());
    }
    if let Some(v) = settings.derivative_workers {
        config.derivative_workers = v;
    }
    if let Some(v) = settings.derivative_lease_secs.filter(|s| *s > 0) {
        config.derivative_lease = Duration::from_secs(v);
    }
    Ok(config)
}

/// `artstationd ledger check`: verifies the commerce ledger; fails when anything is off.
pub async fn ledger_check(settings: &Settings) -> Result<()> {
    let report = artstation_commerce::ledger_check(settings.database_url(Role::Commerce)?)
        .await
        .context("ledger check")?;
    print!("{report}");
    if report.is_ok() {
        println!(
            "ledger check: ok ({} currencies)",
            report.currency_sums.len()
        );
    } else {
        anyhow::bail!("the ledger does not balance");
    }
    Ok(())
}

/// `artstationd gc`: removes blobs no artwork references (older than the grace period), then
/// exits.
pub async fn gc(settings: &Settings) -> Result<()> {
    prepare_data_dir(settings).await?;
    let report = artstation_artwork::gc(&artwork_config(settings)?)
        .await
        .context("orphan sweep")?;
    println!(
        "gc: scanned {} blobs, removed {} orphaned blobs, {} staged files, {} incomplete uploads",
        report.scanned, report.removed, report.staged_removed, report.uploads_aborted
    );
    Ok(())
}

async fn bind(role: Role, addr: SocketAddr) -> Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("{} role cannot listen on {addr}", role.name()))?;
    let local = listener.local_addr()?;
    // Scripts and tests read this line to find ports chosen with :0.
    println!("artstationd: {} listening on {local}", role.name());
    std::io::stdout().flush()?;
    tracing::info!(role = role.name(), %local, "listening");
    Ok((listener, local))
}

/// Resolves on SIGTERM or SIGINT.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

async fn stopped(mut rx: watch::Receiver<bool>) {
    let _ = rx.wait_for(|stop| *stop).await;
}

/// Runs the chosen roles (every role when none is chosen) until SIGTERM/SIGINT or until one
/// fails.
pub async fn run(settings: Settings, roles: Vec<Role>) -> Result<()> {
    let roles: Vec<Role> = if roles.is_empty() {
        Role::all().collect()
    } else {
        Role::all().filter(|r| roles.contains(r)).collect()
    };
    prepare_data_dir(&settings).await?;
    let cache = open_cache(&settings).await?;
    if cache.kind() == "in-process" && roles.len() < Role::all().count() {
        tracing::warn!(
            "running some roles without ARTSTATION_REDIS_URL: revocations and login throttling \
             are not shared with roles in other processes"
        );
    }
    let revocations = Arc::new(Revocations::new(cache.clone(), settings.access_token_ttl));
    let internal_secret = match settings.internal_secret.clone() {
        Some(secret) => secret,
        None => {
            if roles.len() < Role::all().count() {
                tracing::warn!(
                    "ARTSTATION_INTERNAL_SECRET is not set: internal calls between artwork and \
                     commerce in other processes will be refused, and auth will throttle \
                     logins by the gateway's address instead of each client's"
                );
            }
            ServiceSecret::random()?
        }
    };

    let mut listeners = BTreeMap::new();
    for &role in &roles {
        listeners.insert(role, bind(role, settings.role(role)?.addr).await?);
    }
    let metrics_listener = crate::metrics::start(&settings, &roles).await?;
    // Where each role is reached: as configured, else where it listens here (the real port
    // when bound to :0), else its configured address.
    let mut upstreams = BTreeMap::new();
    for role in Role::all() {
        let r = settings.role(role)?;
        let bound = listeners.get(&role).map_or(r.addr, |(_, a)| *a);
        let url = r
            .upstream
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"));
        upstreams.insert(role, url);
    }
    // One balancer per upstream, shared by every role here that calls it.
    let upstream_config = upstream_config(&settings);
    let mut clients: BTreeMap<Role, Upstream> = BTreeMap::new();
    let mut channel = |role: Role| -> Result<Upstream> {
        if let Some(client) = clients.get(&role) {
            return Ok(client.clone());
        }
        let url = upstreams.get(&role).map_or("", String::as_str);
        let client = Upstream::new(role.name(), url, upstream_config)
            .with_context(|| format!("{} upstream {url:?}", role.name()))?;
        clients.insert(role, client.clone());
        Ok(client)
    };

    register_statuses(&settings, &roles, &cache).await?;

    let (stop_tx, stop_rx) = watch::channel(false);
    if let Some(listener) = metrics_listener {
        tokio::spawn(crate::metrics::serve(listener, stopped(stop_rx.clone())));
    }
    let mut tasks: JoinSet<(Role, Result<()>)> = JoinSet::new();
    for (role, (listener, _)) in listeners {
        let stop = stopped(stop_rx.clone());
        match role {
            Role::Auth => {
                let mut config = AuthConfig::new(settings.database_url(Role::Auth)?);
                config.access_token_ttl = settings.access_token_ttl;
                config.internal_secret = Some(internal_secret.clone());
                let service = artstation_auth::open(config, cache.clone())
                    .await
                    .context("starting the auth role")?;
                tasks.spawn(async move {
                    let r = artstation_auth::serve(listener, service, stop).await;
                    (role, r.map_err(Into::into))
                });
            }
            Role::Artwork => {
                let mut config = artwork_config(&settings)?;
                config.internal_secret = Some(internal_secret.clone());
                let service =
                    artstation_artwork::open(config, channel(Role::Auth)?, revocations.clone())
                        .await
                        .context("starting the artwork role")?;
                tasks.spawn(async move {
                    let r = artstation_artwork::serve(listener, service, stop).await;
                    (role, r.map_err(Into::into))
                });
            }
            Role::Commerce => {
                let mut config = CommerceConfig::new(settings.database_url(Role::Commerce)?);
                config.payments_sandbox = settings.payments_sandbox;
                let catalogue = Arc::new(GrpcCatalogue::new(
                    channel(Role::Artwork)?,
                    internal_secret.clone(),
                ));
                let service = artstation_commerce::open(
                    config,
                    channel(Role::Auth)?,
                    revocations.clone(),
                    catalogue,
                )
                .await
                .context("starting the commerce role")?;
                tasks.spawn(async move {
                    let r = artstation_commerce::serve(listener, service, stop).await;
                    (role, r.map_err(Into::into))
                });
            }
            Role::Gateway => {
                let config = GatewayConfig {
                    max_upload_bytes: settings
                        .max_upload_bytes
                        .unwrap_or(ArtworkConfig::DEFAULT_MAX_UPLOAD_BYTES),
                    trusted_proxies: settings.trusted_proxies.clone(),
                    uploads: UploadLimits {
                        global: settings
                            .gateway_max_uploads
                            .unwrap_or(UploadLimits::DEFAULT.global),
                        per_user: settings
                            .gateway_max_uploads_per_user
                            .unwrap_or(UploadLimits::DEFAULT.per_user),
                    },
                    internal_secret: Some(internal_secret.clone()),
                    max_in_flight: settings
                        .gateway_max_in_flight
                        .unwrap_or(artstation_gateway::DEFAULT_MAX_IN_FLIGHT),
                    timeouts: gateway_timeouts(&settings),
                    rate_limits: artstation_gateway::RateLimits::per_minute(
                        settings
                            .gateway_rate_limit_user
                            .unwrap_or(artstation_gateway::DEFAULT_PER_USER),
                        settings
                            .gateway_rate_limit_address
                            .unwrap_or(artstation_gateway::DEFAULT_PER_ADDRESS),
                        Arc::new(RateLimiter::beside(&cache)),
                    ),
                    cors: settings.cors_origins.clone(),
                    idle_timeout: settings
                        .gateway_idle_timeout_secs
                        .filter(|s| *s > 0)
                        .map_or(artstation_gateway::IDLE_TIMEOUT, Duration::from_secs),
                    max_connections: settings
                        .gateway_max_connections
                        .filter(|n| *n > 0)
                        .unwrap_or(artstation_gateway::MAX_CONNECTIONS),
                };
                let upstreams = Upstreams {
                    auth: channel(Role::Auth)?,
                    artwork: channel(Role::Artwork)?,
                    commerce: channel(Role::Commerce)?,
                };
                let state = AppState::new(config, upstreams, revocations.clone());
                tasks.spawn(async move {
                    let r = artstation_gateway::serve(listener, state, stop).await;
                    (role, r.map_err(Into::into))
                });
            }
        }
    }

    let mut failure = None;
    tokio::select! {
        () = shutdown_signal() => tracing::info!("shutting down"),
        Some(joined) = tasks.join_next() => {
            let (role, result) = joined.context("a role panicked")?;
            failure = Some(match result {
                Ok(()) => anyhow::anyhow!("the {} role stopped unexpectedly", role.name()),
                Err(e) => e.context(format!("the {} role failed", role.name())),
            });
        }
    }
    let _ = stop_tx.send(true);
    while let Some(joined) = tasks.join_next().await {
        if let Ok((role, Err(e))) = joined {
            tracing::error!(role = role.name(), error = %e, "role failed during shutdown");
        }
    }
    match failure {
        Some(e) => Err(e),
        None => {
            tracing::info!("stopped");
            Ok(())
        }
    }
}

/// What each service role here reports about its stores in its status answers.
async fn register_statuses(settings: &Settings, roles: &[Role], cache: &Arc<Cache>) -> Result<()> {
    use artstation_common::status::{self, StoreCheck};
    for &role in roles {
        let name = match role {
            Role::Auth => artstation_auth::SERVICE_NAME,
            Role::Artwork => artstation_artwork::SERVICE_NAME,
            Role::Commerce => artstation_commerce::SERVICE_NAME,
            Role::Gateway => continue,
        };
        let mut checks = vec![
            StoreCheck::database(settings.database_url(role)?)
                .with_context(|| format!("{} database", role.name()))?,
            StoreCheck::cache(cache.clone()),
        ];
        if role == Role::Artwork {
            let config = artwork_config(settings)?;
            let kind = if config.storage_url.starts_with("s3://") {
                "s3"
            } else {
                "local"
            };
            let blobs = artstation_artwork::blobs::open(&config.storage_url, &config.storage)
                .await
                .context("blob store")?;
            checks.push(StoreCheck::new("blobs", kind, move || {
                let blobs = blobs.clone();
                // Listing a prefix nothing is stored under costs one request and no data.
                Box::pin(async move {
                    blobs
                        .list("status-probe/none")
                        .await
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })
            }));
        }
        status::register(name, checks);
    }
    Ok(())
}

fn upstream_config(settings: &Settings) -> UpstreamConfig {
    let mut config = UpstreamConfig {
        local_calls: settings.local_calls,
        ..UpstreamConfig::default()
    };
    let ms = |v: Option<u64>| v.filter(|ms| *ms > 0).map(Duration::from_millis);
    if let Some(window) = ms(settings.upstream_breaker_window_ms) {
        config.breaker.window = window;
    }
    if let Some(cooldown) = ms(settings.upstream_breaker_cooldown_ms) {
        config.breaker.cooldown = cooldown;
    }
    config
}

fn gateway_timeouts(settings: &Settings) -> artstation_gateway::Timeouts {
    let default = artstation_gateway::Timeouts::DEFAULT;
    let secs = |v: Option<u64>, d: Duration| v.filter(|s| *s > 0).map_or(d, Duration::from_secs);
    artstation_gateway::Timeouts {
        read: secs(settings.gateway_read_timeout, default.read),
        write: secs(settings.gateway_write_timeout, default.write),
    }
}
