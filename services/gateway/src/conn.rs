//! How the gateway holds its connections: bounded in number, in how long a request head may
//! take to arrive, and in how long a connection may sit without any I/O. Without these a few
//! thousand idle or trickling clients would hold the gateway.

use std::future::Future as _;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};

use crate::linger::Lingering;

/// Longest a client may take to send a request head, and (HTTP/1) to start the next request
/// on a kept-alive connection.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest a connection may go without reading or writing a byte (a stalled upload, a reader
/// that stopped reading), unless configured otherwise.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Most connections open at once unless configured otherwise; past it the gateway stops
/// accepting until one closes.
pub const MAX_CONNECTIONS: usize = 10_000;

pub(crate) async fn serve(
    listener: TcpListener,
    app: axum::Router,
    idle_timeout: Duration,
    max_connections: usize,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(30)))
        .keep_alive_timeout(Duration::from_secs(20));
    let slots = Arc::new(Semaphore::new(max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of descriptors and the like: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
        let inner = TowerToHyperService::new(app.clone());
        let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            let (parts, body) = req.into_parts();
            let body = Lingering::new(body, &parts);
            let mut req = hyper::Request::from_parts(parts, body);
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            hyper::service::Service::call(&inner, req)
        });
        let conn = builder
            .serve_connection_with_upgrades(IdleLimit::new(stream, idle_timeout), service)
            .into_owned();
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    // As before: in-flight requests finish, idle connections close.
    graceful.shutdown().await;
    Ok(())
}

/// A socket that fails once it has gone `limit` without any read or write progress.
struct IdleLimit {
    io: TokioIo<TcpStream>,
    limit: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl IdleLimit {
    fn new(stream: TcpStream, limit: Duration) -> Self {
        Self {
            io: TokioIo::new(stream),
            limit,
            deadline: Box::pin(tokio::time::sleep(limit)),
        }
    }

    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        match polled {
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "connection idle too long",
                ))),
                Poll::Pending => Poll::Pending,
            },
            ready => {
                let next = Instant::now() + self.limit;
                self.deadline.as_mut().reset(next);
                ready
            }
        }
    }
}

impl hyper::rt::Read for IdleLimit {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_read(cx, buf);
        this.watch(cx, polled)
    }
}

impl hyper::rt::Write for IdleLimit {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write(cx, buf);
        this.watch(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_flush(cx);
        this.watch(cx, polled)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}
