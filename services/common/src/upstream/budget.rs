//! A retry budget (Finagle's and Linkerd's idea): retries may add at most `ratio` of the
//! requests seen over a sliding window, plus a small floor per second so a quiet service can
//! still retry. A sick fleet then gets at most 1.2× its load, never a retry storm.

use std::time::{Duration, Instant};

/// Buckets of one second each.
const BUCKETS: usize = 10;
const BUCKET: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub struct RetryBudget {
    ratio: f64,
    min_per_sec: u32,
    start: Instant,
    /// `(bucket number, requests, retries)`; a slot holds the bucket `n % BUCKETS`.
    slots: [(u64, u64, u64); BUCKETS],
}

impl RetryBudget {
    pub fn new(ratio: f64, min_per_sec: u32, now: Instant) -> Self {
        Self {
            ratio,
            min_per_sec,
            start: now,
            slots: [(u64::MAX, 0, 0); BUCKETS],
        }
    }

    fn bucket(&self, now: Instant) -> u64 {
        (now.saturating_duration_since(self.start).as_millis() / BUCKET.as_millis()) as u64
    }

    fn slot(&mut self, now: Instant) -> &mut (u64, u64, u64) {
        let n = self.bucket(now);
        let slot = &mut self.slots[(n % BUCKETS as u64) as usize];
        if slot.0 != n {
            *slot = (n, 0, 0);
        }
        slot
    }

    /// Counts a request (a first attempt).
    pub fn deposit(&mut self, now: Instant) {
        self.slot(now).1 += 1;
    }

    /// Takes a retry from the budget if there is one left.
    pub fn withdraw(&mut self, now: Instant) -> bool {
        let n = self.bucket(now);
        let oldest = n.saturating_sub(BUCKETS as u64 - 1);
        let (requests, retries) = self
            .slots
            .iter()
            .filter(|(b, _, _)| *b != u64::MAX && *b >= oldest && *b <= n)
            .fold((0, 0), |(q, r), (_, rq, rt)| (q + rq, r + rt));
        let allowed = self.ratio * requests as f64 + f64::from(self.min_per_sec) * BUCKETS as f64;
        if (retries as f64) < allowed {
            self.slot(now).2 += 1;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_are_capped_by_ratio_plus_floor() {
        let t = Instant::now();
        let mut b = RetryBudget::new(0.2, 1, t);
        for _ in 0..100 {
            b.deposit(t);
        }
        // 20 % of 100 plus 1/s over ten seconds.
        let granted = (0..100).filter(|_| b.withdraw(t)).count();
        assert_eq!(granted, 30);
    }

    #[test]
    fn the_floor_allows_a_few_retries_without_traffic() {
        let t = Instant::now();
        let mut b = RetryBudget::new(0.2, 3, t);
        let granted = (0..100).filter(|_| b.withdraw(t)).count();
        assert_eq!(granted, 30);
    }

    #[test]
    fn old_requests_and_retries_slide_out_of_the_window() {
        let t = Instant::now();
        let mut b = RetryBudget::new(0.5, 0, t);
        for _ in 0..10 {
            b.deposit(t);
        }
        assert_eq!((0..10).filter(|_| b.withdraw(t)).count(), 5);
        // Eleven seconds on, neither the requests nor the retries count any more.
        let later = t + Duration::from_secs(11);
        assert!(!b.withdraw(later));
        for _ in 0..4 {
            b.deposit(later);
        }
        assert_eq!((0..10).filter(|_| b.withdraw(later)).count(), 2);
    }
}
