//! Power of two choices: pick two replicas at random and send to the one with fewer calls in
//! flight. Nearly as good as least-loaded, without a global scan, and a slow replica (whose
//! calls pile up) is avoided on its own.

use std::sync::atomic::{AtomicU64, Ordering};

/// A small, fast, lock-free generator (splitmix64); balancing needs spread, not secrecy.
#[derive(Debug)]
pub struct Rng(AtomicU64);

impl Rng {
    pub fn new() -> Self {
        Self(AtomicU64::new(
            getrandom::u64().unwrap_or(0x9E37_79B9_7F4A_7C15),
        ))
    }

    pub fn next(&self) -> u64 {
        let mut z = self
            .0
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough in `0..n` for n far below 2^32.
    pub fn below(&self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

impl Default for Rng {
    fn default() -> Self {
        Self::new()
    }
}

/// The index (into `loads`) of the less loaded of two distinct random candidates; `None` when
/// there is none.
pub fn choose(loads: &[usize], rng: &Rng) -> Option<usize> {
    match loads.len() {
        0 => None,
        1 => Some(0),
        n => {
            let a = rng.below(n);
            let b = (a + 1 + rng.below(n - 1)) % n;
            Some(if loads[b] < loads[a] { b } else { a })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_or_the_only_one() {
        let rng = Rng::new();
        assert_eq!(choose(&[], &rng), None);
        assert_eq!(choose(&[7], &rng), Some(0));
    }

    #[test]
    fn of_two_the_less_loaded_always_wins() {
        let rng = Rng::new();
        for _ in 0..100 {
            assert_eq!(choose(&[5, 2], &rng), Some(1));
            assert_eq!(choose(&[0, 9], &rng), Some(0));
        }
    }

    #[test]
    fn the_most_loaded_of_several_is_never_chosen_and_the_rest_share() {
        let rng = Rng::new();
        let loads = [1, 1, 1, 50];
        let mut hits = [0usize; 4];
        for _ in 0..4000 {
            hits[choose(&loads, &rng).unwrap_or(3)] += 1;
        }
        assert_eq!(hits[3], 0, "{hits:?}");
        for h in &hits[..3] {
            // Each of the equal ones gets about a third; far from none.
            assert!(*h > 800, "{hits:?}");
        }
    }

    #[test]
    fn the_least_loaded_is_chosen_most() {
        let rng = Rng::new();
        let loads = [0, 3, 3, 3, 3];
        let mut zero = 0;
        for _ in 0..1000 {
            if choose(&loads, &rng) == Some(0) {
                zero += 1;
            }
        }
        // It wins whenever it is drawn: in 2 of 5 draws, against 1 in 5 for pure chance.
        assert!(zero > 300, "{zero}");
    }
}
