//! The memory uploads may wait in before they are committed. Spooling an original in memory
//! and sending it from there spares a remote store the staged file's write and read-back; a
//! budget over all uploads bounds what that costs, and an upload past it (or past its own
//! bound) is staged on disk instead, so memory stays bounded whatever arrives.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Bytes of uploads in progress a store lets wait in memory at once, and how large one upload
/// may grow there.
#[derive(Debug, Clone)]
pub struct SpoolBudget {
    total: Option<Arc<Semaphore>>,
    per_upload: usize,
}

/// The share of a [`SpoolBudget`] one upload holds; given back when dropped.
#[derive(Debug, Default)]
pub struct SpoolHold {
    permit: Option<OwnedSemaphorePermit>,
    bytes: usize,
}

impl SpoolHold {
    /// Bytes of the budget held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

impl SpoolBudget {
    /// `total` bytes over all uploads, at most `per_upload` for one.
    pub fn new(total: usize, per_upload: usize) -> Self {
        let total = total.min(Semaphore::MAX_PERMITS);
        Self {
            total: (total > 0).then(|| Arc::new(Semaphore::new(total))),
            per_upload: per_upload.min(total),
        }
    }

    /// No memory: every upload is staged on disk.
    pub fn disk_only() -> Self {
        Self {
            total: None,
            per_upload: 0,
        }
    }

    /// The most one upload may hold.
    pub fn per_upload(&self) -> usize {
        self.per_upload
    }

    /// Bytes of the budget nobody holds.
    pub fn available(&self) -> usize {
        self.total.as_ref().map_or(0, |s| s.available_permits())
    }

    /// Grows `hold` to `to` bytes, or leaves it as it was and says `false` when that would pass
    /// the upload's bound or the budget: the caller then stages the upload on disk. Never waits,
    /// so an upload never stalls behind others' memory.
    pub fn grow(&self, hold: &mut SpoolHold, to: usize) -> bool {
        if to <= hold.bytes {
            return true;
        }
        let Some(sem) = &self.total else {
            return false;
        };
        let Ok(more) = u32::try_from(to - hold.bytes) else {
            return false;
        };
        if to > self.per_upload {
            return false;
        }
        match sem.clone().try_acquire_many_owned(more) {
            Ok(p) => {
                match &mut hold.permit {
                    Some(held) => held.merge(p),
                    None => hold.permit = Some(p),
                }
                hold.bytes = to;
                true
            }
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_stay_within_the_budget_and_come_back() {
        let budget = SpoolBudget::new(100, 60);
        let mut a = SpoolHold::default();
        assert!(budget.grow(&mut a, 40));
        assert!(budget.grow(&mut a, 60));
        assert!(!budget.grow(&mut a, 61), "past one upload's bound");
        assert_eq!(a.bytes(), 60);
        let mut b = SpoolHold::default();
        assert!(budget.grow(&mut b, 40));
        assert!(!budget.grow(&mut b, 41), "past the whole budget");
        assert_eq!(budget.available(), 0);
        drop(a);
        assert_eq!(budget.available(), 60);
        assert!(budget.grow(&mut b, 60));

        let none = SpoolBudget::disk_only();
        let mut c = SpoolHold::default();
        assert!(!none.grow(&mut c, 1));
        assert_eq!(none.per_upload(), 0);
    }
}
