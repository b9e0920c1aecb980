//! A circuit breaker per replica: after `failures` failures within `window` it opens and the
//! replica is skipped (calls to it would only wait for the same failure); after `cooldown` it
//! lets one probe through (half-open), whose outcome closes it again or re-opens it.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How a breaker trips and recovers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerConfig {
    /// Failures within `window` that open the breaker.
    pub failures: u32,
    pub window: Duration,
    /// How long an open breaker refuses calls before letting a probe through.
    pub cooldown: Duration,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        // The course's rule: three failures within 3.5 × the request timeout (the gateway's
        // 10 s read deadline).
        Self {
            failures: 3,
            window: Duration::from_millis(35_000),
            cooldown: Duration::from_secs(5),
        }
    }
}

/// What a breaker lets through, as status pages and metrics show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    Closed,
    HalfOpen,
    Open,
}

impl BreakerState {
    /// The value of the `artstation_upstream_breaker_state` gauge.
    pub fn gauge(self) -> f64 {
        match self {
            Self::Closed => 0.0,
            Self::HalfOpen => 1.0,
            Self::Open => 2.0,
        }
    }
}

/// How a call was let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Normal,
    /// The one call a half-open breaker lets through.
    Probe,
}

#[derive(Debug)]
enum Inner {
    Closed { failures: VecDeque<Instant> },
    Open { until: Instant },
    HalfOpen { probing: bool },
}

#[derive(Debug)]
pub struct Breaker {
    config: BreakerConfig,
    inner: Inner,
}

impl Breaker {
    pub fn new(config: BreakerConfig) -> Self {
        Self {
            config,
            inner: Inner::Closed {
                failures: VecDeque::new(),
            },
        }
    }

    pub fn state(&self, now: Instant) -> BreakerState {
        match self.inner {
            Inner::Closed { .. } => BreakerState::Closed,
            Inner::Open { until } if now < until => BreakerState::Open,
            Inner::Open { .. } | Inner::HalfOpen { .. } => BreakerState::HalfOpen,
        }
    }

    /// Whether a call could be let through now (without taking the half-open probe).
    pub fn available(&self, now: Instant) -> bool {
        match self.inner {
            Inner::Closed { .. } => true,
            Inner::Open { until } => now >= until,
            Inner::HalfOpen { probing } => !probing,
        }
    }

    /// When an open breaker lets its probe through; `None` when it is not open.
    pub fn opens_at(&self, now: Instant) -> Option<Instant> {
        match self.inner {
            Inner::Open { until } if now < until => Some(until),
            _ => None,
        }
    }

    /// Lets a call through, or refuses it (`None`) while open or while the probe is out.
    pub fn admit(&mut self, now: Instant) -> Option<Admission> {
        match &mut self.inner {
            Inner::Closed { .. } => Some(Admission::Normal),
            Inner::Open { until } if now < *until => None,
            Inner::Open { .. } => {
                self.inner = Inner::HalfOpen { probing: true };
                Some(Admission::Probe)
            }
            Inner::HalfOpen { probing } if *probing => None,
            Inner::HalfOpen { probing } => {
                *probing = true;
                Some(Admission::Probe)
            }
        }
    }

    /// The replica answered (whatever the answer: a NotFound is the replica working).
    pub fn on_success(&mut self, now: Instant) {
        match &mut self.inner {
            Inner::Closed { failures } => prune(failures, now, self.config.window),
            Inner::HalfOpen { .. } => {
                self.inner = Inner::Closed {
                    failures: VecDeque::new(),
                }
            }
            // A call let through before the breaker opened says little about now.
            Inner::Open { .. } => {}
        }
    }

    /// The replica failed a call (transport error, Unavailable, deadline).
    pub fn on_failure(&mut self, now: Instant) {
        let cooldown = self.config.cooldown;
        match &mut self.inner {
            Inner::Closed { failures } => {
                prune(failures, now, self.config.window);
                failures.push_back(now);
                if failures.len() >= self.config.failures.max(1) as usize {
                    self.inner = Inner::Open {
                        until: now + cooldown,
                    };
                }
            }
            Inner::HalfOpen { .. } => {
                self.inner = Inner::Open {
                    until: now + cooldown,
                }
            }
            Inner::Open { .. } => {}
        }
    }

    /// A probe ended without an outcome (its caller went away): the next call may probe.
    pub fn on_abandoned(&mut self, admission: Admission) {
        if admission == Admission::Probe
            && let Inner::HalfOpen { probing } = &mut self.inner
        {
            *probing = false;
        }
    }
}

fn prune(failures: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while failures
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) > window)
    {
        failures.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    fn breaker() -> Breaker {
        Breaker::new(BreakerConfig {
            failures: 3,
            window: 1000 * MS,
            cooldown: 500 * MS,
        })
    }

    #[test]
    fn opens_after_three_failures_within_the_window() {
        let t = Instant::now();
        let mut b = breaker();
        b.on_failure(t);
        b.on_failure(t + 100 * MS);
        assert_eq!(b.state(t + 100 * MS), BreakerState::Closed);
        assert_eq!(b.admit(t + 100 * MS), Some(Admission::Normal));
        b.on_failure(t + 200 * MS);
        assert_eq!(b.state(t + 200 * MS), BreakerState::Open);
        assert_eq!(b.admit(t + 300 * MS), None);
        assert!(!b.available(t + 300 * MS));
        assert_eq!(b.opens_at(t + 300 * MS), Some(t + 700 * MS));
    }

    #[test]
    fn failures_spread_wider_than_the_window_do_not_open_it() {
        let t = Instant::now();
        let mut b = breaker();
        b.on_failure(t);
        b.on_failure(t + 600 * MS);
        b.on_failure(t + 1200 * MS);
        assert_eq!(b.state(t + 1200 * MS), BreakerState::Closed);
        // Successes do not wipe failures out: a flapping replica still trips.
        b.on_success(t + 1300 * MS);
        b.on_failure(t + 1400 * MS);
        assert_eq!(b.state(t + 1400 * MS), BreakerState::Open);
    }

    #[test]
    fn half_open_lets_one_probe_through_and_closes_on_success() {
        let t = Instant::now();
        let mut b = breaker();
        for i in 0..3 {
            b.on_failure(t + i * MS);
        }
        let later = t + 600 * MS;
        assert_eq!(b.state(later), BreakerState::HalfOpen);
        assert!(b.available(later));
        assert_eq!(b.admit(later), Some(Admission::Probe));
        assert_eq!(b.admit(later), None, "only one probe at a time");
        assert!(!b.available(later));
        b.on_success(later + MS);
        assert_eq!(b.state(later + MS), BreakerState::Closed);
        assert_eq!(b.admit(later + MS), Some(Admission::Normal));
        // Closed afresh: the old failures are forgotten.
        b.on_failure(later + 2 * MS);
        assert_eq!(b.state(later + 2 * MS), BreakerState::Closed);
    }

    #[test]
    fn a_failed_probe_reopens_for_another_cooldown() {
        let t = Instant::now();
        let mut b = breaker();
        for _ in 0..3 {
            b.on_failure(t);
        }
        let probe_at = t + 500 * MS;
        assert_eq!(b.admit(probe_at), Some(Admission::Probe));
        b.on_failure(probe_at);
        assert_eq!(b.state(probe_at + 499 * MS), BreakerState::Open);
        assert_eq!(b.state(probe_at + 500 * MS), BreakerState::HalfOpen);
    }

    #[test]
    fn an_abandoned_probe_frees_the_slot() {
        let t = Instant::now();
        let mut b = breaker();
        for _ in 0..3 {
            b.on_failure(t);
        }
        let later = t + 600 * MS;
        let admission = b.admit(later);
        assert_eq!(admission, Some(Admission::Probe));
        b.on_abandoned(Admission::Probe);
        assert_eq!(b.admit(later), Some(Admission::Probe));
        // A late success of a call admitted while closed does not close an open breaker.
        let mut b = breaker();
        for _ in 0..3 {
            b.on_failure(t);
        }
        b.on_success(t + MS);
        assert_eq!(b.state(t + MS), BreakerState::Open);
    }
}
