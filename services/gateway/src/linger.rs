//! Lingering close for HTTP/1, as nginx's `lingering_close`. When the gateway answers before
//! it has read a request's whole body (a 429 for an upload past the user's cap, a 401, a 400
//! on bad metadata) and then closes, the kernel resets the connection because unread bytes
//! are still arriving, and a reset discards the answer waiting in the client's receive
//! buffer: the client sees "broken pipe" instead of the 429 and its `Retry-After`, and retries
//! at once. So an unread HTTP/1 body is read out and thrown away after the answer, for a
//! bounded time, and the client reads the answer it was given.
//!
//! HTTP/2 needs none of this: dropping the body resets only that stream, after the answer.
//! Nor does a client that sent `Expect: 100-continue` and was answered before its body was
//! asked for: it is waiting for the go-ahead, sends nothing, and reads the answer instead.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use tokio::time::Instant;

/// Longest an unread body is read out after the answer (nginx's `lingering_time` is 30 s; a
/// refused upload on a working link finishes well within this).
const LINGER_TIME: Duration = Duration::from_secs(10);
/// Longest the client may send nothing while its body is read out (nginx's
/// `lingering_timeout`).
const LINGER_IDLE: Duration = Duration::from_secs(2);

/// A request body that is read out in the background if the handler drops it unfinished.
pub(crate) struct Lingering {
    inner: Option<Incoming>,
    linger: bool,
    /// The client waits for `100 Continue`, which asking for the body sends.
    awaits_continue: bool,
}

impl Lingering {
    pub(crate) fn new(body: Incoming, parts: &hyper::http::request::Parts) -> Self {
        let awaits_continue = parts
            .headers
            .get(hyper::header::EXPECT)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        Self {
            inner: Some(body),
            linger: parts.version <= hyper::Version::HTTP_11,
            awaits_continue,
        }
    }
}

impl Body for Lingering {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let this = self.get_mut();
        // Asked for once, the body is on its way (hyper sent the go-ahead).
        this.awaits_continue = false;
        match this.inner.as_mut() {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), Body::size_hint)
    }
}

impl Drop for Lingering {
    fn drop(&mut self) {
        let Some(body) = self.inner.take() else {
            return;
        };
        if !self.linger || self.awaits_continue || body.is_end_stream() {
            return;
        }
        // Dropped outside a runtime only at shutdown, when the connection goes anyway.
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(read_out(body));
        }
    }
}

/// Reads and discards `body` until it ends, fails, idles for `LINGER_IDLE`, or `LINGER_TIME`
/// has passed; memory stays at one frame whatever the client sends.
async fn read_out(mut body: Incoming) {
    let until = Instant::now() + LINGER_TIME;
    loop {
        let next = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx));
        let by = until.min(Instant::now() + LINGER_IDLE);
        match tokio::time::timeout_at(by, next).await {
            Ok(Some(Ok(_))) => {}
            Ok(None | Some(Err(_))) | Err(_) => return,
        }
    }
}
