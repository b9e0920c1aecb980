//! The pace guard: while the parser looks for the next part (the preamble, a boundary, a
//! part's headers), the body stream refuses to read on once more than a set number of bytes
//! arrived without a part being found. multer keeps everything it pulls while it searches, so
//! the guard is what bounds a part's headers and the preamble. Inside a part the guard is off:
//! there multer hands the data on as it arrives (holding back at most a boundary's length).

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
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
    /// The parser is looking for the next part: only then is the body counted and guarded.
    searching: AtomicBool,
    /// The guard paused the body once since the reader last got something.
    paused: AtomicBool,
}

/// The reader's side of [`paced`]: it calls [`Progress::mark`] each time it gets a part or a
/// piece of a part's data.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Counters>);

impl Progress {
    pub fn mark(&self) {
        let fed = self.0.fed.load(Ordering::Relaxed);
        self.0.seen.store(fed, Ordering::Relaxed);
        self.0.paused.store(false, Ordering::Relaxed);
    }

    /// Called with `true` before asking the parser for the next part and `false` once it
    /// answered: only bytes that arrive in between count against the guard.
    pub fn searching(&self, on: bool) {
        if on {
            self.mark();
        }
        self.0.searching.store(on, Ordering::Relaxed);
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
        let searching = self.progress.0.searching.load(Ordering::Relaxed);
        if searching && self.progress.ahead() > self.max_ahead {
            // multer reads the body until it would wait, and only then looks at what it
            // holds: a body that is already there (a fast socket, a buffer) runs past the
            // limit before the parser had a chance. So the first time, pretend the body waits
            // (and wake at once): the parser finds the part if its headers are in what it
            // holds, and only if it asks for more is the body refused.
            if !self.progress.0.paused.swap(true, Ordering::Relaxed) {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            return Poll::Ready(Some(Err(TooFarAhead(self.max_ahead).into())));
        }
        let next = Pin::new(&mut self.inner).poll_next(cx);
        if let Poll::Ready(Some(Ok(bytes))) = &next
            && searching
        {
            let fed = &self.progress.0.fed;
            fed.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        }
        next.map(|item| item.map(|r| r.map_err(Into::into)))
    }
}
