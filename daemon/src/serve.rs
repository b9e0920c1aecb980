//! Starting roles: bind every listener first (so port 0 works and upstream defaults can name
//! the real ports), print where each listens, then serve until SIGTERM/SIGINT.

use std::io::Write as _;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result};
use artstation_artwork::ArtworkConfig;
use artstation_auth::AuthConfig;
use std::sync::Arc;

use artstation_common::{Cache, Revocations, grpc};
use artstation_gateway::{AppState, GatewayConfig};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::config::{Role, Settings};

pub(crate) async fn prepare_data_dir(settings: &Settings) -> Result<()> {
    if settings.uses_data_dir() {
        tokio::fs::create_dir_all(&settings.data_dir)
            .await
            .with_context(|| format!("cannot create data dir {}", settings.data_dir.display()))?;
    }
    Ok(())
}

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
    artstation_auth::migrate(&settings.auth_database_url)
        .await
        .context("auth migrations")?;
    artstation_artwork::migrate(&settings.artwork_database_url)
        .await
        .context("artwork migrations")?;
    println!("migrations applied");
    Ok(())
}

/// The artwork role's configuration, shared by `serve` and `gc`.
fn artwork_config(settings: &Settings) -> ArtworkConfig {
    let mut config = ArtworkConfig::new(&settings.artwork_database_url, &settings.storage)
        // Remote stores stage uploads under the data dir; local disk stages inside its root.
        .with_staging_dir(settings.data_dir.join("staging"));
    config.storage.s3_endpoint = settings.s3_endpoint.clone();
    config.max_upload_bytes = settings.max_upload_bytes;
    config.limits.max_pixels = settings.max_pixels;
    config.limits.min_side = settings.min_image_side;
    config.orphan_grace = Duration::from_secs(settings.orphan_grace_secs);
    config.sweep_interval =
        Some(Duration::from_secs(settings.sweep_interval_secs)).filter(|d| !d.is_zero());
    config
}

/// `artstationd gc`: removes blobs no artwork references (older than the grace period), then
/// exits.
pub async fn gc(settings: &Settings) -> Result<()> {
    prepare_data_dir(settings).await?;
    let report = artstation_artwork::gc(&artwork_config(settings))
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

pub async fn run(settings: Settings, roles: Vec<Role>) -> Result<()> {
    let roles = if roles.is_empty() {
        Role::ALL.to_vec()
    } else {
        roles
    };
    let runs = |r: Role| roles.contains(&r);
    prepare_data_dir(&settings).await?;
    let cache = open_cache(&settings).await?;
    if cache.kind() == "in-process" && roles.len() < Role::ALL.len() {
        tracing::warn!(
            "running some roles without ARTSTATION_REDIS_URL: revocations and login throttling \
             are not shared with roles in other processes"
        );
    }
    let revocations = Arc::new(Revocations::new(cache.clone(), settings.access_token_ttl));

    let auth = match runs(Role::Auth) {
        true => Some(bind(Role::Auth, settings.auth_addr).await?),
        false => None,
    };
    let artwork = match runs(Role::Artwork) {
        true => Some(bind(Role::Artwork, settings.artwork_addr).await?),
        false => None,
    };
    let gateway = match runs(Role::Gateway) {
        true => Some(bind(Role::Gateway, settings.http_addr).await?),
        false => None,
    };
    let upstream =
        |explicit: &Option<String>, bound: Option<SocketAddr>, configured: SocketAddr| {
            explicit
                .clone()
                .unwrap_or_else(|| format!("http://{}", bound.unwrap_or(configured)))
        };
    let auth_upstream = upstream(
        &settings.auth_upstream,
        auth.as_ref().map(|(_, a)| *a),
        settings.auth_addr,
    );
    let artwork_upstream = upstream(
        &settings.artwork_upstream,
        artwork.as_ref().map(|(_, a)| *a),
        settings.artwork_addr,
    );

    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks: JoinSet<(Role, Result<()>)> = JoinSet::new();

    if let Some((listener, _)) = auth {
        let mut config = AuthConfig::new(&settings.auth_database_url);
        config.access_token_ttl = settings.access_token_ttl;
        let service = artstation_auth::open(config, cache.clone())
            .await
            .context("starting the auth role")?;
        let stop = stopped(stop_rx.clone());
        tasks.spawn(async move {
            let r = artstation_auth::serve(listener, service, stop).await;
            (Role::Auth, r.map_err(Into::into))
        });
    }
    if let Some((listener, _)) = artwork {
        let config = artwork_config(&settings);
        let channel = grpc::channel(&auth_upstream).context("auth upstream")?;
        let service = artstation_artwork::open(config, channel, revocations.clone())
            .await
            .context("starting the artwork role")?;
        let stop = stopped(stop_rx.clone());
        tasks.spawn(async move {
            let r = artstation_artwork::serve(listener, service, stop).await;
            (Role::Artwork, r.map_err(Into::into))
        });
    }
    if let Some((listener, _)) = gateway {
        let state = AppState::new(
            GatewayConfig {
                max_upload_bytes: settings.max_upload_bytes,
                trusted_proxies: settings.trusted_proxies.clone(),
            },
            grpc::channel(&auth_upstream).context("auth upstream")?,
            grpc::channel(&artwork_upstream).context("artwork upstream")?,
            revocations.clone(),
        );
        let stop = stopped(stop_rx.clone());
        tasks.spawn(async move {
            let r = artstation_gateway::serve(listener, state, stop).await;
            (Role::Gateway, r.map_err(Into::into))
        });
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
