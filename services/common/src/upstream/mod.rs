//! The client side of every hop between roles: a balancer over an upstream's replicas.
//!
//! An upstream is one URL, a comma list, or a DNS name with several addresses (re-resolved
//! every few seconds). Each replica gets its own lazily made connection; calls go to the
//! less loaded of two random usable replicas (power of two choices on calls in flight). A
//! background checker asks each replica's `grpc.health.v1.Health` every second and ejects the
//! ones not SERVING; a breaker per replica opens after repeated failures and fails fast. Calls
//! marked [`Idempotent`] may be retried once on another replica within a retry budget.
//!
//! [`Upstream`] is a `tower::Service` for tonic's generated clients
//! (`AuthServiceClient<Upstream>`).

mod breaker;
mod budget;
mod call;
mod discovery;
mod h2;
mod health;
mod p2c;
mod replica;

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

pub use breaker::{BreakerConfig, BreakerState};
use replica::{Health, Replica};

/// Marks a call as safe to repeat (a read): put it in the request's extensions
/// (`tonic::Request::extensions_mut`). Writes and client-streaming calls never carry it.
#[derive(Debug, Clone, Copy)]
pub struct Idempotent;

/// How an upstream balances, checks and breaks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UpstreamConfig {
    pub breaker: BreakerConfig,
    pub health_interval: Duration,
    pub resolve_interval: Duration,
    pub connect_timeout: Duration,
    /// Retries may add this share of the requests of the last ten seconds...
    pub retry_ratio: f64,
    /// ...plus this many per second.
    pub retry_min_per_sec: u32,
    /// Whether a replica served by this very process is called in memory rather than over a
    /// loopback socket (`crate::local`).
    pub local_calls: bool,
}

impl Default for UpstreamConfig {
    fn default() -> Self {
        Self {
            breaker: BreakerConfig::default(),
            health_interval: Duration::from_secs(1),
            resolve_interval: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(2),
            retry_ratio: 0.2,
            retry_min_per_sec: 3,
            local_calls: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    #[error("upstream {spec:?}: {reason}")]
    Invalid { spec: String, reason: String },
    #[error("upstream channel: {0}")]
    Channel(#[from] tonic::transport::Error),
    #[error("upstream connection: {0}")]
    Connection(String),
}

/// A balanced, health-checked client for one upstream service; cheap to clone (every clone
/// shares the replicas, their breakers and the retry budget).
#[derive(Clone, Debug)]
pub struct Upstream {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    name: String,
    config: UpstreamConfig,
    targets: Vec<discovery::Target>,
    replicas: RwLock<Arc<Vec<Arc<Replica>>>>,
    /// Serialises re-resolutions (the periodic one and one a call asks for).
    resolving: tokio::sync::Mutex<()>,
    budget: Mutex<budget::RetryBudget>,
    rng: p2c::Rng,
}

/// One replica as a status page shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReplicaSnapshot {
    pub address: String,
    /// `None` until the first health check.
    pub healthy: Option<bool>,
    pub breaker: BreakerState,
    pub in_flight: usize,
}

/// An upstream as a status page shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UpstreamSnapshot {
    pub name: String,
    pub targets: Vec<String>,
    pub replicas: Vec<ReplicaSnapshot>,
}

impl Upstream {
    /// An upstream named `name` (for logs, status and metrics) at `spec`. Literal addresses
    /// are usable at once; names are resolved by the first call or the background task, which
    /// (with the health checker) runs while any clone lives. Needs a Tokio runtime.
    pub fn new(name: &str, spec: &str, config: UpstreamConfig) -> Result<Self, UpstreamError> {
        let targets = discovery::parse(spec)?;
        let shared = Arc::new(Shared::new(name, config, targets, Vec::new()));
        let literal: Vec<_> = shared
            .targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let ip = t.host.parse::<std::net::IpAddr>().ok()?;
                Some(discovery::Resolved {
                    target: i,
                    addr: std::net::SocketAddr::new(ip, t.port),
                })
            })
            .collect();
        shared.install(literal.into_iter().collect())?;
        health::spawn(Arc::downgrade(&shared));
        Ok(Self { shared })
    }

    /// One replica over a channel built elsewhere (tests, tools): health-checked and broken
    /// like any other, never re-resolved.
    pub fn over_channel(name: &str, channel: tonic::transport::Channel) -> Self {
        let config = UpstreamConfig::default();
        let resolved = discovery::Resolved {
            target: 0,
            addr: std::net::SocketAddr::from(([0, 0, 0, 0], 0)),
        };
        let replica =
            Replica::with_channel(name, "channel".into(), resolved, channel, config.breaker);
        let shared = Arc::new(Shared::new(
            name,
            config,
            Vec::new(),
            vec![Arc::new(replica)],
        ));
        health::spawn(Arc::downgrade(&shared));
        Self { shared }
    }

    pub fn name(&self) -> &str {
        &self.shared.name
    }

    /// Every replica now, with its health, breaker and load.
    pub fn snapshot(&self) -> UpstreamSnapshot {
        let replicas = self.shared.current();
        UpstreamSnapshot {
            name: self.shared.name.clone(),
            targets: self.shared.targets.iter().map(|t| t.display()).collect(),
            replicas: replicas
                .iter()
                .map(|r| ReplicaSnapshot {
                    address: r.label.clone(),
                    healthy: match r.health() {
                        Health::Unknown => None,
                        Health::Serving => Some(true),
                        Health::Down => Some(false),
                    },
                    breaker: r.breaker_state(),
                    in_flight: r.in_flight(),
                })
                .collect(),
        }
    }
}

impl From<tonic::transport::Channel> for Upstream {
    fn from(channel: tonic::transport::Channel) -> Self {
        Self::over_channel("upstream", channel)
    }
}

impl Shared {
    fn new(
        name: &str,
        config: UpstreamConfig,
        targets: Vec<discovery::Target>,
        replicas: Vec<Arc<Replica>>,
    ) -> Self {
        Self {
            name: name.to_owned(),
            config,
            targets,
            replicas: RwLock::new(Arc::new(replicas)),
            resolving: tokio::sync::Mutex::new(()),
            budget: Mutex::new(budget::RetryBudget::new(
                config.retry_ratio,
                config.retry_min_per_sec,
                Instant::now(),
            )),
            rng: p2c::Rng::new(),
        }
    }

    fn current(&self) -> Arc<Vec<Arc<Replica>>> {
        self.replicas
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Makes `resolved` the replica set, keeping the replicas (channel, breaker, health) of
    /// addresses already known.
    fn install(
        &self,
        resolved: std::collections::BTreeSet<discovery::Resolved>,
    ) -> Result<(), UpstreamError> {
        let old = self.current();
        if old.len() == resolved.len() && old.iter().all(|r| resolved.contains(&r.resolved)) {
            return Ok(());
        }
        let mut next = Vec::with_capacity(resolved.len());
        for res in resolved {
            match old.iter().find(|r| r.resolved == res) {
                Some(r) => next.push(r.clone()),
                None => {
                    let scheme = &self.targets[res.target].scheme;
                    next.push(Arc::new(Replica::new(
                        &self.name,
                        scheme,
                        res,
                        self.config.breaker,
                        self.config.connect_timeout,
                        self.config.local_calls,
                    )?));
                }
            }
        }
        tracing::info!(
            upstream = %self.name,
            replicas = ?next.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
            "upstream replicas"
        );
        *self
            .replicas
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(next);
        Ok(())
    }

    async fn resolve(&self) {
        let _one_at_a_time = self.resolving.lock().await;
        let previous: Vec<_> = self.current().iter().map(|r| r.resolved).collect();
        let resolved = discovery::resolve(&self.targets, &previous).await;
        if let Err(e) = self.install(resolved) {
            tracing::warn!(upstream = %self.name, error = %e, "cannot build a replica channel");
        }
    }
}
