//! The derivatives' CPU work (decode, resize, encode) on a thread of its own at a lower
//! scheduling priority, so the upload path (receiving, hashing, storing originals) gets the
//! cores first whenever it wants them and the decodes take the rest. A thread per job, not the
//! runtime's blocking pool: an unprivileged thread cannot raise its priority back, and the
//! pool's threads also serve uploads. A decode lasts far longer than starting a thread.

use std::io;

/// The nice value of derivative threads: well below normal work, above idle. On Linux the
/// nice value is per thread, so only these threads are affected.
pub const NICE: i32 = 10;

/// Runs `work` on a new thread niced by `nice` more than the caller (not at all if 0 or the
/// system refuses).
pub async fn run<T: Send + 'static>(
    nice: i32,
    work: impl FnOnce() -> T + Send + 'static,
) -> io::Result<T> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("derivatives".to_owned())
        .spawn(move || {
            lower_priority(nice);
            // The receiver is gone only if the job was abandoned (its lease lost).
            let _ = tx.send(work());
        })?;
    rx.await
        .map_err(|_| io::Error::other("the derivative thread panicked"))
}

#[cfg(target_os = "linux")]
fn lower_priority(nice: i32) {
    if nice == 0 {
        return;
    }
    let tid = rustix::thread::gettid();
    // Relative to the process's own, so a daemon started niced stays below its other threads.
    let current = rustix::process::getpriority_process(Some(tid)).unwrap_or(0);
    if let Err(e) = rustix::process::setpriority_process(Some(tid), (current + nice).min(19)) {
        tracing::debug!(error = %e, "cannot lower a derivative thread's priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority(_nice: i32) {}

/// This thread's nice value (tests).
#[cfg(all(test, target_os = "linux"))]
fn current_nice() -> i32 {
    rustix::process::getpriority_process(Some(rustix::thread::gettid())).unwrap_or(i32::MIN)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_the_work_thread_is_niced() {
        let before = current_nice();
        let inside = run(NICE, current_nice).await.expect("thread");
        assert_eq!(inside, (before + NICE).min(19));
        assert_eq!(
            current_nice(),
            before,
            "the caller's thread keeps its priority"
        );
        let plain = run(0, current_nice).await.expect("thread");
        assert_eq!(plain, before);
    }

    #[tokio::test]
    async fn a_panic_is_an_error_not_a_hang() {
        let r = run(NICE, || -> u32 { panic!("decoder bug") }).await;
        assert!(r.is_err());
    }
}
