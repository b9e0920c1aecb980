//! One replica of an upstream: its own lazily made connection, what the health checker
//! last heard, its breaker and the calls in flight to it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use tonic::transport::{Channel, Endpoint};

use super::h2::{Connection, Transport};

use super::breaker::{Admission, Breaker, BreakerConfig, BreakerState};
use super::discovery::Resolved;

/// What the health checker last heard from a replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// Not checked yet.
    Unknown,
    Serving,
    /// Not serving, not answering, or a call to it failed to connect: ejected until its
    /// health check says SERVING again.
    Down,
}

#[derive(Debug)]
pub struct Replica {
    pub upstream: String,
    pub resolved: Resolved,
    pub label: String,
    pub transport: Transport,
    health: AtomicU8,
    in_flight: AtomicUsize,
    breaker: Mutex<Breaker>,
    series: OnceLock<Series>,
}

impl Replica {
    pub fn new(
        upstream: &str,
        scheme: &str,
        resolved: Resolved,
        breaker: BreakerConfig,
        connect_timeout: Duration,
        local_calls: bool,
    ) -> Result<Self, super::UpstreamError> {
        let label = resolved.addr.to_string();
        let transport = if scheme == "http" {
            Transport::Direct(
                Connection::new(resolved.addr, connect_timeout, local_calls)
                    .map_err(|e| super::UpstreamError::Connection(e.to_string()))?,
            )
        } else {
            Transport::Channel(
                Endpoint::from_shared(format!("{scheme}://{label}"))?
                    .connect_timeout(connect_timeout)
                    .tcp_nodelay(true)
                    // A peer that vanished without closing (a stopped process) is noticed.
                    .http2_keep_alive_interval(Duration::from_secs(10))
                    .keep_alive_timeout(Duration::from_secs(5))
                    .connect_lazy(),
            )
        };
        Ok(Self::over(upstream, label, resolved, transport, breaker))
    }

    /// A replica over a channel built elsewhere.
    pub fn with_channel(
        upstream: &str,
        label: String,
        resolved: Resolved,
        channel: Channel,
        breaker: BreakerConfig,
    ) -> Self {
        Self::over(
            upstream,
            label,
            resolved,
            Transport::Channel(channel),
            breaker,
        )
    }

    fn over(
        upstream: &str,
        label: String,
        resolved: Resolved,
        transport: Transport,
        breaker: BreakerConfig,
    ) -> Self {
        let replica = Self {
            upstream: upstream.to_owned(),
            resolved,
            label,
            transport,
            health: AtomicU8::new(0),
            in_flight: AtomicUsize::new(0),
            breaker: Mutex::new(Breaker::new(breaker)),
            series: OnceLock::new(),
        };
        replica.publish_breaker(BreakerState::Closed);
        replica
    }

    pub fn addr(&self) -> SocketAddr {
        self.resolved.addr
    }

    pub fn health(&self) -> Health {
        match self.health.load(Ordering::Relaxed) {
            1 => Health::Serving,
            2 => Health::Down,
            _ => Health::Unknown,
        }
    }

    pub fn set_health(&self, health: Health) {
        let v = match health {
            Health::Unknown => 0,
            Health::Serving => 1,
            Health::Down => 2,
        };
        let was = self.health.swap(v, Ordering::Relaxed);
        if was != v {
            match health {
                Health::Serving => {
                    tracing::info!(upstream = %self.upstream, replica = %self.label, "replica serving")
                }
                Health::Down => {
                    tracing::warn!(upstream = %self.upstream, replica = %self.label, "replica ejected")
                }
                Health::Unknown => {}
            }
        }
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Relaxed)
    }

    pub fn start_call(&self) {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
    }

    pub fn end_call(&self) {
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
    }

    fn with_breaker<T>(&self, f: impl FnOnce(&mut Breaker, Instant) -> T) -> T {
        let now = Instant::now();
        let mut b = self
            .breaker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let before = b.state(now);
        let out = f(&mut b, now);
        let after = b.state(now);
        drop(b);
        if before != after {
            tracing::info!(upstream = %self.upstream, replica = %self.label, breaker = ?after, "breaker changed state");
            self.publish_breaker(after);
        }
        out
    }

    pub fn publish_breaker(&self, state: BreakerState) {
        metrics::gauge!(
            "artstation_upstream_breaker_state",
            "upstream" => self.upstream.clone(),
            "replica" => self.label.clone()
        )
        .set(state.gauge());
    }

    pub fn breaker_state(&self) -> BreakerState {
        self.with_breaker(|b, now| b.state(now))
    }

    pub fn breaker_available(&self) -> bool {
        self.with_breaker(|b, now| b.available(now))
    }

    pub fn breaker_opens_at(&self) -> Option<Instant> {
        self.with_breaker(|b, now| b.opens_at(now))
    }

    pub fn admit(&self) -> Option<Admission> {
        self.with_breaker(|b, now| b.admit(now))
    }

    pub fn succeeded(&self) {
        self.with_breaker(|b, now| b.on_success(now));
    }

    pub fn failed(&self) {
        self.with_breaker(|b, now| b.on_failure(now));
    }

    pub fn abandoned(&self, admission: Admission) {
        self.with_breaker(|b, _| b.on_abandoned(admission));
    }

    /// Counts one call in `artstation_upstream_requests_total`.
    pub fn count(&self, result: &'static str) {
        let Some(i) = RESULTS.iter().position(|r| *r == result) else {
            count(&self.upstream, &self.label, result);
            return;
        };
        if !crate::telemetry::metrics::installed() {
            count(&self.upstream, &self.label, result);
            return;
        }
        // Resolved once: a labelled lookup in the registry (two strings copied, a key hashed,
        // a lock) on every upstream call was a visible share of the gateway's work per read.
        let series = self.series.get_or_init(|| {
            Series(RESULTS.map(|r| {
                metrics::counter!(
                    REQUESTS,
                    "upstream" => self.upstream.clone(),
                    "replica" => self.label.clone(),
                    "result" => r
                )
            }))
        });
        series.0[i].increment(1);
    }
}

const REQUESTS: &str = "artstation_upstream_requests_total";

/// The results a replica's calls are counted under.
const RESULTS: [&str; 3] = ["ok", "error", "timeout"];

/// A replica's request counters, one per result in [`RESULTS`].
struct Series([metrics::Counter; 3]);

impl std::fmt::Debug for Series {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Series")
    }
}

pub fn count(upstream: &str, replica: &str, result: &'static str) {
    metrics::counter!(
        REQUESTS,
        "upstream" => upstream.to_owned(),
        "replica" => replica.to_owned(),
        "result" => result
    )
    .increment(1);
}
