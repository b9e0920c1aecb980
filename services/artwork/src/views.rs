//! Views, counted cheaply: a viewer's repeat views within a window count once, counts gather
//! in memory and reach the store in one batched write every few seconds, so reading an
//! artwork never writes. The request names no client address, so anonymous viewers cannot be
//! told apart: anonymous views of one work count at most once a minute, whoever sends them.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::store::{ArtworkStore, StoreError, ViewTally};

/// A signed-in viewer's views of one work count once per this window.
pub const USER_WINDOW: Duration = Duration::from_secs(3600);
/// Anonymous views of one work count once per this window, for all anonymous viewers together.
pub const ANONYMOUS_WINDOW: Duration = Duration::from_secs(60);
/// How often counted views reach the store.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);
/// Bounds the memory of who saw what: past it, new viewers are not counted until a flush
/// forgets expired entries (a flood must not grow memory without end).
const MAX_SEEN: usize = 200_000;

/// Views counted but not yet written, and who was counted recently.
#[derive(Default)]
pub struct ViewCounter {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// (artwork id, viewer) → when their view last counted; `None` viewer is anonymous.
    seen: HashMap<(String, Option<String>), Instant>,
    pending: HashMap<String, (u32, DateTime<Utc>)>,
}

impl ViewCounter {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere leaves the maps consistent (every update is one insert).
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts a view of `artwork_id` by `viewer` (a user id, or `None` when anonymous) unless
    /// the same viewer's view already counted within the window; returns whether it counted.
    pub fn record(&self, artwork_id: &str, viewer: Option<&str>) -> bool {
        let now = Instant::now();
        let window = if viewer.is_some() {
            USER_WINDOW
        } else {
            ANONYMOUS_WINDOW
        };
        let mut inner = self.lock();
        let key = (artwork_id.to_owned(), viewer.map(str::to_owned));
        match inner.seen.get(&key) {
            Some(at) if now.duration_since(*at) < window => return false,
            Some(_) => {}
            None if inner.seen.len() >= MAX_SEEN => return false,
            None => {}
        }
        inner.seen.insert(key, now);
        let at = artstation_common::now();
        let entry = inner
            .pending
            .entry(artwork_id.to_owned())
            .or_insert((0, at));
        entry.0 = entry.0.saturating_add(1);
        entry.1 = at;
        true
    }

    /// Writes the views counted since the last flush in one batch, and forgets expired
    /// viewers. On failure the counts are kept for the next flush.
    pub async fn flush(&self, store: &dyn ArtworkStore) -> Result<usize, StoreError> {
        let tallies: Vec<ViewTally> = {
            let mut inner = self.lock();
            let now = Instant::now();
            inner.seen.retain(|(_, viewer), at| {
                let window = if viewer.is_some() {
                    USER_WINDOW
                } else {
                    ANONYMOUS_WINDOW
                };
                now.duration_since(*at) < window
            });
            inner
                .pending
                .drain()
                .map(|(artwork_id, (views, at))| ViewTally {
                    artwork_id,
                    views,
                    at,
                })
                .collect()
        };
        if tallies.is_empty() {
            return Ok(0);
        }
        if let Err(e) = store.record_views(&tallies).await {
            let mut inner = self.lock();
            for t in tallies {
                let entry = inner.pending.entry(t.artwork_id).or_insert((0, t.at));
                entry.0 = entry.0.saturating_add(t.views);
                entry.1 = entry.1.max(t.at);
            }
            return Err(e);
        }
        Ok(tallies.len())
    }
}
