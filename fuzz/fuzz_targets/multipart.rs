//! The upload body reader the gateway runs (`artstation_multipart`: multer under the pace
//! guard, and the part loop), with its bounds scaled down so a small input reaches them. Two
//! halves per input: the input as a raw body (any bytes a client may send, arriving in pieces),
//! and a well-formed body built from the input, whose parts must come out exactly.

#![no_main]

use std::convert::Infallible;
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use artstation_multipart::{Bounds, ReadError, Sink, Summary, TooFarAhead, paced, read_upload};
use bytes::Bytes;
use futures_util::Stream;
use libfuzzer_sys::fuzz_target;

const BOUNDARY: &str = "B0und";

/// A body arriving in pieces, with a pause (`Pending`) before each, as from a socket.
struct Trickle {
    pieces: std::vec::IntoIter<Bytes>,
    paused: bool,
}

impl Stream for Trickle {
    type Item = Result<Bytes, Infallible>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.paused = !self.paused;
        if self.paused {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.pieces.next().map(Ok))
    }
}

/// Keeps what it is given; refuses the upload at the metadata when told to.
#[derive(Default)]
struct Keep {
    metadata: Option<Vec<u8>>,
    file: Vec<u8>,
    refuse_metadata: bool,
}

impl Sink for Keep {
    type Error = Infallible;
    async fn metadata(&mut self, bytes: Vec<u8>) -> Result<bool, Infallible> {
        self.metadata = Some(bytes);
        Ok(!self.refuse_metadata)
    }
    async fn file(&mut self, piece: &[u8]) -> Result<bool, Infallible> {
        self.file.extend_from_slice(piece);
        Ok(true)
    }
}

/// Runs a future that only ever waits on [`Trickle`] to completion.
fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..10_000_000 {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
    panic!("the reader never finished");
}

struct Setup {
    bounds: Bounds,
    max_ahead: u64,
    piece: usize,
}

impl Setup {
    fn from(b: &[u8; 4]) -> Self {
        Self {
            bounds: Bounds {
                max_metadata: 1 + usize::from(b[0] % 64),
                chunk: 1 + usize::from(b[1] % 32),
            },
            max_ahead: 128 + u64::from(b[2]),
            piece: 1 + usize::from(b[3] % 64),
        }
    }

    fn read(&self, body: &[u8], sink: &mut Keep) -> Result<Summary, ReadError<Infallible>> {
        let pieces: Vec<Bytes> = body
            .chunks(self.piece)
            .map(Bytes::copy_from_slice)
            .collect();
        let trickle = Trickle {
            pieces: pieces.into_iter(),
            paused: false,
        };
        let (body, progress) = paced(trickle, self.max_ahead);
        let mut multipart = multer::Multipart::new(body, BOUNDARY);
        let got = run(read_upload(&mut multipart, &progress, self.bounds, sink));
        // The parser never got more than one piece past the guard's limit.
        assert!(progress.ahead() <= self.max_ahead + self.piece as u64);
        if let Ok(sum) = &got {
            // Held at once: the metadata part, or under a chunk plus one piece of the file
            // (a piece is at most what the guard let the parser buffer).
            let file_bound = self.bounds.chunk + self.max_ahead as usize + self.piece;
            assert!(
                sum.peak_held <= self.bounds.max_metadata.max(file_bound),
                "{sum:?}"
            );
        }
        got
    }
}

fn too_far_ahead(e: &ReadError<Infallible>) -> bool {
    let ReadError::Multipart(e) = e else {
        return false;
    };
    std::error::Error::source(e).is_some_and(|s| s.is::<TooFarAhead>())
}

fn raw_body(setup: &Setup, body: &[u8]) {
    let mut keep = Keep::default();
    if let Ok(sum) = setup.read(body, &mut keep) {
        assert_eq!(
            sum.file_bytes.map(|n| n as usize),
            sum.file_bytes.map(|_| keep.file.len())
        );
        assert_eq!(sum.metadata, keep.metadata.is_some());
        if let Some(m) = &keep.metadata {
            assert!(m.len() <= setup.bounds.max_metadata);
        }
    }
}

#[derive(Debug, PartialEq)]
enum Expect {
    Read {
        metadata: Option<Vec<u8>>,
        file: Option<Vec<u8>>,
        refused: bool,
    },
    TooLarge,
    Repeated(&'static str),
}

fn built_body(setup: &Setup, data: &[u8]) {
    let Some((&flags, mut rest)) = data.split_first() else {
        return;
    };
    let mut body = Vec::new();
    let mut parts: Vec<(Option<&'static str>, &[u8])> = Vec::new();
    while let Some((&head, tail)) = rest.split_first() {
        let len = usize::from(head >> 2).min(tail.len());
        let (content, tail) = tail.split_at(len);
        rest = tail;
        let name = [Some("metadata"), Some("file"), Some("other"), None][usize::from(head & 3)];
        parts.push((name, content));
    }
    let delimiter = format!("\r\n--{BOUNDARY}");
    if parts.iter().any(|(_, c)| {
        c.windows(delimiter.len())
            .any(|w| w == delimiter.as_bytes())
    }) {
        return;
    }
    for (name, content) in &parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match name {
            Some(n) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{n}\"\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(b"Content-Type: text/plain\r\n"),
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());

    let refuse = flags & 1 == 1;
    // What the gateway's loop should make of the parts, worked out directly.
    let expect = {
        let (mut metadata, mut file) = (None, None);
        let mut refused = false;
        let mut outcome = None;
        for (name, content) in &parts {
            match *name {
                Some("metadata") if metadata.is_none() => {
                    if content.len() > setup.bounds.max_metadata {
                        outcome = Some(Expect::TooLarge);
                        break;
                    }
                    metadata = Some(content.to_vec());
                    if refuse {
                        refused = true;
                        break;
                    }
                }
                Some("file") if file.is_none() => file = Some(content.to_vec()),
                Some("metadata") => {
                    outcome = Some(Expect::Repeated("metadata"));
                    break;
                }
                Some("file") => {
                    outcome = Some(Expect::Repeated("file"));
                    break;
                }
                _ => {}
            }
        }
        outcome.unwrap_or(Expect::Read {
            metadata,
            file,
            refused,
        })
    };

    let mut keep = Keep {
        refuse_metadata: refuse,
        ..Keep::default()
    };
    let got = match setup.read(&body, &mut keep) {
        Ok(sum) => {
            assert_eq!(
                sum.file_bytes,
                sum.file_bytes.map(|_| keep.file.len() as u64)
            );
            Expect::Read {
                metadata: keep.metadata,
                file: sum.file_bytes.map(|_| keep.file),
                refused: sum.refused,
            }
        }
        Err(ReadError::MetadataTooLarge { max }) => {
            assert_eq!(max, setup.bounds.max_metadata);
            Expect::TooLarge
        }
        Err(ReadError::Repeated { part }) => Expect::Repeated(part),
        // A well-formed body's headers are short: the guard never trips on one.
        Err(e) => panic!("{e} (too far ahead: {})", too_far_ahead(&e)),
    };
    assert_eq!(got, expect);
}

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<4>() else {
        return;
    };
    let setup = Setup::from(head);
    raw_body(&setup, rest);
    built_body(&setup, rest);
});
