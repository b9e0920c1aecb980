//! Caps on the uploads the gateway streams at once: over all users (so memory stays bounded
//! whatever arrives) and per user (so one account cannot take every slot). An upload holds
//! about 1.5 MiB here (one coalescing buffer and a few in-flight gRPC messages), so the global
//! cap bounds the gateway's upload memory.
//!
//! The caps are per gateway process: with several replicas a user may hold `per_user` slots on
//! each, which still bounds every replica.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use artstation_common::{ErrorCode, ServiceError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    pub global: usize,
    pub per_user: usize,
}

impl UploadLimits {
    /// 64 uploads ≈ 100 MiB of buffers; 8 per user leaves room for `upload -j 4` retries.
    pub const DEFAULT: Self = Self {
        global: 64,
        per_user: 8,
    };
}

impl Default for UploadLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Seconds a refused uploader is asked to wait: uploads of ordinary images end within a few.
const RETRY_AFTER_SECS: u64 = 2;

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    by_user: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct UploadSlots {
    limits: UploadLimits,
    counts: Arc<Mutex<Counts>>,
}

/// One upload in progress; its slot is given back when it is dropped, however the upload ends.
#[derive(Debug)]
pub(crate) struct UploadSlot {
    user: String,
    counts: Arc<Mutex<Counts>>,
}

impl UploadSlots {
    pub(crate) fn new(limits: UploadLimits) -> Self {
        Self {
            limits,
            counts: Arc::default(),
        }
    }

    /// Takes a slot for `user` at once or refuses: waiting would hold the connection (and the
    /// client's body) open, where a refusal lets the client back off and retry.
    pub(crate) fn try_acquire(&self, user: &str) -> Result<UploadSlot, ServiceError> {
        // The lock only guards a counter update: no await, no panic inside, so poisoning
        // cannot leave the counts inconsistent.
        let mut c = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        let mine = c.by_user.get(user).copied().unwrap_or(0);
        if mine >= self.limits.per_user {
            return Err(ServiceError {
                retry_after: Some(RETRY_AFTER_SECS),
                ..ServiceError::new(
                    ErrorCode::RateLimited,
                    format!(
                        "at most {} uploads at once per user; wait for one to finish",
                        self.limits.per_user
                    ),
                )
            });
        }
        if c.total >= self.limits.global {
            return Err(ServiceError {
                retry_after: Some(RETRY_AFTER_SECS),
                ..ServiceError::new(
                    ErrorCode::Unavailable,
                    "the server is busy with other uploads; try again shortly",
                )
            });
        }
        c.total += 1;
        *c.by_user.entry(user.to_owned()).or_insert(0) += 1;
        Ok(UploadSlot {
            user: user.to_owned(),
            counts: self.counts.clone(),
        })
    }

    #[cfg(test)]
    fn in_use(&self) -> usize {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
    }
}

impl Drop for UploadSlot {
    fn drop(&mut self) {
        let mut c = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.by_user.get_mut(&self.user) {
            *n -= 1;
            // Forget idle users so the map holds only current uploaders.
            if *n == 0 {
                c.by_user.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_user_then_global_caps_and_slots_come_back() {
        let slots = UploadSlots::new(UploadLimits {
            global: 3,
            per_user: 2,
        });
        let a1 = slots.try_acquire("a").unwrap();
        let _a2 = slots.try_acquire("a").unwrap();
        let e = slots.try_acquire("a").unwrap_err();
        assert_eq!(e.code, ErrorCode::RateLimited);
        assert_eq!(e.retry_after, Some(RETRY_AFTER_SECS));
        let _b1 = slots.try_acquire("b").unwrap();
        let e = slots.try_acquire("c").unwrap_err();
        assert_eq!(e.code, ErrorCode::Unavailable);
        drop(a1);
        assert_eq!(slots.in_use(), 2);
        let _c1 = slots.try_acquire("c").unwrap();
        assert_eq!(slots.in_use(), 3);
    }

    #[test]
    fn concurrent_acquire_never_exceeds_the_cap() {
        let slots = UploadSlots::new(UploadLimits {
            global: 5,
            per_user: 100,
        });
        let held: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..32)
                .map(|i| {
                    let slots = slots.clone();
                    s.spawn(move || slots.try_acquire(&format!("u{i}")).ok())
                })
                .collect();
            handles
                .into_iter()
                .filter_map(|h| h.join().ok().flatten())
                .collect()
        });
        assert_eq!(held.len(), 5);
        drop(held);
        assert_eq!(slots.in_use(), 0);
    }
}
