//! The pace guard: the body stream refuses to read on once the parser holds more than a set
//! number of bytes the reader has not been handed. multer pulls from the body whenever its
//! buffer lacks what it looks for (a part's header end, a boundary) and keeps all of it, so
//! the guard is what bounds a part's headers and the preamble.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::Stream;

/// The body ran more than the allowed number of bytes ahead of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("more than {0} bytes of the body arrived without a part or its data being read")]
pub struct TooFarAhead(pub u64);

#[derive(Debug, Default)]
struct Counters {
    /// Bytes the body has yielded.
    fed: AtomicU64,
    /// `fed` when the reader last got something (a part, a piece of data).
    seen: AtomicU64,
}

/// The reader's side of [`paced`]: it calls [`Progress::mark`] each time it gets a part or a
/// piece of a part's data.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Counters>);

impl Progress {
    pub fn mark(&self) {
        let fed = self.0.fed.load(Ordering::Relaxed);
        self.0.seen.store(fed, Ordering::Relaxed);
    }

    /// Bytes the body yielded since the reader last got something: at most the guard's limit
    /// plus one read of the body.
    pub fn ahead(&self) -> u64 {
        let c = &self.0;
        c.fed
            .load(Ordering::Relaxed)
            .saturating_sub(c.seen.load(Ordering::Relaxed))
    }
}

/// A body stream under the pace guard; see [`paced`].
pub struct Paced<S> {
    inner: S,
    progress: Progress,
    max_ahead: u64,
}

/// Wraps `body` so it ends with [`TooFarAhead`] instead of reading on while more than
/// `max_ahead` bytes went by since the reader last marked [`Progress`].
pub fn paced<S>(body: S, max_ahead: u64) -> (Paced<S>, Progress) {
    let progress = Progress::default();
    let stream = Paced {
        inner: body,
        progress: progress.clone(),
        max_ahead,
    };
    (stream, progress)
}

/// What a paced body fails with: the body's own error, or [`TooFarAhead`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl<S, E> Stream for Paced<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<BoxError>,
{
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.progress.ahead() > self.max_ahead {
            return Poll::Ready(Some(Err(TooFarAhead(self.max_ahead).into())));
        }
        let next = Pin::new(&mut self.inner).poll_next(cx);
        if let Poll::Ready(Some(Ok(bytes))) = &next {
            let fed = &self.progress.0.fed;
            fed.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        }
        next.map(|item| item.map(|r| r.map_err(Into::into)))
    }
}
