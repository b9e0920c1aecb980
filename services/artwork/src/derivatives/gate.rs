//! Uploads in flight, as the derivative workers see them. An upload holds an [`InFlight`] from
//! its first message until its original is stored and its row written; a worker about to claim
//! a job first waits for none to be in flight ([`UploadGauge::quiet`]), for at most a cap, so an
//! endless stream of uploads slows the derivatives but cannot stop them.
//!
//! Yielding pays off for a batch, which ends: its works are made right after it, on cores it
//! no longer needs. Uploads that have not stopped for a whole cap are a steady stream instead
//! (many artists at once, slow links), and a worker that kept waiting a cap before every job
//! would make a handful of jobs a minute while its queue grew. So once a wait runs out, a
//! worker stops yielding for a while ([`Yielding`]); its decodes still run at a lower priority.

use std::time::Duration;

use tokio::time::Instant;

use tokio::sync::watch;

/// How many uploads are being received now; shared by the upload handler and the workers.
#[derive(Debug)]
pub struct UploadGauge {
    count: watch::Sender<usize>,
}

impl Default for UploadGauge {
    fn default() -> Self {
        Self {
            count: watch::Sender::new(0),
        }
    }
}

impl UploadGauge {
    /// Counts one more upload in flight until the returned guard is dropped (on every path:
    /// stored, refused, or cancelled by the client going away).
    pub fn enter(&self) -> InFlight<'_> {
        self.count.send_modify(|n| *n += 1);
        InFlight(self)
    }

    pub fn in_flight(&self) -> usize {
        *self.count.borrow()
    }

    /// Returns once no upload is in flight (`true`), or after `cap` of waiting for that
    /// (`false`).
    pub async fn quiet(&self, cap: Duration) -> bool {
        let mut rx = self.count.subscribe();
        matches!(
            tokio::time::timeout(cap, rx.wait_for(|n| *n == 0)).await,
            Ok(Ok(_))
        )
    }
}

/// One worker's manners before each claim: wait for quiet, unless uploads lately proved to be
/// a steady stream.
#[derive(Debug)]
pub struct Yielding {
    cap: Duration,
    steady_pause: Duration,
    not_before: Option<Instant>,
}

impl Yielding {
    /// Waits at most `cap` for quiet; a wait that runs out stops yielding for `steady_pause`.
    pub fn new(cap: Duration, steady_pause: Duration) -> Self {
        Self {
            cap,
            steady_pause,
            not_before: None,
        }
    }

    /// Returns when this worker may claim a job.
    pub async fn before_claim(&mut self, gauge: &UploadGauge) {
        if self.not_before.is_some_and(|t| Instant::now() < t) {
            return;
        }
        self.not_before = None;
        if !gauge.quiet(self.cap).await {
            self.not_before = Some(Instant::now() + self.steady_pause);
        }
    }
}

/// One upload in flight (see [`UploadGauge::enter`]).
#[derive(Debug)]
pub struct InFlight<'a>(&'a UploadGauge);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.count.send_modify(|n| *n = n.saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn quiet_at_once_without_uploads() {
        let gauge = UploadGauge::default();
        let started = Instant::now();
        assert!(gauge.quiet(Duration::from_secs(10)).await);
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn waits_until_the_last_upload_ends() {
        let gauge = Arc::new(UploadGauge::default());
        let (a_done, a_rx) = tokio::sync::oneshot::channel::<()>();
        let (b_done, b_rx) = tokio::sync::oneshot::channel::<()>();
        let (entered, mut entered_rx) = tokio::sync::mpsc::channel::<()>(2);
        for rx in [a_rx, b_rx] {
            let (gauge, entered) = (gauge.clone(), entered.clone());
            tokio::spawn(async move {
                let _upload = gauge.enter();
                entered.send(()).await.ok();
                rx.await.ok();
            });
        }
        entered_rx.recv().await;
        entered_rx.recv().await;
        assert_eq!(gauge.in_flight(), 2);

        let waiter = tokio::spawn({
            let gauge = gauge.clone();
            async move { gauge.quiet(Duration::from_secs(30)).await }
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        a_done.send(()).ok();
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!waiter.is_finished(), "one upload is still in flight");
        b_done.send(()).ok();
        let quiet = tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("the worker resumes once uploads stop")
            .expect("the waiter task");
        assert!(quiet);
        assert_eq!(gauge.in_flight(), 0);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_endless_stream_of_uploads_delays_by_at_most_the_cap() {
        let gauge = Arc::new(UploadGauge::default());
        // Overlapping uploads, so at every moment at least one is in flight.
        let stream = tokio::spawn({
            let gauge = gauge.clone();
            async move {
                let mut held = gauge.enter();
                loop {
                    let next = gauge.enter();
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    drop(std::mem::replace(&mut held, next));
                }
            }
        });
        while gauge.in_flight() == 0 {
            tokio::task::yield_now().await;
        }
        let started = Instant::now();
        let quiet = gauge.quiet(Duration::from_millis(300)).await;
        let waited = started.elapsed();
        stream.abort();
        assert!(!quiet, "uploads never stopped");
        assert!(waited >= Duration::from_millis(300), "waited {waited:?}");
        assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    }

    // Real time, scaled down (tokio's paused clock would need its test-util feature, which
    // would rebuild tokio and everything above it for the test build alone).
    const CAP: Duration = Duration::from_millis(200);
    const PAUSE: Duration = Duration::from_millis(1500);

    #[tokio::test]
    async fn a_steady_stream_stops_the_yielding_for_a_while() {
        let gauge = UploadGauge::default();
        let mut yielding = Yielding::new(CAP, PAUSE);
        let _upload = gauge.enter();

        // The first wait runs to the cap: the uploads might have been a batch about to end.
        let started = Instant::now();
        yielding.before_claim(&gauge).await;
        assert!(started.elapsed() >= CAP);
        // They were not: the next claims wait for nothing while the pause lasts.
        let pause_started = Instant::now();
        for _ in 0..3 {
            let started = Instant::now();
            yielding.before_claim(&gauge).await;
            assert!(started.elapsed() < CAP / 2, "{:?}", started.elapsed());
        }
        // Past the pause, a worker yields again.
        tokio::time::sleep_until(pause_started + PAUSE).await;
        let started = Instant::now();
        yielding.before_claim(&gauge).await;
        assert!(started.elapsed() >= CAP);
    }

    #[tokio::test]
    async fn a_batch_that_ends_within_the_cap_keeps_the_yielding() {
        let gauge = UploadGauge::default();
        let mut yielding = Yielding::new(Duration::from_secs(10), Duration::from_secs(60));
        for _ in 0..3 {
            let upload = gauge.enter();
            let started = Instant::now();
            tokio::join!(yielding.before_claim(&gauge), async move {
                tokio::time::sleep(Duration::from_millis(100)).await;
                drop(upload);
            });
            // Each claim waited for its batch's end, not for the cap: no pause set.
            let waited = started.elapsed();
            assert!(waited >= Duration::from_millis(100), "{waited:?}");
            assert!(waited < Duration::from_secs(5), "{waited:?}");
        }
        let _upload = gauge.enter();
        let waiter =
            tokio::time::timeout(Duration::from_millis(300), yielding.before_claim(&gauge));
        assert!(waiter.await.is_err(), "still yielding to a new batch");
    }

    #[tokio::test]
    async fn a_cancelled_upload_is_no_longer_counted() {
        let gauge = Arc::new(UploadGauge::default());
        let upload = tokio::spawn({
            let gauge = gauge.clone();
            async move {
                let _upload = gauge.enter();
                std::future::pending::<()>().await;
            }
        });
        while gauge.in_flight() == 0 {
            tokio::task::yield_now().await;
        }
        upload.abort();
        assert!(upload.await.is_err());
        assert_eq!(gauge.in_flight(), 0);
        assert!(gauge.quiet(Duration::from_millis(10)).await);
    }
}
